/**
 * Renders every `.course-mermaid` block on the page with Mermaid, and renders them again when
 * the reader switches between the light and dark theme. Runs on the main thread; Mermaid is
 * imported lazily so pages without diagrams never download it.
 */
type MermaidApi = (typeof import('mermaid'))['default'];

const MIN_READABLE_WIDTH_PX = 520;

let mermaidPromise: Promise<MermaidApi> | undefined;
let renderCount = 0;

function currentTheme(): 'dark' | 'default' {
  return document.documentElement.dataset.theme === 'dark' ? 'dark' : 'default';
}

async function loadMermaid(): Promise<MermaidApi> {
  mermaidPromise ??= import('mermaid').then((module) => module.default);
  return mermaidPromise;
}

async function renderOne(mermaid: MermaidApi, host: HTMLElement): Promise<void> {
  const source = host.dataset.source ?? host.querySelector('pre')?.textContent ?? '';
  host.dataset.source = source;
  const id = `course-mermaid-${++renderCount}`;
  try {
    const { svg } = await mermaid.render(id, source);
    host.innerHTML = svg;
    const svgElement = host.querySelector('svg');
    svgElement?.setAttribute('aria-hidden', 'true');
    // Never shrink a diagram below a readable width: on a phone, scroll it sideways instead.
    const naturalWidth = Number.parseFloat(svgElement?.style.maxWidth ?? '');
    if (svgElement && Number.isFinite(naturalWidth)) {
      svgElement.style.minWidth = `${Math.min(naturalWidth, MIN_READABLE_WIDTH_PX)}px`;
    }
    host.dataset.state = 'rendered';
  } catch (error) {
    host.dataset.state = 'error';
    const message = error instanceof Error ? error.message : String(error);
    host.textContent = `This diagram could not be drawn: ${message}`;
    document.getElementById(id)?.remove();
  }
}

/** Mermaid, set up for the current theme. */
async function themedMermaid(): Promise<MermaidApi> {
  const mermaid = await loadMermaid();
  // Mermaid 12 defaults to the ELK layout, which adds about 450 KB; dagre is enough here.
  mermaid.initialize({
    startOnLoad: false,
    layout: 'dagre',
    theme: currentTheme(),
    securityLevel: 'strict',
    fontFamily: 'inherit',
  });
  return mermaid;
}

async function renderAll(): Promise<void> {
  const hosts = [...document.querySelectorAll<HTMLElement>('.course-mermaid')];
  if (hosts.length === 0) return;
  const mermaid = await themedMermaid();
  for (const host of hosts) await renderOne(mermaid, host);
}

/** Draws `host` again from new Mermaid source, e.g. a stack diagram after a simulator run. */
export async function redrawDiagram(host: HTMLElement, source: string): Promise<void> {
  host.dataset.source = source;
  host.dataset.state = 'pending';
  await renderOne(await themedMermaid(), host);
}

let started = false;

/** Draws the page's diagrams once, then again whenever Starlight's theme changes. */
export async function renderDiagrams(): Promise<void> {
  if (started) return;
  started = true;
  let lastTheme = currentTheme();
  new MutationObserver(() => {
    if (currentTheme() === lastTheme) return;
    lastTheme = currentTheme();
    void renderAll();
  }).observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
  await renderAll();
}
