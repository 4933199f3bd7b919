// The bank format: a good row reads back as written, every kind of bad row is refused with its line, field and
// what to put there, and nothing a file holds makes the reader throw.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseBank, parseBankLine, writeBank, type BankTask } from './bank.ts';

const good: BankTask = {
  task_id: 'sum-evens',
  statement: 'Return the sum of the even numbers in nums.',
  entry: 'sum_evens',
  public_tests: [{ input: '[1, 2, 3, 4]', output: '6' }, { input: '[]', output: '0' }],
  hidden_tests: [{ input: '[-4, -3]', output: '-4' }],
  candidates: [
    { id: 'ref', code: 'def sum_evens(nums):\n    return sum(n for n in nums if n % 2 == 0)\n', kind: 'correct', note: 'the reference' },
    { id: 'mut1', code: 'def sum_evens(nums):\n    return sum(n for n in nums if n % 2 == 1)\n', kind: 'bug', note: 'n % 2 == 0 became n % 2 == 1 on line 2' },
  ],
};

const line = (row: unknown) => JSON.stringify(row);
const messages = (row: unknown, at = 3) => parseBankLine(line(row), at).problems.map((p) => p.message);

describe('parseBankLine', () => {
  it('reads a good row as written', () => {
    expect(parseBankLine(line(good), 1)).toEqual({ task: good, problems: [] });
  });

  it('ignores fields it does not know (other banks may carry more), and keeps only the format\'s', () => {
    const { task } = parseBankLine(line({ ...good, source: 'cruxeval', candidates: [{ ...good.candidates[0], score: 1 }] }), 1);
    expect(task).toEqual({ ...good, candidates: [good.candidates[0]] });
  });

  it('allows an empty input (a function of no arguments), an empty note and no hidden tests', () => {
    const row = { ...good, public_tests: [{ input: '', output: '1' }], hidden_tests: [], candidates: [{ ...good.candidates[0], note: '' }] };
    expect(parseBankLine(line(row), 1).problems).toEqual([]);
  });

  it('says which line is not JSON, or not an object', () => {
    expect(messages('{"task_id": ', 7)).toHaveLength(1);
    expect(parseBankLine('{"task_id": ', 7).problems[0]).toMatchObject({ line: 7, message: expect.stringMatching(/^line 7 is not JSON \(/) });
    expect(parseBankLine('[1, 2]', 2).problems[0]!.message).toBe('line 2 must be one JSON object (a task), not a list');
    expect(parseBankLine('null', 2).problems[0]!.message).toBe('line 2 must be one JSON object (a task), not null');
  });

  it('names each missing or mistyped top-level field, with the task when it has a name', () => {
    expect(messages({ ...good, statement: undefined })).toEqual([
      'line 3 (task "sum-evens"): statement is missing (what the function does, in one paragraph)',
    ]);
    expect(messages({ ...good, task_id: 12 })).toEqual([
      'line 3: task_id must be a string (a name for the task, unique in the file), not a number',
    ]);
    expect(messages({ ...good, entry: 'sum evens' })).toEqual([
      'line 3 (task "sum-evens"): entry must be a Python function name such as sum_evens, not "sum evens"',
    ]);
    expect(messages({ ...good, statement: '  ' })).toEqual(['line 3 (task "sum-evens"): statement is empty (what the function does, in one paragraph)']);
  });

  it('checks the tests: a list, at least one public test, each an {input, output} of strings', () => {
    expect(messages({ ...good, public_tests: [] })).toEqual([
      'line 3 (task "sum-evens"): public_tests is empty: a task needs at least one public test',
    ]);
    expect(messages({ ...good, hidden_tests: { input: '1' } })).toEqual([
      'line 3 (task "sum-evens"): hidden_tests must be a list of {input, output}, not an object',
    ]);
    expect(messages({ ...good, public_tests: [good.public_tests[0], { input: '[1]', output: 6 }, 'x'] })).toEqual([
      'line 3 (task "sum-evens"): public_tests[1].output must be a string (the repr of the expected result, e.g. "6"), not a number',
      'line 3 (task "sum-evens"): public_tests[2] must be an object {input, output}, not a string',
    ]);
    expect(messages({ ...good, hidden_tests: [{ output: '1' }] })).toEqual([
      'line 3 (task "sum-evens"): hidden_tests[0].input is missing (the arguments as Python source, e.g. "[3, 1, 2], 2")',
    ]);
  });

  it('checks the candidates: ids unique in the task, code, a known kind, a note', () => {
    const [ref, mut] = good.candidates;
    expect(messages({ ...good, candidates: [] })).toEqual([
      'line 3 (task "sum-evens"): candidates is empty: a task needs at least one candidate to judge',
    ]);
    expect(messages({ ...good, candidates: [ref, { ...mut, id: 'ref' }] })).toEqual([
      'line 3 (task "sum-evens"): candidates[1].id "ref" is already the id of candidates[0]',
    ]);
    expect(messages({ ...good, candidates: [{ ...ref, kind: 'maybe' }, { ...mut, kind: undefined }] })).toEqual([
      'line 3 (task "sum-evens"): candidates[0].kind must be "correct" or "bug", not "maybe"',
      'line 3 (task "sum-evens"): candidates[1].kind is missing ("correct" or "bug")',
    ]);
    expect(messages({ ...good, candidates: [{ ...ref, code: '' }, { ...mut, note: null }] })).toEqual([
      'line 3 (task "sum-evens"): candidates[0].code is empty (Python source defining the entry function)',
      'line 3 (task "sum-evens"): candidates[1].note must be a string (what it is, in plain words; may be empty), not null',
    ]);
  });

  it('reports every problem of a row at once', () => {
    expect(messages({ task_id: 'x', candidates: 'none' })).toHaveLength(5);
  });

  it('never throws, whatever the line holds', () => {
    fc.assert(fc.property(fc.oneof(fc.string(), fc.json(), fc.anything().map((v) => { try { return JSON.stringify(v) ?? ''; } catch { return ''; } })), (text) => {
      const { task, problems } = parseBankLine(text, 1);
      expect(task === undefined).toBe(problems.length > 0);
    }), { numRuns: 300 });
  });
});

describe('parseBank and writeBank', () => {
  it('round-trips tasks through the writer, one line each, fields in the documented order', () => {
    const other = { ...good, task_id: 'other' };
    const text = writeBank([good, other]);
    expect(text.split('\n')).toHaveLength(3);
    expect(Object.keys(JSON.parse(text.split('\n')[0]!))).toEqual(['task_id', 'statement', 'entry', 'public_tests', 'hidden_tests', 'candidates']);
    expect(parseBank(text)).toEqual({ tasks: [good, other], problems: [] });
    expect(writeBank([])).toBe('');
  });

  it('keeps the good rows of a file with bad ones, numbering lines as an editor does (blank lines count)', () => {
    const text = [line(good), '', 'oops', line({ ...good, entry: 3 }), line(good)].join('\n');
    const { tasks, problems } = parseBank(text);
    expect(tasks).toEqual([good]);
    expect(problems.map((p) => p.line)).toEqual([3, 4, 5]);
    expect(problems[2]!.message).toBe('line 5: task_id "sum-evens" is already used on line 1');
  });

  it('says so when a file holds nothing', () => {
    expect(parseBank('\n\n').problems).toEqual([{ line: 0, message: 'the file holds no tasks (it is empty)' }]);
  });
});
