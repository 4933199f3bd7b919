// One cell opened: the model's story of the candidate on that test beside the real run (the Explorer's view,
// ModelVerdict: step by step, the first place they part marked), its samples' answers, and the real result. The
// real call is run again with tracing (the grid's runs record no steps). "Open in Explorer" hands the candidate
// over as a script that prints the call, where the person can step through it and ask the model about it.
import { useEffect, useState } from 'react';
import type { BankTask } from '../../../rank/bank.ts';
import { testCall } from '../../../rank/judge.ts';
import type { CellPrediction } from '../../../rank/simulate.ts';
import type { ShippedModel } from '../../../train/manifest.ts';
import { openInExplorer } from '../../handoff.ts';
import { judgeStories, ModelVerdict, type ModelAnswer } from '../explore/ModelVerdict.tsx';
import { tracedRun } from './run.ts';
import { agreementWords, realWords } from './view.ts';
import type { TestRun } from '../../../rank/judge.ts';

export function CellDetail({ task, candidate, test, model, prediction, real, onClose }: {
  task: BankTask; candidate: number; test: number; model: ShippedModel; prediction?: CellPrediction; real?: TestRun;
  onClose(): void;
}) {
  const cand = task.candidates[candidate]!;
  const t = task.public_tests[test]!;
  const call = testCall(task.entry, t);
  const [answer, setAnswer] = useState<ModelAnswer | null>(null);
  const [error, setError] = useState<string | null>(null);
  const texts = prediction?.texts;

  useEffect(() => {
    if (!texts?.length) return;
    let live = true;
    tracedRun(task, cand.code, t)
      .then((trace) => judgeStories(model, trace, texts, false, cand.code, ''))
      .then((a) => live && setAnswer(a), (e: unknown) => live && setError(e instanceof Error ? e.message : String(e)));
    return () => {
      live = false;
      setAnswer(null);
      setError(null);
    };
  }, [task, cand.code, t, model, texts]);

  const shown = answer?.shown ?? 0;
  const alignment = answer?.alignments[Math.min(shown, answer.alignments.length - 1)];
  const explore = () => openInExplorer({
    code: `${cand.code.replace(/\s+$/, '')}\n\nprint(${call})\n`, stdin: '',
    note: `Candidate ${cand.id} of “${task.task_id}”, asked about as the call ${call}; here it runs as a script that prints ` +
      'the call. Press Run to step through it, or Ask the model for its story of this script.',
  });
  return (
    <section className="rank-detail" aria-label={`${cand.id} on ${call}`} data-testid="rank-detail">
      <h3>
        <code>{cand.id}</code> on <code>{call}</code>{' '}
        <button type="button" className="link small" onClick={onClose}>Close</button>
      </h3>
      <p>
        Expected <code>{t.output}</code>.{' '}
        {real ? <>The real run {real.pass ? 'passes' : 'fails'}: it gave <code data-testid="detail-real">{realWords(real)}</code>.</> : 'Not run yet.'}{' '}
        {prediction ? (prediction.tooLong ? 'The program and the call are too long for the model’s block: it was not asked.'
          : <>The model predicts <code>{prediction.majority ?? 'no answer'}</code> ({agreementWords(prediction)}),
            so it predicts a {prediction.predictedPass ? 'pass' : 'fail'}.</>) : 'The model has not answered yet.'}
      </p>
      <div className="toolbar">
        <button type="button" onClick={explore} data-testid="open-explorer">Open in Explorer</button>
        <span className="muted small">as a script that prints the call (the story here is of the call itself)</span>
      </div>
      {error && <p className="banner banner-error" role="alert">The real run could not be traced: {error}</p>}
      {texts?.length && !answer && !error ? <p className="muted" aria-live="polite">Running the call for real, step by step, to compare…</p> : null}
      {answer && alignment && (
        <ModelVerdict answer={answer} alignment={alignment} shown={shown} onShow={(i) => setAnswer({ ...answer, shown: i })} stale={false} />
      )}
    </section>
  );
}
