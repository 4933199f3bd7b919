import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compressToEncodedURIComponent, decompressFromEncodedURIComponent } from 'lz-string';
import { DEFAULT_SEED, decodeHash, defaultState, encodeHash, type ExperimentState } from './state.ts';
import { exploreSlice } from './slices/explore.ts';

const program = `def total(xs):
    s = 0
    for x in xs:
        s += x
    return s

nums = [1, 2, 3]
print(total(nums))
name = input()
print("hello", name)
`;

function withExplore(patch: Partial<ExperimentState['explore']>): ExperimentState {
  const s = defaultState();
  s.explore = { ...s.explore, ...patch };
  return s;
}

describe('experiment state codec', () => {
  it('round-trips code, stdin, limits, step, seed and section', () => {
    const s = withExplore({ code: program, stdin: 'Ada\n', maxSteps: 500, timeoutMs: 2000, step: 17, predict: true });
    s.seed = 42;
    s.section = 'data';
    const decoded = decodeHash('#' + encodeHash(s));
    expect(decoded.error).toBeUndefined();
    expect(decoded.section).toBe('data');
    expect(decoded.state).toEqual(s);
  });

  it('carries "ask the model" (model, samples, temperature) in a link, and drops values out of range', () => {
    const s = withExplore({ code: program, model: 'models/direct-sft/', samples: 5, temperature: 1.3 });
    expect(decodeHash('#' + encodeHash(s)).state?.explore).toEqual(s.explore);
    const payload = { v: 1, explore: { code: 'print(1)', samples: 9, temperature: 3, model: 7 } };
    const decoded = decodeHash('#explore/' + compressToEncodedURIComponent(JSON.stringify(payload)));
    expect(decoded.state?.explore).toEqual({ ...exploreSlice.defaults, code: 'print(1)' });
  });

  it('round-trips arbitrary strings and numbers (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.string(), fc.integer({ min: 0, max: 100_000 }), (code, stdin, step) => {
        const s = withExplore({ code, stdin, step });
        expect(decodeHash(encodeHash(s)).state).toEqual(s);
      }),
    );
  });

  it('gives a typical program a link of a few hundred characters', () => {
    const hash = encodeHash(withExplore({ code: program, step: 12 }));
    expect(hash.length).toBeLessThan(400);
    expect(hash.length).toBeLessThan(program.length + 100);
  });

  it('carries the RL section and its settings in a link', () => {
    const s = defaultState();
    s.section = 'rl';
    s.rl = { ...s.rl, group: 4, start: 'untrained' };
    expect(decodeHash('#' + encodeHash(s))).toEqual({ section: 'rl', state: s });
    expect(decodeHash('#rl')).toEqual({ section: 'rl' });
  });

  it('reads a section-only hash as navigation without state', () => {
    expect(decodeHash('#train')).toEqual({ section: 'train' });
    expect(decodeHash('')).toEqual({ section: 'explore' });
  });

  it('reports a truncated link clearly and falls back to defaults, never throwing', () => {
    const full = encodeHash(withExplore({ code: program, step: 3 }));
    for (const cut of [full.length - 1, full.length - 5, Math.floor(full.length / 2), 'explore/'.length + 3]) {
      const decoded = decodeHash(full.slice(0, cut));
      if (decoded.state) {
        // lz-string can occasionally decode a prefix; whatever comes out must still be a valid state.
        expect(typeof decoded.state.explore.code).toBe('string');
      } else {
        expect(decoded.error).toMatch(/damaged or incomplete/);
        expect(decoded.section).toBe('explore');
      }
    }
  });

  it('survives any garbage in the hash (property)', () => {
    fc.assert(
      fc.property(fc.string(), (junk) => {
        const decoded = decodeHash('#explore/' + junk);
        expect(decoded.section).toBe('explore');
        expect(decoded.state !== undefined || decoded.error !== undefined).toBe(true);
      }),
    );
  });

  it('falls back field by field when a link carries invalid values', () => {
    const payload = { v: 1, seed: 'x', explore: { code: 'print(1)', maxSteps: -5, timeoutMs: 1.5, step: 'two', stdin: 7 } };
    const decoded = decodeHash('#explore/' + compressToEncodedURIComponent(JSON.stringify(payload)));
    expect(decoded.error).toBeUndefined();
    expect(decoded.state?.explore).toEqual({ ...exploreSlice.defaults, code: 'print(1)' });
    expect(decoded.state?.seed).toBe(defaultState().seed);
  });

  it('decodes old links: without a top-level seed, and with the seed the Data stage used to keep', () => {
    const link = (payload: object) => decodeHash('#data/' + compressToEncodedURIComponent(JSON.stringify({ v: 1, ...payload })));
    const noSeed = link({ explore: { code: 'print(1)' }, data: { n: 50 } });
    expect(noSeed.error).toBeUndefined();
    expect(noSeed.state?.seed).toBe(DEFAULT_SEED);
    expect(noSeed.state?.explore.code).toBe('print(1)');
    expect(noSeed.state?.data.n).toBe(50);
    expect(link({ seed: 1, data: { seed: 42, n: 50 } }).state?.seed).toBe(42);
    expect(link({ data: { seed: 42 } }).state?.seed).toBe(42);
    // A seed set in the header wins; an invalid old data seed is ignored.
    expect(link({ seed: 7, data: { seed: 42 } }).state?.seed).toBe(7);
    expect(link({ seed: 1, data: { seed: -3 } }).state?.seed).toBe(1);
    expect(link({ seed: 2 ** 32 }).state?.seed).toBe(DEFAULT_SEED);
  });

  it('encodes the seed once, at the top level, and nowhere in the slices', () => {
    const s = defaultState();
    s.seed = 123;
    const payload = JSON.parse(decompressFromEncodedURIComponent(encodeHash(s).split('/')[1]!)) as Record<string, unknown>;
    expect(payload.seed).toBe(123);
    expect(payload.data).toBeUndefined(); // a slice at its defaults is left out of the link
    expect(decodeHash(encodeHash(s)).state?.seed).toBe(123);
  });

  it('rejects valid JSON that is not a state, and an unknown version', () => {
    expect(decodeHash('#explore/' + compressToEncodedURIComponent('[1,2]')).error).toMatch(/damaged/);
    expect(decodeHash('#explore/' + compressToEncodedURIComponent('{"v":99}')).error).toMatch(/different version/);
  });

  it('names an unknown section instead of failing', () => {
    const decoded = decodeHash('#nowhere');
    expect(decoded.section).toBe('explore');
    expect(decoded.error).toMatch(/no section called/);
  });
});

describe('slice definitions', () => {
  it('make a field without a codec a compile error (checked by tsc -p tsconfig.node.json)', async () => {
    const { defineSlice, intField } = await import('./slice.ts');
    // @ts-expect-error `b` has no codec
    const slice = defineSlice<{ a: number; b: string }>('x', { a: 1, b: '' }, { a: intField(0, 9) });
    expect(slice.key).toBe('x');
  });

  it("state each number setting's limits once: the range a panel's field takes is the one a link decodes", async () => {
    const { slices } = await import('./state.ts');
    const { rangeOf } = await import('./slice.ts');
    const { repairSlice } = await import('./slices/repair.ts');
    expect(rangeOf(repairSlice, 'turns')).toEqual({ min: 0, max: 20, int: true });
    expect(() => rangeOf(repairSlice, 'task')).toThrow('repair.task is not a number field');
    let checked = 0;
    for (const slice of Object.values(slices)) {
      for (const [key, codec] of Object.entries(slice.fields as Record<string, { range?: { min: number; max: number; int: boolean }; decode(raw: unknown): unknown }>)) {
        const r = codec.range;
        if (!r) continue;
        checked++;
        const ok = (v: number) => codec.decode(v) !== undefined;
        expect(ok(r.min) && ok(r.max), `${slice.key}.${key} takes its own limits`).toBe(true);
        expect(ok(r.max + 1) || ok(r.min - 1), `${slice.key}.${key} refuses beyond them`).toBe(false);
        if (r.int && r.max > r.min) expect(ok(r.min + 0.5)).toBe(false);
      }
    }
    expect(checked).toBeGreaterThan(20);
  });
});
