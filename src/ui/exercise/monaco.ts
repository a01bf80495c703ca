/**
 * Monaco set-up for exercises: its workers, TypeScript options, and the simulator's type
 * definitions (generated from `src/sim` by `npm run gen`) so that `@course/sim` autocompletes.
 */
import * as monaco from 'monaco-editor';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import TsWorker from 'monaco-editor/language/typescript/ts.worker?worker';
import { simTypeFiles } from '../../generated/sim-types.ts';

let configured = false;

export function setUpMonaco(): typeof monaco {
  if (configured) return monaco;
  configured = true;

  self.MonacoEnvironment = {
    getWorker(_workerId: string, label: string): Worker {
      return label === 'typescript' || label === 'javascript' ? new TsWorker() : new EditorWorker();
    },
  };

  const ts = monaco.typescript;
  ts.typescriptDefaults.setCompilerOptions({
    target: ts.ScriptTarget.ES2020,
    lib: ['es2020'],
    module: ts.ModuleKind.CommonJS,
    moduleResolution: ts.ModuleResolutionKind.NodeJs,
    strict: true,
    noEmitOnError: false,
    allowNonTsExtensions: true,
    allowImportingTsExtensions: true,
    noEmit: false,
  });
  ts.typescriptDefaults.setDiagnosticsOptions({
    noSemanticValidation: false,
    noSyntaxValidation: false,
  });
  ts.typescriptDefaults.setEagerModelSync(true);
  for (const file of simTypeFiles) {
    ts.typescriptDefaults.addExtraLib(
      file.content,
      `file:///node_modules/@course/sim/${file.path}`,
    );
  }
  return monaco;
}

export function monacoTheme(): string {
  return document.documentElement.dataset.theme === 'dark' ? 'vs-dark' : 'vs';
}
