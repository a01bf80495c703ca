/** The traffic a stack is run against, its defaults, and the checks on it. */
import { ZIPF_MAX_ALPHA, ZIPF_MAX_OBJECTS } from './engine/zipf.ts';
import {
  USER_AREA_NAMES,
  USER_AREA_NEAR_REGION,
  defaultAreaRttMs,
} from './catalog/region-latency.ts';
import { REGION_CODES, isRegionCode } from './catalog/regions.ts';
import type { RegionCode } from './catalog/regions.ts';
import { SimConfigError, formatValue } from './errors.ts';
import { rejectUnknownKeys, requireObject } from './validate.ts';

/**
 * What one request costs the application server. A v1 simplification: every vCPU runs at the
 * same speed whatever the instance family, so `cpuMsPerRequest` means the same on a t3, an m5
 * or a c5.
 */
export interface Workload {
  /** Mean CPU time of one request on one vCPU, in milliseconds (exponentially distributed). Default 40. */
  cpuMsPerRequest: number;
  /** Bytes sent to the client per response: one dynamic HTML page. Default 20 000 (20 kB); static files come later, from S3 and CloudFront. */
  responseBytes: number;
  /** Resident memory of the OS plus the idle app server, in MiB. Default 600. */
  baseMemoryMiB: number;
  /** Extra memory per request accepted and not yet answered (queued or running), in MiB. Default 4. */
  memoryMiBPerInFlightRequest: number;
  /**
   * Requests that may wait for a free worker (the accept backlog). A request arriving when this
   * many already wait fails with `queue-full`. Default 1000.
   */
  maxQueueLength: number;
  /**
   * Requests the app server runs at once (worker threads or processes). Default: one per vCPU.
   * At most `vcpus` of them run at a time: extra workers add no CPU, so in v1 the server has
   * `min(workerThreads, vcpus)` parallel servers. Set 1 for a single-threaded server.
   */
  workerThreads?: number;
  /**
   * Share of a request's CPU time spent in the database (0..1). Default 0.5. When the database
   * runs on its own instance or on RDS, the web server does the rest and the database this share,
   * per query.
   */
  dbShareOfCpu: number;
  /** Share of requests that write to the database (0..1); the rest read. Default 0.1. */
  writeShare: number;
  /** Distinct rows that requests read and write, 1 to 10 000 000. Default 100 000. */
  keys: number;
  /** Zipf exponent of key popularity, 0 to 3: 0 is uniform, higher is more skewed. Default 0.8. */
  keyZipfAlpha: number;
  /** Mean time a cache node spends on one get or set, in milliseconds. Default 0.2 (a model assumption). */
  cacheMsPerOp: number;
  /**
   * Time one DynamoDB read or write takes, round trip from the app included, in milliseconds.
   * Default 4: a model assumption (AWS publishes no per-request latency figure to cite here).
   */
  dynamoMsPerOp: number;
  /**
   * Share of requests that fetch a static file (image, script, style sheet) rather than a page,
   * 0..1. Default 0. They go to the app's `staticFiles` distribution when it has one, else to
   * the web servers.
   */
  staticShare: number;
  /** Bytes of one static file. Default 50 000 (a model assumption). */
  staticBytes: number;
  /** CPU time a web server spends sending one static file, in milliseconds. Default 1 (a model assumption). */
  staticCpuMs: number;
  /** Distinct static files, 1 to 10 000 000. Default 1 000. */
  staticObjects: number;
  /** Zipf exponent of static file popularity, 0 to 3: 0 is uniform, higher is more skewed. Default 0.8. */
  staticZipfAlpha: number;
}

/** A failure injected at a moment of the run. */
export interface FailureEvent {
  /** Seconds after the start of the run. */
  atSeconds: number;
  /**
   * What fails: `instance-crash` (an EC2 instance), `az-outage` (every part in an Availability
   * Zone), `region-outage` (every part in a Region, DynamoDB replicas included),
   * `db-primary-failure` (an RDS primary), `cache-node-loss` (an ElastiCache node, which comes
   * back empty).
   */
  kind: 'instance-crash' | 'az-outage' | 'region-outage' | 'db-primary-failure' | 'cache-node-loss';
  /**
   * The part id; for `az-outage` the zone, e.g. `us-east-1a`; for `region-outage` the Region,
   * e.g. `eu-west-1`.
   */
  target: string;
  /** How long until the part is back, in seconds. Default: until the end of the run. */
  durationSeconds?: number;
}

/** From `atSeconds` on, `users` users are active (until the next step). */
export interface LoadStep {
  /** Seconds after the start of the run. */
  atSeconds: number;
  /** Active users from then on. */
  users: number;
}

/** Where some of the users are, and how far each Region is from them. */
export interface UserArea {
  /**
   * Name of the area, unique in the scenario. `north-america`, `europe` and `asia-pacific` are
   * known: their missing round trips are filled in (see `rttMsByRegion`).
   */
  name: string;
  /** Share of the users in this area, 0..1; the shares of all areas add up to 1. */
  share: number;
  /**
   * Round trip from these users to each Region, in milliseconds. For a known area, a Region left
   * out is `networkRttMs` from its users' nearby Region plus the default round trip between the
   * two Regions (IBM Cloud published averages between comparable metros, not AWS figures: see
   * `catalog/region-latency.ts`). Any other area must give every Region the stack uses.
   */
  rttMsByRegion?: Partial<Record<RegionCode, number>>;
}

/** The load to simulate. All fields but `users` have defaults. */
export interface Scenario {
  /** Active users. Each sends requests with a mean pause of `thinkTimeSeconds`. */
  users: number;
  /**
   * Mean pause between one user's requests, in seconds. Default 10. Requests arrive as a Poisson
   * process at `users / thinkTimeSeconds` per second (an open model: a slow answer does not
   * slow the arrivals).
   */
  thinkTimeSeconds?: number;
  /** Simulated time, in seconds. Default 60. Arrivals stop then; requests in flight are still followed to their end. */
  durationSeconds?: number;
  /** Initial seconds left out of every statistic, while queues fill. Default 5. Must be below `durationSeconds`. */
  warmupSeconds?: number;
  /** Cost of one request; missing fields take their defaults. */
  workload?: Partial<Workload>;
  /** A request not answered this many milliseconds after it was sent fails with `timeout`. Default 10 000; `Infinity` disables it. */
  clientTimeoutMs?: number;
  /**
   * Round trip between a user and the Region, in milliseconds. Default 40. A model assumption,
   * not an AWS figure: real values depend on where users are. A DNS cache miss costs one extra
   * round trip (to the user's nearest Region's distance: Route 53's name servers are near users).
   * Without `areas`, every user is near the stack's home Region: this far from it, and this plus
   * the default round trip between Regions from any other.
   */
  networkRttMs?: number;
  /**
   * Where users are: each area has a share of the users and its own round trips to the Regions.
   * Each user belongs to one area for the whole run; the areas hold their shares of the users
   * to within a few users. Default: one area near the stack's Region (see `networkRttMs`).
   */
  areas?: UserArea[];
  /**
   * Round trip between two parts in the same Availability Zone, in milliseconds. Default 0.1,
   * the published intra-zone average of a comparable cloud (AWS commits to no figure).
   */
  sameAzRttMs?: number;
  /**
   * Round trip between Availability Zones of one Region, in milliseconds. Default 1: AWS says
   * "single-digit milliseconds"; measured pairs range from 0.25 to 3.4 ms.
   */
  crossAzRttMs?: number;
  /** Failures to inject, in time order or not. Default none. */
  failures?: FailureEvent[];
  /**
   * Round trip between a user and the nearest CloudFront edge location, in milliseconds.
   * Default 20: a model assumption (AWS publishes no figure; 5-30 ms is typical in well-served
   * cities).
   */
  edgeRttMs?: number;
  /**
   * Extra time an edge cache miss takes to fetch the file from the S3 origin, in milliseconds.
   * Default 60: a model assumption (edge-to-Region round trip plus S3's first byte).
   */
  originFetchMs?: number;
  /**
   * A load that changes over the run: `users` holds until the first step, then each step's
   * users until the next. Default none (constant load).
   */
  usersAt?: LoadStep[];
  /**
   * Seconds between two decisions of an Auto Scaling group's target tracking policy: it compares
   * the CPU averaged over that period with its target. Default 60 (a model parameter: CloudWatch
   * metrics at one-minute resolution; real alarms wait for several data points).
   */
  scalingPeriodSeconds?: number;
  /**
   * Seconds from an Auto Scaling group launching an instance until it serves requests: boot
   * plus app start. Default 60 (a model assumption; it depends on the image and the app).
   */
  instanceLaunchSeconds?: number;
}

/** A scenario with every default filled in. */
export type ResolvedScenario = Required<
  Omit<Scenario, 'workload' | 'failures' | 'usersAt' | 'areas'>
> & {
  workload: Workload;
  failures: Required<FailureEvent>[];
  /** Load steps in time order (empty for a constant load). */
  usersAt: LoadStep[];
  /**
   * User areas with known areas' round trips filled in for every Region (empty: one area near
   * the stack's Region). Other areas keep what they gave; the run checks them against the stack.
   */
  areas: ResolvedArea[];
};

/** A user area after checks: `rttMsByRegion` complete for known areas. */
export interface ResolvedArea {
  name: string;
  share: number;
  rttMsByRegion: Partial<Record<RegionCode, number>>;
}

/** The course's default workload. */
export const DEFAULT_WORKLOAD: Readonly<Workload> = Object.freeze({
  cpuMsPerRequest: 40,
  responseBytes: 20_000,
  baseMemoryMiB: 600,
  memoryMiBPerInFlightRequest: 4,
  maxQueueLength: 1000,
  dbShareOfCpu: 0.5,
  writeShare: 0.1,
  keys: 100_000,
  keyZipfAlpha: 0.8,
  cacheMsPerOp: 0.2,
  dynamoMsPerOp: 4,
  staticShare: 0,
  staticBytes: 50_000,
  staticCpuMs: 1,
  staticObjects: 1000,
  staticZipfAlpha: 0.8,
});

/** A complete default scenario (100 users), handy as a starting point. */
export function defaultScenario(): ResolvedScenario {
  return {
    users: 100,
    thinkTimeSeconds: 10,
    durationSeconds: 60,
    warmupSeconds: 5,
    workload: { ...DEFAULT_WORKLOAD },
    clientTimeoutMs: 10_000,
    networkRttMs: 40,
    sameAzRttMs: 0.1,
    crossAzRttMs: 1,
    failures: [],
    edgeRttMs: 20,
    originFetchMs: 60,
    usersAt: [],
    scalingPeriodSeconds: 60,
    instanceLaunchSeconds: 60,
    areas: [],
  };
}

const SCENARIO_KEYS = [
  'users',
  'thinkTimeSeconds',
  'durationSeconds',
  'warmupSeconds',
  'workload',
  'clientTimeoutMs',
  'networkRttMs',
  'sameAzRttMs',
  'crossAzRttMs',
  'failures',
  'edgeRttMs',
  'originFetchMs',
  'usersAt',
  'scalingPeriodSeconds',
  'instanceLaunchSeconds',
  'areas',
];
const FAILURE_KINDS: readonly FailureEvent['kind'][] = [
  'instance-crash',
  'az-outage',
  'region-outage',
  'db-primary-failure',
  'cache-node-loss',
];
const WORKLOAD_KEYS = [
  'cpuMsPerRequest',
  'responseBytes',
  'baseMemoryMiB',
  'memoryMiBPerInFlightRequest',
  'maxQueueLength',
  'workerThreads',
  'dbShareOfCpu',
  'writeShare',
  'keys',
  'keyZipfAlpha',
  'cacheMsPerOp',
  'dynamoMsPerOp',
  'staticShare',
  'staticBytes',
  'staticCpuMs',
  'staticObjects',
  'staticZipfAlpha',
];

/** Checks a scenario and fills in defaults. Throws `SimConfigError`. */
export function resolveScenario(input: unknown): ResolvedScenario {
  const raw = requireObject(input, 'scenario', 'The scenario');
  rejectUnknownKeys(raw, SCENARIO_KEYS, 'scenario');
  const d = defaultScenario();

  const users = num(raw.users, 'scenario.users', { min: 0, integer: true, what: 'users' });
  const thinkTimeSeconds = num(
    raw.thinkTimeSeconds ?? d.thinkTimeSeconds,
    'scenario.thinkTimeSeconds',
    {
      min: 0,
      exclusiveMin: true,
      what: 'a think time in seconds',
    },
  );
  const durationSeconds = num(
    raw.durationSeconds ?? d.durationSeconds,
    'scenario.durationSeconds',
    {
      min: 0,
      exclusiveMin: true,
      what: 'a duration in seconds',
    },
  );
  const warmupSeconds = num(raw.warmupSeconds ?? d.warmupSeconds, 'scenario.warmupSeconds', {
    min: 0,
    what: 'a warm-up in seconds',
  });
  if (warmupSeconds >= durationSeconds) {
    throw new SimConfigError(
      'invalid-number',
      'scenario.warmupSeconds',
      warmupSeconds,
      `The warm-up (${warmupSeconds} s) is not shorter than the run (${durationSeconds} s)`,
      'Make warmupSeconds smaller than durationSeconds, e.g. 5 and 60.',
    );
  }
  const clientTimeoutMs = num(
    raw.clientTimeoutMs ?? d.clientTimeoutMs,
    'scenario.clientTimeoutMs',
    {
      min: 0,
      exclusiveMin: true,
      allowInfinity: true,
      what: 'a timeout in milliseconds',
    },
  );
  const networkRttMs = num(raw.networkRttMs ?? d.networkRttMs, 'scenario.networkRttMs', {
    min: 0,
    what: 'a round-trip time in milliseconds',
  });

  const w =
    raw.workload === undefined
      ? {}
      : requireObject(raw.workload, 'scenario.workload', 'The workload');
  rejectUnknownKeys(w, WORKLOAD_KEYS, 'scenario.workload');
  const dw = d.workload;
  const fraction = (value: unknown, path: string, what: string): number => {
    const x = num(value, path, { min: 0, what });
    if (x > 1) {
      throw new SimConfigError(
        'invalid-number',
        path,
        value,
        `${formatValue(value)} is not ${what} from 0 to 1`,
        'Use a fraction from 0 to 1, e.g. 0.1 for 10%.',
      );
    }
    return x;
  };
  const dbShareOfCpu = fraction(
    w.dbShareOfCpu ?? dw.dbShareOfCpu,
    'scenario.workload.dbShareOfCpu',
    'a share of CPU',
  );
  const writeShare = fraction(
    w.writeShare ?? dw.writeShare,
    'scenario.workload.writeShare',
    'a share of requests',
  );
  const keys = num(w.keys ?? dw.keys, 'scenario.workload.keys', {
    min: 1,
    max: ZIPF_MAX_OBJECTS,
    integer: true,
    what: 'a number of rows',
  });
  const keyZipfAlpha = num(w.keyZipfAlpha ?? dw.keyZipfAlpha, 'scenario.workload.keyZipfAlpha', {
    min: 0,
    max: ZIPF_MAX_ALPHA,
    what: 'a Zipf exponent',
  });
  const cacheMsPerOp = num(w.cacheMsPerOp ?? dw.cacheMsPerOp, 'scenario.workload.cacheMsPerOp', {
    min: 0,
    what: 'a time in milliseconds',
  });
  const dynamoMsPerOp = num(
    w.dynamoMsPerOp ?? dw.dynamoMsPerOp,
    'scenario.workload.dynamoMsPerOp',
    { min: 0, what: 'a time in milliseconds' },
  );
  const workload: Workload = {
    cpuMsPerRequest: num(
      w.cpuMsPerRequest ?? dw.cpuMsPerRequest,
      'scenario.workload.cpuMsPerRequest',
      {
        min: 0,
        exclusiveMin: true,
        what: 'a CPU time in milliseconds',
      },
    ),
    responseBytes: num(w.responseBytes ?? dw.responseBytes, 'scenario.workload.responseBytes', {
      min: 0,
      integer: true,
      what: 'a number of bytes',
    }),
    baseMemoryMiB: num(w.baseMemoryMiB ?? dw.baseMemoryMiB, 'scenario.workload.baseMemoryMiB', {
      min: 0,
      what: 'a memory size in MiB',
    }),
    memoryMiBPerInFlightRequest: num(
      w.memoryMiBPerInFlightRequest ?? dw.memoryMiBPerInFlightRequest,
      'scenario.workload.memoryMiBPerInFlightRequest',
      { min: 0, what: 'a memory size in MiB' },
    ),
    maxQueueLength: num(w.maxQueueLength ?? dw.maxQueueLength, 'scenario.workload.maxQueueLength', {
      min: 0,
      integer: true,
      what: 'a queue length',
    }),
    dbShareOfCpu,
    writeShare,
    keys,
    keyZipfAlpha,
    cacheMsPerOp,
    dynamoMsPerOp,
    staticShare: fraction(
      w.staticShare ?? dw.staticShare,
      'scenario.workload.staticShare',
      'a share of requests',
    ),
    staticBytes: num(w.staticBytes ?? dw.staticBytes, 'scenario.workload.staticBytes', {
      min: 0,
      integer: true,
      what: 'a number of bytes',
    }),
    staticCpuMs: num(w.staticCpuMs ?? dw.staticCpuMs, 'scenario.workload.staticCpuMs', {
      min: 0,
      what: 'a CPU time in milliseconds',
    }),
    staticObjects: num(w.staticObjects ?? dw.staticObjects, 'scenario.workload.staticObjects', {
      min: 1,
      max: ZIPF_MAX_OBJECTS,
      integer: true,
      what: 'a number of files',
    }),
    staticZipfAlpha: num(
      w.staticZipfAlpha ?? dw.staticZipfAlpha,
      'scenario.workload.staticZipfAlpha',
      { min: 0, max: ZIPF_MAX_ALPHA, what: 'a Zipf exponent' },
    ),
  };
  if (w.workerThreads !== undefined) {
    workload.workerThreads = num(w.workerThreads, 'scenario.workload.workerThreads', {
      min: 1,
      integer: true,
      what: 'a number of workers',
    });
  }
  const sameAzRttMs = num(raw.sameAzRttMs ?? d.sameAzRttMs, 'scenario.sameAzRttMs', {
    min: 0,
    what: 'a round-trip time in milliseconds',
  });
  const crossAzRttMs = num(raw.crossAzRttMs ?? d.crossAzRttMs, 'scenario.crossAzRttMs', {
    min: 0,
    what: 'a round-trip time in milliseconds',
  });
  const failures = resolveFailures(raw.failures, durationSeconds);
  const areas = resolveAreas(raw.areas, networkRttMs);
  const edgeRttMs = num(raw.edgeRttMs ?? d.edgeRttMs, 'scenario.edgeRttMs', {
    min: 0,
    what: 'a round-trip time in milliseconds',
  });
  const originFetchMs = num(raw.originFetchMs ?? d.originFetchMs, 'scenario.originFetchMs', {
    min: 0,
    what: 'a time in milliseconds',
  });
  return {
    users,
    thinkTimeSeconds,
    durationSeconds,
    warmupSeconds,
    workload,
    clientTimeoutMs,
    networkRttMs,
    sameAzRttMs,
    crossAzRttMs,
    failures,
    edgeRttMs,
    originFetchMs,
    usersAt: resolveLoadSteps(raw.usersAt),
    scalingPeriodSeconds: num(
      raw.scalingPeriodSeconds ?? d.scalingPeriodSeconds,
      'scenario.scalingPeriodSeconds',
      { min: 1, integer: true, what: 'a whole number of seconds' },
    ),
    instanceLaunchSeconds: num(
      raw.instanceLaunchSeconds ?? d.instanceLaunchSeconds,
      'scenario.instanceLaunchSeconds',
      { min: 0, what: 'a time in seconds' },
    ),
    areas,
  };
}

/** Most user areas a scenario may have. */
const MAX_AREAS = 16;
/** Largest difference from 1 the shares of the areas may add up to (rounding in the learner's sums). */
const SHARE_TOLERANCE = 1e-9;

function resolveAreas(raw: unknown, accessRttMs: number): ResolvedArea[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw) || raw.length === 0 || raw.length > MAX_AREAS) {
    throw new SimConfigError(
      'invalid-option',
      'scenario.areas',
      raw,
      `The user areas ${formatValue(raw)} are not a list of 1 to ${MAX_AREAS} areas`,
      "Give a list, e.g. `[{ name: 'europe', share: 0.4 }, { name: 'north-america', share: 0.6 }]`, or leave it out.",
    );
  }
  const areas = raw.map((item: unknown, index: number) => {
    const path = `scenario.areas[${index}]`;
    const a = requireObject(item, path, 'A user area');
    rejectUnknownKeys(a, ['name', 'share', 'rttMsByRegion'], path);
    if (typeof a.name !== 'string' || a.name.trim() === '') {
      throw new SimConfigError(
        'invalid-name',
        `${path}.name`,
        a.name,
        `The area name ${formatValue(a.name)} is not a non-empty string`,
        `Name the area, e.g. one of ${USER_AREA_NAMES.join(', ')}.`,
      );
    }
    const share = num(a.share, `${path}.share`, { min: 0, max: 1, what: 'a share of users' });
    const given =
      a.rttMsByRegion === undefined
        ? {}
        : requireObject(a.rttMsByRegion, `${path}.rttMsByRegion`, 'The round trips');
    const rttMsByRegion: Partial<Record<RegionCode, number>> = {};
    for (const [region, value] of Object.entries(given)) {
      if (!isRegionCode(region)) {
        throw new SimConfigError(
          'unknown-region',
          `${path}.rttMsByRegion.${region}`,
          region,
          `Unknown region ${formatValue(region)}`,
          `Use one of: ${REGION_CODES.join(', ')}.`,
        );
      }
      rttMsByRegion[region] = num(value, `${path}.rttMsByRegion.${region}`, {
        min: 0,
        what: 'a round-trip time in milliseconds',
      });
    }
    const near = USER_AREA_NEAR_REGION[a.name];
    if (near !== undefined && Object.hasOwn(USER_AREA_NEAR_REGION, a.name)) {
      for (const region of REGION_CODES) {
        rttMsByRegion[region] ??= defaultAreaRttMs(near, region, accessRttMs);
      }
    }
    return { name: a.name, share, rttMsByRegion };
  });
  const twice = areas.find((area, i) => areas.findIndex((b) => b.name === area.name) !== i);
  if (twice !== undefined) {
    throw new SimConfigError(
      'invalid-name',
      'scenario.areas',
      twice.name,
      `Area \`${twice.name}\` is listed twice`,
      'Give each area its own name.',
    );
  }
  const total = areas.reduce((sum, area) => sum + area.share, 0);
  if (Math.abs(total - 1) > SHARE_TOLERANCE) {
    throw new SimConfigError(
      'invalid-number',
      'scenario.areas',
      areas.map((area) => area.share),
      `The areas' shares add up to ${Number(total.toFixed(6))}, not 1`,
      'Make the shares of all areas add up to 1, e.g. 0.5, 0.3 and 0.2.',
    );
  }
  return areas;
}

function resolveLoadSteps(raw: unknown): LoadStep[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) {
    throw new SimConfigError(
      'invalid-option',
      'scenario.usersAt',
      raw,
      `The load steps ${formatValue(raw)} are not a list`,
      'Give a list, e.g. `[{ atSeconds: 120, users: 3000 }]`.',
    );
  }
  const steps = raw.map((item: unknown, index: number) => {
    const path = `scenario.usersAt[${index}]`;
    const step = requireObject(item, path, 'A load step');
    rejectUnknownKeys(step, ['atSeconds', 'users'], path);
    return {
      atSeconds: num(step.atSeconds, `${path}.atSeconds`, { min: 0, what: 'a time in seconds' }),
      users: num(step.users, `${path}.users`, { min: 0, integer: true, what: 'users' }),
    };
  });
  // Stable order by time; of two steps at the same time the later one wins.
  return steps
    .map((step, i) => ({ step, i }))
    .sort((a, b) => a.step.atSeconds - b.step.atSeconds || a.i - b.i)
    .map(({ step }) => step);
}

function resolveFailures(raw: unknown, durationSeconds: number): Required<FailureEvent>[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) {
    throw new SimConfigError(
      'invalid-failure',
      'scenario.failures',
      raw,
      `The failures ${formatValue(raw)} are not a list`,
      "Give a list, e.g. `[{ atSeconds: 30, kind: 'instance-crash', target: 'web' }]`.",
    );
  }
  return raw.map((item: unknown, index: number) => {
    const path = `scenario.failures[${index}]`;
    const f = requireObject(item, path, 'A failure');
    rejectUnknownKeys(f, ['atSeconds', 'kind', 'target', 'durationSeconds'], path);
    if (!(FAILURE_KINDS as readonly unknown[]).includes(f.kind)) {
      throw new SimConfigError(
        'invalid-failure',
        `${path}.kind`,
        f.kind,
        `Unknown failure kind ${formatValue(f.kind)}`,
        `Use one of: ${FAILURE_KINDS.join(', ')}.`,
      );
    }
    if (typeof f.target !== 'string' || f.target === '') {
      throw new SimConfigError(
        'invalid-failure',
        `${path}.target`,
        f.target,
        `The failure target ${formatValue(f.target)} is not a part id or zone`,
        "Name the part's id, e.g. `'web'`; for an AZ outage the zone, e.g. `'us-east-1a'`; for a Region outage the Region, e.g. `'eu-west-1'`.",
      );
    }
    const atSeconds = num(f.atSeconds, `${path}.atSeconds`, { min: 0, what: 'a time in seconds' });
    const length =
      f.durationSeconds === undefined
        ? Infinity
        : num(f.durationSeconds, `${path}.durationSeconds`, {
            min: 0,
            exclusiveMin: true,
            allowInfinity: true,
            what: 'a duration in seconds',
          });
    return {
      atSeconds: Math.min(atSeconds, durationSeconds),
      kind: f.kind as FailureEvent['kind'],
      target: f.target,
      durationSeconds: length,
    };
  });
}

interface NumRule {
  min: number;
  /** Largest allowed value, inclusive. Default: no limit. */
  max?: number;
  exclusiveMin?: boolean;
  integer?: boolean;
  allowInfinity?: boolean;
  what: string;
}

/** Returns `value` if it is a number obeying `rule`, else throws `invalid-number`. */
export function num(value: unknown, path: string, rule: NumRule): number {
  const ok =
    typeof value === 'number' &&
    !Number.isNaN(value) &&
    (Number.isFinite(value) || (rule.allowInfinity === true && value === Infinity)) &&
    (rule.exclusiveMin === true ? value > rule.min : value >= rule.min) &&
    (rule.max === undefined || value <= rule.max) &&
    (rule.integer !== true || Number.isInteger(value));
  if (ok) return value;
  const bound =
    rule.max !== undefined
      ? `from ${rule.min} to ${rule.max}`
      : rule.exclusiveMin === true
        ? `greater than ${rule.min}`
        : `${rule.min} or more`;
  const kind = rule.integer === true ? 'a whole number' : 'a number';
  const extra = rule.allowInfinity === true ? ' (or Infinity)' : '';
  throw new SimConfigError(
    'invalid-number',
    path,
    value,
    `${formatValue(value)} is not valid as ${rule.what}`,
    `Use ${kind} ${bound}${extra}.`,
  );
}
