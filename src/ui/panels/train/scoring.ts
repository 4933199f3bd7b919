// How the Train panel decides that the model's answer is right: by value, in Python, as CRUXEval does
// (`eval(a) == eval(b)`, floats within 1e-5), through the page's one RunnerClient. The train worker has no
// Python: it gets `compare` (a Comlink proxy) and hands it to `evaluateRows`, so scoring is the one in
// src/evaluate. While Python loads, scoring waits for it (the panel says so); only if Python cannot start at
// all does it fall back to exact text, and the panel labels those answers as compared that way.
import type { RunnerStatus } from '../../../capture/client.ts';
import { exactCompare, type Compare } from '../../../evaluate/score.ts';

export type ScoringMode = 'python' | 'exact';

/** What the scorer needs of the RunnerClient. */
export interface ValueComparer {
  compare(expected: string, actual: string): Promise<boolean>;
  onStatus(cb: (s: RunnerStatus) => void): () => void;
}

/** The RunnerClient reports a failed start or load as `idle` with a message; a plain `idle` is "not started". */
export function pythonUnavailable(s: RunnerStatus): boolean {
  return s.state === 'idle' && Boolean(s.message);
}

/** How the answers of one worker call were compared: its own counts, so calls in flight together do not mix. */
export interface ScoringSession {
  compare: Compare;
  /** How the answers scored since the last call were compared (null: none were), and start counting afresh. */
  take(): ScoringMode | 'mixed' | null;
}

export class AnswerScorer {
  private status: RunnerStatus = { state: 'idle' };

  constructor(private readonly runner: ValueComparer) {
    runner.onStatus((s) => {
      this.status = s;
    });
  }

  session(): ScoringSession {
    let counts: Record<ScoringMode, number> = { python: 0, exact: 0 };
    const compare: Compare = async (expected, actual) => {
      if (!pythonUnavailable(this.status)) {
        const equal = await this.runner.compare(expected, actual);
        // The client answers false when Python died or failed to load under the call: that is no verdict.
        if (equal || !pythonUnavailable(this.status)) {
          counts.python++;
          return equal;
        }
      }
      counts.exact++;
      return exactCompare(expected, actual);
    };
    const take = () => {
      const { python, exact } = counts;
      counts = { python: 0, exact: 0 };
      return python && exact ? 'mixed' : exact ? 'exact' : python ? 'python' : null;
    };
    return { compare, take };
  }
}

/** One sentence on how answers are being compared right now. */
export function scoringNote(s: RunnerStatus): string {
  if (pythonUnavailable(s)) {
    return `Python could not start (${s.message}), so answers are compared as exact text instead: a fallback in ` +
      'which 1.0 and 1.00000001, or (1,2) and (1, 2), count as different.';
  }
  if (s.state === 'loading' || s.state === 'restarting') {
    const pct = s.progress !== undefined ? ` (${Math.round(s.progress * 100)} %)` : '';
    return `Python is loading${pct}: answers are compared by value once it is ready, so scoring waits for it.`;
  }
  return 'Answers are compared by value in Python, as CRUXEval does: eval(a) == eval(b), floats within 1e-5.';
}

export function modeWords(mode: ScoringMode | 'mixed' | null): string {
  return mode === 'exact' ? 'compared as exact text (fallback: Python could not start)'
    : mode === 'mixed' ? 'some compared as exact text (fallback: Python stopped working)'
      : mode === 'python' ? 'compared by value in Python' : 'no readable answer to compare';
}
