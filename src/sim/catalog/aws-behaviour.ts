/**
 * Documented AWS behaviour the simulator models: failover times, health-check defaults, routing
 * algorithms, replication and scaling limits. Each fact carries the page it was read from, the date
 * read and, as evidence, a short quote of the page's own wording. A figure that no page read so far
 * states is left out rather than guessed (see the TODO notes below).
 *
 * TODO(an English AWS page stating it is read): ElastiCache gives no typical Multi-AZ failover
 * time; the DynamoDB on-demand starting warm throughput was seen only in a translated page; the
 * ALB default routing algorithm was seen only in copies of the API text outside AWS's own sites;
 * Route 53's advice of a TTL of 60 s or less for records with a health check, its weight range
 * of 0 to 255 (AWS's example pairs weights 1 and 255), its default failure threshold of three and
 * its equal shares when every weight is 0 were seen only in translations or in copies of the API
 * text outside AWS's own sites. That Route 53 treats every record as healthy when none is (so a
 * latency record still answers its nearest Region) was seen only in translations of AWS's page.
 */

const READ_ON = '2026-12-03';

const RDS_MULTI_AZ_INSTANCE_FAILOVER =
  'https://docs.amazonaws.cn/en_us/AmazonRDS/latest/UserGuide/Concepts.MultiAZ.Failover.md';
const RDS_MULTI_AZ_CLUSTER_FAILOVER =
  'https://docs.aws.amazon.com/goto/WebAPI/rds/FailoverDBCluster https://docs.amazonaws.cn/en_us/AmazonRDS/latest/UserGuide/multi-az-db-clusters-concepts-failover.md';
const RDS_READ_REPLICAS =
  'https://docs.amazonaws.cn/en_us/AmazonRDS/latest/UserGuide/USER_ReadRepl.md';
const RDS_MYSQL_READ_REPLICAS =
  'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_MySQL.Replication.ReadReplicas.html';
const ALB_HEALTH_CHECKS =
  'https://github.com/awsdocs/elb-application-load-balancers-user-guide/blob/0835fefa07eceaea8eae55705acd9a2f71c53eb8/doc_source/target-group-health-checks.md';
const ALB_ALGORITHMS =
  'https://docs.aws.amazon.com/cdk/api/v2/docs/aws-cdk-lib.aws_elasticloadbalancingv2.TargetGroupLoadBalancingAlgorithmType.html';
const ALB_CROSS_ZONE =
  'https://github.com/awsdocs/elb-application-load-balancers-user-guide/blob/73932c8a973763bf759a92896c1496bde1fea732/doc_source/disable-cross-zone.md https://docs.amazonaws.cn/en_us/elasticloadbalancing/latest/application/disable-cross-zone.html';
const ASG_CREATE_GROUP_COOLDOWN =
  'https://docs.aws.amazon.com/sdk-for-kotlin/api/latest/autoscaling/aws.sdk.kotlin.services.autoscaling.model/-create-auto-scaling-group-request/default-cooldown.html';
const ASG_DEFAULT_WARMUP =
  'https://docs.aws.amazon.com/autoscaling/ec2/userguide/ec2-auto-scaling-default-instance-warmup.html';
const ASG_COOLDOWNS = 'https://docs.aws.amazon.com/autoscaling/latest/userguide/Cooldown.html';
const DYNAMODB_WARM_THROUGHPUT =
  'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/warm-throughput-scenarios.html';
const DYNAMODB_ON_DEMAND =
  'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/on-demand-capacity-mode.html';
const ELASTICACHE_MULTI_AZ =
  'https://docs.amazonaws.cn/en_us/AmazonElastiCache/latest/dg/AutoFailover.md';

const ROUTE53_HEALTH =
  'https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/dns-failover-determining-health-of-endpoints.html';
const ROUTE53_HEALTH_CHECK_CONFIG =
  'https://docs.aws.amazon.com/sdk-for-kotlin/api/latest/route53/aws.sdk.kotlin.services.route53.model/-health-check-config/request-interval.html https://docs.aws.amazon.com/sdkfornet/latest/apidocs/items/TRoute53HealthCheckConfigNET35.html';
const ROUTE53_WEIGHTED =
  'https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/routing-policy-weighted.html';
const ROUTE53_LATENCY =
  'https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/routing-policy-latency.html';
const ROUTE53_CHOOSES_HEALTHY =
  'https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/health-checks-how-route-53-chooses-records';
const DYNAMODB_GLOBAL_CONCEPTS =
  'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/globaltables-CoreConcepts.html';
const DYNAMODB_GLOBAL_MONITORING =
  'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/V2globaltables_monitoring.html';
/** A span of time AWS gives as "typically X–Y", in seconds. */
export interface SecondsRange {
  /** Lower end of the typical range, in seconds. */
  readonly minSeconds: number;
  /** Upper end of the typical range, in seconds. */
  readonly maxSeconds: number;
}

/** One documented AWS fact and its evidence. */
export interface AwsFact<T> {
  /** The fact itself; its unit is in `unit` and in the fact's name. */
  readonly value: T;
  /** Unit of `value`, e.g. `s`, `count`, `boolean`, `read units/s per partition`. */
  readonly unit: string;
  /** URL(s) of the AWS documentation the fact was read from, space-separated. */
  readonly source: string;
  /** Date (YYYY-MM-DD) the source was read. */
  readonly asOf: string;
  /** The source's own wording (25 words at most), as evidence. */
  readonly quote?: string;
}

function fact<T>(value: T, unit: string, source: string, quote: string): AwsFact<T> {
  const frozen = Array.isArray(value) ? Object.freeze([...value]) : value;
  return Object.freeze({ value: frozen as T, unit, source, asOf: READ_ON, quote });
}

/** The catalogue, keyed by fact name. Names carry the unit where there is one. */
export const AWS_BEHAVIOUR = Object.freeze({
  rdsMultiAzInstanceFailoverSeconds: fact<SecondsRange>(
    Object.freeze({ minSeconds: 60, maxSeconds: 120 }),
    's (typical range)',
    RDS_MULTI_AZ_INSTANCE_FAILOVER,
    'Failover times are typically 60–120 seconds. However, large transactions or a lengthy recovery process can increase failover time.',
  ),
  rdsMultiAzClusterFailoverTypicalMaxSeconds: fact(
    35,
    's (typical upper bound)',
    RDS_MULTI_AZ_CLUSTER_FAILOVER,
    'Failover times are typically less than 35 seconds.',
  ),
  rdsReadReplicaReplicationIsAsynchronous: fact(
    true,
    'boolean',
    RDS_READ_REPLICAS,
    'When you make updates to the primary DB instance, Amazon RDS copies them asynchronously to the read replica.',
  ),
  rdsMySqlMaxReadReplicasPerSource: fact(
    15,
    'read replicas per source DB instance, same Region',
    RDS_MYSQL_READ_REPLICAS,
    'You can create up to 15 read replicas from one DB instance within the same Region.',
  ),
  albHealthCheckIntervalSeconds: fact(
    30,
    's',
    ALB_HEALTH_CHECKS,
    'The default is 30 seconds if the target type is `instance` or `ip` and 35 seconds if the target type is `lambda`.',
  ),
  albHealthCheckTimeoutSeconds: fact(
    5,
    's',
    ALB_HEALTH_CHECKS,
    'The default is 5 seconds if the target type is `instance` or `ip` and 30 seconds if the target type is `lambda`.',
  ),
  albHealthyThresholdCount: fact(
    5,
    'consecutive successful health checks',
    ALB_HEALTH_CHECKS,
    'The number of consecutive successful health checks required before considering an unhealthy target healthy. The range is 2–10. The default is 5.',
  ),
  albUnhealthyThresholdCount: fact(
    2,
    'consecutive failed health checks',
    ALB_HEALTH_CHECKS,
    'The number of consecutive failed health checks required before considering a target unhealthy. The range is 2–10. The default is 2.',
  ),
  albRoutingAlgorithms: fact<readonly string[]>(
    ['round_robin', 'least_outstanding_requests', 'weighted_random'],
    'algorithm names (target group attribute load_balancing.algorithm.type)',
    ALB_ALGORITHMS,
    'Load balancing algorithmm type for target groups. … ROUND_ROBIN round_robin. LEAST_OUTSTANDING_REQUESTS least_outstanding_requests. WEIGHTED_RANDOM weighted_random.',
  ),
  albCrossZoneLoadBalancingAlwaysOn: fact(
    true,
    'boolean (load balancer level)',
    ALB_CROSS_ZONE,
    'With Application Load Balancers, cross-zone load balancing is always turned on at the load balancer level, and cannot be turned off.',
  ),
  autoScalingDefaultCooldownSeconds: fact(
    300,
    's (simple scaling policies only)',
    ASG_CREATE_GROUP_COOLDOWN,
    'Only needed if you use simple scaling policies. … Default: 300 seconds',
  ),
  autoScalingDefaultInstanceWarmupOnByDefault: fact(
    false,
    'boolean',
    ASG_DEFAULT_WARMUP,
    'It is not enabled or configured by default.',
  ),
  autoScalingTargetTrackingAvailable: fact(
    true,
    'boolean',
    ASG_COOLDOWNS,
    'A target tracking scaling policy or a step scaling policy is better for scaling performance.',
  ),
  dynamoDbPartitionMaxReadUnitsPerSecond: fact(
    3000,
    'read units/s per partition',
    DYNAMODB_WARM_THROUGHPUT,
    'each individual partition is limited to 1,000 write units per second and 3,000 read units per second.',
  ),
  dynamoDbPartitionMaxWriteUnitsPerSecond: fact(
    1000,
    'write units/s per partition',
    DYNAMODB_WARM_THROUGHPUT,
    'each individual partition is limited to 1,000 write units per second and 3,000 read units per second.',
  ),
  dynamoDbOnDemandInstantToPreviousPeak: fact(
    true,
    'boolean',
    DYNAMODB_ON_DEMAND,
    'DynamoDB instantly accommodates your workloads as they ramp up or down to any previously reached traffic level.',
  ),
  dynamoDbOnDemandScalesPastNewPeak: fact(
    true,
    'boolean',
    DYNAMODB_ON_DEMAND,
    'If a workload’s traffic level hits a new peak, DynamoDB automatically scales to accommodate the increased throughput requirements.',
  ),
  elastiCacheMultiAzFailoverPromotesReplica: fact(
    true,
    'boolean',
    ELASTICACHE_MULTI_AZ,
    'The role of primary node will automatically fail over to one of the read replicas.',
  ),
  route53HealthCheckIntervalChoicesSeconds: fact<readonly number[]>(
    [10, 30],
    's (the two allowed request intervals)',
    ROUTE53_HEALTH,
    'you can specify the interval between checks: every 10 seconds or every 30 seconds.',
  ),
  route53HealthCheckDefaultIntervalSeconds: fact(
    30,
    's',
    ROUTE53_HEALTH_CHECK_CONFIG,
    "If you don't specify a value for RequestInterval, the default value is 30 seconds.",
  ),
  route53HealthCheckFailureThresholdRange: fact<readonly number[]>(
    [1, 10],
    'consecutive checks (min, max)',
    ROUTE53_HEALTH_CHECK_CONFIG,
    'The number of consecutive health checks that an endpoint must pass or fail … Valid values are integers between 1 and 10.',
  ),
  route53WeightedShareIsWeightOverTotal: fact(
    true,
    'boolean',
    ROUTE53_WEIGHTED,
    'weight for a specified record / sum of the weights for all records.',
  ),
  route53LatencyAnswersLowestLatencyRegion: fact(
    true,
    'boolean',
    ROUTE53_LATENCY,
    'determines which Region gives the user the lowest latency, and then selects a latency record for that Region.',
  ),
  route53AnswersAnotherRecordWhenUnhealthy: fact(
    true,
    'boolean',
    ROUTE53_CHOOSES_HEALTHY,
    'Route 53 responds to DNS queries by choosing a healthy record and returning the applicable value from that record.',
  ),
  dynamoDbGlobalTableOneReplicaPerRegion: fact(
    true,
    'boolean',
    DYNAMODB_GLOBAL_CONCEPTS,
    'Each global table can have only one replica per AWS Region.',
  ),
  dynamoDbGlobalTableReplicationLatencyIsMeasured: fact(
    'ReplicationLatency',
    'CloudWatch metric, milliseconds per source and destination Region pair (no fixed figure)',
    DYNAMODB_GLOBAL_MONITORING,
    'The elapsed time between when an item is written to a replica table, and when that item appears in another replica in the global table.',
  ),
  elastiCacheFailoverKeepsPrimaryEndpoint: fact(
    true,
    'boolean',
    ELASTICACHE_MULTI_AZ,
    'if your application is writing to the primary endpoint, no endpoint change is required in your application.',
  ),
});

/** Name of a fact in the catalogue, e.g. `'rdsMultiAzInstanceFailoverSeconds'`. */
export type AwsBehaviourFactName = keyof typeof AWS_BEHAVIOUR;

/** All fact names, in catalogue order. */
export const AWS_BEHAVIOUR_FACT_NAMES = Object.freeze(
  Object.keys(AWS_BEHAVIOUR),
) as readonly AwsBehaviourFactName[];

/** True when `name` is a fact in the catalogue. */
export function isAwsBehaviourFactName(name: unknown): name is AwsBehaviourFactName {
  return typeof name === 'string' && Object.hasOwn(AWS_BEHAVIOUR, name);
}
