import { describe, expect, it } from 'vitest';
import { exactCompare, extractAnswer, scoreSample, summarise } from './score.ts';

const target = '[THOUGHT]\n1. Call f(k=4).\n2. Line 2: u = 0.\n3. Line 3, iteration 1: ch = 0.\n4. Line 5: f returns 4.\n' +
  '[/THOUGHT]\n[ANSWER]\nassert f(4) == 4\n[/ANSWER]';

describe('scoring', () => {
  it('reads the value after == in the answer block, even when the call holds ==', () => {
    expect(extractAnswer('[ANSWER]\nassert f(4) == [1, 2]\n[/ANSWER]')).toBe('[1, 2]');
    expect(extractAnswer("[ANSWER]\nassert f('a == b') == 'x'\n[/ANSWER]")).toBe("'x'");
    expect(extractAnswer('[THOUGHT] no answer block')).toBeNull();
  });

  it('scores a perfect story as correct with full trace accuracy', async () => {
    const s = await scoreSample(target, { output: '4', target });
    expect(s).toEqual({ answer: '4', correct: true, tracePrefix: 4, traceTotal: 4 });
  });

  it('counts trace states up to the first divergence, and a wrong answer as wrong', async () => {
    const wrong = target.replace('u = 0', 'u = 1').replace('== 4\n[/ANSWER]', '== 5\n[/ANSWER]');
    const s = await scoreSample(wrong, { output: '4', target });
    expect(s.correct).toBe(false);
    expect(s.tracePrefix).toBe(1);
  });

  it('uses the compare function it is given (value comparison plugs in here)', async () => {
    const byValue = (a: string, b: string) => Number(a) === Number(b);
    expect((await scoreSample('[ANSWER]\nassert f(1) == 4.0\n[/ANSWER]', { output: '4' }, byValue)).correct).toBe(true);
    expect(exactCompare('4', '4.0')).toBe(false);
  });

  it('summarises per level', () => {
    const sc = (correct: boolean) => ({ answer: '1', correct, tracePrefix: 0, traceTotal: 0 });
    const s = summarise([{ level: 1, score: sc(true) }, { level: 1, score: sc(false) }, { level: 2, score: sc(true) }]);
    expect(s.accuracy).toBeCloseTo(2 / 3);
    expect(s.byLevel['1']!.accuracy).toBe(0.5);
    expect(s.byLevel['2']!.correct).toBe(1);
  });
});
