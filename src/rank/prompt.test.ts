// The prompt's entry function is called `f`, as in every training program, without touching strings, comments,
// attributes or other names; a candidate that uses `f` itself is shown unchanged.
import { describe, expect, it } from 'vitest';
import { renameIdentifier, shownProgram } from './prompt.ts';

describe('shownProgram', () => {
  it('renames the entry function f, in its def, its recursive calls and the call', () => {
    const code = "def count_down(n):\n    # count_down stops at 0\n    if n <= 0:\n        return 'count_down done'\n    return count_down(n - 1)\n";
    expect(shownProgram('count_down', code, '3')).toEqual({
      code: "def f(n):\n    # count_down stops at 0\n    if n <= 0:\n        return 'count_down done'\n    return f(n - 1)\n",
      call: 'f(3)',
    });
  });

  it('leaves longer names, attributes and other functions alone', () => {
    const code = 'def total(xs):\n    total_sum = 0\n    for x in xs:\n        total_sum += x\n    return xs.total if False else total_sum\n';
    const shown = shownProgram('total', code, '[1, 2]');
    expect(shown.code).toBe(code.replace('def total(', 'def f('));
    expect(shown.call).toBe('f([1, 2])');
  });

  it('shows a candidate that already names something f as it is', () => {
    const code = 'def g(xs):\n    f = len(xs)\n    return f\n';
    expect(shownProgram('g', code, '[1]')).toEqual({ code, call: 'g([1])' });
    const fn = 'def f(x):\n    return x\n';
    expect(shownProgram('f', fn, '2')).toEqual({ code: fn, call: 'f(2)' });
  });

  it('does not take an f-string prefix for the name f', () => {
    const code = "def greet(name):\n    return f'hi {name}'\n";
    expect(shownProgram('greet', code, "'Al'").code).toBe("def f(name):\n    return f'hi {name}'\n");
  });

  it('renames across triple-quoted strings without touching them', () => {
    expect(renameIdentifier('a = """a\n a"""\nb = a', 'a', 'z')).toBe('z = """a\n a"""\nb = z');
  });
});
