// The Repair section's run: the three loops' progress for the candidate and settings shown, the phase in words,
// Repair and Stop, and the real check of a task's candidates that the picker shows. A stopped run keeps what
// finished; Repair with the same settings continues it (loops that finished are kept, the stopped one replays its
// remembered feedback at once), with other settings starts over. It shares the rank worker with the Rank
// section, so only one of them uses the model at a time.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { BankTask } from '../../../rank/bank.ts';
import type { CandidateVerdict } from '../../../rank/judge.ts';
import type { CellPrediction } from '../../../rank/simulate.ts';
import { stopPredicting } from '../rank/client.ts';
import { rankingBusy, setRankingBusy } from '../rank/useRankRun.ts';
import { checkCandidates, newMemory, runRepair, type RepairMemory, type RepairPlan } from './run.ts';
import { emptyRun, reduceRun, resumable, type RepairRunState } from './view.ts';

export type RepairPhase = 'idle' | 'busy' | 'done' | 'stopped' | 'error';

export interface RepairRun {
  /** The candidate and settings the state belongs to. */
  key: string;
  state: RepairRunState;
  phase: RepairPhase;
  words: string;
  start(plan: RepairPlan, key: string, memoryKey: string): Promise<void>;
  stop(): void;
  /** The model's cells for a code it dry-ran (its stories). */
  prediction(code: string): CellPrediction[] | undefined;
}

const STOPPED = 'Stopped. What finished is kept: Repair continues from here.';

export function useRepairRun(): RepairRun {
  const [snap, setSnap] = useState<{ key: string; state: RepairRunState }>({ key: '', state: emptyRun() });
  const [phase, setPhase] = useState<RepairPhase>('idle');
  const [words, setWords] = useState('');
  const current = useRef(snap);
  const memory = useRef<RepairMemory | null>(null);
  const stopAsked = useRef(false);
  const busy = useRef(false);

  const start = useCallback(async (plan: RepairPlan, key: string, memoryKey: string) => {
    if (busy.current) return;
    if (rankingBusy()) {
      setPhase('error');
      setWords('The Rank section is using the model right now: wait for it to finish, or stop it there, then press Repair.');
      return;
    }
    busy.current = true;
    setRankingBusy(true);
    stopAsked.current = false;
    const base = current.current.key === key ? resumable(current.current.state) : emptyRun();
    if (memory.current?.key !== memoryKey) memory.current = newMemory(memoryKey, plan.task);
    current.current = { key, state: base };
    setSnap(current.current);
    setPhase('busy');
    setWords('Starting…');
    try {
      const r = await runRepair(plan, memory.current, base, {
        dispatch: (e) => {
          current.current = { key, state: reduceRun(current.current.state, e) };
          setSnap(current.current);
        },
        onPhase: setWords,
        stopped: () => stopAsked.current,
      });
      setPhase(r === 'stopped' ? 'stopped' : 'done');
      setWords(r === 'stopped' ? STOPPED : '');
    } catch (e) {
      setPhase('error');
      setWords(`The repair could not go on: ${e instanceof Error ? e.message : String(e)}. Press Repair to try again.`);
    } finally {
      busy.current = false;
      setRankingBusy(false);
    }
  }, []);

  const stop = useCallback(() => {
    stopAsked.current = true;
    stopPredicting();
    setWords('Stopping…');
  }, []);

  const prediction = useCallback((code: string) => memory.current?.predictions.get(code), []);

  return { key: snap.key, state: snap.state, phase, words, start, stop, prediction };
}

/** Every candidate of the task really run on its tests, in order, as the picker shows them; undefined until run. */
export function useCandidateCheck(task: BankTask | undefined): { verdicts: (CandidateVerdict | undefined)[]; error: string | null } {
  const [got, setGot] = useState<{ task?: BankTask; verdicts: (CandidateVerdict | undefined)[]; error: string | null }>(
    { verdicts: [], error: null });
  useEffect(() => {
    if (!task) return;
    let live = true;
    const verdicts: (CandidateVerdict | undefined)[] = task.candidates.map(() => undefined);
    checkCandidates(task, (i, v) => {
      verdicts[i] = v;
      if (live) setGot({ task, verdicts: [...verdicts], error: null });
    }, () => live).catch((e: unknown) => {
      if (live) setGot({ task, verdicts: [...verdicts], error: `The candidates could not be run: ${e instanceof Error ? e.message : String(e)}.` });
    });
    return () => {
      live = false;
    };
  }, [task]);
  return got.task === task ? { verdicts: got.verdicts, error: got.error } : { verdicts: task ? task.candidates.map(() => undefined) : [], error: null };
}
