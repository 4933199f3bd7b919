// What the Rank section shows for one task, from what has finished so far: per candidate its real runs and the
// model's predictions on the public tests, the counts, and, once every candidate is judged both ways, the ranking
// and the task's figures (src/rank/metrics.ts). Pure: tested in Node.
import type { BankTask } from '../../../rank/bank.ts';
import { passes, type CandidateVerdict, type TestRun } from '../../../rank/judge.ts';
import { isRight, taskMetrics, type CellOutcome, type TaskMetrics } from '../../../rank/metrics.ts';
import type { CellPrediction } from '../../../rank/simulate.ts';

/** What has finished for one task: per candidate (bank order), its real runs and the model's cells. */
export interface TaskProgress {
  real: (CandidateVerdict | undefined)[];
  model: (CellPrediction[] | undefined)[];
}

export function emptyProgress(task: Pick<BankTask, 'candidates'>): TaskProgress {
  return { real: task.candidates.map(() => undefined), model: task.candidates.map(() => undefined) };
}

export interface CandidateRow {
  id: string;
  kind: string;
  note: string;
  /** Per public test: the model's cell and the real run, each once finished. */
  cells: { model?: CellPrediction; real?: TestRun }[];
  /** Public tests predicted to pass (once the model has judged every test). */
  predicted: number | null;
  /** Public tests really passed. */
  realPublic: number | null;
  /** Passes every hidden test (every public one when there are none). */
  right: boolean | null;
  /** 1-based place in the model's ranking, once the task is complete. */
  place: number | null;
}

export interface TaskView {
  rows: CandidateRow[];
  realDone: number;
  modelDone: number;
  complete: boolean;
  metrics: TaskMetrics | null;
}

export function taskView(task: BankTask, progress: TaskProgress, seed: number): TaskView {
  const rows: CandidateRow[] = task.candidates.map((c, ci) => {
    const real = progress.real[ci];
    const model = progress.model[ci];
    return {
      id: c.id, kind: c.kind, note: c.note,
      cells: task.public_tests.map((_, ti) => ({ ...(model ? { model: model[ti] } : {}), ...(real ? { real: real.public[ti] } : {}) })),
      predicted: model ? model.filter((m) => m.predictedPass).length : null,
      realPublic: real ? passes(real.public) : null,
      right: real ? isRight(real) : null,
      place: null,
    };
  });
  const realDone = progress.real.filter(Boolean).length;
  const modelDone = progress.model.filter(Boolean).length;
  const complete = task.candidates.length > 0 && realDone === task.candidates.length && modelDone === task.candidates.length;
  let metrics: TaskMetrics | null = null;
  if (complete) {
    metrics = taskMetrics(task.task_id, rows.map((r) => ({ id: r.id, predicted: r.predicted!, real: r.realPublic!, right: r.right! })), seed);
    metrics.ranking.forEach((id, i) => (rows.find((r) => r.id === id)!.place = i + 1));
  }
  return { rows, realDone, modelDone, complete, metrics };
}

/** Every finished cell, as calibration counts it. */
export function cellOutcomes(progress: TaskProgress): CellOutcome[] {
  return progress.model.flatMap((cells, ci) => {
    const real = progress.real[ci];
    if (!cells || !real) return [];
    return cells.map((c, ti) => ({ predictedPass: c.predictedPass, realPass: real.public[ti]!.pass, agreement: c.agreement }));
  });
}

/** "2 of 3" for a cell's agreement, from its samples. */
export function agreementWords(c: CellPrediction): string {
  const k = c.outputs.length;
  if (c.tooLong) return 'too long to ask';
  if (c.majority === null) return k === 1 ? 'no answer' : `no answer in ${k} samples`;
  return k === 1 ? 'greedy' : `${Math.round(c.agreement * k)} of ${k}`;
}

/** A real run in a few words: its value, or what stopped it. */
export function realWords(r: TestRun): string {
  return r.actual ?? r.error ?? r.status;
}

/** The figures of a task in a sentence. */
export function pickSentence(view: TaskView): string {
  const m = view.metrics;
  if (!m) return '';
  const right = (id: string) => view.rows.find((r) => r.id === id)?.right;
  const rightCount = view.rows.filter((r) => r.right).length;
  const model = `The model’s pick, ${m.model_pick}, is ${right(m.model_pick) ? 'right' : 'wrong'} on the hidden tests`;
  const oracle = `choosing by the real public runs picks ${m.oracle_pick}, ${right(m.oracle_pick) ? 'right' : 'wrong'}`;
  return `${model}; ${oracle}; a random pick is right ${rightCount} times in ${view.rows.length}.`;
}

export const percent = (x: number | null): string => (x === null ? '—' : `${Math.round(x * 100)} %`);
