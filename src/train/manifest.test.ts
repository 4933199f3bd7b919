import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readCheckpointConfig } from './checkpoint-format.ts';
import { readManifest } from './manifest.ts';

describe('the shipped models manifest', () => {
  it('the shipped public/models/index.json is valid, opens with the trace model, and each folder holds a checkpoint', () => {
    const models = readManifest(JSON.parse(readFileSync('public/models/index.json', 'utf8')));
    expect(models[0]!.role).toBe('trace-sft');
    for (const m of models) {
      const file = `public/${m.path}config.json`;
      const config = readCheckpointConfig(readFileSync(file, 'utf8'), file);
      expect(config.tokensSeen, m.name).toBe(m.tokens);
      expect(() => readFileSync(`public/${m.path}model.safetensors`), m.name).not.toThrow();
      const optimizer = () => readFileSync(`public/${m.path}optimizer.safetensors`);
      if (m.resumable) expect(optimizer, m.name).not.toThrow();
      else expect(optimizer, m.name).toThrow(/ENOENT/);
    }
  });

  it('says which field is wrong', () => {
    expect(() => readManifest({ version: 1, models: [] })).toThrow(/models: /);
    expect(() => readManifest({ version: 1, models: [{ name: 'x', role: 'sft', path: 'a/', tokens: 1, recipe: '', resumable: false }] }))
      .toThrow(/models\.0\.role/);
    expect(() => readManifest({ version: 1, models: [{ name: 'x', role: 'rl', path: '../a', tokens: 1, recipe: '', resumable: false }] }))
      .toThrow(/models\.0\.path: a folder under the site root/);
  });
});
