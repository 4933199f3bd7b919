// npm run rank end to end on a 2-task slice of the shipped bank, judged by a tiny untrained model (the shipped
// tokenizer, random weights): every candidate really runs, every public cell is simulated, the figures add up and
// bear the runs out (the oracle never below random, the ref candidates pass every public test for real); a bank
// with a broken line and bad flags are refused with what to do.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initParams, type GPTConfig } from '../src/model/gpt.ts';
import { encodeSafetensors, type NamedArray } from '../src/model/safetensors.ts';
import { parseBank, writeBank } from '../src/rank/bank.ts';
import { Tokenizer } from '../src/tokenise/tokenizer.ts';
import { ROOT, runCommand } from './run-command.ts';

const dir = mkdtempSync(join(tmpdir(), 'dry-run-rank-'));
const model = join(dir, 'model');
const bank = join(dir, 'two.jsonl');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const shipped = parseBank(readFileSync(join(ROOT, 'public/bank/tasks.jsonl'), 'utf8')).tasks;
const two = shipped.filter((t) => ['clamp', 'count-char'].includes(t.task_id));
const candidates = two.reduce((a, t) => a + t.candidates.length, 0);
const publicCells = two.reduce((a, t) => a + t.candidates.length * t.public_tests.length, 0);

beforeAll(async () => {
  await tf.setBackend('cpu');
  const tokJson = readFileSync(join(ROOT, 'public/model/tokenizer.json'), 'utf8');
  const tok = Tokenizer.fromJSON(JSON.parse(tokJson));
  const cfg: GPTConfig = { vocabSize: tok.size, blockSize: 384, nLayer: 1, nHead: 2, nEmbd: 16, pos: 'rope' };
  const params = initParams(cfg, 1);
  const arrays: Record<string, NamedArray> = {};
  for (const [name, v] of Object.entries(params)) arrays[name] = { shape: v.shape, data: v.dataSync() as Float32Array };
  mkdirSync(model);
  writeFileSync(join(model, 'config.json'), JSON.stringify({ format: 'dry-run-checkpoint', version: 1, model: cfg, train: {},
    step: 0, tokensSeen: 0, elapsedMs: 0, params: 0, history: [] }));
  writeFileSync(join(model, 'tokenizer.json'), tokJson);
  writeFileSync(join(model, 'model.safetensors'), encodeSafetensors(arrays));
  writeFileSync(bank, writeBank(two));
});

const lastJson = (stdout: string) => JSON.parse(stdout.trim().split('\n').at(-1)!) as Record<string, unknown>;

describe('npm run rank', () => {
  it('runs and simulates every cell of a 2-task slice and ends with the figures in one JSON line', () => {
    const out = join(dir, 'cells.jsonl');
    const r = runCommand('rank', ['--bank', bank, '--model', model, '--samples', '2', '--temperature', '1', '--seed', '3',
      '--out', out, '--backend', 'wasm', '--max-tokens', '40'], 240_000);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
    const s = lastJson(r.stdout);
    for (const key of ['tasks', 'candidates', 'pass1_random', 'pass1_model', 'pass1_oracle', 'gap_closed', 'rank_score_at_k', 'calibration']) {
      expect(s, key).toHaveProperty(key);
    }
    expect(s).toMatchObject({ tasks: 2, candidates, samples: 2, temperature: 1, seed: 3, backend: 'wasm', max_tokens: 40 });
    const random = s.pass1_random as number;
    expect(random).toBeGreaterThan(0);
    expect(s.pass1_oracle_expected as number).toBeGreaterThanOrEqual(random);
    expect([0, 0.5, 1]).toContain(s.pass1_model);
    const curve = s.rank_score_at_k as Record<string, number>;
    const maxN = Math.max(...two.map((t) => t.candidates.length));
    expect(Object.keys(curve)).toEqual(Array.from({ length: maxN }, (_, i) => String(i + 1)));
    expect(curve['1']).toBeCloseTo(random, 12);
    expect(curve[String(maxN)]).toBeCloseTo(s.pass1_model_expected as number, 12);
    const cal = s.calibration as { cells: number; table: Record<string, Record<string, number>>; buckets: { cells: number }[] };
    expect(cal.cells).toBe(publicCells);
    const t = cal.table;
    expect(t.predicted_pass!.real_pass! + t.predicted_pass!.real_fail! + t.predicted_fail!.real_pass! + t.predicted_fail!.real_fail!).toBe(publicCells);
    expect(cal.buckets.reduce((a, b) => a + b.cells, 0)).toBe(publicCells);
    expect(r.stderr).toMatch(/rank: \[1\/2\] clamp: the model picks \S+ \((right|wrong)\), the oracle \S+ \((right|wrong)\)/);

    // Per cell: the real verdicts come from running the code (the reference passes all its public tests; a
    // candidate the bank says fails a public test really fails one), the model's from its two stories.
    const cells = readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(cells).toHaveLength(publicCells);
    expect(cells.filter((c) => c.candidate === 'ref').every((c) => c.real_pass === true)).toBe(true);
    expect(cells.some((c) => c.real_pass === false)).toBe(true);
    const realPasses = cells.filter((c) => c.real_pass).length;
    expect(realPasses).toBe(t.predicted_pass!.real_pass! + t.predicted_fail!.real_pass!);
    for (const c of cells) {
      expect(c.outputs).toHaveLength(2);
      expect(c.stories).toHaveLength(2);
      expect(typeof c.agreement).toBe('number');
    }
  }, 300_000);

  it('refuses a bank with a broken line, naming the line, before anything runs', () => {
    const broken = join(dir, 'broken.jsonl');
    const lines = writeBank(two).split('\n');
    lines[1] = lines[1]!.replace('"public_tests":', '"public_test":');
    writeFileSync(broken, lines.join('\n'));
    const r = runCommand('rank', ['--bank', broken, '--model', model]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('line 2 (task "count-char"): public_tests is missing');
    expect(r.stderr).toContain(`npm run bank -- --check ${broken}`);
    expect(r.stdout).toBe('');
  });

  it('refuses bad flags and a missing model with what to do', () => {
    const base = ['--bank', bank, '--model', model];
    const cases: [string[], RegExp][] = [
      [[...base, '--samples', '9'], /--samples must be at most 8, got 9/],
      [[...base, '--samples', '0'], /--samples must be a whole number >= 1, got 0/],
      [[...base, '--temperature', '0'], /--temperature must be above 0/],
      [[...base, '--limit-tasks', 'two'], /--limit-tasks must be a whole number >= 1, got two/],
      [[...base, '--sample', '2'], /unknown option --sample/],
      [['--model', model, '--bank'], /--bank needs a value/],
      [['--model', model, '--bank', join(dir, 'nope.jsonl')], /cannot read the bank .*nope\.jsonl.*ENOENT/],
      [['--bank', bank, '--model', dir], /has no config\.json: give a checkpoint folder/],
    ];
    for (const [args, message] of cases) {
      const r = runCommand('rank', args, 60_000);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(message);
      expect(r.stderr).toContain('Usage: npm run rank');
    }
  }, 120_000);
});
