/**
 * The `<course-exercise>` element. It shows the starter as plain text until the exercise comes
 * near the viewport, then loads Monaco (a large download, so only then) and mounts the editor.
 */
function readStorage(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function writeStorage(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    // Storage refused (private mode, full quota): the hint still shows for this visit.
  }
}

class CourseExercise extends HTMLElement {
  private observer: IntersectionObserver | undefined;
  private mounted = false;

  connectedCallback(): void {
    this.setUpHints();
    this.observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) void this.mount();
      },
      { rootMargin: '400px 0px' },
    );
    this.observer.observe(this);
  }

  disconnectedCallback(): void {
    this.observer?.disconnect();
  }

  /** Hints come one at a time, and stay revealed on the next visit. */
  private setUpHints(): void {
    const button = this.querySelector<HTMLButtonElement>('[data-action="hint"]');
    const hints = [...this.querySelectorAll<HTMLLIElement>('.exercise-hints li')];
    if (!button || hints.length === 0) return;
    const key = `course:v1:hints:${this.dataset.exercise ?? ''}`;
    const show = (count: number): void => {
      hints.forEach((hint, index) => (hint.hidden = index >= count));
      button.hidden = count >= hints.length;
      button.textContent = `Show a hint (${count + 1} of ${hints.length})`;
    };
    let shown = Math.min(Number(readStorage(key) ?? '0') || 0, hints.length);
    show(shown);
    button.addEventListener('click', () => {
      shown = Math.min(shown + 1, hints.length);
      show(shown);
      writeStorage(key, String(shown));
      hints[shown - 1]?.setAttribute('tabindex', '-1');
      hints[shown - 1]?.focus();
    });
  }

  private async mount(): Promise<void> {
    if (this.mounted) return;
    this.mounted = true;
    this.observer?.disconnect();
    const status = this.querySelector<HTMLElement>('.exercise-status');
    try {
      const { mountExercise } = await import('./editor.ts');
      await mountExercise(this);
    } catch (error) {
      if (status) {
        status.textContent = `The editor could not load: ${error instanceof Error ? error.message : String(error)}. Reload the page to try again; your saved code is kept.`;
      }
    }
  }
}

if (!customElements.get('course-exercise'))
  customElements.define('course-exercise', CourseExercise);
