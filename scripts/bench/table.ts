/** Plain-text tables and number formats for the benchmark's output. */

/**
 * Formats rows as a table with a header rule. `align` has one letter per column, `l` or `r`;
 * by default the first column aligns left and the others right.
 */
export function formatTable(header: string[], rows: string[][], align?: string): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const alignOf = (i: number): string => align?.[i] ?? (i === 0 ? 'l' : 'r');
  const line = (cells: string[]): string =>
    cells
      .map((cell, i) => (alignOf(i) === 'r' ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [line(header), rule, ...rows.map(line)].join('\n');
}

/** A rate per second in millions: `4.21 M`. */
export function formatMillions(perSecond: number): string {
  return `${(perSecond / 1e6).toFixed(2)} M`;
}

/** Bytes in MB (10^6): `48.3 MB`. */
export function formatMb(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}

/** A count with thin grouping: `10 000 000`. */
export function formatCount(n: number): string {
  return Math.round(n).toLocaleString('en-US').replaceAll(',', ' ');
}
