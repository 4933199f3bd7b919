// The Trace Explorer's part of the experiment: the program, its stdin, the limits it runs under and
// the step being looked at. Enough to reproduce exactly what someone saw from a link.
import { DEFAULT_LIMITS } from '../../capture/trace.ts';
import { boolField, defineSlice, intField, stringField } from '../slice.ts';

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
}

export const MAX_STEPS_CAP = 1_000_000;
export const TIMEOUT_CAP_MS = 600_000;

export const exploreSlice = defineSlice<ExploreState>(
  'explore',
  { code: '', stdin: '', maxSteps: DEFAULT_LIMITS.maxSteps, timeoutMs: DEFAULT_LIMITS.timeoutMs, step: 0, predict: false },
  {
    code: stringField(),
    stdin: stringField(),
    maxSteps: intField(1, MAX_STEPS_CAP),
    timeoutMs: intField(100, TIMEOUT_CAP_MS),
    step: intField(0, MAX_STEPS_CAP),
    predict: boolField(),
  },
);
