// Levels 1-3 of the generator: straight-line arithmetic, branches, loops with accumulators. Each maker returns
// one `def f(...)` and the call to make; generate.ts turns it into a Program.
import type { Rng } from './rng.ts';
import type { Program, ShapeOptions } from './generate.ts';
import { Scope, intArg, intExpr, cond, type Lines, ind, arithStmt, returnInt, lastAssigned, fn } from './grammar.ts';

// ---- level 1: straight-line arithmetic --------------------------------------------------------

export function intParams(rng: Rng, sc: Scope, count: number, lo?: number, hi?: number): { names: string[]; args: string[] } {
  const names: string[] = [];
  const args: string[] = [];
  for (let i = 0; i < count; i++) {
    names.push(sc.add('int', sc.fresh('int')));
    args.push(String(intArg(rng, lo, hi)));
  }
  return { names, args };
}

export function level1(rng: Rng, shape: ShapeOptions): Omit<Program, 'level' | 'mode'> {
  const sc = new Scope(rng, ['f']);
  const { names, args } = intParams(rng, sc, rng.intIn(...shape.params));
  const body: Lines = [];
  const n = rng.intIn(1, 4);
  for (let i = 0; i < n; i++) body.push(...arithStmt(rng, sc));
  body.push(returnInt(rng, sc, lastAssigned(body)));
  return { kind: 'arith', code: fn('f', names, body).join('\n') + '\n', call: `f(${args.join(', ')})` };
}

// ---- level 2: branches ----------------------------------------------------------------------

export function block(rng: Rng, sc: Scope, n: number): Lines {
  const out: Lines = [];
  for (let i = 0; i < n; i++) out.push(...arithStmt(rng, sc));
  return out;
}

/** A branch statement; branches only assign existing variables, so every path defines the same names. */
export function branchStmt(rng: Rng, sc: Scope, allowReturn: boolean): Lines {
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

export function level2(rng: Rng, shape: ShapeOptions): Omit<Program, 'level' | 'mode'> {
  const sc = new Scope(rng, ['f']);
  const { names, args } = intParams(rng, sc, rng.intIn(...shape.params));
  const body: Lines = [...block(rng, sc, rng.intIn(0, 2))];
  const branches = rng.chance(0.25) ? 2 : 1;
  for (let i = 0; i < branches; i++) body.push(...branchStmt(rng, sc, true));
  if (rng.chance(0.4)) body.push(...arithStmt(rng, sc));
  body.push(returnInt(rng, sc, lastAssigned(body)));
  return { kind: 'branch', code: fn('f', names, body).join('\n') + '\n', call: `f(${args.join(', ')})` };
}

// ---- level 3: loops with accumulators ---------------------------------------------------------

export function loopBody(rng: Rng, sc: Scope, acc: string, loopVar: string): Lines {
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

export function level3(rng: Rng): Omit<Program, 'level' | 'mode'> {
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
