/** Stable codes of every failure the cost model reports. */
export type PricingErrorCode =
  | 'invalid-snapshot'
  | 'ambiguous-price-query'
  | 'unit-mismatch'
  | 'invalid-usage'
  | 'invalid-price-item';

/** Where the fault is: a path into the input (`prices[3].usd`) and the value found there. */
export interface PricingErrorDetails {
  path: string;
  value?: unknown;
  hint: string;
}

/**
 * The one error type of the cost model. The message names the value at fault in backticks and
 * ends with a hint that says how to fix it; `code` is stable for programs to branch on.
 */
export class PricingError extends Error {
  readonly code: PricingErrorCode;
  readonly path: string;
  readonly value: unknown;
  readonly hint: string;

  constructor(code: PricingErrorCode, message: string, details: PricingErrorDetails) {
    super(`${message} ${details.hint}`);
    this.name = 'PricingError';
    this.code = code;
    this.path = details.path;
    this.value = details.value;
    this.hint = details.hint;
  }
}

/** Renders a value for an error message: short, in backticks, never the whole snapshot. */
export function showValue(value: unknown): string {
  let text: string;
  try {
    text = value === undefined ? 'undefined' : JSON.stringify(value);
  } catch {
    text = String(value);
  }
  return `\`${text.length > 80 ? `${text.slice(0, 77)}...` : text}\``;
}

/** `['prices', 3, 'usd']` becomes `prices[3].usd`. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((key, index) => {
      if (typeof key === 'number') return `[${key}]`;
      const name = String(key);
      return /^[A-Za-z_$][\w$]*$/.test(name)
        ? `${index === 0 ? '' : '.'}${name}`
        : `[${JSON.stringify(name)}]`;
    })
    .join('');
}
