// npm run bank end to end on two tasks through the Node runner: the build writes rows whose outputs and kinds the
// checker then confirms by running them again; a hand-made bank with a broken row and a mislabeled candidate is
// reported line by line; refusals say what to type instead.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseBank } from '../src/rank/bank.ts';
import { runCommand } from './run-command.ts';

const dir = mkdtempSync(join(tmpdir(), 'dry-run-bank-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const lastJson = (stdout: string) => JSON.parse(stdout.trim().split('\n').at(-1)!) as Record<string, unknown>;

describe('npm run bank', () => {
  it('builds two tasks, and --check runs them again to the same counts', () => {
    const out = join(dir, 'two.jsonl');
    const built = runCommand('bank', ['--only', 'sum-evens,fizzbuzz', '--out', out, '--seed', '3', '--candidates', '10'], 240_000);
    expect(built.status, built.stderr).toBe(0);
    const summary = lastJson(built.stdout);
    expect(summary).toMatchObject({ tasks: 2, candidates: 20, correct: 6, bugs: 14, mislabeled: 0, seed: 3, out });
    expect((summary.bugs_fail_public as number) + (summary.bugs_only_hidden as number)).toBe(14);

    const { tasks, problems } = parseBank(readFileSync(out, 'utf8'));
    expect(problems).toEqual([]);
    expect(tasks.map((t) => t.task_id)).toEqual(['sum-evens', 'fizzbuzz']);
    const fizz = tasks[1]!;
    // Outputs are the reference's real results, as reprs.
    expect(fizz.public_tests).toEqual([
      { input: '3', output: "'Fizz'" }, { input: '5', output: "'Buzz'" }, { input: '15', output: "'FizzBuzz'" },
      { input: '7', output: "'7'" }, { input: '9', output: "'Fizz'" },
    ]);
    const ids = fizz.candidates.map((c) => c.id);
    expect(ids).toEqual(expect.arrayContaining(['ref', 'alt1', 'alt2', 'bug1', 'bug2', 'mut1']));
    expect(fizz.candidates.find((c) => c.id === 'mut1')!.note).toMatch(/ on lines? \d+(-\d+)?( \(in alt\d\))?$/);

    const checked = runCommand('bank', ['--check', out], 240_000);
    expect(checked.status, checked.stderr).toBe(0);
    expect(checked.stdout).toMatch(/^sum-evens: 5 public \+ 5 hidden tests; 3 correct, 7 bugs/m);
    const again = lastJson(checked.stdout);
    for (const key of ['tasks', 'candidates', 'correct', 'bugs', 'bugs_fail_public', 'bugs_only_hidden', 'mislabeled']) {
      expect(again[key], key).toBe(summary[key]);
    }
    expect(again.problems).toBe(0);

    // The same seed builds the same bytes.
    const twice = join(dir, 'twice.jsonl');
    expect(runCommand('bank', ['--only', 'sum-evens,fizzbuzz', '--out', twice, '--seed', '3', '--candidates', '10'], 240_000).status).toBe(0);
    expect(readFileSync(twice, 'utf8')).toBe(readFileSync(out, 'utf8'));
  }, 600_000);

  it('--check reports a broken row by line and a candidate whose kind the runs contradict', () => {
    const file = join(dir, 'mine.jsonl');
    const row = {
      task_id: 'double', statement: 'Return twice n.', entry: 'double',
      public_tests: [{ input: '2', output: '4' }, { input: '0', output: '0' }], hidden_tests: [{ input: '-3', output: '-6' }],
      candidates: [
        { id: 'a', code: 'def double(n):\n    return n * 2\n', kind: 'correct', note: '' },
        { id: 'b', code: 'def double(n):\n    return n + n\n', kind: 'bug', note: 'says bug, is right' },
        { id: 'c', code: 'def double(n):\n    return n ** 2\n', kind: 'bug', note: 'right only on 0 and 2' },
        { id: 'd', code: 'def double(n):\n    return 2 // n\n', kind: 'correct', note: 'raises on 0' },
      ],
    };
    writeFileSync(file, [JSON.stringify(row), '{"task_id": "broken", "entry": 5}'].join('\n') + '\n');
    const r = runCommand('bank', ['--check', file], 120_000);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('line 2 (task "broken"): statement is missing');
    expect(r.stderr).toContain('line 2 (task "broken"): entry must be a string');
    expect(r.stdout).toContain('double: 2 public + 1 hidden tests; 2 correct, 2 bugs (0 fail public tests, 1 only hidden); passes: a 3/3, b 3/3, c 2/3, d 0/3');
    expect(r.stdout).toContain('b is marked as a bug but passes every test');
    expect(r.stdout).toContain('d is marked correct but fails 3 test(s) (first: returned 1)');
    expect(lastJson(r.stdout)).toEqual({ file, tasks: 1, candidates: 4, correct: 2, bugs: 2, bugs_fail_public: 0, bugs_only_hidden: 1, mislabeled: 2, problems: 5 });
  }, 120_000);

  it('refuses what it cannot do, saying what to type instead', () => {
    const unknown = runCommand('bank', ['--only', 'sum-evens,nope']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/--only names no task "nope"; the tasks are: sum-evens, count-vowels/);
    const both = runCommand('bank', ['--check', 'x.jsonl', '--seed', '2']);
    expect(both.status).toBe(2);
    expect(both.stderr).toContain('--seed builds a bank; --check only reads one');
    const few = runCommand('bank', ['--candidates', '3']);
    expect(few.stderr).toContain('--candidates "3" must be a whole number of at least 8');
    const missing = runCommand('bank', ['--check', join(dir, 'none.jsonl')]);
    expect(missing.stderr).toContain('cannot read');
  }, 60_000);
});
