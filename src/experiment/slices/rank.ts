// The Rank section's part of the experiment: which task of the shipped bank is ranked, by which model, with how
// many samples at what temperature. With the experiment's seed (samples and the draw among tied candidates), a
// link reproduces the ranking. A bank the person brings is not in the link (it is a file on their machine).
import { defineSlice, intField, numberField, stringField } from '../slice.ts';
import { MAX_SAMPLES } from '../../evaluate/vote.ts';

export interface RankSettings {
  /** task_id in the shipped bank ('' = its first task). */
  task: string;
  /** The shipped model's folder ('' = the story model the notebook opens with). */
  model: string;
  /** Stories per candidate and test (1 = greedy, the model's most likely story). */
  samples: number;
  /** Sampling temperature when samples > 1. */
  temperature: number;
}

export const rankSlice = defineSlice<RankSettings>(
  'rank',
  { task: '', model: '', samples: 1, temperature: 0.8 },
  {
    task: stringField(200),
    model: stringField(200),
    samples: intField(1, MAX_SAMPLES),
    temperature: numberField(0.05, 2),
  },
);
