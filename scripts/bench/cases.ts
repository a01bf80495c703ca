/**
 * What the benchmark measures. Each case builds its model through the simulator's public API
 * (or, for the two baselines, a hand-written loop) and returns counts, never times: the child
 * runner times it.
 */
import { Stack, simulate } from '../../src/sim/index.ts';
import type { Scenario, SimResults } from '../../src/sim/index.ts';
import { runEngineMm1 } from './engine-mm1.ts';
import { runPlainMm1 } from './plain-mm1.ts';

/** Counts from one run of a case. */
export interface CaseOutcome {
  events: number;
  /** Customers (requests) the run simulated from arrival to departure. */
  customers: number;
  /** Short check that the model did what it should, e.g. the M/M/1 wait against theory. */
  check: string;
}

/** A case runs at a size: `customers` is a target, the run may differ by Poisson noise. */
export type CaseRunner = (customers: number, seed: number, onProgress?: () => void) => CaseOutcome;

/** Utilisation of the M/M/1 cases. */
export const RHO = 0.8;
/** Theory: mean wait in queue over mean service time, ρ / (1 − ρ). */
export const MM1_WAIT_OVER_SERVICE = RHO / (1 - RHO);

/** M/M/1 through `simulate()`: 800 arrivals/s, 1 ms of CPU on one worker thread. */
const MM1_SERVICE_MS = 1;
const MM1_RATE_PER_SECOND = (RHO * 1000) / MM1_SERVICE_MS;

function runSimulateMm1(engine: 'one-server' | 'network'): CaseRunner {
  return (customers, seed, onProgress) => {
    const stack = new Stack('mm1');
    stack.instance('server', {
      instanceType: 'm5.large',
      ...(engine === 'network' ? { app: {} } : {}),
    });
    stack.dnsRecord('entry', { name: 'queue.example.com', target: 'server', ttlSeconds: 60 });
    const results = simulate(
      stack,
      {
        users: MM1_RATE_PER_SECOND * 10,
        thinkTimeSeconds: 10,
        durationSeconds: customers / MM1_RATE_PER_SECOND,
        warmupSeconds: 0,
        networkRttMs: 0,
        clientTimeoutMs: Infinity,
        workload: {
          cpuMsPerRequest: MM1_SERVICE_MS,
          baseMemoryMiB: 0,
          memoryMiBPerInFlightRequest: 0,
          maxQueueLength: 1e9,
          workerThreads: 1,
        },
      },
      { seed, maxEvents: 1e9, ...(onProgress === undefined ? {} : { onProgress }) },
    );
    const server = results.parts.server;
    if (server?.kind !== 'ec2') throw new Error('Bug: no ec2 stats for the M/M/1 server');
    return {
      events: results.events,
      customers: results.requests.total,
      check: formatWait(server.meanWaitMs / MM1_SERVICE_MS),
    };
  };
}

function formatWait(waitOverService: number): string {
  return `Wq/S ${waitOverService.toFixed(2)}`;
}

/**
 * Stage 5 of the course: four web instances in two AZs behind an ALB, RDS Multi-AZ with one
 * read replica, ElastiCache for cache-aside reads and for sessions. At 300 requests/s the web
 * tier is about 75 % busy and the replica about 60 %, with no failures: busy but healthy.
 * `overloaded` swaps in a smaller database and cache, so the replica saturates and requests
 * time out: the same traffic, but with long queues.
 */
export function buildStage5(overloaded = false): Stack {
  const stack = new Stack('stage-5');
  const db = stack.database('db', {
    instanceClass: overloaded ? 'db.m5.large' : 'db.m5.xlarge',
    multiAz: true,
    readReplicas: 1,
  });
  const cache = stack.cache('cache', {
    nodeType: 'cache.m5.large',
    maxItems: overloaded ? 20_000 : 100_000,
  });
  const webs = [1, 2, 3, 4].map((i) =>
    stack.instance(`web-${i}`, {
      instanceType: 'c5.large',
      az: i % 2 === 1 ? 'us-east-1a' : 'us-east-1b',
      app: { database: db, cache, sessions: cache },
    }),
  );
  const lb = stack.loadBalancer('alb', { targets: webs, algorithm: 'round-robin' });
  stack.dnsRecord('www', { name: 'www.example.com', target: lb });
  return stack;
}

/** Offered load of the stage-5 cases, requests per second. */
export const STAGE5_RPS = 300;

function runStage5(overloaded: boolean): CaseRunner {
  return (customers, seed, onProgress) => {
    const results = simulate(
      buildStage5(overloaded),
      { users: STAGE5_RPS * 10, durationSeconds: customers / STAGE5_RPS, warmupSeconds: 0 },
      { seed, maxEvents: 1e9, ...(onProgress === undefined ? {} : { onProgress }) },
    );
    return {
      events: results.events,
      customers: results.requests.total,
      check: describeStage5(results),
    };
  };
}

/** Enough of the results to show the stack was busy but healthy. */
function describeStage5(r: SimResults): string {
  const cpu = (id: string): number => {
    const p = r.parts[id];
    return p?.kind === 'ec2' ? p.cpuUtilisation : NaN;
  };
  const webCpu = [1, 2, 3, 4].map((i) => cpu(`web-${i}`));
  const db = r.parts.db;
  const cache = r.parts.cache;
  const dbCpu = db?.kind === 'rds' ? db.nodes.map((n) => pct(n.cpuUtilisation)).join('/') : '?';
  const hit = cache?.kind === 'cache' ? pct(cache.hitRate) : '?';
  return (
    `web CPU ${pct(Math.min(...webCpu))}-${pct(Math.max(...webCpu))}, db CPU ${dbCpu}, ` +
    `cache hits ${hit}, errors ${pct(r.requests.errorRate)}, p99 ${r.latencyMs.p99.toFixed(0)} ms`
  );
}

function pct(x: number): string {
  return `${(x * 100).toFixed(0)}%`;
}

/**
 * The memory cases: 10 000 requests/s on one r5.xlarge (0.2 ms of CPU each, ρ ≈ 0.5) with the
 * default network round trip, client timeout and memory model. The rate is fixed, so 10× the
 * requests is 10× the simulated seconds; only per-second series grow with that.
 */
const MEMORY_RPS = 10_000;

function runMemoryCase(engine: 'one-server' | 'network'): CaseRunner {
  return (customers, seed, onProgress) => {
    const stack = new Stack('memory');
    const web = stack.instance('web', {
      instanceType: 'r5.xlarge',
      ...(engine === 'network' ? { app: {} } : {}),
    });
    stack.dnsRecord('www', { name: 'www.example.com', target: web });
    const scenario: Scenario = {
      users: MEMORY_RPS * 10,
      durationSeconds: customers / MEMORY_RPS,
      warmupSeconds: 0,
      workload: { cpuMsPerRequest: 0.2 },
    };
    const results = simulate(stack, scenario, {
      seed,
      maxEvents: 1e9,
      ...(onProgress === undefined ? {} : { onProgress }),
    });
    return {
      events: results.events,
      customers: results.requests.total,
      check: `errors ${pct(results.requests.errorRate)}`,
    };
  };
}

/** Every case by name; the child runner receives one of these names. */
export const CASES: Record<string, CaseRunner> = {
  'mm1-plain': (customers, seed) => fromMm1(runPlainMm1(customers, RHO, seed)),
  'mm1-engine': (customers, seed) => fromMm1(runEngineMm1(customers, RHO, seed)),
  'mm1-engine-math-log': (customers, seed) => fromMm1(runEngineMm1(customers, RHO, seed, 'math')),
  'mm1-one-server': runSimulateMm1('one-server'),
  'mm1-network': runSimulateMm1('network'),
  'stage-5': runStage5(false),
  'stage-5-overloaded': runStage5(true),
  'memory-one-server': runMemoryCase('one-server'),
  'memory-network': runMemoryCase('network'),
};

function fromMm1(o: ReturnType<typeof runPlainMm1>): CaseOutcome {
  return { events: o.events, customers: o.customers, check: formatWait(o.waitOverService) };
}
