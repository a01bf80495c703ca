/**
 * Type-checks and compiles the learner's code with the editor's own TypeScript worker. A file
 * with errors is never run: the learner gets each error with its line number instead.
 */
import type * as Monaco from 'monaco-editor';
import type { editor } from 'monaco-editor';

export interface Problem {
  line: number;
  column: number;
  message: string;
}

export type CompileOutcome = { ok: true; js: string } | { ok: false; problems: Problem[] };

interface MessageChain {
  messageText: string;
  next?: MessageChain[];
}

function flatten(text: string | MessageChain, depth = 0): string {
  if (typeof text === 'string') return text;
  const nested = (text.next ?? []).map((next) => flatten(next, depth + 1));
  return [text.messageText, ...nested].join(' ');
}

function isError(diagnostic: { category: number }): boolean {
  return diagnostic.category === 1;
}

export async function compileModel(
  monaco: typeof Monaco,
  model: editor.ITextModel,
): Promise<CompileOutcome> {
  const getWorker = await monaco.typescript.getTypeScriptWorker();
  const worker = await getWorker(model.uri);
  const fileName = model.uri.toString();
  // A syntax error makes the type checker report follow-on errors that only confuse: show the
  // syntax errors alone, and type errors once the file parses.
  const syntactic = (await worker.getSyntacticDiagnostics(fileName)).filter(isError);
  const diagnostics =
    syntactic.length > 0
      ? syntactic
      : (await worker.getSemanticDiagnostics(fileName)).filter(isError);

  if (diagnostics.length > 0) {
    const problems = diagnostics.map((diagnostic) => {
      const position = model.getPositionAt(diagnostic.start ?? 0);
      return {
        line: position.lineNumber,
        column: position.column,
        message: flatten(diagnostic.messageText),
      };
    });
    problems.sort((a, b) => a.line - b.line || a.column - b.column);
    return { ok: false, problems };
  }

  const output = await worker.getEmitOutput(fileName);
  const js = output.outputFiles.find((file) => file.name.endsWith('.js'))?.text;
  if (js === undefined) {
    return {
      ok: false,
      problems: [
        { line: 1, column: 1, message: 'TypeScript produced no JavaScript for this file.' },
      ],
    };
  }
  return { ok: true, js };
}
