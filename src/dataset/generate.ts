// A seeded generator of small Python programs in five difficulty levels, CRUXEval style:
// one `def f(...)` and the arguments to call it with (optionally a stdin script instead).
//   1 straight-line arithmetic   2 branches   3 loops with accumulators
//   4 lists, strings and dicts with their common methods   5 nested loops, helpers, recursion
// Programs are composed from statement and expression grammars over typed variables, so names,
// operators, shapes and constants all vary. Values stay small (the model is tiny). The generator
// only proposes: a program is kept once the runner has really run it (see build.ts). The grammar is in
// grammar.ts, the levels in levels-numbers.ts (1-3) and levels-data.ts (4-5).
import type { Rng } from './rng.ts';
import { level1, level2, level3 } from './levels-numbers.ts';
import { level4, level5 } from './levels-data.ts';

export const LEVELS = [1, 2, 3, 4, 5] as const;
export type Level = (typeof LEVELS)[number];

export interface Program {
  level: Level;
  /** Which top-level shape produced it (for statistics). */
  kind: string;
  code: string;
  mode: 'call' | 'program';
  /** call mode: the call expression, e.g. `f(3, [1, 2])`. */
  call?: string;
  /** program mode: the stdin. */
  stdin?: string;
}

/** Choices that change the shape of generated programs (the defaults give the programs every dataset so far was built from). */
export interface ShapeOptions {
  /** How many integer parameters a level 1 or 2 function takes, drawn uniformly from [min, max]. */
  params: readonly [number, number];
}

export const DEFAULT_SHAPE: ShapeOptions = { params: [1, 3] };

type Maker = (rng: Rng, shape: ShapeOptions) => Omit<Program, 'level' | 'mode'>;
const MAKERS: Record<Level, Maker> = { 1: level1, 2: level2, 3: level3, 4: level4, 5: level5 };

/** A call-mode program as a stdin script: the arguments arrive as Python literals, one per line. */
export function asScript(p: Pick<Program, 'code' | 'call'>): { code: string; stdin: string } {
  const args = splitArgs(p.call!.slice(2, -1));
  const reads = args.map((_, i) => `arg${i} = eval(input())`);
  return {
    code: `${p.code}\n${reads.join('\n')}\nprint(f(${args.map((_, i) => `arg${i}`).join(', ')}))\n`,
    stdin: args.map((a) => `${a}\n`).join(''),
  };
}

/** Split a top-level argument list `1, [2, 3], 'a'` into its parts. */
export function splitArgs(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  let quote = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = '';
    } else if (ch === "'" || ch === '"') quote = ch;
    else if ('([{'.includes(ch)) depth++;
    else if (')]}'.includes(ch)) depth--;
    else if (ch === ',' && depth === 0) {
      out.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  if (text.trim()) out.push(text.slice(start).trim());
  return out;
}

/** One program at a level. `stdinShare` of them become stdin scripts (predict the stdout). */
export function generateProgram(rng: Rng, level: Level, stdinShare = 0, shape: ShapeOptions = DEFAULT_SHAPE): Program {
  const p = MAKERS[level](rng, shape);
  if (stdinShare > 0 && rng.chance(stdinShare)) {
    const { code, stdin } = asScript(p);
    return { level, kind: p.kind, code, mode: 'program', stdin };
  }
  return { level, kind: p.kind, code: p.code, mode: 'call', call: p.call };
}
