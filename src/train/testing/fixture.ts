// A tiny synthetic dataset in the dataset's row format, for tests only (the real rows come from
// `npm run dataset`). Straight-line arithmetic: level 1 one operation, level 2 two.
import type { LoadedRow } from '../../dataset/row.ts';
import { Rng } from '../../dataset/rng.ts';

export function fixtureRows(n: number, seed = 1, opts: { direct?: boolean } = {}): LoadedRow[] {
  const rng = new Rng(seed);
  const rows: LoadedRow[] = [];
  for (let i = 0; i < n; i++) {
    const level = 1 + (i % 2);
    const a = rng.int(10);
    const b = rng.int(10);
    const c = rng.int(10);
    const code = level === 1 ? `def f(x):\n    y = x + ${b}\n    return y` : `def f(x):\n    y = x + ${b}\n    z = y - ${c}\n    return z`;
    const y = a + b;
    const out = level === 1 ? y : y - c;
    const thought = level === 1 ? `Line 2: y becomes ${y}. Line 3: returns ${y}.`
      : `Line 2: y becomes ${y}. Line 3: z becomes ${out}. Line 4: returns ${out}.`;
    const answer = `[ANSWER] assert f(${a}) == ${out} [/ANSWER]`;
    rows.push({
      id: `fx-${i}`, level, split: i % 10 === 0 ? 'validation' : 'train', code, input: String(a), output: String(out),
      prompt: `[PYTHON] ${code}\nassert f(${a}) == ?? [/PYTHON]`,
      target: opts.direct ? answer : `[THOUGHT] ${thought} [/THOUGHT] ${answer}`, status: 'ok',
    });
  }
  return rows;
}
