/**
 * The goal of the exercise, shared by its visible and hidden checks: the load, the latency
 * target, and how a stack is judged against them. Pure: it runs in Vitest, in the page's
 * worker and in the grader.
 */
import { INSTANCE_TYPES, simulate, type InstanceTypeName, type StackSpec } from '@course/sim';
import { findPrice } from '../../src/pricing/snapshot.ts';
import { shippedSnapshot } from '../../src/pricing/snapshot.ts';

/** Active users the launch server must serve. */
export const USERS = 600;
/** The p95 latency the server must stay under, in milliseconds. */
export const TARGET_P95_MS = 250;
/** At most this share of requests may fail. */
export const MAX_ERROR_RATE = 0.01;

export interface Verdict {
  instanceType: InstanceTypeName;
  p95Ms: number;
  errorRate: number;
  cpuUtilisation: number;
  /** False when requests cannot reach the server at all (no DNS record leads to it). */
  reachable: boolean;
  /** Why the type does not meet the goal; absent when it does. */
  shortfall?: string;
}

/** Hourly on-demand Linux price in us-east-1 from the shipped snapshot, or null when missing. */
export function hourlyPriceUsd(instanceType: InstanceTypeName): number | null {
  const lookup = findPrice(shippedSnapshot(), {
    service: 'AmazonEC2',
    item: instanceType,
    region: 'us-east-1',
  });
  return lookup.status === 'found' ? lookup.row.usd : null;
}

/** The learner's single instance, with everything else of the stack unchanged. */
export function withInstanceType(spec: StackSpec, instanceType: InstanceTypeName): StackSpec {
  return {
    ...spec,
    parts: spec.parts.map((part) => (part.kind === 'ec2' ? { ...part, instanceType } : part)),
  };
}

/** Runs the stack at the exercise's load and says whether it meets the goal. */
export function judge(spec: StackSpec, users: number, seed: number): Verdict {
  const instance = spec.parts.find((part) => part.kind === 'ec2');
  if (!instance || instance.kind !== 'ec2') throw new Error('The stack has no EC2 instance.');
  const results = simulate(spec, { users }, { seed });
  const stats = results.parts[instance.id];
  const cpuUtilisation = stats && 'cpuUtilisation' in stats ? Number(stats.cpuUtilisation) : 0;
  const type = INSTANCE_TYPES[instance.instanceType];
  const verdict: Verdict = {
    instanceType: instance.instanceType,
    p95Ms: results.latencyMs.p95,
    errorRate: results.requests.errorRate,
    cpuUtilisation,
    reachable: results.requests.byReason['no-route'] === 0,
  };
  const baseline = type.burstable ? (type.baselinePercentPerVcpu ?? 0) / 100 : 1;
  if (!verdict.reachable) {
    verdict.shortfall =
      'no request reaches the server, because no DNS record leads to it: add the Elastic IP and the DNS record first';
  } else if (results.requests.errorRate > MAX_ERROR_RATE) {
    verdict.shortfall = `${(results.requests.errorRate * 100).toFixed(1)}% of requests fail (at most ${MAX_ERROR_RATE * 100}% may)`;
  } else if (!(results.latencyMs.p95 < TARGET_P95_MS)) {
    verdict.shortfall = `p95 latency is ${Math.round(results.latencyMs.p95)} ms (it must stay under ${TARGET_P95_MS} ms)`;
  } else if (cpuUtilisation > baseline) {
    verdict.shortfall =
      `it runs at ${(cpuUtilisation * 100).toFixed(0)}% CPU, above its ${(baseline * 100).toFixed(0)}% baseline: ` +
      'a burstable instance in unlimited mode then pays for surplus CPU credits, which this course does not price';
  }
  return verdict;
}

/** Instance types cheaper per hour than `instanceType`, cheapest first, among priced types. */
export function cheaperTypes(instanceType: InstanceTypeName): InstanceTypeName[] {
  const own = hourlyPriceUsd(instanceType);
  if (own === null) return [];
  return (Object.keys(INSTANCE_TYPES) as InstanceTypeName[])
    .map((name) => ({ name, price: hourlyPriceUsd(name) }))
    .filter(
      (entry): entry is { name: InstanceTypeName; price: number } =>
        entry.price !== null && entry.price < own,
    )
    .sort((a, b) => a.price - b.price)
    .map((entry) => entry.name);
}
