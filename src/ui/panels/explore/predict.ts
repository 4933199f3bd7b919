// Predict mode: compare what a person expected with what really happened. Pure, tested in Node.
//
// Two inputs:
// - Output: the text they expect the program to print. Compared line by line, ignoring trailing
//   spaces and blank lines at the end. If the program ends with an uncaught exception, a last line
//   naming it (`ZeroDivisionError`, or `ZeroDivisionError: division by zero`) is required as its last line.
// - Values (optional): one `name = value` per line, in the order they expect them to happen, e.g.
//       total = 3
//       total = 4
//       total = 8
//   meaning "`total` becomes 3, then 4, then 8". Each name's list is checked against the successive
//   values that name takes in the trace (any frame); the earliest step where they part is reported.
import type { Trace } from '../../../capture/trace.ts';

export interface ValuePrediction {
  name: string;
  value: string;
  /** 1-based line of the prediction text, for messages. */
  line: number;
}

export interface ParsedValues {
  predictions: ValuePrediction[];
  /** Lines that are neither blank, a `#` comment, nor `name = value`. */
  problems: string[];
}

const ASSIGNMENT = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=(?!=)\s*(.+?)\s*$/;

export function parseValuePredictions(text: string): ParsedValues {
  const predictions: ValuePrediction[] = [];
  const problems: string[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const m = ASSIGNMENT.exec(line);
    if (!m) problems.push(`Line ${i + 1} (“${line.slice(0, 40)}”) is not of the form name = value.`);
    else predictions.push({ name: m[1]!, value: m[2]!, line: i + 1 });
  });
  return { predictions, problems };
}

/**
 * Value equality of two Python literals, decided by Python as CRUXEval does (`eval(a) == eval(b)`,
 * floats within 1e-5): the page passes `RunnerClient.compare`, tests the Node runner's. Kept out of this
 * module so it stays pure.
 */
export type Compare = (expected: string, actual: string) => Promise<boolean>;

/**
 * Identical text is equal without asking Python; this also covers reprs that are not literals
 * (`<function f>`), which Python's comparison rejects because they do not parse.
 */
async function sameValue(compare: Compare, expected: string, actual: string): Promise<boolean> {
  return expected.trim() === actual.trim() || (await compare(expected, actual));
}

function normaliseOutput(text: string): string[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n').map((l) => l.trimEnd());
  while (lines.length && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

export interface OutputVerdict {
  right: boolean;
  /** 1-based line of the first difference in the output, when wrong. */
  firstDifferentLine?: number;
  expectedLine?: string;
  actualLine?: string;
}

export function checkOutput(expected: string, trace: Pick<Trace, 'stdout' | 'status' | 'error'>): OutputVerdict {
  const want = normaliseOutput(expected);
  const got = normaliseOutput(trace.stdout);
  // A program that dies of an exception is predicted right only if the prediction says so.
  const candidates =
    trace.status === 'error' && trace.error
      ? [[...got, trace.error.type], [...got, `${trace.error.type}: ${trace.error.message}`.trimEnd()]]
      : [got];
  if (candidates.some((c) => c.length === want.length && c.every((l, i) => l === want[i]))) return { right: true };
  const n = Math.max(want.length, got.length);
  for (let i = 0; i < n; i++) {
    if (want[i] !== got[i]) {
      return { right: false, firstDifferentLine: i + 1, expectedLine: want[i], actualLine: got[i] };
    }
  }
  return { right: false };
}

export interface ValueDivergence {
  /** Step where reality parted from the prediction; null when the name never occurs. */
  step: number | null;
  name: string;
  expected: string;
  /** What the variable really became there; undefined when it changed no more. */
  actual?: string;
  predictionLine: number;
}

export interface ValuesVerdict {
  /** Predictions checked (all matched when divergence is undefined). */
  checked: number;
  divergence?: ValueDivergence;
}

/** Finds the earliest step at which any predicted variable's history differs from the prediction. */
export async function checkValues(
  predictions: readonly ValuePrediction[],
  trace: Pick<Trace, 'steps'>,
  compare: Compare,
): Promise<ValuesVerdict> {
  const history = new Map<string, { step: number; value: string }[]>();
  trace.steps.forEach((step, index) => {
    for (const [name, value] of Object.entries(step.changed)) {
      const list = history.get(name) ?? [];
      list.push({ step: index, value });
      history.set(name, list);
    }
  });
  const byName = new Map<string, ValuePrediction[]>();
  for (const p of predictions) {
    const list = byName.get(p.name) ?? [];
    // Writing the same value twice in a row means "stays"; the trace records changes only.
    const last = list[list.length - 1];
    if (!last || !(await sameValue(compare, last.value, p.value))) list.push(p);
    byName.set(p.name, list);
  }
  let earliest: ValueDivergence | undefined;
  const rank = (d: ValueDivergence) => (d.step === null ? -1 : d.step);
  for (const [name, expected] of byName) {
    const real = history.get(name) ?? [];
    let found: ValueDivergence | undefined;
    if (real.length === 0) {
      found = { step: null, name, expected: expected[0]!.value, predictionLine: expected[0]!.line };
    } else {
      for (let k = 0; k < expected.length; k++) {
        const want = expected[k]!;
        const got = real[k];
        if (!got) {
          found = { step: real[real.length - 1]!.step, name, expected: want.value, predictionLine: want.line };
          break;
        }
        if (!(await sameValue(compare, want.value, got.value))) {
          found = { step: got.step, name, expected: want.value, actual: got.value, predictionLine: want.line };
          break;
        }
      }
    }
    if (found && (!earliest || rank(found) < rank(earliest))) earliest = found;
  }
  return { checked: predictions.length, divergence: earliest };
}
