// The flags every command shares (scripts/args.ts): values, switches, and a refusal that names what was wrong.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { num, strictOptions } from './args.ts';

afterEach(() => vi.restoreAllMocks());

/** Runs `f`, turning the process.exit it calls into an error carrying the status and what was written to stderr. */
function exitOf(f: () => unknown): { code: number; stderr: string } {
  let stderr = '';
  vi.spyOn(process.stderr, 'write').mockImplementation((s) => { stderr += String(s); return true; });
  vi.spyOn(process, 'exit').mockImplementation((code) => { throw Object.assign(new Error('exit'), { code }); });
  try {
    f();
  } catch (e) {
    return { code: (e as { code: number }).code, stderr };
  }
  throw new Error('did not exit');
}

describe('strictOptions', () => {
  it('reads values and switches in any order', () => {
    const o = strictOptions(['--a', '1', '--weights-only', '--b', 'x y'], 'ship', 'usage', ['a', 'b'], ['weights-only']);
    expect([...o]).toEqual([['a', '1'], ['weights-only', 'true'], ['b', 'x y']]);
    expect(num(o, 'a', 0, { int: true })).toBe(1);
  });

  it('refuses an unknown option, a missing value and a stray word, with the usage', () => {
    const unknown = exitOf(() => strictOptions(['--stpes', '3'], 'bench:rl', 'usage: here', ['steps']));
    expect(unknown).toEqual({ code: 2, stderr: 'bench:rl: unknown option --stpes\n\nusage: here\n' });
    expect(exitOf(() => strictOptions(['--steps'], 'bench:rl', 'u', ['steps'])).stderr).toContain('--steps needs a value');
    expect(exitOf(() => strictOptions(['3'], 'bench:rl', 'u', ['steps'])).stderr).toContain('unexpected argument "3"');
    // A switch is not a value-taking option: it does not swallow the next flag.
    expect(exitOf(() => strictOptions(['--w', '--x', '1'], 'c', 'u', ['a'], ['w'])).stderr).toContain('unknown option --x');
  });

  it('checks numbers with a sentence', () => {
    expect(() => num(new Map([['steps', '2.5']]), 'steps', 1, { int: true, min: 1 })).toThrow('--steps must be a whole number >= 1, got 2.5');
  });
});
