// Refusals and sampling on a tiny random model: what is refused and why, and that samples stream and stop.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { initParams, type GPTConfig } from '../model/gpt.ts';
import { Tokenizer } from '../tokenise/tokenizer.ts';
import { askPrompt, MIN_STORY_ROOM, refusal, simulate } from './ask.ts';

const tok = Tokenizer.fit(['[PYTHON]\nx = 1\nprint(x)\n[/PYTHON]\n[STDIN]\n[/STDIN]\n[THOUGHT]\n1. Line 1: x = 1.\n[/THOUGHT]\n[ANSWER]\n1\n[/ANSWER]']);
const cfg: GPTConfig = { vocabSize: tok.size, blockSize: 160, nLayer: 1, nHead: 2, nEmbd: 16, pos: 'rope' };

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('refusal', () => {
  it('lets a plain program through and builds the program-mode prompt the datasets use', () => {
    expect(refusal('x = 1\nprint(x)\n', '', tok, cfg)).toBeNull();
    expect(askPrompt('x = 1\n', '3\n')).toBe('[PYTHON]\nx = 1\n[/PYTHON]\n[STDIN]\n3\n[/STDIN]');
  });

  it('refuses a program too long for the block, with its length in tokens', () => {
    const long = Array.from({ length: 30 }, (_, i) => `x${i} = ${i}`).join('\n');
    const r = refusal(long, '', tok, cfg);
    expect(r?.kind).toBe('too-long');
    expect(r?.message).toMatch(/^The program is \d+ tokens long, and the model reads at most 160 tokens/);
    expect(r?.message).toContain(`at least ${MIN_STORY_ROOM} left`);
  });

  it('refuses what no training program had, but not the same words inside strings or comments', () => {
    expect(refusal('import math\nprint(math.pi)\n', '', tok, cfg)?.message).toMatch(/uses imports, which none/);
    expect(refusal('class A:\n    pass\n', '', tok, cfg)?.kind).toBe('unseen');
    expect(refusal('f = lambda x: x\n', '', tok, cfg)?.message).toContain('lambdas');
    expect(refusal('print("import this")  # class notes\n', '', tok, cfg)).toBeNull();
    expect(refusal('s = "café"\n', '', tok, cfg)?.kind).toBe('characters');
    expect(refusal('  \n', '', tok, cfg)?.kind).toBe('empty');
  });
});

describe('simulate', () => {
  it('samples k stories as one batch, streams them token by token, and is reproducible for a seed', async () => {
    const p = initParams(cfg, 3);
    const seen: number[] = [];
    const a = await simulate(p, cfg, tok, askPrompt('x = 1\n', ''), { samples: 3, temperature: 1, seed: 5,
      onUpdate: (texts, tokens) => {
        expect(texts).toHaveLength(3);
        seen.push(tokens);
      } });
    expect(a.texts).toHaveLength(3);
    expect(a.stopped).toBe(false);
    expect(seen.length).toBeGreaterThan(3);
    expect(seen.at(-1)).toBe(a.tokens);
    const b = await simulate(p, cfg, tok, askPrompt('x = 1\n', ''), { samples: 3, temperature: 1, seed: 5 });
    expect(b.texts).toEqual(a.texts);
    expect(new Set(a.texts).size).toBeGreaterThan(1);
  });

  it('stops when asked, mid-story', async () => {
    const p = initParams(cfg, 3);
    const r = await simulate(p, cfg, tok, askPrompt('x = 1\n', ''), { samples: 1, temperature: 0, seed: 1,
      onUpdate: (_, tokens) => tokens < 5 });
    expect(r.stopped).toBe(true);
    expect(r.tokens).toBe(5);
  });
});
