// Whole execution stories: a trace rewritten as short numbered sentences, then the answer.
// The grammar is deliberately small and regular (a ~1-3M-parameter model has to write it);
// docs/verbaliser.md lists every sentence form with worked examples.
//
// Sentences are built from "units": a call, or the execution of one line with its effects
// (a `line` step reports the effect of the frame's previous line, so the unit for step i names
// that previous line). Granularities group units into sentences differently:
//   full        one sentence per unit ("Line 3: no change." included)
//   iterations  one sentence per loop iteration (body effects merged, in order), other lines one each
//   compressed  iterations, with the middle of long loops (> 5 iterations) summarised by net effect
//   detailed    iterations, each assignment and return worked out as Python did it, one operation at a time
//               (`x = res + res * 2 = 2 + 2 * 2 = 2 + 4 = 6`; the forms come from the trace's `work`)
//   worked      detailed, and also every `if`/`elif`/`while` test worked out (`if n > 3 = 5 > 3 = True`), each
//               name of a tuple assignment worked out, and a worked line shown even when it changed nothing
//   bound       detailed, with each name's value written beside it in the first form
//               (`x = res=2 + res=2 * 2 = 2 + 2 * 2 = 2 + 4 = 6`; the trace's `work.bound`, from Python)
//   state       detailed, and after each sentence of a frame that goes on, the frame's every variable
//               (`Line 3: x = 2 + 4 = 6. State: res=2, x=6.`), so the value a line needs sits in the last sentence
//   direct      no sentences, answer only
import { replay, type StepState } from '../capture/replay.ts';
import type { Step, Trace, Work } from '../capture/trace.ts';

export const GRANULARITIES = ['full', 'iterations', 'compressed', 'detailed', 'worked', 'bound', 'state', 'direct'] as const;
export type Granularity = (typeof GRANULARITIES)[number];

/** Loops with more iterations than this are summarised in the `compressed` granularity. */
export const COMPRESS_ABOVE = 5;

export type Clause =
  | { kind: 'set'; name: string; value: string; work?: string[] }
  | { kind: 'del'; name: string }
  | { kind: 'print'; text: string }
  | { kind: 'loopEnd' }
  | { kind: 'return'; func: string; value: string; work?: string[] }
  | { kind: 'exit'; func: string }
  | { kind: 'raise'; error: string }
  /** `worked` only: the test of an `if`, `elif` or `while` line, worked out; `value` is its last form. */
  | { kind: 'test'; keyword: TestKeyword; work: string[]; value: string };

export type TestKeyword = 'if' | 'elif' | 'while';
const TEST_TARGETS: Record<string, TestKeyword> = { '<if>': 'if', '<elif>': 'elif', '<while>': 'while' };

export type Head =
  | { kind: 'call'; func: string; args: [string, string][] }
  | { kind: 'line'; line: number }
  | { kind: 'iteration'; line: number; k: number }
  | { kind: 'iterations'; line: number; from: number; to: number };

export interface Sentence {
  head: Head;
  clauses: Clause[];
  /** Depth and function of the frame the sentence is about. */
  depth: number;
  func: string;
  /** The trace step at which the sentence's state holds (its last covered step). */
  endStep: number;
  /** Active loops (outermost frame first) when the sentence was made: for compression. */
  loops: { id: number; k: number }[];
  /** `state` only: every variable of the frame after the sentence (name, repr), in the frame's order. */
  state?: [string, string][];
}

// ---- code shape: which lines are loop headers and what their bodies span -------------------

interface CodeShape {
  isHeader(line: number): boolean;
  /** Is `line` inside the body of the loop whose header is `header`? */
  inBody(header: number, line: number): boolean;
}

function shapeOf(code: string): CodeShape {
  const lines = code.split('\n');
  const indent = (l: string) => l.length - l.trimStart().length;
  const meaningful = (l: string | undefined) => l !== undefined && l.trim() !== '' && !l.trim().startsWith('#');
  const bodyEnd = new Map<number, number>();
  lines.forEach((text, i) => {
    const t = text.trim();
    if (!/^(for|while|async for)\b/.test(t)) return;
    let end = i + 1;
    for (let j = i + 1; j < lines.length; j++) {
      const l = lines[j];
      if (!meaningful(l)) continue;
      if (indent(l!) <= indent(text)) break;
      end = j + 1;
    }
    bodyEnd.set(i + 1, end);
  });
  return {
    isHeader: (line) => bodyEnd.has(line),
    inBody: (header, line) => line > header && line <= (bodyEnd.get(header) ?? 0),
  };
}

// ---- units: one per step that says something ------------------------------------------------

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

interface Unit {
  kind: 'call' | 'exec';
  step: number;
  depth: number;
  func: string;
  line: number;
  clauses: Clause[];
  /** A return/raise/exit ends the frame's sentence. */
  terminal: boolean;
}

function effects(step: Step): Clause[] {
  const out: Clause[] = [];
  for (const name of step.removed ?? []) out.push({ kind: 'del', name });
  for (const [name, value] of Object.entries(step.changed)) out.push({ kind: 'set', name, value });
  if (step.stdout) out.push({ kind: 'print', text: step.stdout });
  return out;
}

/** How much of the trace's `work` a story shows: none, assignments and returns (`detailed`; `bound` the same with
 * values beside their names), or all of it (`worked`). */
type WorkMode = 'none' | 'detailed' | 'worked' | 'bound';

/** Whether stories at this granularity show worked forms, so their traces must be run with `work` (the tracer's). */
export function showsWork(g: Granularity): g is 'detailed' | 'worked' | 'bound' | 'state' {
  return g === 'detailed' || g === 'worked' || g === 'bound' || g === 'state';
}

/** How much work a granularity's sentences show (`state` shows `detailed`'s, with its state lines added after). */
function workModeOf(g: Granularity): WorkMode {
  if (!showsWork(g)) return 'none';
  return g === 'state' ? 'detailed' : g;
}

/** The `work` a run must be traced with for stories at this granularity (RunRequest.work). */
export function workOf(g: Granularity): false | true | 'bound' {
  return g === 'bound' ? 'bound' : showsWork(g);
}

/**
 * The worked forms of the line that `from` ran, attached to its clause about `work.target` when the chain ends in
 * the very value the trace recorded (anything else, an alias changed behind the name say, shows no work).
 * `detailed` shows one assignment or return per line. `worked` also shows a test as its own first clause, each name
 * of a tuple assignment (in the order written), and a worked assignment that left its name's value as it was
 * (`u = u + 0 = 3 + 0 = 3`, checked against `vars`, the frame after the line).
 */
function withWork(clauses: Clause[], from: Step | undefined, mode: WorkMode, vars: Record<string, string> = {}): Clause[] {
  const w = from?.work;
  if (!w || mode === 'none') return clauses;
  const last = (x: Work) => x.chain[x.chain.length - 1]!;
  if (mode === 'detailed' || mode === 'bound') {
    if (Array.isArray(w) || w.target in TEST_TARGETS) return clauses;
    // `bound`: the first form with the values beside the names, then the rest of Python's chain.
    const forms = mode === 'bound' && w.bound ? [w.bound, ...w.chain.slice(1, -1)] : w.chain.slice(0, -1);
    return clauses.map((c) => (c.kind === 'set' && c.name === w.target && c.value === last(w)) ||
      (c.kind === 'return' && w.target === '<return>' && c.value === last(w)) ? { ...c, work: forms } : c);
  }
  const works = Array.isArray(w) ? w : [w];
  const tests: Clause[] = [];
  const sets: Clause[] = [];
  const named = new Set<string>();
  let ret: Work | undefined;
  for (const x of works) {
    const keyword = TEST_TARGETS[x.target];
    if (keyword) tests.push({ kind: 'test', keyword, work: x.chain.slice(0, -1), value: last(x) });
    else if (x.target === '<return>') ret = x;
    else {
      named.add(x.target);
      const set = clauses.find((c) => c.kind === 'set' && c.name === x.target);
      if (set && set.kind === 'set') sets.push(set.value === last(x) ? { ...set, work: x.chain.slice(0, -1) } : set);
      else if (vars[x.target] === last(x)) sets.push({ kind: 'set', name: x.target, value: last(x), work: x.chain.slice(0, -1) });
    }
  }
  const out: Clause[] = [...tests];
  let placed = false;
  const place = () => {
    if (!placed) out.push(...sets);
    placed = true;
  };
  for (const c of clauses) {
    if (c.kind === 'set' && named.has(c.name)) {
      place();
      continue;
    }
    if (c.kind !== 'set' && c.kind !== 'del') place();
    out.push(c.kind === 'return' && ret && c.value === last(ret) ? { ...c, work: ret.chain.slice(0, -1) } : c);
  }
  place();
  return out;
}

function unitsOf(trace: Pick<Trace, 'steps'>, states: StepState[], work: WorkMode = 'none'): Unit[] {
  const units: Unit[] = [];
  trace.steps.forEach((step, i) => {
    const base = { step: i, depth: step.depth, func: step.func };
    if (step.event === 'call') {
      // A script's module frame is implicit in the story (the parser opens it on the first sentence).
      if (step.func === '<module>') return;
      const args = Object.entries(states[i]?.frames[step.depth]?.vars ?? step.changed);
      units.push({ ...base, kind: 'call', line: step.line, clauses: args.map(([name, value]) => ({ kind: 'set', name, value })), terminal: false });
      return;
    }
    const prev = previousInFrame(trace.steps, i);
    const clauses = effects(step);
    if (step.event === 'line') {
      const prevStep = prev >= 0 ? trace.steps[prev] : undefined;
      if (!prevStep || prevStep.event === 'call') {
        // Nothing ran in this frame yet; only an odd tracer reports effects here.
        if (clauses.length) units.push({ ...base, kind: 'exec', line: prevStep?.line ?? step.line, clauses, terminal: false });
        return;
      }
      units.push({ ...base, kind: 'exec', line: prevStep.line, terminal: false,
        clauses: withWork(clauses, prevStep, work, states[i]?.frames[step.depth]?.vars) });
      return;
    }
    if (step.event === 'return') {
      if (step.func === '<module>') {
        if (clauses.length) units.push({ ...base, kind: 'exec', line: step.line, clauses, terminal: false });
        return;
      }
      clauses.push(step.value === undefined ? { kind: 'exit', func: step.func } : { kind: 'return', func: step.func, value: step.value });
    } else {
      clauses.push({ kind: 'raise', error: (step.value ?? 'Exception').replace(/\n/g, '\\n') });
    }
    units.push({ ...base, kind: 'exec', line: step.line, terminal: true,
      clauses: prev >= 0 ? withWork(clauses, trace.steps[prev], work, states[i]?.frames[step.depth]?.vars) : clauses });
  });
  return units;
}

/** Line of the next unit run by the same frame instance, or null when the frame ends or calls. */
function nextLineInFrame(units: Unit[], u: number): number | null {
  const me = units[u]!;
  for (let j = u + 1; j < units.length; j++) {
    const other = units[j]!;
    if (other.depth > me.depth) continue;
    if (other.depth < me.depth || other.kind === 'call') return null;
    return other.line;
  }
  return null;
}

// ---- grouping --------------------------------------------------------------------------------

interface FrameLoops {
  /** Active loops of this frame: header line -> { instance id, iteration count }. */
  active: Map<number, { id: number; k: number }>;
}

function sentencesOf(trace: Trace, granularity: Granularity, states: StepState[]): Sentence[] {
  if (granularity === 'direct') return [];
  const units = unitsOf(trace, states, workModeOf(granularity));
  if (granularity === 'full') {
    return units.map((u) => ({
      head: u.kind === 'call'
        ? { kind: 'call', func: u.func, args: u.clauses.map((c) => [c.kind === 'set' ? c.name : '', c.kind === 'set' ? c.value : '']) }
        : { kind: 'line', line: u.line },
      clauses: u.kind === 'call' ? [] : u.clauses,
      depth: u.depth, func: u.func, endStep: u.step, loops: [],
    }));
  }
  const shape = shapeOf(trace.code);
  const frames: FrameLoops[] = [];
  const out: Sentence[] = [];
  let open: (Sentence & { appendable: boolean }) | null = null;
  let nextId = 0;
  const loopPath = (depth: number) => frames.slice(0, depth + 1)
    .flatMap((f) => [...f.active.values()].map((a) => ({ ...a })));
  const close = () => {
    if (open && (open.clauses.length || open.head.kind !== 'line')) {
      const { appendable: _, ...sentence } = open;
      out.push(sentence);
    }
    open = null;
  };

  units.forEach((u, index) => {
    if (u.kind === 'call') {
      close();
      frames.length = u.depth;
      frames[u.depth] = { active: new Map() };
      out.push({
        head: { kind: 'call', func: u.func, args: u.clauses.map((c) => [c.kind === 'set' ? c.name : '', c.kind === 'set' ? c.value : '']) },
        clauses: [], depth: u.depth, func: u.func, endStep: u.step, loops: loopPath(u.depth - 1),
      });
      return;
    }
    while (frames.length <= u.depth) frames.push({ active: new Map() });
    frames.length = u.depth + 1;
    const frame = frames[u.depth]!;
    for (const header of [...frame.active.keys()]) {
      if (header !== u.line && !shape.inBody(header, u.line)) frame.active.delete(header);
    }
    const base = { depth: u.depth, func: u.func, endStep: u.step };
    if (shape.isHeader(u.line) && !u.terminal) {
      close();
      const next = nextLineInFrame(units, index);
      for (const header of [...frame.active.keys()]) {
        if (shape.inBody(u.line, header)) frame.active.delete(header);
      }
      if (next === null || !shape.inBody(u.line, next)) {
        frame.active.delete(u.line);
        out.push({ ...base, head: { kind: 'line', line: u.line }, clauses: [...u.clauses, { kind: 'loopEnd' }], loops: loopPath(u.depth) });
        return;
      }
      const current = frame.active.get(u.line) ?? { id: nextId++, k: 0 };
      frame.active.set(u.line, { id: current.id, k: current.k + 1 });
      open = { ...base, head: { kind: 'iteration', line: u.line, k: current.k + 1 }, clauses: [...u.clauses], loops: loopPath(u.depth), appendable: true };
      return;
    }
    const inLoop = frame.active.size > 0;
    const current = open as (Sentence & { appendable: boolean }) | null;
    if (current && current.appendable && current.depth === u.depth && inLoop) {
      current.clauses.push(...u.clauses);
      current.endStep = u.step;
    } else {
      close();
      open = { ...base, head: { kind: 'line', line: u.line }, clauses: [...u.clauses], loops: loopPath(u.depth), appendable: inLoop };
    }
    if (u.terminal || !inLoop) close();
  });
  close();
  if (granularity === 'state') return out.map((s) => withState(s, states));
  return granularity === 'compressed' ? compress(out, states) : out;
}

const ENDS_FRAME = new Set<Clause['kind']>(['return', 'exit', 'raise']);

/** `state`: a sentence of a frame that goes on carries the frame's variables after it (none for a call, which
 * states them already, for a frame that ends, or for a frame with no variables). */
function withState(s: Sentence, states: StepState[]): Sentence {
  if (s.head.kind === 'call' || s.clauses.some((c) => ENDS_FRAME.has(c.kind))) return s;
  const vars = Object.entries(states[s.endStep]?.frames[s.depth]?.vars ?? {});
  return vars.length ? { ...s, state: vars } : s;
}

/** Replace iterations 3..K-1 of every loop with K > COMPRESS_ABOVE by one net-effect sentence. */
function compress(sentences: Sentence[], states: StepState[]): Sentence[] {
  const total = new Map<number, number>();
  for (const s of sentences) for (const { id, k } of s.loops) total.set(id, Math.max(total.get(id) ?? 0, k));
  const inStretch = (s: Sentence) => s.loops.find(({ id, k }) => (total.get(id) ?? 0) > COMPRESS_ABOVE && k >= 3 && k < (total.get(id) ?? 0));
  const out: Sentence[] = [];
  let i = 0;
  while (i < sentences.length) {
    const s = sentences[i]!;
    const hit = inStretch(s);
    if (!hit) {
      out.push(s);
      i++;
      continue;
    }
    let j = i;
    while (j + 1 < sentences.length && sentences[j + 1]!.loops.some((l) => l.id === hit.id && l.k >= 3 && l.k < total.get(hit.id)!)) j++;
    // The loop's frame and header: the first sentence of the stretch is its iteration-3 header sentence.
    const first = sentences.slice(i, j + 1).find((x) => x.head.kind === 'iteration' && x.loops.at(-1)?.id === hit.id) ?? s;
    const depth = first.depth;
    const beforeStep = i > 0 ? sentences[i - 1]!.endStep : 0;
    const afterStep = sentences[j]!.endStep;
    const before = states[beforeStep]?.frames[depth]?.vars ?? {};
    const after = states[afterStep]?.frames[depth]?.vars ?? {};
    const clauses: Clause[] = [];
    for (const name of Object.keys(before)) if (!(name in after)) clauses.push({ kind: 'del', name });
    for (const [name, value] of Object.entries(after)) if (before[name] !== value) clauses.push({ kind: 'set', name, value });
    const printed = (states[afterStep]?.stdout ?? '').slice((states[beforeStep]?.stdout ?? '').length);
    if (printed) clauses.push({ kind: 'print', text: printed });
    const line = first.head.kind === 'iteration' ? first.head.line : 0;
    out.push({
      head: { kind: 'iterations', line, from: 3, to: total.get(hit.id)! - 1 },
      clauses, depth, func: first.func, endStep: afterStep, loops: [],
    });
    i = j + 1;
  }
  return out;
}

// ---- rendering -------------------------------------------------------------------------------

/**
 * Extras for a reader rather than a model (the Explorer's line): names in backticks, and the old
 * value after a changed variable. Without options the text is exactly the story's.
 */
export interface RenderOptions {
  /** Wrap names and calls in backticks (the Explorer shows them as code). */
  code?: boolean;
  /** The frame's variables before the sentence: a `set` of a name that existed says "(was <old>)". */
  before?: Readonly<Record<string, string>>;
}

/** What starts a `state` sentence's variables (after the body's full stop). */
export const STATE_MARK = 'State: ';

const worked = (forms: string[] | undefined): string => (forms?.length ? `${forms.join(' = ')} = ` : '');

export function renderClause(c: Clause, opts: RenderOptions = {}): string {
  const name = (n: string) => (opts.code ? `\`${n}\`` : n);
  switch (c.kind) {
    case 'set': {
      const old = opts.before?.[c.name];
      return `${name(c.name)} = ${worked(c.work)}${c.value}${old === undefined ? '' : ` (was ${old})`}`;
    }
    case 'del': return `del ${name(c.name)}`;
    case 'print': return `prints ${JSON.stringify(c.text)}`;
    case 'loopEnd': return 'loop ends';
    case 'return': return `${name(c.func)} returns ${worked(c.work)}${c.value}`;
    case 'exit': return `${name(c.func)} exits`;
    case 'raise': return `raises ${c.error}`;
    case 'test': return `${c.keyword} ${worked(c.work)}${c.value}`;
  }
}

export function renderSentence(s: Pick<Sentence, 'head' | 'clauses' | 'state'>, opts: RenderOptions = {}): string {
  const h = s.head;
  if (h.kind === 'call') {
    const call = `${h.func}(${h.args.map(([n, v]) => `${n}=${v}`).join(', ')})`;
    return `Call ${opts.code ? `\`${call}\`` : call}.`;
  }
  const head = h.kind === 'line' ? `Line ${h.line}`
    : h.kind === 'iteration' ? `Line ${h.line}, iteration ${h.k}`
      : `Line ${h.line}, iterations ${h.from}-${h.to}`;
  const body = s.clauses.length ? s.clauses.map((c) => renderClause(c, opts)).join(', ') : 'no change';
  const state = s.state ? ` ${STATE_MARK}${s.state.map(([n, v]) => `${opts.code ? `\`${n}\`` : n}=${v}`).join(', ')}.` : '';
  return `${head}: ${body}.${state}`;
}

// ---- the sample: prompt, target, answer ----------------------------------------------------

export interface Story {
  granularity: Granularity;
  prompt: string;
  target: string;
  /** The answer as written in the target: the call's value (call mode) or the stdout (program mode). */
  answer: string;
  sentences: Sentence[];
}

/** The prompt: the code and the question (call arguments, or stdin). */
export function promptOf(trace: Pick<Trace, 'mode' | 'code' | 'call' | 'stdin'>): string {
  const code = trace.code.replace(/\s+$/, '');
  if (trace.mode === 'call') return `[PYTHON]\n${code}\nassert ${trace.call ?? ''} == ??\n[/PYTHON]`;
  return `[PYTHON]\n${code}\n[/PYTHON]\n[STDIN]\n${trace.stdin ?? ''}[/STDIN]`;
}

/** The inverse of promptOf: the program a prompt asks about (null when the text is not such a prompt). */
export function programOfPrompt(prompt: string): { mode: 'call'; code: string; call: string }
  | { mode: 'program'; code: string; stdin: string } | null {
  const call = /^\[PYTHON\]\n([\s\S]*)\nassert (.*) == \?\?\n\[\/PYTHON\]$/.exec(prompt);
  if (call) return { mode: 'call', code: `${call[1]!}\n`, call: call[2]! };
  const program = /^\[PYTHON\]\n([\s\S]*)\n\[\/PYTHON\]\n\[STDIN\]\n([\s\S]*)\[\/STDIN\]$/.exec(prompt);
  if (program) return { mode: 'program', code: `${program[1]!}\n`, stdin: program[2]! };
  return null;
}

/** The real answer of a finished trace (the call's repr, or the stdout). */
export function answerOf(trace: Pick<Trace, 'mode' | 'result' | 'stdout'>): string {
  return trace.mode === 'call' ? trace.result ?? '' : trace.stdout;
}

function answerBlock(trace: Pick<Trace, 'mode' | 'call'>, answer: string): string {
  return trace.mode === 'call'
    ? `[ANSWER]\nassert ${trace.call ?? ''} == ${answer}\n[/ANSWER]`
    : `[ANSWER]\n${answer}[/ANSWER]`;
}

/** Sentences for a trace at a granularity (state bookkeeping included; see parse.ts). */
export function storySentences(trace: Trace, granularity: Granularity, states = replay(trace)): Sentence[] {
  return sentencesOf(trace, granularity, states);
}

/** The whole sample for a trace. Deterministic: the same trace gives the same text. */
export function verbalise(trace: Trace, granularity: Granularity): Story {
  const sentences = storySentences(trace, granularity);
  const answer = answerOf(trace);
  const thought = sentences.length
    ? `[THOUGHT]\n${sentences.map((s, i) => `${i + 1}. ${renderSentence(s)}`).join('\n')}\n[/THOUGHT]\n`
    : '';
  return { granularity, prompt: promptOf(trace), target: thought + answerBlock(trace, answer), answer, sentences };
}
