// Verifiable rewards for RL: a completion is scored against the real run (the output recorded when the row was
// built by really running the program), never against a model or a rule of thumb. Pure: the comparison by value
// (Pyodide's `eval(a) == eval(b)`) comes in as a `Compare` and the story check is parse.ts's.
//
// A reward is a function of the completion's score (src/evaluate/score.ts), so a student can swap one for another
// and compare the runs:
//   exact    +1 when the answer equals the real output, -1 otherwise (the paper's reward)
//   format   exact, and -1.5 when the completion has no readable [ANSWER] block (a malformed answer costs more)
//   partial  exact, with partial credit on a wrong answer for the story's steps that match the real run up to its
//            first divergence: -1 + steps right / steps in the real story, so any right answer still beats it
import type { SampleScore } from '../evaluate/score.ts';

export const REWARDS = ['exact', 'format', 'partial'] as const;
export type RewardName = (typeof REWARDS)[number];

export const REWARD_WORDS: Record<RewardName, string> = {
  exact: '+1 when the predicted output is the real one, −1 otherwise',
  format: 'as exact, and −1.5 when no answer can be read from the completion',
  partial: 'as exact, but a wrong answer earns back up to 1 point for the story steps that match the real run',
};

/** Reward of one completion, from its score against the real run. */
export function reward(name: RewardName, s: SampleScore): number {
  if (s.correct) return 1;
  switch (name) {
    case 'exact': return -1;
    case 'format': return s.answer === null ? -1.5 : -1;
    // The credit stays below 1 so that a fully right story with a wrong answer still loses to a right answer.
    case 'partial': return s.traceTotal > 0 ? -1 + Math.min(0.99, s.tracePrefix / s.traceTotal) : -1;
  }
}

export function isRewardName(x: unknown): x is RewardName {
  return typeof x === 'string' && (REWARDS as readonly string[]).includes(x);
}
