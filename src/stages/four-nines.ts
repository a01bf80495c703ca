/**
 * Stage 6: an Auto Scaling group across three Availability Zones behind a load balancer,
 * sessions in DynamoDB, hot reads in ElastiCache, and a Multi-AZ RDS database.
 */
import { Stack } from '../sim/index.ts';
import type { InstanceTypeName } from '../sim/index.ts';
import { chosen, instanceTypeSelect, stageScenario } from './common.ts';
import type { StagePreset } from './types.ts';

const webType = instanceTypeSelect('webType', 'Web instance type', 'c5.large');

export const fourNinesStage: StagePreset = {
  id: 'four-nines',
  title: 'an Auto Scaling group across three zones, sessions in DynamoDB',
  region: 'us-east-1',
  seed: 1,
  users: { min: 100, max: 20000, step: 100, defaultValue: 2000 },
  selects: [webType],
  failures: [
    {
      id: 'az-outage',
      label: 'Lose Availability Zone us-east-1a at 30 s',
      failure: { atSeconds: 30, kind: 'az-outage', target: 'us-east-1a' },
    },
    {
      id: 'crash-instance',
      label: 'Crash one web instance at 30 s',
      failure: { atSeconds: 30, kind: 'instance-crash', target: 'web' },
    },
    {
      id: 'cache-loss',
      label: 'Lose the cache node at 30 s',
      failure: { atSeconds: 30, kind: 'cache-node-loss', target: 'cache' },
    },
  ],
  headlinePart: 'web',

  stack(choice) {
    const stack = new Stack('four-nines', { region: 'us-east-1' });
    const db = stack.database('db', {
      instanceClass: 'db.t3.large',
      multiAz: true,
      readReplicas: 2,
    });
    const cache = stack.cache('cache', {
      nodeType: 'cache.m5.large',
      az: 'us-east-1b',
      maxItems: 50_000,
    });
    const sessions = stack.table('sessions', { partitions: 4 });
    const web = stack.autoScalingGroup('web', {
      instanceType: chosen(choice, webType) as InstanceTypeName,
      azs: ['us-east-1a', 'us-east-1b', 'us-east-1c'],
      min: 3,
      max: 12,
      targetCpuPercent: 50,
      app: { database: db, cache, sessions },
    });
    const lb = stack.loadBalancer('alb', { targets: [web] });
    stack.dnsRecord('www', { name: 'www.example.com', target: lb, ttlSeconds: 60 });
    return stack;
  },

  scenario(choice) {
    return stageScenario(this.failures, choice, { normal: 120, withFailure: 240 });
  },
};
