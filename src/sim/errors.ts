/**
 * Errors a learner can cause. The engine never throws anything else on bad input: every
 * problem with a stack, a scenario or options is a `SimConfigError` with a stable `code`.
 */

/** Stable codes for `SimConfigError`, so checks and the UI can match on them. */
export type SimConfigErrorCode =
  | 'not-an-object'
  | 'unknown-format'
  | 'unknown-property'
  | 'invalid-name'
  | 'unknown-region'
  | 'invalid-parts'
  | 'invalid-id'
  | 'duplicate-id'
  | 'unknown-part-kind'
  | 'unknown-instance-type'
  | 'invalid-az'
  | 'dangling-reference'
  | 'wrong-reference-kind'
  | 'invalid-dns-name'
  | 'invalid-number'
  | 'invalid-option'
  | 'invalid-targets'
  | 'unknown-algorithm'
  | 'unknown-instance-class'
  | 'unknown-node-type'
  | 'invalid-boolean'
  | 'invalid-failure'
  | 'invalid-topology';

/** A mistake in a stack, a scenario or the run options, described so a learner can fix it. */
export class SimConfigError extends Error {
  /** Stable identifier of the kind of mistake, e.g. `unknown-instance-type`. */
  readonly code: SimConfigErrorCode;
  /** Where the mistake is, e.g. `parts[0].instanceType` or `scenario.users`. */
  readonly path: string;
  /** The offending value, as given. */
  readonly value: unknown;
  /** How to fix it: what is allowed. */
  readonly hint: string;

  constructor(
    code: SimConfigErrorCode,
    path: string,
    value: unknown,
    problem: string,
    hint: string,
  ) {
    super(`${problem} at ${path}. ${hint}`);
    this.name = 'SimConfigError';
    this.code = code;
    this.path = path;
    this.value = value;
    this.hint = hint;
  }
}

/** The run needed more events than `SimOptions.maxEvents` allows. */
export class SimBudgetError extends Error {
  readonly code = 'event-budget';
  /** The budget that was exceeded (events). */
  readonly maxEvents: number;
  /** Simulated time reached when the budget ran out (seconds). */
  readonly simulatedSeconds: number;

  constructor(maxEvents: number, simulatedSeconds: number) {
    super(
      `The simulation stopped after ${maxEvents} events, at ` +
        `${simulatedSeconds.toFixed(1)} s of simulated time. Lower scenario.users or ` +
        'scenario.durationSeconds, or raise options.maxEvents.',
    );
    this.name = 'SimBudgetError';
    this.maxEvents = maxEvents;
    this.simulatedSeconds = simulatedSeconds;
  }
}

/** Renders a value for an error message: strings in backticks, everything else as JSON. */
export function formatValue(value: unknown): string {
  if (typeof value === 'string') return `\`${value}\``;
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') {
    return `\`${String(value)}\``;
  }
  if (value === undefined) return 'nothing';
  if (value === null) return '`null`';
  try {
    const json = JSON.stringify(value);
    return json === undefined
      ? `a ${typeof value}`
      : `\`${json.length > 60 ? json.slice(0, 57) + '...' : json}\``;
  } catch {
    return `a ${typeof value}`;
  }
}

/** Stable codes for `PolicyError`. */
export type PolicyErrorCode = 'invalid-policy-result' | 'policy-threw' | 'policy-budget';

/**
 * A learner policy (see `SimOptions.policies`) returned something the engine cannot use, threw,
 * or was called more often than `SimOptions.maxPolicyCalls` allows. The run stops at once.
 */
export class PolicyError extends Error {
  /** What went wrong: a bad return value, an exception, or too many calls. */
  readonly code: PolicyErrorCode;
  /** The policy, as `<part id>.<method>`, e.g. `alb.chooseTarget`. */
  readonly policy: string;
  /** Where it was given: `options.policies.<part id>.<method>`. */
  readonly path: string;
  /** The value the policy returned, or what it threw. */
  readonly value: unknown;
  /** Simulated time of the call, in seconds. */
  readonly simulatedSeconds: number;
  /** How to fix it. */
  readonly hint: string;

  constructor(
    code: PolicyErrorCode,
    policy: string,
    value: unknown,
    simulatedSeconds: number,
    problem: string,
    hint: string,
  ) {
    super(`${problem} (policy \`${policy}\`, at ${simulatedSeconds.toFixed(1)} s). ${hint}`);
    this.name = 'PolicyError';
    this.code = code;
    this.policy = policy;
    this.path = `options.policies.${policy}`;
    this.value = value;
    this.simulatedSeconds = simulatedSeconds;
    this.hint = hint;
  }
}
