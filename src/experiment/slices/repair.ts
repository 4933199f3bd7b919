// The Repair section's part of the experiment: which task of the shipped bank, which candidate is repaired, by
// which model's simulated feedback (greedy, or a vote of samples), for how many turns of how many neighbours. With the experiment's seed (the
// neighbours' order, the random walk), a link reproduces the run. A bank the person brings is not in the link.
import { defineSlice, intField, numberField, stringField } from '../slice.ts';
import { MAX_SAMPLES } from '../../evaluate/vote.ts';

export interface RepairSettings {
  /** task_id in the shipped bank ('' = its first task). */
  task: string;
  /** The candidate's id in that task ('' = the first candidate that really fails a public test). */
  candidate: string;
  /** The shipped model's folder ('' = the story model the notebook opens with). */
  model: string;
  /** Attempts after the starting code, at most (the paper's cap, and npm run repair's default, is 10). */
  turns: number;
  /** Codes one change away judged per turn (npm run repair's default is 8). */
  neighbours: number;
  /** Stories per test for the simulated feedback, majority vote (1 = greedy, npm run repair's default). */
  samples: number;
  /** Sampling temperature when samples > 1. */
  temperature: number;
}

export const MAX_TURNS = 20;
export const MAX_NEIGHBOURS = 24;

export const repairSlice = defineSlice<RepairSettings>(
  'repair',
  { task: '', candidate: '', model: '', turns: 10, neighbours: 8, samples: 1, temperature: 0.8 },
  {
    task: stringField(200),
    candidate: stringField(200),
    model: stringField(200),
    turns: intField(0, MAX_TURNS),
    neighbours: intField(1, MAX_NEIGHBOURS),
    samples: intField(1, MAX_SAMPLES),
    temperature: numberField(0.05, 2),
  },
);
