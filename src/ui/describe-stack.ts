/** A stack in one or two sentences: the text alternative of its diagram. */
import type { PartSpec, StackSpec } from '../sim/index.ts';

function describePart(part: PartSpec): string {
  const p = part as PartSpec & Record<string, unknown>;
  switch (part.kind) {
    case 'ec2':
      return `EC2 instance ${part.id} (${part.instanceType}, ${part.az})`;
    case 'eip':
      return `Elastic IP ${part.id}`;
    case 'dns':
      return `Route 53 record ${part.name}`;
    case 'alb':
      return `load balancer ${part.id} over ${part.targets.join(' and ')}`;
    case 'rds':
      return `RDS database ${part.id} (${part.instanceClass}${part.multiAz ? ', Multi-AZ' : ''}${part.readReplicas > 0 ? `, ${part.readReplicas} read replicas` : ''})`;
    case 'cache':
      return `ElastiCache node ${part.id} (${part.nodeType})`;
    default:
      return `${String(p.kind)} ${part.id}`;
  }
}

export function describeStack(spec: StackSpec, failed: readonly string[] = []): string {
  const parts = spec.parts.map(describePart).join('; ');
  const failures = failed.length > 0 ? ` Marked as failed: ${failed.join(', ')}.` : '';
  return `The stack in ${spec.region}: ${parts}.${failures}`;
}
