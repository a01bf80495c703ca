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
    expect(results.parts[stage.headlinePart]?.kind).toBe('ec2');
    for (const select of stage.selects) {
      expect(select.options.map((o) => o.value)).toContain(select.defaultValue);
    }
  });

  it.each(stage.failures.map((f) => [f.label, f.id]))(
    '"%s" makes requests fail, and the run says why',
    (_, id) => {
      const results = run(id);
      expect(results.requests.failed).toBeGreaterThan(0);
      const reasons = Object.entries(results.requests.byReason).filter(([, n]) => n > 0);
      expect(reasons.length).toBeGreaterThan(0);
      expect(results.series?.failed.some((n) => n > 0)).toBe(true);
    },
  );
});
