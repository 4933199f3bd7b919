// npm run repair end to end on a one-task bank through the Node runner and the mutation engine: real feedback
// fixes a one-change bug and leaves a passing candidate alone; the model's loop runs and reports its rates; bad
// input is refused with what to type instead.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCommand } from './run-command.ts';

const dir = mkdtempSync(join(tmpdir(), 'dry-run-repair-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const lastJson = (stdout: string) => JSON.parse(stdout.trim().split('\n').at(-1)!) as Record<string, unknown>;

const TASK = {
  task_id: 'double', statement: 'Return twice n.', entry: 'double',
  public_tests: [{ input: '2', output: '4' }, { input: '0', output: '0' }, { input: '5', output: '10' }],
  hidden_tests: [{ input: '-3', output: '-6' }, { input: '7', output: '14' }],
  candidates: [
    { id: 'ok', code: 'def double(n):\n    return n + n\n', kind: 'correct', note: '' },
    { id: 'minus', code: 'def double(n):\n    return n - n\n', kind: 'bug', note: '+ became -' },
  ],
};
const bank = join(dir, 'double.jsonl');
writeFileSync(bank, `${JSON.stringify(TASK)}\n`);

describe('npm run repair', () => {
  it('real feedback fixes a one-change bug and hands a passing candidate back untouched', () => {
    const out = join(dir, 'runs.jsonl');
    const r = runCommand('repair', ['--bank', bank, '--modes', 'real,none', '--turns', '3', '--out', out], 180_000);
    expect(r.status, r.stderr).toBe(0);
    const s = lastJson(r.stdout);
    expect(s).toMatchObject({ tasks: 1, candidates: 2, failing: 1, passing: 1, fix_rate_real: 1, break_rate_real: 0, model: null });
    expect(s).not.toHaveProperty('fix_rate_simulated');
    expect(s.fix_rate_none).toEqual(expect.any(Number));
    const runs = readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    const minus = runs.find((x) => x.candidate === 'minus');
    expect(minus.runs.real.stopped).toBe('all public tests pass');
    expect(minus.runs.real.submitted).toMatch(/return n \+ n/);
    expect(minus.runs.real.attempts.map((a: { passes: number }) => a.passes)).toEqual([1, 3]);
    expect(minus.runs.none.attempts.length).toBe(2); // as many turns as the real loop took, without feedback
    const ok = runs.find((x) => x.candidate === 'ok');
    expect(ok.runs.real).toMatchObject({ stopped: 'all public tests pass', attempts: [{ turn: 0, passes: 3 }] });
  }, 240_000);

  it('runs the simulated loop with the shipped model beside the real one', () => {
    const r = runCommand('repair', ['--bank', bank, '--turns', '1', '--neighbours', '2'], 240_000);
    expect(r.status, r.stderr).toBe(0);
    const s = lastJson(r.stdout);
    for (const key of ['fix_rate_simulated', 'fix_rate_real', 'fix_rate_none', 'break_rate_simulated', 'break_rate_real', 'mean_turns_simulated']) {
      expect(s[key], key).toEqual(expect.any(Number));
      expect(s[key] as number).toBeGreaterThanOrEqual(0);
    }
    expect(s.mean_turns_simulated as number).toBeLessThanOrEqual(1);
    expect(s.model).toBe('public/model');
  }, 300_000);

  it('refuses a broken bank by line, and modes it does not know', () => {
    const broken = join(dir, 'broken.jsonl');
    writeFileSync(broken, `${JSON.stringify(TASK)}\n{"task_id": "x"\n`);
    const r = runCommand('repair', ['--bank', broken, '--modes', 'real']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/line 2/);
    const m = runCommand('repair', ['--bank', bank, '--modes', 'real,guess']);
    expect(m.status).toBe(2);
    expect(m.stderr).toMatch(/--modes takes simulated, real and none/);
    const n = runCommand('repair', ['--bank', bank, '--modes', 'none']);
    expect(n.status).toBe(2);
    expect(n.stderr).toMatch(/needs simulated or real beside it/);
    const t = runCommand('repair', ['--bank', bank, '--turns', 'many']);
    expect(t.stderr).toMatch(/--turns must be a whole number/);
  });

  it('bench:repair times a turn both ways, checks they agree, and refuses bad counts', () => {
    const r = runCommand('bench-repair', ['--bank', bank, '--tasks', '1', '--codes', '2'], 240_000);
    expect(r.status, r.stderr).toBe(0);
    const s = lastJson(r.stdout);
    expect(s).toMatchObject({ tasks: 1, codes: 2, same_cells: true, model: 'public/model' });
    expect(s.one_by_one_s as number).toBeGreaterThan(0);
    expect(s.batched_s as number).toBeGreaterThan(0);
    const bad = runCommand('bench-repair', ['--codes', '0']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--codes must be a whole number >= 1, got 0/);
  }, 300_000);
});
