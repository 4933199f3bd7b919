// Where a wrong story first goes wrong, by kind: the study's "read the errors first" (docs/model.md). The model's
// target is compared with the reference target sentence by sentence; the first sentence that differs is
// classified by what sits at the first differing character. Pure: used by `npm run eval -- --predictions`.
import { scanValue } from '../verbalise/parse.ts';

export const ERROR_CLASSES = [
  'right', // the whole target as the reference's
  'answer only', // the story is the reference's, the answer block is not
  'call arguments', // `Call f(a=1)`: a name or value copied from the call
  'line number', // which line runs next: control flow (a branch taken, a loop entered or left)
  'loop count', // the iteration number, or a loop ending too early or too late
  'variable name', // which variable a line sets
  'expression copy', // the line's expression as written (detailed stories)
  'value copy', // a value carried from earlier in the story (the substituted form, or a plain story's value)
  'arithmetic', // the result of an operation (detailed stories)
  'stopped early', // the story ends where the reference goes on
  'too long', // the story goes on where the reference has ended
  'format', // anything else: a sentence outside the grammar
] as const;
export type ErrorClass = (typeof ERROR_CLASSES)[number];

const sentences = (target: string): string[] => {
  const m = /\[THOUGHT\]\n?([\s\S]*?)\[\/THOUGHT\]/.exec(target);
  return m ? m[1]!.split('\n').filter((l) => l.trim()) : [];
};

/** Offset of the first differing character (the shorter length when one is a prefix of the other). */
const firstDiff = (a: string, b: string): number => {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
};

/**
 * Which form of its clause the offset `at` of a sentence body falls in: 0 the name (`x` of `x = ...`, or
 * `f returns`, or a worked test's `if`), then the ` = `-separated forms after it; `forms` counts them all, name included.
 */
export function formAt(body: string, at: number): { form: number; forms: number } {
  let start = 0;
  while (start < body.length) {
    const end = scanValue(body, start);
    if (at <= end || end >= body.length) {
      const clause = body.slice(start, end);
      const ret = /^(?:[\w.<>]+ returns |(?:if|elif|while) )/.exec(clause); // a return's or a test's value follows
      const cuts: number[] = []; // offsets (in the clause) where each form after the name begins
      if (ret) cuts.push(ret[0].length);
      for (let k = scanValue(clause, ret ? ret[0].length : 0, ' = '); k < clause.length; k = scanValue(clause, k + 3, ' = ')) cuts.push(k + 3);
      const rel = at - start;
      return { form: cuts.filter((c) => rel >= c).length, forms: cuts.length + 1 };
    }
    start = end + 2;
  }
  return { form: 0, forms: 1 };
}

export function classifyError(generated: string, reference: string): ErrorClass {
  if (generated.trim() === reference.trim()) return 'right';
  const got = sentences(generated);
  const want = sentences(reference);
  for (let i = 0; i < want.length; i++) {
    const g = got[i];
    const w = want[i]!;
    if (g === undefined) return 'stopped early';
    if (g === w) continue;
    if (/^\d+\. Call /.test(w)) return 'call arguments';
    const head = /^\d+\. Line (\d+)(, iterations? [\d-]+)?: /;
    const hw = head.exec(w);
    const hg = head.exec(g);
    if (!hw || !hg) return 'format';
    if (hw[1] !== hg[1]) return 'line number';
    if (hw[2] !== hg[2]) return 'loop count';
    const bw = w.slice(hw[0].length);
    const bg = g.slice(hg[0].length);
    if (bw === 'loop ends.' || bg === 'loop ends.') return 'loop count';
    const { form, forms } = formAt(bw, firstDiff(bw, bg));
    if (form === 0) return 'variable name';
    if (forms === 2) return 'value copy'; // `x = 6`: one value for the whole line
    if (form === 1) return 'expression copy';
    if (form === 2) return 'value copy';
    return 'arithmetic';
  }
  return got.length > want.length ? 'too long' : 'answer only';
}

/** Counts of each class over predictions, most common first. */
export function errorHistogram(pairs: { generated: string; reference: string }[]): Record<string, number> {
  const counts = new Map<string, number>();
  for (const p of pairs) {
    const c = classifyError(p.generated, p.reference);
    counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  return Object.fromEntries([...counts.entries()].sort((a, b) => b[1] - a[1]));
}
