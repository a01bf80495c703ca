/**
 * Messages between the page (main thread) and the simulation worker. Plain, structured-clone
 * data only. The main thread owns the watchdog: if no answer comes in time it terminates the
 * worker and starts a fresh one.
 */
import type { Scenario, SimResults, StackSpec } from '../sim/index.ts';
import type { Bill } from '../pricing/bill.ts';
import type { CheckResult } from '../checks/check.ts';

export type WorkerRequest =
  | {
      type: 'simulate';
      id: number;
      stack: StackSpec;
      scenario: Scenario;
      seed: number;
    }
  | {
      type: 'exercise';
      id: number;
      exerciseId: string;
      /** The learner's code, compiled to CommonJS by the editor's TypeScript worker. */
      js: string;
      seed: number;
    };

export type WorkerResponse =
  | { type: 'progress'; id: number; fraction: number }
  | { type: 'simulated'; id: number; results: SimResults; bill: Bill }
  | { type: 'checked'; id: number; checks: CheckResult[] }
  | { type: 'error'; id: number; error: WorkerError };

/** An error as the learner reads it. */
export interface WorkerError {
  /** Stable code, e.g. `unknown-instance-type`, `learner-code-threw`, `timeout`. */
  code: string;
  message: string;
  /** Where in the stack or scenario the bad value sits, when known. */
  path?: string;
  hint?: string;
}
