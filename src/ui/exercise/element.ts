/**
 * The `<course-exercise>` element. It shows the starter as plain text until the exercise comes
 * near the viewport, then loads Monaco (a large download, so only then) and mounts the editor.
 */
class CourseExercise extends HTMLElement {
  private observer: IntersectionObserver | undefined;
  private mounted = false;

  connectedCallback(): void {
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
