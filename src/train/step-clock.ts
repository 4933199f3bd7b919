// Remaining time from this session's own pace: wall time per step over the last steps, evaluations and saves
// included. A checkpoint's `elapsedMs` is no guide: the shipped model's was measured on another machine, and it
// counts the steps' compute only.

export class StepClock {
  /** End times of the last steps (ms), oldest first; the first entry is where timing began. */
  private ends: number[] = [];

  constructor(
    /** Steps averaged over (a moving window, so an eval or a busier machine shows up soon and passes). */
    private readonly window = 20,
    /** Steps timed before an estimate is given. */
    private readonly enough = 5,
  ) {}

  /** Starts timing at `now`; call after the session's first step (peer start and kernel compilation are one-offs). */
  start(now: number): void {
    this.ends = [now];
  }

  stepEnded(now: number): void {
    if (!this.ends.length) return this.start(now);
    this.ends.push(now);
    if (this.ends.length > this.window + 1) this.ends.shift();
  }

  /** Mean wall time of the last steps, or null until `enough` steps were timed. */
  msPerStep(): number | null {
    const n = this.ends.length - 1;
    return n < this.enough ? null : (this.ends[n]! - this.ends[0]!) / n;
  }

  remainingMs(stepsLeft: number): number | null {
    const per = this.msPerStep();
    return per === null ? null : per * Math.max(0, stepsLeft);
  }
}
