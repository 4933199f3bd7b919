// What stopped the run, said plainly with what to do next. A finished run needs no banner.
import type { Trace } from '../../../capture/trace.ts';

export function isSyntaxError(trace: Trace): boolean {
  return trace.status === 'error' && !!trace.error && /SyntaxError|IndentationError|TabError/.test(trace.error.type) && trace.steps.length === 0;
}

/** The step where the uncaught exception was raised (its first `exception` event), if any. */
export function exceptionStep(trace: Trace): number | undefined {
  if (trace.status !== 'error' || isSyntaxError(trace)) return undefined;
  const i = trace.steps.findIndex((s) => s.event === 'exception');
  return i === -1 ? undefined : i;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toLocaleString('en', { maximumFractionDigits: 1 })} s`;
}

/** The program changed Python's own runtime (e.g. replaced `json.dumps`): say so, whatever the status. */
export function RuntimeChanged({ trace }: { trace: Trace }) {
  if (!trace.runtimeChanged?.length) return null;
  return (
    <div className="banner banner-warn" role="status" data-testid="runtime-changed">
      <strong>This program changed Python itself</strong> ({trace.runtimeChanged.slice(0, 3).join(', ')}
      {trace.runtimeChanged.length > 3 ? ', …' : ''}). Python was restarted afterwards, so your next run starts clean.
    </div>
  );
}

export function Outcome({ trace, onGoTo }: { trace: Trace; onGoTo(step: number): void }) {
  const e = trace.error;
  switch (trace.status) {
    case 'ok':
      return null;
    case 'error': {
      if (isSyntaxError(trace)) {
        return (
          <div className="banner banner-error" role="alert" data-testid="banner" data-kind="syntax">
            <strong>{e?.type ?? 'SyntaxError'}</strong>
            {e?.line ? ` on line ${e.line}` : ''}: {e?.message}. The program did not start: fix the marked line and press
            Run.
          </div>
        );
      }
      const at = exceptionStep(trace);
      return (
        <div className="banner banner-error" role="alert" data-testid="banner" data-kind="exception">
          <strong>
            {e?.type}: {e?.message}
          </strong>
          {e?.line ? ` — raised on line ${e.line}` : ''}
          {at !== undefined && (
            <>
              {' '}
              at step {at + 1}.{' '}
              <button type="button" className="link" onClick={() => onGoTo(at)}>
                Show that step
              </button>
            </>
          )}
        </div>
      );
    }
    case 'step_limit':
      return (
        <div className="banner banner-warn" role="alert" data-testid="banner" data-kind="step_limit">
          <strong>Stopped after {trace.limits.maxSteps.toLocaleString('en')} steps</strong> (the step limit). This is a
          partial trace; the program may never end. To let it run further, raise <em>Max steps</em> and press Run.
        </div>
      );
    case 'timeout':
      return (
        <div className="banner banner-warn" role="alert" data-testid="banner" data-kind="timeout">
          <strong>Stopped after {seconds(trace.limits.timeoutMs)}</strong> (the time limit). This is a partial trace. To
          give it longer, raise <em>Time limit</em> and press Run.
          {trace.steps.length === 0 && e?.message && <> ({e.message}.)</>}
        </div>
      );
    case 'interrupted':
      return (
        <div className="banner banner-warn" role="alert" data-testid="banner" data-kind="interrupted">
          <strong>You stopped the run.</strong>{' '}
          {trace.steps.length > 0
            ? `Showing the trace up to where it stopped (${trace.steps.length.toLocaleString('en')} steps).`
            : 'Python had to be restarted to stop it, so no steps were kept; lower the limits to see a partial trace.'}
        </div>
      );
    case 'crashed':
      return (
        <div className="banner banner-error" role="alert" data-testid="banner" data-kind="crashed">
          <strong>Python stopped responding</strong>
          {e?.message ? ` (${e.message})` : ''}. It has been restarted: press Run to try again. If it happens again the
          program may be using too much memory or stuck where Stop cannot reach.
        </div>
      );
  }
}
