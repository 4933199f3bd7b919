// The Data stage's part of the experiment: the dataset config (so a link rebuilds the same dataset,
// byte for byte, together with the experiment's top-level seed) and which sample the browser shows.
// The seed is not here: one seed for the whole experiment lives in ExperimentState.seed.
import { DEFAULT_CONFIG } from '../../dataset/build.ts';
import { LEVELS, type Level } from '../../dataset/generate.ts';
import { GRANULARITIES, type Granularity } from '../../verbalise/story.ts';
import { defineSlice, enumField, intField, numberField, type FieldCodec } from '../slice.ts';

export interface DataState {
  /** Difficulty levels mixed in the dataset (1-5), ascending, no repeats. */
  levels: Level[];
  n: number;
  granularity: Granularity;
  maxTargetChars: number;
  maxSteps: number;
  /** Share of programs written as stdin scripts. */
  stdinShare: number;
  /** Index of the sample shown in the browser. */
  sample: number;
}

/** In the page, datasets stay small: a build runs in a worker on the visitor's machine. */
export const MAX_PAGE_SAMPLES = 20_000;

function levelsField(): FieldCodec<Level[]> {
  return {
    encode: (v) => v,
    decode: (raw) => {
      if (!Array.isArray(raw) || !raw.length) return undefined;
      if (!raw.every((l) => (LEVELS as readonly unknown[]).includes(l))) return undefined;
      return [...new Set(raw as Level[])].sort((a, b) => a - b);
    },
  };
}

export const dataSlice = defineSlice<DataState>(
  'data',
  {
    levels: [1, 2, 3],
    n: 200,
    granularity: DEFAULT_CONFIG.granularity,
    maxTargetChars: DEFAULT_CONFIG.maxTargetChars,
    maxSteps: DEFAULT_CONFIG.maxSteps,
    stdinShare: DEFAULT_CONFIG.stdinShare,
    sample: 0,
  },
  {
    levels: levelsField(),
    n: intField(1, MAX_PAGE_SAMPLES),
    granularity: enumField(GRANULARITIES),
    maxTargetChars: intField(50, 100_000),
    maxSteps: intField(10, 100_000),
    stdinShare: numberField(0, 1),
    sample: intField(0, MAX_PAGE_SAMPLES),
  },
);
