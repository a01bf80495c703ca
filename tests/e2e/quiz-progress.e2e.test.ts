/**
 * The check of understanding at the end of chapter 1 and the reading progress in the sidebar, in
 * Chromium against the built site. Each test starts as a new learner with empty storage.
 */
import type { ChildProcess } from 'node:child_process';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE_URL, SCREENSHOT_DIR, launchChromium, startPreview } from './harness.ts';

const CHAPTER_1 = 'chapters/01-prelaunch';
const CHAPTER_2 = 'chapters/02-launch';
const QUIZ_KEY = 'course:v1:quiz:stage-1';
const PROGRESS_KEY = 'course:v1:progress';

let server: ChildProcess;
let browser: Browser;

beforeAll(async () => {
  server = await startPreview();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  server?.kill();
});

interface Learner {
  context: BrowserContext;
  /** Opens a page and collects its uncaught errors. */
  open(path: string): Promise<Page & { errors: string[] }>;
}

async function newLearner(
  options: { width?: number; theme?: 'light' | 'dark' } = {},
): Promise<Learner> {
  const { width = 1280, theme } = options;
  const context = await browser.newContext({
    viewport: { width, height: width < 500 ? 812 : 900 },
  });
  if (theme) {
    await context.addInitScript((value) => localStorage.setItem('starlight-theme', value), theme);
  }
  return {
    context,
    async open(path) {
      const page = (await context.newPage()) as Page & { errors: string[] };
      page.errors = [];
      page.on('pageerror', (error) => page.errors.push(error.message));
      await page.goto(`${BASE_URL}/${path}/`);
      return page;
    },
  };
}

async function openQuiz(
  learner: Learner,
): Promise<{ page: Page & { errors: string[] }; quiz: Locator }> {
  const page = await learner.open(CHAPTER_1);
  const quiz = page.locator('course-quiz');
  await expect.poll(() => quiz.getAttribute('data-ready')).toBe('true');
  return { page, quiz };
}

/** The nth question's fieldset (zero-based). */
function question(quiz: Locator, index: number): Locator {
  return quiz.locator('fieldset.quiz-question').nth(index);
}

async function answer(quiz: Locator, index: number, choice: number): Promise<void> {
  const fieldset = question(quiz, index);
  await fieldset.locator('.quiz-choice label').nth(choice).click();
  await fieldset.getByRole('button', { name: 'Check' }).click();
}

function readStorage(page: Page, key: string): Promise<unknown> {
  return page.evaluate((name) => JSON.parse(localStorage.getItem(name) ?? 'null'), key);
}

describe('quiz at the end of chapter 1', () => {
  it('says "Not quite." and reveals the explanation in a live region after a wrong answer', async () => {
    const learner = await newLearner();
    const { page, quiz } = await openQuiz(learner);
    const first = question(quiz, 0);
    expect(await first.locator('legend').innerText()).toMatch(/Question 1 of 3/);
    expect(await first.locator('.quiz-reveal').isVisible()).toBe(false);
    expect(await first.locator('.quiz-feedback').getAttribute('aria-live')).toBe('polite');

    await answer(quiz, 0, 0);
    expect(await first.getAttribute('data-state')).toBe('incorrect');
    const feedback = await first.locator('.quiz-feedback').innerText();
    expect(feedback).toContain('Not quite.');
    expect(feedback).toContain('A static site is a folder of files');
    expect(await first.getByRole('button', { name: 'Try again' }).isVisible()).toBe(true);
    expect(await first.getByRole('button', { name: 'Check' }).isVisible()).toBe(false);
    expect(page.errors).toEqual([]);
    await learner.context.close();
  });

  it('says "Correct." for the right answer, and asks for a choice before checking', async () => {
    const learner = await newLearner();
    const { quiz } = await openQuiz(learner);
    const second = question(quiz, 1);
    await second.getByRole('button', { name: 'Check' }).click();
    expect(await second.locator('.quiz-feedback').innerText()).toMatch(/Choose an answer first/);
    expect(await second.getAttribute('data-state')).toBe('unanswered');

    await answer(quiz, 1, 0);
    expect(await second.getAttribute('data-state')).toBe('correct');
    const feedback = await second.locator('.quiz-feedback').innerText();
    expect(feedback).toContain('Correct.');
    expect(feedback).toMatch(/atomic/);
    await learner.context.close();
  });

  it('keeps answers and feedback across a reload, and Try again forgets one', async () => {
    const learner = await newLearner();
    const { page, quiz } = await openQuiz(learner);
    await answer(quiz, 0, 1);
    await answer(quiz, 2, 1);
    expect(await readStorage(page, QUIZ_KEY)).toMatchObject({ answers: [1, null, 1] });

    await page.reload();
    await expect.poll(() => quiz.getAttribute('data-ready')).toBe('true');
    expect(await question(quiz, 0).locator('input').nth(1).isChecked()).toBe(true);
    expect(await question(quiz, 0).locator('.quiz-feedback').innerText()).toContain('Not quite.');
    expect(await question(quiz, 1).getAttribute('data-state')).toBe('unanswered');
    expect(await question(quiz, 2).locator('.quiz-feedback').innerText()).toContain('Correct.');

    await question(quiz, 0).getByRole('button', { name: 'Try again' }).click();
    expect(await question(quiz, 0).getAttribute('data-state')).toBe('unanswered');
    expect(await question(quiz, 0).locator('input:checked').count()).toBe(0);
    await page.reload();
    await expect.poll(() => quiz.getAttribute('data-ready')).toBe('true');
    expect(await question(quiz, 0).getAttribute('data-state')).toBe('unanswered');
    expect(await question(quiz, 2).getAttribute('data-state')).toBe('correct');
    await learner.context.close();
  });

  it('can be answered with the keyboard alone', async () => {
    const learner = await newLearner();
    const { page, quiz } = await openQuiz(learner);
    const focused = () =>
      page.evaluate(() => {
        const active = document.activeElement;
        return active instanceof HTMLInputElement
          ? `radio ${active.value}`
          : active?.textContent?.trim();
      });

    // Tab in from the heading's anchor link, just before the quiz.
    await page.locator('a.sl-anchor-link[href="#check-your-understanding"]').focus();
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('radio 0');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    expect(await question(quiz, 0).locator('input').nth(2).isChecked()).toBe(true);
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('Check');
    await page.keyboard.press('Enter');
    expect(await question(quiz, 0).locator('.quiz-feedback').innerText()).toContain('Correct.');

    // Focus moves to Try again rather than falling back to the page.
    expect(await focused()).toBe('Try again');
    await page.keyboard.press('Space');
    expect(await question(quiz, 0).getAttribute('data-state')).toBe('unanswered');
    expect(await focused()).toBe('radio 0');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space');
    expect(await question(quiz, 0).locator('.quiz-feedback').innerText()).toContain('Not quite.');

    // On to the next question.
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('radio 0');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toMatch(/q2$/);
    await learner.context.close();
  });

  it('offers every answer and explanation without JavaScript', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${BASE_URL}/${CHAPTER_1}/`);
    const first = question(page.locator('course-quiz'), 0);
    await first.locator('.quiz-choice label').nth(1).click();
    expect(await first.locator('input').nth(1).isChecked()).toBe(true);
    expect(await first.getByRole('button', { name: 'Check' }).isVisible()).toBe(false);
    await first.getByText('Show the answer').click();
    expect(await first.locator('.quiz-reveal').innerText()).toMatch(
      /The answer is Every visitor gets the same files.*A static site is a folder of files/s,
    );
    await context.close();
  });

  it('still checks answers when the browser refuses storage', async () => {
    const learner = await newLearner();
    await learner.context.addInitScript(() => {
      const { getItem, setItem } = Storage.prototype;
      Storage.prototype.getItem = function (key: string) {
        if (key.startsWith('course:')) throw new DOMException('Refused', 'SecurityError');
        return getItem.call(this, key);
      };
      Storage.prototype.setItem = function (key: string, value: string) {
        if (key.startsWith('course:')) throw new DOMException('Full', 'QuotaExceededError');
        setItem.call(this, key, value);
      };
    });
    const { page, quiz } = await openQuiz(learner);
    await answer(quiz, 0, 2);
    expect(await question(quiz, 0).locator('.quiz-feedback').innerText()).toContain('Correct.');
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await page.waitForTimeout(300);
    expect(page.errors).toEqual([]);
    await learner.context.close();
  });
});

describe('reading progress in the sidebar', () => {
  const readMarks = (page: Page) => page.locator('nav.sidebar .course-read');
  const sidebarLink = (page: Page, chapter: string) =>
    page.locator(`nav.sidebar a[href="/${chapter}/"]`);

  it('marks chapter 1 read once its end was on screen, on every page and across reloads', async () => {
    const learner = await newLearner();
    const other = await learner.open(CHAPTER_2);
    expect(await readMarks(other).count()).toBe(0);
    await other.close();

    const page = await learner.open(CHAPTER_1);
    // The top of a long chapter is not its end.
    await page.waitForTimeout(300);
    expect(await readStorage(page, PROGRESS_KEY)).toBeNull();

    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await expect
      .poll(() => readStorage(page, PROGRESS_KEY))
      .toMatchObject({ [CHAPTER_1]: { read: true } });
    const progress = (await readStorage(page, PROGRESS_KEY)) as Record<string, { readAt: string }>;
    expect(new Date(progress[CHAPTER_1]!.readAt).toString()).not.toBe('Invalid Date');
    // The current page's own link gets its mark at once.
    expect(await sidebarLink(page, CHAPTER_1).locator('.course-read').count()).toBe(1);

    await page.goto(`${BASE_URL}/${CHAPTER_2}/`);
    const link = sidebarLink(page, CHAPTER_1);
    await expect.poll(() => link.locator('.course-read').count()).toBe(1);
    expect(await link.innerText()).toContain('✓');
    expect(await page.getByRole('link', { name: /Prelaunch.*\(read\)/ }).count()).toBe(1);
    expect(await sidebarLink(page, CHAPTER_2).locator('.course-read').count()).toBe(0);

    await page.reload();
    await expect.poll(() => sidebarLink(page, CHAPTER_1).locator('.course-read').count()).toBe(1);
    expect(await readMarks(page).count()).toBe(1);
    expect(page.errors).toEqual([]);
    await learner.context.close();
  });

  it('ignores progress it cannot read and keeps the page working', async () => {
    const learner = await newLearner();
    await learner.context.addInitScript(
      (key) => localStorage.setItem(key, '{not json'),
      PROGRESS_KEY,
    );
    const page = await learner.open(CHAPTER_2);
    expect(await readMarks(page).count()).toBe(0);
    expect(page.errors).toEqual([]);
    await learner.context.close();
  });
});

describe('quiz and progress in both themes, on a desktop and a 375 px phone', () => {
  for (const theme of ['light', 'dark'] as const) {
    for (const width of [1280, 375]) {
      const name = `${theme}-${width < 500 ? 'phone' : 'desktop'}`;

      it(`reads well in the ${name} layout`, async () => {
        const learner = await newLearner({ width, theme });
        const { page, quiz } = await openQuiz(learner);
        expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe(theme);
        await page.evaluate(
          ([quizKey, progressKey, chapter]) => {
            localStorage.setItem(quizKey, JSON.stringify({ answers: [0, 0, null] }));
            const readAt = new Date().toISOString();
            localStorage.setItem(
              progressKey,
              JSON.stringify({ [chapter]: { read: true, readAt } }),
            );
          },
          [QUIZ_KEY, PROGRESS_KEY, CHAPTER_1] as const,
        );
        await page.reload();
        await expect.poll(() => quiz.getAttribute('data-ready')).toBe('true');

        const overflow = await page.evaluate(
          () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
        );
        expect(overflow).toBeLessThanOrEqual(1);
        // The sticky header and phone table of contents would cover part of a tall element.
        await quiz.screenshot({
          path: `${SCREENSHOT_DIR}/quiz-${name}.png`,
          style: 'header.header, mobile-starlight-toc { visibility: hidden !important; }',
        });

        // The mark on another page's sidebar: chapter 1 is read, chapter 2 is the current page.
        await page.goto(`${BASE_URL}/${CHAPTER_2}/`);
        if (width < 500) {
          // On a phone the sidebar is in the menu.
          await page.locator('button.sl-menu-button').click();
        }
        const sidebar = page.locator('#starlight__sidebar');
        await expect.poll(() => sidebar.isVisible()).toBe(true);
        await expect.poll(() => page.locator('nav.sidebar .course-read').count()).toBe(1);
        await page.screenshot({ path: `${SCREENSHOT_DIR}/sidebar-progress-${name}.png` });
        expect(await page.locator('nav.sidebar [aria-current] .course-read').count()).toBe(0);
        expect(page.errors).toEqual([]);
        await learner.context.close();
      });
    }
  }
});
