// The Trace Explorer's part of the experiment: the program, its stdin, the limits it runs under and
// the step being looked at. Enough to reproduce exactly what someone saw from a link.
import { DEFAULT_LIMITS } from '../../capture/trace.ts';
import { boolField, defineSlice, intField, numberField, stringField } from '../slice.ts';
import { MAX_SAMPLES } from '../../evaluate/vote.ts';

export interface ExploreState {
  code: string;
  stdin: string;
  /** Limits.maxSteps of the run (recorded steps). */
  maxSteps: number;
  /** Limits.timeoutMs of the run (wall clock). */
  timeoutMs: number;
  /** 0-based index of the step shown; clamped to the trace once it exists. */
  step: number;
  /** Predict mode: the run stays hidden until the person has written what they expect. */
  predict: boolean;
  /** Ask the model: the shipped model's folder ('' = the one the notebook opens with), stories to sample and
   * their temperature. A link carries these; the model only runs when the person presses Ask. */
  model: string;
  samples: number;
  temperature: number;
}

export const MAX_STEPS_CAP = 1_000_000;
export const TIMEOUT_CAP_MS = 600_000;

export const exploreSlice = defineSlice<ExploreState>(
  'explore',
  { code: '', stdin: '', maxSteps: DEFAULT_LIMITS.maxSteps, timeoutMs: DEFAULT_LIMITS.timeoutMs, step: 0, predict: false,
    model: '', samples: 1, temperature: 0.8 },
  {
    code: stringField(),
    stdin: stringField(),
    maxSteps: intField(1, MAX_STEPS_CAP),
    timeoutMs: intField(100, TIMEOUT_CAP_MS),
    step: intField(0, MAX_STEPS_CAP),
    predict: boolField(),
    model: stringField(200),
    samples: intField(1, MAX_SAMPLES),
    temperature: numberField(0.05, 2),
  },
);
