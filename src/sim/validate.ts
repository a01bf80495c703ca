/** The one validator for stacks. Every problem becomes a `SimConfigError` a learner can act on. */
import { INSTANCE_TYPE_NAMES, isInstanceTypeName } from './catalog/instance-types.ts';
import { REGION_CODES, isRegionCode } from './catalog/regions.ts';
import { SimConfigError, formatValue } from './errors.ts';
import type { RegionCode } from './catalog/regions.ts';
import type { PartKind, PartSpec, StackSpec } from './stack-spec.ts';
import { DEFAULT_TTL_SECONDS } from './stack-spec.ts';

const ID_PATTERN = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;
const LABEL_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const PART_KINDS: readonly PartKind[] = ['ec2', 'eip', 'dns'];
const PART_KEYS: Record<PartKind, readonly string[]> = {
  ec2: ['kind', 'id', 'instanceType', 'az'],
  eip: ['kind', 'id', 'instance'],
  dns: ['kind', 'id', 'name', 'target', 'ttlSeconds'],
};

/**
 * Checks a stack given as plain data and returns a normalised copy (defaults filled in,
 * DNS names lower-cased). Throws a `SimConfigError` on the first problem found.
 */
export function validateStack(spec: unknown): StackSpec {
  const root = requireObject(spec, 'stack', 'A stack');
  rejectUnknownKeys(root, ['format', 'name', 'region', 'parts'], 'stack');

  if (root.format !== 'course-stack/v1') {
    throw new SimConfigError(
      'unknown-format',
      'stack.format',
      root.format,
      `Unknown stack format ${formatValue(root.format)}`,
      'Use `course-stack/v1` (what `new Stack(...).toJSON()` produces).',
    );
  }
  if (typeof root.name !== 'string' || root.name.trim() === '') {
    throw new SimConfigError(
      'invalid-name',
      'stack.name',
      root.name,
      `The stack name ${formatValue(root.name)} is not a non-empty string`,
      'Give the stack a name, e.g. `new Stack("my-app")`.',
    );
  }
  if (!isRegionCode(root.region)) {
    throw new SimConfigError(
      'unknown-region',
      'stack.region',
      root.region,
      `Unknown region ${formatValue(root.region)}`,
      `Use one of: ${REGION_CODES.join(', ')}.`,
    );
  }
  if (!Array.isArray(root.parts)) {
    throw new SimConfigError(
      'invalid-parts',
      'stack.parts',
      root.parts,
      `The parts list ${formatValue(root.parts)} is not an array`,
      'Give `parts` as an array (it may be empty).',
    );
  }

  const region = root.region;
  const parts: PartSpec[] = [];
  const kinds = new Map<string, PartKind>();
  root.parts.forEach((raw: unknown, index: number) => {
    const part = validatePart(raw, `parts[${index}]`, region, kinds);
    kinds.set(part.id, part.kind);
    parts.push(part);
  });
  return { format: 'course-stack/v1', name: root.name, region, parts };
}

function validatePart(
  raw: unknown,
  path: string,
  region: RegionCode,
  kinds: ReadonlyMap<string, PartKind>,
): PartSpec {
  const part = requireObject(raw, path, 'A part');
  const kind = part.kind;
  if (typeof kind !== 'string' || !(PART_KINDS as readonly string[]).includes(kind)) {
    throw new SimConfigError(
      'unknown-part-kind',
      `${path}.kind`,
      kind,
      `Unknown part kind ${formatValue(kind)}`,
      `Use one of: ${PART_KINDS.join(', ')}.`,
    );
  }
  const partKind = kind as PartKind;
  rejectUnknownKeys(part, PART_KEYS[partKind], path);
  const id = validateId(part.id, `${path}.id`, kinds);

  if (partKind === 'ec2') {
    if (!isInstanceTypeName(part.instanceType)) {
      throw new SimConfigError(
        'unknown-instance-type',
        `${path}.instanceType`,
        part.instanceType,
        `Unknown instance type ${formatValue(part.instanceType)}`,
        `Use one of: ${INSTANCE_TYPE_NAMES.join(', ')}.`,
      );
    }
    const az = part.az === undefined ? `${region}a` : part.az;
    if (
      typeof az !== 'string' ||
      !/^[a-f]$/.test(az.slice(region.length)) ||
      !az.startsWith(region)
    ) {
      throw new SimConfigError(
        'invalid-az',
        `${path}.az`,
        part.az,
        `Availability Zone ${formatValue(part.az)} is not in region \`${region}\``,
        `Use the region code plus one letter, e.g. \`${region}a\` or \`${region}b\`.`,
      );
    }
    return { kind: 'ec2', id, instanceType: part.instanceType, az };
  }

  if (partKind === 'eip') {
    const instance = validateReference(part.instance, `${path}.instance`, kinds, ['ec2']);
    return { kind: 'eip', id, instance };
  }

  const name = validateDnsName(part.name, `${path}.name`);
  const target = validateReference(part.target, `${path}.target`, kinds, ['eip', 'ec2']);
  const ttlSeconds = part.ttlSeconds === undefined ? DEFAULT_TTL_SECONDS : part.ttlSeconds;
  if (typeof ttlSeconds !== 'number' || !Number.isInteger(ttlSeconds) || ttlSeconds < 0) {
    throw new SimConfigError(
      'invalid-number',
      `${path}.ttlSeconds`,
      part.ttlSeconds,
      `TTL ${formatValue(part.ttlSeconds)} is not a whole number of seconds`,
      'Use a whole number of seconds, 0 or more, e.g. 300.',
    );
  }
  return { kind: 'dns', id, name, target, ttlSeconds };
}

function validateId(id: unknown, path: string, kinds: ReadonlyMap<string, PartKind>): string {
  if (typeof id !== 'string' || !ID_PATTERN.test(id)) {
    throw new SimConfigError(
      'invalid-id',
      path,
      id,
      `Part id ${formatValue(id)} is not valid`,
      'Start with a letter, then use letters, digits, `-` or `_`, at most 64 characters.',
    );
  }
  if (kinds.has(id)) {
    throw new SimConfigError(
      'duplicate-id',
      path,
      id,
      `Part id ${formatValue(id)} is used twice`,
      'Give every part its own id.',
    );
  }
  return id;
}

function validateReference(
  ref: unknown,
  path: string,
  kinds: ReadonlyMap<string, PartKind>,
  allowed: readonly PartKind[],
): string {
  const id =
    typeof ref === 'object' && ref !== null && 'id' in ref ? (ref as { id: unknown }).id : ref;
  const wanted = allowed.map((k) => `\`${k}\``).join(' or ');
  if (typeof id !== 'string' || !kinds.has(id)) {
    const known = [...kinds].filter(([, k]) => allowed.includes(k)).map(([i]) => i);
    throw new SimConfigError(
      'dangling-reference',
      path,
      ref,
      `No ${wanted} part with id ${formatValue(id)} was added before this one`,
      known.length > 0
        ? `Refer to one of: ${known.join(', ')} (add parts before you refer to them).`
        : `Add the ${wanted} part first, then pass the value it returns here.`,
    );
  }
  const kind = kinds.get(id)!;
  if (!allowed.includes(kind)) {
    throw new SimConfigError(
      'wrong-reference-kind',
      path,
      ref,
      `Part \`${id}\` is an \`${kind}\` part, which cannot be used here`,
      `Refer to ${wanted} part.`,
    );
  }
  return id;
}

function validateDnsName(raw: unknown, path: string): string {
  const name = typeof raw === 'string' ? raw.toLowerCase().replace(/\.$/, '') : '';
  const labels = name.split('.');
  if (
    typeof raw !== 'string' ||
    name.length > 253 ||
    labels.length < 2 ||
    !labels.every((label) => LABEL_PATTERN.test(label))
  ) {
    throw new SimConfigError(
      'invalid-dns-name',
      path,
      raw,
      `DNS name ${formatValue(raw)} is not a valid domain name`,
      'Use a name with at least two labels of letters, digits and inner hyphens, e.g. `www.example.com`.',
    );
  }
  return name;
}

/** Returns `value` as a record, or throws `not-an-object` naming `what`. */
export function requireObject(value: unknown, path: string, what: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new SimConfigError(
      'not-an-object',
      path,
      value,
      `${what} must be an object, but got ${formatValue(value)}`,
      'Pass an object literal, e.g. `{ ... }`.',
    );
  }
  return value as Record<string, unknown>;
}

/** Throws `unknown-property` for a key outside `allowed` (usually a typo). */
export function rejectUnknownKeys(
  obj: Record<string, unknown>,
  allowed: readonly string[],
  path: string,
): void {
  for (const key of Object.keys(obj)) {
    if (!allowed.includes(key)) {
      throw new SimConfigError(
        'unknown-property',
        `${path}.${key}`,
        obj[key],
        `Unknown property \`${key}\``,
        `Allowed here: ${allowed.join(', ')}.`,
      );
    }
  }
}
