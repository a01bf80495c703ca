/**
 * Learner work saved in the browser, one entry per exercise. Saved with the starter's version,
 * so that a changed starter never silently replaces a learner's code.
 */
export interface SavedWork {
  code: string;
  /** The exercise version the code was started from. */
  version: number;
  /** ISO time of the last save. */
  savedAt: string;
}

const PREFIX = 'course:v1:exercise:';

function isSavedWork(value: unknown): value is SavedWork {
  if (typeof value !== 'object' || value === null) return false;
  const work = value as Record<string, unknown>;
  return (
    typeof work.code === 'string' &&
    typeof work.version === 'number' &&
    typeof work.savedAt === 'string'
  );
}

export function loadWork(exerciseId: string): SavedWork | undefined {
  try {
    const raw = localStorage.getItem(PREFIX + exerciseId);
    if (raw === null) return undefined;
    const parsed: unknown = JSON.parse(raw);
    return isSavedWork(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** Returns false when the browser refuses to store (private mode, full quota). */
export function saveWork(exerciseId: string, work: SavedWork): boolean {
  try {
    localStorage.setItem(PREFIX + exerciseId, JSON.stringify(work));
    return true;
  } catch {
    return false;
  }
}
