// The Repair section: Self-RLEF at the notebook's scale. The small model does not write code; it judges code by
// dry-running it. A failing candidate is repaired by walking one change at a time: the mutation engine makes the
// codes one change away, the model dry-runs each on the public tests, and the one it predicts to pass most is the
// next attempt. Beside it, the same walk steered by the real runs and a walk with no feedback; the hidden tests,
// really run, say what each handed in is worth.
//
// This file is the layout: the bank, task and candidate (checked for real), the settings (the `repair` slice:
// task, candidate, model, turns, neighbours; the seed is the experiment's), Repair and Stop with the phase in
// words, the three columns (LoopColumn.tsx) and one prediction opened beside its real run (the Rank section's
// CellDetail). The run itself: useRepairRun.ts and run.ts; what is shown: view.ts.
import { useEffect, useMemo, useState } from 'react';
import { rangeOf } from '../../../experiment/slice.ts';
import { repairSlice } from '../../../experiment/slices/repair.ts';
import type { BankTask } from '../../../rank/bank.ts';
import type { TestRun } from '../../../rank/judge.ts';
import { REPAIR_MODES } from '../../../repair/loop.ts';
import type { ShippedModel } from '../../../train/manifest.ts';
import { NumberField } from '../../NumberField.tsx';
import { useExperiment } from '../../state.ts';
import { shippedModels } from '../explore/model-client.ts';
import { CellDetail } from '../rank/CellDetail.tsx';
import { BankPicker } from '../rank/BankPicker.tsx';
import { shippedBank, type LoadedBank } from '../rank/run.ts';
import { LoopColumn, type StoryRef } from './LoopColumn.tsx';
import { judgeCode } from './run.ts';
import { useCandidateCheck, useRepairRun } from './useRepairRun.ts';
import { candidateLabel, defaultCandidate, emptyRun, MODE_TITLES, repairSeed, summaryWords, whereWords } from './view.ts';
import '../rank/rank.css';
import './repair.css';

/** One attempt's code as a one-candidate task, for the Rank section's story view. */
function storyTask(task: BankTask, s: StoryRef): BankTask {
  return { ...task, candidates: [{ id: `turn ${s.turn} (${s.mode} loop)`, code: s.code, kind: 'bug', note: '' }] };
}

export function RepairPanel() {
  const [exp, update] = useExperiment();
  const settings = exp.repair;
  const [models, setModels] = useState<ShippedModel[] | null>(null);
  const [modelsProblem, setModelsProblem] = useState<string | null>(null);
  const [bank, setBank] = useState<LoadedBank | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [story, setStory] = useState<StoryRef | null>(null);
  const run = useRepairRun();

  useEffect(() => {
    shippedModels().then(setModels, (e: unknown) => {
      setModels([]);
      setModelsProblem(`The list of models could not be read (${e instanceof Error ? e.message : String(e)}): the simulated loop cannot run, the other two can.`);
    });
    shippedBank().then((b) => setBank((cur) => cur ?? b), (e: unknown) => setProblem(e instanceof Error ? e.message : String(e)));
  }, []);

  const model = models?.find((m) => m.path === settings.model) ?? models?.[0];
  const task = bank?.tasks.find((t) => t.task_id === settings.task) ?? bank?.tasks[0];
  const check = useCandidateCheck(task);
  const ci = task ? defaultCandidate(task, check.verdicts, settings.candidate) : -1;
  const cand = task && ci >= 0 ? task.candidates[ci] : undefined;
  const checked = task !== undefined && check.verdicts.length === task.candidates.length && check.verdicts.every(Boolean);
  const seed = task && ci >= 0 ? repairSeed(exp.seed, task.task_id, ci) : 0;
  const voting = `${settings.samples}|${settings.samples > 1 ? settings.temperature : 0}`;
  const runKey = `${bank?.source}|${task?.task_id}|${cand?.id}|${model?.path}|${settings.turns}|${settings.neighbours}|${voting}|${exp.seed}`;
  // The model's predictions are kept per code; they depend on how it votes (and, sampled, on the seed).
  const memoryKey = `${bank?.source}|${task?.task_id}|${model?.path}|${voting}|${settings.samples > 1 ? seed : ''}`;
  const busy = run.phase === 'busy';
  const state = run.key === runKey ? run.state : emptyRun();
  const running = REPAIR_MODES.find((m) => state.loops[m].status === 'running');
  const matched = state.loops.simulated.result ? 'simulated' : state.loops.real.result ? 'real' : 'simulated';
  const summary = summaryWords(state);
  const storyOf = useMemo(() => (task && story ? storyTask(task, story) : null), [task, story]);
  const storyCells = story ? run.prediction(story.code) : undefined;
  const [storyReal, setStoryReal] = useState<{ code: string; runs: TestRun[] } | null>(null);
  useEffect(() => {
    if (!task || !story) return;
    let live = true;
    judgeCode(task, story.code).then((v) => live && setStoryReal({ code: story.code, runs: v.public }), () => undefined);
    return () => {
      live = false;
    };
  }, [task, story]);

  const stateWords = busy && running && state.loops[running].at
    ? `${MODE_TITLES[running]}: ${whereWords(running, state.loops[running].at!, settings.turns, task?.public_tests.length ?? 0)}`
    : run.key === runKey || busy || run.phase === 'error' ? run.words : '';

  return (
    <div className="repair">
      <h2>Repair a failing candidate</h2>
      <div className="rank-explain">
        <p>
          <strong>The small model does not write code here: it judges code by dry-running it.</strong> Start from a
          candidate that fails. Each turn, the mutation engine makes the codes one change away from the current one (a
          bound off by one, a flipped comparison, another operator…). The model reads each of them with each public
          test and writes down what it thinks the call returns, without running it; the change it predicts to pass
          the most tests becomes the next attempt. It stops when it predicts every public test passes, or after the
          last turn, and hands in the attempt it predicted best.
        </p>
        <p>
          Beside it, the same walk steered by the public tests really run, and a walk with no feedback at all. The
          hidden tests, never used to steer, are then really run on what each loop handed in: fixed, or still failing
          (and for a candidate that already passes, whether the walk broke it).
        </p>
      </div>
      {problem && <p className="banner banner-error" role="alert" data-testid="repair-problem">{problem}</p>}
      {modelsProblem && <p className="banner banner-warn" role="alert">{modelsProblem}</p>}
      {check.error && <p className="banner banner-error" role="alert">{check.error}</p>}
      <div className="toolbar" role="group" aria-label="Bank, task and candidate">
        <BankPicker bank={bank} taskId={task?.task_id ?? ''} busy={busy} fileTestId="repair-bank-file"
          onTask={(id) => { setStory(null); update('repair', { task: id, candidate: '' }); }} onProblem={setProblem}
          onBank={(b, picked) => { setStory(null); setBank(b); if (picked) update('repair', { task: b.tasks[0]!.task_id, candidate: '' }); }} />
      </div>
      {task && <p className="rank-statement" data-testid="repair-statement">{task.statement}</p>}
      {task && (
        <div className="toolbar" role="group" aria-label="Starting candidate">
          <label className="inline">
            Candidate{' '}
            <select value={cand?.id ?? ''} disabled={busy} data-testid="repair-candidate"
              onChange={(e) => { setStory(null); update('repair', { candidate: e.target.value }); }}>
              {!cand && <option value="">…</option>}
              {task.candidates.map((c, i) => <option key={c.id} value={c.id}>{candidateLabel(c, check.verdicts[i])}</option>)}
            </select>
          </label>
          <span className="muted small" aria-live="polite" data-testid="repair-check">
            {checked ? (settings.candidate ? '' : 'The first candidate that really fails a public test is picked unless you choose one.')
              : `Running each candidate for real on its tests (${check.verdicts.filter(Boolean).length} of ${task.candidates.length})…`}
          </span>
        </div>
      )}
      {cand && (
        <details className="repair-start" open>
          <summary>Starting code: <code>{cand.id}</code>{cand.note ? <span className="muted small"> ({cand.note})</span> : null}</summary>
          <pre className="rank-code">{cand.code}</pre>
        </details>
      )}
      <div className="toolbar" role="toolbar" aria-label="Repair">
        <label className="inline">
          Model{' '}
          <select value={model?.path ?? ''} disabled={busy || !models?.length} onChange={(e) => update('repair', { model: e.target.value })}>
            {models?.map((m) => <option key={m.path} value={m.path}>{m.name}</option>)}
          </select>
        </label>
        <NumberField className="inline" title="Attempts after the starting code, at most" label="Turns" value={settings.turns}
          {...rangeOf(repairSlice, 'turns')} disabled={busy} inputStyle={{ width: '3.5em' }} onValue={(turns) => update('repair', { turns })} />
        <NumberField className="inline" title="Codes one change away judged per turn" label="Neighbours per turn" value={settings.neighbours}
          {...rangeOf(repairSlice, 'neighbours')} disabled={busy} inputStyle={{ width: '3.5em' }} onValue={(neighbours) => update('repair', { neighbours })} />
        <NumberField className="inline" title="Stories the model writes per test; the feedback is the answer most of them gave (1: its most likely story)"
          label="Stories per test" value={settings.samples} {...rangeOf(repairSlice, 'samples')} disabled={busy} inputStyle={{ width: '3.5em' }}
          onValue={(samples) => update('repair', { samples })} />
        {settings.samples > 1 && (
          <NumberField className="inline" title="How adventurous the sampled stories are" label="Temperature" value={settings.temperature}
            {...rangeOf(repairSlice, 'temperature')} step={0.1} disabled={busy} inputStyle={{ width: '4em' }} onValue={(temperature) => update('repair', { temperature })} />
        )}
        <button type="button" className="primary" disabled={busy || !task || !cand || !checked || !models}
          onClick={() => task && cand && (setStory(null), void run.start({ task, code: cand.code, model, turns: settings.turns,
            neighbours: settings.neighbours, samples: settings.samples, temperature: settings.temperature, seed }, runKey, memoryKey))}>
          {run.key === runKey && run.phase === 'stopped' ? 'Continue repairing' : 'Repair'}
        </button>
        <button type="button" onClick={run.stop} disabled={!busy}>Stop</button>
        <span className="run-state" aria-live="polite" data-testid="repair-state">{stateWords}</span>
      </div>
      <p className="muted small" data-testid="repair-voting">
        {settings.samples > 1 ? `${settings.samples} stories per test at temperature ${settings.temperature}; the feedback is the answer most of them gave.`
          : 'One story per test: the model’s most likely one.'} The order of the neighbours, the random walk{settings.samples > 1 ? ' and the samples' : ''} are drawn
        from the experiment’s seed, so a shared link repeats the run.
      </p>
      {state.engineProblem && (
        <p className="banner banner-warn" role="alert">The mutation engine could not make codes one change away from this one: {state.engineProblem}</p>
      )}
      {task && (
        <div className="repair-loops" data-testid="repair-loops">
          {REPAIR_MODES.map((m) => (
            <LoopColumn key={m} task={task} mode={m} loop={state.loops[m]} start={state.start} turns={settings.turns} matched={matched}
              story={story} {...(m === 'simulated' ? { onStory: setStory } : {})} />
          ))}
        </div>
      )}
      {summary && <p className="repair-summary" data-testid="repair-summary">{summary}</p>}
      {story && storyOf && model && (
        <CellDetail task={storyOf} candidate={0} test={story.test} model={model} prediction={storyCells?.[story.test]}
          real={storyReal?.code === story.code ? storyReal.runs[story.test] : undefined} onClose={() => setStory(null)} />
      )}
    </div>
  );
}
