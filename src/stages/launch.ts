/**
 * Stage 2, launch: one EC2 instance running the whole app, an Elastic IP and a Route 53
 * record. The chapter's simulator panel, its bill and the exercise start from this stack.
 */
import { INSTANCE_TYPES, Stack, type InstanceTypeName, type Scenario } from '../sim/index.ts';

export const launchStage = {
  id: 'launch',
  title: 'Launch: one server',
  region: 'us-east-1',
  defaultInstanceType: 't3.micro' as InstanceTypeName,
  defaultUsers: 200,
  minUsers: 10,
  maxUsers: 3000,
  usersStep: 10,
  /** Every panel run uses this seed, so two learners with the same inputs see the same figures. */
  seed: 1,
  instanceTypes: Object.keys(INSTANCE_TYPES) as InstanceTypeName[],

  /** The stage's architecture: one instance, its Elastic IP and a DNS record pointing at it. */
  stack(instanceType: InstanceTypeName): Stack {
    const stack = new Stack('launch', { region: 'us-east-1' });
    const web = stack.instance('web', { instanceType });
    const address = stack.elasticIp('web-ip', { instance: web });
    stack.dnsRecord('www', { name: 'www.example.com', target: address, ttlSeconds: 300 });
    return stack;
  },

  scenario(users: number): Scenario {
    return { users, durationSeconds: 60 };
  },
} as const;

export type StageId = typeof launchStage.id;
