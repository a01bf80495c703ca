/**
 * Amazon ElastiCache node types the course offers (the ones the price snapshot prices). Memory
 * figures are AWS facts read from the ElastiCache User Guide page "Engine specific parameters":
 * its Valkey and Redis OSS node-type tables give `maxmemory` in bytes (the same value in both
 * tables for every type here), and its Memcached node-type table gives `max_cache_memory` and
 * `num_threads`. The page was read through a stored copy of its Markdown source.
 *
 * TODO(an ElastiCache page that states vCPUs per node type is read): the "Supported node types"
 * page lists bandwidth only and sends readers to the EC2 instance-type pages for the rest, so no
 * vCPU count is recorded here. `memcachedThreads` is the Memcached thread count, not vCPUs.
 */

const ENGINE_PARAMETERS =
  'https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/ParameterGroups.Engine.html';
const VALKEY_REDIS_TABLE = `${ENGINE_PARAMETERS}#ParameterGroups.Redis.NodeSpecific`;
const MEMCACHED_TABLE = `${ENGINE_PARAMETERS}#ParameterGroups.Memcached.NodeSpecific`;
const READ_ON = '2026-12-03';
const BYTES_PER_GIB = 2 ** 30;

/** One ElastiCache node type: memory, family and where the figures come from. */
export interface CacheNodeType {
  /** API name, e.g. `cache.t3.micro`. */
  readonly name: string;
  /** Family, e.g. `cache.t3`, `cache.m7g`. */
  readonly family: string;
  /**
   * Bytes available for data on a Valkey or Redis OSS node (`maxmemory`, not modifiable), as the
   * node-type table lists it. Before reserved memory is taken off.
   */
  readonly maxmemoryBytes: number;
  /** `maxmemoryBytes` in GiB (2^30 bytes). Derived here, not read. */
  readonly memoryGiB: number;
  /** Memcached `max_cache_memory` for the node type, in megabytes as the page states it. */
  readonly memcachedMaxCacheMemoryMB: number;
  /** Memcached `num_threads` for the node type (worker threads, not a vCPU count). */
  readonly memcachedThreads: number;
  /** URL(s) of the AWS documentation the figures were read from, space-separated. */
  readonly source: string;
  /** Date (YYYY-MM-DD) the source was read. */
  readonly asOf: string;
}

function row(
  name: string,
  maxmemoryBytes: number,
  memcachedMaxCacheMemoryMB: number,
  memcachedThreads: number,
): CacheNodeType {
  return Object.freeze({
    name,
    family: name.slice(0, name.lastIndexOf('.')),
    maxmemoryBytes,
    memoryGiB: maxmemoryBytes / BYTES_PER_GIB,
    memcachedMaxCacheMemoryMB,
    memcachedThreads,
    source: `${VALKEY_REDIS_TABLE} ${MEMCACHED_TABLE}`,
    asOf: READ_ON,
  });
}

/** The catalogue, keyed by node type name. */
export const CACHE_NODE_TYPES = Object.freeze({
  'cache.t3.micro': row('cache.t3.micro', 536870912, 512, 2),
  'cache.t3.small': row('cache.t3.small', 1471026299, 1402, 2),
  'cache.t3.medium': row('cache.t3.medium', 3317862236, 3364, 2),
  'cache.t4g.medium': row('cache.t4g.medium', 3317862236, 3164, 2),
  'cache.m5.large': row('cache.m5.large', 6854542746, 6537, 2),
  'cache.m7g.large': row('cache.m7g.large', 6854542746, 6537, 2),
  'cache.r7g.large': row('cache.r7g.large', 14037181030, 13387, 2),
} satisfies Record<string, CacheNodeType>);

/** Name of a node type in the catalogue, e.g. `'cache.t3.micro'`. */
export type CacheNodeTypeName = keyof typeof CACHE_NODE_TYPES;

/** All catalogue names, in catalogue order. */
export const CACHE_NODE_TYPE_NAMES = Object.freeze(
  Object.keys(CACHE_NODE_TYPES),
) as readonly CacheNodeTypeName[];

/** True when `name` is a node type in the catalogue. */
export function isCacheNodeTypeName(name: unknown): name is CacheNodeTypeName {
  return typeof name === 'string' && Object.hasOwn(CACHE_NODE_TYPES, name);
}
