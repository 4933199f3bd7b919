// Placeholder created by the explorer's shell so the experiment state composes; the train stage's
// owner replaces it with the real settings (see README, "Experiment state").
import { defineSlice } from '../slice.ts';

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export type TrainState = {};

export const trainSlice = defineSlice<TrainState>('train', {}, {});
