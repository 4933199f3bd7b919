// What the Train panel says, as pure functions of what it knows: the status line, the sentences after a load,
// a run call or a cut-off step, and the "Resume saved run" button. Pure, so each sentence is tested (messages.test.ts).
import type { CheckpointMeta } from '../../../train/browser/checkpoint-store.ts';
import type { RunInfo, TrainEvent } from '../../../train/run-events.ts';

export type Phase = 'starting' | 'ready' | 'running' | 'paused' | 'done' | 'failed';
export type LogEvent = Extract<TrainEvent, { kind: 'log' }>;

/** How long Stop waits for the step in progress to end before it terminates the training worker. */
export const STOP_GRACE_MS = 3000;

export const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

export const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function fmtTime(ms: number): string {
  const s = Math.round(ms / 1000);
  return s < 60 ? `${s} s` : `${Math.floor(s / 60)} min ${s % 60} s`;
}

/** The status line: the panel's sentence, then the run's latest log (remaining time only while it runs). */
export function statusLine(message: string, progress: LogEvent | null, phase: Phase): string {
  if (!progress) return message;
  const p = progress;
  const remaining = phase === 'running' && p.step < p.steps
    ? ` · remaining ${p.remainingMs === null ? 'estimating…' : `~${fmtTime(p.remainingMs)}`}` : '';
  return `${message} Step ${p.step} / ${p.steps} · loss ${p.loss.toFixed(3)} · ${Math.round(p.tokensPerS)} tokens/s on `
    + `${plural(p.workers, 'CPU worker')} · elapsed ${fmtTime(p.elapsedMs)}${remaining}`;
}

/** The backend the worker chose, and why the ones before it were skipped. */
export function backendMessage(chosen: { backend: string; skipped: { backend: string; reason: string }[] }): string {
  const skipped = chosen.skipped.map((s) => `${s.backend}: ${s.reason}`).join('; ');
  return `Using ${chosen.backend}${skipped ? ` (${skipped})` : ''}.`;
}

/**
 * After a load: what was loaded and what it can do. `onRowsHere`: a shipped model, which goes on training on
 * the rows loaded in the panel (not on its own, which are not shipped).
 */
export function loadedMessage(what: string, info: RunInfo, onRowsHere = false): string {
  const loaded = `Loaded ${what} (${info.preset}, step ${info.step})`;
  if (!info.resumable) return `${loaded}: weights only, so it shows predictions but cannot continue training.`;
  if (info.step >= info.steps) return `${loaded}. Its run is complete (all ${info.steps} steps), so there is nothing to resume.`;
  return `${loaded}: Resume continues its training${onRowsHere ? ' on the rows loaded here' : ''}.`;
}

/** When a run call starts: that it is training, from where (so a "Paused at …" before it does not linger). */
export function trainingMessage(step: number, maxSteps?: number): string {
  if (maxSteps === 1) return `Training one step, from step ${step}…`;
  return step === 0 ? 'Training…' : `Training from step ${step}…`;
}

/** When a run call ends without an error. */
export function runEndMessage(info: RunInfo, stopped: boolean): string {
  if (info.step >= info.steps) return `Done: ${info.steps} steps.`;
  return stopped ? `Stopped at step ${info.step}, and saved: “Resume saved run (step ${info.step})” or Resume continues it.`
    : `Paused at step ${info.step}.`;
}

/** Shown once a fresh worker has started after Stop cut a step off; `lastSaved`: the run's last autosave. */
export function cutOffNote(lastSaved: number | null): string {
  return `Stopped: the step in progress did not end within ${STOP_GRACE_MS / 1000} s, so the training worker was closed, `
    + `with its CPU workers. ${lastSaved !== null
      ? `The run was last saved at step ${lastSaved}: “Resume saved run (step ${lastSaved})” continues it from there.`
      : 'This run had not been saved yet (it saves every 25 steps and when paused), so it cannot be resumed.'}`;
}

/** The "Resume saved run" button: its text, whether it can be pressed now, and why not when the run is over. */
export function resumeSavedButton(autosaved: CheckpointMeta | undefined, busy: boolean): {
  label: string; disabled: boolean; title?: string } {
  const label = `Resume saved run${autosaved ? ` (step ${autosaved.step})` : ''}`;
  if (!autosaved) return { label, disabled: true, title: 'No run is saved in this browser yet.' };
  if (!autosaved.resumable) return { label, disabled: true, title: 'The saved run has no optimizer state, so it cannot go on training.' };
  if (autosaved.step >= autosaved.steps) {
    return { label, disabled: true, title: `The saved run is complete (all ${autosaved.steps} steps): Load it from the list below to see its predictions.` };
  }
  return { label, disabled: busy };
}
