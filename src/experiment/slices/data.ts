// Placeholder created by the explorer's shell so the experiment state composes; the data stage's
// owner replaces it with the real settings (see README, "Experiment state").
import { defineSlice } from '../slice.ts';

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export type DataState = {};

export const dataSlice = defineSlice<DataState>('data', {}, {});
