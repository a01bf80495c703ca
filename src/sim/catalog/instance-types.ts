/**
 * EC2 instance types the course offers (the ones the price snapshot covers). vCPU and memory
 * figures are AWS facts: each row names the AWS documentation page it was read from and when.
 * The pages were read through the `awsdocs/amazon-ec2-user-guide` repository, the public
 * source of the EC2 User Guide (file `doc_source/<page>.md`).
 */

const GENERAL_PURPOSE =
  'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/general-purpose-instances.html#general-purpose-hardware';
const COMPUTE_OPTIMIZED =
  'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/compute-optimized-instances.html';
const MEMORY_OPTIMIZED =
  'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/memory-optimized-instances.html';
const BURSTABLE =
  'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/burstable-credits-baseline-concepts.html';
const READ_ON = '2026-12-03';

/** One EC2 instance type: size, family and where the figures come from. */
export interface InstanceType {
  /** API name, e.g. `t3.micro`. */
  readonly name: string;
  /** Default number of vCPUs (one vCPU is one hardware thread). */
  readonly vcpus: number;
  /** Memory in GiB (2^30 bytes), as AWS lists it. */
  readonly memoryGiB: number;
  /** Family, e.g. `t3`, `m5`. */
  readonly family: string;
  /** True for burstable (T) types, which earn and spend CPU credits. */
  readonly burstable: boolean;
  /**
   * Baseline CPU utilisation per vCPU in percent (burstable types only): the level at which
   * CPU credits are earned as fast as they are spent.
   */
  readonly baselinePercentPerVcpu?: number;
  /** URL(s) of the AWS documentation the figures were read from, space-separated. */
  readonly source: string;
  /** Date (YYYY-MM-DD) the source was read. */
  readonly asOf: string;
}

function row(
  name: string,
  vcpus: number,
  memoryGiB: number,
  source: string,
  baselinePercentPerVcpu?: number,
): InstanceType {
  const family = name.slice(0, name.indexOf('.'));
  const burstable = baselinePercentPerVcpu !== undefined;
  return Object.freeze({
    name,
    vcpus,
    memoryGiB,
    family,
    burstable,
    ...(burstable ? { baselinePercentPerVcpu, source: `${source} ${BURSTABLE}` } : { source }),
    asOf: READ_ON,
  });
}

/** The catalogue, keyed by instance type name. */
export const INSTANCE_TYPES = Object.freeze({
  't3.micro': row('t3.micro', 2, 1, GENERAL_PURPOSE, 10),
  't3.small': row('t3.small', 2, 2, GENERAL_PURPOSE, 20),
  't3.medium': row('t3.medium', 2, 4, GENERAL_PURPOSE, 20),
  't3.large': row('t3.large', 2, 8, GENERAL_PURPOSE, 30),
  't3.xlarge': row('t3.xlarge', 4, 16, GENERAL_PURPOSE, 40),
  'm5.large': row('m5.large', 2, 8, GENERAL_PURPOSE),
  'm5.xlarge': row('m5.xlarge', 4, 16, GENERAL_PURPOSE),
  'm5.2xlarge': row('m5.2xlarge', 8, 32, GENERAL_PURPOSE),
  'm6i.large': row('m6i.large', 2, 8, GENERAL_PURPOSE),
  'm6i.xlarge': row('m6i.xlarge', 4, 16, GENERAL_PURPOSE),
  'c5.large': row('c5.large', 2, 4, COMPUTE_OPTIMIZED),
  'c5.xlarge': row('c5.xlarge', 4, 8, COMPUTE_OPTIMIZED),
  'r5.large': row('r5.large', 2, 16, MEMORY_OPTIMIZED),
  'r5.xlarge': row('r5.xlarge', 4, 32, MEMORY_OPTIMIZED),
} satisfies Record<string, InstanceType>);

/** Name of an instance type in the catalogue, e.g. `'t3.micro'`. */
export type InstanceTypeName = keyof typeof INSTANCE_TYPES;

/** All catalogue names, in catalogue order. */
export const INSTANCE_TYPE_NAMES = Object.freeze(
  Object.keys(INSTANCE_TYPES),
) as readonly InstanceTypeName[];

/** True when `name` is an instance type in the catalogue. */
export function isInstanceTypeName(name: unknown): name is InstanceTypeName {
  return typeof name === 'string' && Object.hasOwn(INSTANCE_TYPES, name);
}
