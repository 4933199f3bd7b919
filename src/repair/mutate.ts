// Mutants of a code string: the mutation engine (src/repair/mutate.py) run through the runner as an ordinary
// program (program mode, output only), so it lives in the same sandbox as any untrusted code and Python's own
// parser does the work; nothing about Python is re-implemented here. The host passes the engine's source (Node:
// src/repair/node/mutate-source.ts; the page: `import source from '../repair/mutate.py?raw'`) and its runner.
// The mutants themselves are never run here: a caller that wants their behaviour runs them through the runner.
import { Rng } from '../dataset/rng.ts';
import type { RunRequest, Trace } from '../capture/trace.ts';

/** The operators, in the engine's order (mutate.py's OPERATORS). */
export const OPERATORS = [
  'range-bound', // range(n) -> range(n - 1), range(1, n) -> range(0, n)
  'slice-bound', // s[1:] -> s[2:]
  'comparison', // < <-> <=, > <-> >=, == <-> !=, in <-> not in, is <-> is not
  'arithmetic', // + <-> -, * <-> //, % -> //, / -> * (also in += and friends)
  'logic', // and <-> or, `not x` -> x
  'init-value', // total = 0 -> 1, 1 -> 0, [] -> [0], None -> 0, best = nums[0] -> 0
  'swap-args', // f(a, b) -> f(b, a)
  'drop-if', // an `if` that returns early (an edge case) removed
] as const;
export type Operator = (typeof OPERATORS)[number];

export interface Mutant {
  operator: Operator;
  /** 1-based line of the change in the original code. */
  line: number;
  /** The change in plain words: "range(n) became range(n - 1) on line 3". */
  note: string;
  code: string;
}

export type RunFn = (req: RunRequest) => Promise<Trace>;

/** Parsing and editing a short function takes milliseconds; the bound is for a pathological input. */
const MUTATE_LIMITS = { maxSteps: 10_000, timeoutMs: 20_000 };

/** The request that runs the engine on `code`. */
export function mutateRequest(engineSource: string, code: string, operators?: readonly Operator[]): RunRequest {
  return {
    code: engineSource,
    mode: 'program',
    stdin: JSON.stringify(operators ? { code, operators } : { code }),
    limits: MUTATE_LIMITS,
    outputOnly: true,
  };
}

/** The engine's answer read from its run; a run that went wrong says why in one sentence. */
export function readMutants(trace: Trace): { mutants: Mutant[] } | { error: string } {
  if (trace.status !== 'ok') {
    return { error: `the mutation engine did not finish (${trace.status}: ${trace.error?.message ?? 'no message'})` };
  }
  let answer: unknown;
  try {
    answer = JSON.parse(trace.stdout);
  } catch {
    return { error: 'the mutation engine printed something that is not JSON' };
  }
  if (typeof answer === 'object' && answer !== null) {
    const a = answer as { mutants?: unknown; error?: unknown };
    if (typeof a.error === 'string') return { error: a.error };
    if (Array.isArray(a.mutants) && a.mutants.every(isMutant)) return { mutants: a.mutants };
  }
  return { error: 'the mutation engine answered in an unknown shape' };
}

function isMutant(m: unknown): m is Mutant {
  if (typeof m !== 'object' || m === null) return false;
  const x = m as Record<string, unknown>;
  return (OPERATORS as readonly unknown[]).includes(x.operator) && typeof x.line === 'number' &&
    typeof x.note === 'string' && typeof x.code === 'string';
}

/** Every mutant of `code` (one change each, in source order), or the engine's reason for none. */
export async function mutantsOf(
  code: string,
  run: RunFn,
  engineSource: string,
  operators?: readonly Operator[],
): Promise<{ mutants: Mutant[] } | { error: string }> {
  return readMutants(await run(mutateRequest(engineSource, code, operators)));
}

/**
 * An order over mutants that a seed fixes: operators take turns (in an order drawn from the seed), each giving
 * its mutants in a drawn order, so the first few mutants are of different kinds rather than five range bounds.
 */
export function seededOrder<T extends { operator: Operator }>(mutants: readonly T[], seed: number): T[] {
  const rng = new Rng(seed);
  const byOperator = new Map<Operator, T[]>();
  for (const m of mutants) {
    const list = byOperator.get(m.operator) ?? [];
    list.push(m);
    byOperator.set(m.operator, list);
  }
  const queues = rng.shuffle([...byOperator.keys()]).map((op) => rng.shuffle([...byOperator.get(op)!]));
  const out: T[] = [];
  while (queues.some((q) => q.length)) {
    for (const q of queues) {
      const next = q.shift();
      if (next) out.push(next);
    }
  }
  return out;
}
