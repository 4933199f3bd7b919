// Self-verification's figures (docs/bank.md, "Ranking"): which candidate a judge picks from its public-test
// passes, and how often the pick is really right on the hidden tests. Three judges: a uniformly random pick, the
// model (the most *predicted* public passes, from dry-running each candidate on each test) and the oracle (the
// most *real* public passes). Ties are broken by a seeded draw, and the expected value over the tie is reported
// beside the draw. rank-score@k, the unbiased estimator: draw k of the N candidates uniformly, pick the one the
// judge scores highest (ties at random), and take the expected hidden pass rate, in closed form. Calibration sets
// every predicted pass/fail against the real one. Pure: shared by `npm run rank` and the page.
import { itemSeed, Rng } from '../dataset/rng.ts';
import type { CandidateVerdict } from './judge.ts';

/** One candidate of one task, as the judges see it. */
export interface CandidateOutcome {
  id: string;
  /** Public tests the model predicts it passes (the majority of its samples equals the expected output). */
  predicted: number;
  /** Public tests it really passes. */
  real: number;
  /** It passes every hidden test (every public test when the task has no hidden tests). */
  right: boolean;
}

/** Really right: passes every hidden test (every public test when the task has none, as a CRUXEval-style bank). */
export function isRight(v: Pick<CandidateVerdict, 'public' | 'hidden'>): boolean {
  return (v.hidden.length ? v.hidden : v.public).every((r) => r.pass);
}

/** A seed for one task: from the run's seed and the task's name, so a task's draw does not depend on its line. */
export function taskSeed(seed: number, taskId: string): number {
  let h = 0x811c9dc5; // FNV-1a
  for (let i = 0; i < taskId.length; i++) h = Math.imul(h ^ taskId.charCodeAt(i), 0x01000193) >>> 0;
  return itemSeed(seed, h);
}

/**
 * Candidates' indices, best score first; within a tie the order is a seeded shuffle (the same seed gives the same
 * shuffle for any scores, so the model and the oracle break ties the same way). `order[0]` is the pick.
 */
export function rankOrder(scores: readonly number[], seed: number): number[] {
  const shuffled = new Rng(seed).shuffle(scores.map((_, i) => i));
  const place = new Map(shuffled.map((ci, at) => [ci, at]));
  return scores.map((_, i) => i).sort((a, b) => scores[b]! - scores[a]! || place.get(a)! - place.get(b)!);
}

/** The expected hidden pass of a pick among the top-scoring candidates, each as likely (the tie's mean). */
export function expectedTopPick(scores: readonly number[], right: readonly boolean[]): number {
  if (!scores.length) return 0;
  const top = Math.max(...scores);
  const tied = scores.flatMap((s, i) => (s === top ? [i] : []));
  return tied.filter((i) => right[i]).length / tied.length;
}

/** C(m, k) / C(n, k) for 0 <= m <= n, as a product of ratios (no large numbers). */
function binomialRatio(m: number, n: number, k: number): number {
  if (k > m) return 0;
  let r = 1;
  for (let i = 0; i < k; i++) r *= (m - i) / (n - i);
  return r;
}

/**
 * rank-score@k: the expected hidden pass rate of the judge's pick from k candidates drawn uniformly without
 * replacement from the N, ties in the drawn set broken uniformly. Closed form over score levels s: the draw's best
 * score is s in C(n_s + b_s, k) - C(b_s, k) of the C(N, k) draws (b_s candidates score below s, n_s exactly s), and
 * given that, the pick is uniform over the level, so it is right with probability H_s / n_s (H_s right ones).
 * k above N counts as N (drawing k of N when k > N draws them all).
 */
export function rankScoreAtK(scores: readonly number[], right: readonly boolean[], k: number): number {
  const n = scores.length;
  if (!n) return 0;
  const kk = Math.max(1, Math.min(n, Math.round(k)));
  const levels = [...new Set(scores)].sort((a, b) => a - b);
  let below = 0;
  let total = 0;
  for (const s of levels) {
    const members = scores.flatMap((x, i) => (x === s ? [i] : []));
    const hits = members.filter((i) => right[i]).length;
    const share = binomialRatio(below + members.length, n, kk) - binomialRatio(below, n, kk);
    total += (hits / members.length) * share;
    below += members.length;
  }
  return total;
}

/** rank-score@k for k = 1..N. */
export function rankScoreCurve(scores: readonly number[], right: readonly boolean[]): number[] {
  return scores.map((_, i) => rankScoreAtK(scores, right, i + 1));
}

/** One task's figures. pass@1 values are 0 or 1 for a drawn pick, a share for an expected one. */
export interface TaskMetrics {
  task_id: string;
  candidates: number;
  /** A uniformly random candidate: the share of right ones (exact expected value). */
  pass1_random: number;
  /** The model's pick (most predicted public passes, seeded draw among ties) is right. */
  pass1_model: number;
  /** The same, averaged over the tie instead of drawn. */
  pass1_model_expected: number;
  pass1_oracle: number;
  pass1_oracle_expected: number;
  /** Candidate ids, the model's ranking (best first), and the oracle's pick. */
  ranking: string[];
  model_pick: string;
  oracle_pick: string;
  /** rank-score@k for k = 1..N (index k - 1), the model as judge and the oracle as judge. */
  rank_score_at_k: number[];
  rank_score_oracle_at_k: number[];
}

export function taskMetrics(taskId: string, outcomes: readonly CandidateOutcome[], seed: number): TaskMetrics {
  const right = outcomes.map((c) => c.right);
  const predicted = outcomes.map((c) => c.predicted);
  const real = outcomes.map((c) => c.real);
  const s = taskSeed(seed, taskId);
  const byModel = rankOrder(predicted, s);
  const byOracle = rankOrder(real, s);
  const pick = (order: number[]) => (order.length && right[order[0]!] ? 1 : 0);
  return {
    task_id: taskId,
    candidates: outcomes.length,
    pass1_random: outcomes.length ? right.filter(Boolean).length / outcomes.length : 0,
    pass1_model: pick(byModel),
    pass1_model_expected: expectedTopPick(predicted, right),
    pass1_oracle: pick(byOracle),
    pass1_oracle_expected: expectedTopPick(real, right),
    ranking: byModel.map((i) => outcomes[i]!.id),
    model_pick: outcomes[byModel[0]!]?.id ?? '',
    oracle_pick: outcomes[byOracle[0]!]?.id ?? '',
    rank_score_at_k: rankScoreCurve(predicted, right),
    rank_score_oracle_at_k: rankScoreCurve(real, right),
  };
}

/** The share of the oracle's lead over random that the model recovers; null when the oracle has no lead. */
export function gapClosed(random: number, model: number, oracle: number): number | null {
  return oracle - random > 1e-12 ? (model - random) / (oracle - random) : null;
}

// ---- calibration --------------------------------------------------------------------------------------------------

/** One candidate on one public test: what the model predicted, with how much agreement, and what really happened. */
export interface CellOutcome {
  predictedPass: boolean;
  realPass: boolean;
  /** Share of the samples in the majority (0 when none answered). */
  agreement: number;
}

export interface AgreementBucket {
  /** Agreement in [from, to) (the last bucket includes 1). */
  from: number;
  to: number;
  cells: number;
  /** Share of these cells whose predicted verdict is the real one. */
  right: number | null;
  predicted_pass: number;
  /** Of the cells predicted to pass, the share that really pass. */
  real_pass_when_predicted_pass: number | null;
}

export interface Calibration {
  cells: number;
  table: { predicted_pass: { real_pass: number; real_fail: number }; predicted_fail: { real_pass: number; real_fail: number } };
  /** Of the cells predicted to pass, the share that really pass. */
  precision: number | null;
  /** Of the cells that really pass, the share predicted to pass. */
  recall: number | null;
  /** Share of cells where predicted and real verdicts agree. */
  agreement: number | null;
  buckets: AgreementBucket[];
}

const share = (a: number, b: number): number | null => (b ? a / b : null);

export const BUCKET_EDGES = [0, 0.2, 0.4, 0.6, 0.8, 1] as const;

export function calibrate(cells: readonly CellOutcome[]): Calibration {
  const count = (p: boolean, r: boolean) => cells.filter((c) => c.predictedPass === p && c.realPass === r).length;
  const tp = count(true, true);
  const fp = count(true, false);
  const fn = count(false, true);
  const tn = count(false, false);
  const buckets: AgreementBucket[] = [];
  for (let b = 0; b + 1 < BUCKET_EDGES.length; b++) {
    const from = BUCKET_EDGES[b]!;
    const to = BUCKET_EDGES[b + 1]!;
    const last = b + 2 === BUCKET_EDGES.length;
    const inside = cells.filter((c) => c.agreement >= from - 1e-9 && (last ? c.agreement <= to + 1e-9 : c.agreement < to - 1e-9));
    const pass = inside.filter((c) => c.predictedPass);
    buckets.push({
      from, to, cells: inside.length,
      right: share(inside.filter((c) => c.predictedPass === c.realPass).length, inside.length),
      predicted_pass: pass.length,
      real_pass_when_predicted_pass: share(pass.filter((c) => c.realPass).length, pass.length),
    });
  }
  return {
    cells: cells.length,
    table: { predicted_pass: { real_pass: tp, real_fail: fp }, predicted_fail: { real_pass: fn, real_fail: tn } },
    precision: share(tp, tp + fp),
    recall: share(tp, tp + fn),
    agreement: share(tp + tn, cells.length),
    buckets,
  };
}

// ---- over a bank --------------------------------------------------------------------------------------------------

export interface BankMetrics {
  tasks: number;
  candidates: number;
  pass1_random: number;
  pass1_model: number;
  pass1_model_expected: number;
  pass1_oracle: number;
  pass1_oracle_expected: number;
  /** (model - random) / (oracle - random), on the expected values (ties averaged, not drawn). */
  gap_closed: number | null;
  /** k = 1..the largest N, averaged over tasks (a task with fewer candidates counts at its N). */
  rank_score_at_k: Record<string, number>;
  rank_score_oracle_at_k: Record<string, number>;
  calibration: Calibration;
}

export function bankMetrics(tasks: readonly TaskMetrics[], cells: readonly CellOutcome[]): BankMetrics {
  const mean = (f: (t: TaskMetrics) => number) => (tasks.length ? tasks.reduce((a, t) => a + f(t), 0) / tasks.length : 0);
  const maxN = Math.max(0, ...tasks.map((t) => t.candidates));
  const curve = (f: (t: TaskMetrics) => number[]) => Object.fromEntries(Array.from({ length: maxN }, (_, i) =>
    [String(i + 1), mean((t) => { const c = f(t); return c.length ? c[Math.min(i, c.length - 1)]! : 0; })]));
  const random = mean((t) => t.pass1_random);
  const model = mean((t) => t.pass1_model_expected);
  const oracle = mean((t) => t.pass1_oracle_expected);
  return {
    tasks: tasks.length,
    candidates: tasks.reduce((a, t) => a + t.candidates, 0),
    pass1_random: random,
    pass1_model: mean((t) => t.pass1_model),
    pass1_model_expected: model,
    pass1_oracle: mean((t) => t.pass1_oracle),
    pass1_oracle_expected: oracle,
    gap_closed: gapClosed(random, model, oracle),
    rank_score_at_k: curve((t) => t.rank_score_at_k),
    rank_score_oracle_at_k: curve((t) => t.rank_score_oracle_at_k),
    calibration: calibrate(cells),
  };
}
