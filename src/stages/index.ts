/** Every stage that has a simulator panel, by the id its chapter names. */
import { launchStage } from './launch.ts';
import { splitStage } from './split.ts';
import { statelessStage } from './stateless.ts';
import { secondAzStage } from './second-az.ts';
import { fourNinesStage } from './four-nines.ts';
import { globalStage } from './global.ts';
import type { StagePreset } from './types.ts';

export const STAGES = {
  launch: launchStage,
  split: splitStage,
  'second-az': secondAzStage,
  stateless: statelessStage,
  'four-nines': fourNinesStage,
  global: globalStage,
} as const satisfies Record<string, StagePreset>;

export type StageId = keyof typeof STAGES;

export function getStage(id: string): StagePreset {
  const stage = (STAGES as Record<string, StagePreset>)[id];
  if (!stage) {
    throw new Error(
      `There is no stage preset \`${id}\`. Use one of: ${Object.keys(STAGES).join(', ')}.`,
    );
  }
  return stage;
}

/** The choice a panel starts with: every control at its default, no failure. */
export function defaultChoice(stage: StagePreset): {
  users: number;
  selects: Record<string, string>;
} {
  return {
    users: stage.users.defaultValue,
    selects: Object.fromEntries(stage.selects.map((s) => [s.name, s.defaultValue])),
  };
}
