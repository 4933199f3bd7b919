// The rollout viewer's groups: a step's completions cut into one group per program (rlStep writes G in a row per
// prompt), each with what it is worth to the update. Pure.
import type { Rollout } from '../../../rl/grpo.ts';
import type { RlRowView } from '../../../rl/run-events.ts';

export interface RolloutGroup {
  row: RlRowView;
  rollouts: Rollout[];
  right: number;
  /** The rewards differ: the group is trained on. */
  signal: boolean;
  meanReward: number;
}

/** One group per row, in order (a row drawn twice in a step is two groups). */
export function groupsOf(rows: readonly RlRowView[], rollouts: readonly Rollout[]): RolloutGroup[] {
  if (!rows.length) return [];
  const g = Math.floor(rollouts.length / rows.length);
  return rows.map((row, i) => {
    const mine = rollouts.slice(i * g, (i + 1) * g);
    const rewards = mine.map((r) => r.reward);
    return { row, rollouts: mine, right: mine.filter((r) => r.score.correct).length,
      signal: rewards.some((r) => r !== rewards[0]), meanReward: rewards.reduce((a, b) => a + b, 0) / Math.max(1, rewards.length) };
  });
}
