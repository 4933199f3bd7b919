// The Pyodide side of the runner, shared by the browser worker and the Node child process: loads the tracer
// (src/capture/tracer.py) into a loaded Pyodide and runs requests through it synchronously.
// Requests and traces cross the Python/JS boundary as JSON strings: one conversion, no PyProxy to leak.
import type { PyodideAPI } from 'pyodide';
import { DEFAULT_LIMITS, TRACE_VERSION } from './trace.ts';
import type { Limits, RunRequest, Trace, TraceError, TraceStatus } from './trace.ts';

export interface PythonRunner {
  /** Run one program or call; always returns a trace (a dead interpreter gives status `crashed`). */
  run(req: RunRequest): Trace;
  /** The same trace as JSON text, for hosts that forward it without looking (the Node child). */
  runToJson(req: RunRequest): string;
  /** CRUXEval-style value equality of two Python literals (floats within 1e-5); false if either does not parse. */
  compare(expected: string, actual: string): boolean;
  /** False once the interpreter failed at the JS level: the host must load a fresh Pyodide. */
  readonly healthy: boolean;
  /** Size of the wasm heap. It grows to a program's peak and never shrinks: hosts recycle past a bound. */
  heapBytes(): number;
}

/** Globals handed to Pyodide as the `js` module: user code that does `import js` finds nothing to use. */
export function minimalJsGlobals(): object {
  return Object.create(null) as object;
}

export function resolveLimits(limits?: Partial<Limits>): Limits {
  const maxSteps = limits?.maxSteps ?? DEFAULT_LIMITS.maxSteps;
  const timeoutMs = limits?.timeoutMs ?? DEFAULT_LIMITS.timeoutMs;
  return {
    maxSteps: Number.isInteger(maxSteps) && maxSteps > 0 ? maxSteps : DEFAULT_LIMITS.maxSteps,
    timeoutMs: Number.isInteger(timeoutMs) && timeoutMs > 0 ? timeoutMs : DEFAULT_LIMITS.timeoutMs,
  };
}

/** A trace for a run that produced none (the interpreter died, the worker was killed, a time-out outside Python). */
export function failedTrace(req: RunRequest, status: TraceStatus, error: TraceError, durationMs = 0): Trace {
  const trace: Trace = {
    version: TRACE_VERSION,
    mode: req.mode,
    code: req.code,
    limits: resolveLimits(req.limits),
    status,
    error,
    steps: [],
    stdout: '',
    stdoutTruncated: false,
    durationMs,
  };
  if (req.mode === 'call') trace.call = req.call ?? '';
  else trace.stdin = req.stdin ?? '';
  return trace;
}

type PyCallable = ((arg: string) => unknown) & { destroy?: () => void };

export function createPythonRunner(pyodide: PyodideAPI, tracerSource: string): PythonRunner {
  // Nothing reaches the process's real stdin/stdout: the tracer swaps in its own sys.stdin/stdout per run,
  // and anything written below Python's sys level (os.write(1, ...)) is dropped.
  pyodide.setStdin({ stdin: () => null });
  pyodide.setStdout({ batched: () => {} });
  pyodide.setStderr({ batched: () => {} });

  // The tracer lives in its own namespace (not in sys.modules, not in the user's globals).
  const namespace = pyodide.globals.get('dict')() as { set(k: string, v: unknown): void; get(k: string): unknown };
  namespace.set('__name__', 'dryrun_tracer');
  namespace.set('__tracer_source__', tracerSource);
  pyodide.runPython("exec(compile(__tracer_source__, '<dryrun_tracer>', 'exec'), globals())", {
    globals: namespace as never,
  });
  const runJson = namespace.get('run_json') as PyCallable;
  const compareJson = namespace.get('compare_json') as PyCallable;
  // One clean run and comparison first, so that what they load lazily belongs to the recorded state; then the
  // integrity check is made. Only this closure holds it: a program cannot find it by name.
  runJson(JSON.stringify({ code: 'x = [1]\nprint(x)\n', mode: 'program', stdin: '', call: '', limits: resolveLimits() }));
  compareJson(JSON.stringify(['[1.0]', '[1]']));
  const checkRuntime = (namespace.get('make_guard') as () => PyCallable)() as unknown as () => string;
  let healthy = true;

  const runToJson = (req: RunRequest): string => {
    const request = {
      code: req.code,
      mode: req.mode,
      stdin: req.stdin ?? '',
      call: req.call ?? '',
      limits: resolveLimits(req.limits),
      ...(req.work ? { work: req.work } : {}),
      ...(req.outputOnly ? { outputOnly: true } : {}),
    };
    const started = performance.now();
    try {
      const json = runJson(JSON.stringify(request)) as string;
      return withIntegrity(json, req, request);
    } catch (err) {
      // Python-level outcomes all come back as traces; only a broken interpreter throws here
      // (the wasm heap exhausted, a stack overflow in the runtime, os._exit reaching Emscripten).
      healthy = false;
      const crash = { type: 'Crashed', message: describeCrash(err), line: null };
      return JSON.stringify(failedTrace(req, 'crashed', crash, performance.now() - started));
    }
  };

  /**
   * A program that changed the runtime (module attributes, sys.modules, the tracer itself) gets its trace back
   * marked with what changed, and the host replaces the interpreter: the next program starts clean. The fields
   * that echo the request are rewritten from the request, whatever the program did to the trace text.
   */
  const withIntegrity = (json: string, req: RunRequest, request: { limits: Limits }): string => {
    let changed: string;
    try {
      changed = checkRuntime();
    } catch (err) {
      changed = `the integrity check itself failed (${describeCrash(err)})`;
    }
    if (!changed) return json;
    healthy = false;
    let trace: Trace;
    try {
      trace = JSON.parse(json) as Trace;
    } catch {
      trace = failedTrace(req, 'crashed', { type: 'Crashed', message: 'the trace came back unreadable', line: null });
    }
    trace.code = req.code;
    trace.mode = req.mode;
    trace.limits = request.limits;
    if (req.mode === 'call') trace.call = req.call ?? '';
    else trace.stdin = req.stdin ?? '';
    trace.runtimeChanged = changed.split('\n');
    return JSON.stringify(trace);
  };

  return {
    get healthy() {
      return healthy;
    },
    heapBytes(): number {
      const mod = (pyodide as unknown as { _module?: { HEAP8?: { length: number } } })._module;
      return mod?.HEAP8?.length ?? 0;
    },
    run: (req: RunRequest): Trace => JSON.parse(runToJson(req)) as Trace,
    runToJson,
    compare(expected: string, actual: string): boolean {
      if (!healthy) return false;
      try {
        return compareJson(JSON.stringify([expected, actual])) === true;
      } catch {
        return false;
      }
    },
  };
}

function describeCrash(err: unknown): string {
  const text = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  const first = text.split('\n').find((l) => l.trim()) ?? 'unknown failure';
  return `the Python runtime failed (${first.slice(0, 300)}); it is being restarted`;
}
