import { Stack, type InstanceTypeName } from '@course/sim';
import { describe, expect, it } from 'vitest';
import { runChecks } from '../../src/checks/check.ts';
import checks from './checks.ts';
import { cheaperTypes, hourlyPriceUsd } from './goal.ts';

function answer(instanceType: InstanceTypeName) {
  return {
    buildStack() {
      const stack = new Stack('launch');
      const web = stack.instance('web', { instanceType });
      const address = stack.elasticIp('web-ip', { instance: web });
      stack.dnsRecord('www', { name: 'www.example.com', target: address });
      return stack;
    },
  };
}

async function failures(mod: unknown) {
  const results = await runChecks(checks, mod as never, { seed: 1 });
  return Object.fromEntries(results.filter((r) => !r.passed).map((r) => [r.id, r.message]));
}

describe('right-size checks explain each wrong answer', () => {
  it('a stack without a DNS record is told that no request reaches it, not to buy a bigger box', async () => {
    const starter = await import('./starter.ts');
    const failed = await failures(starter);
    expect(failed['shape']).toMatch(/no Elastic IP yet/);
    expect(failed['meets-target']).toMatch(/no request reaches the server/);
    expect(failed['meets-target']).not.toMatch(/bigger instance type/);
  });

  it('a 2-vCPU type is too small at this load', async () => {
    const failed = await failures(answer('m5.large'));
    expect(failed['meets-target']).toMatch(/requests fail|p95 latency is/);
    expect(failed['meets-target']).toMatch(/bigger instance type/);
  });

  it('a burstable type above its CPU baseline does not count', async () => {
    const failed = await failures(answer('t3.xlarge'));
    expect(failed['meets-target']).toMatch(/above its 40% baseline/);
  });

  it('a type that meets the target but is not the cheapest is told which cheaper type also does', async () => {
    const failed = await failures(answer('m5.xlarge'));
    expect(failed['meets-target']).toBeUndefined();
    expect(failed['cheapest']).toMatch(/c5\.xlarge costs less per hour than m5\.xlarge/);
  });

  it('reads prices from the snapshot and orders cheaper types by price', () => {
    expect(hourlyPriceUsd('c5.xlarge')).toBe(0.17);
    const cheaper = cheaperTypes('c5.xlarge');
    const prices = cheaper.map((type) => hourlyPriceUsd(type) ?? Infinity);
    expect(prices).toEqual([...prices].sort((a, b) => a - b));
    expect(prices.every((price) => price < 0.17)).toBe(true);
  });
});
