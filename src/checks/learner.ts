/**
 * Helpers for checks that call the learner's code: every way that code can go wrong becomes a
 * sentence that says what to change, instead of a stack trace or an internal format error.
 */
import { Stack, type StackSpec } from '../sim/index.ts';

/** A failed check with a message written for the learner. */
export class CheckFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CheckFailure';
  }
}

function describeThrown(error: unknown): string {
  if (error instanceof RangeError && /call stack/i.test(error.message)) {
    return 'it called itself without end (Maximum call stack size exceeded). Look for a function that calls itself.';
  }
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    // Simulator errors already name the field at fault and what is allowed.
    if (typeof code === 'string') return error.message;
    return `${error.name}: ${error.message}`;
  }
  return String(error);
}

/** Calls the learner's exported function `name` with no arguments and returns its result. */
export function callExport(mod: Record<string, unknown>, name: string): unknown {
  const fn = mod[name];
  if (typeof fn !== 'function') {
    throw new CheckFailure(
      `Your file must export a function \`${name}()\`. Keep the line \`export function ${name}()\` from the starter.`,
    );
  }
  try {
    return (fn as () => unknown)();
  } catch (error) {
    throw new CheckFailure(`\`${name}()\` threw: ${describeThrown(error)}`);
  }
}

/** Turns what the learner's function returned into validated stack data. */
export function requireStack(value: unknown, name: string): StackSpec {
  if (value === undefined || value === null) {
    throw new CheckFailure(`\`${name}()\` returned nothing. End it with \`return stack;\`.`);
  }
  if (typeof (value as { then?: unknown }).then === 'function') {
    throw new CheckFailure(
      `\`${name}()\` returned a Promise. Remove \`async\`: build the stack and return it directly.`,
    );
  }
  if (value instanceof Stack) return value.toJSON();
  if (typeof value !== 'object' || !('format' in value)) {
    throw new CheckFailure(
      `\`${name}()\` must return the Stack you built (\`return stack;\`), not ${typeof value === 'object' ? 'another object' : `a ${typeof value}`}.`,
    );
  }
  return Stack.fromJSON(value).toJSON();
}
