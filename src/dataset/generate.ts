// A seeded generator of small Python programs in five difficulty levels, CRUXEval style:
// one `def f(...)` and the arguments to call it with (optionally a stdin script instead).
//   1 straight-line arithmetic   2 branches   3 loops with accumulators
//   4 lists, strings and dicts with their common methods   5 nested loops, helpers, recursion
// Programs are composed from statement and expression grammars over typed variables, so names,
// operators, shapes and constants all vary. Values stay small (the model is tiny). The generator
// only proposes: a program is kept once the runner has really run it (see build.ts).
import type { Rng } from './rng.ts';

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

const INT_NAMES = ['a', 'b', 'c', 'x', 'y', 'z', 'n', 'm', 'k', 'p', 'q', 'u', 'v', 'w', 't', 'r', 'd', 'total', 'count', 'acc', 'res', 'diff', 'prod', 'tmp', 'best', 'num', 'val', 'step', 'low', 'high', 'score', 'size'];
const LIST_NAMES = ['xs', 'ys', 'nums', 'items', 'vals', 'arr', 'data', 'lst', 'seq', 'out', 'result', 'stack', 'parts', 'evens', 'odds'];
const STR_NAMES = ['s', 'text', 'word', 'name', 'line', 'msg', 'tag', 'code', 'key', 'label'];
const DICT_NAMES = ['d', 'counts', 'seen', 'table', 'freq', 'index', 'memo', 'groups'];
const LOOP_NAMES = ['i', 'j', 'k', 'idx', 'pos', 'e', 'v', 'item', 'ch', 'el'];
const LETTERS = 'abcdeorst';

type Ty = 'int' | 'list' | 'str' | 'dict';

/** The variables in scope while composing one function body. */
class Scope {
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

function intArg(rng: Rng, lo = -3, hi = 12): number {
  return rng.intIn(lo, hi);
}
function listArg(rng: Rng, min = 2, max = 5): number[] {
  return Array.from({ length: rng.intIn(min, max) }, () => rng.intIn(0, 9));
}
function strArg(rng: Rng): string {
  const n = rng.intIn(3, 6);
  let s = '';
  for (let i = 0; i < n; i++) s += rng.pick(LETTERS.split(''));
  if (rng.chance(0.2)) s = s.slice(0, 2) + '-' + s.slice(2);
  return s;
}
const pyStr = (s: string) => `'${s}'`;
const pyList = (xs: number[]) => `[${xs.join(', ')}]`;

// ---- expressions ----------------------------------------------------------------------------

function intExpr(rng: Rng, sc: Scope, depth = 0): string {
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

function cond(rng: Rng, sc: Scope, depth = 0): string {
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

type Lines = string[];
const ind = (lines: Lines, n = 1) => lines.map((l) => '    '.repeat(n) + l);

function arithStmt(rng: Rng, sc: Scope): Lines {
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

function returnInt(rng: Rng, sc: Scope, last?: string): string {
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

function lastAssigned(lines: Lines): string | undefined {
  for (let i = lines.length - 1; i >= 0; i--) {
    const m = /^\s*([A-Za-z_]\w*)\s*(?:[-+*/%]|\/\/)?=\s/.exec(lines[i]!);
    if (m) return m[1];
  }
  return undefined;
}

function fn(name: string, params: string[], body: Lines): Lines {
  return [`def ${name}(${params.join(', ')}):`, ...ind(body)];
}

// ---- level 1: straight-line arithmetic --------------------------------------------------------

function intParams(rng: Rng, sc: Scope, count: number, lo?: number, hi?: number): { names: string[]; args: string[] } {
  const names: string[] = [];
  const args: string[] = [];
  for (let i = 0; i < count; i++) {
    names.push(sc.add('int', sc.fresh('int')));
    args.push(String(intArg(rng, lo, hi)));
  }
  return { names, args };
}

function level1(rng: Rng): Omit<Program, 'level' | 'mode'> {
  const sc = new Scope(rng, ['f']);
  const { names, args } = intParams(rng, sc, rng.intIn(1, 3));
  const body: Lines = [];
  const n = rng.intIn(1, 4);
  for (let i = 0; i < n; i++) body.push(...arithStmt(rng, sc));
  body.push(returnInt(rng, sc, lastAssigned(body)));
  return { kind: 'arith', code: fn('f', names, body).join('\n') + '\n', call: `f(${args.join(', ')})` };
}

// ---- level 2: branches ----------------------------------------------------------------------

function block(rng: Rng, sc: Scope, n: number): Lines {
  const out: Lines = [];
  for (let i = 0; i < n; i++) out.push(...arithStmt(rng, sc));
  return out;
}

/** A branch statement; branches only assign existing variables, so every path defines the same names. */
function branchStmt(rng: Rng, sc: Scope, allowReturn: boolean): Lines {
  const target = sc.any('int')!;
  const assign = () => rng.weighted<() => string>([
    [() => `${target} = ${intExpr(rng, sc)}`, 3],
    [() => `${target} += ${intExpr(rng, sc, 1)}`, 2],
    [() => `${target} -= ${intExpr(rng, sc, 1)}`, 1.5],
    [() => `${sc.any('int')} *= ${rng.intIn(2, 3)}`, 1],
  ])();
  return rng.weighted<() => Lines>([
    [() => [`if ${cond(rng, sc)}:`, ...ind([assign()]), 'else:', ...ind([assign()])], 4],
    [() => [`if ${cond(rng, sc)}:`, ...ind([assign()])], 3],
    [() => [`if ${cond(rng, sc)}:`, ...ind([assign()]), `elif ${cond(rng, sc)}:`, ...ind([assign()]), 'else:', ...ind([assign()])], 2],
    [() => [`if ${cond(rng, sc)}:`, ...ind([`if ${cond(rng, sc, 1)}:`, ...ind([assign()]), assign()])], 1],
    [() => [`${target} = ${intExpr(rng, sc, 1)} if ${cond(rng, sc, 1)} else ${intExpr(rng, sc, 1)}`], 1.5],
    [() => [`if ${cond(rng, sc)}:`, ...ind([`return ${intExpr(rng, sc, 1)}`])], allowReturn ? 2 : 0],
  ])();
}

function level2(rng: Rng): Omit<Program, 'level' | 'mode'> {
  const sc = new Scope(rng, ['f']);
  const { names, args } = intParams(rng, sc, rng.intIn(1, 3));
  const body: Lines = [...block(rng, sc, rng.intIn(0, 2))];
  const branches = rng.chance(0.25) ? 2 : 1;
  for (let i = 0; i < branches; i++) body.push(...branchStmt(rng, sc, true));
  if (rng.chance(0.4)) body.push(...arithStmt(rng, sc));
  body.push(returnInt(rng, sc, lastAssigned(body)));
  return { kind: 'branch', code: fn('f', names, body).join('\n') + '\n', call: `f(${args.join(', ')})` };
}

// ---- level 3: loops with accumulators ---------------------------------------------------------

function loopBody(rng: Rng, sc: Scope, acc: string, loopVar: string): Lines {
  const other = sc.any('int');
  const update = rng.weighted<() => string>([
    [() => `${acc} += ${loopVar}`, 3],
    [() => `${acc} += ${loopVar} * ${rng.intIn(2, 3)}`, 1],
    [() => `${acc} -= ${loopVar}`, 1],
    [() => `${acc} += ${rng.intIn(1, 5)}`, 1],
    [() => `${acc} = ${acc} * 2 + ${loopVar}`, 0.5],
    [() => `${acc} += ${other ?? 1}`, 0.7],
    [() => `${acc} = max(${acc}, ${loopVar} * ${rng.intIn(1, 3)})`, 0.5],
    [() => `${acc} += ${loopVar} % ${rng.intIn(2, 3)}`, 0.7],
  ])();
  return rng.weighted<() => Lines>([
    [() => [update], 4],
    [() => [`if ${loopVar} % 2 == ${rng.intIn(0, 1)}:`, ...ind([update])], 2],
    [() => [`if ${loopVar} ${rng.pick(['>', '<', '=='])} ${rng.intIn(1, 4)}:`, ...ind([update]), 'else:', ...ind([`${acc} -= 1`])], 1],
    [() => [`if ${loopVar} == ${rng.intIn(2, 4)}:`, ...ind([rng.pick(['break', 'continue'])]), update], 1],
    [() => {
      const cnt = sc.add('int', sc.fresh('int'));
      sc.vars.int.splice(sc.vars.int.indexOf(cnt), 1); // initialised before the loop by the caller
      return [update, `${cnt} += 1`];
    }, 0],
  ])();
}

function level3(rng: Rng): Omit<Program, 'level' | 'mode'> {
  const sc = new Scope(rng, ['f']);
  const kind = rng.weighted<string>([['for-range', 4], ['for-range2', 2], ['while-count', 2], ['while-digits', 1.5], ['for-count', 1.5]]);
  const body: Lines = [];
  let names: string[];
  let args: string[];
  if (kind === 'for-range' || kind === 'for-range2' || kind === 'for-count') {
    const n = sc.add('int', sc.fresh('int'));
    names = [n];
    args = [String(rng.intIn(1, 6))];
    if (rng.chance(0.4)) {
      const p = intParams(rng, sc, 1, 0, 5);
      names.push(...p.names);
      args.push(...p.args);
    }
    const acc = sc.fresh('int');
    body.push(`${acc} = ${rng.pick(['0', '0', '1', String(rng.intIn(1, 5))])}`);
    const i = sc.fresh('loop');
    let header = `for ${i} in range(${n}):`;
    if (kind === 'for-range2') {
      const start = rng.intIn(0, 3);
      header = rng.chance(0.5) ? `for ${i} in range(${start}, ${n} + ${start}):` : `for ${i} in range(${n} * 2, 0, -${rng.intIn(1, 3)}):`;
    }
    if (kind === 'for-count') {
      const cnt = sc.fresh('int');
      body.push(`${cnt} = 0`);
      const test = rng.pick([`${i} % 2 == 0`, `${i} > ${rng.intIn(1, 3)}`, `${i} % 3 != 0`, `${i} != ${rng.intIn(0, 3)}`]);
      body.push(header, ...ind([`if ${test}:`, ...ind([`${cnt} += 1`]), `${acc} += ${i}`]));
      sc.add('int', acc);
      sc.add('int', cnt);
      body.push(rng.pick([`return ${cnt}`, `return ${acc} - ${cnt}`, `return (${acc}, ${cnt})`, `return [${cnt}, ${acc}]`]));
      return { kind, code: fn('f', names, body).join('\n') + '\n', call: `f(${args.join(', ')})` };
    }
    sc.add('int', i);
    body.push(header, ...ind(loopBody(rng, sc, acc, i)));
    sc.vars.int.splice(sc.vars.int.indexOf(i), 1);
    sc.add('int', acc);
    if (rng.chance(0.3)) body.push(...arithStmt(rng, sc));
    body.push(returnInt(rng, sc, rng.chance(0.7) ? acc : undefined));
  } else if (kind === 'while-count') {
    const n = sc.add('int', sc.fresh('int'));
    names = [n];
    const stepBy = rng.intIn(1, 4);
    args = [String(rng.intIn(1, 6 * stepBy))];
    const acc = sc.fresh('int');
    const steps = sc.fresh('int');
    body.push(`${acc} = 0`, `${steps} = 0`);
    const lim = rng.intIn(0, 2);
    body.push(`while ${n} > ${lim}:`, ...ind([
      rng.pick([`${acc} += ${n}`, `${acc} += ${n} % ${rng.intIn(2, 4)}`, `${acc} = ${acc} + ${rng.intIn(1, 3)}`]),
      `${n} -= ${stepBy}`,
      `${steps} += 1`,
    ]));
    sc.add('int', acc);
    sc.add('int', steps);
    body.push(rng.pick([`return ${acc}`, `return (${acc}, ${steps})`, `return ${acc} + ${steps}`, `return [${n}, ${steps}]`]));
  } else {
    const n = sc.add('int', sc.fresh('int'));
    names = [n];
    const base = rng.pick([10, 10, 2, 3]);
    args = [String(rng.intIn(5, base === 10 ? 999 : 60))];
    const acc = sc.fresh('int');
    const d = sc.fresh('int');
    body.push(`${acc} = 0`);
    body.push(`while ${n} > 0:`, ...ind([
      `${d} = ${n} % ${base}`,
      rng.pick([`${acc} += ${d}`, `${acc} = ${acc} * ${base === 10 ? 10 : 2} + ${d}`, `${acc} += 1`, `${acc} = max(${acc}, ${d})`]),
      `${n} //= ${base}`,
    ]));
    body.push(`return ${acc}`);
  }
  return { kind, code: fn('f', names, body).join('\n') + '\n', call: `f(${args.join(', ')})` };
}

// ---- level 4: lists, strings, dicts -----------------------------------------------------------

function listStmt(rng: Rng, sc: Scope, xs: string): Lines {
  const len = sc.minLen.get(xs) ?? 0;
  const c = rng.intIn(0, 9);
  const newList = () => sc.add('list', sc.fresh('list'));
  const newInt = () => sc.add('int', sc.fresh('int'));
  const grow = (k: number) => sc.minLen.set(xs, len + k);
  return rng.weighted<() => Lines>([
    [() => { grow(1); return [`${xs}.append(${sc.any('int') ?? c})`]; }, 3],
    [() => { grow(1); return [`${xs}.insert(0, ${c})`]; }, 1],
    [() => { sc.minLen.set(xs, len - 1); const v = newInt(); return [`${v} = ${xs}.pop(${rng.pick(['', '0'])})`]; }, len >= 2 ? 1.5 : 0],
    [() => [`${xs}.sort(${rng.pick(['', 'reverse=True'])})`], 1.5],
    [() => [`${xs}.reverse()`], 1],
    [() => { const ys = newList(); sc.minLen.set(ys, len); return [`${ys} = sorted(${xs})`]; }, 1],
    [() => { const ys = newList(); sc.minLen.set(ys, len); return [`${ys} = ${xs}[::-1]`]; }, 1],
    [() => { const ys = newList(); return [`${ys} = ${xs}[${rng.intIn(1, 2)}:]`]; }, 1],
    [() => { const ys = newList(); sc.minLen.set(ys, len); return [`${ys} = [${rng.pick(['v * 2', 'v + 1', 'v % 3', 'v - 1', 'v * v'])} for v in ${xs}]`]; }, 2],
    [() => { const ys = newList(); return [`${ys} = [v for v in ${xs} if v ${rng.pick(['>', '<', '!='])} ${rng.intIn(2, 6)}]`]; }, 2],
    [() => [`${newInt()} = ${rng.pick(['len', 'sum', 'max', 'min'])}(${xs})`], len >= 1 ? 3 : 1],
    [() => [`${newInt()} = ${xs}.count(${c % 5})`], 1],
    [() => [`${newInt()} = ${xs}[${rng.pick(['0', '-1', '1'])}]`], len >= 2 ? 1.5 : 0],
    [() => [`${xs}[${rng.pick(['0', '-1'])}] = ${intExpr(rng, sc, 1)}`], len >= 1 ? 1 : 0],
    [() => [`if ${c % 5} in ${xs}:`, ...ind([`${xs}.remove(${c % 5})`])], 1],
    [() => { const ys = sc.any('list'); grow(0); return ys && ys !== xs ? [`${xs}.extend(${ys})`] : [`${xs}.append(${c})`]; }, 0.7],
    [() => { const acc = newInt(); return [`${acc} = 0`, `for v in ${xs}:`, ...ind(rng.pick([[`${acc} += v`], ['if v % 2 == 0:', ...ind([`${acc} += 1`])], [`${acc} = max(${acc}, v)`]]))]; }, 1.5],
  ])();
}

function strStmt(rng: Rng, sc: Scope, s: string): Lines {
  const ch = rng.pick(LETTERS.split(''));
  const newStr = () => sc.add('str', sc.fresh('str'));
  const newInt = () => sc.add('int', sc.fresh('int'));
  return rng.weighted<() => Lines>([
    [() => [`${newStr()} = ${s}.${rng.pick(['upper', 'lower', 'capitalize', 'strip', 'title'])}()`], 2],
    [() => [`${newStr()} = ${s}.replace('${ch}', '${rng.pick(['', 'x', '*', ch + ch])}')`], 2],
    [() => [`${newStr()} = ${s}[${rng.pick(['::-1', '1:', ':3', '::2', '1:-1'])}]`], 2],
    [() => [`${newInt()} = ${s}.${rng.pick(['count', 'find'])}('${ch}')`], 2],
    [() => [`${newInt()} = len(${s})`], 1],
    [() => [`${newStr()} = ${s} + '${rng.pick(['!', 'ab', '-', 'z'])}'`], 1],
    [() => [`${newStr()} = ${s} * 2`], 0.5],
    [() => { const p = sc.add('list', sc.fresh('list')); return [`${p} = ${s}.split('${rng.pick(['-', ch])}')`]; }, 1],
    [() => [`${newStr()} = '${rng.pick(['-', '', ' ', ','])}'.join(sorted(${s}))`], 1],
    [() => [`${newInt()} = ${s}.startswith('${ch}')`], 0.5],
    [() => { const acc = newInt(); return [`${acc} = 0`, `for ch in ${s}:`, ...ind([`if ch in '${rng.pick(['aeiou', 'rst', 'abc', 'de'])}':`, ...ind([`${acc} += 1`])])]; }, 1.5],
    [() => { const out = newStr(); return [`${out} = ''`, `for ch in ${s}:`, ...ind(rng.pick([[`${out} = ch + ${out}`], [`${out} += ch.upper()`], [`if ch != '${ch}':`, ...ind([`${out} += ch`])]]))]; }, 1.5],
  ])();
}

function dictStmt(rng: Rng, sc: Scope, d: string, strKeys: boolean): Lines {
  const key = strKeys ? `'${rng.pick(LETTERS.split(''))}'` : rng.pick(['0', '1', '2', '3']);
  const newInt = () => sc.add('int', sc.fresh('int'));
  return rng.weighted<() => Lines>([
    [() => [`${d}[${key}] = ${intExpr(rng, sc, 1)}`], 2],
    [() => [`${newInt()} = ${d}.get(${key}, ${rng.intIn(0, 3)})`], 2],
    [() => [`${newInt()} = len(${d})`], 1],
    [() => [`${sc.add('list', sc.fresh('list'))} = sorted(${d}${rng.pick(['', '.values()'])})`], 1.5],
    [() => [`${sc.add('list', sc.fresh('list'))} = sorted(${d}.items())`], 1],
    [() => [`${d}.pop(${key}, None)`], 1],
    [() => [`${d}.update({${key}: ${rng.intIn(0, 9)}})`], 0.7],
  ])();
}

function level4(rng: Rng): Omit<Program, 'level' | 'mode'> {
  const sc = new Scope(rng, ['f', 'v', 'ch']);
  const kind = rng.weighted<string>([['list', 4], ['str', 3], ['dict', 2.5]]);
  const body: Lines = [];
  const names: string[] = [];
  const args: string[] = [];
  if (kind === 'list') {
    const xs = sc.add('list', sc.fresh('list'));
    const arg = listArg(rng);
    sc.minLen.set(xs, arg.length);
    names.push(xs);
    args.push(pyList(arg));
    if (rng.chance(0.4)) { const p = intParams(rng, sc, 1, 0, 9); names.push(...p.names); args.push(...p.args); }
    const n = rng.intIn(2, 4);
    for (let i = 0; i < n; i++) body.push(...listStmt(rng, sc, rng.chance(0.7) ? xs : sc.any('list')!));
  } else if (kind === 'str') {
    const s = sc.add('str', sc.fresh('str'));
    names.push(s);
    args.push(pyStr(strArg(rng)));
    const n = rng.intIn(2, 3);
    for (let i = 0; i < n; i++) body.push(...strStmt(rng, sc, rng.chance(0.6) ? s : sc.any('str')!));
  } else {
    const xs = sc.add('list', sc.fresh('list'));
    const strKeys = rng.chance(0.5);
    const arg = !strKeys ? listArg(rng, 3, 6).map((x) => x % 4) : Array.from(strArg(rng).replace('-', '')).map((c) => `'${c}'`);
    names.push(xs);
    args.push(`[${arg.join(', ')}]`);
    const d = sc.add('dict', sc.fresh('dict'));
    body.push(`${d} = {}`, `for v in ${xs}:`, ...ind(rng.pick([[`${d}[v] = ${d}.get(v, 0) + 1`], [`${d}[v] = ${d}.get(v, 0) + ${rng.intIn(1, 3)}`], [`if v not in ${d}:`, ...ind([`${d}[v] = len(${d})`])]])));
    const n = rng.intIn(1, 2);
    for (let i = 0; i < n; i++) body.push(...dictStmt(rng, sc, d, strKeys));
  }
  const ret = rng.weighted<() => string>([
    [() => `return ${lastAssigned(body) ?? names[0]}`, 3],
    [() => `return ${sc.any('list') ?? names[0]}`, sc.vars.list.length ? 2 : 0],
    [() => `return ${sc.any('str') ?? names[0]}`, sc.vars.str.length ? 2 : 0],
    [() => `return ${sc.any('dict') ?? names[0]}`, sc.vars.dict.length ? 2 : 0],
    [() => `return (${sc.any('int')}, ${sc.any('list') ?? sc.any('str') ?? sc.any('dict')})`, sc.vars.int.length ? 1 : 0],
  ])();
  body.push(ret);
  return { kind, code: fn('f', names, body).join('\n') + '\n', call: `f(${args.join(', ')})` };
}

// ---- level 5: nested loops, helper functions, recursion ----------------------------------------

function level5(rng: Rng): Omit<Program, 'level' | 'mode'> {
  const kind = rng.weighted<string>([['nested', 3], ['helper', 3], ['recursion', 4]]);
  if (kind === 'nested') {
    const sc = new Scope(rng, ['f']);
    const a = sc.add('int', sc.fresh('int'));
    const b = sc.add('int', sc.fresh('int'));
    const acc = sc.fresh('int');
    const i = sc.fresh('loop');
    const j = sc.fresh('loop');
    const inner = rng.pick([`range(${b})`, `range(${i} + 1)`, `range(${i}, ${b})`]);
    const update = rng.pick([`${acc} += ${i} * ${j}`, `${acc} += ${i} + ${j}`, `${acc} += 1`, `${acc} = max(${acc}, ${i} - ${j})`]);
    const guarded = rng.chance(0.4) ? [`if ${rng.pick([`${i} != ${j}`, `(${i} + ${j}) % 2 == 0`, `${j} > ${i}`, `${i} < ${j}`])}:`, ...ind([update])] : [update];
    // Optional extra work in the outer body (before or after the inner loop) and around the loops.
    const rows = rng.chance(0.4) ? sc.fresh('int') : null;
    const outerExtra = rows ? [rng.pick([`${rows} += 1`, `${rows} += ${i}`, `${rows} = max(${rows}, ${acc})`])] : [];
    const innerLoop = [`for ${j} in ${inner}:`, ...ind(guarded)];
    const outerBody = rng.chance(0.5) ? [...innerLoop, ...outerExtra] : [...outerExtra, ...innerLoop];
    const init = [`${acc} = ${rng.pick(['0', '0', '1', b])}`, ...(rows ? [`${rows} = 0`] : [])];
    const ret = rows ? rng.pick([`return (${acc}, ${rows})`, `return ${acc} + ${rows}`, `return [${rows}, ${acc}]`]) : rng.pick([`return ${acc}`, `return ${acc}`, `return ${acc} * 2`, `return ${acc} - ${a}`]);
    const body = [...init, `for ${i} in range(${a}):`, ...ind(outerBody), ret];
    return { kind, code: fn('f', [a, b], body).join('\n') + '\n', call: `f(${rng.intIn(1, 3)}, ${rng.intIn(1, 3)})` };
  }
  if (kind === 'helper') {
    const helperName = rng.pick(['g', 'helper', 'step', 'twice', 'bump', 'score', 'square']);
    const hs = new Scope(rng, ['f', helperName]);
    const hp = hs.add('int', hs.fresh('int'));
    const hbody = rng.chance(0.5) ? [`return ${intExpr(rng, hs, 1)}`] : [`if ${cond(rng, hs, 1)}:`, ...ind([`return ${intExpr(rng, hs, 1)}`]), `return ${intExpr(rng, hs, 1)}`];
    const helper = fn(helperName, [hp], hbody);
    const sc = new Scope(rng, ['f', helperName]);
    const shape = rng.pick(['loop', 'list', 'chain']);
    let body: Lines;
    let params: string[];
    let call: string;
    if (shape === 'loop') {
      const n = sc.add('int', sc.fresh('int'));
      const acc = sc.fresh('int');
      const i = sc.fresh('loop');
      body = [`${acc} = 0`, `for ${i} in range(${n}):`, ...ind([rng.pick([`${acc} += ${helperName}(${i})`, `${acc} = max(${acc}, ${helperName}(${i}))`])]), `return ${acc}`];
      params = [n];
      call = `f(${rng.intIn(1, 4)})`;
    } else if (shape === 'list') {
      const xs = sc.add('list', sc.fresh('list'));
      body = [rng.pick([`return [${helperName}(v) for v in ${xs}]`, `return sum([${helperName}(v) for v in ${xs}])`, `return max(${xs}, key=${helperName})`])];
      params = [xs];
      call = `f(${pyList(listArg(rng, 2, 4))})`;
    } else {
      const { names, args } = intParams(rng, sc, rng.intIn(1, 2), 0, 9);
      const v = sc.fresh('int');
      body = [`${v} = ${helperName}(${names[0]})`, `${v} = ${helperName}(${v} ${rng.pick(['+', '-'])} ${names[1] ?? rng.intIn(1, 4)})`, `return ${v}`];
      params = names;
      call = `f(${args.join(', ')})`;
    }
    return { kind, code: [...helper, '', ...fn('f', params, body)].join('\n') + '\n', call };
  }
  const which = rng.weighted<string>([['linear', 6], ['listrec', 3], ...['fact', 'sumlist', 'fib', 'power', 'gcd', 'digits', 'countdown', 'revstr', 'binary'].map((k) => [k, 1] as const)]);
  const name = rng.pick(['f', 'f', 'rec', 'go', 'solve']);
  const n = rng.pick(['n', 'k', 'x', 'm']);
  let def: Lines;
  let call: string;
  switch (which) {
    case 'linear': {
      // A composed linear recursion: base case, step size and combination all vary.
      const bound = rng.intIn(0, 1);
      const step = rng.intIn(1, 2);
      const base = rng.pick(['0', '1', n, String(rng.intIn(2, 5))]);
      const r = `${name}(${n} - ${step})`;
      const combine = rng.pick([`${n} + ${r}`, `${r} + ${rng.intIn(1, 3)}`, `${n} * 2 + ${r}`, `max(${n} % ${rng.intIn(2, 4)}, ${r})`, `${r} - ${n}`, `${r} * 2`, `${n} % 2 + ${r}`]);
      const body = rng.chance(0.4)
        ? [`${rng.pick(['r', 'rest', 'sub'])} = ${r}`]
        : [];
      const ret = body.length ? combine.replace(r, body[0]!.split(' = ')[0]!) : combine;
      def = fn(name, [n], [`if ${n} <= ${bound}:`, ...ind([`return ${base}`]), ...body, `return ${ret}`]);
      call = `${rng.intIn(1, 6)}`;
      break;
    }
    case 'listrec': {
      const xs = rng.pick(['xs', 'items', 'nums', 'seq']);
      const head = `${xs}[0]`;
      const rest = `${name}(${xs}[1:])`;
      const [empty, combine] = rng.pick<[string, string]>([
        ['0', `${head} + ${rest}`], ['0', `(1 if ${head} % 2 == 0 else 0) + ${rest}`], ['[]', `[${head} * 2] + ${rest}`],
        ['[]', `${rest} + [${head}]`], ['0', `max(${head}, ${rest})`], ['1', `${head} * ${rest}`], ['0', `${rest} - ${head}`],
      ]);
      def = fn(name, [xs], [`if ${rng.pick([`not ${xs}`, `len(${xs}) == 0`])}:`, ...ind([`return ${empty}`]), `return ${combine}`]);
      call = pyList(listArg(rng, 1, 4).map((v) => (combine.includes('*') && !combine.includes('* 2') ? v % 4 : v)));
      break;
    }
    case 'fact': def = fn(name, [n], [`if ${n} <= 1:`, ...ind(['return 1']), `return ${n} * ${name}(${n} - 1)`]); call = `${rng.intIn(1, 5)}`; break;
    case 'sumlist': def = fn(name, ['xs'], ['if not xs:', ...ind(['return 0']), `return xs[0] + ${name}(xs[1:])`]); call = pyList(listArg(rng, 1, 4)); break;
    case 'fib': def = fn(name, [n], [`if ${n} < 2:`, ...ind([`return ${n}`]), `return ${name}(${n} - 1) + ${name}(${n} - 2)`]); call = `${rng.intIn(1, 4)}`; break;
    case 'power': def = fn(name, ['b', 'e'], ['if e == 0:', ...ind(['return 1']), `return b * ${name}(b, e - 1)`]); call = `${rng.intIn(2, 3)}, ${rng.intIn(0, 4)}`; break;
    case 'gcd': def = fn(name, ['a', 'b'], ['if b == 0:', ...ind(['return a']), `return ${name}(b, a % b)`]); call = `${rng.intIn(2, 30)}, ${rng.intIn(2, 20)}`; break;
    case 'digits': def = fn(name, [n], [`if ${n} < 10:`, ...ind([`return ${n}`]), `return ${n} % 10 + ${name}(${n} // 10)`]); call = `${rng.intIn(5, 999)}`; break;
    case 'countdown': def = fn(name, [n], [`if ${n} <= 0:`, ...ind(['return []']), `return [${n}] + ${name}(${n} - ${rng.intIn(1, 2)})`]); call = `${rng.intIn(1, 5)}`; break;
    case 'revstr': def = fn(name, ['s'], ["if s == '':", ...ind(["return ''"]), `return ${name}(s[1:]) + s[0]`]); call = pyStr(strArg(rng).slice(0, 4)); break;
    default: def = fn(name, [n], [`if ${n} < 2:`, ...ind([`return str(${n})`]), `return ${name}(${n} // 2) + str(${n} % 2)`]); call = `${rng.intIn(1, 20)}`; break;
  }
  const code = name === 'f' ? def : [...def, '', ...fn('f', ['arg'], [`return ${name}(${which === 'power' || which === 'gcd' ? 'arg[0], arg[1]' : 'arg'})`])];
  const callArgs = name === 'f' ? call : which === 'power' || which === 'gcd' ? `(${call})` : call;
  return { kind: `recursion-${which}`, code: code.join('\n') + '\n', call: `f(${callArgs})` };
}

const MAKERS: Record<Level, (rng: Rng) => Omit<Program, 'level' | 'mode'>> = { 1: level1, 2: level2, 3: level3, 4: level4, 5: level5 };

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
export function generateProgram(rng: Rng, level: Level, stdinShare = 0): Program {
  const p = MAKERS[level](rng);
  if (stdinShare > 0 && rng.chance(stdinShare)) {
    const { code, stdin } = asScript(p);
    return { level, kind: p.kind, code, mode: 'program', stdin };
  }
  return { level, kind: p.kind, code: p.code, mode: 'call', call: p.call };
}
