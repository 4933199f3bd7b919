// Replay a trace's deltas into the full state at every step: the call stack with each frame's
// variables, and stdout as it stood. Used by the explorer (stack view), the verbaliser and the
// simulated-vs-real comparison. Pure: no DOM, no Python.
import type { Step, Trace } from './trace.ts';

export interface FrameState {
  func: string;
  depth: number;
  /** Line of this frame's latest step. */
  line: number;
  /** Every local the frame holds at this step, as reprs, in first-seen order. */
  vars: Readonly<Record<string, string>>;
  /** Names whose value changed (or appeared) at this step; empty for frames the step did not touch. */
  changed: readonly string[];
}

export interface StepState {
  index: number;
  step: Step;
  /** Outermost frame first; the last one is where the step happened. */
  frames: readonly FrameState[];
  /** stdout as it stood at this step (everything written up to and including it). */
  stdout: string;
}

/** Full states for every step. Frames the step does not touch are shared with the previous state. */
export function replay(trace: Pick<Trace, 'steps'>): StepState[] {
  const states: StepState[] = [];
  let stack: FrameState[] = [];
  let stdout = '';
  trace.steps.forEach((step, index) => {
    // Frames deeper than this step have returned (or unwound); a `call` always opens a fresh frame.
    const keep = step.event === 'call' ? step.depth : step.depth + 1;
    stack = stack.slice(0, Math.min(keep, stack.length));
    while (stack.length < step.depth) {
      // A frame we never saw enter (e.g. a trace that starts mid-call): show it empty.
      stack.push({ func: '?', depth: stack.length, line: 0, vars: {}, changed: [] });
    }
    const previous = stack[step.depth];
    const vars: Record<string, string> = { ...(previous?.vars ?? {}) };
    for (const name of step.removed ?? []) delete vars[name];
    Object.assign(vars, step.changed);
    stack = stack.map((f) => (f.changed.length ? { ...f, changed: [] } : f));
    stack[step.depth] = { func: step.func, depth: step.depth, line: step.line, vars, changed: Object.keys(step.changed) };
    stdout += step.stdout ?? '';
    states.push({ index, step, frames: stack, stdout });
  });
  return states;
}
