// One plain-English line per trace step, for the Trace Explorer. Not a second verbaliser: the line
// is the story's `full`-granularity sentence for that step (story.ts), rendered for a reader (names
// as code, "(was <old>)" after a changed variable), plus where control goes next:
// "Line 4: `total` = 6 (was 3). Next: line 5."
// Steps the story has no sentence for (a frame's first line, the end of a script) get only the hint.
import { replay, type StepState } from '../capture/replay.ts';
import type { Trace } from '../capture/trace.ts';
import { previousInFrame, renderSentence, storySentences, type Sentence } from './story.ts';

interface Told {
  states: StepState[];
  /** The `full` story's sentence ending at each step (at most one per step). */
  byStep: Map<number, Sentence>;
}

const cache = new WeakMap<Trace, Told>();
function toldOf(trace: Trace): Told {
  let told = cache.get(trace);
  if (!told) {
    const states = replay(trace);
    const byStep = new Map(storySentences(trace, 'full', states).map((s) => [s.endStep, s] as const));
    told = { states, byStep };
    cache.set(trace, told);
  }
  return told;
}

/** What the Explorer adds after the sentence: where control goes, or that the script is over. */
function hintOf(trace: Trace, index: number, told: boolean): string {
  const step = trace.steps[index]!;
  if (step.event === 'line') return told ? `Next: line ${step.line}.` : `Start at line ${step.line}.`;
  if (step.func === '<module>' && step.event === 'return') {
    return trace.status === 'error' && trace.error
      ? `The program stops: ${trace.error.type}: ${trace.error.message} was not caught.` : 'The program ends.';
  }
  if (step.event === 'return' && step.value === undefined) return 'The exception goes up to the caller.';
  if (step.func === '<module>' && step.event === 'call') return 'The program starts.';
  return '';
}

/** The Explorer's sentence for step `index` of `trace` (empty string when out of range). */
export function describeStep(trace: Trace, index: number): string {
  const step = trace.steps[index];
  if (!step) return '';
  const { states, byStep } = toldOf(trace);
  const sentence = byStep.get(index);
  const prev = previousInFrame(trace.steps, index);
  const before = prev >= 0 ? states[prev]?.frames[step.depth]?.vars : undefined;
  const text = sentence ? renderSentence(sentence, { code: true, before }) : '';
  return [text, hintOf(trace, index, sentence !== undefined)].filter(Boolean).join(' ');
}
