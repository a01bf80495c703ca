/**
 * The `<course-sim-panel>` element: reads the form, asks the worker to simulate the stage's
 * stack, and shows the figures. Announces each result to the page as a `course:sim-result`
 * event so the stage's bill can follow the run.
 */
import { defaultScenario } from '../sim/index.ts';
import type { FailureReason, InstanceTypeName, SimResults } from '../sim/index.ts';
import type { Bill } from '../pricing/bill.ts';
import { launchStage } from '../stages/launch.ts';
import { formatMs, formatNumber, formatPercent } from './format.ts';
import { SimWorkerClient, WorkerCallError } from './worker-client.ts';

export interface SimResultEventDetail {
  preset: string;
  results: SimResults;
  bill: Bill;
  instanceType: InstanceTypeName;
  users: number;
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
};

class CourseSimPanel extends HTMLElement {
  private readonly client = new SimWorkerClient();
  private running = false;

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

  private readInputs(): { users: number; instanceType: InstanceTypeName } | string {
    const number = this.element<HTMLInputElement>('input[name="usersNumber"]');
    const users = Number(number.value);
    const { minUsers, maxUsers } = launchStage;
    if (number.value.trim() === '') {
      return `Enter a number of active users from ${minUsers} to ${maxUsers}.`;
    }
    if (!Number.isInteger(users) || users < minUsers || users > maxUsers) {
      return `Active users must be a whole number from ${minUsers} to ${maxUsers}; you entered ${number.value}.`;
    }
    const instanceType = this.element<HTMLSelectElement>('select[name="instanceType"]').value;
    return { users, instanceType: instanceType as InstanceTypeName };
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
    status.textContent = `Simulating ${formatNumber(inputs.users)} users on ${inputs.instanceType}…`;
    this.dataset.state = 'running';
    try {
      const stack = launchStage.stack(inputs.instanceType).toJSON();
      const answer = await this.client.call(
        {
          type: 'simulate',
          stack,
          scenario: launchStage.scenario(inputs.users),
          seed: launchStage.seed,
        },
        { timeoutMs: RUN_TIMEOUT_MS, onProgress: (fraction) => (progress.value = fraction) },
      );
      if (answer.type !== 'simulated')
        throw new Error('Bug: the worker answered a simulation with checks.');
      this.show(answer.results);
      status.textContent = `Done: ${formatNumber(inputs.users)} users on ${inputs.instanceType}, ${formatNumber(answer.results.requests.total)} requests simulated.`;
      const detail: SimResultEventDetail = { preset: launchStage.id, ...answer, ...inputs };
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

  private show(results: SimResults): void {
    const web = results.parts['web'];
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

    const json = this.element<HTMLDetailsElement>('.sim-json');
    json.hidden = false;
    this.element<HTMLElement>('.sim-json code').textContent = JSON.stringify(results, null, 2);
  }
}

if (!customElements.get('course-sim-panel'))
  customElements.define('course-sim-panel', CourseSimPanel);
