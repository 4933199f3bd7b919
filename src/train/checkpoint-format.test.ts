import { describe, expect, it } from 'vitest';
import { readCheckpointConfig } from './checkpoint-format.ts';

const good = {
  format: 'dry-run-checkpoint', version: 1, model: { vocabSize: 10, blockSize: 8, nLayer: 1, nHead: 1, nEmbd: 4 },
  train: { preset: 'nano', steps: 500 }, step: 120, tokensSeen: 34_000, params: 1234, history: [],
};
const read = (over: Record<string, unknown>) => () => readCheckpointConfig(JSON.stringify({ ...good, ...over }));

describe('readCheckpointConfig', () => {
  it('returns the config as written', () => {
    expect(readCheckpointConfig(JSON.stringify(good))).toEqual(good);
  });

  it('refuses anything else with one sentence naming the file and what is wrong', () => {
    expect(() => readCheckpointConfig('{"format"', 'runs/a/config.json'))
      .toThrow(/^runs\/a\/config\.json is not a Dry Run checkpoint config \(dry-run-checkpoint v1\): it is not JSON \(/);
    expect(() => readCheckpointConfig('[1]')).toThrow(/^config\.json is not .*: it is not a JSON object$/);
    expect(read({ format: 'hf' })).toThrow(/: its format is "hf"$/);
    expect(read({ format: undefined })).toThrow(/: it has no "format"$/);
    expect(read({ version: 2 })).toThrow(/: its version is 2$/);
    expect(read({ version: undefined })).toThrow(/: it has no "version"$/);
    expect(read({ model: undefined })).toThrow(/: it has no "model" section$/);
    expect(read({ train: 'nano' })).toThrow(/: it has no "train" section$/);
  });
});
