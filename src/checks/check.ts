/**
 * A check is data plus a function of the learner's module. The same check objects run in
 * Vitest (against the reference solution), in the page's Web Worker (against the learner's
 * compiled code) and, later, in the instructor grader. Verdicts are computed here, from what
 * `run` throws, never from anything the learner's module reports about itself.
 */

/** Who sees a check: visible checks run in the page; hidden ones only when grading. */
export type CheckVisibility = 'visible' | 'hidden';

/** What a check receives besides the learner's module. */
export interface CheckContext {
  /** Seed for every simulation the check runs, so a run can be reproduced. */
  seed: number;
}

export interface Check<Module = Record<string, unknown>> {
  /** Stable id, unique within the exercise. */
  id: string;
  /** One sentence a learner reads: what must be true. */
  title: string;
  /** Points when the check passes. */
  points: number;
  visibility: CheckVisibility;
  /** Throws (usually through `expect`) when the learner's module does not meet the check. */
  run(mod: Module, ctx: CheckContext): void | Promise<void>;
}

export interface CheckResult {
  id: string;
  title: string;
  points: number;
  passed: boolean;
  /** Why it failed, written for the learner. Absent when the check passed. */
  message?: string;
}

/** Declares an exercise's checks with their module type, so `run` sees the learner's exports. */
export function defineChecks<Module>(checks: Check<Module>[]): Check<Module>[] {
  const seen = new Set<string>();
  for (const check of checks) {
    if (seen.has(check.id)) throw new Error(`Bug: two checks share the id \`${check.id}\`.`);
    seen.add(check.id);
  }
  return checks;
}

/** Turns anything a check threw into a message a learner can act on. */
export function describeFailure(error: unknown): string {
  if (error instanceof Error) {
    const hint = (error as { hint?: unknown }).hint;
    const message = error.message.trim() || error.name;
    return typeof hint === 'string' && !message.includes(hint) ? `${message} ${hint}` : message;
  }
  return `The check stopped with a non-error value: ${String(error)}`;
}

/** Runs the checks one after another; one failing or throwing check never stops the others. */
export async function runChecks<Module>(
  checks: readonly Check<Module>[],
  mod: Module,
  ctx: CheckContext,
): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  for (const check of checks) {
    const base = { id: check.id, title: check.title, points: check.points };
    try {
      await check.run(mod, ctx);
      results.push({ ...base, passed: true });
    } catch (error) {
      results.push({ ...base, passed: false, message: describeFailure(error) });
    }
  }
  return results;
}
