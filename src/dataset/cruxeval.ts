// CRUXEval-format import ({code, input, output, id} per line) as an evaluation source: each row is
// run through the tracer, so its story is a real trace; the row's stated output must agree with the
// real one by value (CRUXEval scores by value, not by string). Never mixed into training data.
import type { RunRequest, Trace } from '../capture/trace.ts';
import { rowOf, type DatasetConfig, type Outcome } from './build.ts';
import type { Row } from './row.ts';

export interface CruxRow { code: string; input: string; output: string; id?: string }

export type CruxOutcome = Outcome | 'unreadable' | 'output_disagrees';

/** A row whose stated output is not what really ran: reported so the source can be checked. */
export interface Disagreement { id: string; stated: string; real: string }

/** Read JSONL text into CRUXEval rows; lines that are not such rows are counted, not thrown. */
export function readCruxeval(text: string): { rows: CruxRow[]; unreadable: number } {
  const rows: CruxRow[] = [];
  let unreadable = 0;
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      const r = JSON.parse(line) as Partial<CruxRow>;
      if (typeof r.code === 'string' && typeof r.input === 'string' && typeof r.output === 'string') {
        rows.push({ code: r.code, input: r.input, output: r.output, id: typeof r.id === 'string' ? r.id : undefined });
      } else unreadable++;
    } catch {
      unreadable++;
    }
  }
  return { rows, unreadable };
}

export async function importCruxeval(
  text: string,
  config: Pick<DatasetConfig, 'granularity' | 'maxSteps'>,
  runMany: (reqs: RunRequest[]) => Promise<Trace[]>,
  compare: (expected: string, actual: string) => Promise<boolean>,
): Promise<{ rows: Row[]; outcomes: Partial<Record<CruxOutcome, number>>; disagreements: Disagreement[] }> {
  const { rows: crux, unreadable } = readCruxeval(text);
  const outcomes: Partial<Record<CruxOutcome, number>> = unreadable ? { unreadable } : {};
  const count = (o: CruxOutcome) => { outcomes[o] = (outcomes[o] ?? 0) + 1; };
  const traces = await runMany(crux.map((r) => ({ code: r.code, mode: 'call', call: `f(${r.input})`, limits: { maxSteps: config.maxSteps, timeoutMs: 10_000 } })));
  const rows: Row[] = [];
  const disagreements: Disagreement[] = [];
  for (let i = 0; i < crux.length; i++) {
    const r = crux[i]!;
    const trace = traces[i]!;
    const made = rowOf(trace, { id: r.id ?? `cruxeval-${i}`, level: 0, kind: 'cruxeval', split: 'test', input: r.input },
      { granularity: config.granularity, maxPromptChars: Infinity, maxTargetChars: Infinity }, false);
    if (!made.row) {
      count(made.outcome);
      continue;
    }
    if (!(await compare(r.output, made.row.output))) {
      count('output_disagrees');
      disagreements.push({ id: made.row.id, stated: r.output, real: made.row.output });
      continue;
    }
    count('ok');
    rows.push(made.row);
  }
  return { rows, outcomes, disagreements };
}
