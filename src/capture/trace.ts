// The trace: what really happened when a Python program ran, step by step.
// Everything after capture (explorer, verbaliser, datasets, evaluation) builds on this one type.
// Documented in docs/trace-schema.md; bump TRACE_VERSION on any incompatible change.
import { z } from 'zod';

export const TRACE_VERSION = 1;

/** A line's expression worked out by Python (Step.work). */
const WorkSchema = z.object({
  target: z.string(),
  chain: z.array(z.string()).min(2),
  /** The first form with each name's value written after it (`diff=1 + z=18 * 2`): only when the request asked for
   * `work: 'bound'`, and omitted where the form has no names (or is not ASCII). */
  bound: z.string().optional(),
});
export type Work = z.infer<typeof WorkSchema>;

/** One event seen by the tracer, in the frame of user code where it happened. */
export const StepSchema = z.object({
  /** call: a user function was entered; line: a line is about to run; return: a frame returns; exception: an exception passes through a frame. */
  event: z.enum(['call', 'line', 'return', 'exception']),
  /** 1-based line in the user's code. */
  line: z.number().int(),
  /** The function's qualified name (`Point.move`), `<module>` at top level. */
  func: z.string(),
  /** Depth of the frame among recorded frames: 0 = outermost. */
  depth: z.number().int().nonnegative(),
  /**
   * Locals of this frame that are new or differ (by repr) from what this frame showed at its previous step:
   * the effect of the line that ran just before, in this frame. Values are bounded, safe reprs.
   */
  changed: z.record(z.string(), z.string()),
  /** Locals that disappeared since this frame's previous step (`del x`). Omitted when none. */
  removed: z.array(z.string()).optional(),
  /** Text written to stdout since the previous step. Omitted when none. */
  stdout: z.string().optional(),
  /** return: repr of the returned value; exception: `Type: message`. */
  value: z.string().optional(),
  /**
   * line steps of a run asked for `work`: the line about to run, an assignment to `target` (or `<return>`, or the
   * test of an `<if>`, `<elif>` or `<while>`), worked out by Python before it ran: as written, with values, then one
   * operation at a time; the last form is the value. A tuple assignment (`a, b = b, a + b`) gives one per name.
   * Only side-effect-free expressions over plain values get one (docs/trace-schema.md).
   */
  work: z.union([WorkSchema, z.array(WorkSchema).min(1)]).optional(),
});
export type Step = z.infer<typeof StepSchema>;

export const TraceStatusSchema = z.enum(['ok', 'error', 'step_limit', 'timeout', 'interrupted', 'crashed']);
export type TraceStatus = z.infer<typeof TraceStatusSchema>;

export const TraceErrorSchema = z.object({
  /** Python exception type (`ZeroDivisionError`), or `SyntaxError`, or a runner-level kind for crashes. */
  type: z.string(),
  message: z.string(),
  /** 1-based line in user code where it was raised, when known. */
  line: z.number().int().nullable(),
});
export type TraceError = z.infer<typeof TraceErrorSchema>;

export const LimitsSchema = z.object({
  /** Maximum number of recorded steps; past it the run stops with status `step_limit`. */
  maxSteps: z.number().int().positive(),
  /** Wall-clock budget for the run in milliseconds; past it the run stops with status `timeout`. */
  timeoutMs: z.number().int().positive(),
});
export type Limits = z.infer<typeof LimitsSchema>;

export const DEFAULT_LIMITS: Limits = { maxSteps: 10_000, timeoutMs: 10_000 };

export const TraceSchema = z.object({
  version: z.literal(TRACE_VERSION),
  /** program: the code runs as a script fed with stdin; call: the code defines functions, then `call` is evaluated. */
  mode: z.enum(['program', 'call']),
  code: z.string(),
  /** program mode: the stdin given. */
  stdin: z.string().optional(),
  /** call mode: the call expression, e.g. `f(1, [2, 3])`. Only steps inside this call are recorded. */
  call: z.string().optional(),
  limits: LimitsSchema,
  status: TraceStatusSchema,
  /** Present when status is `error` (uncaught exception, syntax error) and, with a reason, for the other non-ok statuses. */
  error: TraceErrorSchema.optional(),
  steps: z.array(StepSchema),
  /** Everything the program wrote to stdout (bounded; see stdoutTruncated). */
  stdout: z.string(),
  stdoutTruncated: z.boolean(),
  /** call mode with status ok: repr of the call's value (the real output). */
  result: z.string().optional(),
  /** Wall-clock duration of the run in milliseconds. */
  durationMs: z.number().nonnegative(),
  /**
   * Present only when the program changed the Python runtime itself (a module's attribute such as `json.dumps`,
   * an entry of `sys.modules`, the tracer): what changed. The runner replaced its interpreter after this run, so
   * later runs are unaffected; this trace may show what the program made of the tracer's state.
   */
  runtimeChanged: z.array(z.string()).optional(),
});
export type Trace = z.infer<typeof TraceSchema>;

/** What to run. Exactly one of `stdin` (program mode) or `call` (call mode) is meaningful, chosen by `mode`. */
export interface RunRequest {
  code: string;
  mode: 'program' | 'call';
  stdin?: string;
  call?: string;
  limits?: Partial<Limits>;
  /** Also record each simple line's expression worked out (Step.work): for the `detailed` stories. `'bound'` also
   * records each first form with the values beside the names (Work.bound, for `bound` stories; ~8 % more tracing
   * time, so a dataset build asks for it only for those). */
  work?: boolean | 'bound';
  /**
   * Record no steps and apply no step limit, only the time limit: for where only the result matters (exec-eval,
   * running candidates against tests). The trace comes back with `steps: []`, the stdout and the result.
   */
  outputOnly?: boolean;
}
