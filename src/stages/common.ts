/** Pieces several stage presets share. */
import {
  INSTANCE_TYPES,
  INSTANCE_TYPE_NAMES,
  DB_INSTANCE_CLASSES,
  DB_INSTANCE_CLASS_NAMES,
  defaultScenario,
  type InstanceTypeName,
} from '../sim/index.ts';
import type { Scenario } from '../sim/index.ts';
import type { StageChoice, StageFailure, StageSelect } from './types.ts';

const { thinkTimeSeconds: THINK_TIME_SECONDS, warmupSeconds: WARMUP_SECONDS } = defaultScenario();
const MIN_MEASURED_REQUESTS = 5000;
const MAX_DURATION_SECONDS = 1200;

/**
 * At least `minSeconds` of traffic, or longer at light loads so that every run measures about
 * 5,000 requests: a p99 from a few dozen requests would be noise.
 */
export function durationFor(users: number, minSeconds = 60): number {
  const requestsPerSecond = users / THINK_TIME_SECONDS;
  return Math.min(
    MAX_DURATION_SECONDS,
    Math.max(minSeconds, Math.ceil(MIN_MEASURED_REQUESTS / requestsPerSecond) + WARMUP_SECONDS),
  );
}

export function instanceTypeSelect(
  name: string,
  label: string,
  defaultValue: InstanceTypeName,
): StageSelect {
  return {
    name,
    label,
    defaultValue,
    options: INSTANCE_TYPE_NAMES.map((value) => {
      const type = INSTANCE_TYPES[value];
      return { value, label: `${value} (${type.vcpus} vCPU, ${type.memoryGiB} GiB)` };
    }),
  };
}

export function dbClassSelect(name: string, label: string, defaultValue: string): StageSelect {
  return {
    name,
    label,
    defaultValue,
    options: DB_INSTANCE_CLASS_NAMES.map((value) => {
      const cls = DB_INSTANCE_CLASSES[value];
      return { value, label: `${value} (${cls.vcpus} vCPU, ${cls.memoryGiB} GiB)` };
    }),
  };
}

/** A select's value, or its default when the choice lacks it. */
export function chosen(choice: StageChoice, select: StageSelect): string {
  return choice.selects[select.name] ?? select.defaultValue;
}

/**
 * The scenario of a panel run: the chosen load and, if one was chosen, the failure. A run with a
 * failure lasts at least `withFailureSeconds`, long enough to see the stack recover.
 */
export function stageScenario(
  failures: readonly StageFailure[],
  choice: StageChoice,
  seconds: { normal: number; withFailure: number },
): Scenario {
  const failure = failures.find((f) => f.id === choice.failure)?.failure;
  return {
    users: choice.users,
    durationSeconds: durationFor(
      choice.users,
      failure === undefined ? seconds.normal : seconds.withFailure,
    ),
    ...(failure === undefined ? {} : { failures: [failure] }),
  };
}
