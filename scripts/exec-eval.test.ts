// `npm run exec-eval` as a user calls it, on a 3-row fixture: one row passes, one returns the wrong value,
// one raises.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCommand } from './run-command.ts';

const FIXTURE = join(ROOT, 'scripts', 'exec-eval.fixture.jsonl');

const execEval = (...args: string[]) => runCommand('exec-eval', args);

describe('npm run exec-eval', () => {
  it('counts a pass, a wrong value and an error, names each miss, and ends with one JSON line', () => {
    const out = execEval('--dataset', FIXTURE, '--processes', '1');
    expect(out.status, out.stderr).toBe(0);
    const lines = out.stdout.trim().split('\n');
    const summary = JSON.parse(lines.at(-1)!) as Record<string, number>;
    expect(summary).toMatchObject({ total: 3, passed: 1, failed: 1, errors: 1 });
    expect(summary.ms).toBeGreaterThan(0);
    expect(lines.slice(0, -1).sort()).toEqual([
      "ERROR sample_raises: error KeyError: 'missing' (expected 1)",
      "FAIL sample_wrong: f('abc') returned 'ABC', expected 'abc'",
    ]);
    expect(out.stdout).not.toContain('sample_pass');
  });

  it('--limit takes the first rows only', () => {
    const out = execEval('--dataset', FIXTURE, '--limit', '1', '--processes', '1');
    expect(out.status, out.stderr).toBe(0);
    expect(JSON.parse(out.stdout.trim())).toMatchObject({ total: 1, passed: 1, failed: 0, errors: 0 });
  });

  it('exits non-zero with a message on usage errors', () => {
    const none = execEval();
    expect(none.status).toBe(2);
    expect(none.stderr).toMatch(/--dataset is required/);
    expect(none.stderr).toMatch(/usage: npm run exec-eval/);
    const missing = execEval('--dataset', join(ROOT, 'no-such-file.jsonl'));
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/cannot read ".*no-such-file.jsonl": ENOENT/);
    const badLimit = execEval('--dataset', FIXTURE, '--limit', 'lots');
    expect(badLimit.status).toBe(2);
    expect(badLimit.stderr).toMatch(/--limit must be a positive whole number/);
    const notRows = execEval('--dataset', join(ROOT, 'package.json'));
    expect(notRows.status).toBe(2);
    expect(notRows.stderr).toMatch(/line 1 of .* is not a CRUXEval row/);
    expect(none.stdout + missing.stdout + badLimit.stdout + notRows.stdout).toBe('');
  });
});
