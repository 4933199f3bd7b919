// The RL panel's buttons (Start, Pause, Resume, Step, Stop, Resume saved run) and the status line under them: the
// panel's sentence and the latest step's reward, accuracy and time per step.
import { resumeSavedButton, statusLine } from './messages.ts';
import type { RlRun } from './useRlRun.ts';
import { canResume, isBusy, progressOf } from './view.ts';

export function RlControls({ run }: { run: RlRun }) {
  const { view } = run;
  const busy = isBusy(view);
  const resumable = canResume(view);
  const saved = resumeSavedButton(run.saved, busy);
  const running = view.phase === 'running';
  return (
    <>
      <div className="train-buttons" role="toolbar" aria-label="RL controls">
        <button type="button" onClick={() => void run.start()} disabled={busy || !view.backend}>Start RL run</button>
        <button type="button" onClick={run.pause} disabled={!running} title="Ends the run after the step in progress, and saves it.">Pause</button>
        <button type="button" onClick={() => void run.go()} disabled={!resumable}>Resume</button>
        <button type="button" onClick={() => void run.go(1)} disabled={!resumable}>Step</button>
        <button type="button" onClick={run.stop} disabled={!running}
          title="Ends the run now and saves it: a step still writing its stories is dropped (Resume redoes it); one already updating the model finishes first.">Stop</button>
        <button type="button" onClick={() => void run.resumeSaved()} disabled={saved.disabled} title={saved.title}>{saved.label}</button>
      </div>
      {run.saved?.rl && !running && view.lastSaved === null && (
        <p className="muted small">A new run replaces the saved one (step {run.saved.rl.step}) once it saves.</p>
      )}
      <p className="train-status" role="status" aria-live="polite" data-testid="rl-status">{statusLine(view.message, progressOf(view))}</p>
      {view.saveProblem && <p className="banner banner-error" role="alert">{view.saveProblem}</p>}
    </>
  );
}
