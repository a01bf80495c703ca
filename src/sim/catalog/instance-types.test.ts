import { describe, expect, it } from 'vitest';
import { INSTANCE_TYPES, INSTANCE_TYPE_NAMES } from './instance-types.ts';

describe('the instance catalogue', () => {
  it('covers the types the price snapshot covers', () => {
    expect(INSTANCE_TYPE_NAMES).toEqual([
      't3.micro',
      't3.small',
      't3.medium',
      't3.large',
      't3.xlarge',
      'm5.large',
      'm5.xlarge',
      'm5.2xlarge',
      'm6i.large',
      'm6i.xlarge',
      'c5.large',
      'c5.xlarge',
      'r5.large',
      'r5.xlarge',
    ]);
  });

  it.each(INSTANCE_TYPE_NAMES)('cites an AWS documentation page and a date for %s', (name) => {
    const t = INSTANCE_TYPES[name];
    expect(t.name).toBe(name);
    expect(t.source).toMatch(/^https:\/\/docs\.aws\.amazon\.com\//);
    expect(t.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(t.vcpus).toBeGreaterThan(0);
    expect(t.memoryGiB).toBeGreaterThan(0);
    expect(t.burstable).toBe(name.startsWith('t3.'));
    if (t.burstable) {
      expect(t.baselinePercentPerVcpu).toBeGreaterThan(0);
      expect(t.source).toContain('burstable');
    }
  });

  it('is frozen, so a learner cannot change AWS facts at run time', () => {
    expect(Object.isFrozen(INSTANCE_TYPES)).toBe(true);
    expect(Object.isFrozen(INSTANCE_TYPES['t3.micro'])).toBe(true);
  });
});
