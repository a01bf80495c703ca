/**
 * Stage 3: the app and its SQL database on separate hosts. The web server on EC2 talks to an
 * Amazon RDS database in the same Availability Zone.
 */
import { Stack } from '../sim/index.ts';
import type { DbInstanceClassName, InstanceTypeName } from '../sim/index.ts';
import { chosen, dbClassSelect, instanceTypeSelect, stageScenario } from './common.ts';
import type { StagePreset } from './types.ts';

const webType = instanceTypeSelect('webType', 'Web instance type', 't3.medium');
const dbClass = dbClassSelect('dbClass', 'Database class', 'db.t3.medium');

export const splitStage: StagePreset = {
  id: 'split',
  title: 'the app and its database on separate hosts',
  region: 'us-east-1',
  seed: 1,
  users: { min: 10, max: 3000, step: 10, defaultValue: 300 },
  selects: [webType, dbClass],
  failures: [
    {
      id: 'db-fails',
      label: 'The database fails at 30 s',
      failure: { atSeconds: 30, kind: 'db-primary-failure', target: 'db' },
    },
    {
      id: 'web-crash',
      label: 'The web server crashes at 30 s',
      failure: { atSeconds: 30, kind: 'instance-crash', target: 'web' },
    },
  ],
  headlinePart: 'web',

  stack(choice) {
    const stack = new Stack('split', { region: 'us-east-1' });
    const db = stack.database('db', {
      instanceClass: chosen(choice, dbClass) as DbInstanceClassName,
    });
    const web = stack.instance('web', {
      instanceType: chosen(choice, webType) as InstanceTypeName,
      app: { database: db },
    });
    const address = stack.elasticIp('web-ip', { instance: web });
    stack.dnsRecord('www', { name: 'www.example.com', target: address, ttlSeconds: 300 });
    return stack;
  },

  scenario(choice) {
    return stageScenario(this.failures, choice, { normal: 60, withFailure: 120 });
  },
};
