/**
 * Stage 2, launch: one EC2 instance running the whole app, an Elastic IP and a Route 53
 * record. The chapter's simulator panel, its bill and the exercise start from this stack.
 */
import {
  INSTANCE_TYPES,
  Stack,
  defaultScenario,
  type InstanceTypeName,
  type Scenario,
} from '../sim/index.ts';

const { thinkTimeSeconds: THINK_TIME_SECONDS, warmupSeconds: WARMUP_SECONDS } = defaultScenario();
const MIN_MEASURED_REQUESTS = 5000;
const MAX_DURATION_SECONDS = 1200;

export const launchStage = {
  id: 'launch',
  title: 'one server runs the whole app',
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

  /**
   * One minute of traffic, or longer at light loads so that every run measures at least about
   * 5,000 requests: a p99 from a few dozen requests would be noise.
   */
  scenario(users: number): Scenario {
    const requestsPerSecond = users / THINK_TIME_SECONDS;
    const durationSeconds = Math.min(
      MAX_DURATION_SECONDS,
      Math.max(60, Math.ceil(MIN_MEASURED_REQUESTS / requestsPerSecond) + WARMUP_SECONDS),
    );
    return { users, durationSeconds };
  },
} as const;

export type StageId = typeof launchStage.id;
