// The person's own work survives a reload: code, stdin and limits in localStorage. Code that arrives
// in a link never replaces it silently: the saved work is first moved aside (`stashBeforeLink`) and
// the explorer offers to bring it back. Link code becomes saved work only once the person edits it.
export interface SavedWork {
  code: string;
  stdin: string;
  maxSteps: number;
  timeoutMs: number;
}

const KEY = 'dryrun.explore.work.v1';
const STASH = 'dryrun.explore.beforeLink.v1';

function read(key: string): SavedWork | null {
  try {
    const raw = localStorage.getItem(key);
    if (!raw) return null;
    const v = JSON.parse(raw) as Partial<SavedWork>;
    if (typeof v.code !== 'string') return null;
    return {
      code: v.code,
      stdin: typeof v.stdin === 'string' ? v.stdin : '',
      maxSteps: typeof v.maxSteps === 'number' ? v.maxSteps : 10_000,
      timeoutMs: typeof v.timeoutMs === 'number' ? v.timeoutMs : 10_000,
    };
  } catch {
    return null; // storage disabled (private mode) or corrupted: start fresh rather than fail
  }
}

function write(key: string, work: SavedWork | null): void {
  try {
    if (work) localStorage.setItem(key, JSON.stringify(work));
    else localStorage.removeItem(key);
  } catch {
    // Quota or disabled storage: the page keeps working, only persistence is lost.
  }
}

export const loadWork = (): SavedWork | null => read(KEY);
export const saveWork = (work: SavedWork): void => write(KEY, work);
export const loadStash = (): SavedWork | null => read(STASH);
export const clearStash = (): void => write(STASH, null);

/**
 * Moves the saved work aside before a link's code takes the editor; returns what can be restored.
 * An unresolved stash (one not restored yet) is never overwritten: after a second link, the work kept
 * aside is still the person's own, not the first link's code.
 */
export function stashBeforeLink(linkCode: string): SavedWork | null {
  const stashed = read(STASH);
  if (stashed) return stashed;
  const saved = read(KEY);
  if (!saved || saved.code.trim() === '' || saved.code === linkCode) return null;
  write(STASH, saved);
  return saved;
}
