import { describe, expect, it } from 'vitest';
import type { BankTask } from '../../../rank/bank.ts';
import type { CandidateVerdict, TestRun } from '../../../rank/judge.ts';
import type { Attempt, RepairResult } from '../../../repair/loop.ts';
import {
  candidateLabel, changedLines, defaultCandidate, emptyRun, handedIn, hiddenVerdictOf, reduceRun, repairSeed, resumable,
  stoppedWords, summaryWords, verdictSentence, verdictWord, whereWords, type HiddenVerdict,
} from './view.ts';

const run = (pass: boolean): TestRun => ({ pass, status: 'ok', actual: pass ? '1' : '0' });
const verdict = (pub: boolean[], hid: boolean[]): CandidateVerdict => ({ id: 'c', kind: 'bug', public: pub.map(run), hidden: hid.map(run) });
const task: Pick<BankTask, 'candidates'> = {
  candidates: ['ref', 'hid', 'pub', 'pub2'].map((id) => ({ id, code: '', kind: id === 'ref' ? 'correct' : 'bug', note: '' })),
};
const fb = (passes: number, n = 2) => ({ passes, tests: Array.from({ length: n }, (_, i) => ({ call: `f(${i})`, expected: '1', got: i < passes ? '1' : '0', pass: i < passes })) });
const attempt = (turn: number, code: string, passes?: number): Attempt => ({ turn, code, note: turn ? `change ${turn}` : '',
  ...(passes === undefined ? {} : { feedback: fb(passes) }) });
const result = (mode: RepairResult['mode'], submitted: string, turns: number, stopped: RepairResult['stopped']): RepairResult =>
  ({ mode, attempts: [], submitted, turns, stopped });
const failing: HiddenVerdict = { passing: false, passed: 2, total: 5, onPublic: false };
const passing: HiddenVerdict = { passing: true, passed: 5, total: 5, onPublic: false };

describe('hiddenVerdictOf', () => {
  it('judges on the hidden tests, or on the public ones when the task has none', () => {
    expect(hiddenVerdictOf(verdict([true, false], [true, true, false]))).toEqual({ passing: false, passed: 2, total: 3, onPublic: false });
    expect(hiddenVerdictOf(verdict([true, true], []))).toEqual({ passing: true, passed: 2, total: 2, onPublic: true });
  });
});

describe('defaultCandidate', () => {
  const checked = [verdict([true], [true]), verdict([true], [false]), verdict([false], [false]), verdict([false], [true])];
  it('takes the candidate named in the link, else the first that really fails a public test', () => {
    expect(defaultCandidate(task, checked, 'pub2')).toBe(3);
    expect(defaultCandidate(task, checked, '')).toBe(2);
    expect(defaultCandidate(task, checked, 'gone')).toBe(2);
  });
  it('waits for the runs before the first failing one, and falls back to a hidden failure, then the first', () => {
    expect(defaultCandidate(task, [checked[0], undefined, checked[2], undefined], '')).toBe(-1);
    expect(defaultCandidate(task, [checked[0], checked[1], checked[2], undefined], '')).toBe(2);
    expect(defaultCandidate(task, [checked[0], checked[1], checked[0], checked[0]], '')).toBe(1);
    expect(defaultCandidate(task, [checked[0], checked[0], checked[0], checked[0]], '')).toBe(0);
    expect(defaultCandidate({ candidates: [] }, [], '')).toBe(-1);
  });
  it('labels candidates by their real runs', () => {
    expect(candidateLabel({ id: 'mut2', kind: 'bug' }, undefined)).toBe('mut2 (bug)');
    expect(candidateLabel({ id: 'mut2', kind: 'bug' }, verdict([true, false], [false, true]))).toBe('mut2: passes 1 of 2 public, fails 1 of 2 hidden');
    expect(candidateLabel({ id: 'ref', kind: 'correct' }, verdict([true], [true]))).toBe('ref: passes 1 of 1 public, passes the hidden tests');
  });
});

describe('changedLines', () => {
  it('marks the lines between the unchanged head and tail of the new code', () => {
    const a = 'def f(n):\n    t = 0\n    for i in range(n):\n        t += i\n    return t\n';
    expect(changedLines(a, a.replace('range(n)', 'range(n - 1)'))).toEqual([3]);
    expect(changedLines(a, a.replace('t = 0', 't = 1'))).toEqual([2]);
    expect(changedLines(a, a)).toEqual([]);
    // A removed `if` leaves no line of its own in the new code.
    const b = 'def f(x):\n    if x < 0:\n        return 0\n    return x\n';
    expect(changedLines(b, 'def f(x):\n    return x\n')).toEqual([]);
  });
});

describe('the run reducer', () => {
  it('fills a loop as its attempts come, then its result and verdict; Continue keeps only finished loops', () => {
    let s = emptyRun();
    s = reduceRun(s, { type: 'start-judged', verdict: failing });
    s = reduceRun(s, { type: 'loop-start', mode: 'simulated' });
    expect(s.loops.simulated).toMatchObject({ status: 'running', at: { turn: 0, neighbour: 0 } });
    s = reduceRun(s, { type: 'attempt', mode: 'simulated', attempt: attempt(0, 'a', 0) });
    s = reduceRun(s, { type: 'at', mode: 'simulated', at: { turn: 1, neighbour: 2, of: 3 } });
    s = reduceRun(s, { type: 'attempt', mode: 'simulated', attempt: attempt(1, 'b', 2) });
    s = reduceRun(s, { type: 'loop-done', mode: 'simulated', result: result('simulated', 'b', 1, 'all public tests pass') });
    s = reduceRun(s, { type: 'hidden', mode: 'simulated', verdict: passing });
    s = reduceRun(s, { type: 'loop-start', mode: 'real' });
    s = reduceRun(s, { type: 'attempt', mode: 'real', attempt: attempt(0, 'a', 0) });
    s = reduceRun(s, { type: 'loop-stopped', mode: 'real' });
    expect(s.loops.simulated).toMatchObject({ status: 'done', at: null, hidden: passing });
    expect(s.loops.simulated.attempts.map((a) => a.code)).toEqual(['a', 'b']);
    expect(s.loops.real).toMatchObject({ status: 'stopped', at: null });
    expect(s.loops.none.status).toBe('waiting');

    const again = resumable(s);
    expect(again.start).toBe(failing);
    expect(again.loops.simulated).toBe(s.loops.simulated);
    expect(again.loops.real).toEqual(emptyRun().loops.real);
    // A loop started again begins from its first attempt.
    expect(reduceRun(s, { type: 'loop-start', mode: 'real' }).loops.real.attempts).toEqual([]);
    expect(reduceRun(s, { type: 'loop-error', mode: 'none', error: 'x' }).loops.none).toMatchObject({ status: 'error', error: 'x' });
    expect(reduceRun(s, { type: 'engine-problem', message: 'bad' }).engineProblem).toBe('bad');
  });
});

describe('words', () => {
  it('says what each loop handed in, and why it stopped', () => {
    const l = { attempts: [attempt(0, 'a', 0), attempt(1, 'b', 2), attempt(2, 'c', 1)], result: result('simulated', 'b', 2, 'turn limit') };
    expect(handedIn(l)).toBe(1);
    expect(stoppedWords(l, 2)).toBe('Used all 2 turns without every public test passing; handed in the one that passed most: turn 1’s code.');
    expect(stoppedWords({ ...l, result: result('simulated', 'b', 1, 'all public tests pass') }, 10))
      .toBe('The model predicts every public test passes, so it handed in turn 1’s code.');
    expect(stoppedWords({ ...l, result: result('real', 'a', 0, 'all public tests pass') }, 10))
      .toBe('Every public test really passes, so it handed in the starting code.');
    expect(stoppedWords({ attempts: l.attempts, result: result('none', 'c', 2, 'turns matched') }, 10, 'real'))
      .toBe('Walked 2 turns, as many as the real loop took, and handed in where it ended.');
    expect(stoppedWords({ attempts: [], result: null }, 10)).toBe('');
  });

  it('names the verdict against the start: fixed, still failing, broken, still passing', () => {
    expect(verdictWord(failing, passing)).toBe('fixed');
    expect(verdictWord(failing, failing)).toBe('still failing');
    expect(verdictWord(passing, failing)).toBe('broken');
    expect(verdictWord(passing, passing)).toBe('still passing');
    expect(verdictSentence(failing, passing)).toBe('Fixed: the code it handed in passes all 5 hidden tests, really run.');
    expect(verdictSentence(passing, { ...failing, onPublic: true }))
      .toBe('Broken: the code it handed in passes 2 of 5 public tests (the task has no hidden ones), really run.');
  });

  it('tells where a loop is: turn N of T, neighbour i of M', () => {
    expect(whereWords('simulated', { turn: 0, neighbour: 0, of: 0 }, 10, 5)).toBe('Starting code: the model is dry-running it on 5 public tests…');
    expect(whereWords('simulated', { turn: 2, neighbour: 3, of: 8 }, 10, 5))
      .toBe('Turn 2 of 10: the model is dry-running neighbour 3 of 8 on 5 public tests…');
    expect(whereWords('real', { turn: 1, neighbour: 0, of: 0 }, 2, 1)).toBe('Turn 1 of 2: asking the mutation engine for codes one change away…');
    expect(whereWords('real', { turn: 1, neighbour: 1, of: 2 }, 2, 1)).toBe('Turn 1 of 2: really running neighbour 1 of 2 on 1 public test…');
    expect(whereWords('none', { turn: 1, neighbour: 0, of: 0 }, 3, 5)).toBe('Turn 1 of at most 3: picking a random neighbour…');
  });

  it('sums the run up once loops have verdicts', () => {
    let s = reduceRun(emptyRun(), { type: 'start-judged', verdict: failing });
    expect(summaryWords(s)).toBe('');
    s = reduceRun(s, { type: 'loop-done', mode: 'simulated', result: result('simulated', 'b', 1, 'all public tests pass') });
    s = reduceRun(s, { type: 'hidden', mode: 'simulated', verdict: passing });
    s = reduceRun(s, { type: 'loop-done', mode: 'none', result: result('none', 'c', 1, 'turns matched') });
    s = reduceRun(s, { type: 'hidden', mode: 'none', verdict: failing });
    expect(summaryWords(s)).toBe('');
    s = reduceRun(s, { type: 'loop-error', mode: 'real', error: 'x' });
    expect(summaryWords(s)).toBe('The starting code fails the hidden tests; simulated feedback: fixed in 1 turn; real feedback: could not run; ' +
      'no feedback: still failing in 1 turn.');
  });

  it('seeds each candidate from the experiment seed and the task', () => {
    expect(repairSeed(1, 'clamp', 0)).toBe(repairSeed(1, 'clamp', 0));
    expect(new Set([repairSeed(1, 'clamp', 0), repairSeed(1, 'clamp', 1), repairSeed(2, 'clamp', 0), repairSeed(1, 'fib', 0)]).size).toBe(4);
  });
});
