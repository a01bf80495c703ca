/** Visible checks: they run in the page when the learner presses Run. */
import type { Stack, StackSpec } from '@course/sim';
import { defineChecks } from '../../src/checks/check.ts';
import { CheckFailure, callExport, requireStack } from '../../src/checks/learner.ts';
import { USERS, TARGET_P95_MS, cheaperTypes, judge, withInstanceType } from './goal.ts';

export interface RightSizeModule {
  buildStack?: () => Stack | StackSpec;
}

function stackOf(mod: RightSizeModule): StackSpec {
  return requireStack(callExport(mod as Record<string, unknown>, 'buildStack'), 'buildStack');
}

export default defineChecks<RightSizeModule>([
  {
    id: 'shape',
    title:
      'The stack has one EC2 instance, an Elastic IP attached to it, and a DNS record pointing at the Elastic IP',
    points: 2,
    visibility: 'visible',
    run(mod) {
      const spec = stackOf(mod);
      const instances = spec.parts.filter((part) => part.kind === 'ec2');
      if (instances.length !== 1) {
        throw new CheckFailure(
          `Your stack has ${instances.length} EC2 instances; this stage runs everything on exactly one.`,
        );
      }
      const address = spec.parts.find((part) => part.kind === 'eip');
      if (!address || address.kind !== 'eip') {
        throw new CheckFailure(
          'There is no Elastic IP yet. Add one with `stack.elasticIp(id, { instance: web })`.',
        );
      }
      const record = spec.parts.find((part) => part.kind === 'dns');
      if (!record || record.kind !== 'dns') {
        throw new CheckFailure(
          'There is no DNS record yet. Add one with `stack.dnsRecord(id, { name, target })`.',
        );
      }
      if (record.name !== 'www.example.com') {
        throw new CheckFailure(
          `The DNS record is for \`${record.name}\`; make it \`www.example.com\`, the name users type.`,
        );
      }
      if (record.target !== address.id) {
        throw new CheckFailure(
          `The DNS record points at \`${record.target}\`; point it at the Elastic IP \`${address.id}\`, so the address survives a stop and start.`,
        );
      }
    },
  },
  {
    id: 'meets-target',
    title: `With ${USERS.toLocaleString('en-US')} active users, p95 latency stays under ${TARGET_P95_MS} ms and at most 1% of requests fail`,
    points: 4,
    visibility: 'visible',
    run(mod, ctx) {
      const verdict = judge(stackOf(mod), USERS, ctx.seed);
      if (verdict.shortfall) {
        const advice = verdict.reachable ? ' Try a bigger instance type.' : '';
        throw new CheckFailure(`On ${verdict.instanceType}, ${verdict.shortfall}.${advice}`);
      }
    },
  },
  {
    id: 'cheapest',
    title: 'No cheaper instance type would also meet the target',
    points: 4,
    visibility: 'visible',
    run(mod, ctx) {
      const spec = stackOf(mod);
      const chosen = judge(spec, USERS, ctx.seed);
      if (chosen.shortfall)
        throw new CheckFailure(
          `Meet the target first: on ${chosen.instanceType}, ${chosen.shortfall}.`,
        );
      for (const candidate of cheaperTypes(chosen.instanceType)) {
        const verdict = judge(withInstanceType(spec, candidate), USERS, ctx.seed);
        if (!verdict.shortfall) {
          throw new CheckFailure(
            `${candidate} costs less per hour than ${chosen.instanceType} and also meets the target (p95 ${Math.round(verdict.p95Ms)} ms). Pick the cheaper one.`,
          );
        }
      }
    },
  },
]);
