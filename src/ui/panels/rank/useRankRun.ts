// The Rank section's run: what has finished for the task shown, the phase in words, Rank and Stop. A run that was
// stopped keeps its finished cells; Rank with the same task and settings continues it, with other settings starts
// over. One run at a time in the page (the whole-bank score and the Repair section wait for it, and it for them:
// they share the rank worker); pressing Rank while another holds the model says so.
import { useCallback, useRef, useState } from 'react';
import type { BankTask } from '../../../rank/bank.ts';
import { RankStopped, stopPredicting } from './client.ts';
import { rankTask, type RankOptions } from './run.ts';
import { emptyProgress, type TaskProgress } from './view.ts';

export type RankPhase = 'idle' | 'busy' | 'done' | 'stopped' | 'error';

export interface RankRun {
  /** The task and settings the progress belongs to. */
  key: string;
  progress: TaskProgress | null;
  phase: RankPhase;
  words: string;
  start(task: BankTask, opts: RankOptions, key: string): Promise<void>;
  stop(): void;
}

let pageBusy = false;
/** What Rank (or Score) says when the model is busy elsewhere: the Repair section shares the rank worker. */
export const MODEL_BUSY = 'The model is busy in the Repair section: wait for its run to end, or stop it there, then press again.';
/** Whether a ranking (of one task, or of the whole bank) is in flight in this page. */
export function rankingBusy(): boolean {
  return pageBusy;
}
export function setRankingBusy(b: boolean): void {
  pageBusy = b;
}

export function useRankRun(): RankRun {
  const [key, setKey] = useState('');
  const [progress, setProgress] = useState<TaskProgress | null>(null);
  const [phase, setPhase] = useState<RankPhase>('idle');
  const [words, setWords] = useState('');
  const stopAsked = useRef(false);
  const current = useRef<{ key: string; progress: TaskProgress | null }>({ key: '', progress: null });

  const start = useCallback(async (task: BankTask, opts: RankOptions, runKey: string) => {
    if (pageBusy) {
      setKey(runKey);
      setProgress(current.current.key === runKey ? current.current.progress : null);
      setPhase('error');
      setWords(MODEL_BUSY);
      return;
    }
    pageBusy = true;
    stopAsked.current = false;
    const resume = current.current.key === runKey && current.current.progress ? current.current.progress : emptyProgress(task);
    current.current = { key: runKey, progress: resume };
    setKey(runKey);
    setProgress(resume);
    setPhase('busy');
    setWords('Starting…');
    try {
      const r = await rankTask(task, opts, {
        onProgress: (p) => {
          current.current = { key: runKey, progress: p };
          setProgress(p);
        },
        onPhase: setWords,
        stopped: () => stopAsked.current,
      }, resume);
      setPhase(r.stopped ? 'stopped' : 'done');
      setWords(r.stopped ? 'Stopped. The finished cells are kept: Rank continues from here.' : '');
    } catch (e) {
      if (e instanceof RankStopped) {
        setPhase('stopped');
        setWords('Stopped. The finished cells are kept: Rank continues from here.');
      } else {
        setPhase('error');
        setWords(`The ranking could not go on: ${e instanceof Error ? e.message : String(e)}. Press Rank to try again.`);
      }
    } finally {
      pageBusy = false;
    }
  }, []);

  const stop = useCallback(() => {
    stopAsked.current = true;
    stopPredicting();
    setWords('Stopping…');
  }, []);

  return { key, progress, phase, words, start, stop };
}
