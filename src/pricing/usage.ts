/**
 * What the bill needs from a simulation: a structural copy of the simulator's `Usage`, so that the
 * cost model depends on a shape, not on the simulator's code. Every quantity is per month.
 */

/**
 * Hours in a billing month as AWS's calculators count them: 365 days × 24 h / 12 months = 730.
 * The AWS Pricing Calculator uses it, and so do the snapshot's formulas (`3.65 / 730 = 0.005`).
 */
export const hoursPerMonth = 730;

/** Regions the course places parts in. */
export type BillableRegion = 'us-east-1' | 'eu-west-1' | 'ap-southeast-1';

/** One instance part's running time over the month. */
export interface BillableInstanceHours {
  /** EC2 instance type, e.g. `t3.small`. */
  instanceType: string;
  region: BillableRegion;
  /** Instance-hours in the month (730 for one instance running all month). */
  hours: number;
  /** Burstable types in unlimited mode: vCPU-hours above the baseline in the month. */
  surplusVcpuHours?: number;
}

/** Monthly usage of a stack, as the simulator reports it. */
export interface BillableUsage {
  /** Hours in the month the usage covers; always {@link hoursPerMonth}. */
  monthHours: number;
  /** Instance-hours by part id. */
  instanceHours: Readonly<Record<string, BillableInstanceHours>>;
  /** Public IPv4 address-hours (Elastic IPs and auto-assigned public IPs alike). */
  publicIpv4Hours: number;
  /** Route 53 hosted zones kept for the month. */
  hostedZones: number;
  /** Route 53 standard queries in the month. */
  dnsQueriesPerMonth: number;
  /** Data transfer out to the internet, GB in the month. */
  dataOutGbPerMonth: number;
  /** Requests served in the month; not billed by itself at the launch stage. */
  requestsPerMonth: number;
  /** Amazon RDS databases by part id: instance class, deployment and hours. */
  databaseHours?: Readonly<
    Record<
      string,
      {
        instanceClass: string;
        region: BillableRegion;
        multiAz: boolean;
        hours: number;
        replicaHours: number;
      }
    >
  >;
  /** ElastiCache nodes by part id. */
  cacheNodeHours?: Readonly<
    Record<string, { nodeType: string; region: BillableRegion; hours: number }>
  >;
  /** Application Load Balancers by part id. */
  loadBalancerHours?: Readonly<Record<string, { region: BillableRegion; hours: number }>>;
  /** DynamoDB on-demand request units by table id. */
  tableRequestUnits?: Readonly<
    Record<
      string,
      { region: BillableRegion; readUnitsPerMonth: number; writeUnitsPerMonth: number }
    >
  >;
  /** Requests CloudFront answered in the month. */
  cloudFrontRequestsPerMonth?: number;
  /** GB CloudFront sent to users in the month. */
  cloudFrontGbPerMonth?: number;
  /** S3 GET requests in the month (CloudFront's origin fetches). */
  s3GetRequestsPerMonth?: number;
}
