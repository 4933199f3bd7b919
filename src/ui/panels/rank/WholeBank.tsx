// "Score the whole bank": every task ranked in turn as the grid ranks one (real runs, then the model), and the
// bank's figures as `npm run rank` prints them: pass@1 on hidden tests of a random pick, the model's pick and the
// oracle's, the share of the gap closed, rank-score@k and the calibration of predicted against real passes.
// Long (about a second a cell on a laptop): progress per task, Stop keeps the tasks finished so far.
import { useMemo, useRef, useState } from 'react';
import type { BankTask } from '../../../rank/bank.ts';
import { bankMetrics, type BankMetrics, type CellOutcome, type TaskMetrics } from '../../../rank/metrics.ts';
import { RankStopped, stopPredicting } from './client.ts';
import { RankCurve } from './RankCurve.tsx';
import { rankTask, type RankOptions } from './run.ts';
import { MODEL_BUSY, rankingBusy, setRankingBusy } from './useRankRun.ts';
import { cellOutcomes, percent, taskView } from './view.ts';

interface Score {
  key: string;
  tasks: TaskMetrics[];
  cells: CellOutcome[];
  metrics: BankMetrics | null;
}

export function WholeBank({ tasks, opts, runKey, disabled, onBusy }: { tasks: BankTask[]; opts: RankOptions; runKey: string;
  disabled: boolean; onBusy(busy: boolean): void }) {
  const [score, setScore] = useState<Score | null>(null);
  const [busy, setBusy] = useState(false);
  const [words, setWords] = useState('');
  const stopAsked = useRef(false);
  const cells = tasks.reduce((a, t) => a + t.candidates.length * t.public_tests.length, 0);

  const go = async () => {
    if (rankingBusy()) {
      setWords(MODEL_BUSY);
      return;
    }
    setRankingBusy(true);
    setBusy(true);
    onBusy(true);
    stopAsked.current = false;
    // Continue a stopped score of the same bank and settings; otherwise start over.
    let s: Score = score?.key === runKey ? score : { key: runKey, tasks: [], cells: [], metrics: null };
    try {
      for (const [i, task] of tasks.entries()) {
        if (s.tasks.some((t) => t.task_id === task.task_id)) continue;
        if (stopAsked.current) break;
        const r = await rankTask(task, opts, {
          onProgress: () => undefined,
          onPhase: (w) => setWords(`Task ${i + 1} of ${tasks.length} (${task.task_id}): ${w}`),
          stopped: () => stopAsked.current,
        });
        if (r.stopped) break;
        const m = taskView(task, r.progress, opts.seed).metrics!;
        const all = [...s.tasks, m];
        const allCells = [...s.cells, ...cellOutcomes(r.progress)];
        s = { key: runKey, tasks: all, cells: allCells, metrics: bankMetrics(all, allCells) };
        setScore(s);
      }
      setWords(s.tasks.length === tasks.length ? '' : `Stopped after ${s.tasks.length} of ${tasks.length} tasks: the figures are theirs. Score continues from here.`);
    } catch (e) {
      setWords(e instanceof RankStopped ? `Stopped after ${s.tasks.length} of ${tasks.length} tasks.`
        : `The score could not go on: ${e instanceof Error ? e.message : String(e)}.`);
    } finally {
      setRankingBusy(false);
      setBusy(false);
      onBusy(false);
    }
  };

  const m = score?.metrics;
  const ks = m ? Object.keys(m.rank_score_at_k) : [];
  // The curves change only with the figures, not with each progress line.
  const curves = useMemo(() => m && { model: Object.values(m.rank_score_at_k), oracle: Object.values(m.rank_score_oracle_at_k) }, [m]);
  return (
    <section className="rank-bank" aria-label="The whole bank" data-testid="rank-bank">
      <h3>The whole bank</h3>
      <p className="muted small">
        Every task of this bank ranked the same way: {tasks.length} tasks, {cells.toLocaleString('en')} cells for the model.
        It takes long in a browser tab (about a second a cell); <code>npm run rank</code> does the same in Node.
      </p>
      <div className="toolbar">
        <button type="button" onClick={() => void go()} disabled={disabled || busy}>
          {score?.key === runKey && score.tasks.length < tasks.length ? 'Continue scoring' : 'Score the whole bank'}
        </button>
        <button type="button" onClick={() => { stopAsked.current = true; stopPredicting(); }} disabled={!busy}>Stop</button>
        <span aria-live="polite" className="run-state">{words}</span>
      </div>
      {m && (
        <>
          <p data-testid="bank-summary">
            Over {m.tasks} task{m.tasks === 1 ? '' : 's'} ({m.candidates} candidates), the pick is right on the hidden tests:
            random {percent(m.pass1_random)}, the model {percent(m.pass1_model_expected)}, the oracle (real public runs){' '}
            {percent(m.pass1_oracle_expected)} (ties averaged). The model closes{' '}
            {m.gap_closed === null ? 'no measurable share (the oracle is no better than random here)' : `${percent(m.gap_closed)}`} of the
            gap between random and the oracle.
          </p>
          <RankCurve title="rank-score@k, the whole bank" model={curves!.model} oracle={curves!.oracle} />
          <div className="rank-scroll">
            <table className="rank-curve">
              <caption>rank-score@k: draw k candidates at random, keep the one the judge scores highest; how often it is right</caption>
              <thead><tr><th scope="row">k</th>{ks.map((k) => <th key={k} scope="col">{k}</th>)}</tr></thead>
              <tbody>
                <tr><th scope="row">model</th>{ks.map((k) => <td key={k}>{percent(m.rank_score_at_k[k]!)}</td>)}</tr>
                <tr><th scope="row">oracle</th>{ks.map((k) => <td key={k}>{percent(m.rank_score_oracle_at_k[k]!)}</td>)}</tr>
              </tbody>
            </table>
          </div>
          <Calibration m={m} />
        </>
      )}
    </section>
  );
}

export function Calibration({ m }: { m: Pick<BankMetrics, 'calibration'> }) {
  const c = m.calibration;
  return (
    <table className="rank-calibration">
      <caption>Predicted against real, over {c.cells} cells: the model predicts a pass correctly {percent(c.precision)} of the
        times it predicts one, and finds {percent(c.recall)} of the real passes; it agrees with the run on {percent(c.agreement)} of cells</caption>
      <thead><tr><th />
        <th scope="col">really passes</th><th scope="col">really fails</th></tr></thead>
      <tbody>
        <tr><th scope="row">predicted pass</th><td>{c.table.predicted_pass.real_pass}</td><td>{c.table.predicted_pass.real_fail}</td></tr>
        <tr><th scope="row">predicted fail</th><td>{c.table.predicted_fail.real_pass}</td><td>{c.table.predicted_fail.real_fail}</td></tr>
      </tbody>
    </table>
  );
}
