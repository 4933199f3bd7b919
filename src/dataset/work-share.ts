// Does a level test what it says? For each call-mode row, the program is run again with its loops removed and
// with its `if` statements removed (each statement replaced by `pass`; `x if c else y` is left alone, on Python's own AST, in the sandboxed runner): if the
// answer is the same without them, the loop's or branch's work never reached the output, and an answer-only model
// can shortcut it. Pure: the probe program and the tally; `npm run work-share` runs the probes.
import type { RunRequest, Trace } from '../capture/trace.ts';

/** Runs the row's code three ways and prints {"base", "no_loops", "no_branches"} (reprs, or error:Type). */
export const PROBE = `import ast, json, sys
req = json.loads(sys.stdin.read())
def run(code):
    env = {}
    try:
        exec(compile(code, "<variant>", "exec"), env)
        return repr(eval(req["call"], env))
    except Exception as e:
        return "error:" + type(e).__name__
class Strip(ast.NodeTransformer):
    def __init__(self, kinds):
        self.kinds = kinds
    def visit(self, node):
        node = self.generic_visit(node)
        return ast.copy_location(ast.Pass(), node) if isinstance(node, self.kinds) else node
def variant(kinds):
    tree = Strip(kinds).visit(ast.parse(req["code"]))
    return run(ast.unparse(ast.fix_missing_locations(tree)))
print(json.dumps({"base": run(req["code"]), "no_loops": variant((ast.For, ast.While)), "no_branches": variant((ast.If,))}))
`;

export function probeRequest(row: { code: string; input: string }): RunRequest {
  return { code: PROBE, mode: 'program', stdin: JSON.stringify({ code: row.code, call: `f(${row.input})` }),
    limits: { maxSteps: 100_000, timeoutMs: 5000 } };
}

export interface Probe { base: string; no_loops: string; no_branches: string }

export function readProbe(trace: Trace): Probe | null {
  if (trace.status !== 'ok') return null;
  try {
    return JSON.parse(trace.stdout) as Probe;
  } catch {
    return null;
  }
}

export interface WorkShare {
  rows: number;
  /** Rows whose answer changes (or fails) when every loop is removed: the loop's work reaches the output. */
  loopsMatter: number;
  branchesMatter: number;
  /** Either of the two. */
  controlMatters: number;
}

export function tally(probes: { level: number; probe: Probe }[]): Record<string, WorkShare> {
  const out: Record<string, WorkShare> = {};
  for (const { level, probe } of probes) {
    const s = (out[level] ??= { rows: 0, loopsMatter: 0, branchesMatter: 0, controlMatters: 0 });
    const loops = probe.no_loops !== probe.base;
    const branches = probe.no_branches !== probe.base;
    s.rows++;
    s.loopsMatter += loops ? 1 : 0;
    s.branchesMatter += branches ? 1 : 0;
    s.controlMatters += loops || branches ? 1 : 0;
  }
  return out;
}
