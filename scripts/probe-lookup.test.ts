// npm run probe:lookup trains the project's GPT (src/train/native/gpt.py) on synthetic name-to-value look-ups.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ROOT } from './run-command.ts';

const probe = (...args: string[]) => spawnSync('npm', ['run', '--silent', 'probe:lookup', '--', ...args],
  { cwd: ROOT, encoding: 'utf8' });
const lines = (out: string) => out.trim().split('\n').map((l) => JSON.parse(l));

describe('npm run probe:lookup', () => {
  it('learns the one-pair case (the answer is the only value in the header), and reports accuracy for each k', () => {
    const r = probe('--steps', '150', '--kmin', '1', '--kmax', '1', '--queries', '2', '--format', 'noeq',
      '--layers', '1', '--heads', '2', '--width', '32');
    expect(r.status, r.stderr).toBe(0);
    const out = lines(r.stdout);
    expect(out[0]).toMatchObject({ step: 0 });
    expect(out[0].answer_accuracy).toBeLessThan(0.5); // untrained
    expect(out.at(-2)).toMatchObject({ step: 150 });
    expect(out.at(-2).answer_accuracy).toBeGreaterThan(0.9);
    expect(Object.keys(out.at(-1).by_k)).toEqual(['1']);
    expect(out.at(-1).by_k['1']).toBeGreaterThan(0.9);
  }, 120_000);

  it('runs the stock torch.nn reference, and refuses an impossible k range', () => {
    const r = probe('--steps', '2', '--reference', '--kmin', '2', '--kmax', '3', '--layers', '1', '--width', '32', '--heads', '2');
    expect(r.status, r.stderr).toBe(0);
    expect(Object.keys(lines(r.stdout).at(-1).by_k).sort()).toEqual(['2', '3']);
    const bad = probe('--kmin', '5', '--kmax', '2');
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toMatch(/--kmin/);
  }, 60_000);
});
