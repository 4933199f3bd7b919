// Group-relative advantages (GRPO): each prompt's G completions are compared with each other, so no value model
// is needed. advantage = reward - the group's mean reward; dividing by the group's standard deviation is an option,
// off by default as in Dr. GRPO (it over-weights groups that are nearly all right or all wrong). A group whose
// completions all got the same reward carries no signal: it is counted and left out of the update. Pure.

export interface GroupAdvantages {
  /** One per completion, in the order given (group by group). */
  advantages: number[];
  /** One per group: did its completions' rewards differ? */
  signal: boolean[];
}

export function groupAdvantages(rewards: readonly number[], groupSize: number, opts: { scaleByStd?: boolean } = {}):
  GroupAdvantages {
  if (!Number.isInteger(groupSize) || groupSize < 1) throw new Error(`group size must be a whole number >= 1, got ${groupSize}`);
  if (rewards.length % groupSize !== 0) {
    throw new Error(`${rewards.length} rewards do not split into groups of ${groupSize}`);
  }
  const advantages: number[] = [];
  const signal: boolean[] = [];
  for (let g = 0; g < rewards.length; g += groupSize) {
    const group = rewards.slice(g, g + groupSize);
    const mean = group.reduce((a, b) => a + b, 0) / groupSize;
    const std = Math.sqrt(group.reduce((a, r) => a + (r - mean) ** 2, 0) / groupSize);
    const has = std > 1e-9;
    signal.push(has);
    for (const r of group) advantages.push(!has ? 0 : opts.scaleByStd ? (r - mean) / (std + 1e-6) : r - mean);
  }
  return { advantages, signal };
}
