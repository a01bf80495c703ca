/** The `<course-cost-panel>` element: replaces the bill after each run of the stage's simulator. */
import { renderBillTable } from './bill-html.ts';
import type { SimResultEventDetail } from './sim-panel.ts';

class CourseCostPanel extends HTMLElement {
  private readonly onResult = (event: Event): void => {
    const detail = (event as CustomEvent<SimResultEventDetail>).detail;
    if (detail.preset !== this.dataset.preset) return;
    const body = this.querySelector<HTMLElement>('.bill-body');
    const label = this.querySelector<HTMLElement>('[data-bill-for]');
    if (!body || !label) return;
    body.innerHTML = renderBillTable(detail.bill);
    label.textContent = detail.summary;
    this.dataset.updated = 'true';
  };

  connectedCallback(): void {
    document.addEventListener('course:sim-result', this.onResult);
  }

  disconnectedCallback(): void {
    document.removeEventListener('course:sim-result', this.onResult);
  }
}

if (!customElements.get('course-cost-panel'))
  customElements.define('course-cost-panel', CourseCostPanel);
