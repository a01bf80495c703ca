/**
 * Stage 2, launch: one EC2 instance running the whole app, an Elastic IP and a Route 53
 * record. The chapter's simulator panel, its bill and the exercise start from this stack.
 */
import { Stack } from '../sim/index.ts';
import type { InstanceTypeName } from '../sim/index.ts';
import { chosen, instanceTypeSelect, stageScenario } from './common.ts';
import type { StagePreset } from './types.ts';

const instanceType = instanceTypeSelect('instanceType', 'Instance type', 't3.micro');

export const launchStage: StagePreset = {
  id: 'launch',
  title: 'one server runs the whole app',
  region: 'us-east-1',
  seed: 1,
  users: { min: 10, max: 3000, step: 10, defaultValue: 200 },
  selects: [instanceType],
  failures: [
    {
      id: 'crash',
      label: 'Crash the instance at 30 s',
      failure: { atSeconds: 30, kind: 'instance-crash', target: 'web' },
    },
  ],
  headlinePart: 'web',

  /** The stage's architecture: one instance, its Elastic IP and a DNS record pointing at it. */
  stack(choice) {
    const stack = new Stack('launch', { region: 'us-east-1' });
    const web = stack.instance('web', {
      instanceType: chosen(choice, instanceType) as InstanceTypeName,
    });
    const address = stack.elasticIp('web-ip', { instance: web });
    stack.dnsRecord('www', { name: 'www.example.com', target: address, ttlSeconds: 300 });
    return stack;
  },

  scenario(choice) {
    return stageScenario(this.failures, choice, { normal: 60, withFailure: 60 });
  },
};
