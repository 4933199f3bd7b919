// The generator's building blocks: variable names and the scope that hands them out, argument values, integer
// expressions, conditions and arithmetic statements, shared by every level (src/dataset/levels-*.ts). Values stay
// small (the model is tiny). Changing anything here changes every dataset built from a seed.
import type { Rng } from './rng.ts';

export const INT_NAMES = ['a', 'b', 'c', 'x', 'y', 'z', 'n', 'm', 'k', 'p', 'q', 'u', 'v', 'w', 't', 'r', 'd', 'total', 'count', 'acc', 'res', 'diff', 'prod', 'tmp', 'best', 'num', 'val', 'step', 'low', 'high', 'score', 'size'];
export const LIST_NAMES = ['xs', 'ys', 'nums', 'items', 'vals', 'arr', 'data', 'lst', 'seq', 'out', 'result', 'stack', 'parts', 'evens', 'odds'];
export const STR_NAMES = ['s', 'text', 'word', 'name', 'line', 'msg', 'tag', 'code', 'key', 'label'];
export const DICT_NAMES = ['d', 'counts', 'seen', 'table', 'freq', 'index', 'memo', 'groups'];
export const LOOP_NAMES = ['i', 'j', 'k', 'idx', 'pos', 'e', 'v', 'item', 'ch', 'el'];
export const LETTERS = 'abcdeorst';

export type Ty = 'int' | 'list' | 'str' | 'dict';

/** The variables in scope while composing one function body. */
export class Scope {
  readonly vars: Record<Ty, string[]> = { int: [], list: [], str: [], dict: [] };
  readonly used = new Set<string>();
  /** Lists whose length is known to be at least this (indexing them is safe). */
  readonly minLen = new Map<string, number>();

  constructor(private rng: Rng, reserved: string[] = []) {
    for (const name of reserved) this.used.add(name);
  }

  fresh(ty: Ty | 'loop'): string {
    const pool = ty === 'int' ? INT_NAMES : ty === 'list' ? LIST_NAMES : ty === 'str' ? STR_NAMES : ty === 'dict' ? DICT_NAMES : LOOP_NAMES;
    const free = pool.filter((n) => !this.used.has(n));
    const name = free.length ? this.rng.pick(free) : `${pool[0]}${this.used.size}`;
    this.used.add(name);
    return name;
  }

  add(ty: Ty, name: string): string {
    if (!this.vars[ty].includes(name)) this.vars[ty].push(name);
    this.used.add(name);
    return name;
  }

  any(ty: Ty): string | undefined {
    const list = this.vars[ty];
    return list.length ? this.rng.pick(list) : undefined;
  }
}

// ---- values for arguments -------------------------------------------------------------------

export function intArg(rng: Rng, lo = -3, hi = 12): number {
  return rng.intIn(lo, hi);
}
export function listArg(rng: Rng, min = 2, max = 5): number[] {
  return Array.from({ length: rng.intIn(min, max) }, () => rng.intIn(0, 9));
}
export function strArg(rng: Rng): string {
  const n = rng.intIn(3, 6);
  let s = '';
  for (let i = 0; i < n; i++) s += rng.pick(LETTERS.split(''));
  if (rng.chance(0.2)) s = s.slice(0, 2) + '-' + s.slice(2);
  return s;
}
export const pyStr = (s: string) => `'${s}'`;
export const pyList = (xs: number[]) => `[${xs.join(', ')}]`;

// ---- expressions ----------------------------------------------------------------------------

export function intExpr(rng: Rng, sc: Scope, depth = 0): string {
  const v = sc.any('int');
  const c = rng.intIn(1, 9);
  if (!v || depth >= 2) return v && rng.chance(0.7) ? v : String(c);
  const sub = () => intExpr(rng, sc, depth + 1);
  return rng.weighted<() => string>([
    [() => v, 3],
    [() => `${v} + ${sub()}`, 4],
    [() => `${v} - ${sub()}`, 3],
    [() => `${v} * ${rng.intIn(2, 3)}`, 2],
    [() => `${sub()} + ${c}`, 2],
    [() => `${v} // ${rng.intIn(2, 4)}`, 1.5],
    [() => `${v} % ${rng.intIn(2, 5)}`, 1.5],
    [() => `abs(${v} - ${sub()})`, 1],
    [() => `min(${v}, ${sub()})`, 1],
    [() => `max(${v}, ${sub()})`, 1],
    [() => `(${v} + ${c}) * 2`, 0.7],
    [() => `-${v}`, 0.5],
  ])();
}

export function cond(rng: Rng, sc: Scope, depth = 0): string {
  const v = sc.any('int') ?? '0';
  const w = sc.any('int') ?? '1';
  const op = rng.pick(['>', '<', '>=', '<=', '==', '!=']);
  const simple = rng.weighted<() => string>([
    [() => `${v} ${op} ${w === v ? rng.intIn(0, 9) : w}`, 4],
    [() => `${v} ${op} ${rng.intIn(0, 9)}`, 4],
    [() => `${v} % 2 == ${rng.intIn(0, 1)}`, 2],
    [() => `${v} % ${rng.intIn(3, 4)} == 0`, 1],
    [() => `${v} + ${w} > ${rng.intIn(3, 12)}`, 1],
  ])();
  if (depth === 0 && rng.chance(0.2)) return `${simple} ${rng.pick(['and', 'or'])} ${cond(rng, sc, 1)}`;
  if (depth === 0 && rng.chance(0.07)) return `not ${simple}`;
  return simple;
}

// ---- statements -----------------------------------------------------------------------------

export type Lines = string[];
export const ind = (lines: Lines, n = 1) => lines.map((l) => '    '.repeat(n) + l);

export function arithStmt(rng: Rng, sc: Scope): Lines {
  const ints = sc.vars.int;
  return rng.weighted<() => Lines>([
    [() => {
      const e = intExpr(rng, sc);
      return [`${sc.add('int', sc.fresh('int'))} = ${e}`];
    }, 5],
    [() => {
      const v = sc.any('int')!;
      return [rng.weighted<string>([
        [`${v} += ${intExpr(rng, sc, 1)}`, 3], [`${v} -= ${intExpr(rng, sc, 1)}`, 2],
        [`${v} *= ${rng.intIn(2, 3)}`, 1], [`${v} //= ${rng.intIn(2, 3)}`, 0.5], [`${v} %= ${rng.intIn(3, 7)}`, 0.5],
      ])];
    }, ints.length ? 3 : 0],
    [() => {
      const [a, b] = rng.shuffle([...ints]).slice(0, 2);
      return [`${a}, ${b} = ${b}, ${a}`];
    }, ints.length >= 2 ? 0.7 : 0],
    [() => {
      const e1 = intExpr(rng, sc, 1);
      const e2 = intExpr(rng, sc, 1);
      const a = sc.add('int', sc.fresh('int'));
      const b = sc.add('int', sc.fresh('int'));
      return [`${a}, ${b} = ${e1}, ${e2}`];
    }, 0.7],
  ])();
}

export function returnInt(rng: Rng, sc: Scope, last?: string): string {
  const ints = sc.vars.int;
  return rng.weighted<() => string>([
    [() => `return ${last ?? sc.any('int')}`, 4],
    [() => `return ${intExpr(rng, sc)}`, 2],
    [() => `return (${rng.shuffle([...ints]).slice(0, 2).join(', ')})`, ints.length >= 2 ? 1 : 0],
    [() => `return [${rng.shuffle([...ints]).slice(0, rng.intIn(2, 3)).join(', ')}]`, ints.length >= 3 ? 0.7 : 0],
    [() => `return ${cond(rng, sc, 1)}`, 0.7],
    [() => `return str(${sc.any('int')}) + '${rng.pick([':', '-', '/', 'x'])}' + str(${sc.any('int')})`, 0.4],
  ])();
}

export function lastAssigned(lines: Lines): string | undefined {
  for (let i = lines.length - 1; i >= 0; i--) {
    const m = /^\s*([A-Za-z_]\w*)\s*(?:[-+*/%]|\/\/)?=\s/.exec(lines[i]!);
    if (m) return m[1];
  }
  return undefined;
}

export function fn(name: string, params: string[], body: Lines): Lines {
  return [`def ${name}(${params.join(', ')}):`, ...ind(body)];
}
