/**
 * Speed and memory of the simulator: `npm run bench`. Prints figures; asserts nothing.
 *
 * Every measurement runs in a fresh Node process (so one model's JIT feedback cannot slow
 * another's), warms up, and keeps the best of three runs. The machine is a shared VM where
 * identical runs differ by 20-30 %: read the ratios between rows of one run, not the absolute
 * rates, and check the load average printed with them.
 *
 *   npm run bench                             the full report (about 1 minute; longer under load)
 *   npm run bench -- --profile <case> [n]     CPU profile of one case, top functions by self time
 *   npm run bench -- --one speed|memory <case> <n>   one measurement, as raw JSON
 */
import { cpus, loadavg, totalmem } from 'node:os';
import { CASES, MM1_WAIT_OVER_SERVICE, RHO, STAGE5_RPS } from './bench/cases.ts';
import { spawnMemory, spawnSpeed } from './bench/child.ts';
import type { SpeedReport } from './bench/run-case.ts';
import { profileCase } from './bench/profile.ts';
import { formatCount, formatMb, formatMillions, formatTable } from './bench/table.ts';

const MM1_CUSTOMERS = 1_000_000;
const STAGE5_REQUESTS = 300_000;
const MEMORY_SIZES = [1_000_000, 10_000_000];
/** The targets. */
const ENGINE_MAX_SLOWDOWN = 2;
const STAGE5_MIN_EVENTS_PER_SECOND = 1e6;
const MEMORY_LIMIT_BYTES = 200e6;

const args = process.argv.slice(2);
if (args[0] === '--profile') {
  const name = args[1] ?? '';
  if (!(name in CASES)) {
    throw new Error(`Unknown case \`${name}\`. Use one of: ${Object.keys(CASES).join(', ')}.`);
  }
  print(profileCase(name, Number(args[2] ?? STAGE5_REQUESTS)));
} else if (args[0] === '--one') {
  const [, mode, name = '', n = '1000000'] = args;
  const report = mode === 'memory' ? spawnMemory(name, Number(n)) : spawnSpeed(name, Number(n));
  print(JSON.stringify(report, null, 2));
} else {
  runAll();
}

function runAll(): void {
  const t0 = performance.now();
  printMachine();
  benchMm1();
  benchStage5();
  benchMemory();
  print(`\nDone in ${((performance.now() - t0) / 1000).toFixed(0)} s; ${formatLoad()}.`);
}

function printMachine(): void {
  const cpu = cpus();
  print('Simulator benchmark');
  print(`date     ${new Date().toISOString()}`);
  print(`node     ${process.version} (${process.execPath})`);
  print(`cpu      ${cpu[0]?.model ?? 'unknown'} × ${cpu.length}, ${formatMb(totalmem())} RAM`);
  print(`load     ${formatLoad()}`);
  print('method   fresh process per row; warm-up at 1/10 size, then best of 3 (seeds 1-3)');
  print('         rates use main-thread CPU time (one core); "wall ev/s" uses wall-clock time');
}

function benchMm1(): void {
  print(`\n1. M/M/1 at ρ = ${RHO}, ${formatCount(MM1_CUSTOMERS)} customers`);
  const rows: [string, string][] = [
    ['(a) plain event-heap loop (ceiling)', 'mm1-plain'],
    ['(b) EventQueue + Rng (bare engine)', 'mm1-engine'],
    ["    (b') same, Math.log for the portable log", 'mm1-engine-math-log'],
    ['(c) simulate(), one-server model', 'mm1-one-server'],
    ['(d) simulate(), network model', 'mm1-network'],
  ];
  const reports = rows.map(([, name]) => spawnSpeed(name, MM1_CUSTOMERS));
  const ceiling = reports[0]!;
  const engine = reports[1]!;
  const table = rows.map(([title], i) => {
    const r = reports[i]!;
    return [
      title,
      (r.outcome.events / r.outcome.customers).toFixed(2),
      formatMillions(eventsPerSecond(r)),
      formatMillions(customersPerSecond(r)),
      `${(customersPerSecond(ceiling) / customersPerSecond(r)).toFixed(2)}×`,
      `${(eventsPerSecond(ceiling) / eventsPerSecond(r)).toFixed(2)}×`,
      formatMillions((r.outcome.events / r.bestWallMs) * 1000),
      formatRuns(r),
      r.load1.toFixed(1),
      r.seed1Check,
    ];
  });
  print(
    formatTable(
      [
        'engine',
        'ev/cust',
        'events/s',
        'customers/s',
        'time/cust vs (a)',
        'time/event vs (a)',
        'wall ev/s',
        'CPU ms of 3 runs',
        'load',
        `seed 1: Wq/S (theory ${MM1_WAIT_OVER_SERVICE.toFixed(2)})`,
      ],
      table,
      'lrrrrrrrrl',
    ),
  );
  const slowdown = customersPerSecond(ceiling) / customersPerSecond(engine);
  const logShare = 1 - customersPerSecond(engine) / customersPerSecond(reports[2]!);
  print(
    `(b) takes ${slowdown.toFixed(2)}× the time of (a) per customer (same events): ` +
      `${slowdown <= ENGINE_MAX_SLOWDOWN ? 'within' : 'NOT within'} the ${ENGINE_MAX_SLOWDOWN}× target. ` +
      `The portable log is ${(logShare * 100).toFixed(0)} % of (b)'s time (b vs b').`,
  );
}

function benchStage5(): void {
  print(
    '\n2. Stage-5 web app: 4 × c5.large in 2 AZs behind an ALB, RDS Multi-AZ + 1 read replica, ' +
      `ElastiCache cache-aside + sessions; ${STAGE5_RPS} req/s, ${formatCount(STAGE5_REQUESTS)} requests`,
  );
  const rows: [string, string][] = [
    ['healthy (db.m5.xlarge, 100k-item cache)', 'stage-5'],
    ['overloaded (db.m5.large, 20k-item cache)', 'stage-5-overloaded'],
  ];
  const reports = rows.map(([, name]) => spawnSpeed(name, STAGE5_REQUESTS));
  const table = rows.map(([title], i) => {
    const r = reports[i]!;
    return [
      title,
      (r.outcome.events / r.outcome.customers).toFixed(2),
      formatMillions(eventsPerSecond(r)),
      formatMillions(customersPerSecond(r)),
      formatMillions((r.outcome.events / r.bestWallMs) * 1000),
      formatRuns(r),
      r.load1.toFixed(1),
      r.seed1Check,
    ];
  });
  print(
    formatTable(
      [
        'stack',
        'ev/req',
        'events/s',
        'requests/s',
        'wall ev/s',
        'CPU ms of 3 runs',
        'load',
        'health (seed 1)',
      ],
      table,
      'lrrrrrrl',
    ),
  );
  const rate = eventsPerSecond(reports[0]!);
  print(
    rate >= STAGE5_MIN_EVENTS_PER_SECOND
      ? `The healthy stage-5 model reaches 1M events/s per core (${formatMillions(rate)}).`
      : `The healthy stage-5 model misses 1M events/s per core: ${formatMillions(rate)}, ` +
          `${((1 - rate / STAGE5_MIN_EVENTS_PER_SECOND) * 100).toFixed(0)} % short. ` +
          'Profile it: npm run bench -- --profile stage-5',
  );
}

function benchMemory(): void {
  print(
    '\n3. Memory: 10 000 req/s on one r5.xlarge, default RTT/timeout/memory model; ' +
      'one run per fresh process',
  );
  const rows: string[][] = [];
  let worstPeakRss = 0;
  for (const [title, name] of [
    ['one-server model', 'memory-one-server'],
    ['network model', 'memory-network'],
  ] as const) {
    for (const size of MEMORY_SIZES) {
      const m = spawnMemory(name, size);
      if (size === Math.max(...MEMORY_SIZES)) worstPeakRss = Math.max(worstPeakRss, m.peakRss);
      rows.push([
        title,
        formatCount(m.outcome.customers),
        formatCount(m.outcome.events),
        formatMb(m.baselineRss),
        formatMb(m.peakRss),
        formatMb(m.baselineHeapUsed),
        formatMb(m.peakHeapUsed),
        formatMb(m.retainedHeapUsed),
        formatMb(m.peakArrayBuffers),
        `${(m.ms / 1000).toFixed(1)} s`,
      ]);
    }
  }
  print(
    formatTable(
      [
        'model',
        'requests',
        'events',
        'RSS before',
        'peak RSS',
        'heap before',
        'heap peak',
        'heap after+GC',
        'typed arrays',
        'time',
      ],
      rows,
    ),
  );
  print(
    `Peak RSS at ${formatCount(Math.max(...MEMORY_SIZES))} requests: ${formatMb(worstPeakRss)}, ` +
      `${worstPeakRss < MEMORY_LIMIT_BYTES ? 'under' : 'OVER'} the 200 MB target ` +
      '(RSS includes Node and its TypeScript stripper: see "RSS before").',
  );
}

/** Events per second of one core's CPU time, from the best of the three runs. */
function eventsPerSecond(r: SpeedReport): number {
  return (r.outcome.events / r.bestCpuMs) * 1000;
}

function customersPerSecond(r: SpeedReport): number {
  return (r.outcome.customers / r.bestCpuMs) * 1000;
}

function formatRuns(r: SpeedReport): string {
  return r.allCpuMs.map((ms) => ms.toFixed(0)).join('/');
}

function formatLoad(): string {
  const [one, five, fifteen] = loadavg().map((x) => x.toFixed(2));
  return `load average ${one} ${five} ${fifteen} (1/5/15 min) on ${cpus().length} cores`;
}

function print(line: string): void {
  process.stdout.write(`${line}\n`);
}
