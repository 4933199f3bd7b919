// The Rank section: self-verification. The small model does not write code; it judges candidate solutions by
// dry-running them on a task's public tests, and the candidate it predicts to pass most is its pick. Beside every
// prediction is the real run (the page's Python), and the hidden tests say whether the pick is really right.
//
// This file is the layout: the bank and task, the settings (the `rank` slice: task, model, samples, temperature;
// the seed is the experiment's), Rank and Stop with the phase in words, the grid (Grid.tsx), the task's figures,
// one cell opened beside its real run (CellDetail.tsx) and the whole bank's score (WholeBank.tsx). The run itself:
// useRankRun.ts and run.ts; what is shown: view.ts.
import { useEffect, useMemo, useState } from 'react';
import { rangeOf } from '../../../experiment/slice.ts';
import { rankSlice } from '../../../experiment/slices/rank.ts';
import type { ShippedModel } from '../../../train/manifest.ts';
import { NumberField } from '../../NumberField.tsx';
import { useExperiment } from '../../state.ts';
import { shippedModels } from '../explore/model-client.ts';
import { CellDetail } from './CellDetail.tsx';
import { Grid, type CellRef } from './Grid.tsx';
import { RankCurve } from './RankCurve.tsx';
import { BankPicker } from './BankPicker.tsx';
import { shippedBank, type LoadedBank } from './run.ts';
import { useRankRun } from './useRankRun.ts';
import { emptyProgress, percent, pickSentence, taskView } from './view.ts';
import { WholeBank } from './WholeBank.tsx';
import './rank.css';

export function RankPanel() {
  const [exp, update] = useExperiment();
  const settings = exp.rank;
  const [models, setModels] = useState<ShippedModel[] | null>(null);
  const [bank, setBank] = useState<LoadedBank | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [selected, setSelected] = useState<CellRef | null>(null);
  const [bankBusy, setBankBusy] = useState(false);
  const run = useRankRun();

  useEffect(() => {
    shippedModels().then(setModels, (e: unknown) => setProblem(`The list of models could not be read (${e instanceof Error ? e.message : String(e)}).`));
    shippedBank().then((b) => setBank((cur) => cur ?? b), (e: unknown) => setProblem(e instanceof Error ? e.message : String(e)));
  }, []);

  const model = models?.find((m) => m.path === settings.model) ?? models?.[0];
  const task = bank?.tasks.find((t) => t.task_id === settings.task) ?? bank?.tasks[0];
  const opts = useMemo(() => model && { model, samples: settings.samples, temperature: settings.temperature, seed: exp.seed },
    [model, settings.samples, settings.temperature, exp.seed]);
  const baseKey = `${bank?.source}|${model?.path}|${settings.samples}|${settings.samples > 1 ? settings.temperature : 0}|${exp.seed}`;
  const runKey = `${baseKey}|${task?.task_id}`;
  const busy = run.phase === 'busy' || bankBusy;
  const progress = task && run.key === runKey && run.progress ? run.progress : task ? emptyProgress(task) : null;
  const view = task && progress ? taskView(task, progress, exp.seed) : null;

  const cell = selected && view ? view.rows[selected.candidate]?.cells[selected.test] : undefined;
  return (
    <div className="rank">
      <h2>Rank candidate solutions</h2>
      <div className="rank-explain">
        <p>
          <strong>The small model does not write code here: it judges code by dry-running it.</strong> A task comes with
          several candidate solutions, some right and some with a bug. For each candidate and each public test, the
          model reads the code and the call and writes down what it thinks the call returns, without running it. The
          candidate it predicts to pass the most public tests is its pick.
        </p>
        <p>
          Beside every prediction is the real run. Hidden tests, never shown to the model, say whether a pick is really
          right; compare it with a random pick and with choosing by the real public runs.
        </p>
      </div>
      {problem && <p className="banner banner-error" role="alert" data-testid="rank-problem">{problem}</p>}
      <div className="toolbar" role="group" aria-label="Bank and task">
        <BankPicker bank={bank} taskId={task?.task_id ?? ''} busy={busy} fileTestId="bank-file"
          onTask={(id) => { setSelected(null); update('rank', { task: id }); }} onProblem={setProblem}
          onBank={(b, picked) => { setSelected(null); setBank(b); if (picked) update('rank', { task: b.tasks[0]!.task_id }); }} />
      </div>
      {task && <p className="rank-statement" data-testid="rank-statement">{task.statement}</p>}
      <div className="toolbar" role="toolbar" aria-label="Rank">
        <label className="inline">
          Model{' '}
          <select value={model?.path ?? ''} disabled={busy || !models} onChange={(e) => update('rank', { model: e.target.value })}>
            {models?.map((m) => <option key={m.path} value={m.path}>{m.name}</option>)}
          </select>
        </label>
        <NumberField className="inline" label="Samples" value={settings.samples} {...rangeOf(rankSlice, 'samples')} disabled={busy}
          inputStyle={{ width: '3.5em' }} onValue={(samples) => update('rank', { samples })} />
        {settings.samples > 1 && (
          <NumberField className="inline" label="Temperature" value={settings.temperature} {...rangeOf(rankSlice, 'temperature')} step={0.1} disabled={busy}
            inputStyle={{ width: '4em' }} onValue={(temperature) => update('rank', { temperature })} />
        )}
        <button type="button" className="primary" disabled={busy || !task || !opts}
          onClick={() => task && opts && void run.start(task, opts, runKey)}>
          {run.key === runKey && run.phase === 'stopped' ? 'Continue ranking' : 'Rank the candidates'}
        </button>
        <button type="button" onClick={run.stop} disabled={run.phase !== 'busy'}>Stop</button>
        <span className="run-state" aria-live="polite" data-testid="rank-state">
          {run.key === runKey || run.phase === 'busy' ? run.words : ''}
          {view && run.key === runKey && run.phase === 'busy' ? ` (${view.realDone} of ${view.rows.length} run for real, ${view.modelDone} dry-run by the model)` : ''}
        </span>
      </div>
      {model && (
        <p className="muted small">
          {settings.samples > 1 ? `${settings.samples} stories per cell at temperature ${settings.temperature}, seeded by the experiment's seed; the cell shows the answer most of them gave.`
            : 'One story per cell: the model’s most likely one.'} Ties between candidates are broken by a draw from the experiment’s seed.
        </p>
      )}
      {task && view && (
        <>
          <Grid task={task} view={view} selected={selected} onSelect={setSelected} />
          {view.metrics && (
            <div className="rank-figures" data-testid="rank-figures">
              <p data-testid="rank-pick">{pickSentence(view)}</p>
              <p className="muted small">
                Over its ties: the model’s pick is right {percent(view.metrics.pass1_model_expected)} of the time, choosing by the
                real public runs {percent(view.metrics.pass1_oracle_expected)}, a random pick {percent(view.metrics.pass1_random)}.
                rank-score@k (draw k of the {view.rows.length} candidates, keep the model’s favourite):{' '}
                {view.metrics.rank_score_at_k.map((x, i) => `${i + 1}: ${percent(x)}`).join(', ')}.
              </p>
              <RankCurve title="rank-score@k, this task" model={view.metrics.rank_score_at_k} oracle={view.metrics.rank_score_oracle_at_k} />
            </div>
          )}
          {selected && model && (
            <CellDetail task={task} candidate={selected.candidate} test={selected.test} model={model} prediction={cell?.model}
              real={cell?.real} onClose={() => setSelected(null)} />
          )}
        </>
      )}
      {bank && opts && (
        <WholeBank tasks={bank.tasks} opts={opts} runKey={baseKey} disabled={busy} onBusy={setBankBusy} />
      )}
    </div>
  );
}
