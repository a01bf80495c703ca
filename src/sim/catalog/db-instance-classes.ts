/**
 * Amazon RDS DB instance classes the course offers (the ones the price snapshot prices). vCPU and
 * memory figures are AWS facts: each row names the AWS documentation page it was read from and
 * when. The table was read through the `awsdocs/amazon-rds-user-guide` repository, the public
 * source of the RDS User Guide (file `doc_source/Concepts.DBInstanceClass.md`, section "Hardware
 * specifications for DB instance classes"), at the commit pinned in `GITHUB_SOURCE`.
 *
 * TODO(an RDS hardware-specification page that lists db.m7g is read): the snapshot also prices
 * `db.m7g.large` and `db.m7g.xlarge`. No AWS page read so far gives their vCPUs and memory (the
 * pinned GitHub copy predates db.m7g), so they are left out rather than guessed.
 */

const HARDWARE_SPECS =
  'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.DBInstanceClass.Summary.html';
const GITHUB_SOURCE =
  'https://github.com/awsdocs/amazon-rds-user-guide/blob/0219b24f7008c50d897f2da74ea812fb55487c09/doc_source/Concepts.DBInstanceClass.md';
const READ_ON = '2026-12-03';

/** Families the page files under "burstable-performance instance classes". */
const BURSTABLE_FAMILIES: readonly string[] = ['db.t3', 'db.t4g'];

/** One RDS DB instance class: size, family and where the figures come from. */
export interface DbInstanceClass {
  /** API name, e.g. `db.t3.micro`. */
  readonly name: string;
  /** Number of vCPUs, as the RDS hardware table lists it. */
  readonly vcpus: number;
  /** Memory in GiB (2^30 bytes), as the RDS hardware table lists it. */
  readonly memoryGiB: number;
  /** Family, e.g. `db.t3`, `db.m5`. */
  readonly family: string;
  /** True for burstable-performance classes (db.t3, db.t4g), which run on CPU credits. */
  readonly burstable: boolean;
  /** URL(s) of the AWS documentation the figures were read from, space-separated. */
  readonly source: string;
  /** Date (YYYY-MM-DD) the source was read. */
  readonly asOf: string;
}

function row(name: string, vcpus: number, memoryGiB: number): DbInstanceClass {
  const family = name.slice(0, name.lastIndexOf('.'));
  return Object.freeze({
    name,
    vcpus,
    memoryGiB,
    family,
    burstable: BURSTABLE_FAMILIES.includes(family),
    source: `${HARDWARE_SPECS} ${GITHUB_SOURCE}`,
    asOf: READ_ON,
  });
}

/** The catalogue, keyed by DB instance class name. */
export const DB_INSTANCE_CLASSES = Object.freeze({
  'db.t3.micro': row('db.t3.micro', 2, 1),
  'db.t3.small': row('db.t3.small', 2, 2),
  'db.t3.medium': row('db.t3.medium', 2, 4),
  'db.t3.large': row('db.t3.large', 2, 8),
  'db.t4g.medium': row('db.t4g.medium', 2, 4),
  'db.m5.large': row('db.m5.large', 2, 8),
  'db.m5.xlarge': row('db.m5.xlarge', 4, 16),
  'db.r5.large': row('db.r5.large', 2, 16),
} satisfies Record<string, DbInstanceClass>);

/** Name of a DB instance class in the catalogue, e.g. `'db.t3.micro'`. */
export type DbInstanceClassName = keyof typeof DB_INSTANCE_CLASSES;

/** All catalogue names, in catalogue order. */
export const DB_INSTANCE_CLASS_NAMES = Object.freeze(
  Object.keys(DB_INSTANCE_CLASSES),
) as readonly DbInstanceClassName[];

/** True when `name` is a DB instance class in the catalogue. */
export function isDbInstanceClassName(name: unknown): name is DbInstanceClassName {
  return typeof name === 'string' && Object.hasOwn(DB_INSTANCE_CLASSES, name);
}
