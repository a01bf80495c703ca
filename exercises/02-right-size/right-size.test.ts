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

  it.each([
    ['returns nothing', () => undefined, /returned nothing\. End it with `return stack;`/],
    ['is async', async () => new Stack('x'), /returned a Promise\. Remove `async`/],
    ['returns a string', () => 'stack', /must return the Stack you built .* not a string/],
    [
      'returns another object',
      () => ({ hello: 1 }),
      /must return the Stack you built .* not another object/,
    ],
    [
      'throws',
      () => {
        throw new Error('boom');
      },
      /`buildStack\(\)` threw: Error: boom/,
    ],
  ])('a buildStack that %s is told what to change', async (_, buildStack, message) => {
    const failed = await failures({ buildStack });
    expect(failed['shape']).toMatch(message);
  });

  it('two instances, or a record for the wrong name, are named plainly', async () => {
    const twoInstances = answer('c5.xlarge');
    const failedTwo = await failures({
      buildStack: () => {
        const stack = twoInstances.buildStack();
        stack.instance('db', { instanceType: 't3.micro' });
        return stack;
      },
    });
    expect(failedTwo['shape']).toBe(
      'Your stack has 2 EC2 instances; this stage runs everything on exactly one.',
    );
    const failedName = await failures({
      buildStack: () => {
        const stack = new Stack('launch');
        const web = stack.instance('web', { instanceType: 'c5.xlarge' });
        const ip = stack.elasticIp('ip', { instance: web });
        stack.dnsRecord('apex', { name: 'example.com', target: ip });
        return stack;
      },
    });
    expect(failedName['shape']).toMatch(
      /The DNS record is for `example.com`; make it `www.example.com`/,
    );
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
