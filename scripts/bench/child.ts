/** Starts `run-case.ts` in a fresh Node process and reads back its one-line JSON report. */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { MemoryReport, SpeedReport } from './run-case.ts';

const RUNNER = fileURLToPath(new URL('./run-case.ts', import.meta.url));

/** Runs `name` for speed (warm-up, then best of 3) in its own process. */
export function spawnSpeed(name: string, customers: number, nodeFlags: string[] = []): SpeedReport {
  return spawnRunner(['speed', name, String(customers)], nodeFlags) as SpeedReport;
}

/** Runs `name` once for memory in its own process. */
export function spawnMemory(name: string, customers: number): MemoryReport {
  return spawnRunner(['memory', name, String(customers)], []) as MemoryReport;
}

function spawnRunner(args: string[], nodeFlags: string[]): unknown {
  const child = spawnSync(process.execPath, ['--expose-gc', ...nodeFlags, RUNNER, ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  if (child.status !== 0) {
    throw new Error(`Benchmark child \`${args.join(' ')}\` failed (exit ${child.status})`);
  }
  const last = child.stdout.trim().split('\n').at(-1) ?? '';
  return JSON.parse(last);
}
