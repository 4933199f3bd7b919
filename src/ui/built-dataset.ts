// The dataset last built in the Data panel, handed to the Train panel in memory: no download and upload in
// between. The Data panel publishes when a build ends (and clears when the next one starts); the Train panel
// reads it. Rows are kept as built; `toJsonl` gives the text the train worker reads (the `rows` format).
import { useSyncExternalStore } from 'react';
import type { Row } from '../dataset/build.ts';

export interface BuiltDataset {
  rows: readonly Row[];
  granularity: string;
  levels: readonly number[];
  seed: number;
  /** The build was cancelled: these are the rows kept until then. */
  partial: boolean;
}

let current: BuiltDataset | null = null;
const listeners = new Set<() => void>();

export function publishBuiltDataset(next: BuiltDataset | null): void {
  current = next && next.rows.length ? next : null;
  for (const listener of listeners) listener();
}

export function getBuiltDataset(): BuiltDataset | null {
  return current;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useBuiltDataset(): BuiltDataset | null {
  return useSyncExternalStore(subscribe, getBuiltDataset);
}

/** The rows as JSONL, one row object a line: what `Download JSONL: rows` writes and the trainer reads. */
export function toJsonl(d: BuiltDataset): string {
  return d.rows.map((r) => JSON.stringify(r)).join('\n') + '\n';
}

/** "200 rows (levels 1, 2, 3, iterations stories, seed 7)", with "cancelled build" when partial. */
export function describeBuilt(d: BuiltDataset): string {
  const levels = `level${d.levels.length > 1 ? 's' : ''} ${d.levels.join(', ')}`;
  return `${d.rows.length} rows (${levels}, ${d.granularity} stories, seed ${d.seed}${d.partial ? ', cancelled build' : ''})`;
}
