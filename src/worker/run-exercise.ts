/**
 * Runs a learner's compiled exercise module against the exercise's visible checks. Lives in
 * the worker: a learner's infinite loop blocks only this thread, and the page's watchdog ends it.
 */
import * as sim from '../sim/index.ts';
import { runChecks, type Check, type CheckResult } from '../checks/check.ts';

/** Only the visible checks are bundled: the pattern never matches `hidden.checks.ts`. */
const checkModules = import.meta.glob<{ default: Check<unknown>[] }>('../../exercises/*/checks.ts');

const allowedModules: Record<string, unknown> = { '@course/sim': sim };

export class LearnerCodeError extends Error {
  readonly code: string;
  readonly hint?: string;
  constructor(code: string, message: string, hint?: string) {
    super(message);
    this.name = 'LearnerCodeError';
    this.code = code;
    if (hint !== undefined) this.hint = hint;
  }
}

/** Evaluates CommonJS output of the learner's TypeScript and returns its exports. */
export function evaluateModule(js: string): Record<string, unknown> {
  const module = { exports: {} as Record<string, unknown> };
  const require = (name: string): unknown => {
    if (name in allowedModules) return allowedModules[name];
    throw new LearnerCodeError(
      'unknown-import',
      `Your code imports \`${name}\`, which is not available here.`,
      "Import only from '@course/sim'.",
    );
  };
  try {
    // The learner's own code, compiled by the editor. It runs in this worker only.
    const factory = new Function('require', 'module', 'exports', js);
    factory(require, module, module.exports);
  } catch (error) {
    if (error instanceof LearnerCodeError) throw error;
    const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    throw new LearnerCodeError(
      'learner-code-threw',
      `Your code threw while loading: ${detail}`,
      'Look at the top level of your file: code outside functions runs as soon as it loads.',
    );
  }
  return module.exports;
}

export async function loadVisibleChecks(exerciseId: string): Promise<Check<unknown>[]> {
  const load = checkModules[`../../exercises/${exerciseId}/checks.ts`];
  if (!load) {
    throw new LearnerCodeError(
      'unknown-exercise',
      `There is no exercise called \`${exerciseId}\`.`,
      'Check the exercise id on the page.',
    );
  }
  return (await load()).default;
}

export async function runExercise(
  exerciseId: string,
  js: string,
  seed: number,
): Promise<CheckResult[]> {
  const checks = await loadVisibleChecks(exerciseId);
  const mod = evaluateModule(js);
  return runChecks(checks, mod, { seed });
}
