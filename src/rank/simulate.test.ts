// The model as a judge, on a tiny random model (cpu backend): all tests of a candidate go out as one batch and each
// row's story is what the model writes for that prompt alone; too-long prompts are not asked; answers are tallied
// by value into a majority, its agreement and a predicted verdict; no tensor is left behind.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { initParams, type GPTConfig } from '../model/gpt.ts';
import { simulate } from '../simulate/ask.ts';
import { Tokenizer } from '../tokenise/tokenizer.ts';
import { cellPrompt, predictionOf, predictMany, predictTests, sampleMany, sampleTests, type Simulator } from './simulate.ts';

const code = 'def add(a, b):\n    return a + b\n';
const tok = Tokenizer.fit([`${cellPrompt('add', code, { input: '1, 2' })}\n[THOUGHT]\n1. add(a = 1, b = 2)\n[/THOUGHT]\n[ANSWER]\nassert add(1, 2) == 3\n[/ANSWER]`]);
const config: GPTConfig = { vocabSize: tok.size, blockSize: 128, nLayer: 1, nHead: 2, nEmbd: 16, pos: 'rope' };
const exact = (a: string, b: string) => a.trim() === b.trim();
const byNumber = (a: string, b: string) => Number(a) === Number(b);
let sim: Simulator;

beforeAll(async () => {
  await tf.setBackend('cpu');
  sim = { params: initParams(config, 4), config, tok, compare: exact };
});

const tests = [{ input: '1, 2', output: '3' }, { input: '0, 0', output: '0' }, { input: '5, -1', output: '4' }];

describe('predictTests', () => {
  it('sends every test of a candidate as one batch, each row as if asked alone (greedy for one sample)', async () => {
    let steps = 0;
    const cells = await predictTests(sim, 'add', code, tests, { samples: 1, temperature: 1, seed: 1, onToken: () => void steps++ });
    expect(cells).toHaveLength(3);
    // One batch: the steps are those of the longest row, not the sum over tests.
    expect(steps).toBeLessThanOrEqual(config.blockSize);
    for (const [i, t] of tests.entries()) {
      const alone = await simulate(sim.params, config, tok, cellPrompt('add', code, t), { samples: 1, temperature: 0, seed: 9 });
      expect(cells[i]!.texts).toEqual(alone.texts);
      expect(cells[i]!.outputs).toHaveLength(1);
    }
  });

  it('samples k stories a test at the temperature, reproducibly for a seed', async () => {
    const a = await sampleTests(sim, 'add', code, tests.slice(0, 2), { samples: 3, temperature: 1.5, seed: 5 });
    const b = await sampleTests(sim, 'add', code, tests.slice(0, 2), { samples: 3, temperature: 1.5, seed: 5 });
    expect(a.texts.map((t) => t!.length)).toEqual([3, 3]);
    expect(a.texts).toEqual(b.texts);
    expect(new Set(a.texts[0]).size).toBeGreaterThan(1);
    expect(a.stopped).toBe(false);
  });

  it('does not ask about a prompt too long for the block: its outputs are null and it is predicted to fail', async () => {
    const long = { input: Array.from({ length: 60 }, (_, i) => String(i)).join(' + ') + ', 1', output: '1771' };
    const cells = await predictTests(sim, 'add', code, [tests[0]!, long], { samples: 2, temperature: 1, seed: 1 });
    expect(cells[1]).toEqual({ outputs: [null, null], majority: null, agreement: 0, predictedPass: false, texts: [], tooLong: true });
    expect(cells[0]!.tooLong).toBeUndefined();
    expect(cells[0]!.texts).toHaveLength(2);
  });

  it('judges several codes in one batch, each greedy cell as if its code were asked alone', async () => {
    const codes = [code, 'def add(a, b):\n    c = a\n    return c + b\n', 'def add(a, b):\n    return a - b\n'];
    let steps = 0;
    const many = await predictMany(sim, 'add', codes, tests, { samples: 1, temperature: 0, seed: 1, onToken: () => void steps++ });
    expect(many).toHaveLength(3);
    expect(steps).toBeLessThanOrEqual(config.blockSize);
    for (const [j, c] of codes.entries()) {
      expect(many[j]).toEqual(await predictTests(sim, 'add', c, tests, { samples: 1, temperature: 0, seed: 3 }));
    }
    const sampled = await sampleMany(sim, 'add', codes.slice(0, 2), tests.slice(0, 2), { samples: 2, temperature: 1.5, seed: 4 });
    expect(sampled.texts.map((perTest) => perTest.map((t) => t!.length))).toEqual([[2, 2], [2, 2]]);
  });

  it('stops when onToken says so', async () => {
    let n = 0;
    const r = await sampleTests(sim, 'add', code, tests, { samples: 2, temperature: 1, seed: 1, onToken: () => ++n < 4 });
    expect(r.stopped).toBe(true);
    expect(n).toBe(4);
  });

  it('leaves no tensor behind', async () => {
    await predictTests(sim, 'add', code, tests, { samples: 2, temperature: 1, seed: 2 });
    const before = tf.memory().numTensors;
    await predictTests(sim, 'add', code, tests, { samples: 2, temperature: 1, seed: 3 });
    await predictTests(sim, 'add', code, tests.slice(0, 1), { samples: 1, temperature: 0, seed: 3 });
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('predictionOf', () => {
  const story = (v: string) => `[THOUGHT]\n1. add(a = 1, b = 2)\n[/THOUGHT]\n[ANSWER]\nassert add(1, 2) == ${v}\n[/ANSWER]`;

  it('takes the majority by value, its share of the samples, and compares it with the expected output by value', async () => {
    const p = await predictionOf([story('3'), story('3.0'), story('4'), 'no answer here'], 4, '3', byNumber);
    expect(p.outputs).toEqual(['3', '3.0', '4', null]);
    expect(p.majority).toBe('3');
    expect(p.agreement).toBe(0.5);
    expect(p.predictedPass).toBe(true);
    const q = await predictionOf([story('4'), story('4'), story('3')], 3, '3.0', byNumber);
    expect(q).toMatchObject({ majority: '4', predictedPass: false });
    expect(q.agreement).toBeCloseTo(2 / 3, 12);
    expect(await predictionOf(['', ''], 2, '3', byNumber)).toMatchObject({ majority: null, agreement: 0, predictedPass: false });
  });
});
