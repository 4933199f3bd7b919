// A session through the RL panel's view: a new run, two steps, a pause, a reload that resumes the saved run.
import { describe, expect, it } from 'vitest';
import type { RlLog, Rollout } from '../../../rl/grpo.ts';
import type { RlInfo, RlRowView } from '../../../rl/run-events.ts';
import { groupsOf } from './rollouts.ts';
import { canResume, initialView, isBusy, progressOf, rlView, type Action, type RlView } from './view.ts';

const rollout = (rowId: string, reward: number, correct = reward > 0): Rollout => ({ rowId, level: 1, text: 'story', reward, advantage: 0,
  length: 5, score: { answer: correct ? '3' : '4', correct, tracePrefix: 0, traceTotal: 0 } });

function log(step: number, rewardMean: number, rollouts: Rollout[] = []): RlLog {
  return { step, rewardMean, accuracy: (rewardMean + 1) / 2, signal: 0.5, kl: 0.01 * step, entropy: 1, responseLength: 40,
    clipFraction: 0, tokensPerS: 10, ms: { sample: 1000, reward: 10, update: 990 }, rollouts };
}

const info = (step: number, history: RlInfo['history'] = []): RlInfo => ({ step, steps: 4, config: {} as never, from: 'Story model',
  params: 100, history, rows: 10, dataLabel: 'the shipped sample' });
const rows: RlRowView[] = [{ id: 'a', level: 1, prompt: 'p', output: '3' }];

const run = (v: RlView, ...actions: Action[]) => actions.reduce(rlView, v);

describe('the RL view', () => {
  it('follows a run: its steps chart, the latest rollouts show, a pause keeps Resume', () => {
    let v = run(initialView, { type: 'backend', backend: 'wasm', message: 'Using wasm.' });
    expect(v.phase).toBe('ready');
    v = run(v, { type: 'show', info: info(0), message: 'New RL run.' }, { type: 'run-started', lead: 'New RL run.' });
    expect(v.message).toBe('New RL run. Reinforcing…');
    expect(isBusy(v)).toBe(true);
    const first = log(0, -0.5, [rollout('a', 1), rollout('a', -1)]);
    v = run(v, { type: 'event', event: { kind: 'step', log: first, rows, steps: 4, numTensors: 60, ms: 2000 } },
      { type: 'event', event: { kind: 'step', log: log(1, 0), rows, steps: 4, numTensors: 60, ms: 3000 } });
    expect(v.series.rewardMean).toEqual({ xs: [1, 2], ys: [-0.5, 0] });
    expect(v.series.kl.ys).toEqual([0, 0.01]);
    expect(v.tensors).toEqual([60, 60]);
    expect(v.latest?.log.step).toBe(1);
    expect(progressOf(v)).toEqual({ step: 2, steps: 4, rewardMean: 0, accuracy: 0.5, msPerStep: 2500 });
    v = run(v, { type: 'event', event: { kind: 'saved', step: 2 } }, { type: 'run-ended', info: info(2), end: 'paused' });
    expect(v.phase).toBe('paused');
    expect(v.lastSaved).toBe(2);
    expect(canResume(v)).toBe(true);
    expect(v.message).toMatch(/^Paused at step 2, and saved/);
  });

  it('shows a resumed run’s history, and its last step in the status line before it takes one', () => {
    const history = [log(0, -1), log(1, -0.5)].map(({ rollouts: _, ...f }) => f);
    const v = run(initialView, { type: 'show', info: info(2, history), message: 'Resumed' });
    expect(v.series.accuracy).toEqual({ xs: [1, 2], ys: [0, 0.25] });
    expect(v.phase).toBe('paused');
    expect(progressOf(v)).toMatchObject({ step: 2, steps: 4, msPerStep: 2000 });
    expect(run(v, { type: 'run-ended', info: info(4), end: 'done' })).toMatchObject({ phase: 'done', message: 'Done: 4 steps.' });
    expect(canResume(run(v, { type: 'run-ended', info: info(4), end: 'done' }))).toBe(false);
  });

  it('keeps a failed save until one succeeds, and reports an error', () => {
    let v = run(initialView, { type: 'event', event: { kind: 'save-failed', step: 5, message: 'disk full' } });
    expect(v.saveProblem).toBe('disk full');
    v = run(v, { type: 'event', event: { kind: 'saved', step: 10 } });
    expect(v.saveProblem).toBeNull();
    expect(run(v, { type: 'run-failed', error: 'boom' })).toMatchObject({ phase: 'failed', message: 'The RL run stopped with an error: boom' });
  });
});

describe('rollout groups', () => {
  it('cut a step into one group per program, with its right answers and whether it carries signal', () => {
    const two: RlRowView[] = [...rows, { id: 'b', level: 2, prompt: 'q', output: '4' }];
    const groups = groupsOf(two, [rollout('a', 1), rollout('a', -1), rollout('b', -1), rollout('b', -1)]);
    expect(groups.map((g) => [g.row.id, g.right, g.signal, g.meanReward])).toEqual([['a', 1, true, 0], ['b', 0, false, -1]]);
    expect(groupsOf([], [])).toEqual([]);
  });
});
