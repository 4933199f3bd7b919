// Predict mode: the person writes what they expect before the run is revealed; then the verdict.
import { useEffect, useState } from 'react';
import type { Trace } from '../../../capture/trace.ts';
import { checkOutput, checkValues, parseValuePredictions, type Compare, type ValuesVerdict } from './predict.ts';

export interface Prediction {
  output: string;
  values: string;
}

export function PredictForm({
  prediction,
  onChange,
  canReveal,
  onReveal,
}: {
  prediction: Prediction;
  onChange(p: Prediction): void;
  canReveal: boolean;
  onReveal(): void;
}) {
  const { problems } = parseValuePredictions(prediction.values);
  return (
    <section className="predict" aria-label="Your prediction">
      <h3>Predict first</h3>
      <p className="muted">
        Before you see the run, write what you think the program prints. If it ends with an error, put the error's name
        on the last line.
      </p>
      <label className="field">
        <span>What will it print?</span>
        <textarea
          rows={3}
          value={prediction.output}
          spellCheck={false}
          onChange={(e) => onChange({ ...prediction, output: e.target.value })}
        />
      </label>
      <label className="field">
        <span>
          Values you expect (optional): one <code>name = value</code> per line, every value a variable takes, in order
        </span>
        <textarea
          rows={3}
          value={prediction.values}
          spellCheck={false}
          placeholder="name = value, one per line (leave empty to predict the output only)"
          onChange={(e) => onChange({ ...prediction, values: e.target.value })}
        />
      </label>
      {problems.length > 0 && (
        <ul className="problems">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
      <button type="button" className="primary" onClick={onReveal} disabled={!canReveal}>
        Reveal
      </button>
      {!canReveal && <span className="muted small"> Press Run first; the result stays hidden until you reveal it.</span>}
    </section>
  );
}

export function Verdict({
  trace,
  prediction,
  compare,
  onGoTo,
}: {
  trace: Trace;
  prediction: Prediction;
  /** Python's value equality (the runner's), so `{1, 2}` matches `{2, 1}` and `3` matches `3.0`. */
  compare: Compare;
  onGoTo(step: number): void;
}) {
  const out = checkOutput(prediction.output, trace);
  // The values are checked by Python, asynchronously; the verdict for the output shows at once.
  const [checked, setChecked] = useState<{ for: string; trace: Trace; verdict: ValuesVerdict } | null>(null);
  useEffect(() => {
    const { predictions } = parseValuePredictions(prediction.values);
    if (!predictions.length) return;
    let live = true;
    void checkValues(predictions, trace, compare).then((verdict) => {
      if (live) setChecked({ for: prediction.values, trace, verdict });
    });
    return () => {
      live = false;
    };
  }, [prediction.values, trace, compare]);
  const pending = parseValuePredictions(prediction.values).predictions.length > 0;
  const values = checked && checked.for === prediction.values && checked.trace === trace ? checked.verdict : undefined;
  const d = values?.divergence;
  const show = (s: string | undefined) => (s === undefined ? 'nothing' : <code>{s === '' ? '(an empty line)' : s}</code>);
  return (
    <section className="verdict" aria-label="How your prediction did" data-testid="verdict" data-right={out.right ? 'yes' : 'no'}>
      {out.right ? (
        <p className="right">
          <strong>Right!</strong> The output is exactly what you predicted.
        </p>
      ) : (
        <p className="wrong">
          <strong>Not quite.</strong>{' '}
          {out.firstDifferentLine !== undefined ? (
            <>
              Line {out.firstDifferentLine} of the output is {show(out.actualLine)}; you predicted {show(out.expectedLine)}.
            </>
          ) : (
            'The output differs from your prediction.'
          )}
          {trace.status === 'error' && trace.error && ` The program ends with ${trace.error.type}.`}
        </p>
      )}
      {pending && !values && <p className="muted">Checking your values…</p>}
      {values && !d && <p className="right">Your {values.checked} predicted values all match the trace.</p>}
      {d && (
        <p className="wrong" data-testid="divergence">
          {d.step === null ? (
            <>
              <code>{d.name}</code> never gets a value in this run (your line {d.predictionLine}).
            </>
          ) : (
            <>
              Expectation and reality part at <strong>step {d.step + 1}</strong> (line {trace.steps[d.step]?.line}):{' '}
              <code>{d.name}</code>{' '}
              {d.actual === undefined ? (
                <>
                  never becomes <code>{d.expected}</code>
                </>
              ) : (
                <>
                  becomes <code>{d.actual}</code>, you expected <code>{d.expected}</code>
                </>
              )}
              .{' '}
              <button type="button" className="link" onClick={() => onGoTo(d.step!)}>
                Show that step
              </button>
            </>
          )}
        </p>
      )}
    </section>
  );
}
