import { describe, expect, it } from 'vitest';
import { replay } from './replay.ts';
import type { Step } from './trace.ts';

const s = (p: Partial<Step> & Pick<Step, 'event' | 'line' | 'depth'>): Step => ({ func: p.depth ? 'g' : 'f', changed: {}, ...p });

describe('replay', () => {
  it('accumulates variables per frame, marks changes, and pops returned frames', () => {
    const steps: Step[] = [
      s({ event: 'call', line: 1, depth: 0, changed: { n: '2' } }),
      s({ event: 'line', line: 2, depth: 0 }),
      s({ event: 'line', line: 3, depth: 0, changed: { total: '0' }, stdout: 'hi\n' }),
      s({ event: 'call', line: 7, depth: 1, changed: { x: '5' } }),
      s({ event: 'return', line: 8, depth: 1, value: '10' }),
      s({ event: 'line', line: 4, depth: 0, changed: { total: '10' } }),
      s({ event: 'line', line: 5, depth: 0, removed: ['n'] }),
    ];
    const states = replay({ steps });
    expect(states).toHaveLength(7);
    expect(states[3]!.frames.map((f) => f.func)).toEqual(['f', 'g']);
    expect(states[3]!.frames[0]!.changed).toEqual([]);
    expect(states[3]!.frames[1]!.vars).toEqual({ x: '5' });
    expect(states[4]!.frames).toHaveLength(2);
    expect(states[5]!.frames).toHaveLength(1);
    expect(states[5]!.frames[0]!.vars).toEqual({ n: '2', total: '10' });
    expect(states[5]!.frames[0]!.changed).toEqual(['total']);
    expect(states[6]!.frames[0]!.vars).toEqual({ total: '10' });
    expect(states[2]!.stdout).toBe('hi\n');
    expect(states[6]!.stdout).toBe('hi\n');
  });

  it('opens a fresh frame for a recursive call at the same depth as a returned one', () => {
    const steps: Step[] = [
      s({ event: 'call', line: 1, depth: 0, changed: { n: '1' } }),
      s({ event: 'call', line: 1, depth: 1, changed: { n: '0' } }),
      s({ event: 'return', line: 3, depth: 1, value: '1' }),
      s({ event: 'call', line: 1, depth: 1, changed: { n: '0' } }),
    ];
    const states = replay({ steps });
    expect(states[3]!.frames[1]!.vars).toEqual({ n: '0' });
    expect(states[3]!.frames[1]!.changed).toEqual(['n']);
  });
});
