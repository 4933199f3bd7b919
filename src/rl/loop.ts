// The RL loop as the page's worker runs it (workers/rl.worker.ts): rlStep after rlStep on the step's rows, each
// step's log handed on, an autosave every few steps and when the loop ends. Pause is heard between steps; Stop
// also between two sampled tokens: the step in progress is then abandoned before it changed anything (sampling
// comes before the update), so the saved run resumes with exactly that step. `npm run rl` keeps its own loop.
import * as tf from '@tensorflow/tfjs-core';
import type { Compare } from '../evaluate/score.ts';
import { rlStep, rowsForStep, type RlLog, type RlRow, type RlState } from './grpo.ts';

/** Thrown between two tokens when Stop is asked: the step is dropped, the state is as before it. */
export class StepAbandoned extends Error {}

export interface LoopHooks {
  /** False: end after the step in progress (Pause, Stop). */
  going(): boolean;
  /** True: drop the step in progress at the next token (Stop). */
  abandoning(): boolean;
  /** Between two tokens: a macrotask in a worker, so a stop message can be read (src/simulate/ask.ts nextTask). */
  betweenTokens(): Promise<void>;
  /** After each step: its log, the live tensor count (flat across steps when nothing leaks) and its wall time. */
  onStep(log: RlLog, numTensors: number, ms: number): void;
  save(): Promise<void>;
  /** Autosave when the steps done are a multiple of this (and always when the loop ends). */
  saveEvery: number;
  /** Steps this call may take (Step: 1). */
  maxSteps?: number;
}

export type LoopEnd = 'done' | 'paused' | 'stopped';

export async function runRl(s: RlState, rows: readonly RlRow[], compare: Compare, h: LoopHooks): Promise<LoopEnd> {
  const maxSteps = h.maxSteps ?? Infinity;
  const onToken = async () => {
    await h.betweenTokens();
    if (h.abandoning()) throw new StepAbandoned('stopped mid-step');
  };
  let done = 0;
  let abandoned = false;
  while (h.going() && s.step < s.config.steps && done < maxSteps) {
    const t0 = performance.now();
    let log: RlLog;
    try {
      log = await rlStep(s, rowsForStep(rows, s.step, s.config.prompts, s.config.seed), compare, { onToken });
    } catch (e) {
      if (!(e instanceof StepAbandoned)) throw e;
      abandoned = true;
      break;
    }
    done++;
    h.onStep(log, tf.memory().numTensors, performance.now() - t0);
    if (s.step % h.saveEvery === 0 && s.step < s.config.steps) await h.save();
    // Let pause and stop messages in between steps.
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  await h.save();
  return s.step >= s.config.steps ? 'done' : abandoned || h.abandoning() ? 'stopped' : 'paused';
}
