/**
 * Child process of the benchmark: runs one case and prints one JSON line on stdout.
 *
 *   node --expose-gc scripts/bench/run-case.ts speed  <case> <customers>
 *   node --expose-gc scripts/bench/run-case.ts memory <case> <customers>
 *
 * `speed`: one warm-up run at a tenth of the size (so the JIT has compiled the hot loop), then
 * three timed runs with seeds 1, 2, 3; the fastest counts. Time is the main thread's CPU time
 * (what one core spent, unaffected by other processes taking turns on a loaded machine), with
 * wall-clock time alongside. `memory`: one run, sampling memory
 * at every 1 % of simulated time, and the process's peak resident set size at the end.
 * A fresh process per case keeps one model's JIT feedback from slowing another's.
 */
import { loadavg } from 'node:os';
import { CASES } from './cases.ts';
import type { CaseOutcome } from './cases.ts';

/** What the child reports for `speed`. */
export interface SpeedReport {
  /** Fewest milliseconds of main-thread CPU time among the three runs (one core's work). */
  bestCpuMs: number;
  /** Fewest wall-clock milliseconds among the three runs (includes time other processes took). */
  bestWallMs: number;
  allCpuMs: number[];
  allWallMs: number[];
  /** Counts of the run with the least CPU time. */
  outcome: CaseOutcome;
  /** The check of the seed-1 run, so rows of one table compare the same random streams. */
  seed1Check: string;
  load1: number;
}

/** What the child reports for `memory`; all sizes in bytes. */
export interface MemoryReport {
  ms: number;
  outcome: CaseOutcome;
  /** Peak resident set size of the whole process (`getrusage` maxrss). */
  peakRss: number;
  /** Largest heap used seen at the 1 % progress points. */
  peakHeapUsed: number;
  /** Resident set size before the run: Node, the TypeScript stripper, the simulator's code. */
  baselineRss: number;
  /** Heap used before the run, after a full GC: Node, the simulator's code, the stack. */
  baselineHeapUsed: number;
  /** Heap used after the run and a full GC: what the results keep. */
  retainedHeapUsed: number;
  /** Typed-array and other off-heap memory at its sampled peak. */
  peakArrayBuffers: number;
}

const [mode, name, customersArg] = process.argv.slice(2);
const run = name === undefined ? undefined : CASES[name];
const customers = Number(customersArg);
if (run === undefined || !(customers > 0) || (mode !== 'speed' && mode !== 'memory')) {
  throw new Error(
    `Bug: run-case.ts got \`${process.argv.slice(2).join(' ')}\`; ` +
      `expected speed|memory, one of ${Object.keys(CASES).join(', ')}, and a customer count`,
  );
}

const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error('Bug: run-case.ts needs node --expose-gc');

const report = mode === 'speed' ? measureSpeed() : measureMemory();
process.stdout.write(`${JSON.stringify(report)}\n`);

function measureSpeed(): SpeedReport {
  run!(Math.max(50_000, Math.round(customers / 10)), 99);
  const allCpuMs: number[] = [];
  const allWallMs: number[] = [];
  let best: { cpuMs: number; outcome: CaseOutcome } | undefined;
  let seed1Check = '';
  for (const seed of [1, 2, 3]) {
    gc!();
    const cpu0 = process.threadCpuUsage();
    const t0 = performance.now();
    const outcome = run!(customers, seed);
    const wallMs = performance.now() - t0;
    const cpu = process.threadCpuUsage(cpu0);
    const cpuMs = (cpu.user + cpu.system) / 1000;
    allCpuMs.push(cpuMs);
    allWallMs.push(wallMs);
    if (seed === 1) seed1Check = outcome.check;
    if (best === undefined || cpuMs < best.cpuMs) best = { cpuMs, outcome };
  }
  return {
    bestCpuMs: best!.cpuMs,
    bestWallMs: Math.min(...allWallMs),
    allCpuMs,
    allWallMs,
    outcome: best!.outcome,
    seed1Check,
    load1: loadavg()[0]!,
  };
}

function measureMemory(): MemoryReport {
  gc!();
  gc!();
  const { heapUsed: baselineHeapUsed, rss: baselineRss } = process.memoryUsage();
  let peakHeapUsed = baselineHeapUsed;
  let peakArrayBuffers = 0;
  const sample = (): void => {
    const m = process.memoryUsage();
    if (m.heapUsed > peakHeapUsed) peakHeapUsed = m.heapUsed;
    if (m.arrayBuffers > peakArrayBuffers) peakArrayBuffers = m.arrayBuffers;
  };

  const t0 = performance.now();
  const outcome = run!(customers, 1, sample);
  const ms = performance.now() - t0;
  sample();

  gc!();
  gc!();
  return {
    ms,
    outcome,
    peakRss: process.resourceUsage().maxRSS * 1024,
    baselineRss,
    peakHeapUsed,
    baselineHeapUsed,
    retainedHeapUsed: process.memoryUsage().heapUsed,
    peakArrayBuffers,
  };
}
