// The native trainer end to end on a tiny fixture: `npm run train -- --engine torch` (src/train/native/train.py),
// its checkpoints read by tfjs (`npm run parity`, `npm run eval`), exact resume, data parallelism, Ctrl-C, and the
// message when PyTorch is missing. Needs Debian's python3-torch (scripts/setup.sh installs it).
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fixtureRows } from '../src/train/testing/fixture.ts';
import { decodeSafetensors } from '../src/model/safetensors.ts';
import { ROOT, runCommand } from './run-command.ts';

const dir = mkdtempSync(join(tmpdir(), 'dry-run-torch-'));
const data = join(dir, 'rows.jsonl');
writeFileSync(data, fixtureRows(120).map((r) => JSON.stringify(r)).join('\n') + '\n');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function jsonLines(stdout: string): Record<string, unknown>[] {
  return stdout.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>);
}

const common = (out: string) => ['--engine', 'torch', '--data', data, '--out', out, '--batch', '8', '--block', '128',
  '--log-every', '2', '--compare', 'exact', '--eval-limit', '4'];

const weights = (out: string) => decodeSafetensors(new Uint8Array(readFileSync(join(out, 'model.safetensors')))).tensors;

describe('npm run train -- --engine torch', () => {
  it('trains with rotary positions over two processes, evaluates through TypeScript, and tfjs agrees with its checkpoint', () => {
    const out = join(dir, 'rope');
    const r = runCommand('train', [...common(out), '--pos', 'rope', '--procs', '2', '--steps', '6', '--eval-every', '3']);
    expect(r.status, r.stderr).toBe(0);
    const lines = jsonLines(r.stdout);
    expect(lines[0]).toMatchObject({ event: 'start', steps: 6, backend: 'torch', config: { pos: 'rope' } });
    const logs = lines.filter((l) => typeof l.loss === 'number');
    expect(logs.map((l) => l.step)).toEqual([2, 4, 6]);
    expect(logs.every((l) => l.engine === 'torch' && l.procs === 2)).toBe(true);
    expect(logs[2]!.loss as number).toBeLessThan(logs[0]!.loss as number);
    expect(lines.filter((l) => l.event === 'eval').map((l) => l.step)).toEqual([3, 6]);
    expect(lines.at(-1)).toMatchObject({ event: 'saved', step: 6, done: true });
    const config = JSON.parse(readFileSync(join(out, 'config.json'), 'utf8')) as {
      step: number; history: { step: number; valAccuracy?: number }[]; train: { notes: Record<string, string> } };
    expect(config.step).toBe(6);
    expect(config.train.notes.engine).toBe('torch');
    expect(config.history.filter((h) => h.valAccuracy !== undefined).map((h) => h.step)).toEqual([3, 6]);
    expect(weights(out).wpe).toBeUndefined();

    const parity = runCommand('parity', ['--checkpoint', out, '--data', data, '--rows', '3', '--max-new', '12']);
    expect(parity.status, parity.stderr).toBe(0);
    const p = jsonLines(parity.stdout).at(-1)!;
    expect(p).toMatchObject({ same_greedy_text: true, pos: 'rope', sequences: 3 });
    expect(p.max_abs_logit_diff as number).toBeLessThan(1e-3);

    const ev = runCommand('eval', ['--checkpoint', out, '--dataset', data, '--limit', '4', '--compare', 'exact']);
    expect(ev.status, ev.stderr).toBe(0);
    expect(jsonLines(ev.stdout).at(-1)).toMatchObject({ total: 4, step: 6 });
  }, 240_000);

  it('a run stopped and resumed ends with the same weights as the run straight through', () => {
    const straight = join(dir, 'straight');
    const split = join(dir, 'split');
    const a = runCommand('train', [...common(straight), '--steps', '8', '--eval-every', '0']);
    expect(a.status, a.stderr).toBe(0);
    const b1 = runCommand('train', [...common(split), '--steps', '8', '--eval-every', '0', '--until-tokens', '1']);
    expect(b1.status, b1.stderr).toBe(0);
    expect(jsonLines(b1.stdout).at(-1)).toMatchObject({ event: 'saved', step: 1, done: false });
    const b2 = runCommand('train', [...common(split), '--resume', '--eval-every', '0']);
    expect(b2.status, b2.stderr).toBe(0);
    expect(jsonLines(b2.stdout).at(-1)).toMatchObject({ event: 'saved', step: 8, done: true });
    const [wa, wb] = [weights(straight), weights(split)];
    for (const name of Object.keys(wa)) expect(Array.from(wb[name]!.data), name).toEqual(Array.from(wa[name]!.data));
    // The same checkpoint is not silently continued by the other engine.
    const tfjs = runCommand('train', [...common(split).filter((x) => x !== 'torch' && x !== '--engine'), '--resume']);
    expect(tfjs.status).toBe(1);
    expect(tfjs.stderr).toMatch(/was trained by the torch engine: resume it with --engine torch/);
  }, 240_000);

  it('Ctrl-C (SIGINT to the whole process group) saves a checkpoint that resumes', async () => {
    const out = join(dir, 'interrupted');
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts', 'train.ts'), ...common(out),
      '--steps', '100000', '--log-every', '1', '--eval-every', '0', '--procs', '2'],
    { cwd: ROOT, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let sent = false;
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      if (!sent && /"step":2,/.test(stdout)) {
        sent = true;
        process.kill(-child.pid!, 'SIGINT');
      }
    });
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(0);
    const saved = jsonLines(stdout).at(-1)!;
    expect(saved).toMatchObject({ event: 'saved', done: false });
    const config = JSON.parse(readFileSync(join(out, 'config.json'), 'utf8')) as { step: number };
    expect(config.step).toBe(saved.step);
    expect(config.step).toBeGreaterThanOrEqual(2);
  }, 120_000);

  it('without PyTorch it stops at once and says what to install', () => {
    const r = runCommand('train', [...common(join(dir, 'none')), '--steps', '2'], 60_000, { DRYRUN_PYTHON: '/nonexistent/python3' });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/the torch engine needs PyTorch: \/nonexistent\/python3 was not found\. Install it with: apt-get install -y python3-torch/);
  });
});
