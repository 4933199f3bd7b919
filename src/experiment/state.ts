// The whole experiment as one typed state with one codec to and from the URL hash (TensorFlow
// Playground style): a link reproduces what its sender saw. Stages extend it by adding a slice in
// slices/ and listing it in `slices` below; nothing else changes.
//
// Hash format: `#<section>` alone, or `#<section>/<state>` where <state> is lz-string's
// compressToEncodedURIComponent of `{"v":1,"seed":…,"<slice key>":<slice encoding>,…}`
// (slices encode only the fields that differ from their defaults, and a slice with none is left out).
import { compressToEncodedURIComponent, decompressFromEncodedURIComponent } from 'lz-string';
import { dataSlice } from './slices/data.ts';
import { exploreSlice } from './slices/explore.ts';
import { rankSlice } from './slices/rank.ts';
import { repairSlice } from './slices/repair.ts';
import { rlSlice } from './slices/rl.ts';
import { trainSlice } from './slices/train.ts';
import type { Slice, SliceValue } from './slice.ts';

export const slices = { explore: exploreSlice, data: dataSlice, train: trainSlice, rl: rlSlice, rank: rankSlice, repair: repairSlice } as const;
type Slices = typeof slices;
export type SliceKey = keyof Slices;

export const SECTIONS = ['explore', 'data', 'train', 'rl', 'rank', 'repair'] as const;
export type Section = (typeof SECTIONS)[number];

export type ExperimentState = {
  /**
   * THE seed: everything random in the experiment (data generation, initialisation, sampling) derives
   * from it; slices keep no seed of their own. Set in the header; 0 to 2^32 - 1.
   */
  seed: number;
  section: Section;
} & { [K in SliceKey]: SliceValue<Slices[K]> };

export const STATE_VERSION = 1;
export const DEFAULT_SEED = 1;
export const MAX_SEED = 0xffffffff;

export function isSeed(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= MAX_SEED;
}

export function defaultState(): ExperimentState {
  const state = { seed: DEFAULT_SEED, section: 'explore' } as ExperimentState;
  for (const key of Object.keys(slices) as SliceKey[]) {
    (state as Record<SliceKey, unknown>)[key] = structuredClone(slices[key].defaults);
  }
  return state;
}

export function isSection(s: string): s is Section {
  return (SECTIONS as readonly string[]).includes(s);
}

/** The full hash (without `#`) carrying the whole state; `sectionHash` for navigation only. */
export function encodeHash(state: ExperimentState): string {
  const payload: Record<string, unknown> = { v: STATE_VERSION, seed: state.seed };
  for (const key of Object.keys(slices) as SliceKey[]) {
    const slice = slices[key] as Slice<unknown>;
    const encoded = slice.encode(state[key]);
    // A slice at its defaults is left out (it decodes to them): a link does not grow with every stage added.
    if (JSON.stringify(encoded) !== '{}') payload[key] = encoded;
  }
  return `${state.section}/${compressToEncodedURIComponent(JSON.stringify(payload))}`;
}

export function sectionHash(section: Section): string {
  return section;
}

export interface DecodedHash {
  section: Section;
  /** Present when the hash carried a state that could be read (possibly with some fields defaulted). */
  state?: ExperimentState;
  /** A sentence for the person when the hash could not be read; the caller then uses defaults. */
  error?: string;
}

const DAMAGED = 'This link is damaged or incomplete (was it cut off when copied?), so nothing could be restored from it.';

/** Never throws: anything unreadable yields `error` and the defaults. */
export function decodeHash(hash: string): DecodedHash {
  const text = hash.startsWith('#') ? hash.slice(1) : hash;
  if (text === '') return { section: 'explore' };
  const slash = text.indexOf('/');
  const head = slash === -1 ? text : text.slice(0, slash);
  const blob = slash === -1 ? '' : text.slice(slash + 1);
  const section: Section = isSection(head) ? head : 'explore';
  if (!isSection(head) && slash === -1) {
    return { section, error: `There is no section called “${head.slice(0, 40)}”; showing Explore.` };
  }
  if (slash === -1) return { section };

  let json: string | null;
  try {
    json = decompressFromEncodedURIComponent(blob);
  } catch {
    json = null;
  }
  if (!json) return { section, error: DAMAGED };
  let payload: unknown;
  try {
    payload = JSON.parse(json);
  } catch {
    return { section, error: DAMAGED };
  }
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return { section, error: DAMAGED };
  const raw = payload as Record<string, unknown>;
  if (raw.v !== STATE_VERSION) {
    return { section, error: `This link was made by a different version of Dry Run (format ${String(raw.v).slice(0, 20)}), so nothing could be restored from it.` };
  }
  const state = defaultState();
  state.section = section;
  if (isSeed(raw.seed)) state.seed = raw.seed;
  // Links made while the Data stage kept a seed of its own carry it in `data.seed`, and it decided their
  // dataset; their top-level seed was always the default (there was no control for it).
  const oldDataSeed = typeof raw.data === 'object' && raw.data !== null ? (raw.data as Record<string, unknown>).seed : undefined;
  if (isSeed(oldDataSeed) && (raw.seed === undefined || raw.seed === DEFAULT_SEED)) state.seed = oldDataSeed;
  for (const key of Object.keys(slices) as SliceKey[]) {
    const slice = slices[key] as Slice<unknown>;
    // Slices promise not to throw; a guard here keeps one faulty slice from losing the whole link.
    try {
      (state as Record<SliceKey, unknown>)[key] = slice.decode(raw[key]);
    } catch {
      (state as Record<SliceKey, unknown>)[key] = structuredClone(slice.defaults);
    }
  }
  return { section, state };
}
