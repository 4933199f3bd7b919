// The mutation engine (mutate.py) through the real runner, in Pyodide: each operator on a small snippet gives the
// expected code and note, the rest of the code is left as written, and the same input gives the same mutants.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeRunner, type NodeRunner } from '../capture/node/runner.ts';
import { mutantsOf, mutateRequest, OPERATORS, readMutants, seededOrder, type Mutant, type Operator } from './mutate.ts';
import { mutateSource } from './node/mutate-source.ts';

let runner: NodeRunner;
beforeAll(async () => {
  runner = await createNodeRunner({ processes: 1 });
}, 60_000);
afterAll(() => runner?.close());

async function mutants(code: string, operators?: Operator[]): Promise<Mutant[]> {
  const made = await mutantsOf(code, (req) => runner.run(req), mutateSource(), operators);
  if ('error' in made) throw new Error(made.error);
  return made.mutants;
}

const body = (ms: Mutant[]) => ms.map((m) => m.code);

describe('mutation operators', () => {
  it('range-bound: each bound of range() one off either way, written as a person would', async () => {
    const ms = await mutants('def f(s):\n    for i in range(len(s) - 1):\n        print(i)\n', ['range-bound']);
    expect(ms.map((m) => m.note)).toEqual([
      'range(len(s) - 1) became range(len(s) - 2) on line 2',
      'range(len(s) - 1) became range(len(s)) on line 2',
    ]);
    expect(ms[1]!.code).toBe('def f(s):\n    for i in range(len(s)):\n        print(i)\n');
    expect(ms.every((m) => m.operator === 'range-bound' && m.line === 2)).toBe(true);
    const two = await mutants('def f(n):\n    return list(range(1, n))\n', ['range-bound']);
    expect(two.map((m) => m.note)).toEqual([
      'range(1, n) became range(0, n) on line 2',
      'range(1, n) became range(2, n) on line 2',
      'range(1, n) became range(1, n - 1) on line 2',
      'range(1, n) became range(1, n + 1) on line 2',
    ]);
  }, 30_000);

  it('slice-bound: the bounds that are written', async () => {
    const ms = await mutants('def f(s):\n    return s[1:]\n', ['slice-bound']);
    expect(body(ms)).toEqual(['def f(s):\n    return s[0:]\n', 'def f(s):\n    return s[2:]\n']);
    expect(ms[0]!.note).toBe('s[1:] became s[0:] on line 2');
  });

  it('comparison: < <-> <=, > <-> >=, == <-> !=, in <-> not in; only the operator token changes', async () => {
    const ms = await mutants('def f(a, b):\n    if a<b and a == 0:\n        return b not in [a]\n    return a >= b\n', ['comparison']);
    expect(ms.map((m) => m.note)).toEqual([
      'a<b became a<=b on line 2',
      'a == 0 became a != 0 on line 2',
      'b not in [a] became b in [a] on line 3',
      'a >= b became a > b on line 4',
    ]);
  });

  it('arithmetic: + <-> -, * <-> //, % -> //, in expressions and in augmented assignments; never on strings', async () => {
    const ms = await mutants("def f(n, s):\n    total = n * 2 + n % 3\n    total += 1\n    return 'x' + s\n", ['arithmetic']);
    expect(ms.map((m) => m.note)).toEqual([
      'n * 2 + n % 3 became n * 2 - n % 3 on line 2',
      'n * 2 became n // 2 on line 2',
      'n % 3 became n // 3 on line 2',
      'total += 1 became total -= 1 on line 3',
    ]);
  });

  it('logic: and <-> or, not x -> x', async () => {
    const ms = await mutants('def f(a, b):\n    return not a and b\n', ['logic']);
    expect(body(ms)).toEqual(['def f(a, b):\n    return not a or b\n', 'def f(a, b):\n    return a and b\n']);
  });

  it('init-value: 0 <-> 1, [] -> [0], False -> True, None -> 0, best = nums[0] -> 0', async () => {
    const ms = await mutants('def f(nums):\n    total = 0\n    seen = []\n    done = False\n    best = nums[0]\n    last = None\n    return total\n', ['init-value']);
    expect(ms.map((m) => m.note)).toEqual([
      'total = 0 became total = 1 on line 2',
      'seen = [] became seen = [0] on line 3',
      'done = False became done = True on line 4',
      'best = nums[0] became best = 0 on line 5',
      'last = None became last = 0 on line 6',
    ]);
  });

  it('swap-args: the first two arguments of a call, unless they are the same', async () => {
    const ms = await mutants('def f(a, b):\n    return pow(a, b) + max(a, a)\n', ['swap-args']);
    expect(ms.map((m) => m.note)).toEqual(['pow(a, b) became pow(b, a) on line 2']);
  });

  it('drop-if: an early return removed, the rest of the code as written (comments too)', async () => {
    const code = 'def f(nums):\n    # the empty case\n    if not nums:\n        return 0\n    return nums[0]  # first\n';
    const ms = await mutants(code, ['drop-if']);
    expect(ms).toEqual([{
      operator: 'drop-if',
      line: 3,
      note: 'removed the edge case `if not nums: return 0` on lines 3-4',
      code: 'def f(nums):\n    # the empty case\n    return nums[0]  # first\n',
    }]);
    // The only statement of a block is never removed (the block would not parse).
    expect(await mutants('def f(x):\n    if x:\n        return 1\n', ['drop-if'])).toEqual([]);
  });
});

describe('the engine', () => {
  const code = 'def f(nums):\n    if not nums:\n        return 0\n    best = nums[0]\n    for i in range(1, len(nums)):\n        if nums[i] > best:\n            best = nums[i]\n    return best + 0 * len(nums)\n';

  it('gives the same mutants in the same order every time, each once, none equal to the original', async () => {
    const a = await mutants(code);
    const b = await mutants(code);
    expect(a).toEqual(b);
    expect(a.length).toBeGreaterThan(10);
    expect(new Set(body(a)).size).toBe(a.length);
    expect(body(a)).not.toContain(code);
    expect(new Set(a.map((m) => m.operator))).toEqual(new Set(['drop-if', 'logic', 'init-value', 'range-bound', 'swap-args', 'comparison', 'arithmetic']));
    const lines = a.map((m) => m.line);
    expect(lines).toEqual([...lines].sort((x, y) => x - y));
  });

  it('says why when the code does not parse or an operator is unknown', async () => {
    expect(await mutantsOf('def f(:\n', (req) => runner.run(req), mutateSource())).toEqual({ error: expect.stringMatching(/^the code does not parse: .*\(line 1\)$/) });
    const trace = await runner.run(mutateRequest(mutateSource(), 'x = 1\n', ['typo' as Operator]));
    expect(readMutants(trace)).toEqual({ error: expect.stringContaining('unknown operator typo; known: range-bound') });
  });
});

describe('seededOrder', () => {
  const ms = OPERATORS.flatMap((op) => [1, 2, 3].map((i) => ({ operator: op, note: `${op} ${i}` })));

  it('is fixed by the seed and lets the operators take turns', () => {
    const a = seededOrder(ms, 7);
    expect(seededOrder(ms, 7)).toEqual(a);
    expect(seededOrder(ms, 8)).not.toEqual(a);
    expect(new Set(a.slice(0, OPERATORS.length).map((m) => m.operator)).size).toBe(OPERATORS.length);
    expect([...a].sort((x, y) => x.note.localeCompare(y.note))).toEqual([...ms].sort((x, y) => x.note.localeCompare(y.note)));
  });
});
