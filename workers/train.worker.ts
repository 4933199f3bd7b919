// The train worker: tfjs training and generation off the page's thread, behind comlink. Same trainer,
// checkpoints and evaluation as `npm run train` / `npm run eval`. The run autosaves to IndexedDB from here
// (src/train/browser/checkpoint-store.ts), with the rows it trains on, so a reload resumes exactly
// (weights, Adam moments, step, data order). Answers are scored by a `compare` the page passes in (Python in
// the runner worker): this worker has no Python. On wasm and cpu each step is shared with gradient peers
// (nested workers, workers/peers.ts), one per extra CPU worker asked for, started at a run's first step.
// The worker holds one model at a time (`held`) and at most one run call (`call`, which Pause and Stop end). It
// is told what to train by a run config of its own (src/train/run-config.ts), not by the page's settings.
import * as Comlink from 'comlink';
import { initWebBackend } from '../src/model/backend-web.ts';
import type { GPTConfig, Params } from '../src/model/gpt.ts';
import { Tokenizer } from '../src/tokenise/tokenizer.ts';
import { encodeRows, fitTokenizer, parseRows, type Row } from '../src/train/data.ts';
import { evaluateRows, type Prediction } from '../src/train/evaluate.ts';
import type { Compare } from '../src/evaluate/score.ts';
import { AUTOSAVE_ID, describeStorageError, metaOf, readCheckpoint, writeCheckpoint,
  type CheckpointMeta } from '../src/train/browser/checkpoint-store.ts';
import { evalSample, SHORT_RUN } from '../src/train/eval-sample.ts';
import { StepClock } from '../src/train/step-clock.ts';
import { refusal, simulateInWorker, type Refusal, type SimulateResult } from '../src/simulate/ask.ts';
import { createTrainer, defaultTrainConfig, disposeTrainer, loadParams, readCheckpointConfig, resumeTrainer,
  saveCheckpoint, trainStepParallel, type CheckpointFiles, type StepResult, type Trainer } from '../src/train/trainer.ts';
import { effectiveWorkers, trainOverrides, type RunConfig, type RunOptions } from '../src/train/run-config.ts';
import type { DataCounts, RunInfo, TrainEvent } from '../src/train/run-events.ts';
import { startWebPeers, type WebPeerPool } from './peers.ts';

const LOG_EVERY = 5;
const EVAL_EVERY = 50;
const SAVE_EVERY = 25;

/** The backend that initialised. */
let backendName = '';
/** The rows loaded now, as given and split, and what they are (for people): a save stores them with the run. */
let data: { text: string; label: string; train: Row[]; val: Row[] } = { text: '', label: '', train: [], val: [] };

interface Model {
  params: Params;
  cfg: GPTConfig;
  tok: Tokenizer;
}

/**
 * A model that can go on training (a new run, or a checkpoint with optimizer state): `params` are its trainer's
 * variables, trained in place. `rows` are the rows it trains on, under their key in the checkpoint store (a run
 * saved many times stores them once); `peers` its gradient peers, kept between run calls.
 */
type HeldRun = Model & { kind: 'run'; trainer: Trainer; rows: { id: string; text: string; label: string };
  peers?: { pool: WebPeerPool; wanted: number } };

/**
 * The one model this worker holds: a run, or weights only (a checkpoint without optimizer state, and its
 * progress as recorded). Another model replaces the object, so work that started on one model (an evaluation
 * whose GPU reads yield) knows the model changed when `held` is no longer the object it started with.
 */
type Held = HeldRun | (Model & { kind: 'weights'; info: RunInfo });

let held: Held | undefined;

/** How a run call is asked to end: by Pause or Stop, by another model replacing this one, or by the page's shared flag. */
class RunCall {
  private pauseAsked = false;
  /** Stop, not Pause: the gradient peers are closed once the loop has ended. */
  releasePeers = false;

  constructor(private readonly flag?: Int32Array) {}

  pause(): void {
    this.pauseAsked = true;
  }

  /** Read between steps and between generated tokens; the page's shared flag is seen even mid-evaluation. */
  going(): boolean {
    return !this.pauseAsked && !(this.flag && Atomics.load(this.flag, 0));
  }
}

/** The run call in progress (its loop may have been asked to end and not yet seen it); one at a time. */
let call: RunCall | undefined;
/** Stop for the Explorer's question (`ask`), separate from the run's pause. */
let askStop = false;

function runInfo(s: Trainer, label: string): RunInfo {
  return { step: s.step, steps: s.train.steps, preset: s.train.preset, params: Object.values(s.params)
    .reduce((n, v) => n + v.size, 0), resumable: true, history: s.history, label };
}

/** Holds a run on the rows loaded now. */
function holdRun(trainer: Trainer): HeldRun {
  const h: HeldRun = { kind: 'run', params: trainer.params, cfg: trainer.model, tok: trainer.tok, trainer,
    rows: { id: crypto.randomUUID(), text: data.text, label: data.label } };
  held = h;
  return h;
}

function closePeers(h: HeldRun): void {
  h.peers?.pool.close();
  h.peers = undefined;
}

/** Lets go of the model held (its tensors, its peers), ending a run call in progress: another model is coming. */
function drop(): void {
  call?.pause();
  if (held?.kind === 'run') {
    closePeers(held);
    disposeTrainer(held.trainer);
  } else if (held) for (const v of Object.values(held.params)) v.dispose();
  held = undefined;
}

/** Stores the run (with optimizer state) under `id`; throws if the model changed or the disk is full. */
async function store(h: HeldRun, id: string, name: string, kind: 'autosave' | 'saved'): Promise<CheckpointMeta> {
  if (held !== h) throw new Error('the model was replaced before it could be saved');
  const files = await saveCheckpoint(h.trainer);
  const meta = metaOf(files, { id, name, kind, savedAt: Date.now(), dataId: h.rows.id, dataLabel: h.rows.label });
  await writeCheckpoint(meta, files, h.rows.text);
  return meta;
}

/** An autosave that fails (a full disk) is reported and training goes on; true if it saved. */
async function autosave(h: HeldRun, onEvent: (e: TrainEvent) => void): Promise<boolean> {
  const step = h.trainer.step;
  try {
    await store(h, AUTOSAVE_ID, 'Autosave', 'autosave');
    onEvent({ kind: 'saved', step });
    return true;
  } catch (e) {
    onEvent({ kind: 'save-failed', step, message: `Could not save the run at step ${step}: ${describeStorageError(e)}` });
    return false;
  }
}

/** The run's peers: started at its first step (or after a change of count), else the ones it has. */
async function peersFor(h: HeldRun, workers: number, onEvent: (e: TrainEvent) => void): Promise<WebPeerPool | undefined> {
  const wanted = effectiveWorkers(workers, { cores: navigator.hardwareConcurrency || 1, backend: backendName,
    batch: h.trainer.train.batchSize });
  if (h.peers?.wanted !== wanted) {
    closePeers(h);
    const pool = wanted > 1 ? await startWebPeers(wanted - 1, h.trainer.model, backendName) : undefined;
    if (pool) h.peers = { pool, wanted };
    onEvent({ kind: 'workers', used: 1 + (pool?.peers.length ?? 0), wanted, failures: pool?.failures ?? [] });
  }
  return h.peers?.pool;
}

/** Greedy predictions for `val`, abandoned (empty) if the model changes or, given a run call, when it is paused. */
async function predictRows(val: Row[], compare: Compare, maxNewTokens?: number, during?: RunCall): Promise<Prediction[]> {
  const h = held;
  if (!h || !val.length) return [];
  const live = () => held === h && (!during || during.going());
  const { predictions } = await evaluateRows(h.params, h.cfg, h.tok, val, { batchSize: val.length, maxNewTokens, compare,
    keepGoing: live });
  return live() ? predictions : [];
}

/** Up to `n` of `list`, spread over it (the eval rows are grouped by level: show some of each). */
function spread<T>(list: T[], n: number): T[] {
  const k = Math.min(n, list.length);
  return Array.from({ length: k }, (_, i) => list[Math.floor((i * list.length) / k)]!);
}

/** The training loop of `api.run` (between its set-up and clean-up). */
async function runLoop(h: HeldRun, c: RunCall, onEvent: (e: TrainEvent) => void, compare: Compare,
  opts: RunOptions): Promise<RunInfo> {
  const s = h.trainer;
  const maxSteps = opts.maxSteps ?? Infinity;
  onEvent({ kind: 'state', state: 'running', step: s.step, steps: s.train.steps });
  const peers = await peersFor(h, opts.workers, onEvent);
  const short = s.train.steps <= SHORT_RUN;
  const evaluation = evalSample(data.val, s.train.steps);
  const clock = new StepClock();
  let lossSum = 0;
  let n = 0;
  let tokens = 0;
  let t0 = performance.now();
  let done = 0;
  while (c.going() && s.step < s.train.steps && done < maxSteps) {
    let r: StepResult;
    try {
      r = await trainStepParallel(s, peers?.peers ?? []);
    } catch (e) {
      if (!peers?.peers.length) throw e;
      // trainStepParallel left the trainer as before the step: the run saved here resumes exactly.
      closePeers(h);
      const saved = await autosave(h, onEvent);
      throw new Error(`${e instanceof Error ? e.message : String(e)}. Training stopped at step ${s.step}${saved
        ? `; the run is saved there: “Resume saved run (step ${s.step})” continues it exactly`
        : '; the last autosave can be resumed with “Resume saved run”'} (set CPU workers to 1 if this happens again).`,
      { cause: e });
    }
    // A sync point (on webgpu, a GPU read): the loss is needed for the chart anyway.
    lossSum += (await r.loss.data())[0]!;
    r.loss.dispose();
    n++;
    done++;
    tokens += r.tokens;
    // Short runs (a demo, a test) log every step so their curve has points.
    if (s.step % (short ? 1 : LOG_EVERY) === 0 || s.step === s.train.steps || done === maxSteps) {
      const dt = performance.now() - t0;
      const loss = lossSum / n;
      s.history.push({ step: s.step, loss, lr: r.lr, tokens: s.tokensSeen, elapsedMs: s.elapsedMs });
      onEvent({ kind: 'log', step: s.step, steps: s.train.steps, loss, lr: r.lr, tokensPerS: (tokens / dt) * 1000,
        elapsedMs: s.elapsedMs, remainingMs: clock.remainingMs(s.train.steps - s.step),
        workers: 1 + (peers?.peers.length ?? 0), peerShards: peers?.shardsDone() ?? 0 });
      lossSum = 0;
      n = 0;
      tokens = 0;
      t0 = performance.now();
    }
    if (s.step % EVAL_EVERY === 0 || s.step === s.train.steps) {
      const preds = await predictRows(evaluation.rows, compare, evaluation.maxNewTokens, c);
      if (preds.length) {
        const accuracy = preds.filter((p) => p.score.correct).length / preds.length;
        s.history.push({ step: s.step, loss: NaN, lr: 0, tokens: s.tokensSeen, elapsedMs: s.elapsedMs, valAccuracy: accuracy });
        onEvent({ kind: 'eval', step: s.step, accuracy, rows: preds.length, predictions: spread(preds, 6) });
      }
    }
    if (s.step % SAVE_EVERY === 0 || s.step === s.train.steps) await autosave(h, onEvent);
    // The clock times whole steps, evaluations and saves included, from the end of the session's first.
    clock.stepEnded(performance.now());
    // Let pause/stop messages in between steps.
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  onEvent({ kind: 'state', state: 'stopping', step: s.step, steps: s.train.steps });
  await autosave(h, onEvent);
  if (c.releasePeers) closePeers(h);
  onEvent({ kind: 'state', state: s.step >= s.train.steps ? 'done' : 'paused', step: s.step, steps: s.train.steps });
  return runInfo(s, 'run');
}

const api = {
  /** Also switches backend: the current model is dropped first (the panel reloads it on the new backend). */
  async init(backend: string): Promise<{ backend: string; skipped: { backend: string; reason: string }[] }> {
    drop();
    const chosen = await initWebBackend(backend);
    backendName = chosen.backend;
    return chosen;
  },

  /** Rows for training (split `train`) and for predictions (split `validation`, else `test`); `label` says what they are. */
  setData(jsonl: string, label: string): DataCounts {
    const parsed = parseRows(jsonl);
    const val = parsed.rows.filter((r) => r.split === 'validation');
    data = { text: jsonl, label, train: parsed.rows.filter((r) => r.split === 'train'),
      val: val.length ? val : parsed.rows.filter((r) => r.split === 'test') };
    return { train: data.train.length, val: data.val.length, skipped: parsed.skipped };
  },

  /** A checkpoint to show predictions from (the shipped model, or an imported one); resumable if it has moments. */
  loadCheckpoint(files: CheckpointFiles, label: string): RunInfo {
    drop();
    const c = readCheckpointConfig(files['config.json']);
    const tok = Tokenizer.fromJSON(JSON.parse(files['tokenizer.json']));
    const results = c.results ? { results: c.results } : {};
    if (files['optimizer.safetensors'] && data.train.length) {
      const trainer = resumeTrainer(files, encodeRows(tok, data.train, c.train.blockSize).examples);
      holdRun(trainer);
      return { ...runInfo(trainer, label), ...results };
    }
    const info: RunInfo = { step: c.step, steps: c.train.steps, preset: c.train.preset, params: c.params, resumable: false,
      history: c.history ?? [], label, ...results };
    held = { kind: 'weights', params: loadParams(c.model, files['model.safetensors']), cfg: c.model, tok, info };
    return info;
  },

  /** A new run on the rows loaded now. */
  newRun(config: RunConfig): RunInfo {
    drop();
    if (!data.train.length) throw new Error('No training rows: load a dataset with rows of split "train" first.');
    const tok = fitTokenizer(data.train);
    const train = defaultTrainConfig(trainOverrides(config));
    const { examples } = encodeRows(tok, data.train, train.blockSize);
    return runInfo(holdRun(createTrainer(train, tok, examples)).trainer, 'new run');
  },

  /**
   * Runs until paused, stopped or done. `compare` scores the answers. A gradient peer that fails mid-run ends
   * the run with an error, after saving it at the last whole step (the failed step changed no weights).
   */
  async run(onEvent: (e: TrainEvent) => void, compare: Compare, opts: RunOptions): Promise<RunInfo> {
    const h = held;
    if (h?.kind !== 'run') throw new Error('No run: start a new run or resume a saved one.');
    if (call) throw new Error('A run is already going.');
    const mine = new RunCall(opts.stopFlag);
    call = mine;
    try {
      return await runLoop(h, mine, onEvent, compare, opts);
    } finally {
      call = undefined;
    }
  },

  pause(): void {
    call?.pause();
  },

  /** Pause, and close the gradient peers once the run has ended (they start again at the next run). */
  stop(): void {
    if (call) {
      call.pause();
      call.releasePeers = true;
    } else if (held?.kind === 'run') closePeers(held);
  },

  /** Greedy predictions on the first n validation rows, answers scored by `compare` (the page's Python). */
  predict(n: number, compare: Compare): Promise<Prediction[]> {
    return predictRows(data.val.slice(0, n), compare);
  },

  /** The model the Explorer may ask (the current run or a loaded checkpoint), or null. */
  askable(): { label: string; preset: string; step: number } | null {
    if (!held) return null;
    return held.kind === 'run' ? { label: 'run', preset: held.trainer.train.preset, step: held.trainer.step }
      : { label: held.info.label, preset: held.info.preset, step: held.info.step };
  },

  /** The Explorer's "Ask the model" on this panel's model (not while it trains: the weights change under it). */
  checkProgram(code: string, stdin: string): Refusal | null {
    if (!held) throw new Error('the Train panel has no model loaded');
    return refusal(code, stdin, held.tok, held.cfg);
  },

  async ask(code: string, stdin: string, opts: { samples: number; temperature: number; seed: number },
    onUpdate: (texts: string[], tokens: number) => void): Promise<SimulateResult> {
    const m = held;
    if (!m) throw new Error('the Train panel has no model loaded');
    if (call) throw new Error('the Train panel is training this model: pause it first');
    askStop = false;
    return simulateInWorker(m.params, m.cfg, m.tok, code, stdin, opts, onUpdate, () => askStop);
  },

  stopAsking(): void {
    askStop = true;
  },

  /** Saves the current run under a name (not while it is running: a save reads the weights between steps). */
  async saveAs(name: string): Promise<CheckpointMeta> {
    if (call) throw new Error('Pause the run first.');
    if (held?.kind !== 'run') throw new Error('No run to save: start a new run or load a resumable checkpoint first.');
    return store(held, crypto.randomUUID(), name, 'saved');
  },

  /**
   * Loads a checkpoint kept in this browser. Its training rows are restored when it has them, so a resumable
   * one continues exactly; `data` then describes them (the panel shows it).
   */
  async loadStored(id: string): Promise<{ info: RunInfo; data: (DataCounts & { label: string }) | null }> {
    const saved = await readCheckpoint(id);
    if (!saved) throw new Error('that checkpoint is no longer stored in this browser');
    const restored = saved.data !== null ? { ...api.setData(saved.data, saved.meta.dataLabel), label: saved.meta.dataLabel } : null;
    const info = api.loadCheckpoint(saved.files, saved.meta.name);
    // The rows keep the key they are stored under: saving the run again does not store them twice.
    if (held?.kind === 'run' && restored && saved.meta.dataId) held.rows = { id: saved.meta.dataId, text: saved.data!, label: saved.meta.dataLabel };
    return { info, data: restored };
  },
};

export type TrainApi = typeof api;
Comlink.expose(api);
