// One plain-English line per trace step, for the Trace Explorer.
// A `line` step is the moment before its line runs; its `changed` is the effect of the frame's
// previous line. So the sentence for a line step talks about that previous line, and says which
// line comes next: "Line 4: `total` becomes 6 (was 3). Next: line 5."
import { replay, type StepState } from '../capture/replay.ts';
import type { Step, Trace } from '../capture/trace.ts';

/** Index of the previous step of the same frame as step `index`, or -1 if the frame starts there. */
export function previousInFrame(steps: readonly Step[], index: number): number {
  const step = steps[index];
  if (!step || step.event === 'call') return -1;
  for (let j = index - 1; j >= 0; j--) {
    const other = steps[j];
    if (!other || other.depth > step.depth) continue;
    if (other.depth < step.depth) return -1;
    return j;
  }
  return -1;
}

function changes(step: Step, before: Readonly<Record<string, string>> | undefined): string[] {
  const parts = Object.entries(step.changed).map(([name, value]) => {
    const old = before?.[name];
    return old === undefined ? `\`${name}\` = ${value}` : `\`${name}\` becomes ${value} (was ${old})`;
  });
  for (const name of step.removed ?? []) parts.push(`\`${name}\` is deleted`);
  if (step.stdout) parts.push(`prints ${JSON.stringify(step.stdout)}`);
  return parts;
}

function callText(func: string, args: Readonly<Record<string, string>>): string {
  const list = Object.entries(args).map(([name, value]) => `${name}=${value}`);
  return `\`${func}(${list.join(', ')})\``;
}

const cache = new WeakMap<Trace, StepState[]>();
function statesOf(trace: Trace): StepState[] {
  let states = cache.get(trace);
  if (!states) {
    states = replay(trace);
    cache.set(trace, states);
  }
  return states;
}

/** The Explorer's sentence for step `index` of `trace` (empty string when out of range). */
export function describeStep(trace: Trace, index: number): string {
  const step = trace.steps[index];
  if (!step) return '';
  const states = statesOf(trace);
  const prev = previousInFrame(trace.steps, index);
  const before = prev >= 0 ? states[prev]?.frames[step.depth]?.vars : undefined;
  const effects = changes(step, before);
  const prevStep = prev >= 0 ? trace.steps[prev] : undefined;
  // The line whose effect this step shows: the frame's previous line (a call step has none).
  const ran = prevStep && prevStep.event !== 'call' ? prevStep.line : undefined;
  const effectText = effects.length ? effects.join(', ') : 'nothing changes';

  switch (step.event) {
    case 'call': {
      const args = states[index]?.frames[step.depth]?.vars ?? step.changed;
      return `Call ${callText(step.func, args)}.`;
    }
    case 'line': {
      if (ran === undefined) {
        return effects.length ? `${effectText}. Next: line ${step.line}.` : `Start at line ${step.line}.`;
      }
      return `Line ${ran}: ${effectText}. Next: line ${step.line}.`;
    }
    case 'return': {
      const head = effects.length ? `Line ${step.line}: ${effects.join(', ')}. ` : '';
      return step.value === undefined
        ? `${head}\`${step.func}\` exits.`
        : `${head}\`${step.func}\` returns ${step.value}.`;
    }
    case 'exception': {
      const head = effects.length ? `${effects.join(', ')}. ` : '';
      return `${head}Line ${step.line} raises ${step.value ?? 'an exception'}.`;
    }
  }
}
