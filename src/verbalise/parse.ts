// The inverse of the verbaliser: a story (written by verbalise() or by a model) read back into
// per-sentence states, and the step-by-step comparison of a simulated story with the real one.
// Lenient by design: a model's story may be malformed; what parses is kept and the rest reported.
import { replay } from '../capture/replay.ts';
import type { Trace } from '../capture/trace.ts';
import { STATE_MARK, storySentences, type Granularity, type Sentence } from './story.ts';

/** What a story claims after one of its sentences, in the frame the sentence is about. */
export interface StoryState {
  /** Line the sentence is about (a loop header for iteration sentences); null for a call. */
  line: number | null;
  func: string;
  depth: number;
  /** Every variable of that frame (reprs), after the sentence. */
  vars: Record<string, string>;
  /** Everything printed so far. */
  stdout: string;
  /** For a parsed story: the 1-based line of the sentence within the thought (ignored by comparisons). */
  sentence?: number;
}

export interface ParsedStory {
  states: StoryState[];
  /** The final answer: the value after `==` (call mode) or the whole answer block (stdin programs). */
  answer: string | null;
  /** Sentences that could not be read (1-based sentence line within the thought, the text, why). */
  errors: { line: number; text: string; message: string }[];
}

/** Scan one Python literal (a repr) starting at `from`; it ends at a top-level `stop` string or the end. */
export function scanValue(text: string, from: number, stop = ', '): number {
  let depth = 0;
  let i = from;
  while (i < text.length) {
    const ch = text[i]!;
    if (depth === 0 && text.startsWith(stop, i) && i > from) return i;
    if (ch === '"' || ch === "'") {
      i++;
      while (i < text.length && text[i] !== ch) i += text[i] === '\\' ? 2 : 1;
    } else if ('([{'.includes(ch)) depth++;
    else if (')]}'.includes(ch)) depth = Math.max(0, depth - 1);
    i++;
  }
  return text.length;
}

// Names as the tracer reports them: identifiers, plus hidden ones such as a generator's `.0`.
/** `a + b = 2 + 3 = 5` (a worked-out clause of a `detailed` story) -> `5`; a plain value is its own last form. */
export function lastForm(text: string): string {
  let from = 0;
  for (let at = scanValue(text, 0, ' = '); at < text.length; at = scanValue(text, from, ' = ')) from = at + 3;
  return text.slice(from);
}

const NAME = /^(?:[A-Za-z_]|\.\d)[A-Za-z0-9_]*/;
const FUNC = /^([A-Za-z_<][\w.<>]*) (returns|exits)/;
const TEST = /^(?:if|elif|while) /;

type Frame = { func: string; vars: Record<string, string> };

/** Apply a sentence body's clauses to the frame stack. Returns an error message or null. */
function applyBody(body: string, stack: Frame[], out: { stdout: string; pop: boolean }): string | null {
  if (body === 'no change') return null;
  const frame = stack[stack.length - 1]!;
  let i = 0;
  while (i < body.length) {
    const rest = body.slice(i);
    let end: number;
    const name = NAME.exec(rest)?.[0];
    const fn = FUNC.exec(rest);
    if (TEST.test(rest)) {
      end = scanValue(body, i); // a worked test (`if n > 3 = 5 > 3 = True`): says where control goes, sets nothing
    } else if (name && rest.startsWith(`${name} = `)) {
      const start = i + name.length + 3;
      end = scanValue(body, start);
      frame.vars[name] = lastForm(body.slice(start, end));
    } else if (rest.startsWith('del ') && NAME.test(rest.slice(4))) {
      const n = NAME.exec(rest.slice(4))![0];
      delete frame.vars[n];
      end = i + 4 + n.length;
    } else if (rest.startsWith('prints "')) {
      end = scanValue(body, i + 7);
      try {
        out.stdout += JSON.parse(body.slice(i + 7, end)) as string;
      } catch {
        return `unreadable printed text ${body.slice(i + 7, end)}`;
      }
    } else if (rest === 'loop ends') {
      return null;
    } else if (rest.startsWith('raises ')) {
      return null;
    } else if (fn) {
      out.pop = true;
      return null; // a return is the sentence's last clause; its value is not a frame variable
    } else {
      return `cannot read "${rest}"`;
    }
    if (end >= body.length) return null;
    if (!body.startsWith(', ', end)) return `expected ", " at "${body.slice(end)}"`;
    i = end + 2;
  }
  return null;
}

const WORKED_TEST = /(?:: |, )(?:if|elif|while) [^\n]*? = (?:True|False)[.,]/;
// `x = res=2 + 1`: a name with its value beside it in an assignment's first form (before any quote, so a string
// value that looks like one does not count).
const BOUND_FORM = /(?:: |, )[A-Za-z_]\w* = (?:[^'"\n]*?[ ([,])?[A-Za-z_]\w*=[^=\s]/;

const STATE_SENTENCE = /^\d+\. Line \d+[^\n]*?\. State: [A-Za-z_]/m;

/** The granularity a model's stories were written in, read from the stories themselves (a model trained in this
 * browser carries no manifest entry): no [THOUGHT] is `direct`, a worked-out test clause is `worked`, a sentence
 * ending with the frame's variables is `state`, a value written beside its name is `bound`. */
export function storyGranularityOf(texts: readonly string[]): 'direct' | 'detailed' | 'worked' | 'bound' | 'state' {
  if (!texts.some((t) => t.includes('[THOUGHT]'))) return 'direct';
  if (texts.some((t) => WORKED_TEST.test(t))) return 'worked';
  if (texts.some((t) => STATE_SENTENCE.test(t))) return 'state';
  return texts.some((t) => BOUND_FORM.test(t)) ? 'bound' : 'detailed';
}

/** `a=1, b='x'` (a call's arguments, a `state` sentence's variables) -> the pairs, or where it stopped reading. */
function readBindings(text: string): { vars: Record<string, string>; error?: string } {
  const vars: Record<string, string> = {};
  let i = 0;
  while (i < text.length) {
    const name = NAME.exec(text.slice(i))?.[0];
    if (!name || text[i + name.length] !== '=') return { vars, error: `cannot read "${text.slice(i)}"` };
    const end = scanValue(text, i + name.length + 1);
    vars[name] = text.slice(i + name.length + 1, end);
    i = end + 2;
  }
  return { vars };
}

/** A sentence body and, for a `state` story, the variables written after it (null when there are none). */
function splitState(body: string): { body: string; state: string | null } {
  const at = body.lastIndexOf(`. ${STATE_MARK}`);
  return at < 0 ? { body, state: null } : { body: body.slice(0, at), state: body.slice(at + 2 + STATE_MARK.length) };
}

const CALL = /^\d+\. Call ([A-Za-z_<][\w.<>]*)\((.*)\)\.$/;
const LINE = /^\d+\. Line (\d+)(?:, iterations? (\d+)(?:-(\d+))?)?: (.*)\.$/;

/** Read a story (a whole target, or just its numbered sentences) back into states. */
export function parseStory(text: string): ParsedStory {
  const thoughtMatch = /\[THOUGHT\]\n?([\s\S]*?)(?:\[\/THOUGHT\]|$)/.exec(text);
  const thought = thoughtMatch ? thoughtMatch[1]! : /\[ANSWER\]/.test(text) ? '' : text;
  const states: StoryState[] = [];
  const errors: ParsedStory['errors'] = [];
  const stack: Frame[] = [];
  const io = { stdout: '', pop: false };
  thought.split('\n').forEach((raw, n) => {
    const sentence = raw.trim();
    if (!sentence) return;
    const call = CALL.exec(sentence);
    if (call) {
      const { vars, error } = readBindings(call[2]!);
      if (error) errors.push({ line: n + 1, text: sentence, message: `argument: ${error}` });
      stack.push({ func: call[1]!, vars });
      states.push({ line: null, func: call[1]!, depth: stack.length - 1, vars: { ...vars }, stdout: io.stdout,
        sentence: n + 1 });
      return;
    }
    const line = LINE.exec(sentence);
    if (!line) {
      errors.push({ line: n + 1, text: sentence, message: 'not a sentence of the story grammar' });
      return;
    }
    if (!stack.length) stack.push({ func: '<module>', vars: {} });
    io.pop = false;
    const { body, state } = splitState(line[4]!);
    const error = applyBody(body, stack, io);
    if (error) errors.push({ line: n + 1, text: sentence, message: error });
    const top = stack[stack.length - 1]!;
    if (state !== null) {
      // The story's own claim of the whole frame after the sentence: it stands over what the body implied.
      const read = readBindings(state);
      if (read.error) errors.push({ line: n + 1, text: sentence, message: `state: ${read.error}` });
      else top.vars = read.vars;
    }
    states.push({ line: Number(line[1]), func: top.func, depth: stack.length - 1, vars: { ...top.vars }, stdout: io.stdout,
      sentence: n + 1 });
    if (io.pop) stack.pop();
  });
  return { states, answer: readAnswer(text), errors };
}

function readAnswer(text: string): string | null {
  const m = /\[ANSWER\]\n?([\s\S]*?)\[\/ANSWER\]/.exec(text);
  if (!m) return null;
  const body = m[1]!;
  if (!body.startsWith('assert ')) return body;
  const eq = scanValue(body, 7, ' == ');
  if (eq >= body.length) return null;
  return body.slice(eq + 4).replace(/\n$/, '');
}

/** The real story's sentences at a granularity, each with the state it should read back into (from the trace, via replay). */
export function expectedSentences(trace: Trace, granularity: Granularity): { sentence: Sentence; state: StoryState }[] {
  const states = replay(trace);
  return storySentences(trace, granularity, states).map((s) => {
    const at = states[s.endStep];
    return {
      sentence: s,
      state: {
        line: s.head.kind === 'call' ? null : s.head.line,
        func: s.func,
        depth: s.depth,
        vars: { ...(at?.frames[s.depth]?.vars ?? {}) },
        stdout: at?.stdout ?? '',
      },
    };
  });
}

/** The states a story at this granularity should give back. */
export function expectedStates(trace: Trace, granularity: Granularity): StoryState[] {
  return expectedSentences(trace, granularity).map((x) => x.state);
}

export interface Divergence {
  index: number;
  simulated: StoryState | null;
  real: StoryState | null;
  /** What differs first: line, frame, a variable, stdout, or a missing/extra step. */
  reason: string;
}

export interface Comparison {
  /** Positions where the two states agree. */
  matched: number;
  /** Length of the agreeing prefix (= index of the first divergence). */
  prefix: number;
  total: number;
  firstDivergence: Divergence | null;
}

/** What differs first between a simulated state and the real one, in parts a sentence can be made of. */
export type StateDifference =
  | { kind: 'line'; simulated: number | null; real: number | null }
  | { kind: 'frame'; simulated: string; real: string }
  | { kind: 'value'; name: string; simulated: string; real: string }
  | { kind: 'missing'; name: string; real: string }
  | { kind: 'extra'; name: string; simulated: string }
  | { kind: 'stdout'; simulated: string; real: string };

export function stateDifference(a: StoryState, b: StoryState): StateDifference | null {
  if (a.line !== b.line) return { kind: 'line', simulated: a.line, real: b.line };
  if (a.func !== b.func || a.depth !== b.depth) {
    return { kind: 'frame', simulated: `${a.func} (depth ${a.depth})`, real: `${b.func} (depth ${b.depth})` };
  }
  for (const [name, value] of Object.entries(b.vars)) {
    const v = a.vars[name];
    if (v === undefined) return { kind: 'missing', name, real: value };
    if (v !== value) return { kind: 'value', name, simulated: v, real: value };
  }
  for (const [name, value] of Object.entries(a.vars)) if (!(name in b.vars)) return { kind: 'extra', name, simulated: value };
  if (a.stdout !== b.stdout) return { kind: 'stdout', simulated: a.stdout, real: b.stdout };
  return null;
}

function differ(a: StoryState, b: StoryState): string | null {
  const d = stateDifference(a, b);
  if (!d) return null;
  switch (d.kind) {
    case 'line': return `line ${d.simulated ?? 'call'} instead of ${d.real ?? 'call'}`;
    case 'frame': return `in ${d.simulated} instead of ${d.real}`;
    case 'missing': return `${d.name} missing (real ${d.real})`;
    case 'value': return `${d.name} = ${d.simulated} instead of ${d.real}`;
    case 'extra': return `${d.name} should not exist`;
    case 'stdout': return 'printed text differs';
  }
}

/** Compare a simulated story's states with the real ones, position by position. */
export function compareStates(simulated: readonly StoryState[], real: readonly StoryState[]): Comparison {
  let matched = 0;
  let first: Divergence | null = null;
  const total = Math.max(simulated.length, real.length);
  for (let i = 0; i < total; i++) {
    const a = simulated[i];
    const b = real[i];
    const reason = !a ? 'missing step' : !b ? 'extra step' : differ(a, b);
    if (reason === null) matched++;
    else first ??= { index: i, simulated: a ?? null, real: b ?? null, reason };
  }
  return { matched, prefix: first?.index ?? total, total, firstDivergence: first };
}
