// Levels 4-5 of the generator: lists, strings and dicts with their common methods; nested loops, helper functions
// and recursion. Each maker returns one `def f(...)` and the call to make; generate.ts turns it into a Program.
import type { Rng } from './rng.ts';
import type { Program } from './generate.ts';
import { LETTERS, Scope, listArg, strArg, pyStr, pyList, intExpr, cond, type Lines, ind, lastAssigned, fn } from './grammar.ts';
import { intParams } from './levels-numbers.ts';

// ---- level 4: lists, strings, dicts -----------------------------------------------------------

export function listStmt(rng: Rng, sc: Scope, xs: string): Lines {
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

export function strStmt(rng: Rng, sc: Scope, s: string): Lines {
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

export function dictStmt(rng: Rng, sc: Scope, d: string, strKeys: boolean): Lines {
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

export function level4(rng: Rng): Omit<Program, 'level' | 'mode'> {
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

export function level5(rng: Rng): Omit<Program, 'level' | 'mode'> {
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
