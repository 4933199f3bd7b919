// The repair walk on a made-up neighbourhood: codes are names, feedback is a table, so each rule of the loop
// (stop when every test passes, never revisit, hand in the best seen, the random walk's matched turns) shows.
import { describe, expect, it } from 'vitest';
import type { RunRequest, Trace } from '../capture/trace.ts';
import { realFeedback, simulatedFeedback, simulatedFeedbackMany } from './feedback.ts';
import { repair, repairRates, type Feedback, type NeighboursFn } from './loop.ts';

const GRAPH: Record<string, string[]> = {
  bug: ['worse', 'near', 'other'],
  near: ['bug', 'fix', 'worse'],
  worse: ['bug', 'near'],
  other: ['bug'],
  fix: ['near'],
  stuck: [],
};
const PASSES: Record<string, number> = { bug: 2, worse: 1, near: 4, other: 2, fix: 5, stuck: 0 };

const neighbours: NeighboursFn = async (code) => (GRAPH[code] ?? []).map((c) => ({ code: c, note: `${code} -> ${c}` }));
function feedbackOf(table: Record<string, number>, asked: string[] = []) {
  return async (code: string): Promise<Feedback> => {
    asked.push(code);
    const n = table[code] ?? 0;
    const tests = Array.from({ length: 5 }, (_, i) => ({ call: `f(${i})`, expected: `${i}`, got: i < n ? `${i}` : 'x', pass: i < n }));
    return { tests, passes: n };
  };
}

describe('repair with feedback', () => {
  it('climbs to the code that passes every test and stops there', async () => {
    const r = await repair('bug', 'real', { neighbours, feedback: feedbackOf(PASSES) }, { turns: 10, neighbours: 8, seed: 1 });
    expect(r.attempts.map((a) => a.code)).toEqual(['bug', 'near', 'fix']);
    expect(r.submitted).toBe('fix');
    expect(r.stopped).toBe('all public tests pass');
    expect(r.turns).toBe(2);
    expect(r.attempts[1]!.note).toBe('bug -> near');
  });

  it('hands the starting code back untouched when it already passes', async () => {
    const asked: string[] = [];
    const r = await repair('fix', 'simulated', { neighbours, feedback: feedbackOf(PASSES, asked) });
    expect(r).toMatchObject({ submitted: 'fix', turns: 0, stopped: 'all public tests pass' });
    expect(asked).toEqual(['fix']);
  });

  it('judges only the first `neighbours` untried codes, never revisits, and hands in the best seen at the limit', async () => {
    const asked: string[] = [];
    // With one neighbour judged per turn the walk goes bug -> worse -> near (bug is tried already) -> fix.
    const one = await repair('bug', 'real', { neighbours, feedback: feedbackOf(PASSES, asked) }, { turns: 1, neighbours: 1, seed: 1 });
    expect(one.attempts.map((a) => a.code)).toEqual(['bug', 'worse']);
    expect(one.submitted).toBe('bug'); // worse passes fewer: the start is handed back
    expect(one.stopped).toBe('turn limit');
    expect(asked).toEqual(['bug', 'worse']);
    const three = await repair('bug', 'real', { neighbours, feedback: feedbackOf(PASSES) }, { turns: 3, neighbours: 1, seed: 1 });
    expect(three.attempts.map((a) => a.code)).toEqual(['bug', 'worse', 'near', 'fix']);
    expect(three.submitted).toBe('fix');
  });

  it('judges a turn\'s neighbours together with feedbackMany, walking the same path as one by one', async () => {
    const single = feedbackOf(PASSES);
    const batches: string[][] = [];
    const feedbackMany = async (codes: readonly string[]) => {
      batches.push([...codes]);
      return Promise.all(codes.map((c) => single(c)));
    };
    for (const settings of [{ turns: 10, neighbours: 8, seed: 1 }, { turns: 3, neighbours: 1, seed: 2 }, { turns: 2, neighbours: 2, seed: 7 }]) {
      batches.length = 0;
      const alone = await repair('bug', 'real', { neighbours, feedback: feedbackOf(PASSES) }, settings);
      const together = await repair('bug', 'real', { neighbours, feedbackMany }, settings);
      expect(together).toEqual(alone);
      // The start alone, then one call per turn with that turn's untried neighbours.
      expect(batches[0]).toEqual(['bug']);
      expect(batches.length).toBe(alone.turns + 1);
      expect(batches[1]!.length).toBe(Math.min(settings.neighbours, 3));
    }
  });

  it('stops when no untried neighbour is left, and when asked to', async () => {
    const r = await repair('stuck', 'real', { neighbours, feedback: feedbackOf(PASSES) });
    expect(r).toMatchObject({ stopped: 'no new neighbour', turns: 0, submitted: 'stuck' });
    const s = await repair('bug', 'real', { neighbours, feedback: feedbackOf(PASSES), shouldStop: () => true });
    expect(s).toMatchObject({ stopped: 'stopped', turns: 0 });
  });

  it('follows its feedback even when the feedback is wrong (a simulator that likes `other`)', async () => {
    const wrong = { ...PASSES, other: 5 };
    const r = await repair('bug', 'simulated', { neighbours, feedback: feedbackOf(wrong) });
    expect(r.submitted).toBe('other');
    expect(r.stopped).toBe('all public tests pass');
  });

  it('refuses a feedback loop without feedback', async () => {
    await expect(repair('bug', 'real', { neighbours })).rejects.toThrow(/needs a feedback function/);
  });
});

describe('repair without feedback', () => {
  it('walks at random for the matched number of turns, the same walk for the same seed', async () => {
    const a = await repair('bug', 'none', { neighbours }, { turns: 10, neighbours: 8, seed: 5 }, 3);
    const b = await repair('bug', 'none', { neighbours }, { turns: 10, neighbours: 8, seed: 5 }, 3);
    expect(a.attempts.map((x) => x.code)).toEqual(b.attempts.map((x) => x.code));
    expect(a.turns).toBeLessThanOrEqual(3);
    expect(a.submitted).toBe(a.attempts.at(-1)!.code);
    expect(new Set(a.attempts.map((x) => x.code)).size).toBe(a.attempts.length);
    expect(a.attempts.every((x) => x.feedback === undefined)).toBe(true);
    const walks = new Set<string>();
    for (let seed = 0; seed < 12; seed++) {
      walks.add((await repair('bug', 'none', { neighbours }, { turns: 10, neighbours: 8, seed }, 2)).attempts.map((x) => x.code).join());
    }
    expect(walks.size).toBeGreaterThan(1);
  });
});

describe('repairRates', () => {
  it('counts fixes among failing candidates and breaks among passing ones, per mode', () => {
    const rates = repairRates([
      { startedPassing: false, modes: { real: { passing: true, turns: 2 }, simulated: { passing: false, turns: 4 } } },
      { startedPassing: false, modes: { real: { passing: true, turns: 1 }, simulated: { passing: true, turns: 1 } } },
      { startedPassing: true, modes: { real: { passing: true, turns: 0 }, simulated: { passing: false, turns: 3 } } },
    ]);
    expect(rates).toMatchObject({ candidates: 3, failing: 2, passing: 1 });
    expect(rates.fix_rate).toEqual({ real: 1, simulated: 0.5 });
    expect(rates.break_rate).toEqual({ real: 0, simulated: 1 });
    expect(rates.mean_turns).toEqual({ real: 1, simulated: 8 / 3 });
  });
});

describe('feedback sources', () => {
  const task = { entry: 'f', public_tests: [{ input: '1', output: '2' }, { input: '3', output: '4' }] };

  it('real feedback runs each public test and sets the real output beside the expected one', async () => {
    const seen: RunRequest[] = [];
    const runMany = async (reqs: RunRequest[]) => reqs.map((r): Trace => {
      seen.push(r);
      return { version: 1, mode: 'call', code: r.code, call: r.call, limits: { maxSteps: 1, timeoutMs: 1 }, status: 'ok', steps: [], stdout: '',
        stdoutTruncated: false, durationMs: 0, result: r.call === 'f(1)' ? '2' : '5' };
    });
    const f = await realFeedback(task, runMany, async (a, b) => a === b)('def f(x): ...');
    expect(seen.map((r) => [r.call, r.outputOnly])).toEqual([['f(1)', true], ['f(3)', true]]);
    expect(f).toEqual({ passes: 1, tests: [
      { call: 'f(1)', expected: '2', got: '2', pass: true },
      { call: 'f(3)', expected: '4', got: '5', pass: false },
    ] });
  });

  it('simulated feedback sets the predicted output beside the expected one and asks once per code', async () => {
    let calls = 0;
    const fb = simulatedFeedback(task, async (_entry, code, tests) => {
      calls++;
      return tests.map((t) => ({ majority: code === 'good' ? t.output : null, predictedPass: code === 'good' }));
    });
    expect((await fb('good')).passes).toBe(2);
    expect((await fb('bad')).tests[0]).toEqual({ call: 'f(1)', expected: '2', got: null, pass: false });
    await fb('good');
    expect(calls).toBe(2);
  });

  it('batched simulated feedback sends only the codes not asked before, in one call, and answers in order', async () => {
    const asked: string[][] = [];
    const fb = simulatedFeedbackMany(task, async (_entry, codes, tests) => {
      asked.push([...codes]);
      return codes.map((code) => tests.map((t) => ({ majority: code === 'good' ? t.output : '0', predictedPass: code === 'good' })));
    });
    expect((await fb(['good', 'bad'])).map((f) => f.passes)).toEqual([2, 0]);
    const again = await fb(['bad', 'new', 'good', 'new']);
    expect(again.map((f) => f.passes)).toEqual([0, 0, 2, 0]);
    expect(again[1]!.tests[1]).toEqual({ call: 'f(3)', expected: '4', got: '0', pass: false });
    expect(asked).toEqual([['good', 'bad'], ['new']]);
    expect(await fb(['good'])).toEqual([again[2]]);
    expect(asked).toHaveLength(2);
  });
});
