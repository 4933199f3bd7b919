// The Trace Explorer: write a program, run it under the tracer, step through what really happened.
// State that a link should reproduce (code, stdin, limits, step, predict mode) lives in the experiment
// store; the trace itself and the prediction being typed are local to this panel. The person's saved work and
// what links do to it: useSavedWork.ts; keyboard stepping: useStepKeys.ts.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { replay } from '../../../capture/replay.ts';
import type { Step, Trace } from '../../../capture/trace.ts';
import { rangeOf } from '../../../experiment/slice.ts';
import { exploreSlice } from '../../../experiment/slices/explore.ts';
import { describeStep } from '../../../verbalise/index.ts';
import { previousInFrame } from '../../../verbalise/story.ts';
import { getRunner, usePythonStatus } from '../../runner.ts';
import { NumberField } from '../../NumberField.tsx';
import { getExperiment, useExperiment } from '../../state.ts';
import { Editor } from './Editor.tsx';
import { EXAMPLES } from './examples.ts';
import { Outcome, RuntimeChanged, isSyntaxError } from './Outcome.tsx';
import type { Compare } from './predict.ts';
import { PredictForm, Verdict, type Prediction } from './PredictBox.tsx';
import { withCode } from '../../code-text.tsx';
import { StackView } from './StackView.tsx';
import { AskModel, type ModelAnswer } from './AskModel.tsx';
import { WhoWasRight } from './WhoWasRight.tsx';
import type { Handoff } from '../../handoff.ts';
import { useSavedWork } from './useSavedWork.ts';
import { useStepKeys } from './useStepKeys.ts';
import { Stepper } from './Stepper.tsx';

/** The time limit is kept in ms (the slice's range), shown in seconds. */
const TIMEOUT_MS = rangeOf(exploreSlice, 'timeoutMs');

/** Predicted values are compared by Python (the runner's CRUXEval-style equality), never by text. */
const compareInPython: Compare = (expected, actual) => getRunner().compare(expected, actual);

export function ExplorePanel() {
  const [exp, update] = useExperiment();
  const ex = exp.explore;
  const python = usePythonStatus();

  const [trace, setTrace] = useState<Trace | null>(null);
  const [running, setRunning] = useState(false);
  const [runError, setRunError] = useState<string | null>(null);
  const [roundTripMs, setRoundTripMs] = useState<number | null>(null);
  /** Counts finished runs, so a test (or a screen reader cue) can tell a new trace from the last one. */
  const [runs, setRuns] = useState(0);
  const [prediction, setPrediction] = useState<Prediction>({ output: '', values: '' });
  const [revealed, setRevealed] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [modelAnswer, setModelAnswer] = useState<ModelAnswer | null>(null);
  /** A story another panel opened this program with (the Train panel's predictions). */
  const [incoming, setIncoming] = useState<NonNullable<Handoff['story']> | null>(null);
  const { link, stash, linkStep, setLinkStep, edit, restoreStash } = useSavedWork({
    onNewCode: () => {
      setTrace(null);
      setRevealed(false);
    },
    onHandoff: (h) => {
      setTrace(null);
      setRevealed(false);
      setModelAnswer(null);
      setIncoming(h.story ?? null);
      setNotice(h.note);
    },
  });
  const linkStepRef = useRef(linkStep);
  useEffect(() => {
    linkStepRef.current = linkStep;
  });

  // Start loading Python as soon as the explorer is on screen, so the first Run does not wait for it.
  useEffect(() => {
    // A failed load is reported through onStatus, and again by the first Run.
    const id = setTimeout(() => void getRunner().warmUp().catch(() => undefined), 0);
    return () => clearTimeout(id);
  }, []);

  const states = useMemo(() => (trace ? replay(trace) : []), [trace]);
  const total = states.length;
  const step = Math.min(ex.step, Math.max(0, total - 1));
  const current = states[step];
  const setStep = useCallback((s: number) => update('explore', { step: s }), [update]);
  const hidden = ex.predict && !revealed;

  const runningRef = useRef(false);
  const run = useCallback(async () => {
    if (runningRef.current) return;
    runningRef.current = true;
    const { code, stdin, maxSteps, timeoutMs } = getExperiment().explore;
    setRunning(true);
    setRunError(null);
    setNotice(null);
    const started = performance.now();
    try {
      const result = await getRunner().run({ code, mode: 'program', stdin, limits: { maxSteps, timeoutMs } });
      setRoundTripMs(performance.now() - started);
      setTrace(result);
      setRuns((n) => n + 1);
      setRevealed(false);
      const target = linkStepRef.current ?? 0;
      update('explore', { step: Math.max(0, Math.min(target, result.steps.length - 1)) });
      setLinkStep(null);
    } catch (e) {
      setRunError(e instanceof Error ? e.message : String(e));
    } finally {
      runningRef.current = false;
      setRunning(false);
    }
  }, [update, setLinkStep]);

  /** A step of the model's comparison run: it becomes the Explorer's trace when the Explorer has none of this code. */
  const goToModelStep = useCallback(
    (t: Trace, s: number) => {
      if (!trace || trace.code !== t.code || (trace.stdin ?? '') !== (t.stdin ?? '')) {
        setTrace(t);
        setRuns((n) => n + 1);
      }
      setNotice(null);
      setStep(s);
    },
    [trace, setStep],
  );

  const onLineActivate = useCallback(
    (line: number) => {
      if (!trace || hidden) {
        setNotice('Run the program first; then a click on a line number jumps to where that line runs next.');
        return;
      }
      const n = trace.steps.length;
      for (let k = 1; k <= n; k++) {
        const i = (step + k) % n;
        const s = trace.steps[i]!;
        if (s.line === line && s.event === 'line') {
          setNotice(i <= step ? `Back to the first time line ${line} runs.` : null);
          setStep(i);
          return;
        }
      }
      setNotice(`Line ${line} never runs in this trace.`);
    },
    [trace, hidden, step, setStep],
  );

  useStepKeys({ active: exp.section === 'explore', step, total, hidden, run, setStep });

  const loadExample = (id: string) => {
    const example = EXAMPLES.find((x) => x.id === id);
    if (!example) return;
    edit({ code: example.code, stdin: example.stdin, step: 0 });
    setTrace(null);
    setRevealed(false);
    setNotice(`Loaded “${example.title}”. Press Run (Ctrl+Enter); Ctrl+Z in the editor brings back what was there.`);
  };

  // The real-run step where the model's story (the one shown) first goes wrong, when it is about this very trace.
  const modelDivergence = modelAnswer?.alignments[modelAnswer.shown]?.divergence;
  const modelStep = !hidden && trace && modelAnswer && modelDivergence && modelAnswer.trace.code === trace.code &&
    (modelAnswer.trace.stdin ?? '') === (trace.stdin ?? '') && modelDivergence.traceStep < trace.steps.length
    ? modelDivergence.traceStep : null;
  const stale = trace !== null && (trace.code !== ex.code || (trace.stdin ?? '') !== ex.stdin);
  const ranLine = trace ? justRanLine(trace.steps, step) : undefined;
  const errorLine = trace && isSyntaxError(trace) ? (trace.error?.line ?? undefined) : undefined;
  const loading = python.state === 'loading' || python.state === 'restarting';

  return (
    <div className="explore">
      <div className="explore-left">
        <div className="toolbar" role="toolbar" aria-label="Program">
          <button type="button" className="primary" onClick={() => void run()} disabled={running} aria-keyshortcuts="Control+Enter Meta+Enter">
            Run
          </button>
          <button type="button" onClick={() => getRunner().stop()} disabled={!running}>
            Stop
          </button>
          <label className="inline">
            <span className="visually-hidden">Examples</span>
            <select aria-label="Examples" value="" onChange={(e) => loadExample(e.target.value)}>
              <option value="">Examples…</option>
              {EXAMPLES.map((x) => (
                <option key={x.id} value={x.id}>
                  {x.title}
                </option>
              ))}
            </select>
          </label>
          <label className="inline check">
            <input
              type="checkbox"
              checked={ex.predict}
              onChange={(e) => {
                update('explore', { predict: e.target.checked });
                setRevealed(false);
              }}
            />
            Predict first
          </label>
          <span className="run-state" aria-live="polite" data-testid="run-state">
            {loading ? (
              <>
                Loading Python{running ? '' : ' (first time only)'}…{' '}
                {python.progress !== undefined && `${Math.round(python.progress * 100)}%`}
                <progress max={1} value={python.progress} aria-label="Loading Python" />
              </>
            ) : running ? (
              'Running…'
            ) : (
              trace &&
              roundTripMs !== null &&
              `${trace.steps.length.toLocaleString('en')} steps, traced in ${Math.round(trace.durationMs)} ms` +
                (roundTripMs > trace.durationMs + 1000 ? ` (${(roundTripMs / 1000).toFixed(1)} s with Python starting)` : '')
            )}
          </span>
        </div>

        {link.error && (
          <div className="banner banner-error" role="alert" data-testid="link-error">
            {link.error} The editor is empty.{' '}
            {stash && (
              <button type="button" className="link" onClick={restoreStash}>
                Restore your saved code
              </button>
            )}
          </div>
        )}
        {linkStep !== null && (
          <div className="banner banner-info" role="note" data-testid="link-note">
            This code came from a link. Read it, then press <strong>Run</strong> to run it
            {linkStep > 0 ? ` (it opens at step ${linkStep + 1})` : ''}.
            {stash && (
              <>
                {' '}
                Your own code is kept:{' '}
                <button type="button" className="link" onClick={restoreStash}>
                  restore it
                </button>
                .
              </>
            )}
          </div>
        )}
        {linkStep === null && stash && !link.error && (
          <p className="muted small">
            Your code from before the link is kept.{' '}
            <button type="button" className="link" onClick={restoreStash}>
              Restore it
            </button>
          </p>
        )}

        <Editor
          value={ex.code}
          onChange={(code) => edit({ code })}
          onRun={() => void run()}
          onLineActivate={onLineActivate}
          nextLine={!hidden && current && !stale ? current.step.line : undefined}
          prevLine={!hidden && !stale ? ranLine : undefined}
          errorLine={!hidden && !stale ? errorLine : undefined}
          divergeLine={!hidden && modelAnswer?.code === ex.code ? (modelDivergence?.line ?? undefined) : undefined}
        />
        <p className="muted small hint">
          Ctrl/Cmd+Enter runs · click a line number (or Alt+J on a line) to jump to its next execution · ← → step when
          focus is outside the editor · Ctrl+M lets Tab leave the editor
        </p>

        <div className="inputs">
          <label className="field stdin">
            Input (stdin)
            <textarea rows={2} value={ex.stdin} spellCheck={false} onChange={(e) => edit({ stdin: e.target.value })} />
          </label>
          <NumberField className="field" label="Max steps" value={ex.maxSteps} {...rangeOf(exploreSlice, 'maxSteps')}
            onValue={(maxSteps) => edit({ maxSteps })} />
          <NumberField className="field" label="Time limit (s)" value={ex.timeoutMs / 1000} min={TIMEOUT_MS.min / 1000} max={TIMEOUT_MS.max / 1000} step={0.1}
            onValue={(s) => edit({ timeoutMs: Math.round(s * 1000) })} />
        </div>
      </div>

      <div className="explore-right">
        {runError && (
          <div className="banner banner-error" role="alert">
            The run failed before producing a trace: {runError}. Press Run to try again.
          </div>
        )}
        {notice && (
          <p className="notice" role="status">
            {notice}
          </p>
        )}
        {ex.predict && !revealed && (
          <PredictForm prediction={prediction} onChange={setPrediction} canReveal={!!trace && !running} onReveal={() => setRevealed(true)} />
        )}
        {ex.predict && revealed && trace && <Verdict trace={trace} prediction={prediction} compare={compareInPython} onGoTo={setStep} />}
        {ex.predict && revealed && trace && modelAnswer && <WhoWasRight trace={trace} prediction={prediction} answer={modelAnswer} />}
        {!trace && !ex.predict && !running && (
          <p className="placeholder">
            Press <strong>Run</strong> to trace the program, then step through it line by line. New here? Pick one of the{' '}
            <em>Examples</em>.
          </p>
        )}
        {trace && !hidden && (
          <div className="trace-view" data-testid="trace-view" data-status={trace.status} data-run={runs}>
            <RuntimeChanged trace={trace} />
            <Outcome trace={trace} onGoTo={setStep} />
            {stale && (
              <p className="banner banner-info" role="note">
                The code or input changed since this run. Press Run to trace it again.
              </p>
            )}
            {total > 0 && current && (
              <>
                <Stepper step={step} total={total} onStep={setStep} />
                {modelStep !== null && (
                  <p className={`model-mark ${modelStep === step ? 'here' : ''}`} data-testid="model-mark">
                    {modelStep === step ? 'Here the model’s story first parts from the real run.' : (
                      <button type="button" className="link" onClick={() => setStep(modelStep)}>
                        Go to step {modelStep + 1}, where the model’s story first parts from the run
                      </button>
                    )}
                  </p>
                )}
                <p className="describe" data-testid="describe">
                  {withCode(describeStep(trace, step))}
                </p>
                {/* One live region, so a screen reader hears each step once, not three times. */}
                <p className="visually-hidden" aria-live="polite">
                  Step {step + 1} of {total}. {describeStep(trace, step).replaceAll('`', '')} About to run line{' '}
                  {current.step.line}
                  {ranLine !== undefined && ranLine !== current.step.line ? `; just ran line ${ranLine}` : ''}.
                </p>
                <div className="state-views">
                  <StackView state={current} error={trace.status === 'error' ? trace.error : undefined} />
                  <section className="stdout" aria-label="Output at this step">
                    <h3>Output</h3>
                    <pre data-testid="stdout">{current.stdout || <span className="muted">(nothing printed yet)</span>}</pre>
                    {trace.stdoutTruncated && step === total - 1 && <p className="muted small">Output was cut off at its size limit.</p>}
                  </section>
                </div>
              </>
            )}
          </div>
        )}
        <AskModel hidden={hidden} answer={modelAnswer} onAnswer={setModelAnswer} onGoTo={goToModelStep}
          incoming={incoming} onIncomingShown={() => setIncoming(null)} />
      </div>
    </div>
  );
}

/**
 * The line marked "just ran": the previous line of the current step's own frame, the line whose effect
 * the plain-English sentence describes. (The step before, anywhere, may be inside a call that just returned.)
 */
function justRanLine(steps: readonly Step[], index: number): number | undefined {
  const prev = steps[previousInFrame(steps, index)];
  return prev && prev.event !== 'call' ? prev.line : undefined;
}

