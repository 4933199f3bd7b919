// The train and eval commands end to end on a tiny fixture: data-parallel over two processes, exact resume,
// and the eval command's final JSON line.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fixtureRows } from '../src/train/testing/fixture.ts';
import { ROOT, runCommand } from './run-command.ts';

const dir = mkdtempSync(join(tmpdir(), 'dry-run-train-'));
const data = join(dir, 'rows.jsonl');
writeFileSync(data, fixtureRows(80).map((r) => JSON.stringify(r)).join('\n') + '\n');
const out = join(dir, 'ckpt');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function jsonLines(stdout: string): Record<string, unknown>[] {
  return stdout.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>);
}

describe('npm run train / eval', () => {
  it('trains with the batch split over two processes, then resumes from the checkpoint', () => {
    const common = ['--data', data, '--out', out, '--batch', '4', '--block', '128', '--log-every', '2',
      '--eval-every', '1000', '--eval-limit', '2', '--procs', '2'];
    const first = runCommand('train', [...common, '--steps', '4']);
    expect(first.status, first.stderr).toBe(0);
    const lines = jsonLines(first.stdout);
    expect(lines[0]).toMatchObject({ event: 'start', preset: 'nano', steps: 4 });
    const logs = lines.filter((l) => typeof l.loss === 'number');
    expect(logs.map((l) => l.step)).toEqual([2, 4]);
    expect(lines.at(-1)).toMatchObject({ event: 'saved', step: 4, done: true });
    const config = JSON.parse(readFileSync(join(out, 'config.json'), 'utf8')) as { step: number };
    expect(config.step).toBe(4);

    // Forgetting --resume must not replace days of training; resuming on other rows is no exact resume.
    const fresh = runCommand('train', [...common, '--steps', '6']);
    expect(fresh.status).toBe(1);
    expect(fresh.stderr).toMatch(/already holds a checkpoint at step 4: add --resume to continue it, or --force/);
    const other = join(dir, 'other.jsonl');
    writeFileSync(other, fixtureRows(80, 2).map((r) => JSON.stringify(r)).join('\n') + '\n');
    const wrongData = runCommand('train', [...common.map((a) => (a === data ? other : a)), '--resume', '--steps', '6']);
    expect(wrongData.status).toBe(1);
    expect(wrongData.stderr).toMatch(/was trained on other data .* an exact resume needs the same file/);

    const again = runCommand('train', [...common, '--resume', '--steps', '6']);
    expect(again.status, again.stderr).toBe(0);
    const more = jsonLines(again.stdout);
    expect(more[0]).toMatchObject({ event: 'resume', step: 4, steps: 6 });
    expect(more.at(-1)).toMatchObject({ event: 'saved', step: 6, done: true });
    const notes = (JSON.parse(readFileSync(join(out, 'config.json'), 'utf8')) as { train: { notes: Record<string, string> } })
      .train.notes;
    expect(notes.data_sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(notes.resumes).toMatch(/^at step 4: npm run train -- .*--resume/);

    // --until-tokens stops at a token budget with a resumable checkpoint, the schedule untouched.
    const tokens = (JSON.parse(readFileSync(join(out, 'config.json'), 'utf8')) as { tokensSeen: number }).tokensSeen;
    const budget = runCommand('train', [...common, '--resume', '--steps', '20', '--until-tokens', String(tokens + 1)]);
    expect(budget.status, budget.stderr).toBe(0);
    expect(jsonLines(budget.stdout).at(-1)).toMatchObject({ event: 'saved', step: 7, done: false });
  }, 240_000);

  it('Ctrl-C (SIGINT to the whole process group) saves a resumable checkpoint, peers included', async () => {
    const ck = join(dir, 'interrupted');
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts', 'train.ts'), '--data', data,
      '--out', ck, '--steps', '100000', '--batch', '4', '--block', '128', '--log-every', '1', '--procs', '2'],
    { cwd: ROOT, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      if (/"step":2,/.test(stdout)) process.kill(-child.pid!, 'SIGINT');
    });
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(0);
    const saved = jsonLines(stdout).at(-1)!;
    expect(saved).toMatchObject({ event: 'saved', done: false });
    const config = JSON.parse(readFileSync(join(ck, 'config.json'), 'utf8')) as { step: number };
    expect(config.step).toBe(saved.step);
    expect(config.step).toBeGreaterThanOrEqual(2);
  }, 120_000);

  it('--resume on an empty folder says it starts a new run; --force replaces a checkpoint', () => {
    const ck = join(dir, 'fresh');
    const args = ['--data', data, '--out', ck, '--batch', '2', '--block', '128', '--steps', '1', '--compare', 'exact'];
    const first = runCommand('train', [...args, '--resume']);
    expect(first.status, first.stderr).toBe(0);
    expect(first.stderr).toContain(`${ck} holds no checkpoint yet: starting a new run there`);
    const forced = runCommand('train', [...args, '--force', '--seed', '2']);
    expect(forced.status, forced.stderr).toBe(0);
    expect(jsonLines(forced.stdout)[0]).toMatchObject({ event: 'start' });
    const config = JSON.parse(readFileSync(join(ck, 'config.json'), 'utf8')) as { train: { seed: number } };
    expect(config.train.seed).toBe(2);
  }, 120_000);

  it.each([
    [['--procs', '0'], /--procs must be a whole number >= 1, got 0/],
    [['--batch', 'abc'], /--batch must be a whole number >= 1, got abc/],
    [['--backend', 'tpu'], /unknown --backend tpu \(in Node: wasm, cpu\)/],
    [['--compare', 'fuzzy'], /--compare must be python or exact, got fuzzy/],
    [['--tokenizer-scheme', '4'], /--tokenizer-scheme must be 1, 2 or 3, got 4/],
    [['--data', '/nonexistent.jsonl'], /no such file \(build one with npm run dataset/],
  ])('says what is wrong with %j', (extra, message) => {
    const r = runCommand('train', ['--data', data, '--out', join(dir, 'bad'), ...extra]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(message);
  });

  it('evaluates the checkpoint and ends with one summary line', () => {
    const r = runCommand('eval', ['--checkpoint', out, '--dataset', data, '--limit', '4', '--compare', 'exact']);
    expect(r.status, r.stderr).toBe(0);
    const last = jsonLines(r.stdout).at(-1)!;
    expect(last).toMatchObject({ total: 4, compare: 'exact', step: 7 });
    expect(last.accuracy).toBe((last.correct as number) / 4);
    const bad = runCommand('eval', ['--checkpoint', out, '--dataset', data, '--batch', 'abc']);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/--batch must be a whole number >= 1, got abc/);
    // A misspelt option is refused with the usage, not silently ignored (the whole file would be evaluated).
    const typo = runCommand('eval', ['--checkpoint', out, '--dataset', data, '--limt', '4']);
    expect(typo.status).toBe(2);
    expect(typo.stderr).toMatch(/eval: unknown option --limt[\s\S]*--limit N/);
  }, 120_000);
});
