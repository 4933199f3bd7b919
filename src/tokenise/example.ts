// How one dataset row becomes one token sequence: prompt, a newline, target. The loss is taken on the target only,
// so `targetStart` says where it begins. Pure: shared by training, evaluation, the panel and the worker.
import type { Tokenizer } from './tokenizer.ts';

/** Text between prompt and target; part of the (masked) prompt so the model's first target token is a marker. */
export const SEPARATOR = '\n';

export interface EncodedExample {
  /** prompt + separator + target token ids. */
  ids: number[];
  /** Index in `ids` of the first target token. */
  targetStart: number;
}

export function encodePrompt(tok: Tokenizer, prompt: string): number[] {
  return tok.encode(prompt + SEPARATOR);
}

export function encodeExample(tok: Tokenizer, prompt: string, target: string): EncodedExample {
  const p = encodePrompt(tok, prompt);
  return { ids: [...p, ...tok.encode(target)], targetStart: p.length };
}
