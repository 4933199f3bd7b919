// npm run plot:curves draws a run's history (loss and evaluations by tokens seen) as a PNG.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from './run-command.ts';

const dir = mkdtempSync(join(tmpdir(), 'dry-run-plot-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('npm run plot:curves', () => {
  it('writes one PNG for several runs, and says which run folder it cannot read', () => {
    for (const [name, k] of [['a', 1], ['b', 2]] as const) {
      mkdirSync(join(dir, name));
      const history = Array.from({ length: 5 }, (_, i) => ({ step: i * 10, loss: 3 / (i + k), lr: 1e-3, tokens: i * 1e5,
        elapsedMs: i, ...(i % 2 ? { valAccuracy: i / 10 } : {}) }));
      writeFileSync(join(dir, name, 'config.json'), JSON.stringify({ format: 'dry-run-checkpoint', version: 1, history }));
    }
    const out = join(dir, 'curves.png');
    const r = spawnSync('npm', ['run', '--silent', 'plot:curves', '--', '--out', out, `${join(dir, 'a')}=first`, join(dir, 'b')],
      { cwd: ROOT, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout.trim())).toEqual({ out, runs: 2 });
    expect([...readFileSync(out).subarray(1, 4)].map((c) => String.fromCharCode(c)).join('')).toBe('PNG');
    const bad = spawnSync('npm', ['run', '--silent', 'plot:curves', '--', '--out', out, join(dir, 'missing')], { cwd: ROOT, encoding: 'utf8' });
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toMatch(/missing\/config.json/);
  }, 60_000);
});
