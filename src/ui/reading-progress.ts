/**
 * Reading progress, kept in this browser: a page counts as read once the end of its content has
 * been on screen, and read pages get a ✓ next to their link in the sidebar. This ships on every
 * page with a sidebar, so it stays tiny, and it never throws when storage is missing or refuses.
 */

/** Saved under `course:v1:progress`, keyed by page slug (`chapters/01-prelaunch`). */
type Progress = Record<string, { read: boolean; readAt: string }>;

const KEY = 'course:v1:progress';

/** `/chapters/01-prelaunch/` → `chapters/01-prelaunch`; the home page is `index`. */
const slugOf = (path: string): string => path.replace(/^\/+|\/+$/g, '') || 'index';

/** The saved progress, or none when storage is missing, refused or holds something else. */
function loadProgress(): Progress {
  try {
    const progress: unknown = JSON.parse(localStorage.getItem(KEY) ?? '{}');
    return progress && typeof progress === 'object' && !Array.isArray(progress)
      ? (progress as Progress)
      : {};
  } catch {
    return {};
  }
}

/** Adds a ✓ with the hidden text "(read)" to the sidebar link of each read page, once. */
function markSidebar(progress: Progress): void {
  for (const link of document.querySelectorAll<HTMLAnchorElement>('nav.sidebar a[href]')) {
    const read = link.origin === location.origin && progress[slugOf(link.pathname)]?.read;
    if (!read || link.querySelector('.course-read')) continue;
    link.insertAdjacentHTML(
      'beforeend',
      '<span class="course-read"><span aria-hidden="true">✓</span><span class="sr-only"> (read)</span></span>',
    );
  }
}

/** Saves the page as read and marks its link at once. */
function markRead(slug: string): void {
  // Read again rather than reuse: another tab may have saved progress since this page loaded.
  const progress = loadProgress();
  progress[slug] = { read: true, readAt: new Date().toISOString() };
  try {
    localStorage.setItem(KEY, JSON.stringify(progress));
  } catch {
    // Storage refused: the ✓ still shows until the page is left.
  }
  markSidebar(progress);
}

const slug = slugOf(location.pathname);
// The last element of the page's own content; only pages listed in the sidebar are tracked.
const end = document.querySelector('.sl-markdown-content > :last-child');
const progress = loadProgress();
markSidebar(progress);
if (end && !progress[slug]?.read && document.querySelector('nav.sidebar [aria-current]')) {
  const observer = new IntersectionObserver((entries) => {
    if (!entries.some((entry) => entry.isIntersecting)) return;
    observer.disconnect();
    markRead(slug);
  });
  observer.observe(end);
}
