/**
 * Learner policies: small functions the engine calls at its decision points, in place of the
 * built-in behaviour of one part. They are functions, so they cannot live in the JSON stack;
 * pass them in `SimOptions.policies`, keyed by the id of the part they steer:
 *
 * ```ts
 * simulate(stack, scenario, {
 *   policies: {
 *     alb: { chooseTarget: (ctx) => ... },            // a load balancer
 *     cache: { shouldCache: (key, ctx) => ... },      // a cache used for cache-aside reads
 *     db: { shouldFailOver: (ctx) => ... },           // a Multi-AZ RDS database
 *     web: { desiredCapacity: (ctx) => ... },         // an Auto Scaling group
 *   },
 * });
 * ```
 *
 * Every call is counted against `SimOptions.maxPolicyCalls`, and every value a policy returns
 * is checked: a wrong type or an out-of-range value stops the run with a `PolicyError`
 * (`invalid-policy-result`), and so does an exception thrown inside a policy (`policy-threw`).
 * The engine cannot measure the work inside one call: a policy that loops forever is stopped
 * by the page's wall-clock watchdog (the worker is ended) in the browser, and by the grader's
 * process time limit. Policies must be deterministic (no `Math.random`, no clocks) so that one
 * seed gives one result.
 */

/** One target of a load balancer, as a policy sees it. */
export interface TargetView {
  /** Instance id: the part id, or `<group>#<n>` for an instance of an Auto Scaling group. */
  readonly id: string;
  /** Availability Zone of the instance, e.g. `us-east-1a`. */
  readonly az: string;
  /** Requests the load balancer sent it that have not been answered yet. */
  readonly outstanding: number;
  /** False while its health checks fail: do not pick it. */
  readonly healthy: boolean;
}

/** What a load-balancing policy knows when it picks a target for one request. */
export interface LoadBalancingContext {
  /**
   * The instances in service behind the load balancer (an Auto Scaling group's free slots are
   * left out), in the order of its `targets`. At least one is healthy. The engine reuses these
   * objects between calls: read them, do not keep them.
   */
  readonly targets: readonly TargetView[];
  /** The user sending the request, a whole number from 0. */
  readonly user: number;
  /** Simulated time, in seconds since the start of the run. */
  readonly nowSeconds: number;
}

/** Steers a load balancer (`stack.loadBalancer(...)`) in place of its `algorithm`. */
export interface LoadBalancerPolicy {
  /**
   * Picks the target for one request: return an index into `ctx.targets` whose target is
   * healthy. Called for every request not pinned to an instance by its session.
   */
  chooseTarget(ctx: LoadBalancingContext): number;
}

/** What a cache-aside policy knows when a row read from the database could be cached. */
export interface CacheAsideContext {
  /** Simulated time, in seconds since the start of the run. */
  readonly nowSeconds: number;
  /** Items in the cache now. */
  readonly cachedItems: number;
  /** Items the cache holds at most (its `maxItems`). */
  readonly maxItems: number;
}

/** Steers a cache (`stack.cache(...)`) that an app reads through. */
export interface CachePolicy {
  /**
   * After a cache miss, the app read row `key` from the database: return true to put it in the
   * cache, false to leave it out. Keys are ranked by popularity: key 0 is the most requested
   * (the workload's Zipf ranks). Writes still remove a row from the cache.
   */
  shouldCache(key: number, ctx: CacheAsideContext): boolean;
}

/** What a failover policy knows, once a simulated second. */
export interface FailoverContext {
  /** Seconds since the primary stopped answering; 0 while it is healthy. */
  readonly secondsSinceFailure: number;
  /** True while the primary answers. */
  readonly primaryHealthy: boolean;
  /** Availability Zone of the standby that would take over. */
  readonly standbyAz: string;
  /** Simulated time, in seconds since the start of the run. */
  readonly nowSeconds: number;
}

/**
 * Steers the failover of a Multi-AZ RDS database (`stack.database(..., { multiAz: true })`).
 * Without a policy RDS starts failing over the moment the primary fails.
 */
export interface DatabasePolicy {
  /**
   * Called once a simulated second while no failover is running: return true to promote the
   * standby now. The promotion then takes the documented 60-120 s, during which the database
   * refuses queries; a primary that comes back by itself needs no failover at all.
   */
  shouldFailOver(ctx: FailoverContext): boolean;
}

/** What a scaling rule knows at each scaling period's end. */
export interface ScalingContext {
  /** Instances running now: in service or launching. */
  readonly current: number;
  /** Average CPU utilisation of the in-service instances past their warm-up over the period, 0..1. */
  readonly cpu: number;
  /** The group's `min`. */
  readonly min: number;
  /** The group's `max`. */
  readonly max: number;
  /** Simulated time, in seconds since the start of the run. */
  readonly nowSeconds: number;
}

/** Steers an Auto Scaling group (`stack.autoScalingGroup(...)`) in place of target tracking. */
export interface ScalingPolicy {
  /**
   * Returns the group's desired capacity: a whole number from `ctx.min` to `ctx.max`. Called
   * at the end of every scaling period in which some instance's CPU was measured. Crashed
   * instances are replaced whatever it returns.
   */
  desiredCapacity(ctx: ScalingContext): number;
}

/** A policy for one part: which one depends on the part's kind. */
export type PartPolicy = LoadBalancerPolicy | CachePolicy | DatabasePolicy | ScalingPolicy;

/** Policies keyed by part id, as passed in `SimOptions.policies`. */
export type Policies = Readonly<Record<string, PartPolicy>>;

/** Default `SimOptions.maxPolicyCalls`. */
export const DEFAULT_MAX_POLICY_CALLS = 10_000_000;
