import { beforeEach, describe, expect, it } from 'vitest';
import { clearStash, loadStash, loadWork, saveWork, stashBeforeLink, type SavedWork } from './persist.ts';

// Node has no localStorage: a Map behind the same three methods.
const store = new Map<string, string>();
Object.assign(globalThis, {
  localStorage: {
    getItem: (k: string) => store.get(k) ?? null,
    setItem: (k: string, v: string) => void store.set(k, v),
    removeItem: (k: string) => void store.delete(k),
  },
});

const work = (code: string): SavedWork => ({ code, stdin: '', maxSteps: 10_000, timeoutMs: 10_000 });

describe('saved work and links', () => {
  beforeEach(() => store.clear());

  it('moves the saved work aside when a link arrives, and keeps it on a second link', () => {
    saveWork(work('mine = 3'));
    expect(stashBeforeLink('first = 1')).toEqual(work('mine = 3'));
    // Had the first link's code become saved work meanwhile, the stash still holds the person's own.
    saveWork(work('first = 1'));
    expect(stashBeforeLink('second = 2')).toEqual(work('mine = 3'));
    expect(loadStash()).toEqual(work('mine = 3'));
  });

  it('stashes again once the stash was restored (resolved)', () => {
    saveWork(work('mine = 3'));
    stashBeforeLink('first = 1');
    clearStash();
    saveWork(work('mine = 4'));
    expect(stashBeforeLink('second = 2')).toEqual(work('mine = 4'));
  });

  it('stashes nothing when there is nothing worth keeping', () => {
    expect(stashBeforeLink('x = 1')).toBeNull();
    saveWork(work('x = 1'));
    expect(stashBeforeLink('x = 1')).toBeNull();
    saveWork(work('  \n'));
    expect(stashBeforeLink('y = 1')).toBeNull();
    expect(loadWork()?.code).toBe('  \n');
  });
});
