import { describe, expect, it } from 'vitest';
import type { BankTask } from '../../../rank/bank.ts';
import type { CandidateVerdict, TestRun } from '../../../rank/judge.ts';
import type { CellPrediction } from '../../../rank/simulate.ts';
import { agreementWords, cellOutcomes, emptyProgress, pickSentence, taskView } from './view.ts';

const task: BankTask = {
  task_id: 't', statement: '', entry: 'f',
  public_tests: [{ input: '1', output: '1' }, { input: '2', output: '2' }],
  hidden_tests: [{ input: '3', output: '3' }],
  candidates: [
    { id: 'ref', code: '', kind: 'correct', note: '' },
    { id: 'bug', code: '', kind: 'bug', note: 'off by one' },
  ],
};
const run = (pass: boolean): TestRun => ({ pass, status: 'ok', actual: pass ? '1' : '0' });
const verdict = (id: string, pub: boolean[], hid: boolean[]): CandidateVerdict =>
  ({ id, kind: 'bug', public: pub.map(run), hidden: hid.map(run) });
const cell = (predictedPass: boolean, agreement = 1): CellPrediction =>
  ({ outputs: ['1', '1'], majority: '1', agreement, predictedPass });

describe('taskView', () => {
  it('fills cells as runs and predictions finish, and ranks only once every candidate is judged both ways', () => {
    const p = emptyProgress(task);
    let v = taskView(task, p, 1);
    expect(v.rows.map((r) => r.cells)).toEqual([[{}, {}], [{}, {}]]);
    expect(v).toMatchObject({ realDone: 0, modelDone: 0, complete: false, metrics: null });

    p.real = [verdict('ref', [true, true], [true]), verdict('bug', [true, false], [false])];
    p.model[1] = [cell(true), cell(true)];
    v = taskView(task, p, 1);
    expect(v.rows[0]).toMatchObject({ realPublic: 2, right: true, predicted: null, place: null });
    expect(v.rows[1]).toMatchObject({ realPublic: 1, right: false, predicted: 2 });
    expect(v.rows[1]!.cells[1]).toEqual({ model: cell(true), real: run(false) });
    expect(v.complete).toBe(false);

    p.model[0] = [cell(true), cell(false, 0.5)];
    v = taskView(task, p, 1);
    expect(v.complete).toBe(true);
    // The bug is predicted to pass both tests, the reference one: the model ranks the bug first.
    expect(v.metrics).toMatchObject({ model_pick: 'bug', oracle_pick: 'ref', pass1_model: 0, pass1_oracle: 1, pass1_random: 0.5 });
    expect(v.rows.map((r) => r.place)).toEqual([2, 1]);
    expect(pickSentence(v)).toBe('The model’s pick, bug, is wrong on the hidden tests; choosing by the real public runs picks ref, right; ' +
      'a random pick is right 1 times in 2.');
    expect(cellOutcomes(p)).toEqual([
      { predictedPass: true, realPass: true, agreement: 1 }, { predictedPass: false, realPass: true, agreement: 0.5 },
      { predictedPass: true, realPass: true, agreement: 1 }, { predictedPass: true, realPass: false, agreement: 1 },
    ]);
  });
});

describe('agreementWords', () => {
  it('says how many samples agree, or why there is no answer', () => {
    expect(agreementWords({ outputs: ['1', '1', '2'], majority: '1', agreement: 2 / 3, predictedPass: true })).toBe('2 of 3');
    expect(agreementWords({ outputs: ['1'], majority: '1', agreement: 1, predictedPass: true })).toBe('greedy');
    expect(agreementWords({ outputs: [null, null], majority: null, agreement: 0, predictedPass: false })).toBe('no answer in 2 samples');
    expect(agreementWords({ outputs: [null], majority: null, agreement: 0, predictedPass: false, tooLong: true })).toBe('too long to ask');
  });
});
