import type { WorkerError } from './protocol.ts';

/** Converts anything thrown inside the worker into a message the page can show as it is. */
export function toWorkerError(error: unknown, fallbackCode = 'internal'): WorkerError {
  if (error instanceof Error) {
    const { code, path, hint } = error as Error & {
      code?: unknown;
      path?: unknown;
      hint?: unknown;
    };
    return {
      code: typeof code === 'string' ? code : fallbackCode,
      message: error.message || error.name,
      ...(typeof path === 'string' ? { path } : {}),
      ...(typeof hint === 'string' ? { hint } : {}),
    };
  }
  return {
    code: fallbackCode,
    message: `Something other than an error was thrown: ${String(error)}`,
  };
}
