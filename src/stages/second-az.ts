/**
 * Stage 4: a copy of the web server in a second Availability Zone, reached through a Route 53
 * failover record, and a Multi-AZ RDS database with a synchronous standby. The record's TTL
 * decides how long users keep going to a dead server after Route 53 has noticed.
 */
import { Stack } from '../sim/index.ts';
import type { InstanceTypeName } from '../sim/index.ts';
import { chosen, instanceTypeSelect, stageScenario } from './common.ts';
import type { StagePreset, StageSelect } from './types.ts';

const webType = instanceTypeSelect('webType', 'Web instance type', 'm5.large');
const ttl: StageSelect = {
  name: 'ttlSeconds',
  label: 'DNS record TTL',
  defaultValue: '60',
  options: [
    { value: '60', label: '60 seconds' },
    { value: '300', label: '300 seconds' },
  ],
};

export const secondAzStage: StagePreset = {
  id: 'second-az',
  title: 'a second Availability Zone with DNS failover',
  region: 'us-east-1',
  seed: 1,
  users: { min: 10, max: 3000, step: 10, defaultValue: 300 },
  selects: [webType, ttl],
  failures: [
    {
      id: 'crash-web-a',
      label: 'Crash the primary web server at 30 s',
      failure: { atSeconds: 30, kind: 'instance-crash', target: 'web-a' },
    },
    {
      id: 'az-outage',
      label: 'Lose Availability Zone us-east-1a at 30 s',
      failure: { atSeconds: 30, kind: 'az-outage', target: 'us-east-1a' },
    },
    {
      id: 'db-fails',
      label: 'The database primary fails at 30 s',
      failure: { atSeconds: 30, kind: 'db-primary-failure', target: 'db' },
    },
  ],
  headlinePart: 'web-a',

  stack(choice) {
    const stack = new Stack('second-az', { region: 'us-east-1' });
    const db = stack.database('db', { instanceClass: 'db.t3.large', multiAz: true });
    const type = chosen(choice, webType) as InstanceTypeName;
    const webA = stack.instance('web-a', {
      instanceType: type,
      az: 'us-east-1a',
      app: { database: db },
    });
    const webB = stack.instance('web-b', {
      instanceType: type,
      az: 'us-east-1b',
      app: { database: db },
    });
    const ipA = stack.elasticIp('ip-a', { instance: webA });
    const ipB = stack.elasticIp('ip-b', { instance: webB });
    stack.dnsRecord('www', {
      name: 'www.example.com',
      routing: 'failover',
      primary: ipA,
      secondary: ipB,
      ttlSeconds: Number(chosen(choice, ttl)),
    });
    return stack;
  },

  scenario(choice) {
    return stageScenario(this.failures, choice, { normal: 60, withFailure: 480 });
  },
};
