// Other panels open a program in the Explorer: the Train panel's predictions (with the model's story, so it can be
// set beside the real run) and the Data panel's samples. A call-mode row becomes the stdin script the generator
// makes of it (the form the Explorer runs); its call-mode story is not carried, since it tells another run.
import { asScript } from '../dataset/generate.ts';
import { programOfPrompt } from '../verbalise/story.ts';
import { setSection } from './state.ts';

export interface Handoff {
  code: string;
  stdin: string;
  /** A story the model wrote for exactly this program and stdin, and which model wrote it. */
  story?: { text: string; model: string };
  /** Said to the person on arrival. */
  note: string;
}

let pending: Handoff | null = null;
const listeners = new Set<() => void>();

export function subscribeHandoff(cb: () => void): () => void {
  listeners.add(cb);
  return () => listeners.delete(cb);
}

export function hasHandoff(): boolean {
  return pending !== null;
}

/** The waiting handoff, taken (the Explorer takes it once). */
export function takeHandoff(): Handoff | null {
  const h = pending;
  pending = null;
  return h;
}

/** A program from a row's fields (or its prompt), with the model's generated story when there is one. */
export function handoffOf(row: { prompt?: string; code?: string; mode?: string; input?: string },
  story?: { text: string; model: string }): Handoff | null {
  const program = row.prompt ? programOfPrompt(row.prompt)
    : row.code !== undefined ? (row.mode === 'program' ? { mode: 'program' as const, code: row.code, stdin: row.input ?? '' }
      : { mode: 'call' as const, code: row.code, call: `f(${row.input ?? ''})` }) : null;
  if (!program) return null;
  if (program.mode === 'program') {
    return { code: program.code, stdin: program.stdin, ...(story ? { story } : {}),
      note: story ? 'Opened with the model’s story beside the real run.' : 'Opened the sample’s program. Press Run to trace it.' };
  }
  const script = asScript(program);
  return { ...script, note: `This program was asked about as the call ${program.call}; here it runs as a script that reads ` +
    `the arguments from the input box.${story ? ' The model’s story for the call does not apply to the script: press Ask the model for one.' : ''}` };
}

/** Shows the Explorer; it takes the handoff (puts the program in place) when it mounts or hears of it. */
export function openInExplorer(h: Handoff): void {
  pending = h;
  setSection('explore');
  for (const cb of listeners) cb();
}
