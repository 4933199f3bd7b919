// What the Repair section shows, from what has finished: the starting code's real verdict, and per loop
// (simulated, real, none) its attempts as they come, where it is now, why it stopped, what it handed in and that
// code's real verdict on the hidden tests. A reducer over the run's events, and the words for each part. Pure:
// tested in Node. The loop itself is src/repair/loop.ts; the page's wiring is run.ts.
import type { BankTask } from '../../../rank/bank.ts';
import { passes, type CandidateVerdict, type TestRun } from '../../../rank/judge.ts';
import { REPAIR_MODES, type Attempt, type RepairMode, type RepairResult } from '../../../repair/loop.ts';

/** A code's real verdict on the hidden tests (on the public ones when the task has none, as `isRight` does). */
export interface HiddenVerdict {
  passing: boolean;
  passed: number;
  total: number;
  /** The task has no hidden tests: judged on its public tests. */
  onPublic: boolean;
}

export function hiddenVerdictOf(v: Pick<CandidateVerdict, 'public' | 'hidden'>): HiddenVerdict {
  const onPublic = v.hidden.length === 0;
  const runs: readonly TestRun[] = onPublic ? v.public : v.hidden;
  const passed = passes(runs);
  return { passing: passed === runs.length, passed, total: runs.length, onPublic };
}

/** Where a running loop is: turn 0 is the starting code; `neighbour` 0 means asking the mutation engine. */
export interface Where {
  turn: number;
  neighbour: number;
  of: number;
}

export type LoopStatus = 'waiting' | 'running' | 'done' | 'stopped' | 'error';

export interface LoopState {
  status: LoopStatus;
  attempts: Attempt[];
  result: RepairResult | null;
  hidden: HiddenVerdict | null;
  at: Where | null;
  /** A plain sentence when the loop could not run (the model failed to load). */
  error: string | null;
}

export interface RepairRunState {
  /** The starting code really run on the hidden tests. */
  start: HiddenVerdict | null;
  /** The mutation engine's reason for making no neighbour of the starting code, if it gave one. */
  engineProblem: string | null;
  loops: Record<RepairMode, LoopState>;
}

const idleLoop = (): LoopState => ({ status: 'waiting', attempts: [], result: null, hidden: null, at: null, error: null });

export function emptyRun(): RepairRunState {
  return { start: null, engineProblem: null, loops: { simulated: idleLoop(), real: idleLoop(), none: idleLoop() } };
}

export type RepairEvent =
  | { type: 'start-judged'; verdict: HiddenVerdict }
  | { type: 'engine-problem'; message: string }
  | { type: 'loop-start'; mode: RepairMode }
  | { type: 'at'; mode: RepairMode; at: Where }
  | { type: 'attempt'; mode: RepairMode; attempt: Attempt }
  | { type: 'loop-done'; mode: RepairMode; result: RepairResult }
  | { type: 'hidden'; mode: RepairMode; verdict: HiddenVerdict }
  | { type: 'loop-stopped'; mode: RepairMode }
  | { type: 'loop-error'; mode: RepairMode; error: string };

/** A loop is kept by Continue when it finished and its handed-in code was judged. */
export const loopFinished = (l: LoopState): boolean => l.status === 'done' && l.hidden !== null;

export function reduceRun(s: RepairRunState, e: RepairEvent): RepairRunState {
  if (e.type === 'start-judged') return { ...s, start: e.verdict };
  if (e.type === 'engine-problem') return { ...s, engineProblem: e.message };
  const loop = s.loops[e.mode];
  let next: LoopState;
  switch (e.type) {
    case 'loop-start':
      // A loop run again (Continue after Stop) starts from its first attempt: its feedback is remembered, so
      // the turns that had finished come back at once.
      next = { ...idleLoop(), status: 'running', at: { turn: 0, neighbour: 0, of: 0 } };
      break;
    case 'at':
      next = { ...loop, at: e.at };
      break;
    case 'attempt':
      next = { ...loop, attempts: [...loop.attempts, e.attempt] };
      break;
    case 'loop-done':
      next = { ...loop, status: 'done', result: e.result, at: null };
      break;
    case 'hidden':
      next = { ...loop, hidden: e.verdict };
      break;
    case 'loop-stopped':
      next = { ...loop, status: 'stopped', at: null };
      break;
    case 'loop-error':
      next = { ...loop, status: 'error', error: e.error, at: null };
      break;
  }
  return { ...s, loops: { ...s.loops, [e.mode]: next } };
}

/** Before Continue: loops that did not finish go back to waiting (what finished is kept). */
export function resumable(s: RepairRunState): RepairRunState {
  const loops = { ...s.loops };
  for (const m of REPAIR_MODES) if (!loopFinished(loops[m])) loops[m] = idleLoop();
  return { ...s, loops };
}

export const MODE_TITLES: Record<RepairMode, string> = {
  simulated: 'Simulated feedback',
  real: 'Real feedback',
  none: 'No feedback',
};

export const MODE_EXPLAIN: Record<RepairMode, string> = {
  simulated: 'The model dry-runs each code on the public tests; the neighbour it predicts to pass most comes next.',
  real: 'The public tests really run (the page’s Python); the neighbour that really passes most comes next. The best any feedback can do.',
  none: 'No feedback: a random neighbour each turn, for as many turns as the simulated loop took. The baseline.',
};

/** What the column says about the feedback's output column. */
export const GOT_HEADING: Record<Exclude<RepairMode, 'none'>, string> = { simulated: 'the model predicts', real: 'really returned' };

/** The run's seed for one candidate (shared with npm run repair). */
export { repairSeed } from '../../../repair/feedback.ts';

/**
 * The candidate the section opens with: the one named in the link, else the first that really fails a public
 * test (then the first that fails a hidden one, then the first). `verdicts` are in the task's order, undefined
 * until checked; -1 while the default cannot be told yet.
 */
export function defaultCandidate(task: Pick<BankTask, 'candidates'>, verdicts: readonly (CandidateVerdict | undefined)[],
  named: string): number {
  const byName = task.candidates.findIndex((c) => c.id === named);
  if (named && byName >= 0) return byName;
  for (const [i, v] of verdicts.entries()) {
    if (!v) return -1;
    if (passes(v.public) < v.public.length) return i;
  }
  if (verdicts.length < task.candidates.length) return -1;
  const hidden = verdicts.findIndex((v) => v && !hiddenVerdictOf(v).passing);
  return hidden >= 0 ? hidden : task.candidates.length ? 0 : -1;
}

/** A candidate in the picker: its id, its kind and what its real runs say. */
export function candidateLabel(c: { id: string; kind: string }, v: CandidateVerdict | undefined): string {
  if (!v) return `${c.id} (${c.kind})`;
  const pub = passes(v.public);
  const h = hiddenVerdictOf(v);
  const hidden = h.onPublic ? '' : h.passing ? ', passes the hidden tests' : `, fails ${h.total - h.passed} of ${h.total} hidden`;
  return `${c.id}: passes ${pub} of ${v.public.length} public${hidden}`;
}

/** The lines (1-based, in `next`) that one change made: what lies between the unchanged first and last lines. */
export function changedLines(prev: string, next: string): number[] {
  if (prev === next) return [];
  const a = prev.split('\n');
  const b = next.split('\n');
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const out: number[] = [];
  for (let i = head; i < b.length - tail; i++) out.push(i + 1);
  return out;
}

/** The attempt handed in: the first whose code is the submitted one. */
export function handedIn(l: Pick<LoopState, 'attempts' | 'result'>): number {
  return l.result ? l.attempts.findIndex((a) => a.code === l.result!.submitted) : -1;
}

/** Why a loop stopped, in a sentence for its column. */
export function stoppedWords(l: Pick<LoopState, 'attempts' | 'result'>, turns: number, matched: RepairMode = 'simulated'): string {
  const r = l.result;
  if (!r) return '';
  const at = handedIn(l);
  const which = at <= 0 ? 'the starting code' : `turn ${at}’s code`;
  switch (r.stopped) {
    case 'all public tests pass':
      return r.mode === 'simulated'
        ? `The model predicts every public test passes, so it handed in ${which}.`
        : `Every public test really passes, so it handed in ${which}.`;
    case 'turn limit':
      return r.mode === 'none' ? `Walked ${r.turns} turns and handed in where it ended.`
        : `Used all ${turns} turns without every public test passing; handed in the one that passed most: ${which}.`;
    case 'no new neighbour':
      return `No untried code was one change away after ${r.turns} turns; handed in ${r.mode === 'none' ? 'where it ended' : which}.`;
    case 'turns matched':
      return `Walked ${r.turns} turn${r.turns === 1 ? '' : 's'}, as many as the ${matched} loop took, and handed in where it ended.`;
    case 'stopped':
      return 'Stopped.';
  }
}

export type VerdictWord = 'fixed' | 'still failing' | 'broken' | 'still passing';

/** The handed-in code against the starting one, on the hidden tests. */
export function verdictWord(start: HiddenVerdict, end: HiddenVerdict): VerdictWord {
  if (start.passing) return end.passing ? 'still passing' : 'broken';
  return end.passing ? 'fixed' : 'still failing';
}

export function verdictSentence(start: HiddenVerdict, end: HiddenVerdict): string {
  const tests = end.onPublic ? 'public tests (the task has no hidden ones)' : 'hidden tests';
  const how = end.passing ? `passes all ${end.total} ${tests}` : `passes ${end.passed} of ${end.total} ${tests}`;
  const word = verdictWord(start, end);
  const first = word.charAt(0).toUpperCase() + word.slice(1);
  return `${first}: the code it handed in ${how}, really run.`;
}

/** Where a running loop is, in words: "turn 2 of 10: the model is dry-running neighbour 3 of 8 on 5 public tests". */
export function whereWords(mode: RepairMode, at: Where, turns: number, tests: number): string {
  if (mode === 'none') return at.turn === 0 ? 'Starting the walk…' : `Turn ${at.turn} of at most ${turns}: picking a random neighbour…`;
  const judge = mode === 'simulated' ? 'the model is dry-running' : 'really running';
  if (at.turn === 0) return `Starting code: ${judge} it on ${tests} public test${tests === 1 ? '' : 's'}…`;
  const turn = `Turn ${at.turn} of ${turns}`;
  if (at.neighbour === 0) return `${turn}: asking the mutation engine for codes one change away…`;
  return `${turn}: ${judge} neighbour ${at.neighbour} of ${at.of} on ${tests} public test${tests === 1 ? '' : 's'}…`;
}

/** The whole run in one line, once every loop has its verdict (or could not run). */
export function summaryWords(s: RepairRunState): string {
  if (!s.start) return '';
  const parts: string[] = [];
  for (const m of REPAIR_MODES) {
    const l = s.loops[m];
    const name = MODE_TITLES[m].toLowerCase();
    if (l.status === 'error') parts.push(`${name}: could not run`);
    else if (l.hidden && l.result) parts.push(`${name}: ${verdictWord(s.start, l.hidden)} in ${l.result.turns} turn${l.result.turns === 1 ? '' : 's'}`);
    else return '';
  }
  const begin = s.start.passing ? 'The starting code passes the hidden tests' : 'The starting code fails the hidden tests';
  return `${begin}; ${parts.join('; ')}.`;
}
