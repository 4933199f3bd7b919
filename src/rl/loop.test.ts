// The page's RL loop (loop.ts) on a tiny model: logs and saves on cadence with no tensor left behind, Pause ends
// after the step in progress, Stop drops the step mid-sampling with the state untouched, and a run stopped that
// way and run on ends exactly where an uninterrupted one does.
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { initNodeBackend } from '../model/node/backends.ts';
import { initParams, type GPTConfig } from '../model/gpt.ts';
import { Tokenizer } from '../tokenise/tokenizer.ts';
import { exactCompare } from '../evaluate/score.ts';
import { initAdam } from '../train/optim.ts';
import { DEFAULT_RL, type RlConfig, type RlRow, type RlState } from './grpo.ts';
import { disposeRl } from './checkpoint.ts';
import { runRl, type LoopHooks } from './loop.ts';

const prompt = (n: number) => `[PYTHON]\ndef f(x):\n    return x + ${n}\nassert f(1) == ??\n[/PYTHON]`;
const answer = (v: number) => `[ANSWER]\nassert f(1) == ${v}\n[/ANSWER]`;
const tok = Tokenizer.fit([prompt(1), prompt(2), answer(2), answer(3)], { minCount: 1 });
const cfg: GPTConfig = { vocabSize: tok.size, blockSize: 64, nLayer: 1, nHead: 2, nEmbd: 16, pos: 'rope' };
const rows: RlRow[] = [{ id: 'a', level: 1, prompt: prompt(1), output: '2' }, { id: 'b', level: 1, prompt: prompt(2), output: '3' }];
const config: RlConfig = { ...DEFAULT_RL, group: 2, prompts: 1, lr: 1e-2, kl: 0, maxNewTokens: 8, steps: 5, seed: 3 };

function fresh(): RlState {
  const params = initParams(cfg, 4);
  const reference = initParams(cfg, 4);
  return { model: cfg, tok, params, reference, adam: initAdam(params), config, step: 0, history: [] };
}

function hooks(over: Partial<LoopHooks> = {}): LoopHooks & { steps: number[]; tensors: number[]; saves: number[] } {
  const steps: number[] = [];
  const tensors: number[] = [];
  const saves: number[] = [];
  return { going: () => true, abandoning: () => false, betweenTokens: async () => undefined, saveEvery: 2,
    onStep: (log, n) => (steps.push(log.step), tensors.push(n)), save: async () => void saves.push(steps.length),
    ...over, steps, tensors, saves };
}

beforeAll(async () => {
  await initNodeBackend('wasm');
});

describe('runRl', () => {
  it('runs every step, saves every 2 steps and at the end, and leaks no tensor', async () => {
    const s = fresh();
    const h = hooks();
    expect(await runRl(s, rows, exactCompare, h)).toBe('done');
    expect(h.steps).toEqual([0, 1, 2, 3, 4]);
    expect(h.saves).toEqual([2, 4, 5]);
    expect(new Set(h.tensors).size).toBe(1);
    expect(s.history).toHaveLength(5);
    disposeRl(s);
  });

  it('pauses after the step in progress, and Step takes one', async () => {
    const s = fresh();
    let go = true;
    const h = hooks({ going: () => go, onStep: () => (go = false) });
    expect(await runRl(s, rows, exactCompare, h)).toBe('paused');
    expect(s.step).toBe(1);
    expect(await runRl(s, rows, exactCompare, hooks({ maxSteps: 1 }))).toBe('paused');
    expect(s.step).toBe(2);
    disposeRl(s);
  });

  it('drops the step in progress on Stop, and the run then ends exactly as an uninterrupted one', async () => {
    const whole = fresh();
    await runRl(whole, rows, exactCompare, hooks());
    const s = fresh();
    await runRl(s, rows, exactCompare, hooks({ maxSteps: 2 }));
    const before = tf.memory().numTensors;
    let tokens = 0;
    const stopped = hooks({ betweenTokens: async () => void tokens++, abandoning: () => tokens >= 3 });
    expect(await runRl(s, rows, exactCompare, stopped)).toBe('stopped');
    expect(stopped.steps).toEqual([]);
    expect(stopped.saves).toEqual([0]);
    expect(s.step).toBe(2);
    expect(tf.memory().numTensors).toBe(before);
    expect(await runRl(s, rows, exactCompare, hooks())).toBe('done');
    expect(Array.from(s.params['wte']!.dataSync())).toEqual(Array.from(whole.params['wte']!.dataSync()));
    expect(s.history.map((x) => x.rewardMean)).toEqual(whole.history.map((x) => x.rewardMean));
    disposeRl(whole);
    disposeRl(s);
  });
});
