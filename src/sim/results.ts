/** What a run returns: plain, JSON-serialisable data, identical for the same inputs and seed. */
import type { InstanceTypeName } from './catalog/instance-types.ts';
import type { RegionCode } from './catalog/regions.ts';

/** Why a request failed. */
export type FailureReason =
  'timeout' | 'queue-full' | 'out-of-memory' | 'instance-down' | 'no-route';

/** Every failure reason, in a fixed order. */
export const FAILURE_REASONS: readonly FailureReason[] = [
  'timeout',
  'queue-full',
  'out-of-memory',
  'instance-down',
  'no-route',
];

/** Statistics of one EC2 instance over the measured window (after warm-up). */
export interface Ec2Stats {
  kind: 'ec2';
  instanceType: InstanceTypeName;
  /** vCPUs of the instance type. */
  vcpus: number;
  /** Requests it works on at once: `min(workerThreads, vcpus)`. */
  servers: number;
  /** Memory of the instance type, in MiB. */
  memoryMiB: number;
  /** Requests that reached the instance. */
  arrivals: number;
  /** Requests it finished working on (including those whose client had already given up). */
  served: number;
  /** Requests turned away because the queue was full. */
  rejectedQueueFull: number;
  /** Requests turned away because accepting them would exceed the memory. */
  rejectedOutOfMemory: number;
  /** Busy vCPU time over available vCPU time, 0..1 (time average; wasted work included). */
  cpuUtilisation: number;
  /** Busy worker time over available worker time (`servers`), 0..1: the queueing ρ. */
  workerUtilisation: number;
  /** Time-average memory in use over the instance's memory, 0..1. */
  memoryUtilisation: number;
  /** Highest memory in use, in MiB. */
  peakMemoryMiB: number;
  /** Time-average number of requests queued or running on the instance. */
  meanInFlight: number;
  /** Mean wait in the queue before a worker picked the request up, in milliseconds. */
  meanWaitMs: number;
  /** Mean CPU time per request served, in milliseconds. */
  meanServiceMs: number;
  /** Burstable types: baseline utilisation as a fraction of all vCPUs, 0..1. */
  baselineUtilisation?: number;
  /**
   * Burstable types: true when `cpuUtilisation` is above the baseline. v1 models T instances in
   * unlimited mode at full speed, so the surplus shows up on the bill, not as slowness.
   */
  burstableAboveBaseline?: boolean;
}

/** Statistics of an Elastic IP. */
export interface EipStats {
  kind: 'eip';
  /** Id of the instance it is attached to. */
  instance: string;
}

/** Statistics of a DNS record over the measured window. */
export interface DnsStats {
  kind: 'dns';
  /** Record name. */
  name: string;
  /** Hosted zone (last two labels of the name). */
  zone: string;
  /** Queries that reached Route 53 (resolver cache misses). */
  queries: number;
  /** Queries per second. */
  queriesPerSecond: number;
  /** Share of lookups answered from a resolver cache, 0..1. */
  cacheHitRate: number;
}

/** Per-part statistics, discriminated on `kind`. */
export type PartStats = Ec2Stats | EipStats | DnsStats;

/** One instance's billable hours. */
export interface InstanceUsage {
  instanceType: InstanceTypeName;
  region: RegionCode;
  /** Instance hours in the month (730: it runs all month). */
  hours: number;
  /**
   * Burstable types in unlimited mode: vCPU-hours above the baseline per month, assuming this
   * run's utilisation holds all month (AWS averages over 24 hours). 0 for other types.
   */
  surplusVcpuHours: number;
}

/** What the bill prices, per 730-hour month, assuming the simulated load holds all month. */
export interface Usage {
  /** Hours in the billing month the course uses. */
  monthHours: 730;
  /** Billable instance hours by part id. */
  instanceHours: Record<string, InstanceUsage>;
  /** Elastic IP addresses in the stack. */
  elasticIps: number;
  /**
   * Public IPv4 address-hours: each Elastic IP, plus each instance a DNS record targets directly
   * (its auto-assigned public address), for every hour of the month.
   */
  publicIpv4Hours: number;
  /** Distinct hosted zones among the DNS records. */
  hostedZones: number;
  /** DNS queries that reach Route 53 per month (resolver cache misses). */
  dnsQueriesPerMonth: number;
  /** Response bytes sent to the internet per month. */
  dataOutBytesPerMonth: number;
  /** The same in GB of 2^30 bytes (`dataOutBytesPerMonth / 2^30`). */
  dataOutGbPerMonth: number;
  /** Requests users send per month (answered or not). */
  requestsPerMonth: number;
}

/** Everything a run measured. */
export interface SimResults {
  format: 'course-results/v1';
  /** Seed the run used. */
  seed: number;
  /** Measured window: `durationSeconds - warmupSeconds`, in seconds. */
  simulatedSeconds: number;
  /** Request rate users offer, `users / thinkTimeSeconds`, per second. */
  offeredRps: number;
  /** Requests sent during the measured window and what became of them. */
  requests: {
    total: number;
    ok: number;
    failed: number;
    /** failed / total, 0..1 (0 when there were no requests). */
    errorRate: number;
    byReason: Record<FailureReason, number>;
  };
  /** Successful responses per second over the measured window. */
  throughputRps: number;
  /** End-to-end latency of successful requests, in milliseconds (histogram, under 0.2 % error). */
  latencyMs: { mean: number; p50: number; p95: number; p99: number; max: number };
  /** Statistics by part id. */
  parts: Record<string, PartStats>;
  /** What the bill prices. */
  usage: Usage;
  /** Events the engine processed. */
  events: number;
}
