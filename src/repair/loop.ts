// Self-RLEF at the notebook's scale: repair a failing function by walking the mutation engine's neighbourhood,
// one change per turn, steered by feedback on the public tests. The small model does not write code; it judges
// code by dry-running it. Three loops share this walk and differ only in their feedback:
//   simulated: the model's predicted output of each public test, compared with the expected one;
//   real: the public tests really run;
//   none: no feedback at all, a random neighbour each turn, for as many turns as the simulated loop took.
// Pure: neighbours and feedback are passed in (the runner, the model), so the page, Node and tests share it.
import { Rng } from '../dataset/rng.ts';

/** What one public test said about one attempt. */
export interface TestFeedback {
  /** The test's call, e.g. `f(3, [1, 2])`. */
  call: string;
  expected: string;
  /** The output the feedback source gave: predicted (simulated) or really returned (real); null for none. */
  got: string | null;
  pass: boolean;
}

export interface Feedback {
  tests: TestFeedback[];
  passes: number;
}

export type FeedbackFn = (code: string) => Promise<Feedback>;

/** Feedback on several codes at once, in order (a turn's neighbours in one model batch); the same as one by one. */
export type FeedbackManyFn = (codes: readonly string[]) => Promise<Feedback[]>;

export interface Neighbour {
  code: string;
  /** The change in plain words ("range(n) became range(n - 1) on line 3"). */
  note: string;
}

/** The codes one change away, in a seeded order (the mutation engine's `seededOrder`). */
export type NeighboursFn = (code: string, seed: number) => Promise<Neighbour[]>;

export const REPAIR_MODES = ['simulated', 'real', 'none'] as const;
export type RepairMode = (typeof REPAIR_MODES)[number];

export interface RepairOptions {
  /** Attempts after the first (the paper's cap is 10). */
  turns: number;
  /** Neighbours judged per turn: the first this many of the seeded order, leaving out codes already tried. */
  neighbours: number;
  seed: number;
}

export const DEFAULT_REPAIR: RepairOptions = { turns: 10, neighbours: 8, seed: 1 };

export interface Attempt {
  turn: number;
  code: string;
  /** The change from the previous attempt ('' for the starting code). */
  note: string;
  /** The feedback this attempt got (absent in the `none` loop). */
  feedback?: Feedback;
}

export interface RepairResult {
  mode: RepairMode;
  attempts: Attempt[];
  /** The code handed in: the attempt with the most passes by its feedback (the earliest on a tie), or the last one without feedback. */
  submitted: string;
  /** Turns taken after the starting code. */
  turns: number;
  /** Why it stopped, in plain words. */
  stopped: 'all public tests pass' | 'turn limit' | 'no new neighbour' | 'turns matched' | 'stopped';
}

const allPass = (f: Feedback) => f.passes === f.tests.length;

/**
 * One repair run. With feedback: judge the current code; if every public test passes by that feedback, hand it in;
 * otherwise judge the next `neighbours` untried codes one change away and move to the one with the most passes
 * (ties broken by the seeded order), even if it is no better, so the walk does not stall; hand in the best seen.
 * `mode` says what the feedback is, for the record; `none` walks at random for `matchTurns` turns. With
 * `feedbackMany`, a turn's neighbours are judged together (the same walk, faster for the model); else one by one.
 */
export async function repair(
  start: string,
  mode: RepairMode,
  deps: { neighbours: NeighboursFn; feedback?: FeedbackFn; feedbackMany?: FeedbackManyFn; shouldStop?: () => boolean;
    onAttempt?: (a: Attempt) => void },
  opts: RepairOptions = DEFAULT_REPAIR,
  matchTurns?: number,
): Promise<RepairResult> {
  const rng = new Rng(opts.seed);
  const tried = new Set([start]);
  const attempts: Attempt[] = [];
  const record = (a: Attempt) => {
    attempts.push(a);
    deps.onAttempt?.(a);
  };

  if (mode === 'none') {
    const limit = Math.min(opts.turns, matchTurns ?? opts.turns);
    record({ turn: 0, code: start, note: '' });
    let code = start;
    let stopped: RepairResult['stopped'] = matchTurns === undefined ? 'turn limit' : 'turns matched';
    for (let turn = 1; turn <= limit; turn++) {
      if (deps.shouldStop?.()) { stopped = 'stopped'; break; }
      const fresh = (await deps.neighbours(code, rng.int(2 ** 31))).filter((n) => !tried.has(n.code));
      if (!fresh.length) { stopped = 'no new neighbour'; break; }
      const next = fresh[rng.int(fresh.length)]!;
      tried.add(next.code);
      code = next.code;
      record({ turn, code, note: next.note });
    }
    return { mode, attempts, submitted: code, turns: attempts.length - 1, stopped };
  }

  // One way to judge a list of codes: together when the source can, else one by one in order.
  const one = deps.feedback;
  const judge: FeedbackManyFn | undefined = deps.feedbackMany ?? (one && (async (codes) => {
    const out: Feedback[] = [];
    for (const code of codes) out.push(await one(code));
    return out;
  }));
  if (!judge) throw new Error(`the ${mode} repair loop needs a feedback function`);
  let current: Attempt = { turn: 0, code: start, note: '', feedback: (await judge([start]))[0]! };
  record(current);
  let best = current;
  let stopped: RepairResult['stopped'] = 'turn limit';
  for (let turn = 1; ; turn++) {
    if (allPass(current.feedback!)) { stopped = 'all public tests pass'; break; }
    if (turn > opts.turns) break;
    if (deps.shouldStop?.()) { stopped = 'stopped'; break; }
    const fresh = (await deps.neighbours(current.code, rng.int(2 ** 31))).filter((n) => !tried.has(n.code))
      .slice(0, Math.max(1, opts.neighbours));
    if (!fresh.length) { stopped = 'no new neighbour'; break; }
    for (const n of fresh) tried.add(n.code);
    const judged = await judge(fresh.map((n) => n.code));
    let chosen: Attempt | undefined;
    for (const [i, n] of fresh.entries()) {
      const f = judged[i]!;
      if (!chosen || f.passes > chosen.feedback!.passes) chosen = { turn, code: n.code, note: n.note, feedback: f };
    }
    current = chosen!;
    record(current);
    if (current.feedback!.passes > best.feedback!.passes) best = current;
  }
  return { mode, attempts, submitted: best.code, turns: attempts.length - 1, stopped };
}

/** One candidate's three runs judged on the hidden tests: did it start passing, and does what was handed in pass? */
export interface RepairOutcome {
  /** Passed every hidden test before repair. */
  startedPassing: boolean;
  /** Per mode: the handed-in code passes every hidden test, and the turns taken. */
  modes: Partial<Record<RepairMode, { passing: boolean; turns: number }>>;
}

export interface RepairRates {
  candidates: number;
  failing: number;
  passing: number;
  /** Share of failing candidates whose handed-in code passes every hidden test, per mode. */
  fix_rate: Partial<Record<RepairMode, number>>;
  /** Share of passing candidates whose handed-in code fails a hidden test, per mode. */
  break_rate: Partial<Record<RepairMode, number>>;
  /** Mean turns over all candidates, per mode. */
  mean_turns: Partial<Record<RepairMode, number>>;
}

export function repairRates(outcomes: readonly RepairOutcome[]): RepairRates {
  const failing = outcomes.filter((o) => !o.startedPassing);
  const passing = outcomes.filter((o) => o.startedPassing);
  const rates: RepairRates = { candidates: outcomes.length, failing: failing.length, passing: passing.length,
    fix_rate: {}, break_rate: {}, mean_turns: {} };
  const share = (list: readonly RepairOutcome[], m: RepairMode, want: boolean) => {
    const seen = list.filter((o) => o.modes[m]);
    return seen.length ? seen.filter((o) => o.modes[m]!.passing === want).length / seen.length : Number.NaN;
  };
  for (const m of REPAIR_MODES) {
    const ran = outcomes.filter((o) => o.modes[m]);
    if (!ran.length) continue;
    rates.fix_rate[m] = share(failing, m, true);
    rates.break_rate[m] = share(passing, m, false);
    rates.mean_turns[m] = ran.reduce((s, o) => s + o.modes[m]!.turns, 0) / ran.length;
  }
  return rates;
}
