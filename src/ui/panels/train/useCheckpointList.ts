// The checkpoint list's state: the shipped models, the checkpoints kept in this browser, how much storage they
// take, and the last storage problem (a full disk, a failed read), shown as a banner until a save succeeds.
// What the list's buttons do is checkpoint-actions.ts; the rows are drawn by Checkpoints.tsx.
import { useState } from 'react';
import { AUTOSAVE_ID, describeStorageError, listCheckpoints, storageEstimate,
  type CheckpointMeta } from '../../../train/browser/checkpoint-store.ts';

export interface CheckpointList {
  /** The shipped models first, then what is stored here. */
  entries: CheckpointMeta[];
  /** The current run's autosave, if one is stored. */
  autosaved: CheckpointMeta | undefined;
  usage: { usage: number; quota: number } | null;
  problem: string | null;
  setProblem(problem: string | null): void;
  setShipped(metas: CheckpointMeta[]): void;
  /** Reads the stored list again (after a save, a rename, a delete). */
  refresh(): Promise<void>;
}

export function useCheckpointList(): CheckpointList {
  const [stored, setStored] = useState<CheckpointMeta[]>([]);
  const [shipped, setShipped] = useState<CheckpointMeta[]>([]);
  const [usage, setUsage] = useState<{ usage: number; quota: number } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const refresh = async () => {
    try {
      setStored(await listCheckpoints());
      setUsage(await storageEstimate());
    } catch (e) {
      setProblem(`Could not read the checkpoints kept in this browser: ${describeStorageError(e)}`);
    }
  };

  return { entries: [...shipped, ...stored], autosaved: stored.find((c) => c.id === AUTOSAVE_ID), usage, problem,
    setProblem, setShipped, refresh };
}
