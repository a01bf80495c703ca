/**
 * The per-second chart of a run, drawn with uPlot (loaded only when a run has a series), and its
 * table twin for screen readers and for anyone who wants the exact figures.
 */
import type { SeriesResults } from '../sim/index.ts';
import { escapeHtml, formatNumber } from './format.ts';

type UPlot = typeof import('uplot');
let uplotPromise: Promise<UPlot> | undefined;

async function loadUPlot(): Promise<UPlot> {
  uplotPromise ??= import('uplot').then((module) => module.default);
  return uplotPromise;
}

/** Colours that read on both the light and the dark theme. */
const COLOURS = { ok: '#2f9e44', failed: '#e03131', p95: '#4263eb' };

export interface ChartHandle {
  destroy(): void;
}

export async function drawSeriesChart(
  host: HTMLElement,
  series: SeriesResults,
  fromSecond: number,
): Promise<ChartHandle> {
  const uPlot = await loadUPlot();
  const seconds = series.requests.map((_, i) => i).filter((i) => i >= fromSecond);
  const pick = (values: number[]) => seconds.map((i) => values[i] ?? 0);
  const width = Math.max(280, host.clientWidth);
  host.replaceChildren();
  const chart = new uPlot(
    {
      width,
      height: 240,
      scales: { x: { time: false } },
      axes: [
        {
          label: 'simulated second',
          stroke: 'currentColor',
          grid: { stroke: 'rgba(128,128,128,0.2)' },
        },
        {
          label: 'requests per second',
          stroke: 'currentColor',
          grid: { stroke: 'rgba(128,128,128,0.2)' },
        },
        { side: 1, scale: 'ms', label: 'p95 (ms)', stroke: 'currentColor', grid: { show: false } },
      ],
      series: [
        { label: 'second' },
        { label: 'answered', stroke: COLOURS.ok, width: 2 },
        { label: 'failed', stroke: COLOURS.failed, width: 2 },
        { label: 'p95 ms', stroke: COLOURS.p95, width: 1.5, scale: 'ms', dash: [6, 4] },
      ],
    },
    [seconds, pick(series.ok), pick(series.failed), pick(series.p95Ms)],
    host,
  );
  return { destroy: () => chart.destroy() };
}

/** The same figures as a table: one row per simulated second. */
export function seriesTableHtml(series: SeriesResults, fromSecond: number): string {
  const rows: string[] = [];
  for (let i = fromSecond; i < series.requests.length; i++) {
    rows.push(
      `<tr><th scope="row">${i}</th><td class="num">${formatNumber(series.requests[i] ?? 0)}</td>` +
        `<td class="num">${formatNumber(series.ok[i] ?? 0)}</td><td class="num">${formatNumber(series.failed[i] ?? 0)}</td>` +
        `<td class="num">${series.ok[i] ? formatNumber(series.p95Ms[i] ?? 0, 1) : '–'}</td></tr>`,
    );
  }
  return (
    `<caption class="sr-only">${escapeHtml('Requests and p95 latency per simulated second')}</caption>` +
    '<thead><tr><th scope="col">Second</th><th scope="col" class="num">Sent</th><th scope="col" class="num">Answered</th>' +
    '<th scope="col" class="num">Failed</th><th scope="col" class="num">p95 (ms)</th></tr></thead>' +
    `<tbody>${rows.join('')}</tbody>`
  );
}
