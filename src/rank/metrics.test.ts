// The ranking figures against their definitions: rank-score@k's closed form against enumerating every k-subset
// (and every tie-break) on small random tasks, the seeded tie draw, pass@1 of the three judges, and calibration.
import { describe, expect, it } from 'vitest';
import { Rng } from '../dataset/rng.ts';
import { bankMetrics, calibrate, expectedTopPick, gapClosed, isRight, rankOrder, rankScoreAtK, rankScoreCurve, taskMetrics,
  taskSeed, type CandidateOutcome } from './metrics.ts';

/** Every k-subset of 0..n-1. */
function subsets(n: number, k: number): number[][] {
  if (k === 0) return [[]];
  if (n < k) return [];
  const without = subsets(n - 1, k);
  const withLast = subsets(n - 1, k - 1).map((s) => [...s, n - 1]);
  return [...without, ...withLast];
}

/** The definition: over all k-subsets, the mean of `right` among the subset's best-scored members. */
function bruteForce(scores: number[], right: boolean[], k: number): number {
  const all = subsets(scores.length, k);
  let total = 0;
  for (const s of all) {
    const top = Math.max(...s.map((i) => scores[i]!));
    const tied = s.filter((i) => scores[i] === top);
    total += tied.filter((i) => right[i]).length / tied.length;
  }
  return total / all.length;
}

describe('rank-score@k', () => {
  it('equals brute-force enumeration of all subsets on 300 small random tasks, ties included', () => {
    const rng = new Rng(7);
    for (let trial = 0; trial < 300; trial++) {
      const n = rng.intIn(1, 8);
      const levels = rng.intIn(1, 4); // few levels: many ties
      const scores = Array.from({ length: n }, () => rng.int(levels));
      const right = Array.from({ length: n }, () => rng.chance(0.4));
      for (let k = 1; k <= n; k++) expect(rankScoreAtK(scores, right, k)).toBeCloseTo(bruteForce(scores, right, k), 12);
    }
  });

  it('is the share of right candidates at k = 1 and the mean over the top tie at k = N; k > N counts as N', () => {
    const scores = [5, 3, 5, 1, 5];
    const right = [true, true, false, false, false];
    expect(rankScoreAtK(scores, right, 1)).toBeCloseTo(2 / 5, 12);
    expect(rankScoreAtK(scores, right, 5)).toBeCloseTo(1 / 3, 12);
    expect(rankScoreAtK(scores, right, 5)).toBeCloseTo(expectedTopPick(scores, right), 12);
    expect(rankScoreAtK(scores, right, 9)).toBe(rankScoreAtK(scores, right, 5));
    expect(rankScoreCurve(scores, right)).toHaveLength(5);
    // A judge that scores the right ones highest climbs to 1.
    const curve = rankScoreCurve([1, 1, 0, 0], [true, true, false, false]);
    expect(curve[0]).toBeCloseTo(0.5, 12);
    expect(curve[3]).toBe(1);
    for (let i = 1; i < curve.length; i++) expect(curve[i]!).toBeGreaterThanOrEqual(curve[i - 1]! - 1e-12);
  });
});

describe('the seeded draw', () => {
  it('puts higher scores first and shuffles a tie by the seed, the same way for any scores', () => {
    const a = rankOrder([1, 3, 3, 0, 3], 11);
    expect(a.slice(0, 3).sort()).toEqual([1, 2, 4]);
    expect(a.slice(3)).toEqual([0, 3]);
    expect(rankOrder([1, 3, 3, 0, 3], 11)).toEqual(a);
    const picks = new Set(Array.from({ length: 40 }, (_, s) => rankOrder([2, 2, 2], s)[0]));
    expect(picks.size).toBe(3);
    // All tied: the order is the seed's shuffle, whatever the common score.
    expect(rankOrder([4, 4, 4, 4], 5)).toEqual(rankOrder([0, 0, 0, 0], 5));
  });

  it('derives a task seed from the run seed and the task name, not its position', () => {
    expect(taskSeed(1, 'clamp')).toBe(taskSeed(1, 'clamp'));
    expect(taskSeed(1, 'clamp')).not.toBe(taskSeed(2, 'clamp'));
    expect(taskSeed(1, 'clamp')).not.toBe(taskSeed(1, 'fizzbuzz'));
  });
});

describe('taskMetrics and bankMetrics', () => {
  const c = (id: string, predicted: number, real: number, right: boolean): CandidateOutcome => ({ id, predicted, real, right });
  const task = [c('ref', 5, 5, true), c('alt', 4, 5, true), c('hid', 5, 5, false), c('bug1', 2, 3, false), c('bug2', 5, 0, false)];

  it('scores the three judges: random exactly, the model and the oracle drawn and over their ties', () => {
    const m = taskMetrics('t', task, 1);
    expect(m.pass1_random).toBeCloseTo(2 / 5, 12);
    expect(m.pass1_model_expected).toBeCloseTo(1 / 3, 12); // ref, hid, bug2 tie at 5 predicted
    expect(m.pass1_oracle_expected).toBeCloseTo(2 / 3, 12); // ref, alt, hid really pass all 5
    expect(['ref', 'hid', 'bug2']).toContain(m.model_pick);
    expect(m.pass1_model).toBe(m.model_pick === 'ref' ? 1 : 0);
    expect(['ref', 'alt', 'hid']).toContain(m.oracle_pick);
    expect(m.ranking[0]).toBe(m.model_pick);
    expect(m.ranking.slice(3)).toEqual(['alt', 'bug1']);
    expect(m.rank_score_at_k[0]).toBeCloseTo(m.pass1_random, 12);
    expect(m.rank_score_at_k[4]).toBeCloseTo(m.pass1_model_expected, 12);
    expect(m.rank_score_oracle_at_k[4]).toBeCloseTo(m.pass1_oracle_expected, 12);
    // Over many seeds the drawn pick averages to the expected value.
    const drawn = Array.from({ length: 3000 }, (_, s) => taskMetrics('t', task, s).pass1_model);
    expect(drawn.reduce((a, b) => a + b, 0) / drawn.length).toBeCloseTo(1 / 3, 1);
  });

  it('averages over tasks, holds a smaller task at its N on the curve, and measures the gap closed', () => {
    const small = taskMetrics('s', [c('a', 1, 1, true), c('b', 0, 0, false)], 3);
    const big = taskMetrics('t', task, 1);
    const b = bankMetrics([big, small], []);
    expect(b.tasks).toBe(2);
    expect(b.candidates).toBe(7);
    expect(b.pass1_random).toBeCloseTo((0.4 + 0.5) / 2, 12);
    expect(Object.keys(b.rank_score_at_k)).toEqual(['1', '2', '3', '4', '5']);
    expect(b.rank_score_at_k['5']).toBeCloseTo((big.rank_score_at_k[4]! + 1) / 2, 12);
    expect(b.gap_closed).toBeCloseTo((b.pass1_model_expected - b.pass1_random) / (b.pass1_oracle_expected - b.pass1_random), 12);
    expect(gapClosed(0.5, 0.7, 0.5)).toBeNull();
    expect(gapClosed(0.2, 0.5, 0.8)).toBeCloseTo(0.5, 12);
  });

  it('calls a candidate right when it passes every hidden test, or every public one when there are none', () => {
    const pass = { pass: true, status: 'ok' as const };
    const fail = { pass: false, status: 'ok' as const };
    expect(isRight({ public: [fail], hidden: [pass, pass] })).toBe(true);
    expect(isRight({ public: [pass], hidden: [pass, fail] })).toBe(false);
    expect(isRight({ public: [pass, pass], hidden: [] })).toBe(true);
    expect(isRight({ public: [pass, fail], hidden: [] })).toBe(false);
  });
});

describe('calibrate', () => {
  it('counts the 2x2 table, precision and recall of "predicted pass", and agreement buckets', () => {
    const cells = [
      { predictedPass: true, realPass: true, agreement: 1 },
      { predictedPass: true, realPass: true, agreement: 0.75 },
      { predictedPass: true, realPass: false, agreement: 0.5 },
      { predictedPass: false, realPass: true, agreement: 0.5 },
      { predictedPass: false, realPass: false, agreement: 1 },
      { predictedPass: false, realPass: false, agreement: 0 },
    ];
    const k = calibrate(cells);
    expect(k.cells).toBe(6);
    expect(k.table).toEqual({ predicted_pass: { real_pass: 2, real_fail: 1 }, predicted_fail: { real_pass: 1, real_fail: 2 } });
    expect(k.precision).toBeCloseTo(2 / 3, 12);
    expect(k.recall).toBeCloseTo(2 / 3, 12);
    expect(k.agreement).toBeCloseTo(4 / 6, 12);
    expect(k.buckets.map((b) => b.cells)).toEqual([1, 0, 2, 1, 2]);
    expect(k.buckets.reduce((a, b) => a + b.cells, 0)).toBe(6);
    expect(k.buckets[2]).toMatchObject({ from: 0.4, to: 0.6, right: 0, predicted_pass: 1, real_pass_when_predicted_pass: 0 });
    expect(k.buckets[4]).toMatchObject({ from: 0.8, to: 1, right: 1, predicted_pass: 1, real_pass_when_predicted_pass: 1 });
    expect(k.buckets[1]!.right).toBeNull();
    expect(calibrate([]).precision).toBeNull();
  });
});
