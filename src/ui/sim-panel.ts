/**
 * The `<course-sim-panel>` element: reads the form, asks the worker to simulate the stage's
 * stack, and shows the figures. Announces each result to the page as a `course:sim-result`
 * event so the stage's bill can follow the run.
 */
import { defaultScenario } from '../sim/index.ts';
import type { FailureReason, SimResults } from '../sim/index.ts';
import type { Bill } from '../pricing/bill.ts';
import { getStage } from '../stages/index.ts';
import type { StageChoice, StagePreset } from '../stages/types.ts';
import { formatMs, formatNumber, formatPercent } from './format.ts';
import { SimWorkerClient, WorkerCallError } from './worker-client.ts';
import type { ChartHandle } from './series-chart.ts';

export interface SimResultEventDetail {
  preset: string;
  results: SimResults;
  bill: Bill;
  choice: StageChoice;
  /** One line for the bill's caption, e.g. "200 active users on one t3.micro". */
  summary: string;
}

const RUN_TIMEOUT_MS = 30_000;

/** What each failure reason means, in the learner's words. */
const REASON_TEXT: Record<FailureReason, string> = {
  timeout: `timed out: they waited longer than the ${defaultScenario().clientTimeoutMs / 1000} s a client waits, while the server kept working on requests nobody was waiting for`,
  'queue-full': 'refused because the queue was full',
  'out-of-memory': 'refused because the instance had no memory left for them',
  'instance-down': 'failed because the instance was down',
  'no-route': 'found no DNS record leading to a server',
  'no-healthy-target': 'found no healthy instance behind the load balancer',
  'failover-in-progress': 'reached the database while it was failing over to its standby',
  'session-lost': 'lost their login session and had to sign in again',
  throttled: 'were throttled by DynamoDB: a partition ran out of throughput',
};

class CourseSimPanel extends HTMLElement {
  private readonly client = new SimWorkerClient();
  private running = false;
  private chart: ChartHandle | undefined;

  private get stage(): StagePreset {
    return getStage(this.dataset.preset ?? '');
  }

  connectedCallback(): void {
    const form = this.querySelector('form');
    const range = this.querySelector<HTMLInputElement>('input[name="users"]');
    const number = this.querySelector<HTMLInputElement>('input[name="usersNumber"]');
    if (!form || !range || !number) return;
    range.addEventListener('input', () => (number.value = range.value));
    number.addEventListener('input', () => {
      // Leave the slider where it is while the box is empty or holds something else.
      if (number.value !== '' && Number.isFinite(Number(number.value))) range.value = number.value;
    });
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.run();
    });
  }

  private element<T extends Element>(selector: string): T {
    const found = this.querySelector<T>(selector);
    if (!found) throw new Error(`Bug: the simulator panel has no \`${selector}\`.`);
    return found;
  }

  private readInputs(): StageChoice | string {
    const number = this.element<HTMLInputElement>('input[name="usersNumber"]');
    const users = Number(number.value);
    const { min: minUsers, max: maxUsers } = this.stage.users;
    if (number.value.trim() === '') {
      return `Enter a number of active users from ${minUsers} to ${maxUsers}.`;
    }
    if (!Number.isInteger(users) || users < minUsers || users > maxUsers) {
      return `Active users must be a whole number from ${minUsers} to ${maxUsers}; you entered ${number.value}.`;
    }
    const selects = Object.fromEntries(
      [...this.querySelectorAll<HTMLSelectElement>('select[data-stage-select]')].map((select) => [
        select.name,
        select.value,
      ]),
    );
    const failure = this.querySelector<HTMLSelectElement>('select[name="failure"]')?.value;
    return failure ? { users, selects, failure } : { users, selects };
  }

  /** "200 active users on one t3.micro, crash at 30 s" */
  private describe(choice: StageChoice): string {
    const stage = this.stage;
    const options = stage.selects
      .map((select) => {
        const value = choice.selects[select.name] ?? select.defaultValue;
        const option = select.options.find((o) => o.value === value);
        return option?.label ?? value;
      })
      .join(', ');
    const failure = stage.failures.find((f) => f.id === choice.failure);
    return `${formatNumber(choice.users)} active users, ${options}${failure ? `; ${failure.label}` : ''}`;
  }

  private async run(): Promise<void> {
    if (this.running) return;
    const status = this.element<HTMLElement>('.sim-status');
    const inputs = this.readInputs();
    if (typeof inputs === 'string') {
      status.textContent = inputs;
      this.dataset.state = 'invalid';
      return;
    }
    const progress = this.element<HTMLProgressElement>('.sim-progress');
    const button = this.element<HTMLButtonElement>('button[type="submit"]');
    this.running = true;
    // aria-disabled rather than disabled: a disabled button drops keyboard focus to the page.
    button.setAttribute('aria-disabled', 'true');
    progress.hidden = false;
    progress.value = 0;
    status.textContent = `Simulating ${this.describe(inputs)}…`;
    this.dataset.state = 'running';
    try {
      const stage = this.stage;
      const stack = stage.stack(inputs).toJSON();
      const answer = await this.client.call(
        { type: 'simulate', stack, scenario: stage.scenario(inputs), seed: stage.seed },
        { timeoutMs: RUN_TIMEOUT_MS, onProgress: (fraction) => (progress.value = fraction) },
      );
      if (answer.type !== 'simulated')
        throw new Error('Bug: the worker answered a simulation with checks.');
      await this.show(answer.results);
      void this.redrawStack(inputs, answer.results);
      status.textContent = `Done: ${this.describe(inputs)}; ${formatNumber(answer.results.requests.total)} requests simulated.`;
      const detail: SimResultEventDetail = {
        preset: stage.id,
        results: answer.results,
        bill: answer.bill,
        choice: inputs,
        summary: this.describe(inputs),
      };
      document.dispatchEvent(new CustomEvent('course:sim-result', { detail }));
      this.dataset.state = 'done';
    } catch (error) {
      const message =
        error instanceof WorkerCallError
          ? [error.message, error.hint].filter(Boolean).join(' ')
          : String(error);
      status.textContent = `The simulation failed: ${message}`;
      this.dataset.state = 'error';
    } finally {
      this.running = false;
      button.removeAttribute('aria-disabled');
      progress.hidden = true;
    }
  }

  private async show(results: SimResults): Promise<void> {
    const web = results.parts[this.stage.headlinePart];
    // Latency is measured on successful requests; with none there is nothing to show.
    const latency = (ms: number): string => (results.requests.ok > 0 ? formatMs(ms) : 'none');
    const values: Record<string, string> = {
      p50: latency(results.latencyMs.p50),
      p95: latency(results.latencyMs.p95),
      p99: latency(results.latencyMs.p99),
      throughput: `${formatNumber(results.throughputRps, 1)} requests/s`,
      errorRate: formatPercent(results.requests.errorRate, 2),
      cpu: web && 'cpuUtilisation' in web ? formatPercent(Number(web.cpuUtilisation)) : '–',
      memory:
        web && 'memoryUtilisation' in web ? formatPercent(Number(web.memoryUtilisation)) : '–',
    };
    for (const [key, text] of Object.entries(values)) {
      this.element<HTMLElement>(`[data-metric="${key}"]`).textContent = text;
    }
    this.element<HTMLElement>('.sim-metrics').hidden = false;

    const errors = this.element<HTMLElement>('.sim-errors');
    const reasons = Object.entries(results.requests.byReason).filter(([, count]) => count > 0);
    errors.hidden = reasons.length === 0;
    errors.textContent =
      reasons.length === 0
        ? ''
        : `Failed requests: ${reasons.map(([reason, count]) => `${formatNumber(count)} ${REASON_TEXT[reason as FailureReason] ?? reason}`).join('; ')}.`;

    const availability = this.element<HTMLElement>('[data-availability]');
    availability.hidden = results.availability === undefined;
    if (results.availability) {
      this.element<HTMLElement>('[data-metric="availability"]').textContent = formatPercent(
        results.availability.byRequest,
        2,
      );
    }
    await this.showChart(results);

    const json = this.element<HTMLDetailsElement>('.sim-json');
    json.hidden = false;
    this.element<HTMLElement>('.sim-json code').textContent = JSON.stringify(results, null, 2);
  }

  /** Draws the stack again with the parts that failed in this run marked. */
  private async redrawStack(choice: StageChoice, results: SimResults): Promise<void> {
    const host = this.querySelector<HTMLElement>('.sim-diagram .course-mermaid');
    if (!host) return;
    const stage = this.stage;
    const spec = stage.stack(choice).toJSON();
    const failed = stage.failures
      .filter((f) => f.id === choice.failure)
      .map((f) => f.failure.target);
    const [{ toMermaid }, { redrawDiagram }, { describeStack }] = await Promise.all([
      import('../sim/mermaid.ts'),
      import('./mermaid.ts'),
      import('./describe-stack.ts'),
    ]);
    host.setAttribute('aria-label', describeStack(spec, failed));
    await redrawDiagram(host, toMermaid(spec, results, { failed }));
  }

  /** Draws the run's per-second chart and its table twin (network-model runs have a series). */
  private async showChart(results: SimResults): Promise<void> {
    const figure = this.querySelector<HTMLElement>('.sim-chart');
    if (!figure) return;
    this.chart?.destroy();
    this.chart = undefined;
    figure.hidden = results.series === undefined;
    if (!results.series) return;
    const canvas = figure.querySelector<HTMLElement>('.sim-chart-canvas');
    try {
      const { drawSeriesChart, seriesTableHtml } = await import('./series-chart.ts');
      const from = Math.ceil(defaultScenario().warmupSeconds);
      const table = figure.querySelector('table');
      if (table) table.innerHTML = seriesTableHtml(results.series, from);
      if (canvas) this.chart = await drawSeriesChart(canvas, results.series, from);
    } catch (error) {
      // The figures above are complete without the chart; say what went wrong and go on.
      if (canvas) {
        canvas.textContent = `The chart could not be drawn (${error instanceof Error ? error.message : String(error)}). The figures above are complete.`;
      }
    }
  }
}

if (!customElements.get('course-sim-panel'))
  customElements.define('course-sim-panel', CourseSimPanel);
