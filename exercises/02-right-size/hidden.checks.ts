/**
 * Hidden checks: the same goal under seeds the learner never ran, so an answer tuned to one
 * seed's luck does not pass. Never bundled into the site.
 */
import { defineChecks } from '../../src/checks/check.ts';
import visible, { type RightSizeModule } from './checks.ts';

const HIDDEN_SEEDS = [7, 2024];

function visibleCheck(id: string) {
  const check = visible.find((candidate) => candidate.id === id);
  if (!check) throw new Error(`Bug: no visible check \`${id}\`.`);
  return check;
}

export default defineChecks<RightSizeModule>(
  HIDDEN_SEEDS.flatMap((seed) => [
    {
      id: `meets-target-seed-${seed}`,
      title: `Meets the latency and error target with seed ${seed}`,
      points: 2,
      visibility: 'hidden' as const,
      run: (mod: RightSizeModule) => visibleCheck('meets-target').run(mod, { seed }),
    },
    {
      id: `cheapest-seed-${seed}`,
      title: `Still the cheapest type that meets the target with seed ${seed}`,
      points: 2,
      visibility: 'hidden' as const,
      run: (mod: RightSizeModule) => visibleCheck('cheapest').run(mod, { seed }),
    },
  ]),
);
