// What another panel hands the Explorer: a script with its story, or a call turned into the generator's script.
import { describe, expect, it } from 'vitest';
import { promptOf } from '../verbalise/story.ts';
import { handoffOf } from './handoff.ts';

const code = 'def f(a, b):\n    return a + b\n';

describe('handoffOf', () => {
  it('keeps a script and its story as they are', () => {
    const h = handoffOf({ prompt: promptOf({ mode: 'program', code, stdin: '1\n2\n' }) }, { text: '[ANSWER]\n3\n[/ANSWER]', model: 'm' });
    expect(h).toMatchObject({ code, stdin: '1\n2\n', story: { text: '[ANSWER]\n3\n[/ANSWER]', model: 'm' } });
    expect(h?.note).toBe('Opened with the model’s story beside the real run.');
  });

  it('turns a call into the stdin script the generator makes, and drops the call’s story, saying why', () => {
    const h = handoffOf({ prompt: promptOf({ mode: 'call', code, call: 'f(1, [2, 3])' }) }, { text: 'story', model: 'm' });
    expect(h?.code).toBe(`${code}\narg0 = eval(input())\narg1 = eval(input())\nprint(f(arg0, arg1))\n`);
    expect(h?.stdin).toBe('1\n[2, 3]\n');
    expect(h?.story).toBeUndefined();
    expect(h?.note).toContain('asked about as the call f(1, [2, 3])');
    expect(h?.note).toContain('does not apply to the script');
  });

  it('reads a dataset row by its fields, and refuses text that is not a prompt', () => {
    expect(handoffOf({ code, mode: 'program', input: '5\n' })).toMatchObject({ code, stdin: '5\n' });
    expect(handoffOf({ code, mode: 'call', input: '1, 2' })?.stdin).toBe('1\n2\n');
    expect(handoffOf({ prompt: 'hello' })).toBeNull();
  });
});
