/**
 * The course as a new learner uses it, in Chromium against the built site: the home page and
 * sidebar, the chapters' diagrams, the simulator and cost panels, and the exercise.
 */
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simulate } from '../../src/sim/index.ts';
import { STAGES, defaultChoice } from '../../src/stages/index.ts';
import { launchStage } from '../../src/stages/launch.ts';
import { BASE_URL, SCREENSHOT_DIR, launchChromium, startPreview } from './harness.ts';

const CHAPTERS = [
  'chapters/01-prelaunch',
  'chapters/02-launch',
  'chapters/03-split-tiers',
  'chapters/04-second-az',
  'chapters/05-stateless-tier',
  'chapters/06-four-nines',
  'chapters/07-beyond-one-region',
];
const EXERCISE_ID = '02-right-size';
const STORAGE_KEY = `course:v1:exercise:${EXERCISE_ID}`;

let server: ChildProcess;
let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
  server = await startPreview();
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
});

afterAll(async () => {
  await browser?.close();
  server?.kill();
});

async function open(path: string): Promise<Page> {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  (page as Page & { errors?: string[] }).errors = errors;
  await page.goto(`${BASE_URL}/${path}`);
  return page;
}

/** The editor's visible text, with Monaco's non-breaking spaces made plain. */
async function editorText(exercise: ReturnType<Page['locator']>): Promise<string> {
  return (await exercise.locator('.view-lines').innerText()).replaceAll('\u00a0', ' ');
}

function pageErrors(page: Page): string[] {
  return (page as Page & { errors?: string[] }).errors ?? [];
}

describe('home page', () => {
  it('says what the course covers and lists the chapters in stage order in the sidebar', async () => {
    const page = await open('');
    await expect.poll(() => page.title()).toMatch(/ten million users/i);
    const body = await page.locator('main').innerText();
    expect(body).toMatch(/seven stages/i);
    expect(body).toMatch(/Amplify/);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/home.png`, fullPage: true });
    expect(pageErrors(page)).toEqual([]);

    // The home page is a splash page; the sidebar appears once you start a chapter.
    await page
      .getByRole('link', { name: /start with stage 1/i })
      .first()
      .click();
    await page.waitForURL(/chapters\/01-prelaunch/);
    const links = await page
      .locator('nav.sidebar a')
      .evaluateAll((anchors) => anchors.map((anchor) => anchor.getAttribute('href')));
    const chapterLinks = links.filter((href) => href?.includes('/chapters/'));
    expect(chapterLinks).toEqual(CHAPTERS.map((chapter) => `/${chapter}/`));
    await page.close();
  });
});

describe.each(CHAPTERS)('chapter %s', (chapter) => {
  it('renders every Mermaid diagram as SVG with a text alternative', async () => {
    const page = await open(`${chapter}/`);
    const diagrams = page.locator('.course-mermaid');
    const count = await diagrams.count();
    expect(count).toBeGreaterThan(0);
    await expect
      .poll(() => page.locator('.course-mermaid[data-state="rendered"] svg').count(), {
        timeout: 30_000,
      })
      .toBe(count);
    expect(await page.locator('.course-mermaid[data-state="error"]').count()).toBe(0);
    const labels = await diagrams.evaluateAll((hosts) =>
      hosts.map((host) => host.getAttribute('aria-label') ?? ''),
    );
    for (const label of labels) expect(label.length).toBeGreaterThan(20);
    await page.screenshot({
      path: `${SCREENSHOT_DIR}/${chapter.replace('/', '-')}.png`,
      fullPage: true,
    });
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });
});

describe('themes and small screens', () => {
  it('draws diagrams, panels and the bill in dark mode and on a 375 px phone', async () => {
    const phone = await browser.newContext({ viewport: { width: 375, height: 812 } });
    await phone.addInitScript(() => localStorage.setItem('starlight-theme', 'dark'));
    const page = await phone.newPage();
    await page.goto(`${BASE_URL}/chapters/02-launch/`);
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    const diagrams = page.locator('.course-mermaid');
    await expect
      .poll(() => page.locator('.course-mermaid[data-state="rendered"] svg').count(), {
        timeout: 30_000,
      })
      .toBe(await diagrams.count());
    // The page itself never scrolls sideways; wide diagrams and tables scroll inside their box.
    const pageOverflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(pageOverflow).toBeLessThanOrEqual(1);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/launch-phone-dark.png`, fullPage: true });
    await phone.close();
  });
});

describe('launch chapter panels', () => {
  it('runs the simulator in a worker and shows latency, throughput, errors and resource use', async () => {
    const page = await open('chapters/02-launch/');
    const panel = page.locator('course-sim-panel');
    await panel.locator('input[name="usersNumber"]').fill('400');
    await panel.locator('select[name="instanceType"]').selectOption('m5.large');
    await panel.getByRole('button', { name: 'Run' }).click();
    await expect.poll(() => panel.getAttribute('data-state'), { timeout: 30_000 }).toBe('done');

    for (const metric of ['p50', 'p95', 'p99']) {
      expect(await panel.locator(`[data-metric="${metric}"]`).innerText()).toMatch(
        /\d+(\.\d)? (ms|s)$/,
      );
    }
    expect(await panel.locator('[data-metric="throughput"]').innerText()).toMatch(/requests\/s/);
    expect(await panel.locator('[data-metric="errorRate"]').innerText()).toMatch(/%$/);
    expect(await panel.locator('[data-metric="cpu"]').innerText()).toMatch(/^\d+(\.\d)?%$/);
    expect(await panel.locator('[data-metric="memory"]').innerText()).toMatch(/^\d+(\.\d)?%$/);

    // Same stack, scenario and seed in Node give byte-identical results.
    const inBrowser = await panel.locator('.sim-json code').textContent();
    const choice = { users: 400, selects: { instanceType: 'm5.large' } };
    const inNode = simulate(launchStage.stack(choice).toJSON(), launchStage.scenario(choice), {
      seed: launchStage.seed,
    });
    expect(inBrowser).toBe(JSON.stringify(inNode, null, 2));

    // The bill follows the run.
    const cost = page.locator('course-cost-panel');
    await expect.poll(() => cost.getAttribute('data-updated')).toBe('true');
    expect(await cost.locator('[data-bill-for]').innerText()).toContain('m5.large');
    expect(await cost.locator('tr[data-line^="ec2"]').innerText()).toContain('m5.large');
    await panel.screenshot({ path: `${SCREENSHOT_DIR}/sim-panel.png` });
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });

  it('explains invalid input and keeps keyboard focus on Run', async () => {
    const page = await open('chapters/02-launch/');
    const panel = page.locator('course-sim-panel');
    await panel.locator('input[name="usersNumber"]').fill('');
    await panel.getByRole('button', { name: 'Run' }).click();
    await expect.poll(() => panel.getAttribute('data-state')).toBe('invalid');
    expect(await panel.locator('.sim-status').innerText()).toMatch(
      /Enter a number of active users from 10 to 3000/,
    );

    await panel.locator('input[name="usersNumber"]').fill('300');
    await panel.getByRole('button', { name: 'Run' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => panel.getAttribute('data-state'), { timeout: 30_000 }).toBe('done');
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Run');
    await page.close();
  });

  it('shows the monthly bill with unit prices, dates, sources and a total', async () => {
    const page = await open('chapters/02-launch/');
    const cost = page.locator('course-cost-panel');
    expect(await cost.locator('[data-bill-total]').innerText()).toMatch(/^\$\d+\.\d\d$/);
    const rows = cost.locator('tbody tr');
    expect(await rows.count()).toBeGreaterThanOrEqual(4);
    const text = await cost.innerText();
    for (const part of ['EC2', 'IPv4', 'hosted zone', 'queries', 'Data transfer']) {
      expect(text.toLowerCase()).toContain(part.toLowerCase());
    }
    expect(text).toMatch(/20\d\d-\d\d-\d\d/);
    expect(await cost.locator('tbody a[href^="https://"]').count()).toBeGreaterThan(0);
    await cost.screenshot({ path: `${SCREENSHOT_DIR}/cost-panel.png` });

    // Every column, the total included, fits the chapter's column without sideways scrolling.
    const overflow = await cost
      .locator('.bill-scroll')
      .evaluate((box) => box.scrollWidth - box.clientWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    await page.close();
  });
});

describe('stage 5 panel', () => {
  it('injects an AZ outage with one click and charts the failover, with a table twin', async () => {
    const page = await open('chapters/05-stateless-tier/');
    const panel = page.locator('course-sim-panel');
    await panel.locator('select[name="failure"]').selectOption('az-outage');
    await panel.getByRole('button', { name: 'Run' }).click();
    await expect.poll(() => panel.getAttribute('data-state'), { timeout: 60_000 }).toBe('done');
    expect(await panel.locator('.sim-errors').innerText()).toMatch(/failing over to its standby/);
    expect(await panel.locator('[data-metric="availability"]').innerText()).toMatch(/%$/);
    await expect
      .poll(() => panel.locator('.sim-chart-canvas canvas').count(), { timeout: 20_000 })
      .toBe(1);
    const rows = panel.locator('.sim-chart-table tbody tr');
    expect(await rows.count()).toBeGreaterThan(100);

    // The network model, too, gives byte-identical results in Chromium's worker and in Node.
    const stage = STAGES.stateless;
    const choice = { ...defaultChoice(stage), failure: 'az-outage' };
    const inNode = simulate(stage.stack(choice).toJSON(), stage.scenario(choice), {
      seed: stage.seed,
    });
    expect(await panel.locator('.sim-json code').textContent()).toBe(
      JSON.stringify(inNode, null, 2),
    );
    await panel.screenshot({ path: `${SCREENSHOT_DIR}/stateless-panel-az-outage.png` });
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });
});

describe('launch chapter exercise', () => {
  async function openExercise(): Promise<{ page: Page; exercise: ReturnType<Page['locator']> }> {
    const page = await open('chapters/02-launch/');
    const exercise = page.locator('course-exercise');
    await exercise.scrollIntoViewIfNeeded();
    await expect.poll(() => exercise.getAttribute('data-ready'), { timeout: 60_000 }).toBe('true');
    return { page, exercise };
  }

  async function runChecks(
    page: Page,
    exercise: ReturnType<Page['locator']>,
    using: 'button' | 'keys',
  ) {
    if (using === 'button') await exercise.locator('[data-action="run"]').click();
    else {
      await exercise.locator('.monaco-editor textarea').focus();
      await page.keyboard.press('Control+Enter');
    }
    await expect
      .poll(() => exercise.getAttribute('data-state'), { timeout: 60_000 })
      .not.toBe('running');
    return exercise.getAttribute('data-state');
  }

  async function saveCode(page: Page, code: string): Promise<void> {
    await page.evaluate(
      ([key, value]) =>
        localStorage.setItem(
          key,
          JSON.stringify({ code: value, version: 1, savedAt: new Date().toISOString() }),
        ),
      [STORAGE_KEY, code] as const,
    );
  }

  it('offers IntelliSense for the simulator API in the editor', async () => {
    const { page, exercise } = await openExercise();
    await page.evaluate((key) => localStorage.removeItem(key), STORAGE_KEY);
    await exercise.locator('.view-line', { hasText: 'return stack;' }).click();
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await page.keyboard.type('stack.el');
    await expect
      .poll(() => page.locator('.suggest-widget').innerText(), { timeout: 20_000 })
      .toContain('elasticIp');
    await page.close();
  });

  it('fails as started, with a message per check, and passes with the reference solution', async () => {
    let { page, exercise } = await openExercise();
    await page.evaluate((key) => localStorage.removeItem(key), STORAGE_KEY);
    await page.reload();
    ({ page, exercise } = { page, exercise: page.locator('course-exercise') });
    await exercise.scrollIntoViewIfNeeded();
    await expect.poll(() => exercise.getAttribute('data-ready'), { timeout: 60_000 }).toBe('true');

    expect(await runChecks(page, exercise, 'button')).toBe('failed');
    const failures = exercise.locator('.exercise-results li.check-fail');
    expect(await failures.count()).toBeGreaterThan(0);
    expect(await failures.first().innerText()).toMatch(/Elastic IP/);
    await exercise.screenshot({ path: `${SCREENSHOT_DIR}/exercise-starter.png` });

    await saveCode(page, readFileSync(`exercises/${EXERCISE_ID}/solution.ts`, 'utf8'));
    await page.reload();
    exercise = page.locator('course-exercise');
    await exercise.scrollIntoViewIfNeeded();
    await expect.poll(() => exercise.getAttribute('data-ready'), { timeout: 60_000 }).toBe('true');
    expect(await runChecks(page, exercise, 'keys')).toBe('passed');
    expect(await exercise.locator('.exercise-results li.check-fail').count()).toBe(0);
    await exercise.screenshot({ path: `${SCREENSHOT_DIR}/exercise-solved.png` });
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });

  it('reveals hints one at a time and hides the button after the last', async () => {
    const { page, exercise } = await openExercise();
    const button = exercise.locator('[data-action="hint"]');
    const hints = exercise.locator('.exercise-hints li');
    const total = await hints.count();
    expect(total).toBeGreaterThan(0);
    for (let shown = 1; shown <= total; shown++) {
      await button.click();
      expect(await exercise.locator('.exercise-hints li:not([hidden])').count()).toBe(shown);
    }
    expect(await button.isVisible()).toBe(false);
    await page.evaluate((id) => localStorage.removeItem(`course:v1:hints:${id}`), EXERCISE_ID);
    await page.close();
  });

  it('starts every run clean: code that patches built-ins cannot break the next run', async () => {
    const { page } = await openExercise();
    await saveCode(
      page,
      "import { Stack } from '@course/sim';\n\n(Array.prototype as any).filter = () => [];\n\nexport function buildStack(): Stack {\n  return new Stack('x');\n}\n",
    );
    await page.reload();
    const exercise = page.locator('course-exercise');
    await exercise.scrollIntoViewIfNeeded();
    await expect.poll(() => exercise.getAttribute('data-ready'), { timeout: 60_000 }).toBe('true');
    await runChecks(page, exercise, 'button');

    await exercise.locator('[data-action="reset"]').click();
    expect(await runChecks(page, exercise, 'button')).toBe('failed');
    expect(await exercise.locator('li[data-check="shape"]').innerText()).toMatch(
      /no Elastic IP yet/,
    );
    await page.close();
  });

  it('keeps typed code across a reload', async () => {
    const { page, exercise } = await openExercise();
    await exercise.locator('.view-line', { hasText: 'return stack;' }).click();
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await page.keyboard.type('// kept across reloads');
    await expect.poll(() => exercise.locator('.exercise-saved').innerText()).toContain('Saved');
    await page.reload();
    const again = page.locator('course-exercise');
    await again.scrollIntoViewIfNeeded();
    await expect.poll(() => again.getAttribute('data-ready'), { timeout: 60_000 }).toBe('true');
    expect(await editorText(again)).toContain('// kept across reloads');
    await page.close();
  });

  it('shows type errors with line numbers and runs nothing', async () => {
    const { page } = await openExercise();
    await saveCode(
      page,
      "import { Stack } from '@course/sim';\n\nexport function buildStack(): Stack {\n  const count: number = 'three';\n  return new Stack('x');\n}\n",
    );
    await page.reload();
    const exercise = page.locator('course-exercise');
    await exercise.scrollIntoViewIfNeeded();
    await expect.poll(() => exercise.getAttribute('data-ready'), { timeout: 60_000 }).toBe('true');
    expect(await runChecks(page, exercise, 'button')).toBe('problems');
    expect(await exercise.locator('.exercise-problems').innerText()).toMatch(
      /Line 4, column \d+: Type 'string' is not assignable to type 'number'/,
    );
    expect(await exercise.locator('.exercise-results li').count()).toBe(0);
    await page.close();
  });

  it('stops an infinite loop after the time limit, keeps the code and the page responsive', async () => {
    const { page } = await openExercise();
    const looping =
      "import { Stack } from '@course/sim';\n\nexport function buildStack(): Stack {\n  while (true) {}\n}\n";
    await saveCode(page, looping);
    await page.reload();
    const exercise = page.locator('course-exercise');
    await exercise.scrollIntoViewIfNeeded();
    await expect.poll(() => exercise.getAttribute('data-ready'), { timeout: 60_000 }).toBe('true');
    expect(await runChecks(page, exercise, 'button')).toBe('timeout');
    expect(await exercise.locator('.exercise-status').innerText()).toMatch(/Stopped after \d+ s/);
    expect(await editorText(exercise)).toContain('while (true)');
    expect(await page.evaluate(() => 1 + 1)).toBe(2);

    // A fresh worker answers the next run.
    await saveCode(page, readFileSync(`exercises/${EXERCISE_ID}/solution.ts`, 'utf8'));
    await page.reload();
    const next = page.locator('course-exercise');
    await next.scrollIntoViewIfNeeded();
    await expect.poll(() => next.getAttribute('data-ready'), { timeout: 60_000 }).toBe('true');
    expect(await runChecks(page, next, 'button')).toBe('passed');
    await page.close();
  });
});
