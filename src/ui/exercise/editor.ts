/**
 * Mounts Monaco inside a `<course-exercise>`, restores the learner's saved code, saves every
 * change, and runs the checks on Run or Ctrl/Cmd+Enter: type-check and compile here, then
 * evaluate and check in the simulation worker under a time limit.
 */
import type { CheckResult } from '../../checks/check.ts';
import { SimWorkerClient, WorkerCallError } from '../worker-client.ts';
import { compileModel, type Problem } from './compile.ts';
import { monacoTheme, setUpMonaco } from './monaco.ts';
import { loadWork, saveWork } from './storage.ts';

const SAVE_DELAY_MS = 400;
const CHECK_SEED = 1;

function part<T extends Element>(root: HTMLElement, selector: string): T {
  const found = root.querySelector<T>(selector);
  if (!found) throw new Error(`Bug: the exercise has no \`${selector}\`.`);
  return found;
}

function readStarter(root: HTMLElement): string {
  const raw = part<HTMLScriptElement>(root, 'script[data-starter]').textContent ?? '""';
  return JSON.parse(raw) as string;
}

function showProblems(list: HTMLElement, problems: Problem[]): void {
  list.replaceChildren(
    ...problems.map((problem) => {
      const item = document.createElement('li');
      item.textContent = `Line ${problem.line}, column ${problem.column}: ${problem.message}`;
      return item;
    }),
  );
  list.hidden = problems.length === 0;
}

/** Puts text into `parent`, showing `backticked` names as code. */
function appendProse(parent: HTMLElement, text: string): void {
  text.split('`').forEach((piece, index) => {
    if (index % 2 === 1) {
      const code = document.createElement('code');
      code.textContent = piece;
      parent.append(code);
    } else if (piece) {
      parent.append(piece);
    }
  });
}

function showResults(list: HTMLElement, results: CheckResult[]): void {
  list.replaceChildren(
    ...results.map((result) => {
      const item = document.createElement('li');
      item.className = result.passed ? 'check-pass' : 'check-fail';
      item.dataset.check = result.id;
      const verdict = document.createElement('strong');
      verdict.textContent = result.passed ? 'Pass' : 'Fail';
      const title = document.createElement('span');
      title.textContent = ` ${result.title}`;
      item.append(verdict, title);
      if (result.message) {
        const why = document.createElement('p');
        appendProse(why, result.message);
        item.append(why);
      }
      return item;
    }),
  );
  list.hidden = results.length === 0;
}

export async function mountExercise(root: HTMLElement): Promise<void> {
  const exerciseId = root.dataset.exercise ?? '';
  const version = Number(root.dataset.version ?? '1');
  const timeoutMs = Number(root.dataset.timeoutMs ?? '10000');
  const starter = readStarter(root);
  const status = part<HTMLElement>(root, '.exercise-status');
  const saved = part<HTMLElement>(root, '.exercise-saved');
  const problemsList = part<HTMLElement>(root, '.exercise-problems');
  const resultsList = part<HTMLElement>(root, '.exercise-results');
  const runButton = part<HTMLButtonElement>(root, '[data-action="run"]');
  const resetButton = part<HTMLButtonElement>(root, '[data-action="reset"]');
  const host = part<HTMLElement>(root, '.exercise-editor');

  const monaco = setUpMonaco();
  const previous = loadWork(exerciseId);
  const model = monaco.editor.createModel(
    previous?.code ?? starter,
    'typescript',
    monaco.Uri.parse(`file:///exercises/${exerciseId}/answer.ts`),
  );
  host.replaceChildren();
  const editor = monaco.editor.create(host, {
    model,
    theme: monacoTheme(),
    automaticLayout: true,
    minimap: { enabled: false },
    wordWrap: 'on',
    wrappingIndent: 'indent',
    fontSize: 14,
    scrollBeyondLastLine: false,
    tabSize: 2,
    ariaLabel: host.getAttribute('aria-label') ?? 'Code editor',
  });
  new MutationObserver(() => monaco.editor.setTheme(monacoTheme())).observe(
    document.documentElement,
    { attributes: true, attributeFilter: ['data-theme'] },
  );

  let saveTimer: ReturnType<typeof setTimeout> | undefined;
  const save = (): void => {
    const ok = saveWork(exerciseId, {
      code: model.getValue(),
      version,
      savedAt: new Date().toISOString(),
    });
    saved.textContent = ok
      ? 'Saved in this browser.'
      : 'Could not save: this browser refuses storage. Copy your code before you leave.';
  };
  model.onDidChangeContent(() => {
    clearTimeout(saveTimer);
    saveTimer = setTimeout(save, SAVE_DELAY_MS);
  });
  addEventListener('pagehide', () => {
    if (saveTimer !== undefined) save();
  });

  const client = new SimWorkerClient();
  let running = false;
  const run = async (): Promise<void> => {
    if (running) return;
    running = true;
    // aria-disabled rather than disabled: a disabled button drops keyboard focus to the page.
    runButton.setAttribute('aria-disabled', 'true');
    root.dataset.state = 'running';
    showResults(resultsList, []);
    showProblems(problemsList, []);
    try {
      status.textContent = 'Checking types…';
      const compiled = await compileModel(monaco, model);
      if (!compiled.ok) {
        showProblems(problemsList, compiled.problems);
        const count = compiled.problems.length;
        status.textContent = `Nothing was run: fix the ${count === 1 ? 'error' : `${count} errors`} below first.`;
        root.dataset.state = 'problems';
        return;
      }
      status.textContent = 'Running the checks in the simulator…';
      // A fresh worker for every run: nothing one run's code changed can leak into the next.
      client.reset();
      const answer = await client.call(
        { type: 'exercise', exerciseId, js: compiled.js, seed: CHECK_SEED },
        { timeoutMs },
      );
      if (answer.type !== 'checked')
        throw new Error('Bug: the worker answered checks with a simulation.');
      showResults(resultsList, answer.checks);
      const passed = answer.checks.filter((check) => check.passed).length;
      const total = answer.checks.length;
      status.textContent =
        passed === total
          ? `All ${total} checks pass. Well done.`
          : `${passed} of ${total} checks pass. Read the failures below, change your code and run again.`;
      root.dataset.state = passed === total ? 'passed' : 'failed';
    } catch (error) {
      const message =
        error instanceof WorkerCallError
          ? [error.message, error.hint].filter(Boolean).join(' ')
          : error instanceof Error
            ? error.message
            : String(error);
      status.textContent = `The run stopped: ${message}`;
      root.dataset.state =
        error instanceof WorkerCallError && error.code === 'timeout' ? 'timeout' : 'error';
    } finally {
      running = false;
      runButton.removeAttribute('aria-disabled');
    }
  };

  editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, () => void run());
  root.addEventListener('keydown', (event) => {
    if ((event.ctrlKey || event.metaKey) && event.key === 'Enter') {
      event.preventDefault();
      void run();
    }
  });
  runButton.addEventListener('click', () => void run());

  resetButton.addEventListener('click', () => {
    if (model.getValue() === starter) return;
    // pushEditOperations keeps the change on the undo stack, so Ctrl/Cmd+Z brings the code back.
    model.pushEditOperations([], [{ range: model.getFullModelRange(), text: starter }], () => null);
    const message = 'Back to the starter. Press Ctrl+Z (Cmd+Z) in the editor to undo.';
    status.textContent = message;
    const clear = model.onDidChangeContent(() => {
      if (status.textContent === message) status.textContent = '';
      clear.dispose();
    });
    editor.focus();
  });

  runButton.disabled = false;
  resetButton.disabled = false;
  if (previous && previous.version !== version) {
    status.textContent = `Your saved code was written for an older version of this exercise. It is kept as it was; press Reset to start from the new starter.`;
  } else {
    status.textContent = previous
      ? 'Your saved code is back. Press Run to check it.'
      : 'Ready. Press Run to check the starter.';
  }
  root.dataset.ready = 'true';
}
