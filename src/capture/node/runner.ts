// The runner for Node commands (trace, exec-eval, dataset, eval): the same Python-side code as the browser
// worker (python-runner.ts + tracer.py), run in a pool of sandboxed child processes.
//
// Why child processes: Pyodide is not a sandbox in Node (os.system ran on the host), and a program stuck inside
// one long C-level operation cannot be interrupted from inside. Each child runs under Node's permission model
// (it may read the Pyodide package and its own bundle, nothing else; no writes, processes, workers or code from
// strings), and the parent kills and replaces a child that overruns its time limit.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { failedTrace, resolveLimits } from '../python-runner.ts';
import type { RunRequest, Trace } from '../trace.ts';
import type { ChildReply, ChildRequest } from './protocol.ts';

export interface NodeRunner {
  run(req: RunRequest): Promise<Trace>;
  /** Runs all requests across the pool; traces come back in request order. */
  runMany(reqs: readonly RunRequest[], onProgress?: (done: number, total: number) => void): Promise<Trace[]>;
  compare(expected: string, actual: string): Promise<boolean>;
  close(): Promise<void>;
}

export interface NodeRunnerOptions {
  /** Child processes (each holds one Pyodide, ~3 s to start, ~100-300 MB). Default 2. */
  processes?: number;
}

const HERE = dirname(fileURLToPath(import.meta.url));
const TRACER_FILE = join(HERE, '..', 'tracer.py');
const CHILD_ENTRY = join(HERE, 'runner-child.ts');
/** Time a child gets past a request's own time limit before it is killed (the tracer stops most runs itself). */
const KILL_GRACE_MS = 2_000;
const COMPARE_TIMEOUT_MS = 10_000;
const MAX_START_FAILURES = 3;
/** Node 20 knows only the experimental name; 22.13+ has the stable one. */
const PERMISSION_FLAG = process.allowedNodeEnvironmentFlags.has('--permission') ? '--permission' : '--experimental-permission';

type Job =
  | { kind: 'run'; req: RunRequest; resolve: (t: Trace) => void; started?: number }
  | { kind: 'compare'; expected: string; actual: string; resolve: (b: boolean) => void };

interface Sent {
  id: number;
  job: Job;
}

interface Slot {
  child?: ChildProcess;
  ready: boolean;
  /** Sent to the child, answered in order; the head is the one running. */
  inflight: Sent[];
  /** Limit timer of the head job. */
  timer?: ReturnType<typeof setTimeout>;
  killedForTime: boolean;
  /** The child said it exits after its last reply (recycle): what it still holds never ran. */
  recycling: boolean;
  stderr: string;
}

/** Jobs sent ahead to each child, so it never waits for the parent between two small programs. */
const PIPELINE = 4;

function pyodideDir(): string {
  return dirname(createRequire(import.meta.url).resolve('pyodide'));
}

let bundlePromise: Promise<string> | undefined;

/** Bundle the child (TypeScript, plus the trace schema) into one .mjs under node_modules/.cache (git-ignored). */
function childBundle(): Promise<string> {
  bundlePromise ??= (async () => {
    const { build } = await import('esbuild');
    const result = await build({
      entryPoints: [CHILD_ENTRY],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      write: false,
      logLevel: 'silent',
    });
    const code = result.outputFiles[0]?.text ?? '';
    let dir = join(HERE, '..', '..', '..', 'node_modules', '.cache', 'dry-run');
    try {
      mkdirSync(dir, { recursive: true });
    } catch {
      dir = mkdtempSync(join(tmpdir(), 'dry-run-')); // a read-only checkout
    }
    const file = join(dir, 'runner-child.mjs');
    // Several processes (parallel test files) may build at once: write aside, then rename atomically.
    const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}`;
    writeFileSync(tmp, code);
    renameSync(tmp, file);
    return file;
  })();
  return bundlePromise;
}

export async function createNodeRunner(opts: NodeRunnerOptions = {}): Promise<NodeRunner> {
  const processes = Math.max(1, Math.floor(opts.processes ?? 2));
  const bundle = await childBundle();
  const pyDir = pyodideDir();
  const tracerSource = readFileSync(TRACER_FILE, 'utf8');
  const queue: Job[] = [];
  const slots: Slot[] = [];
  let closed = false;
  let startFailures = 0;
  let nextId = 1;
  let fatal: string | undefined;

  const spawnChild = (slot: Slot): void => {
    const child = spawn(
      process.execPath,
      [
        PERMISSION_FLAG,
        `--allow-fs-read=${bundle}`,
        `--allow-fs-read=${pyDir}/*`,
        '--disallow-code-generation-from-strings',
        '--no-warnings',
        bundle,
        pyDir,
      ],
      { stdio: ['ignore', 'ignore', 'pipe', 'ipc'], env: {} },
    );
    slot.child = child;
    slot.ready = false;
    slot.stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      slot.stderr = (slot.stderr + chunk.toString()).slice(-2000);
    });
    child.on('message', (raw) => onMessage(slot, child, raw as ChildReply));
    child.on('exit', (code, signal) => onExit(slot, child, code, signal));
    child.on('error', () => {}); // reported through 'exit'
    send(child, { kind: 'init', tracerSource });
  };

  const send = (child: ChildProcess, msg: ChildRequest): void => {
    if (child.connected) child.send(msg);
  };

  const onMessage = (slot: Slot, child: ChildProcess, msg: ChildReply): void => {
    if (slot.child !== child) return;
    if (msg.kind === 'ready') {
      slot.ready = true;
      startFailures = 0;
      pump();
      return;
    }
    if (msg.kind === 'fatal') {
      slot.stderr += msg.message;
      return;
    }
    const head = slot.inflight[0];
    if (!head || msg.id !== head.id) return;
    clearTimeout(slot.timer);
    slot.inflight.shift();
    const job = head.job;
    if (msg.kind === 'trace' && job.kind === 'run') job.resolve(JSON.parse(msg.json) as Trace);
    else if (msg.kind === 'compared' && job.kind === 'compare') job.resolve(msg.equal);
    if (msg.kind === 'trace' && msg.recycle) {
      slot.ready = false; // it exits now; onExit requeues what it had not run and starts a fresh one
      slot.recycling = true;
      return;
    }
    startHeadTimer(slot);
    pump();
  };

  const onExit = (slot: Slot, child: ChildProcess, code: number | null, signal: string | null): void => {
    if (slot.child !== child) return;
    clearTimeout(slot.timer);
    const notRun = slot.recycling ? slot.inflight : slot.inflight.slice(1);
    const head = slot.recycling ? undefined : slot.inflight[0];
    const wasReady = slot.ready || slot.recycling;
    slot.recycling = false;
    slot.child = undefined;
    slot.ready = false;
    slot.inflight = [];
    if (head) settleLost(head.job, slot, code, signal);
    if (closed) {
      for (const sent of notRun) settleFatal(sent.job);
      return;
    }
    queue.unshift(...notRun.map((s) => s.job)); // never started: run them elsewhere
    if (!wasReady && !head) {
      startFailures += 1;
      if (startFailures >= MAX_START_FAILURES) {
        fatal = `the Python runner could not start (exit ${code ?? signal}): ${slot.stderr.trim().slice(-500)}`;
        for (const queued of queue.splice(0)) settleFatal(queued);
        return;
      }
    }
    slot.killedForTime = false;
    spawnChild(slot);
    pump();
  };

  /** The head job is running now: it gets its own time limit plus a grace before the child is killed. */
  const startHeadTimer = (slot: Slot): void => {
    const head = slot.inflight[0];
    const child = slot.child;
    if (!head || !child) return;
    let limit = COMPARE_TIMEOUT_MS;
    if (head.job.kind === 'run') {
      head.job.started = performance.now();
      limit = resolveLimits(head.job.req.limits).timeoutMs + KILL_GRACE_MS;
    }
    slot.timer = setTimeout(() => {
      slot.killedForTime = true;
      child.kill('SIGKILL');
    }, limit);
  };

  const settleLost = (job: Job, slot: Slot, code: number | null, signal: string | null): void => {
    if (job.kind === 'compare') {
      job.resolve(false);
      return;
    }
    const ms = job.started === undefined ? 0 : performance.now() - job.started;
    if (slot.killedForTime) {
      job.resolve(failedTrace(job.req, 'timeout', {
        type: 'Timeout',
        message: 'the program did not stop at its time limit (a long operation inside Python itself); ' +
          'its process was stopped, so no steps were kept',
        line: null,
      }, ms));
    } else {
      job.resolve(failedTrace(job.req, 'crashed', {
        type: 'Crashed',
        message: `the Python process died (exit ${code ?? signal}); it was restarted`,
        line: null,
      }, ms));
    }
  };

  const settleFatal = (job: Job): void => {
    if (job.kind === 'compare') job.resolve(false);
    else {
      const message = fatal ?? 'the runner was closed before this program ran';
      job.resolve(failedTrace(job.req, 'crashed', { type: 'Crashed', message, line: null }));
    }
  };

  const pump = (): void => {
    for (const slot of slots) {
      const child = slot.child;
      if (!slot.ready || !child) continue;
      while (queue.length && slot.inflight.length < PIPELINE) {
        const job = queue.shift()!;
        const id = nextId++;
        slot.inflight.push({ id, job });
        if (job.kind === 'run') send(child, { kind: 'run', id, req: job.req });
        else send(child, { kind: 'compare', id, expected: job.expected, actual: job.actual });
        if (slot.inflight.length === 1) {
          slot.killedForTime = false;
          startHeadTimer(slot);
        }
      }
    }
  };

  const enqueue = (job: Job): void => {
    if (closed || fatal) {
      settleFatal(job);
      return;
    }
    queue.push(job);
    pump();
  };

  for (let i = 0; i < processes; i++) {
    const slot: Slot = { ready: false, inflight: [], killedForTime: false, recycling: false, stderr: '' };
    slots.push(slot);
    spawnChild(slot);
  }

  const run = (req: RunRequest): Promise<Trace> =>
    new Promise((resolve) => enqueue({ kind: 'run', req, resolve }));

  return {
    run,
    async runMany(reqs, onProgress) {
      let done = 0;
      return Promise.all(
        reqs.map((req) =>
          run(req).then((trace) => {
            done += 1;
            onProgress?.(done, reqs.length);
            return trace;
          }),
        ),
      );
    },
    compare(expected, actual) {
      return new Promise((resolve) => enqueue({ kind: 'compare', expected, actual, resolve }));
    },
    async close() {
      closed = true;
      for (const job of queue.splice(0)) settleFatal(job);
      await Promise.all(
        slots.map(
          (slot) =>
            new Promise<void>((resolve) => {
              const child = slot.child;
              if (!child || child.exitCode !== null) return resolve();
              child.once('exit', () => resolve());
              child.kill('SIGKILL');
            }),
        ),
      );
    },
  };
}
