/** Architecture as code: a small CDK-like builder over `StackSpec`. */
import type { InstanceTypeName } from './catalog/instance-types.ts';
import type { RegionCode } from './catalog/regions.ts';
import { SimConfigError, formatValue } from './errors.ts';
import type { PartKind, PartRef, PartSpec, StackSpec } from './stack-spec.ts';
import { rejectUnknownKeys, requireObject, validateStack } from './validate.ts';

/** Options of `stack.instance(...)`. */
export interface InstanceProps {
  /** Instance type from the catalogue, e.g. `'t3.micro'`. */
  instanceType: InstanceTypeName;
  /** Availability Zone, e.g. `'us-east-1b'`. Default: the Region's first zone (`<region>a`). */
  az?: string;
}

/** Options of `stack.elasticIp(...)`. */
export interface ElasticIpProps {
  /** The instance to attach the address to (the value `stack.instance(...)` returned, or its id). */
  instance: PartRef<'ec2'> | string;
}

/** Options of `stack.dnsRecord(...)`. */
export interface DnsRecordProps {
  /** Fully qualified name, e.g. `'www.example.com'`; its zone is the last two labels. */
  name: string;
  /** What the record points at: an Elastic IP (or an instance's own public IPv4). */
  target: PartRef<'eip' | 'ec2'> | string;
  /** How long resolvers cache the answer, in seconds. Default 300. */
  ttlSeconds?: number;
}

/** Options of `new Stack(...)`. */
export interface StackProps {
  /** Region every part lives in. Default `'us-east-1'`. */
  region?: RegionCode;
}

/**
 * A whole architecture. Each builder method checks the new part at once (so a mistake is
 * reported on the line that made it) and returns a reference to pass to later parts.
 */
export class Stack {
  /** Human name of the stack. */
  readonly name: string;
  /** Region every part lives in. */
  readonly region: RegionCode;
  #parts: PartSpec[] = [];

  constructor(name: string, props?: StackProps) {
    const region =
      props === undefined ? 'us-east-1' : requireObject(props, 'props', 'Stack options').region;
    const checked = validateStack({
      format: 'course-stack/v1',
      name,
      region: region === undefined ? 'us-east-1' : region,
      parts: [],
    });
    this.name = checked.name;
    this.region = checked.region;
  }

  /** Adds one EC2 instance. */
  instance(id: string, props: InstanceProps): PartRef<'ec2'> {
    const p = requireProps(props, this.#parts.length, ['instanceType', 'az']);
    return this.#add(
      { kind: 'ec2', id, instanceType: p.instanceType, az: p.az } as PartSpec,
      'ec2',
    );
  }

  /** Adds an Elastic IP attached to an instance. */
  elasticIp(id: string, props: ElasticIpProps): PartRef<'eip'> {
    const p = requireProps(props, this.#parts.length, ['instance']);
    return this.#add({ kind: 'eip', id, instance: refId(p.instance) } as PartSpec, 'eip');
  }

  /** Adds a Route 53 record pointing at an Elastic IP (or an instance). */
  dnsRecord(id: string, props: DnsRecordProps): PartRef<'dns'> {
    const p = requireProps(props, this.#parts.length, ['name', 'target', 'ttlSeconds']);
    const spec = {
      kind: 'dns',
      id,
      name: p.name,
      target: refId(p.target),
      ttlSeconds: p.ttlSeconds,
    };
    return this.#add(spec as PartSpec, 'dns');
  }

  /** The stack as plain JSON-serialisable data, defaults filled in. */
  toJSON(): StackSpec {
    return validateStack(this.#raw());
  }

  /** Rebuilds a stack from plain data (e.g. a parsed share link); throws `SimConfigError`. */
  static fromJSON(spec: unknown): Stack {
    const checked = validateStack(spec);
    const stack = new Stack(checked.name, { region: checked.region });
    stack.#parts = checked.parts.map((part) => ({ ...part }));
    return stack;
  }

  #raw(): StackSpec {
    return {
      format: 'course-stack/v1',
      name: this.name,
      region: this.region,
      parts: this.#parts.map((part) => ({ ...part })),
    };
  }

  #add<K extends PartKind>(part: PartSpec, kind: K): PartRef<K> {
    const raw = this.#raw();
    const spec = Object.fromEntries(Object.entries(part).filter(([, v]) => v !== undefined));
    raw.parts.push(spec as PartSpec);
    const checked = validateStack(raw);
    this.#parts.push(checked.parts[checked.parts.length - 1]!);
    return Object.freeze({ id: part.id, kind });
  }
}

function requireProps<T>(props: T, index: number, allowed: readonly string[]): T {
  const obj = requireObject(props, `parts[${index}]`, 'Part options');
  rejectUnknownKeys(obj, allowed, `parts[${index}]`);
  return props;
}

function refId(ref: unknown): unknown {
  if (typeof ref === 'object' && ref !== null && 'id' in ref) return (ref as { id: unknown }).id;
  return ref;
}

/** Accepts a `Stack` or plain data and returns validated plain data. */
export function toStackSpec(stack: unknown): StackSpec {
  if (stack instanceof Stack) return stack.toJSON();
  if (typeof stack === 'object' && stack !== null && !Array.isArray(stack))
    return validateStack(stack);
  throw new SimConfigError(
    'not-an-object',
    'stack',
    stack,
    `Expected a Stack, but got ${formatValue(stack)}`,
    'Pass `new Stack("name")` with its parts, or the object `stack.toJSON()` returns.',
  );
}
