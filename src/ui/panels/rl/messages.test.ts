import { describe, expect, it } from 'vitest';
import type { CheckpointMeta } from '../../../train/browser/checkpoint-store.ts';
import { explanation, loadedMessage, perStep, recentMs, resumeSavedButton, runEndMessage, signed, statusLine } from './messages.ts';

const meta = (rl?: CheckpointMeta['rl']): CheckpointMeta => ({ id: 'rl-autosave', name: 'RL autosave', kind: 'autosave',
  preset: 'micro', params: 1, step: 5925, steps: 5925, tokensSeen: 0, valAccuracy: null, savedAt: 1, resumable: true,
  dataId: 'd', dataLabel: 'the shipped sample', bytes: 1, ...(rl ? { rl } : {}) });

describe('RL messages', () => {
  it('sign figures with a real minus sign', () => {
    expect(signed(-0.25)).toBe('−0.25');
    expect(signed(1)).toBe('+1.00');
    expect(signed(-0.001)).toBe('0.00');
  });

  it('give the latest step in the status line', () => {
    expect(statusLine('Reinforcing…', { step: 3, steps: 20, rewardMean: -0.25, accuracy: 0.375, msPerStep: 41_200 }))
      .toBe('Reinforcing… Step 3 / 20 · reward −0.25 · 38 % right · 41 s per step');
    expect(statusLine('Ready.', null)).toBe('Ready.');
    expect(perStep(2480)).toBe('2.5 s');
    expect(perStep(125_000)).toBe('2 min 5 s');
    expect(recentMs([100, 10, 20], 2)).toBe(15);
    expect(recentMs([])).toBe(0);
  });

  it('say how a run call ended and what continues it', () => {
    expect(runEndMessage({ step: 20, steps: 20 }, 'done')).toBe('Done: 20 steps.');
    expect(runEndMessage({ step: 3, steps: 20 }, 'paused')).toBe('Paused at step 3, and saved: Resume, or “Resume saved run (step 3 of 20)” after a reload, continues it.');
    expect(runEndMessage({ step: 3, steps: 20 }, 'stopped')).toMatch(/^Stopped at step 3 \(a step in progress is redone from its start\), and saved/);
  });

  it('say what was started or resumed', () => {
    const info = { step: 2, steps: 4, from: 'Story model (shipped, trace-sft)', params: 812_416, rows: 1350, dataLabel: 'the shipped sample',
      history: [], config: {} as never };
    expect(loadedMessage(info, false)).toBe('New RL run from Story model (shipped, trace-sft), 812,416 parameters, 1,350 programs of the shipped sample: 4 steps.');
    expect(loadedMessage(info, true)).toMatch(/^Resumed the saved run \(.*\) at step 2 of 4\.$/);
  });

  it('offer the saved run only while it has steps left', () => {
    expect(resumeSavedButton(undefined, false)).toMatchObject({ label: 'Resume saved run', disabled: true });
    // An SFT autosave is not an RL run.
    expect(resumeSavedButton(meta(), false).disabled).toBe(true);
    expect(resumeSavedButton(meta({ step: 2, steps: 4, from: 'x' }), false)).toMatchObject({ label: 'Resume saved run (step 2 of 4)', disabled: false });
    expect(resumeSavedButton(meta({ step: 2, steps: 4, from: 'x' }), true).disabled).toBe(true);
    expect(resumeSavedButton(meta({ step: 4, steps: 4, from: 'x' }), false)).toMatchObject({ disabled: true, title: 'The saved run is complete (all 4 steps).' });
  });

  it('explain RL with the settings chosen', () => {
    const [first, second, third] = explanation({ group: 8, prompts: 2, reward: 'exact', kl: 0.02, temperature: 1 });
    expect(first).toContain('writes 8 stories of each run');
    expect(first).toContain('+1 when the predicted output is the real one, −1 otherwise');
    expect(second).toContain('its group of 8');
    expect(third).toContain('KL × 0.02');
    expect(explanation({ group: 2, prompts: 1, reward: 'partial', kl: 0, temperature: 1 })[2]).toMatch(/^With the KL coefficient at 0/);
  });
});
