/** The plain-data form of a stack: what `Stack.toJSON()` returns and `validateStack` checks. */
import type { InstanceTypeName } from './catalog/instance-types.ts';
import type { RegionCode } from './catalog/regions.ts';

/** Kinds of parts a stack can hold in this version. */
export type PartKind = 'ec2' | 'eip' | 'dns';

/** A handle on a part, returned by the `Stack` builder methods; pass it to link parts. */
export interface PartRef<K extends PartKind = PartKind> {
  /** The part's id, unique in its stack. */
  readonly id: string;
  /** The part's kind. */
  readonly kind: K;
}

/** One EC2 instance. */
export interface InstanceSpec {
  kind: 'ec2';
  /** Unique id in the stack: a letter, then letters, digits, `-` or `_` (at most 64). */
  id: string;
  /** Instance type from the catalogue, e.g. `t3.micro`. */
  instanceType: InstanceTypeName;
  /** Availability Zone, the Region code plus one letter, e.g. `us-east-1a`. */
  az: string;
}

/** An Elastic IP address (a static public IPv4 address) attached to an instance. */
export interface ElasticIpSpec {
  kind: 'eip';
  /** Unique id in the stack. */
  id: string;
  /** Id of the `ec2` part the address is attached to. */
  instance: string;
}

/** A Route 53 record (type A) in a public hosted zone. */
export interface DnsRecordSpec {
  kind: 'dns';
  /** Unique id in the stack. */
  id: string;
  /**
   * Fully qualified name, lower case, e.g. `www.example.com`. The hosted zone is taken to be
   * the last two labels (`example.com`); names under public suffixes such as `co.uk` are not
   * modelled.
   */
  name: string;
  /** Id of the `eip` part (or an `ec2` part, using its auto-assigned public IPv4) it points at. */
  target: string;
  /** How long resolvers may cache the answer, in seconds. Course default: 300. */
  ttlSeconds: number;
}

/** One part of a stack, discriminated on `kind`. */
export type PartSpec = InstanceSpec | ElasticIpSpec | DnsRecordSpec;

/** A whole architecture as plain, JSON-serialisable data. */
export interface StackSpec {
  /** Format tag; always `course-stack/v1` in this version. */
  format: 'course-stack/v1';
  /** Human name of the stack. */
  name: string;
  /** Region every part lives in. */
  region: RegionCode;
  /** Parts, in the order they were added. */
  parts: PartSpec[];
}

/** Default `ttlSeconds` of a DNS record (a course default, not an AWS default). */
export const DEFAULT_TTL_SECONDS = 300;
