/// <reference lib="webworker" />
/**
 * The page's simulation worker: runs simulations and exercise checks off the main thread so
 * the page stays responsive. Answers every request with exactly one final message.
 */
import { simulate } from '../sim/index.ts';
import { billForUsage } from '../pricing/bill.ts';
import { shippedSnapshot } from '../pricing/snapshot.ts';
import { toWorkerError } from './errors.ts';
import { runExercise } from './run-exercise.ts';
import type { WorkerRequest, WorkerResponse } from './protocol.ts';

const scope = self as unknown as DedicatedWorkerGlobalScope;

function reply(message: WorkerResponse): void {
  scope.postMessage(message);
}

async function handle(request: WorkerRequest): Promise<void> {
  try {
    if (request.type === 'simulate') {
      let lastPercent = -1;
      const results = simulate(request.stack, request.scenario, {
        seed: request.seed,
        onProgress: (fraction) => {
          const percent = Math.floor(fraction * 100);
          if (percent === lastPercent) return;
          lastPercent = percent;
          reply({ type: 'progress', id: request.id, fraction });
        },
      });
      const bill = billForUsage(results.usage, shippedSnapshot(), { region: request.stack.region });
      reply({ type: 'simulated', id: request.id, results, bill });
    } else {
      const checks = await runExercise(request.exerciseId, request.js, request.seed);
      reply({ type: 'checked', id: request.id, checks });
    }
  } catch (error) {
    reply({ type: 'error', id: request.id, error: toWorkerError(error) });
  }
}

scope.addEventListener('message', (event: MessageEvent<WorkerRequest>) => {
  void handle(event.data);
});
