import { describe, expect, it } from 'vitest';
import { StepClock } from './step-clock.ts';

describe('StepClock', () => {
  it('gives no estimate until enough steps were timed', () => {
    const c = new StepClock(20, 5);
    expect(c.remainingMs(100)).toBeNull();
    c.start(0);
    for (let i = 1; i <= 4; i++) c.stepEnded(i * 100);
    expect(c.remainingMs(100)).toBeNull();
    c.stepEnded(500);
    expect(c.msPerStep()).toBe(100);
    expect(c.remainingMs(10)).toBe(1000);
  });

  it('counts slow steps (an evaluation, a save) and forgets them after the window', () => {
    const c = new StepClock(4, 2);
    c.start(0);
    let t = 0;
    const step = (ms: number) => c.stepEnded((t += ms));
    [100, 100, 100].forEach(step);
    step(900); // a step with an evaluation
    expect(c.msPerStep()).toBe(300);
    [100, 100, 100, 100].forEach(step);
    expect(c.msPerStep()).toBe(100);
  });

  it('follows a change of pace (the machine got busier) within the window', () => {
    const c = new StepClock(5, 2);
    c.start(0);
    let t = 0;
    for (let i = 0; i < 50; i++) c.stepEnded((t += 50));
    for (let i = 0; i < 5; i++) c.stepEnded((t += 200));
    expect(c.msPerStep()).toBe(200);
    expect(c.remainingMs(-3)).toBe(0);
  });
});
