// The layer rules of eslint.config.js bite: a worker or a stage importing the UI, or the pure core importing tfjs,
// is an error; the same import from a panel is fine.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { ROOT } from './run-command.ts';

const eslint = new ESLint({ cwd: ROOT });
async function messages(path: string, code: string): Promise<string[]> {
  const [r] = await eslint.lintText(code, { filePath: `${ROOT}/${path}` });
  return r!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('import layers', () => {
  it('stops workers and stages from importing the UI', async () => {
    const ui = "import { getRunner } from '../src/ui/runner.ts';\nexport const r = getRunner;\n";
    expect(await messages('workers/fixture.worker.ts', ui)).toEqual([expect.stringContaining('never import the UI')]);
    expect(await messages('src/train/fixture.ts', ui.replace('../src/ui/', '../ui/'))).toHaveLength(1);
    expect(await messages('src/simulate/fixture.ts', ui.replace('../src/ui/', '../ui/'))).toHaveLength(1);
    expect(await messages('src/ui/panels/fixture.ts', ui.replace('../src/ui/', '../../'))).toEqual([]);
  });

  it('stops workers from reading the experiment state (the page converts it into the worker\'s own config)', async () => {
    const state = "import { trainSlice } from '../src/experiment/slices/train.ts';\nexport const s = trainSlice;\n";
    expect(await messages('workers/fixture.worker.ts', state)).toEqual([expect.stringContaining('never import the experiment state')]);
    expect(await messages('src/ui/panels/fixture.ts', state.replace('../src/', '../../../'))).toEqual([]);
  });

  it('keeps tfjs and Node built-ins out of the pure core', async () => {
    expect(await messages('src/verbalise/fixture.ts', "import * as tf from '@tensorflow/tfjs-core';\nexport const t = tf;\n"))
      .toEqual([expect.stringContaining('The pure core must not import tfjs.')]);
    expect(await messages('src/evaluate/fixture.ts', "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n"))
      .toHaveLength(1);
    // RL's maths (rewards, advantages) is pure core; its tfjs step is a stage.
    const tf = "import * as tf from '@tensorflow/tfjs-core';\nexport const t = tf;\n";
    expect(await messages('src/rl/reward.ts', tf)).toHaveLength(1);
    expect(await messages('src/rl/grpo.ts', tf)).toEqual([]);
    expect(await messages('src/rl/grpo.ts', "import { getRunner } from '../ui/runner.ts';\nexport const r = getRunner;\n")).toHaveLength(1);
    // Ranking's maths is pure core; the model-driven judge (src/rank/simulate.ts) is a stage, and never imports the UI.
    expect(await messages('src/rank/metrics.ts', tf)).toHaveLength(1);
    expect(await messages('src/rank/metrics.ts', "import { generate } from '../model/generate.ts';\nexport const g = generate;\n")).toHaveLength(1);
    expect(await messages('src/rank/simulate.ts', "import { generate } from '../model/generate.ts';\nexport const g = generate;\n")).toEqual([]);
    expect(await messages('src/rank/simulate.ts', "import { getRunner } from '../ui/runner.ts';\nexport const r = getRunner;\n")).toHaveLength(1);
  });
});
