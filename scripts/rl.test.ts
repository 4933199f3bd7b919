// The RL command end to end on a tiny fixture: a few steps from an SFT checkpoint, the logged figures, an exact
// resume (2 + 1 steps give the bytes of 3), RL from the untrained model, and refusals that say what to do.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureRows } from '../src/train/testing/fixture.ts';
import { runCommand } from './run-command.ts';

const dir = mkdtempSync(join(tmpdir(), 'dry-run-rl-'));
const data = join(dir, 'rows.jsonl');
const sft = join(dir, 'sft');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function jsonLines(stdout: string): Record<string, unknown>[] {
  return stdout.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>);
}

const common = ['--data', data, '--group', '3', '--prompts', '2', '--max-new', '12', '--compare', 'exact', '--ckpt-every', '1'];

beforeAll(() => {
  writeFileSync(data, fixtureRows(40).map((r) => JSON.stringify(r)).join('\n') + '\n');
  const r = runCommand('train', ['--data', data, '--out', sft, '--batch', '4', '--block', '128', '--steps', '3',
    '--eval-every', '0', '--log-every', '3']);
  expect(r.status, r.stderr).toBe(0);
}, 120_000);

describe('npm run rl', () => {
  it('logs every figure each step, writes an RL checkpoint, and resumes exactly', () => {
    const whole = join(dir, 'whole');
    const a = runCommand('rl', [...common, '--checkpoint', sft, '--out', whole, '--steps', '3']);
    expect(a.status, a.stderr).toBe(0);
    const lines = jsonLines(a.stdout);
    expect(lines[0]).toMatchObject({ event: 'start', from: sft, rows: 36 });
    const steps = lines.filter((l) => typeof l.rewardMean === 'number');
    expect(steps.map((l) => l.step)).toEqual([0, 1, 2]);
    for (const l of steps) {
      for (const k of ['rewardMean', 'accuracy', 'signal', 'kl', 'entropy', 'responseLength', 'clipFraction', 'tokensPerS']) {
        expect(typeof l[k], k).toBe('number');
      }
      expect(l.ms).toMatchObject({ sample: expect.any(Number), reward: expect.any(Number), update: expect.any(Number) });
    }
    expect(lines.at(-1)).toMatchObject({ event: 'done', step: 3 });
    const config = JSON.parse(readFileSync(join(whole, 'config.json'), 'utf8'));
    expect(config.format).toBe('dry-run-checkpoint');
    expect(config.rl).toMatchObject({ step: 3, from: sft, config: { group: 3, prompts: 2 } });
    expect(readFileSync(`${whole}.rollouts.jsonl`, 'utf8').trim().split('\n')).toHaveLength(6);

    const part = join(dir, 'part');
    expect(runCommand('rl', [...common, '--checkpoint', sft, '--out', part, '--steps', '2']).status).toBe(0);
    const again = runCommand('rl', [...common, '--checkpoint', sft, '--out', part, '--steps', '3']);
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/already holds a checkpoint: --resume continues it/);
    // The run was configured for 2 steps: --steps 3 on resume extends it.
    const resumed = runCommand('rl', [...common, '--out', part, '--resume', '--steps', '3']);
    expect(resumed.status, resumed.stderr).toBe(0);
    expect(jsonLines(resumed.stdout)[0]).toMatchObject({ event: 'resume', step: 2, steps: 3 });
    expect(readFileSync(join(part, 'model.safetensors')).equals(readFileSync(join(whole, 'model.safetensors')))).toBe(true);
  }, 240_000);

  it('starts from the untrained model with --untrained, and refuses a bad reward name', () => {
    const out = join(dir, 'scratch');
    const r = runCommand('rl', [...common, '--checkpoint', sft, '--out', out, '--steps', '1', '--untrained']);
    expect(r.status, r.stderr).toBe(0);
    expect(jsonLines(r.stdout)[0]!.from).toMatch(/^the untrained model/);
    const bad = runCommand('rl', [...common, '--checkpoint', sft, '--out', join(dir, 'bad'), '--reward', 'vibes']);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/--reward must be one of exact, format, partial/);
    const levels = runCommand('rl', [...common, '--checkpoint', sft, '--out', join(dir, 'bad'), '--levels', 'three']);
    expect(levels.status).toBe(1);
    expect(levels.stderr).toMatch(/--levels must look like 3 or 3-5, got three/);
    const nothing = runCommand('rl', [...common, '--out', join(dir, 'empty'), '--resume']);
    expect(nothing.status).toBe(1);
    expect(nothing.stderr).toMatch(/--resume: .*empty holds no checkpoint/);
    const group = runCommand('rl', [...common, '--checkpoint', sft, '--out', join(dir, 'bad'), '--group', '1']);
    expect(group.status).toBe(1);
    expect(group.stderr).toMatch(/--group must be a whole number >= 2, got 1/);
  }, 120_000);
});
