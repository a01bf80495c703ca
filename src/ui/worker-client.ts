/**
 * Main-thread side of the simulation worker. One client per component. Every call has a
 * watchdog: when the worker does not answer in time (a learner's endless loop, say), the
 * worker is terminated and a fresh one replaces it, and the call fails with a clear message.
 */
import type { WorkerError, WorkerRequest, WorkerResponse } from '../worker/protocol.ts';

type Final = Exclude<WorkerResponse, { type: 'progress' }>;
type RequestBody = WorkerRequest extends infer R
  ? R extends { id: number }
    ? Omit<R, 'id'>
    : never
  : never;

export class WorkerCallError extends Error {
  readonly code: string;
  readonly path?: string;
  readonly hint?: string;
  constructor(error: WorkerError) {
    super(error.message);
    this.name = 'WorkerCallError';
    this.code = error.code;
    if (error.path !== undefined) this.path = error.path;
    if (error.hint !== undefined) this.hint = error.hint;
  }
}

export interface CallOptions {
  /** Give up, terminate the worker and start a new one after this long. */
  timeoutMs: number;
  onProgress?: (fraction: number) => void;
}

export class SimWorkerClient {
  private worker: Worker | undefined;
  private nextId = 1;

  private spawn(): Worker {
    this.worker ??= new Worker(new URL('../worker/sim.worker.ts', import.meta.url), {
      type: 'module',
      name: 'course-simulator',
    });
    return this.worker;
  }

  /** Ends the current worker; the next call starts a fresh one. */
  reset(): void {
    this.worker?.terminate();
    this.worker = undefined;
  }

  call(body: RequestBody, options: CallOptions): Promise<Final> {
    const worker = this.spawn();
    const id = this.nextId++;
    return new Promise<Final>((resolve, reject) => {
      const finish = (): void => {
        clearTimeout(timer);
        worker.removeEventListener('message', onMessage);
        worker.removeEventListener('error', onError);
      };
      const timer = setTimeout(() => {
        finish();
        this.reset();
        const seconds = Math.round(options.timeoutMs / 1000);
        reject(
          new WorkerCallError({
            code: 'timeout',
            message: `Stopped after ${seconds} s without an answer.`,
            hint: 'Look for a loop that never ends. Your code is still in the editor.',
          }),
        );
      }, options.timeoutMs);
      const onMessage = (event: MessageEvent<WorkerResponse>): void => {
        const message = event.data;
        if (message.id !== id) return;
        if (message.type === 'progress') {
          options.onProgress?.(message.fraction);
          return;
        }
        finish();
        if (message.type === 'error') reject(new WorkerCallError(message.error));
        else resolve(message);
      };
      const onError = (event: ErrorEvent): void => {
        finish();
        this.reset();
        reject(
          new WorkerCallError({
            code: 'worker-crashed',
            message: event.message || 'The simulator stopped unexpectedly.',
          }),
        );
      };
      worker.addEventListener('message', onMessage);
      worker.addEventListener('error', onError);
      worker.postMessage({ ...body, id } as WorkerRequest);
    });
  }
}
