import { describe, expect, it } from 'vitest';
import { diversity } from './canonical.ts';
import { DEFAULT_SHAPE, generateProgram, LEVELS, splitArgs } from './generate.ts';
import { itemSeed, Rng } from './rng.ts';

describe('generator', () => {
  it('is seeded: the same seed gives the same program, another seed usually another', () => {
    for (const level of LEVELS) {
      const a = generateProgram(new Rng(itemSeed(1, 7)), level);
      expect(generateProgram(new Rng(itemSeed(1, 7)), level)).toEqual(a);
      const others = Array.from({ length: 20 }, (_, i) => generateProgram(new Rng(itemSeed(2, i)), level).code);
      expect(others.filter((c) => c === a.code).length).toBeLessThan(3);
    }
  });

  it('is varied at every level: many distinct shapes, not one template with new numbers', () => {
    for (const level of LEVELS) {
      const codes = Array.from({ length: 400 }, (_, i) => generateProgram(new Rng(itemSeed(9, i)), level).code);
      const d = diversity(codes);
      expect(d.distinctShapes).toBeGreaterThan(level === 5 ? 100 : 200);
    }
  });

  it('takes as many parameters at levels 1 and 2 as the shape asks, and the default shape changes nothing', () => {
    const arity = (code: string) => /^def f\(([^)]*)\)/.exec(code)![1]!.split(', ').length;
    for (const level of [1, 2] as const) {
      const counts = new Set<number>();
      for (let i = 0; i < 200; i++) {
        const rng = () => new Rng(itemSeed(5, i));
        const wide = generateProgram(rng(), level, 0, { params: [4, 6] });
        counts.add(arity(wide.code));
        expect(generateProgram(rng(), level, 0, DEFAULT_SHAPE)).toEqual(generateProgram(rng(), level));
        expect(arity(generateProgram(rng(), level).code)).toBeLessThanOrEqual(3);
      }
      expect([...counts].sort()).toEqual([4, 5, 6]);
    }
  });

  it('writes a call as a stdin script on request', () => {
    const p = generateProgram(new Rng(3), 4, 1);
    expect(p.mode).toBe('program');
    expect(p.code).toContain('eval(input())');
    expect(p.stdin?.endsWith('\n')).toBe(true);
  });

  it('splits argument lists at the top level only', () => {
    expect(splitArgs("1, [2, 3], 'a,b', {1: (2, 3)}")).toEqual(['1', '[2, 3]', "'a,b'", '{1: (2, 3)}']);
    expect(splitArgs('')).toEqual([]);
  });
});
