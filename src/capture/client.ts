// The page's bridge to the runner worker (workers/runner.worker.ts). It starts the worker lazily, runs one
// program at a time, and always answers with a trace: for a program that ends, fails, overruns, is stopped by
// the user, or kills its worker. Stopping goes from gentle to final: the interrupt buffer (a KeyboardInterrupt,
// when the page is cross-origin isolated), then worker.terminate() and a fresh worker. Calls always go through
// the current worker's proxy: calls on a terminated worker's proxy would never settle.
import * as Comlink from 'comlink';
import type { RunnerApi, RunnerReply } from './runner-api.ts';
import { failedTrace, resolveLimits } from './python-runner.ts';
import type { RunRequest, Trace } from './trace.ts';

export interface RunnerStatus {
  state: 'idle' | 'loading' | 'ready' | 'busy' | 'restarting';
  message?: string;
  /** 0..1 while loading. */
  progress?: number;
}

export interface RunnerClientOptions {
  /** How to start the worker (tests may pass their own). */
  createWorker?: () => Worker;
  /** After Stop, how long the interrupt gets before the worker is terminated (ms). */
  interruptGraceMs?: number;
  /** Time past a run's own time limit before the worker is presumed stuck and terminated (ms). */
  hardTimeoutGraceMs?: number;
}

interface Live {
  worker: Worker;
  api: Comlink.Remote<RunnerApi>;
  ready: Promise<void>;
  /** Rejects when this worker is terminated or dies: every pending call races it. */
  dead: Promise<never>;
  kill: (reason: string) => void;
}

const COMPARE_TIMEOUT_MS = 10_000;

const defaultWorker = (): Worker =>
  new Worker(new URL('../../workers/runner.worker.ts', import.meta.url), { type: 'module', name: 'python-runner' });

export class RunnerClient {
  private live?: Live;
  private status: RunnerStatus = { state: 'idle' };
  private readonly listeners = new Set<(s: RunnerStatus) => void>();
  private readonly interrupt?: Uint8Array;
  private tail: Promise<unknown> = Promise.resolve();
  private current?: { stop: () => void };
  private readonly opts: Required<RunnerClientOptions>;

  constructor(opts: RunnerClientOptions = {}) {
    this.opts = {
      createWorker: opts.createWorker ?? defaultWorker,
      interruptGraceMs: opts.interruptGraceMs ?? 2_000,
      hardTimeoutGraceMs: opts.hardTimeoutGraceMs ?? 3_000,
    };
    // SharedArrayBuffer exists only when the page is cross-origin isolated (COOP/COEP headers).
    if (typeof SharedArrayBuffer !== 'undefined' && globalThis.crossOriginIsolated) {
      this.interrupt = new Uint8Array(new SharedArrayBuffer(1));
    }
    // End-to-end tests drive the real page's client directly, independent of the UI's markup.
    if (typeof location !== 'undefined' && new URLSearchParams(location.search).has('e2e')) {
      (globalThis as { __dryrun?: RunnerClient }).__dryrun = this;
    }
  }

  onStatus(cb: (s: RunnerStatus) => void): () => void {
    this.listeners.add(cb);
    cb(this.status);
    return () => this.listeners.delete(cb);
  }

  /** Start the worker and load Python now rather than at the first run. */
  async warmUp(): Promise<void> {
    const live = this.start();
    await Promise.race([live.ready, live.dead]).catch(() => {});
  }

  /** Whether Stop can interrupt Python gently (otherwise it terminates the worker). */
  get canInterrupt(): boolean {
    return this.interrupt !== undefined;
  }

  run(req: RunRequest, opts: { signal?: AbortSignal } = {}): Promise<Trace> {
    const job = this.tail.then(() => this.runNow(req, opts.signal));
    this.tail = job.catch(() => {});
    return job;
  }

  /** Stop the run in progress (it resolves with status `interrupted`). */
  stop(): void {
    this.current?.stop();
  }

  async compare(expected: string, actual: string): Promise<boolean> {
    const job = this.tail.then(async () => {
      const live = this.start();
      let timer: ReturnType<typeof setTimeout> | undefined;
      try {
        await Promise.race([live.ready, live.dead]);
        // A pathological literal could keep Python busy: the same last resort as for runs.
        timer = setTimeout(() => this.restart('Restarting Python: a comparison did not finish…'), COMPARE_TIMEOUT_MS);
        return await Promise.race([live.api.compare(expected, actual), live.dead]);
      } catch {
        return false;
      } finally {
        clearTimeout(timer);
      }
    });
    this.tail = job.catch(() => {});
    return job;
  }

  /** Terminate the worker for good (a later call starts a fresh one). */
  dispose(): void {
    this.live?.kill('disposed');
    this.live = undefined;
    this.setStatus({ state: 'idle' });
  }

  private setStatus(s: RunnerStatus): void {
    this.status = s;
    for (const cb of this.listeners) cb(s);
  }

  /** The current worker, started if there is none; `restarting` keeps that state (and its reason) while loading. */
  private start(restarting?: string): Live {
    if (this.live) return this.live;
    const loadingState = restarting ? 'restarting' : 'loading';
    const worker = this.opts.createWorker();
    const api = Comlink.wrap<RunnerApi>(worker);
    let kill!: (reason: string) => void;
    let killed = false;
    const dead = new Promise<never>((_, reject) => {
      kill = (reason: string) => {
        if (killed) return;
        killed = true;
        worker.terminate();
        api[Comlink.releaseProxy]();
        reject(new Error(reason));
      };
    });
    dead.catch(() => {});
    worker.addEventListener('error', (e) => {
      if (this.live?.worker === worker) {
        this.live = undefined;
        this.setStatus({ state: 'idle', message: `Python failed to start: ${e.message || 'worker error'}` });
      }
      kill(e.message || 'worker error');
    });
    this.setStatus({ state: loadingState, message: restarting ?? 'Starting Python…', progress: 0 });
    const progress = Comlink.proxy((message: string, fraction: number) => {
      if (this.live?.worker === worker && this.status.state === loadingState) {
        this.setStatus({ state: loadingState, message: restarting ?? message, progress: fraction });
      }
    });
    const ready = api.init(this.interrupt, progress).then(() => {
      if (this.live?.worker === worker) this.setStatus({ state: 'ready' });
    });
    ready.catch((err: unknown) => {
      if (this.live?.worker !== worker) return;
      this.live = undefined;
      kill('load failed');
      this.setStatus({ state: 'idle', message: `Python failed to load: ${String(err)}` });
    });
    this.live = { worker, api, ready, dead, kill };
    return this.live;
  }

  /** Replace a stuck or broken worker; the fresh one starts loading at once so the next run is quick. */
  private restart(reason: string): void {
    this.live?.kill(reason);
    this.live = undefined;
    this.start(reason);
  }

  private async runNow(req: RunRequest, signal?: AbortSignal): Promise<Trace> {
    const started = performance.now();
    const elapsed = () => performance.now() - started;
    if (signal?.aborted) return failedTrace(req, 'interrupted', stoppedError(), 0);
    const live = this.start();
    try {
      await Promise.race([live.ready, live.dead]);
    } catch (err) {
      return failedTrace(req, 'crashed', { type: 'Crashed', message: `Python could not start: ${String(err)}`, line: null });
    }
    if (this.interrupt) this.interrupt[0] = 0;
    this.setStatus({ state: 'busy' });
    const limits = resolveLimits(req.limits);
    let outcome: 'stopped' | 'stuck' | undefined;
    let graceTimer: ReturnType<typeof setTimeout> | undefined;
    const stop = () => {
      if (outcome) return;
      outcome = 'stopped';
      if (this.interrupt) {
        this.interrupt[0] = 2; // SIGINT: Python raises KeyboardInterrupt at its next check
        graceTimer = setTimeout(() => live.kill('stopped'), this.opts.interruptGraceMs);
      } else {
        live.kill('stopped');
      }
    };
    this.current = { stop };
    signal?.addEventListener('abort', stop);
    const hardTimer = setTimeout(() => {
      outcome ??= 'stuck';
      live.kill('stuck');
    }, limits.timeoutMs + this.opts.hardTimeoutGraceMs);
    try {
      const reply: RunnerReply = await Promise.race([live.api.run(req), live.dead]);
      if (reply.recycle) this.restart('Restarting Python (the last program crashed it, changed it, or made it very large)…');
      else this.setStatus({ state: 'ready' });
      // A program may catch KeyboardInterrupt; the run still counts as stopped by the user.
      if (outcome === 'stopped' && reply.trace.status === 'ok') reply.trace.status = 'interrupted';
      return reply.trace;
    } catch {
      if (outcome === 'stopped') {
        this.restart('Restarting Python after Stop…');
        return failedTrace(req, 'interrupted', stoppedError(), elapsed());
      }
      if (outcome === 'stuck') {
        this.restart('Restarting Python: the program did not stop at its time limit…');
        return failedTrace(req, 'timeout', {
          type: 'Timeout',
          message: 'the program did not stop at its time limit (one long operation inside Python); ' +
            'Python was restarted, so no steps were kept',
          line: null,
        }, elapsed());
      }
      this.restart('Restarting Python after it crashed…');
      return failedTrace(req, 'crashed', {
        type: 'Crashed',
        message: 'the Python worker died during the run (out of memory?); it was restarted',
        line: null,
      }, elapsed());
    } finally {
      clearTimeout(hardTimer);
      clearTimeout(graceTimer);
      signal?.removeEventListener('abort', stop);
      this.current = undefined;
    }
  }
}

function stoppedError() {
  return { type: 'Interrupted', message: 'stopped by the user', line: null };
}
