// Several sampled answers to one question, grouped by value: how many agree and which answer has the most votes.
// The seed of self-verification (majority vote over k simulations); the Explorer and the ranking work share it.
// Pure: the equality is passed in (Python's, by value, in the page and in Node; exact text in tests).
import type { Compare } from './score.ts';

/** The most stories sampled for one question: the Explorer's, Rank's and Repair's samples setting (each decoded
 * from a link by its slice) and the sampler itself stop here. */
export const MAX_SAMPLES = 8;

/** A samples setting as the sampler takes it: whole, 1 to MAX_SAMPLES. */
export function samplesIn(n: number): number {
  return Math.max(1, Math.min(MAX_SAMPLES, Math.round(n)));
}

export interface AnswerGroup {
  /** The answer as first written by a sample of this group. */
  answer: string;
  /** 0-based indices of the samples that gave it, in order. */
  samples: number[];
}

export interface Tally {
  /** Groups, most votes first; ties keep the order of first appearance (so the draw is deterministic). */
  groups: AnswerGroup[];
  /** The group with the most votes, or null when no sample answered. */
  majority: AnswerGroup | null;
  /** Samples in all, and those that gave no readable answer (they vote for nothing). */
  total: number;
  unanswered: number;
}

/** Group answers by value. Identical text is equal without asking `same`. */
export async function tally(answers: readonly (string | null)[], same: Compare): Promise<Tally> {
  const groups: AnswerGroup[] = [];
  let unanswered = 0;
  for (let i = 0; i < answers.length; i++) {
    const a = answers[i];
    if (a === null || a === undefined) {
      unanswered++;
      continue;
    }
    let home: AnswerGroup | undefined;
    for (const g of groups) {
      if (g.answer.trim() === a.trim() || (await same(g.answer, a))) {
        home = g;
        break;
      }
    }
    if (home) home.samples.push(i);
    else groups.push({ answer: a, samples: [i] });
  }
  const order = groups.map((g, i) => ({ g, i }));
  order.sort((x, y) => y.g.samples.length - x.g.samples.length || x.i - y.i);
  const sorted = order.map((x) => x.g);
  return { groups: sorted, majority: sorted[0] ?? null, total: answers.length, unanswered };
}

/** "7 of 8 say 12" (or "no sample gave an answer"). */
export function agreementSentence(t: Tally): string {
  if (!t.majority) return `None of the ${t.total} samples gave a readable answer.`;
  const k = t.majority.samples.length;
  const shown = t.majority.answer.trim() || '(nothing printed)';
  const short = shown.length > 40 ? `${shown.slice(0, 39)}…` : shown;
  if (t.total === 1) return `The model says ${short}.`;
  return `${k} of ${t.total} say ${short}` + (t.groups.length > 1 ? ` (${t.groups.length} different answers).` : '.');
}
