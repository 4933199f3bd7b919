// Dataset properties on real runs (the sandboxed Node runner): determinism, split leaks, and the
// round trip parse(verbalise(trace)) == real states over thousands of generated programs.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeRunner, type NodeRunner } from '../capture/node/runner.ts';
import type { Trace } from '../capture/trace.ts';
import { compareStates, expectedStates, parseStory } from '../verbalise/parse.ts';
import { GRANULARITIES, answerOf, verbalise } from '../verbalise/story.ts';
import { buildDataset, candidate, DEFAULT_CONFIG, formatRow, identityOf, requestOf, splitOf, type DatasetConfig } from './build.ts';
import type { Row } from './row.ts';
import { canonicalForm } from './canonical.ts';
import { generateProgram, type Level } from './generate.ts';
import { Rng } from './rng.ts';

let runner: NodeRunner;
beforeAll(async () => { runner = await createNodeRunner({ processes: 2 }); }, 60_000);
afterAll(async () => { await runner?.close(); });

const config = (over: Partial<DatasetConfig> = {}): DatasetConfig => ({ ...DEFAULT_CONFIG, levels: [1, 2, 3, 4, 5], n: 250, seed: 11, ...over });
const bytes = (rows: Row[]) => rows.map((r) => formatRow(r, 'rows')).join('\n');
const rerun = (rows: Row[]) => runner.runMany(rows.map((r) => requestOf({ code: r.code, mode: r.mode, call: `f(${r.input})`, stdin: r.input }, 1000)));

/** Why a row does not read back into its real run (empty when it does), at every granularity. */
function readBackProblems(row: Row, trace: Trace): string[] {
  const problems: string[] = [];
  if (trace.status !== 'ok') problems.push(`${row.id}: re-run ended ${trace.status}`);
  if (answerOf(trace) !== row.output) problems.push(`${row.id}: output ${JSON.stringify(row.output)}, real ${JSON.stringify(answerOf(trace))}`);
  if (verbalise(trace, row.granularity).target !== row.target) problems.push(`${row.id}: target is not the story of its real run`);
  for (const g of GRANULARITIES) {
    const parsed = parseStory(verbalise(trace, g).target);
    const cmp = compareStates(parsed.states, expectedStates(trace, g));
    if (parsed.errors.length || cmp.firstDivergence || parsed.answer !== row.output) {
      problems.push(`${row.id} ${g}: ${JSON.stringify(cmp.firstDivergence ?? parsed.errors)}\n${row.code}`);
    }
  }
  return problems;
}

describe('buildDataset (real runs)', () => {
  it('gives the same bytes for the same config, different bytes for another seed', async () => {
    const a = await buildDataset(config(), (reqs) => runner.runMany(reqs));
    const b = await buildDataset(config(), (reqs) => runner.runMany(reqs), { batchSize: 37 });
    const c = await buildDataset(config({ seed: 12 }), (reqs) => runner.runMany(reqs));
    expect(a.rows).toHaveLength(250);
    expect(bytes(a.rows)).toBe(bytes(b.rows));
    expect(bytes(a.rows)).not.toBe(bytes(c.rows));
  }, 120_000);

  it('keeps only ok runs whose story answer is the real output, with every level represented', async () => {
    const { rows } = await buildDataset(config({ n: 100 }), (reqs) => runner.runMany(reqs));
    const traces = await runner.runMany(rows.map((r) => requestOf({ code: r.code, mode: r.mode, call: `f(${r.input})`, stdin: r.input }, 1000)));
    rows.forEach((row, i) => {
      expect(row.status).toBe('ok');
      expect(answerOf(traces[i]!)).toBe(row.output);
      expect(parseStory(row.target).answer).toBe(row.output);
    });
    expect(new Set(rows.map((r) => r.level))).toEqual(new Set([1, 2, 3, 4, 5]));
  }, 120_000);

  it('pairs a direct dataset with its iterations twin, program for program', async () => {
    const it = await buildDataset(config({ n: 120 }), (reqs) => runner.runMany(reqs));
    const direct = await buildDataset(config({ n: 120, granularity: 'direct' }), (reqs) => runner.runMany(reqs));
    expect(direct.rows.map((r) => r.id)).toEqual(it.rows.map((r) => r.id));
    expect(direct.rows.every((r) => r.target.startsWith('[ANSWER]'))).toBe(true);
  }, 120_000);

  it('stops early and says so when aborted', async () => {
    const abort = new AbortController();
    const result = await buildDataset(config({ n: 10_000 }), (reqs) => runner.runMany(reqs), {
      batchSize: 20, onProgress: (p) => { if (p.kept >= 40) abort.abort(); }, signal: abort.signal,
    });
    expect(result.rows.length).toBeGreaterThanOrEqual(40);
    expect(result.rows.length).toBeLessThan(10_000);
  }, 60_000);
});

// Keywords, builtins and the entry point: everything a renaming must leave alone.
const KEEP = new Set(('f return if elif else for in while break continue pass and or not is None True False def del lambda ' +
  'range len sum max min abs sorted str int list dict set tuple eval input print').split(' '));

describe('splits', () => {
  it('puts a program and any renaming of it in the same split', () => {
    for (let i = 0; i < 300; i++) {
      const p = candidate(config(), i);
      // Rename every variable consistently (whole words only; keep f and builtins).
      const names = [...new Set(p.code.match(/\b[a-z_]\w*(?=\s*(?:=|,|\)|:|\s[+\-*/%<>=!]|\[|\.|$))/gm) ?? [])]
        .filter((n) => !KEEP.has(n));
      let renamed = p.code;
      names.forEach((n, k) => { renamed = renamed.replace(new RegExp(`(?<![.\\w'])${n}(?![\\w'])`, 'g'), `zz${k}`); });
      expect(canonicalForm(renamed)).toBe(canonicalForm(p.code));
      expect(splitOf(renamed, config())).toBe(splitOf(p.code, config()));
    }
  });

  it('puts a stdin script in the split of the call it wraps', () => {
    for (let i = 0; i < 300; i++) {
      const call = candidate(config({ stdinShare: 0 }), i);
      const script = candidate(config({ stdinShare: 1 }), i);
      expect(script.mode).toBe('program');
      expect(identityOf(script)).toBe(call.code);
      expect(splitOf(identityOf(script), config())).toBe(splitOf(call.code, config()));
    }
  });

  it('never has a program identity in two splits of a built dataset, and fills every split', async () => {
    const { rows } = await buildDataset(config({ n: 1500, seed: 5 }), (reqs) => runner.runMany(reqs));
    const splitOfIdentity = new Map<string, string>();
    for (const row of rows) {
      const id = canonicalForm(identityOf(row));
      expect(splitOfIdentity.get(id) ?? row.split).toBe(row.split);
      splitOfIdentity.set(id, row.split);
    }
    const counts = rows.reduce<Record<string, number>>((acc, r) => ({ ...acc, [r.split]: (acc[r.split] ?? 0) + 1 }), {});
    expect(counts.train).toBeGreaterThan(1200);
    expect(counts.validation).toBeGreaterThan(20);
    expect(counts.test).toBeGreaterThan(20);
  }, 120_000);
});

describe('round trip of every row of real builds', () => {
  it('a default-config build drops nothing at read-back, and every row reads back at every granularity', async () => {
    const { rows, progress } = await buildDataset({ ...DEFAULT_CONFIG, n: 300 }, (reqs) => runner.runMany(reqs));
    expect(rows).toHaveLength(300);
    expect(progress.outcomes.roundtrip_mismatch ?? 0).toBe(0);
    expect(progress.outcomes.answer_mismatch ?? 0).toBe(0);
    // The default mixes in stdin scripts (about 10 %), whose answer is the stdout.
    expect(rows.filter((r) => r.mode === 'program').length).toBeGreaterThanOrEqual(15);
    const traces = await rerun(rows);
    expect(rows.flatMap((row, i) => readBackProblems(row, traces[i]!)).slice(0, 3)).toEqual([]);
  }, 180_000);

  it('stdin scripts: all kept, the answer is the stdout, and each reads back (levels 1-5)', async () => {
    const { rows, progress } = await buildDataset(config({ n: 60, seed: 3, stdinShare: 1 }), (reqs) => runner.runMany(reqs));
    expect(rows).toHaveLength(60);
    expect(progress.outcomes.roundtrip_mismatch ?? 0).toBe(0);
    expect(progress.outcomes.answer_mismatch ?? 0).toBe(0);
    expect(new Set(rows.map((r) => r.level))).toEqual(new Set([1, 2, 3, 4, 5]));
    for (const row of rows) {
      expect(row.mode).toBe('program');
      expect(row.prompt).toContain(`[/PYTHON]\n[STDIN]\n${row.input}[/STDIN]`);
      expect(row.target.endsWith(`[ANSWER]\n${row.output}[/ANSWER]`)).toBe(true);
      expect(row.output).toMatch(/\n$/);
    }
    const traces = await rerun(rows);
    expect(rows.flatMap((row, i) => readBackProblems(row, traces[i]!)).slice(0, 3)).toEqual([]);
  }, 120_000);
});

describe('round trip over thousands of real traces', () => {
  it('holds for programs drawn by fast-check (any seed, any level, any granularity, call or stdin script)', async () => {
    await fc.assert(fc.asyncProperty(
      fc.integer({ min: 0, max: 0xffffffff }), fc.constantFrom<Level>(1, 2, 3, 4, 5), fc.constantFrom(...GRANULARITIES), fc.constantFrom(0, 1),
      async (seed, level, g, stdinShare) => {
        const trace = await runner.run(requestOf(generateProgram(new Rng(seed), level, stdinShare), 1000));
        if (trace.status !== 'ok') return; // dropped by the builder; nothing to read back
        const parsed = parseStory(verbalise(trace, g).target);
        expect(parsed.errors).toEqual([]);
        expect(parsed.answer).toBe(answerOf(trace));
        expect(compareStates(parsed.states, expectedStates(trace, g)).firstDivergence).toBeNull();
      },
    ), { numRuns: 200 });
  }, 120_000);

  it('parse(verbalise(trace)) gives back the real states at every granularity, levels 1-5', async () => {
    const levels: Level[] = [1, 2, 3, 4, 5];
    const programs = Array.from({ length: 3000 }, (_, i) => candidate({ levels, seed: 2024, stdinShare: 0.2 }, i));
    const traces: Trace[] = await runner.runMany(programs.map((p) => requestOf(p, 1000)));
    let checked = 0;
    const failures: string[] = [];
    for (const trace of traces) {
      if (trace.status !== 'ok') continue;
      checked++;
      for (const g of GRANULARITIES) {
        const story = verbalise(trace, g);
        const parsed = parseStory(story.target);
        const cmp = compareStates(parsed.states, expectedStates(trace, g));
        if (parsed.errors.length || cmp.firstDivergence || parsed.answer !== answerOf(trace)) {
          failures.push(`${g}: ${trace.code}\n${JSON.stringify(cmp.firstDivergence ?? parsed.errors)}`);
        }
      }
    }
    expect(checked).toBeGreaterThan(2900);
    expect(traces.filter((t) => t.mode === 'program' && t.status === 'ok').length).toBeGreaterThan(450);
    expect(failures.slice(0, 3)).toEqual([]);
  }, 300_000);
});
