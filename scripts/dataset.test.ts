// `npm run dataset` from the outside: bad arguments get a clear usage error (exit 2) before anything runs;
// a small build writes rows, SFT and RL formats as documented (docs/dataset.md).
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCommand } from './run-command.ts';

const run = (...args: string[]) => runCommand('dataset', args);

describe('npm run dataset', () => {
  it.each([
    [['--levels', '0-9', '--out', 'x.jsonl'], '--levels "0-9"'],
    [['--n', 'many', '--out', 'x.jsonl'], '--n "many" is not an integer'],
    [['--granularity', 'prose', '--out', 'x.jsonl'], '--granularity "prose": use one of full, iterations, compressed, detailed, worked, bound, state, direct'],
    [['--format', 'csv', '--out', 'x.jsonl'], '--format "csv"'],
    [['--levels', '1-3'], '--out FILE.jsonl is required'],
    [['--bogus', '1', '--out', 'x.jsonl'], 'unknown option --bogus'],
    [['--n'], '--n needs a value'],
    [['--params', 'many', '--out', 'x.jsonl'], '--params "many": use a count (3) or a range (2-5)'],
    [['--params', '5-2', '--out', 'x.jsonl'], 'params must be a range of whole numbers within 1-8'],
  ])('rejects %j with a usage error', (args, message) => {
    const r = run(...args);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stderr).toContain('Usage: npm run dataset');
  }, 60_000);

  it('writes rows, sft and rl formats', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dataset-'));
    for (const format of ['rows', 'sft', 'rl']) {
      const out = join(dir, `${format}.jsonl`);
      const r = run('--levels', '1,3', '--n', '12', '--seed', '4', '--format', format, '--out', out, '--processes', '1');
      expect(r.status, r.stderr).toBe(0);
      expect(r.stderr).toContain(`wrote 12 rows`);
      const rows = readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
      expect(rows).toHaveLength(12);
      const row = rows[0]!;
      if (format === 'rows') expect(Object.keys(row)).toEqual(expect.arrayContaining(['id', 'level', 'split', 'code', 'input', 'output', 'prompt', 'target', 'status']));
      if (format === 'sft') {
        const messages = row.messages as { role: string; content: string }[];
        expect(messages.map((m) => m.role)).toEqual(['user', 'assistant']);
        expect(messages[0]!.content).toMatch(/^\[PYTHON\]\n/);
        expect(messages[1]!.content).toMatch(/\[\/ANSWER\]$/);
      }
      if (format === 'rl') expect(row).toMatchObject({ reward: 'exact_match' });
    }
  }, 120_000);

  it('mixes in stdin scripts by default, whose answer is the stdout; --stdin-share 0 turns them off', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dataset-'));
    const read = (path: string) => readFileSync(path, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, string>);
    const r = run('--levels', '1-3', '--n', '40', '--seed', '3', '--format', 'rl', '--out', join(dir, 'a.jsonl'), '--processes', '1');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).not.toContain('roundtrip_mismatch');
    const scripts = read(join(dir, 'a.jsonl')).filter((row) => row.mode === 'program');
    expect(scripts.length).toBeGreaterThan(0);
    for (const row of scripts) {
      expect(row.prompt).toMatch(/\[\/PYTHON\]\n\[STDIN\]\n[\s\S]*\[\/STDIN\]$/);
      expect(row.answer).toMatch(/\n$/);
    }
    const off = run('--levels', '1-3', '--n', '40', '--seed', '3', '--stdin-share', '0', '--format', 'rl', '--out', join(dir, 'b.jsonl'), '--processes', '1');
    expect(off.status, off.stderr).toBe(0);
    expect(read(join(dir, 'b.jsonl')).every((row) => row.mode === 'call')).toBe(true);
  }, 120_000);
});
