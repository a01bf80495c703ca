/**
 * Learner policies: the engine calls them at its decision points and follows what they return.
 * A policy written the way a learner would write least-outstanding-requests reproduces the
 * built-in algorithm exactly; a bad return value, an exception or a runaway number of calls
 * stops the run with a `PolicyError` that names the policy.
 */
import { describe, expect, it } from 'vitest';
import { PolicyError, SimConfigError, Stack, simulate } from '../../src/sim/index.ts';
import type {
  AutoScalingGroupStats,
  CacheStats,
  Ec2Stats,
  LoadBalancingContext,
  Scenario,
  SimOptions,
} from '../../src/sim/index.ts';

/** Three web servers behind an ALB, sessions in a cache (no pinning), RDS behind a cache. */
function threeWebs(algorithm: 'round-robin' | 'least-outstanding-requests' = 'round-robin') {
  const stack = new Stack('policies');
  const db = stack.database('db', { instanceClass: 'db.m5.large', multiAz: true });
  const cache = stack.cache('cache', { nodeType: 'cache.m5.large', maxItems: 2000 });
  const webs = ['a', 'b', 'c'].map((zone, i) =>
    stack.instance(`web-${i + 1}`, {
      instanceType: i === 2 ? 'c5.xlarge' : 'c5.large',
      az: `us-east-1${zone}`,
      app: { database: db, cache, sessions: cache },
    }),
  );
  const lb = stack.loadBalancer('alb', { targets: webs, algorithm });
  stack.dnsRecord('www', { name: 'www.example.com', target: lb });
  return stack;
}

const load: Scenario = { users: 900, durationSeconds: 60 };

function run(stack: Stack, options: SimOptions = {}, scenario: Scenario = load) {
  return simulate(stack, scenario, { seed: 3, ...options });
}

function policyError(fn: () => unknown): PolicyError {
  try {
    fn();
  } catch (error) {
    if (error instanceof PolicyError) return error;
    throw error;
  }
  throw new Error('Bug: expected a PolicyError');
}

describe('load-balancing policy', () => {
  it('a least-outstanding policy written as a learner would matches the built-in algorithm', () => {
    // The built-in algorithm starts its scan one target further each request and keeps the
    // first of equally loaded targets; a learner's version with the same rotation.
    let next = 0;
    const chooseTarget = (ctx: LoadBalancingContext): number => {
      const n = ctx.targets.length;
      const first = next;
      next = (next + 1) % n;
      let best = -1;
      for (let k = 0; k < n; k++) {
        const i = (first + k) % n;
        const t = ctx.targets[i]!;
        if (!t.healthy) continue;
        if (best < 0 || t.outstanding < ctx.targets[best]!.outstanding) best = i;
      }
      return best;
    };
    const builtIn = run(threeWebs('least-outstanding-requests'));
    const learner = run(threeWebs('round-robin'), { policies: { alb: { chooseTarget } } });
    // Every request, warm-up included, went through the policy.
    expect(learner.policyCalls).toBeGreaterThan(learner.requests.total);
    const { policyCalls, ...rest } = learner;
    expect(policyCalls).toBeDefined();
    expect(JSON.stringify(rest)).toBe(JSON.stringify(builtIn));
  });

  it('an out-of-range index stops the run with invalid-policy-result', () => {
    const error = policyError(() =>
      run(threeWebs(), { policies: { alb: { chooseTarget: (ctx) => ctx.targets.length } } }),
    );
    expect(error.code).toBe('invalid-policy-result');
    expect(error.policy).toBe('alb.chooseTarget');
    expect(error.value).toBe(3);
    expect(error.hint).toMatch(/0 to 2/);
  });

  it('a value of the wrong type stops the run with invalid-policy-result', () => {
    const error = policyError(() =>
      run(threeWebs(), { policies: { alb: { chooseTarget: () => 'web-1' as unknown as number } } }),
    );
    expect(error.code).toBe('invalid-policy-result');
    expect(error.message).toMatch(/`web-1`/);
  });

  it('an exception inside a policy becomes policy-threw, naming the policy', () => {
    const error = policyError(() =>
      run(threeWebs(), {
        policies: {
          alb: {
            chooseTarget: (ctx) =>
              (ctx.targets[5] as unknown as { outstanding: number }).outstanding,
          },
        },
      }),
    );
    expect(error.code).toBe('policy-threw');
    expect(error.policy).toBe('alb.chooseTarget');
    expect(error.value).toBeInstanceOf(TypeError);
    expect(error.message).toMatch(/TypeError/);
  });

  it('stops with policy-budget once maxPolicyCalls is exceeded', () => {
    const error = policyError(() =>
      run(threeWebs(), { policies: { alb: { chooseTarget: () => 0 } }, maxPolicyCalls: 100 }),
    );
    expect(error.code).toBe('policy-budget');
    expect(error.message).toMatch(/more than 100 times/);
    expect(error.hint).toMatch(/maxPolicyCalls/);
  });
});

describe('policy options', () => {
  it('rejects a policy for a part that does not exist, naming the parts that take one', () => {
    expect(() => run(threeWebs(), { policies: { lb: { chooseTarget: () => 0 } } })).toThrow(
      SimConfigError,
    );
    try {
      run(threeWebs(), { policies: { lb: { chooseTarget: () => 0 } } });
    } catch (error) {
      expect((error as SimConfigError).hint).toMatch(/db, cache, alb/);
    }
  });

  it('rejects a policy without the method its part calls', () => {
    expect(() =>
      run(threeWebs(), { policies: { alb: { shouldCache: () => true } as never } }),
    ).toThrow(/no `chooseTarget` function/);
  });

  it('rejects a zero policy call budget', () => {
    expect(() => run(threeWebs(), { maxPolicyCalls: 0 })).toThrow(SimConfigError);
  });
});

describe('cache-aside policy', () => {
  it('decides which rows read from the database go in the cache', () => {
    const all = run(threeWebs());
    const hot = run(threeWebs(), { policies: { cache: { shouldCache: (key) => key < 2000 } } });
    const none = run(threeWebs(), { policies: { cache: { shouldCache: () => false } } });
    const cache = (r: typeof all) => r.parts['cache'] as CacheStats;
    expect(cache(none).hits).toBe(0);
    expect(cache(none).notCached).toBeGreaterThan(0);
    expect(cache(all).notCached).toBeUndefined();
    // Admitting only the 2000 most popular rows: rarer rows are read but never cached.
    expect(cache(hot).notCached).toBeGreaterThan(0);
    expect(cache(hot).hits).toBeGreaterThan(0);
    expect(cache(hot).hitRate).toBeGreaterThan(0.15);
    expect(hot.requests.errorRate).toBe(0);
  });

  it('a non-boolean answer is invalid-policy-result', () => {
    const error = policyError(() =>
      run(threeWebs(), { policies: { cache: { shouldCache: () => 1 as unknown as boolean } } }),
    );
    expect(error.code).toBe('invalid-policy-result');
    expect(error.policy).toBe('cache.shouldCache');
  });
});

describe('failover policy', () => {
  const blip: Scenario = {
    users: 300,
    durationSeconds: 200,
    failures: [{ atSeconds: 30, kind: 'db-primary-failure', target: 'db', durationSeconds: 10 }],
  };

  it('waiting out a 10 s blip avoids a 60-120 s failover', () => {
    const eager = run(threeWebs(), {}, blip);
    const patient = run(
      threeWebs(),
      { policies: { db: { shouldFailOver: (ctx) => ctx.secondsSinceFailure >= 30 } } },
      blip,
    );
    const failovers = (r: typeof eager) =>
      r.parts['db']!.kind === 'rds' ? r.parts['db']!.failovers.length : -1;
    expect(failovers(eager)).toBe(1);
    expect(failovers(patient)).toBe(0);
    expect(patient.requests.failed).toBeLessThan(eager.requests.failed / 3);
  });

  it('is asked with the standby zone and the primary healthy until it fails', () => {
    const seen: { healthy: boolean; since: number; az: string }[] = [];
    run(
      threeWebs(),
      {
        policies: {
          db: {
            shouldFailOver: (ctx) => {
              seen.push({
                healthy: ctx.primaryHealthy,
                since: ctx.secondsSinceFailure,
                az: ctx.standbyAz,
              });
              return ctx.secondsSinceFailure >= 5;
            },
          },
        },
      },
      blip,
    );
    expect(seen[0]).toEqual({ healthy: true, since: 0, az: 'us-east-1b' });
    expect(seen.some((s) => !s.healthy && s.since === 5)).toBe(true);
  });
});

describe('scaling rule', () => {
  function group(min: number, max: number) {
    const stack = new Stack('asg');
    const sessions = stack.table('sessions');
    const web = stack.autoScalingGroup('web', {
      instanceType: 'c5.large',
      azs: ['us-east-1a', 'us-east-1b'],
      min,
      max,
      desired: min,
      app: { sessions },
    });
    const lb = stack.loadBalancer('alb', { targets: [web] });
    stack.dnsRecord('www', { name: 'www.example.com', target: lb });
    return stack;
  }
  const steady: Scenario = { users: 500, durationSeconds: 400 };

  it('sets the desired capacity the rule returns, within min and max', () => {
    const calls: { current: number; cpu: number; min: number; max: number }[] = [];
    const results = run(
      group(2, 6),
      {
        policies: {
          web: {
            desiredCapacity: (ctx) => {
              calls.push({ current: ctx.current, cpu: ctx.cpu, min: ctx.min, max: ctx.max });
              return Math.min(ctx.max, ctx.current + 1);
            },
          },
        },
      },
      steady,
    );
    const stats = results.parts['web'] as AutoScalingGroupStats;
    expect(calls.length).toBeGreaterThan(3);
    expect(calls[0]).toMatchObject({ current: 2, min: 2, max: 6 });
    expect(calls[0]!.cpu).toBeGreaterThan(0);
    expect(calls[0]!.cpu).toBeLessThan(1);
    // One more instance each period until max.
    expect(stats.activities.map((a) => a.to)).toEqual([3, 4, 5, 6]);
    expect(Math.max(...stats.inService)).toBe(6);
  });

  it('a desired capacity above max is invalid-policy-result with the allowed range', () => {
    const error = policyError(() =>
      run(group(1, 4), { policies: { web: { desiredCapacity: () => 5 } } }, steady),
    );
    expect(error.code).toBe('invalid-policy-result');
    expect(error.policy).toBe('web.desiredCapacity');
    expect(error.message).toMatch(/from 1 to 4/);
  });

  it('a fractional desired capacity is invalid-policy-result', () => {
    const error = policyError(() =>
      run(
        group(1, 4),
        { policies: { web: { desiredCapacity: (ctx) => ctx.current * 1.5 } } },
        steady,
      ),
    );
    expect(error.code).toBe('invalid-policy-result');
    expect(error.hint).toMatch(/Math.ceil/);
  });
});
