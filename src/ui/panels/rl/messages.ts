// What the RL panel says, as pure functions of what it knows: the status line, the sentence after a run call,
// the "Resume saved run" button, and the explanation of what RL does here. Tested in messages.test.ts.
import type { RlSettings } from '../../../experiment/slices/rl.ts';
import { REWARD_WORDS } from '../../../rl/reward.ts';
import type { LoopEnd } from '../../../rl/loop.ts';
import type { RlInfo } from '../../../rl/run-events.ts';
import type { CheckpointMeta } from '../../../train/browser/checkpoint-store.ts';

export { errorText, plural } from '../train/messages.ts';

export type Phase = 'starting' | 'ready' | 'running' | 'paused' | 'done' | 'failed';

/** A signed figure with a real minus sign: "+0.25", "−0.25", "0.00". */
export function signed(x: number, digits = 2): string {
  const t = Math.abs(x).toFixed(digits);
  if (Number(t) === 0) return (0).toFixed(digits);
  return `${x < 0 ? '−' : '+'}${t}`;
}

/** Seconds per step, in words: "41 s", "2.5 s", "3 min 5 s". */
export function perStep(ms: number): string {
  const s = ms / 1000;
  if (s < 10) return `${s.toFixed(1)} s`;
  const r = Math.round(s);
  return r < 60 ? `${r} s` : `${Math.floor(r / 60)} min ${r % 60} s`;
}

/** The latest step as the status line shows it. */
export interface Progress {
  /** Steps done. */
  step: number;
  steps: number;
  rewardMean: number;
  accuracy: number;
  /** Mean wall time of this session's recent steps. */
  msPerStep: number;
}

/** The status line: the panel's sentence, then the latest step ("Step 3 / 20 · reward −0.25 · 41 s per step"). */
export function statusLine(message: string, p: Progress | null): string {
  if (!p) return message;
  return `${message} Step ${p.step} / ${p.steps} · reward ${signed(p.rewardMean)} · ${Math.round(p.accuracy * 100)} % right · `
    + `${perStep(p.msPerStep)} per step`.trim();
}

/** Mean of the last `n` step times. */
export function recentMs(ms: readonly number[], n = 5): number {
  const last = ms.slice(-n);
  return last.length ? last.reduce((a, b) => a + b, 0) / last.length : 0;
}

export function runningMessage(step: number, maxSteps?: number): string {
  if (maxSteps === 1) return `Taking one step, from step ${step}…`;
  return step === 0 ? 'Reinforcing…' : `Reinforcing from step ${step}…`;
}

/** When a run call ends without an error. */
export function runEndMessage(info: Pick<RlInfo, 'step' | 'steps'>, end: LoopEnd): string {
  if (end === 'done') return `Done: ${info.steps} steps.`;
  const saved = `and saved: Resume, or “Resume saved run (step ${info.step} of ${info.steps})” after a reload, continues it.`;
  return end === 'stopped' ? `Stopped at step ${info.step} (a step in progress is redone from its start), ${saved}`
    : `Paused at step ${info.step}, ${saved}`;
}

/** After a new run is made, or the saved one loaded. */
export function loadedMessage(info: RlInfo, resumed: boolean): string {
  const what = `${info.from}, ${info.params.toLocaleString('en')} parameters, ${info.rows.toLocaleString('en')} programs of ${info.dataLabel}`;
  return resumed ? `Resumed the saved run (${what}) at step ${info.step} of ${info.steps}.`
    : `New RL run from ${what}: ${info.steps} steps.`;
}

/** The "Resume saved run" button: its text, whether it can be pressed now, and why not. */
export function resumeSavedButton(saved: CheckpointMeta | undefined, busy: boolean): { label: string; disabled: boolean; title?: string } {
  const rl = saved?.rl;
  const label = `Resume saved run${rl ? ` (step ${rl.step} of ${rl.steps})` : ''}`;
  if (!rl) return { label, disabled: true, title: 'No RL run is saved in this browser yet.' };
  if (rl.step >= rl.steps) return { label, disabled: true, title: `The saved run is complete (all ${rl.steps} steps).` };
  return { label, disabled: busy, title: `From ${rl.from}, on ${saved.dataLabel}.` };
}

/** What RL does here, in plain words, for the settings chosen. */
export function explanation(s: Pick<RlSettings, 'group' | 'prompts' | 'reward' | 'kl' | 'temperature'>): string[] {
  const g = s.group;
  return [
    `Here the model learns from its own attempts. Each step it is given ${s.prompts === 1 ? 'a program' : `${s.prompts} programs`} and writes ` +
      `${g} stories of each run (sampled at temperature ${s.temperature}, so they differ). Each story is scored against the ` +
      `real run: ${REWARD_WORDS[s.reward]}.`,
    `A story's advantage is its reward minus the mean of its group of ${g}: stories that did better than their siblings are ` +
      'made more likely, those that did worse less likely. When all stories of a program score the same, the group says ' +
      'nothing about what to do better (no signal) and is left out of the update.',
    s.kl > 0 ? `A penalty (KL × ${s.kl}) holds the model near the one it started from, so it sharpens what it knows rather ` +
      'than forgetting how to write a story.'
      : 'With the KL coefficient at 0 nothing holds the model near the one it started from (the distance is still measured).',
  ];
}
