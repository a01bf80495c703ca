import { describe, expect, it } from 'vitest';
import { simulate } from '../sim/index.ts';
import { STAGES, defaultChoice } from './index.ts';

describe.each(Object.values(STAGES))('stage preset $id', (stage) => {
  const run = (failure?: string) => {
    const choice = { ...defaultChoice(stage), ...(failure ? { failure } : {}) };
    return simulate(stage.stack(choice).toJSON(), stage.scenario(choice), { seed: stage.seed });
  };

  it('serves its default load with no failures and headline figures for its main part', () => {
    const results = run();
    expect(results.requests.errorRate).toBe(0);
    expect(results.latencyMs.p95).toBeGreaterThan(0);
    expect(['ec2', 'asg']).toContain(results.parts[stage.headlinePart]?.kind);
    for (const select of stage.selects) {
      expect(select.options.map((o) => o.value)).toContain(select.defaultValue);
    }
  });

  it.each(stage.failures.map((f) => [f.label, f.id, f.failure.kind]))(
    '"%s" changes the run, and any failed request says why',
    (_, id, kind) => {
      const results = run(id);
      expect(JSON.stringify(results)).not.toBe(JSON.stringify(run()));
      const reasons = Object.values(results.requests.byReason).reduce((a, b) => a + b, 0);
      expect(reasons).toBe(results.requests.failed);
      // Losing a cache node loses data, not service; every other failure costs requests.
      if (kind !== 'cache-node-loss') expect(results.requests.failed).toBeGreaterThan(0);
    },
  );
});
