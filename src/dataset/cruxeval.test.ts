// CRUXEval import on real runs: rows are evaluation-only (split test, level 0), their story comes
// from the real trace, and a row whose stated output is not what really runs is reported and left out.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeRunner, type NodeRunner } from '../capture/node/runner.ts';
import { parseStory } from '../verbalise/parse.ts';
import { importCruxeval, readCruxeval } from './cruxeval.ts';

let runner: NodeRunner;
beforeAll(async () => { runner = await createNodeRunner({ processes: 1 }); }, 60_000);
afterAll(async () => { await runner?.close(); });

const FIXTURE = [
  { id: 'sample_0', code: 'def f(xs):\n    total = 0\n    for x in xs:\n        total += x\n    return total\n', input: '[1, 2, 3]', output: '6' },
  // Stated in another spelling of the same value: kept (CRUXEval compares by value).
  { id: 'sample_1', code: 'def f(s, n):\n    return [s] * n\n', input: "'ab', 2", output: '["ab","ab"]' },
  // Stated wrongly: the real run gives 7.
  { id: 'sample_2', code: 'def f(a):\n    b = a + 1\n    return b\n', input: '6', output: '8' },
].map((r) => JSON.stringify(r)).join('\n') + '\n';

describe('importCruxeval', () => {
  it('keeps rows for evaluation only, with real stories, and reports a stated output that is wrong', async () => {
    const result = await importCruxeval(FIXTURE, { granularity: 'iterations', maxSteps: 1000 },
      (reqs) => runner.runMany(reqs), (a, b) => runner.compare(a, b));
    expect(result.rows.map((r) => r.id)).toEqual(['sample_0', 'sample_1']);
    for (const row of result.rows) {
      expect(row).toMatchObject({ split: 'test', level: 0, kind: 'cruxeval', mode: 'call', status: 'ok', granularity: 'iterations' });
      expect(row.prompt).toContain(`assert f(${row.input}) == ??`);
      expect(row.target).toMatch(/^\[THOUGHT\]\n1\. Call f\(/);
      expect(parseStory(row.target).answer).toBe(row.output);
    }
    expect(result.rows.map((r) => [r.input, r.output])).toEqual([['[1, 2, 3]', '6'], ["'ab', 2", "['ab', 'ab']"]]);
    expect(result.outcomes).toEqual({ ok: 2, output_disagrees: 1 });
    expect(result.disagreements).toEqual([{ id: 'sample_2', stated: '8', real: '7' }]);
  }, 60_000);

  it('counts lines that are not CRUXEval rows instead of throwing', () => {
    const { rows, unreadable } = readCruxeval(`${FIXTURE}not json\n{"code": "def f(): pass"}\n`);
    expect(rows).toHaveLength(3);
    expect(unreadable).toBe(2);
  });
});
