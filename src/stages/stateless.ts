/**
 * Stage 5: a stateless web tier in two Availability Zones behind an Application Load Balancer,
 * sessions and hot reads in Amazon ElastiCache, and a Multi-AZ RDS database.
 */
import { Stack } from '../sim/index.ts';
import type { InstanceTypeName } from '../sim/index.ts';
import { chosen, instanceTypeSelect, stageScenario } from './common.ts';
import type { StageSelect, StagePreset } from './types.ts';

const webType = instanceTypeSelect('webType', 'Web instance type', 'c5.large');
const sessions: StageSelect = {
  name: 'sessions',
  label: 'Where sessions live',
  defaultValue: 'cache',
  options: [
    { value: 'cache', label: 'In ElastiCache (stateless web tier)' },
    { value: 'instance', label: 'On each web instance (sticky)' },
  ],
};

export const statelessStage: StagePreset = {
  id: 'stateless',
  title: 'a stateless web tier behind a load balancer',
  region: 'us-east-1',
  seed: 1,
  users: { min: 10, max: 6000, step: 10, defaultValue: 800 },
  selects: [webType, sessions],
  failures: [
    {
      id: 'crash-web-a',
      label: 'Crash web-a at 30 s',
      failure: { atSeconds: 30, kind: 'instance-crash', target: 'web-a' },
    },
    {
      id: 'az-outage',
      label: 'Lose Availability Zone us-east-1a at 30 s',
      failure: { atSeconds: 30, kind: 'az-outage', target: 'us-east-1a' },
    },
    {
      id: 'cache-loss',
      label: 'Lose the cache node at 30 s',
      failure: { atSeconds: 30, kind: 'cache-node-loss', target: 'cache' },
    },
  ],
  headlinePart: 'web-a',

  stack(choice) {
    const stack = new Stack('stateless', { region: 'us-east-1' });
    const db = stack.database('db', { instanceClass: 'db.t3.large', multiAz: true });
    const cache = stack.cache('cache', { nodeType: 'cache.m5.large', az: 'us-east-1b' });
    const type = chosen(choice, webType) as InstanceTypeName;
    const app = {
      database: db,
      cache,
      sessions: chosen(choice, sessions) === 'instance' ? ('instance' as const) : cache,
    };
    const webA = stack.instance('web-a', { instanceType: type, az: 'us-east-1a', app });
    const webB = stack.instance('web-b', { instanceType: type, az: 'us-east-1b', app });
    const lb = stack.loadBalancer('alb', { targets: [webA, webB] });
    stack.dnsRecord('www', { name: 'www.example.com', target: lb, ttlSeconds: 60 });
    return stack;
  },

  scenario(choice) {
    return stageScenario(this.failures, choice, { normal: 60, withFailure: 180 });
  },
};
