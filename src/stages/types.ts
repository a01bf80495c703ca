/**
 * What a chapter's simulator panel needs from its stage: the controls a learner can change,
 * the stack and scenario they produce, and the failures one click away.
 */
import type { FailureEvent, RegionCode, Scenario, Stack } from '../sim/index.ts';

/** A drop-down in the panel, e.g. the web instance type. */
export interface StageSelect {
  name: string;
  label: string;
  options: { value: string; label: string }[];
  defaultValue: string;
}

/** A failure the learner can inject with one click. */
export interface StageFailure {
  id: string;
  /** What the learner reads, e.g. "Crash web-a at 30 s". */
  label: string;
  failure: FailureEvent;
}

/** The learner's choices in the panel. */
export interface StageChoice {
  users: number;
  /** Values of the stage's selects, by name. */
  selects: Record<string, string>;
  /** Id of the chosen failure, or absent for none. */
  failure?: string;
}

export interface StagePreset {
  id: string;
  /** Shown after "Simulator:", e.g. "the app and its database on separate hosts". */
  title: string;
  region: RegionCode;
  /** Every panel run uses this seed, so two learners with the same inputs see the same figures. */
  seed: number;
  users: { min: number; max: number; step: number; defaultValue: number };
  selects: StageSelect[];
  failures: StageFailure[];
  /** The part whose CPU and memory the panel shows as the headline figures. */
  headlinePart: string;
  stack(choice: StageChoice): Stack;
  scenario(choice: StageChoice): Scenario;
}
