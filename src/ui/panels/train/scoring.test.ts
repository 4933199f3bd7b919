// The Train panel's scoring: the model's answer is compared with the real output by value, in Python (here the
// Node runner's Pyodide, the same `compare` as the page's runner worker), through the real `scoreSample` and
// `evaluateRows`'s compare option; while Python loads it waits; only a Python that cannot start falls back to
// exact text, and says so.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeRunner, type NodeRunner } from '../../../capture/node/runner.ts';
import type { RunnerStatus } from '../../../capture/client.ts';
import { scoreSample } from '../../../evaluate/score.ts';
import { AnswerScorer, modeWords, scoringNote, type ValueComparer } from './scoring.ts';

/** A stand-in for the page's RunnerClient: its status can be set, its compare delegated. */
function fakeRunner(compare: (a: string, b: string) => Promise<boolean>, status: RunnerStatus = { state: 'ready' }) {
  const listeners = new Set<(s: RunnerStatus) => void>();
  const runner: ValueComparer & { set(s: RunnerStatus): void; calls: number } = {
    calls: 0,
    compare: (a, b) => {
      runner.calls++;
      return compare(a, b);
    },
    onStatus: (cb) => {
      listeners.add(cb);
      cb(status);
      return () => listeners.delete(cb);
    },
    set: (s) => {
      status = s;
      for (const cb of listeners) cb(s);
    },
  };
  return runner;
}

const answer = (value: string) => `[ANSWER]\nassert f(1) == ${value}\n[/ANSWER]`;

describe('answers compared in Python', () => {
  let node: NodeRunner;
  beforeAll(async () => {
    node = await createNodeRunner({ processes: 1 });
  }, 60_000);
  afterAll(async () => {
    await node.close();
  });

  it('counts an answer that differs from the truth only in form as right, and a different value as wrong', async () => {
    const scorer = new AnswerScorer(fakeRunner((a, b) => node.compare(a, b))).session();
    const score = (generated: string, output: string) => scoreSample(generated, { output }, scorer.compare);
    expect((await score(answer('1.0'), '1.00000001')).correct).toBe(true);
    expect((await score(answer('(1,2)'), '(1, 2)')).correct).toBe(true);
    expect((await score(answer("{'b': 2, 'a': 1}"), "{'a': 1, 'b': 2}")).correct).toBe(true);
    expect((await score(answer('1.0'), '1.5')).correct).toBe(false);
    expect((await score(answer("'1'"), '1')).correct).toBe(false);
    expect(scorer.take()).toBe('python');
    expect(scorer.take()).toBeNull();
  });
});

describe('AnswerScorer', () => {
  it('waits for Python while it loads rather than falling back', async () => {
    let release!: (v: boolean) => void;
    const runner = fakeRunner(() => new Promise<boolean>((r) => (release = r)), { state: 'loading', progress: 0.3 });
    const scorer = new AnswerScorer(runner).session();
    let settled: boolean | undefined;
    const pending = Promise.resolve(scorer.compare('1.00000001', '1.0')).then((v) => (settled = v));
    await new Promise((r) => setTimeout(r, 20));
    expect(settled).toBeUndefined();
    runner.set({ state: 'ready' });
    release(true);
    await pending;
    expect(settled).toBe(true);
    expect(scorer.take()).toBe('python');
  });

  it('falls back to exact text, labelled, when Python cannot start', async () => {
    const runner = fakeRunner(async () => true, { state: 'idle', message: 'Python failed to load: boom' });
    const scorer = new AnswerScorer(runner).session();
    expect(await scorer.compare('1.00000001', '1.0')).toBe(false);
    expect(await scorer.compare('3', ' 3 ')).toBe(true);
    expect(runner.calls).toBe(0);
    expect(scorer.take()).toBe('exact');
    expect(modeWords('exact')).toMatch(/exact text \(fallback/);
  });

  it("does not take a dying Python's false for a verdict", async () => {
    const runner = fakeRunner(async () => {
      runner.set({ state: 'idle', message: 'Python failed to load: out of memory' });
      return false;
    });
    const scorer = new AnswerScorer(runner).session();
    expect(await scorer.compare('7', '7')).toBe(true);
    expect(scorer.take()).toBe('exact');
  });

  it('keeps the counts of calls in flight together apart', async () => {
    const scorer = new AnswerScorer(fakeRunner(async () => true));
    const a = scorer.session();
    const b = scorer.session();
    await a.compare('1', '1.0');
    expect(b.take()).toBeNull();
    expect(a.take()).toBe('python');
  });

  it('mixed verdicts are labelled as mixed', async () => {
    const runner = fakeRunner(async () => true);
    const scorer = new AnswerScorer(runner).session();
    await scorer.compare('1', '1.0');
    runner.set({ state: 'idle', message: 'Python failed to start: worker error' });
    await scorer.compare('1', '1');
    expect(scorer.take()).toBe('mixed');
  });
});

describe('scoringNote', () => {
  it('says how answers are compared in each state of Python', () => {
    expect(scoringNote({ state: 'ready' })).toMatch(/by value in Python.*1e-5/);
    expect(scoringNote({ state: 'busy' })).toMatch(/by value in Python/);
    expect(scoringNote({ state: 'loading', progress: 0.42 })).toMatch(/Python is loading \(42 %\).*waits/);
    expect(scoringNote({ state: 'restarting', message: 'Restarting Python…' })).toMatch(/loading/);
    expect(scoringNote({ state: 'idle', message: 'Python failed to load: x' })).toMatch(/exact text instead: a fallback/);
  });
});
