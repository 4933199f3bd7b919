// The shipped bank (public/bank/tasks.jsonl, `npm run bank`) holds what issue 12 asks of it, and every prompt made
// of one candidate and one test fits the shipped model's context with room for its story. Its real pass counts are
// `npm run bank -- --check public/bank/tasks.jsonl` (and scripts/bank.test.ts runs the builder end to end).
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { promptOf } from '../verbalise/story.ts';
import { Tokenizer } from '../tokenise/tokenizer.ts';
import { parseBank } from './bank.ts';
import { testCall } from './judge.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const FILE = join(ROOT, 'public', 'bank', 'tasks.jsonl');

describe('the shipped bank', () => {
  const { tasks, problems } = parseBank(readFileSync(FILE, 'utf8'));

  it('reads without a problem and stays small', () => {
    expect(problems).toEqual([]);
    expect(statSync(FILE).size).toBeLessThan(1 << 20);
  });

  it('has at least 40 tasks, each with 5 + 5 tests and 8 candidates, 3 of them correct', () => {
    expect(tasks.length).toBeGreaterThanOrEqual(40);
    for (const t of tasks) {
      expect(t.public_tests.length, t.task_id).toBeGreaterThanOrEqual(5);
      expect(t.hidden_tests.length, t.task_id).toBeGreaterThanOrEqual(5);
      expect(t.candidates.length, t.task_id).toBeGreaterThanOrEqual(8);
      expect(t.candidates.filter((c) => c.kind === 'correct').length, t.task_id).toBeGreaterThanOrEqual(3);
      expect(t.candidates.every((c) => c.code.trimEnd().split('\n').length <= 12), t.task_id).toBe(true);
    }
  });

  it('fits one candidate and one test in at most 256 of the 384-token block, with the shipped tokenizer', () => {
    const tok = Tokenizer.fromJSON(JSON.parse(readFileSync(join(ROOT, 'public', 'model', 'tokenizer.json'), 'utf8')));
    let longest = 0;
    for (const t of tasks) {
      for (const c of t.candidates) {
        for (const test of [...t.public_tests, ...t.hidden_tests]) {
          const prompt = promptOf({ mode: 'call', code: c.code, call: testCall(t.entry, test) });
          longest = Math.max(longest, tok.encode(prompt).length);
        }
      }
    }
    expect(longest).toBeLessThanOrEqual(256);
  });
});
