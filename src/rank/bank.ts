// The task bank's format (docs/bank.md): one JSON object per line, a small function task with its tests and the
// candidate solutions to judge. Ranking (self-verification) and repair (Self-RLEF) read any file in this format.
// The file states each test's expected output, and each candidate's kind; whether a candidate passes a test is
// never read from the file: the tools run it (src/rank/judge.ts).
//
//   {"task_id": "sum-evens", "statement": "…", "entry": "sum_evens",
//    "public_tests": [{"input": "[1, 2, 3, 4]", "output": "6"}, …], "hidden_tests": […],
//    "candidates": [{"id": "ref", "code": "def sum_evens(nums):\n…", "kind": "correct", "note": "…"}, …]}

export interface BankTest {
  /** The call's arguments as Python source: `[3, 1, 2], 2` is the test `entry([3, 1, 2], 2)`. */
  input: string;
  /** repr of the expected result, compared by value (CRUXEval's `eval(a) == eval(b)`, floats within 1e-5). */
  output: string;
}

export const CANDIDATE_KINDS = ['correct', 'bug'] as const;
export type CandidateKind = (typeof CANDIDATE_KINDS)[number];

export interface BankCandidate {
  /** Unique within its task. */
  id: string;
  /** Python source defining the task's `entry` function. */
  code: string;
  /** What the bank's author says it is; the tools check it against real runs and report disagreements. */
  kind: CandidateKind;
  /** In plain words: how it is written, or what its bug is ("range(n) became range(n - 1) on line 3"). */
  note: string;
}

export interface BankTask {
  task_id: string;
  /** One paragraph: what the function does, as a person would be told. */
  statement: string;
  /** Name of the function every candidate defines and every test calls. */
  entry: string;
  /** Shown to the model (and, in repair, used for feedback). */
  public_tests: BankTest[];
  /** Never shown: they decide whether a chosen or repaired candidate is really right. */
  hidden_tests: BankTest[];
  candidates: BankCandidate[];
}

/** Something wrong with one line of a bank file, said so the author can fix it. */
export interface BankProblem {
  /** 1-based line of the file. */
  line: number;
  message: string;
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return 'a string';
  return `a ${typeof value}`;
}

/** Read one line of a bank file: the task, or every problem found in it (then no task). Never throws. */
export function parseBankLine(text: string, line: number): { task?: BankTask; problems: BankProblem[] } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    return { problems: [{ line, message: `line ${line} is not JSON (${(err as Error).message})` }] };
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { problems: [{ line, message: `line ${line} must be one JSON object (a task), not ${kindOf(raw)}` }] };
  }
  const row = raw as Record<string, unknown>;
  const name = typeof row.task_id === 'string' && row.task_id ? ` (task "${row.task_id}")` : '';
  const messages: string[] = [];
  const where = (field: string, what: string) => messages.push(`line ${line}${name}: ${field} ${what}`);

  const text_ = (field: string, value: unknown, what: string, allowEmpty = false): value is string => {
    if (typeof value !== 'string') {
      where(field, value === undefined ? `is missing (${what})` : `must be a string (${what}), not ${kindOf(value)}`);
      return false;
    }
    if (!allowEmpty && !value.trim()) {
      where(field, `is empty (${what})`);
      return false;
    }
    return true;
  };

  text_('task_id', row.task_id, 'a name for the task, unique in the file');
  text_('statement', row.statement, 'what the function does, in one paragraph');
  if (text_('entry', row.entry, 'the name of the function the tests call') && !IDENTIFIER.test(row.entry as string)) {
    where('entry', `must be a Python function name such as sum_evens, not "${row.entry as string}"`);
  }

  const tests = (field: 'public_tests' | 'hidden_tests', atLeastOne: boolean): BankTest[] => {
    const value = row[field];
    if (!Array.isArray(value)) {
      where(field, value === undefined ? 'is missing (a list of {input, output})' : `must be a list of {input, output}, not ${kindOf(value)}`);
      return [];
    }
    if (atLeastOne && !value.length) where(field, 'is empty: a task needs at least one public test');
    value.forEach((t: unknown, i) => {
      const at = `${field}[${i}]`;
      if (typeof t !== 'object' || t === null || Array.isArray(t)) {
        where(at, `must be an object {input, output}, not ${kindOf(t)}`);
        return;
      }
      const test = t as Record<string, unknown>;
      text_(`${at}.input`, test.input, 'the arguments as Python source, e.g. "[3, 1, 2], 2"', true);
      text_(`${at}.output`, test.output, 'the repr of the expected result, e.g. "6"');
    });
    return value as BankTest[];
  };
  const publicTests = tests('public_tests', true);
  const hiddenTests = tests('hidden_tests', false);

  const candidates = row.candidates;
  if (!Array.isArray(candidates)) {
    where('candidates', candidates === undefined ? 'is missing (a list of {id, code, kind, note})' : `must be a list of {id, code, kind, note}, not ${kindOf(candidates)}`);
  } else {
    if (!candidates.length) where('candidates', 'is empty: a task needs at least one candidate to judge');
    const ids = new Map<string, number>();
    candidates.forEach((c: unknown, i) => {
      const at = `candidates[${i}]`;
      if (typeof c !== 'object' || c === null || Array.isArray(c)) {
        where(at, `must be an object {id, code, kind, note}, not ${kindOf(c)}`);
        return;
      }
      const cand = c as Record<string, unknown>;
      if (text_(`${at}.id`, cand.id, 'a name unique within the task')) {
        const first = ids.get(cand.id as string);
        if (first !== undefined) where(`${at}.id`, `"${cand.id as string}" is already the id of candidates[${first}]`);
        else ids.set(cand.id as string, i);
      }
      text_(`${at}.code`, cand.code, 'Python source defining the entry function');
      if (!(CANDIDATE_KINDS as readonly unknown[]).includes(cand.kind)) {
        where(`${at}.kind`, cand.kind === undefined ? 'is missing ("correct" or "bug")'
          : `must be "correct" or "bug", not ${typeof cand.kind === 'string' ? `"${cand.kind}"` : kindOf(cand.kind)}`);
      }
      text_(`${at}.note`, cand.note, 'what it is, in plain words; may be empty', true);
    });
  }

  if (messages.length) return { problems: messages.map((message) => ({ line, message })) };
  return {
    task: {
      task_id: row.task_id as string,
      statement: row.statement as string,
      entry: row.entry as string,
      public_tests: publicTests.map(({ input, output }) => ({ input, output })),
      hidden_tests: hiddenTests.map(({ input, output }) => ({ input, output })),
      candidates: (candidates as BankCandidate[]).map(({ id, code, kind, note }) => ({ id, code, kind, note })),
    },
    problems: [],
  };
}

/** Read a whole bank file: its valid tasks, and every problem of the others (blank lines are skipped). */
export function parseBank(text: string): { tasks: BankTask[]; problems: BankProblem[] } {
  const tasks: BankTask[] = [];
  const problems: BankProblem[] = [];
  const seen = new Map<string, number>();
  text.split('\n').forEach((lineText, i) => {
    if (!lineText.trim()) return;
    const line = i + 1;
    const { task, problems: found } = parseBankLine(lineText, line);
    problems.push(...found);
    if (!task) return;
    const first = seen.get(task.task_id);
    if (first !== undefined) {
      problems.push({ line, message: `line ${line}: task_id "${task.task_id}" is already used on line ${first}` });
      return;
    }
    seen.set(task.task_id, line);
    tasks.push(task);
  });
  if (!tasks.length && !problems.length) problems.push({ line: 0, message: 'the file holds no tasks (it is empty)' });
  return { tasks, problems };
}

/** One line per task, fields in the documented order. */
export function writeBank(tasks: readonly BankTask[]): string {
  return tasks.map((t) => JSON.stringify({
    task_id: t.task_id,
    statement: t.statement,
    entry: t.entry,
    public_tests: t.public_tests.map(({ input, output }) => ({ input, output })),
    hidden_tests: t.hidden_tests.map(({ input, output }) => ({ input, output })),
    candidates: t.candidates.map(({ id, code, kind, note }) => ({ id, code, kind, note })),
  })).join('\n') + (tasks.length ? '\n' : '');
}
