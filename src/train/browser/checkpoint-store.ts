// The checkpoints kept in this browser (IndexedDB): the current run's autosave, checkpoints saved under a
// name, imported ones. The one module that touches the database: the train worker writes and loads (it holds
// the weights), the Train panel lists, renames, deletes and exports (so the list answers while a step runs).
// Metadata, weights and training data live in separate stores, so listing reads no weights, and the data a
// run trains on is stored once for all of its checkpoints rather than once per save.
// No DOM here: the worker imports it too (IndexedDB and navigator.storage exist in both).
// The RL panel's run autosaves here too (RL_AUTOSAVE_ID): an SFT checkpoint with an `rl` section in its config and
// the frozen reference's weights as one more file (src/rl/checkpoint.ts), so it is listed and loads as any other.
import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction } from 'idb';
import { readCheckpointConfig, type CheckpointFiles } from '../checkpoint-format.ts';

export type CheckpointKind = 'autosave' | 'saved' | 'imported' | 'shipped';

export interface CheckpointMeta {
  id: string;
  name: string;
  /** `shipped` is the model in public/model: listed by the panel, never stored here. */
  kind: CheckpointKind;
  preset: string;
  params: number;
  step: number;
  /** Steps the run was configured for. */
  steps: number;
  tokensSeen: number;
  /** The last validation accuracy in the checkpoint's history, or null if it was never evaluated. */
  valAccuracy: number | null;
  /** ms since the epoch; null for the shipped model. */
  savedAt: number | null;
  /** Optimizer state present: training can continue exactly from here. */
  resumable: boolean;
  /** Key in the `data` store of the rows the run trained on (restored on load, for an exact resume). */
  dataId: string | null;
  /** What those rows were, for people (`shipped sample (iterations)`, `Data panel dataset, 200 rows`). */
  dataLabel: string;
  bytes: number;
  /** An RL run's progress (config.json's `rl` section), absent for SFT checkpoints. */
  rl?: { step: number; steps: number; from: string };
}

/** A checkpoint as stored: its files, and an RL run's reference weights (src/rl/checkpoint.ts RlFiles). */
export type StoredFiles = CheckpointFiles & { 'reference.safetensors'?: Uint8Array };

export const AUTOSAVE_ID = 'autosave';
/** The RL panel's run, saved as it goes (workers/rl.worker.ts). */
export const RL_AUTOSAVE_ID = 'rl-autosave';
const DB_NAME = 'dry-run-train';

interface Schema extends DBSchema {
  meta: { key: string; value: CheckpointMeta };
  files: { key: string; value: StoredFiles };
  data: { key: string; value: string };
  /** Version 1 kept one record, 'latest' (the run saved in this browser); version 2 migrates it to `autosave`. */
  runs: { key: string; value: { files: CheckpointFiles; data: string } };
}

type Db = IDBPDatabase<Schema>;

/** Metadata read from a checkpoint's config.json (throws on a config that is not a Dry Run checkpoint). */
export function metaOf(files: StoredFiles, fields: Pick<CheckpointMeta, 'id' | 'name' | 'kind' | 'savedAt'> &
  Partial<Pick<CheckpointMeta, 'dataId' | 'dataLabel'>>): CheckpointMeta {
  const c = readCheckpointConfig(files['config.json']);
  const evaluated = (c.history ?? []).filter((h) => typeof h.valAccuracy === 'number');
  const bytes = files['config.json'].length + files['tokenizer.json'].length + files['model.safetensors'].byteLength +
    (files['optimizer.safetensors']?.byteLength ?? 0) + (files['reference.safetensors']?.byteLength ?? 0);
  const rl = (c as { rl?: { step?: unknown; config?: { steps?: unknown }; from?: unknown } }).rl;
  return {
    dataId: null, dataLabel: '', ...fields,
    preset: c.train.preset, params: c.params ?? 0, step: c.step ?? 0, steps: c.train.steps, tokensSeen: c.tokensSeen ?? 0,
    valAccuracy: evaluated.length ? evaluated[evaluated.length - 1]!.valAccuracy! : null,
    resumable: files['optimizer.safetensors'] !== undefined, bytes,
    ...(rl ? { rl: { step: Number(rl.step ?? 0), steps: Number(rl.config?.steps ?? 0), from: String(rl.from ?? '') } } : {}),
  };
}

/** A sentence for people about a failed read or write; a full disk says what to do about it. */
export function describeStorageError(e: unknown): string {
  const name = e instanceof DOMException || e instanceof Error ? e.name : '';
  const text = e instanceof Error ? e.message : String(e);
  if (name === 'QuotaExceededError' || /quota/i.test(text)) {
    return `this browser's storage for the page is full (${name || 'quota exceeded'}). Export and delete old checkpoints, then try again.`;
  }
  return `the browser's storage refused it (${name ? `${name}: ` : ''}${text}).`;
}

let opened: Promise<Db> | undefined;

function db(): Promise<Db> {
  opened ??= openDB<Schema>(DB_NAME, 2, {
    async upgrade(d, oldVersion, _newVersion, tx) {
      if (oldVersion < 2) {
        d.createObjectStore('meta', { keyPath: 'id' });
        d.createObjectStore('files');
        d.createObjectStore('data');
      }
      if (oldVersion === 1 && d.objectStoreNames.contains('runs')) {
        const old = await tx.objectStore('runs').get('latest');
        if (old) {
          // An unreadable old record is left where it was rather than lost.
          let meta: CheckpointMeta;
          try {
            meta = metaOf(old.files, { id: AUTOSAVE_ID, name: 'Autosave', kind: 'autosave', savedAt: Date.now(),
              dataId: 'migrated', dataLabel: 'the data it was trained on' });
          } catch {
            return;
          }
          await tx.objectStore('data').put(old.data, 'migrated');
          await tx.objectStore('files').put(old.files, AUTOSAVE_ID);
          await tx.objectStore('meta').put(meta);
        }
        d.deleteObjectStore('runs');
      }
    },
    // Another tab (or the worker) with a newer version waits for this connection: let it go.
    blocking() {
      void opened?.then((d) => d.close());
      opened = undefined;
    },
  });
  opened.catch(() => {
    opened = undefined;
  });
  return opened;
}

/** Autosave first, then the newest first. */
export async function listCheckpoints(): Promise<CheckpointMeta[]> {
  const all = await (await db()).getAll('meta');
  return all.sort((a, b) => Number(b.kind === 'autosave') - Number(a.kind === 'autosave') ||
    (b.savedAt ?? 0) - (a.savedAt ?? 0));
}

export async function readCheckpoint(id: string):
  Promise<{ meta: CheckpointMeta; files: StoredFiles; data: string | null } | undefined> {
  const tx = (await db()).transaction(['meta', 'files', 'data']);
  const meta = await tx.objectStore('meta').get(id);
  const files = await tx.objectStore('files').get(id);
  const data = meta?.dataId ? await tx.objectStore('data').get(meta.dataId) : undefined;
  await tx.done;
  return meta && files ? { meta, files, data: data ?? null } : undefined;
}

/**
 * Writes a checkpoint (replacing one with the same id) in one transaction. `data` is the run's training rows:
 * stored under `meta.dataId` only if that key is not there yet. Rejects on a full disk (QuotaExceededError).
 */
export async function writeCheckpoint(meta: CheckpointMeta, files: StoredFiles, data?: string): Promise<void> {
  const tx = (await db()).transaction(['meta', 'files', 'data'], 'readwrite');
  const before = await tx.objectStore('meta').get(meta.id);
  if (meta.dataId && data !== undefined && (await tx.objectStore('data').getKey(meta.dataId)) === undefined) {
    await tx.objectStore('data').put(data, meta.dataId);
  }
  await tx.objectStore('files').put(files, meta.id);
  await tx.objectStore('meta').put(meta);
  if (before?.dataId && before.dataId !== meta.dataId) await dropDataIfUnused(tx, before.dataId, meta.id);
  await tx.done;
}

export async function renameCheckpoint(id: string, name: string): Promise<void> {
  const tx = (await db()).transaction('meta', 'readwrite');
  const meta = await tx.store.get(id);
  if (!meta) throw new Error('that checkpoint is no longer stored');
  await tx.store.put({ ...meta, name });
  await tx.done;
}

/** Deletes a checkpoint, and its training data once no other checkpoint refers to it. */
export async function deleteCheckpoint(id: string): Promise<void> {
  const tx = (await db()).transaction(['meta', 'files', 'data'], 'readwrite');
  const meta = await tx.objectStore('meta').get(id);
  await tx.objectStore('meta').delete(id);
  await tx.objectStore('files').delete(id);
  if (meta?.dataId) await dropDataIfUnused(tx, meta.dataId, id);
  await tx.done;
}

type WriteTx = IDBPTransaction<Schema, ('meta' | 'files' | 'data')[], 'readwrite'>;

async function dropDataIfUnused(tx: WriteTx, dataId: string, except: string): Promise<void> {
  const users = (await tx.objectStore('meta').getAll()).filter((m) => m.dataId === dataId && m.id !== except);
  if (!users.length) await tx.objectStore('data').delete(dataId);
}

/** Bytes this page stores and may store, when the browser says. */
export async function storageEstimate(): Promise<{ usage: number; quota: number } | null> {
  try {
    const e = await navigator.storage?.estimate();
    return e?.usage !== undefined && e.quota !== undefined ? { usage: e.usage, quota: e.quota } : null;
  } catch {
    return null;
  }
}
