import { describe, expect as vitestExpect, it } from 'vitest';
import { Stack } from '../sim/index.ts';
import { defineChecks, describeFailure, runChecks } from './check.ts';
import { expect } from './expect.ts';

describe('runChecks', () => {
  const checks = defineChecks<{ value?: number }>([
    {
      id: 'positive',
      title: 'value is positive',
      points: 1,
      visibility: 'visible',
      run: (mod) => expect(mod.value, 'value').toBeGreaterThan(0),
    },
    {
      id: 'throws',
      title: 'never reached by a thrown error in another check',
      points: 1,
      visibility: 'visible',
      run: () => {
        throw new TypeError('boom');
      },
    },
  ]);

  it('reports each check with its points, passing or failing, and never stops at a failure', async () => {
    const results = await runChecks(checks, { value: -1 }, { seed: 1 });
    vitestExpect(results.map((r) => [r.id, r.passed, r.points])).toEqual([
      ['positive', false, 1],
      ['throws', false, 1],
    ]);
    vitestExpect(results[0]?.message).toMatch(/value: expected -1 to be greater than 0/);
    vitestExpect(results[1]?.message).toBe('boom');
  });

  it('passes a check whose function returns normally', async () => {
    const results = await runChecks(checks.slice(0, 1), { value: 3 }, { seed: 1 });
    vitestExpect(results).toEqual([
      { id: 'positive', title: 'value is positive', points: 1, passed: true },
    ]);
  });

  it('rejects two checks with the same id', () => {
    const check = checks[0]!;
    vitestExpect(() => defineChecks([check, check])).toThrow(/two checks share the id `positive`/);
  });
});

describe('describeFailure', () => {
  it('shows a simulator configuration error with the field at fault and what is allowed', () => {
    let message = '';
    try {
      new Stack('x').instance('web', { instanceType: 't3.mega' as never });
    } catch (error) {
      message = describeFailure(error);
    }
    vitestExpect(message).toContain('t3.mega');
    vitestExpect(message).toContain('instanceType');
    vitestExpect(message).toContain('t3.micro');
  });

  it('describes values thrown that are not errors', () => {
    vitestExpect(describeFailure('oops')).toMatch(/non-error value: oops/);
  });
});
