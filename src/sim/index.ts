/**
 * The simulator's public API. Pure TypeScript: no DOM, no timers, no logging, no ambient
 * randomness, so it runs the same in Node and in a browser Web Worker, and the same seed gives
 * byte-identical results.
 */
export { Stack } from './stack.ts';
export type {
  InstanceProps,
  ElasticIpProps,
  DnsRecordProps,
  SimpleDnsRecordProps,
  FailoverDnsRecordProps,
  WeightedDnsRecordProps,
  LatencyDnsRecordProps,
  DnsTarget,
  StackProps,
  AppProps,
  LoadBalancerProps,
  DatabaseProps,
  CacheProps,
  TableProps,
  DistributionProps,
  AutoScalingGroupProps,
} from './stack.ts';
export type {
  PartKind,
  PartRef,
  PartSpec,
  InstanceSpec,
  ElasticIpSpec,
  DnsRecordSpec,
  SimpleDnsRecordSpec,
  FailoverDnsRecordSpec,
  WeightedDnsRecordSpec,
  WeightedTarget,
  LatencyDnsRecordSpec,
  LatencyTarget,
  DnsHealthCheckSpec,
  LoadBalancerSpec,
  DatabaseSpec,
  CacheSpec,
  TableSpec,
  BucketSpec,
  DistributionSpec,
  AutoScalingGroupSpec,
  AppWiring,
  StackSpec,
} from './stack-spec.ts';
export { regionOfPart } from './stack-spec.ts';
export { validateStack } from './validate.ts';

export { INSTANCE_TYPES, INSTANCE_TYPE_NAMES } from './catalog/instance-types.ts';
export type { InstanceType, InstanceTypeName } from './catalog/instance-types.ts';
export { DB_INSTANCE_CLASSES, DB_INSTANCE_CLASS_NAMES } from './catalog/db-instance-classes.ts';
export type { DbInstanceClass, DbInstanceClassName } from './catalog/db-instance-classes.ts';
export { CACHE_NODE_TYPES, CACHE_NODE_TYPE_NAMES } from './catalog/cache-node-types.ts';
export type { CacheNodeType, CacheNodeTypeName } from './catalog/cache-node-types.ts';
export { REGION_CODES } from './catalog/regions.ts';
export type { RegionCode } from './catalog/regions.ts';
export {
  INTER_REGION_RTT_MS,
  REGION_LATENCY_SOURCE,
  USER_AREA_NAMES,
  USER_AREA_NEAR_REGION,
} from './catalog/region-latency.ts';

export { simulate, DEFAULT_MAX_EVENTS } from './simulate.ts';
export type { SimOptions } from './simulate.ts';
export { defaultScenario, DEFAULT_WORKLOAD } from './scenario.ts';
export type {
  Scenario,
  Workload,
  ResolvedScenario,
  FailureEvent,
  LoadStep,
  UserArea,
  ResolvedArea,
} from './scenario.ts';
export { FAILURE_REASONS } from './results.ts';
export type {
  SimResults,
  FailureReason,
  PartStats,
  Ec2Stats,
  EipStats,
  DnsStats,
  LoadBalancerStats,
  DatabaseStats,
  DatabaseNodeStats,
  CacheStats,
  TableStats,
  DistributionStats,
  BucketStats,
  AutoScalingGroupStats,
  SeriesResults,
  RequestGroupResults,
  AvailabilityResults,
  Usage,
  InstanceUsage,
  DatabaseUsage,
} from './results.ts';

export { DEFAULT_MAX_POLICY_CALLS } from './policies.ts';
export type {
  Policies,
  PartPolicy,
  LoadBalancerPolicy,
  LoadBalancingContext,
  TargetView,
  CachePolicy,
  CacheAsideContext,
  DatabasePolicy,
  FailoverContext,
  ScalingPolicy,
  ScalingContext,
} from './policies.ts';

export { SimConfigError, SimBudgetError, PolicyError } from './errors.ts';
export type { SimConfigErrorCode, PolicyErrorCode } from './errors.ts';

export { toMermaid, FAILED_MARKER } from './mermaid.ts';
export type { MermaidOptions } from './mermaid.ts';
export { composeAvailability } from './compose-availability.ts';
export type { ComposedAvailability } from './compose-availability.ts';
export { SLA_CATALOGUE, series, parallel, compose, downtimeMinutes } from './availability.ts';
