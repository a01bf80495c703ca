/**
 * Every exercise is solvable and not solved from the start: its reference solution passes every
 * visible and hidden check, and its starter fails at least one visible check.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runChecks, type Check } from '../../src/checks/check.ts';

const ids = readdirSync('exercises', { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

async function load(id: string) {
  const visible = (await import(`../../exercises/${id}/checks.ts`)).default as Check<unknown>[];
  const hidden = (await import(`../../exercises/${id}/hidden.checks.ts`))
    .default as Check<unknown>[];
  const solution = (await import(`../../exercises/${id}/solution.ts`)) as Record<string, unknown>;
  const starter = (await import(`../../exercises/${id}/starter.ts`)) as Record<string, unknown>;
  return { visible, hidden, solution, starter };
}

it('finds the exercises', () => {
  expect(ids.length).toBeGreaterThan(0);
});

describe.each(ids)('exercise %s', (id) => {
  it('has a statement, metadata with its own id, and checks marked with their visibility', async () => {
    const meta = JSON.parse(readFileSync(`exercises/${id}/meta.json`, 'utf8')) as { id: string };
    expect(meta.id).toBe(id);
    expect(readFileSync(`exercises/${id}/README.md`, 'utf8').trim().length).toBeGreaterThan(100);
    const { visible, hidden } = await load(id);
    expect(visible.length).toBeGreaterThan(0);
    expect(hidden.length).toBeGreaterThan(0);
    expect(visible.every((check) => check.visibility === 'visible')).toBe(true);
    expect(hidden.every((check) => check.visibility === 'hidden')).toBe(true);
  });

  it('the reference solution passes every visible and hidden check', async () => {
    const { visible, hidden, solution } = await load(id);
    const results = await runChecks([...visible, ...hidden], solution, { seed: 1 });
    expect(results.filter((result) => !result.passed)).toEqual([]);
  });

  it('the starter fails at least one visible check, with a message', async () => {
    const { visible, starter } = await load(id);
    const failed = (await runChecks(visible, starter, { seed: 1 })).filter(
      (result) => !result.passed,
    );
    expect(failed.length).toBeGreaterThan(0);
    for (const result of failed) expect(result.message?.length ?? 0).toBeGreaterThan(10);
  });
});
