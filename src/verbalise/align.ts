// The model's story beside the real run: each sentence the model wrote, read back into a state, set against the
// state the real trace has at the same sentence, and the first place where they part, told in one sentence.
// Pure (no DOM, no Python): the Explorer shows it, the ranking and repair views reuse it.
import type { Trace } from '../capture/trace.ts';
import { expectedSentences, parseStory, stateDifference, type StateDifference, type StoryState } from './parse.ts';
import { answerOf, renderSentence, type Granularity } from './story.ts';

export interface AlignedStep {
  /** What the model wrote for this step (null: its story had ended). */
  model: { text: string; state: StoryState } | null;
  /** The real run's sentence (null: the run had ended), with the trace step where its state holds. */
  real: { text: string; state: StoryState; traceStep: number } | null;
  /** The states agree at this step. */
  agree: boolean;
}

export type DivergenceKind = StateDifference['kind'] | 'stopped' | 'extra-step' | 'unreadable';

export interface StoryDivergence {
  /** 0-based index into `steps` of the first step that is wrong. */
  index: number;
  kind: DivergenceKind;
  /** The detail of a state difference (line, variable, printed text). */
  difference?: StateDifference;
  /** For `unreadable`: the sentence the model wrote that is not a sentence of the story grammar. */
  text?: string;
  /** The line (in the code) where it happens: the real step's line when there is one, else the model's. */
  line: number | null;
  /** The real trace step to jump to (the real step's, or the run's last). */
  traceStep: number;
}

export interface Alignment {
  steps: AlignedStep[];
  /** Steps the model got right before the first divergence (all of them when there is none). */
  followed: number;
  realSteps: number;
  divergence: StoryDivergence | null;
  /** The model's answer as it wrote it (null: no answer block). */
  modelAnswer: string | null;
  realAnswer: string;
  /** The model wrote sentences at all (a direct model writes none). */
  hasStory: boolean;
}

/** Split a generated target into its thought's sentences, as parseStory numbers them (1-based lines). */
function thoughtLines(generated: string): string[] {
  const m = /\[THOUGHT\]\n?([\s\S]*?)(?:\[\/THOUGHT\]|$)/.exec(generated);
  return m ? m[1]!.split('\n') : [];
}

/** Align a generated target (story and answer) with the real trace it simulates, at the model's granularity. */
export function alignStory(generated: string, trace: Trace, granularity: Granularity): Alignment {
  const parsed = parseStory(generated);
  const lines = thoughtLines(generated);
  const realStates: AlignedStep['real'][] = granularity === 'direct' ? []
    : expectedSentences(trace, granularity).map(({ sentence, state }, i) => ({
      text: `${i + 1}. ${renderSentence(sentence)}`, traceStep: sentence.endStep, state }));
  const n = Math.max(parsed.states.length, realStates.length);
  const steps: AlignedStep[] = [];
  let divergence: StoryDivergence | null = null;
  const lastStep = Math.max(0, trace.steps.length - 1);
  // The first sentence the model wrote that does not parse: where its story stops being readable.
  const firstError = parsed.errors[0];
  for (let i = 0; i < n; i++) {
    const m = parsed.states[i];
    const r = realStates[i] ?? null;
    const model = m ? { text: (lines[(m.sentence ?? 1) - 1] ?? '').trim(), state: m } : null;
    const difference = m && r ? stateDifference(m, r.state) : null;
    const agree = Boolean(m && r && !difference);
    steps.push({ model, real: r, agree });
    if (divergence) continue;
    if (firstError && (!m || (m.sentence ?? 0) > firstError.line)) {
      divergence = { index: i, kind: 'unreadable', text: firstError.text, line: r?.state.line ?? null,
        traceStep: r?.traceStep ?? lastStep };
    } else if (!m) {
      divergence = { index: i, kind: 'stopped', line: r?.state.line ?? null, traceStep: r?.traceStep ?? lastStep };
    } else if (!r) {
      divergence = { index: i, kind: 'extra-step', line: m.line, traceStep: lastStep };
    } else if (difference) {
      divergence = { index: i, kind: difference.kind, difference, line: r.state.line ?? m.line, traceStep: r.traceStep };
    }
  }
  if (!divergence && firstError) {
    divergence = { index: n, kind: 'unreadable', text: firstError.text, line: null, traceStep: lastStep };
  }
  return {
    steps,
    followed: divergence ? divergence.index : steps.length,
    realSteps: realStates.length,
    divergence,
    modelAnswer: parsed.answer,
    realAnswer: answerOf(trace),
    hasStory: parsed.states.length > 0 || parsed.errors.length > 0,
  };
}

const code = (s: string) => `\`${s}\``;
const steps = (k: number) => `${k} step${k === 1 ? '' : 's'}`;
const clip = (s: string, n = 60) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** What the first difference was, as the second half of a sentence ("then thought `x` became 9 at line 4; it was 10"). */
function whatWentWrong(d: StoryDivergence): string {
  const at = d.line !== null ? ` at line ${d.line}` : '';
  const diff = d.difference;
  switch (d.kind) {
    case 'stopped': return 'then stopped writing its story before the run ended';
    case 'extra-step': return 'then went on with steps the run never took';
    case 'unreadable': return `then wrote a line that is not a step of the story: “${clip(d.text ?? '')}”`;
    default: break;
  }
  if (!diff) return 'then parted from it';
  switch (diff.kind) {
    case 'line':
      return diff.real === null ? `then went to line ${diff.simulated} where the run called a function`
        : diff.simulated === null ? `then thought a function was called where the run went to line ${diff.real}`
          : `then went to line ${diff.simulated}; the program went to line ${diff.real}`;
    case 'frame': return `then thought it was in ${diff.simulated}; the run was in ${diff.real}`;
    case 'value': return `then thought ${code(diff.name)} became ${clip(diff.simulated)}${at}; it was ${clip(diff.real)}`;
    case 'missing': return `then forgot ${code(diff.name)}${at}; it was ${clip(diff.real)}`;
    case 'extra': return `then thought there was a variable ${code(diff.name)}${at}; there was none`;
    case 'stdout': return `then thought the program printed something else${at}`;
  }
}

/**
 * One plain sentence on how the story went, for a student: "The model followed the run for 7 steps, then thought
 * `total` became 9 at line 4; it was 10." `answerRight` is the answers' comparison by value (null: not known yet).
 */
export function divergenceSentence(a: Alignment, answerRight: boolean | null): string {
  const answer = a.modelAnswer === null ? 'It wrote no answer.'
    : answerRight === null ? `Its answer: ${clip(a.modelAnswer.trim() || '(nothing printed)')}.`
      : answerRight ? `Its answer, ${clip(a.modelAnswer.trim() || '(nothing printed)')}, is right.`
        : `Its answer, ${clip(a.modelAnswer.trim() || '(nothing printed)')}, is wrong: the real one is ${clip(a.realAnswer.trim() || '(nothing printed)')}.`;
  if (!a.hasStory) return `The model answered without a story. ${answer}`;
  if (!a.divergence) return `The model followed the whole run (${steps(a.realSteps)}). ${answer}`;
  const d = a.divergence;
  const start = d.index === 0 ? 'The model went wrong at the first step: ' : `The model followed the run for ${steps(d.index)}, `;
  const rest = whatWentWrong(d);
  return `${start}${d.index === 0 ? rest.replace(/^then /, '') : rest}. ${answer}`;
}

/** Printed text compared as a student reads it: line endings and trailing spaces aside (a program's stdout is text). */
export function sameOutput(a: string, b: string): boolean {
  const norm = (s: string) => s.replace(/\r\n?/g, '\n').split('\n').map((l) => l.trimEnd()).join('\n').replace(/\n+$/, '');
  return norm(a) === norm(b);
}
