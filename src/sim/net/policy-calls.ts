/**
 * Calls the learner's policies for the network model: binds them to topology indexes, counts
 * every call against the budget, catches what they throw and checks what they return. Context
 * objects are allocated once per part and refilled, so a policy on the hot path allocates
 * nothing per request.
 */
import { PolicyError, SimConfigError, formatValue } from '../errors.ts';
import type {
  CachePolicy,
  DatabasePolicy,
  LoadBalancerPolicy,
  Policies,
  ScalingPolicy,
  TargetView,
} from '../policies.ts';
import type { StackSpec } from '../stack-spec.ts';
import type { NetworkOutput } from './net-output.ts';
import type { Topology } from './topology.ts';

/** The learner's policies by topology index (undefined: the built-in behaviour). */
export interface BoundPolicies {
  lbs: (LoadBalancerPolicy | undefined)[];
  caches: (CachePolicy | undefined)[];
  dbs: (DatabasePolicy | undefined)[];
  groups: (ScalingPolicy | undefined)[];
  maxCalls: number;
}

const METHOD: Record<string, string> = {
  alb: 'chooseTarget',
  cache: 'shouldCache',
  rds: 'shouldFailOver',
  asg: 'desiredCapacity',
};

/** Checks `policies` against the stack and binds each to its part's topology index. */
export function bindPolicies(
  spec: StackSpec,
  topo: Topology,
  policies: Policies | undefined,
  maxCalls: number,
): BoundPolicies {
  const bound: BoundPolicies = {
    lbs: topo.lbs.map(() => undefined),
    caches: topo.caches.map(() => undefined),
    dbs: topo.dbs.map(() => undefined),
    groups: topo.groups.map(() => undefined),
    maxCalls,
  };
  if (policies === undefined) return bound;
  for (const [id, policy] of Object.entries(policies)) {
    const path = `options.policies.${id}`;
    const part = spec.parts.find((p) => p.id === id);
    const method = part === undefined ? undefined : METHOD[part.kind];
    if (part === undefined || method === undefined) {
      const steerable = spec.parts.filter((p) => p.kind in METHOD).map((p) => p.id);
      throw new SimConfigError(
        'invalid-option',
        path,
        policy,
        part === undefined
          ? `There is no part \`${id}\` to attach a policy to`
          : `Part \`${id}\` is an \`${part.kind}\` part, which takes no policy`,
        steerable.length > 0
          ? `Key policies by the id of a load balancer, cache, RDS database or Auto Scaling group: ${steerable.join(', ')}.`
          : 'Add a load balancer, cache, RDS database or Auto Scaling group first.',
      );
    }
    const fn =
      typeof policy === 'object' && policy !== null
        ? (policy as unknown as Record<string, unknown>)[method]
        : undefined;
    if (typeof fn !== 'function') {
      throw new SimConfigError(
        'invalid-option',
        path,
        policy,
        `The policy for \`${id}\` has no \`${method}\` function`,
        `Pass \`{ ${method}: (...) => ... }\` for an \`${part.kind}\` part.`,
      );
    }
    const index = (list: { partId: string }[]) => list.findIndex((d) => d.partId === id);
    const at =
      part.kind === 'alb'
        ? index(topo.lbs)
        : part.kind === 'cache'
          ? index(topo.caches)
          : part.kind === 'rds'
            ? index(topo.dbs)
            : index(topo.groups);
    if (at < 0) {
      throw new SimConfigError(
        'invalid-option',
        path,
        policy,
        `Part \`${id}\` is not on the path of any request, so its policy would never run`,
        'Attach it to a part the DNS record leads to, or leave the policy out.',
      );
    }
    if (part.kind === 'rds' && !part.multiAz) {
      throw new SimConfigError(
        'invalid-option',
        path,
        policy,
        `Database \`${id}\` has no standby to fail over to`,
        'Give it `multiAz: true`, or leave the failover policy out.',
      );
    }
    if (part.kind === 'alb') bound.lbs[at] = policy as LoadBalancerPolicy;
    else if (part.kind === 'cache') bound.caches[at] = policy as CachePolicy;
    else if (part.kind === 'rds') bound.dbs[at] = policy as DatabasePolicy;
    else bound.groups[at] = policy as ScalingPolicy;
  }
  return bound;
}

interface MutableTarget {
  id: string;
  az: string;
  outstanding: number;
  healthy: boolean;
}

/** Runs the bound policies for one simulation. */
export class PolicyRunner {
  readonly databaseCount: number;
  readonly #bound: BoundPolicies;
  readonly #topo: Topology;
  readonly #out: NetworkOutput;
  /** Per load balancer: a view per target, the list shown to the policy, and its web indexes. */
  readonly #views: MutableTarget[][];
  readonly #lists: TargetView[][];
  readonly #listWebs: Int32Array[];
  /** Reused context objects, and each policy's name for messages. */
  readonly #lbContexts: { targets: TargetView[]; user: number; nowSeconds: number }[];
  readonly #cacheContexts: { nowSeconds: number; cachedItems: number; maxItems: number }[];
  readonly #names: { lbs: string[]; caches: string[]; dbs: string[]; groups: string[] };

  constructor(bound: BoundPolicies, topo: Topology, out: NetworkOutput) {
    this.#bound = bound;
    this.#topo = topo;
    this.#out = out;
    this.databaseCount = bound.dbs.filter((p) => p !== undefined).length;
    this.#views = topo.lbs.map((lb) =>
      lb.targets.map((web) => {
        const station = topo.stations[topo.webs[web]!.station]!;
        return { id: station.partId, az: station.az, outstanding: 0, healthy: true };
      }),
    );
    this.#lists = topo.lbs.map(() => []);
    this.#listWebs = topo.lbs.map((lb) => new Int32Array(lb.targets.length));
    this.#lbContexts = this.#lists.map((targets) => ({ targets, user: 0, nowSeconds: 0 }));
    this.#cacheContexts = topo.caches.map((c) => ({
      nowSeconds: 0,
      cachedItems: 0,
      maxItems: c.maxItems,
    }));
    this.#names = {
      lbs: topo.lbs.map((d) => `${d.partId}.chooseTarget`),
      caches: topo.caches.map((d) => `${d.partId}.shouldCache`),
      dbs: topo.dbs.map((d) => `${d.partId}.shouldFailOver`),
      groups: topo.groups.map((d) => `${d.partId}.desiredCapacity`),
    };
  }

  hasLoadBalancer(lb: number): boolean {
    return this.#bound.lbs[lb] !== undefined;
  }

  hasCache(c: number): boolean {
    return this.#bound.caches[c] !== undefined;
  }

  hasDatabase(d: number): boolean {
    return this.#bound.dbs[d] !== undefined;
  }

  hasGroup(g: number): boolean {
    return this.#bound.groups[g] !== undefined;
  }

  /**
   * The policy's target for one request, as a web index; -1 when no target is in service (the
   * policy is not called then).
   */
  chooseTarget(
    lb: number,
    user: number,
    now: number,
    healthy: Uint8Array,
    active: Uint8Array,
    outstanding: Int32Array,
  ): number {
    const targets = this.#topo.lbs[lb]!.targets;
    const views = this.#views[lb]!;
    const list = this.#lists[lb]!;
    const webs = this.#listWebs[lb]!;
    list.length = 0;
    let anyHealthy = false;
    for (let i = 0; i < targets.length; i++) {
      const web = targets[i]!;
      if (active[web] === 0) continue;
      const view = views[i]!;
      view.outstanding = outstanding[web]!;
      view.healthy = healthy[i] === 1;
      anyHealthy ||= view.healthy;
      webs[list.length] = web;
      list.push(view);
    }
    if (!anyHealthy) return -1;
    const name = this.#names.lbs[lb]!;
    const ctx = this.#lbContexts[lb]!;
    ctx.user = user;
    ctx.nowSeconds = now;
    this.#count(name, now);
    let index: unknown;
    try {
      index = this.#bound.lbs[lb]!.chooseTarget(ctx);
    } catch (error) {
      throw threw(name, now, error);
    }
    if (
      typeof index !== 'number' ||
      !Number.isInteger(index) ||
      index < 0 ||
      index >= list.length
    ) {
      throw new PolicyError(
        'invalid-policy-result',
        name,
        index,
        now,
        `chooseTarget returned ${formatValue(index)}, which is not an index into ctx.targets`,
        `Return a whole number from 0 to ${list.length - 1}: the position of a healthy target.`,
      );
    }
    if (!list[index]!.healthy) {
      throw new PolicyError(
        'invalid-policy-result',
        name,
        index,
        now,
        `chooseTarget picked target ${index} (\`${list[index]!.id}\`), which is unhealthy`,
        'Skip targets whose `healthy` is false; at least one target is healthy on every call.',
      );
    }
    return webs[index]!;
  }

  /** Whether the cache-aside policy of cache `c` keeps row `key`. */
  shouldCache(c: number, key: number, now: number, cachedItems: number): boolean {
    const name = this.#names.caches[c]!;
    const ctx = this.#cacheContexts[c]!;
    ctx.nowSeconds = now;
    ctx.cachedItems = cachedItems;
    this.#count(name, now);
    let keep: unknown;
    try {
      keep = this.#bound.caches[c]!.shouldCache(key, ctx);
    } catch (error) {
      throw threw(name, now, error);
    }
    if (typeof keep !== 'boolean') {
      throw new PolicyError(
        'invalid-policy-result',
        name,
        keep,
        now,
        `shouldCache returned ${formatValue(keep)}, which is not true or false`,
        'Return `true` to cache the row, `false` to leave it out.',
      );
    }
    return keep;
  }

  /** Whether the failover policy of database `d` promotes the standby now. */
  shouldFailOver(d: number, since: number, primaryHealthy: boolean, now: number): boolean {
    const name = this.#names.dbs[d]!;
    const ctx = {
      secondsSinceFailure: since,
      primaryHealthy,
      standbyAz: this.#topo.dbs[d]!.standbyAz,
      nowSeconds: now,
    };
    this.#count(name, now);
    let go: unknown;
    try {
      go = this.#bound.dbs[d]!.shouldFailOver(ctx);
    } catch (error) {
      throw threw(name, now, error);
    }
    if (typeof go !== 'boolean') {
      throw new PolicyError(
        'invalid-policy-result',
        name,
        go,
        now,
        `shouldFailOver returned ${formatValue(go)}, which is not true or false`,
        'Return `true` to promote the standby now, `false` to wait.',
      );
    }
    return go;
  }

  /** The scaling rule's desired capacity for group `g`. */
  desiredCapacity(g: number, current: number, cpu: number, now: number): number {
    const group = this.#topo.groups[g]!;
    const name = this.#names.groups[g]!;
    const ctx = { current, cpu, min: group.min, max: group.max, nowSeconds: now };
    this.#count(name, now);
    let desired: unknown;
    try {
      desired = this.#bound.groups[g]!.desiredCapacity(ctx);
    } catch (error) {
      throw threw(name, now, error);
    }
    if (
      typeof desired !== 'number' ||
      !Number.isInteger(desired) ||
      desired < group.min ||
      desired > group.max
    ) {
      throw new PolicyError(
        'invalid-policy-result',
        name,
        desired,
        now,
        `desiredCapacity returned ${formatValue(desired)}, which is not a whole number from ${group.min} to ${group.max}`,
        'Round with Math.ceil or Math.round, and keep it within ctx.min and ctx.max, e.g. `Math.min(ctx.max, Math.max(ctx.min, n))`.',
      );
    }
    return desired;
  }

  /** Counts one call against the budget. */
  #count(name: string, now: number): void {
    if (++this.#out.policyCalls <= this.#bound.maxCalls) return;
    throw new PolicyError(
      'policy-budget',
      name,
      this.#bound.maxCalls,
      now,
      `The policies were called more than ${this.#bound.maxCalls} times`,
      'Shorten the run (scenario.durationSeconds or users), or raise options.maxPolicyCalls.',
    );
  }
}

/** Wraps what a policy threw, naming the policy. */
function threw(name: string, now: number, error: unknown): PolicyError {
  const detail = error instanceof Error ? `${error.name}: ${error.message}` : formatValue(error);
  return new PolicyError(
    'policy-threw',
    name,
    error,
    now,
    `Your policy threw ${detail}`,
    'Look at the values in `ctx` it read; a policy must return a value on every call.',
  );
}
