import { describe, expect, it } from 'vitest';
import { SimConfigError, Stack, validateStack } from './index.ts';
import type { StackSpec } from './index.ts';

/** Runs `fn` and returns the SimConfigError it throws (failing the test otherwise). */
function configError(fn: () => unknown): SimConfigError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(SimConfigError);
    const e = error as SimConfigError;
    expect(e.hint.length).toBeGreaterThan(0);
    expect(e.message).toContain(e.path);
    expect(e.message).toContain(e.hint);
    return e;
  }
  throw new Error('expected a SimConfigError, but nothing was thrown');
}

function spec(parts: unknown[]): unknown {
  return { format: 'course-stack/v1', name: 'test', region: 'us-east-1', parts };
}

describe('the Stack builder', () => {
  it('produces plain data with defaults filled in, and round-trips through JSON', () => {
    const stack = new Stack('shop', { region: 'eu-west-1' });
    const web = stack.instance('web', { instanceType: 't3.small' });
    const ip = stack.elasticIp('ip', { instance: web });
    stack.dnsRecord('www', { name: 'WWW.Example.com.', target: ip });

    const json = stack.toJSON();
    expect(json).toEqual({
      format: 'course-stack/v1',
      name: 'shop',
      region: 'eu-west-1',
      parts: [
        { kind: 'ec2', id: 'web', instanceType: 't3.small', az: 'eu-west-1a' },
        { kind: 'eip', id: 'ip', instance: 'web' },
        { kind: 'dns', id: 'www', name: 'www.example.com', target: 'ip', ttlSeconds: 300 },
      ],
    } satisfies StackSpec);
    expect(Stack.fromJSON(JSON.parse(JSON.stringify(json))).toJSON()).toEqual(json);
    expect(web).toEqual({ id: 'web', kind: 'ec2' });
  });

  it('reports an unknown instance type on the line that adds it, listing the allowed types', () => {
    const stack = new Stack('s');
    const e = configError(() => stack.instance('web', { instanceType: 't3.mega' as 't3.micro' }));
    expect(e.code).toBe('unknown-instance-type');
    expect(e.path).toBe('parts[0].instanceType');
    expect(e.value).toBe('t3.mega');
    expect(e.message).toMatch(
      /^Unknown instance type `t3.mega` at parts\[0\]\.instanceType\. Use one of: t3\.micro, t3\.small/,
    );
    expect(stack.toJSON().parts).toEqual([]);
  });

  it('rejects a second part with the same id', () => {
    const stack = new Stack('s');
    stack.instance('web', { instanceType: 't3.micro' });
    const e = configError(() => stack.instance('web', { instanceType: 't3.micro' }));
    expect([e.code, e.path, e.value]).toEqual(['duplicate-id', 'parts[1].id', 'web']);
  });

  it('rejects a reference to a part that does not exist, naming the ones that do', () => {
    const stack = new Stack('s');
    stack.instance('web', { instanceType: 't3.micro' });
    const e = configError(() => stack.elasticIp('ip', { instance: 'wbe' }));
    expect([e.code, e.path, e.value]).toEqual(['dangling-reference', 'parts[1].instance', 'wbe']);
    expect(e.hint).toContain('web');
  });

  it('rejects a reference to a part of the wrong kind', () => {
    const stack = new Stack('s');
    const web = stack.instance('web', { instanceType: 't3.micro' });
    const ip = stack.elasticIp('ip', { instance: web });
    const e = configError(() => stack.elasticIp('ip2', { instance: ip as never }));
    expect([e.code, e.path]).toEqual(['wrong-reference-kind', 'parts[2].instance']);
  });

  it('rejects a misspelt option instead of ignoring it', () => {
    const stack = new Stack('s');
    const e = configError(() => stack.instance('web', { instancetype: 't3.micro' } as never));
    expect([e.code, e.path]).toEqual(['unknown-property', 'parts[0].instancetype']);
  });

  it('rejects an Availability Zone outside the region', () => {
    const e = configError(() =>
      new Stack('s').instance('web', { instanceType: 't3.micro', az: 'eu-west-1a' }),
    );
    expect([e.code, e.path, e.value]).toEqual(['invalid-az', 'parts[0].az', 'eu-west-1a']);
  });

  it('rejects an unknown region and a missing name', () => {
    expect(configError(() => new Stack('s', { region: 'mars-1' as never })).code).toBe(
      'unknown-region',
    );
    expect(configError(() => new Stack('')).code).toBe('invalid-name');
  });
});

describe('validateStack', () => {
  it.each([
    [null, 'stack'],
    [42, 'stack'],
    ['stack', 'stack'],
    [[], 'stack'],
  ])('rejects the non-object %j', (input, path) => {
    const e = configError(() => validateStack(input));
    expect([e.code, e.path, e.value]).toEqual(['not-an-object', path, input]);
  });

  it('rejects a part that is not an object', () => {
    const e = configError(() => validateStack(spec([5])));
    expect([e.code, e.path, e.value]).toEqual(['not-an-object', 'parts[0]', 5]);
  });

  it('rejects an unknown format and an unknown part kind', () => {
    expect(configError(() => validateStack({ ...(spec([]) as object), format: 'v2' })).code).toBe(
      'unknown-format',
    );
    const e = configError(() => validateStack(spec([{ kind: 'nat-gateway', id: 'nat' }])));
    expect([e.code, e.path, e.value]).toEqual([
      'unknown-part-kind',
      'parts[0].kind',
      'nat-gateway',
    ]);
  });

  it('rejects a DNS record pointing at a part defined later (dangling at that point)', () => {
    const e = configError(() =>
      validateStack(
        spec([
          { kind: 'dns', id: 'www', name: 'www.example.com', target: 'web' },
          { kind: 'ec2', id: 'web', instanceType: 't3.micro' },
        ]),
      ),
    );
    expect([e.code, e.path]).toEqual(['dangling-reference', 'parts[0].target']);
  });

  it.each([
    ['a negative TTL', { ttlSeconds: -1 }, 'invalid-number', 'parts[1].ttlSeconds'],
    ['a NaN TTL', { ttlSeconds: Number.NaN }, 'invalid-number', 'parts[1].ttlSeconds'],
    ['a one-label name', { name: 'localhost' }, 'invalid-dns-name', 'parts[1].name'],
    ['a name with a space', { name: 'my site.com' }, 'invalid-dns-name', 'parts[1].name'],
    ['an id with a space', { id: 'my record' }, 'invalid-id', 'parts[1].id'],
  ])('rejects %s', (_, change, code, path) => {
    const dns = { kind: 'dns', id: 'www', name: 'www.example.com', target: 'web', ...change };
    const e = configError(() =>
      validateStack(spec([{ kind: 'ec2', id: 'web', instanceType: 't3.micro' }, dns])),
    );
    expect([e.code, e.path]).toEqual([code, path]);
  });
});
