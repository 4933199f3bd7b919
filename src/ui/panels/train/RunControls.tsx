// The Train panel's buttons (Start new run, Pause, Resume, Step, Stop, Resume saved run) and the status line
// under them: the panel's sentence and the run's latest step, loss, speed and time.
import type { CheckpointMeta } from '../../../train/browser/checkpoint-store.ts';
import { resumeSavedButton, statusLine, STOP_GRACE_MS } from './messages.ts';
import type { TrainRun } from './useTrainRun.ts';
import { canResume, isBusy } from './view.ts';

export function RunControls({ run, autosaved, resumeSaved }: {
  run: TrainRun;
  autosaved: CheckpointMeta | undefined;
  resumeSaved(): void;
}) {
  const { view } = run;
  const busy = isBusy(view);
  const resumable = canResume(view);
  const saved = resumeSavedButton(autosaved, busy);
  return (
    <>
      <div className="train-buttons" role="toolbar" aria-label="Training controls">
        <button type="button" onClick={() => void run.start()} disabled={busy}>Start new run</button>
        <button type="button" onClick={run.pause} disabled={view.phase !== 'running'}>Pause</button>
        <button type="button" onClick={() => void run.go()} disabled={!resumable}>Resume</button>
        <button type="button" onClick={() => void run.go(1)} disabled={!resumable}>Step</button>
        <button type="button" onClick={run.stop} disabled={view.phase !== 'running'}
          title={`Pauses, saves and releases the CPU workers; a step still going after ${STOP_GRACE_MS / 1000} s is cut off (the run resumes from its last save).`}>Stop</button>
        <button type="button" onClick={resumeSaved} disabled={saved.disabled} title={saved.title}>{saved.label}</button>
      </div>
      {autosaved && !view.ownsAutosave && view.phase !== 'running' && (
        <p className="muted small">A new run replaces the autosave (step {autosaved.step}) once it saves: save that one under a name below to keep it.</p>
      )}
      <p className="train-status" role="status" aria-live="polite">{statusLine(view.message, view.progress, view.phase)}</p>
      {view.workers && view.workers.used < view.workers.wanted && (
        <p className="banner" role="status" data-testid="workers-problem">
          Training on {view.workers.used} of {view.workers.wanted} CPU workers: {view.workers.failures.join('; ')}.
        </p>
      )}
    </>
  );
}
