/**
 * Stage 7: the app in several AWS Regions. Each Region runs web servers behind a load
 * balancer; a DynamoDB global table holds sessions and data; a Route 53 latency record sends
 * each group of users to its nearest healthy Region.
 */
import { Stack } from '../sim/index.ts';
import type { InstanceTypeName, RegionCode } from '../sim/index.ts';
import { chosen, instanceTypeSelect, stageScenario } from './common.ts';
import type { StagePreset, StageSelect } from './types.ts';

const webType = instanceTypeSelect('webType', 'Web instance type', 'c5.large');
const regions: StageSelect = {
  name: 'regions',
  label: 'Regions',
  defaultValue: 'two',
  options: [
    { value: 'one', label: 'us-east-1 only' },
    { value: 'two', label: 'us-east-1 and eu-west-1, latency routing' },
  ],
};

/** Where the users are: the course's three areas, with round trips from its latency matrix. */
const AREAS = [
  { name: 'north-america', share: 0.5 },
  { name: 'europe', share: 0.35 },
  { name: 'asia-pacific', share: 0.15 },
];

/** `count` web servers spread over zones of `region` behind a load balancer, data in `table`. */
function regionalTier(
  stack: Stack,
  region: RegionCode,
  count: number,
  type: InstanceTypeName,
  table: string,
) {
  const app = { database: table, sessions: table };
  const zones = ['a', 'b', 'c'];
  const webs = Array.from({ length: count }, (_, i) =>
    stack.instance(`web-${region}-${i + 1}`, {
      instanceType: type,
      region,
      az: `${region}${zones[i % zones.length]}`,
      app,
    }),
  );
  return stack.loadBalancer(`alb-${region}`, { targets: webs, region });
}

export const globalStage: StagePreset = {
  id: 'global',
  title: 'the app in several AWS Regions',
  region: 'us-east-1',
  seed: 1,
  users: { min: 100, max: 20000, step: 100, defaultValue: 2000 },
  selects: [webType, regions],
  failures: [
    {
      id: 'region-outage',
      label: 'Lose Region eu-west-1 at 30 s',
      failure: { atSeconds: 30, kind: 'region-outage', target: 'eu-west-1' },
    },
  ],
  headlinePart: 'web-us-east-1-1',

  stack(choice) {
    const stack = new Stack('global', { region: 'us-east-1' });
    const type = chosen(choice, webType) as InstanceTypeName;
    const two = chosen(choice, regions) === 'two';
    const table = stack.table('data', {
      partitions: 4,
      ...(two ? { replicaRegions: ['eu-west-1' as const] } : {}),
    });
    // The same four web servers either way: one Region holds all four, or each Region two.
    const us = regionalTier(stack, 'us-east-1', two ? 2 : 4, type, table.id);
    if (!two) {
      stack.dnsRecord('www', { name: 'www.example.com', target: us, ttlSeconds: 60 });
      return stack;
    }
    const eu = regionalTier(stack, 'eu-west-1', 2, type, table.id);
    stack.dnsRecord('www', {
      name: 'www.example.com',
      routing: 'latency',
      targets: [
        { region: 'us-east-1', target: us },
        { region: 'eu-west-1', target: eu },
      ],
      healthCheck: { intervalSeconds: 10 },
      ttlSeconds: 60,
    });
    return stack;
  },

  scenario(choice) {
    return {
      ...stageScenario(this.failures, choice, { normal: 60, withFailure: 180 }),
      areas: AREAS,
    };
  },
};
