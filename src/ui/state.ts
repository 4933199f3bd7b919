// The experiment store: the one module that holds the state for React (plain useSyncExternalStore,
// no state library) and keeps it in step with the URL hash. Panels use `useExperiment()`:
//   const [state, update] = useExperiment();
//   update('explore', { step: 3 });            // shallow patch of one slice
//   update((s) => ({ ...s, seed: 7 }));        // or any whole-state change
// The codec itself is pure and lives in src/experiment/state.ts.
import { useSyncExternalStore } from 'react';
import {
  decodeHash,
  defaultState,
  encodeHash,
  sectionHash,
  type ExperimentState,
  type Section,
  type SliceKey,
} from '../experiment/state.ts';

export interface Update {
  <K extends SliceKey>(key: K, patch: Partial<ExperimentState[K]>): void;
  (change: (s: ExperimentState) => ExperimentState): void;
}

/** What the page learned from the hash it was opened with (or a link pasted later). */
export interface LinkInfo {
  /** A state arrived in the hash; counts up so each arriving link is noticed once. */
  arrivals: number;
  /** The state that arrived, before anything else was applied over it. */
  state?: ExperimentState;
  /** Why the hash could not be read, for a banner. */
  error?: string;
}

let state: ExperimentState = defaultState();
let link: LinkInfo = { arrivals: 0 };
/** The hash as we last wrote or read it, to tell our own writes from a stale shared state. */
let hashState: string | null = null;
const listeners = new Set<() => void>();

function emit(): void {
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function writeHash(hash: string): void {
  if (typeof window === 'undefined') return;
  if (window.location.hash.slice(1) !== hash) window.history.replaceState(null, '', `#${hash}`);
}

function set(next: ExperimentState): void {
  if (next === state) return;
  const sectionChanged = next.section !== state.section;
  state = next;
  // A shared state in the address bar stops describing the page once anything changes: fall back to
  // the plain section so a reload restores the locally saved work instead of the old link.
  if (hashState !== null && encodeHash(state) !== hashState) {
    hashState = null;
    writeHash(sectionHash(state.section));
  } else if (sectionChanged && hashState === null) {
    writeHash(sectionHash(state.section));
  }
  emit();
}

export const update: Update = (keyOrChange: SliceKey | ((s: ExperimentState) => ExperimentState), patch?: object) => {
  if (typeof keyOrChange === 'function') {
    set(keyOrChange(state));
  } else {
    const key = keyOrChange;
    const current = state[key] as object;
    const merged = { ...current, ...patch };
    if (Object.entries(merged).every(([k, v]) => (current as Record<string, unknown>)[k] === v)) return;
    set({ ...state, [key]: merged });
  }
};

export function getExperiment(): ExperimentState {
  return state;
}

export function useExperiment(): [ExperimentState, Update] {
  return [useSyncExternalStore(subscribe, getExperiment), update];
}

export function useLinkInfo(): LinkInfo {
  return useSyncExternalStore(subscribe, () => link);
}

export function setSection(section: Section): void {
  update((s) => ({ ...s, section }));
}

/** Puts the whole state in the address bar and returns the link. */
export function shareLink(): string {
  const hash = encodeHash(state);
  hashState = hash;
  writeHash(hash);
  return window.location.href;
}

export function dismissLinkError(): void {
  link = { ...link, error: undefined };
  emit();
}

function readHash(): void {
  const decoded = decodeHash(window.location.hash);
  if (decoded.state) {
    hashState = window.location.hash.slice(1);
    link = { arrivals: link.arrivals + 1, state: decoded.state };
    state = decoded.state;
  } else {
    link = { ...link, state: undefined, error: decoded.error };
    if (decoded.error && window.location.hash.includes('/')) {
      // A broken link promised a program: show an empty editor rather than whatever was there.
      state = { ...state, explore: { ...defaultState().explore } };
    }
    state = { ...state, section: decoded.section };
    hashState = null;
  }
  emit();
}

/** Call once at start-up, before the first render. */
export function initExperimentFromUrl(): void {
  readHash();
  window.addEventListener('hashchange', readHash);
}
