// The train worker: tfjs training and generation off the page's thread, behind comlink. Same trainer,
// checkpoints and evaluation as `npm run train` / `npm run eval`. The run autosaves to IndexedDB from here
// (src/train/browser/checkpoint-store.ts), with the rows it trains on, so a reload resumes exactly
// (weights, Adam moments, step, data order). Answers are scored by a `compare` the page passes in (Python in
// the runner worker): this worker has no Python. On wasm and cpu each step is shared with gradient peers
// (nested workers, workers/peers.ts), one per extra CPU worker asked for, started at a run's first step.
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
  saveCheckpoint, trainStepParallel, type CheckpointFiles, type LogEntry, type StepResult,
  type MeasuredResults, type Trainer } from '../src/train/trainer.ts';
import { effectiveWorkers, type TrainState } from '../src/experiment/slices/train.ts';
import { startWebPeers, type WebPeerPool } from './peers.ts';

export type TrainEvent =
  | { kind: 'log'; step: number; steps: number; loss: number; lr: number; tokensPerS: number; elapsedMs: number;
    /** From this session's last steps' wall time; null until enough steps were timed. */
    remainingMs: number | null;
    /** CPU workers that shared the step (this one and its peers), and shards the peers computed so far. */
    workers: number; peerShards: number }
  /** `rows`: validation rows the accuracy was measured on. */
  | { kind: 'eval'; step: number; accuracy: number; rows: number; predictions: Prediction[] }
  /** `stopping`: the loop has ended (a pause or stop was seen) and the run is being saved. */
  | { kind: 'state'; state: 'running' | 'stopping' | 'paused' | 'done'; step: number; steps: number }
  /** The CPU workers a run uses: `used` of `wanted` started; `failures` says why the others did not. */
  | { kind: 'workers'; used: number; wanted: number; failures: string[] }
  | { kind: 'saved'; step: number }
  | { kind: 'save-failed'; step: number; message: string };

export interface DataCounts {
  train: number;
  val: number;
  skipped: number;
}

export interface RunInfo {
  step: number;
  steps: number;
  preset: string;
  params: number;
  /** Training can continue from here (optimizer state present). */
  resumable: boolean;
  history: LogEntry[];
  label: string;
  /** Measured accuracy per level, kept with a shipped model (CheckpointConfig.results). */
  results?: MeasuredResults;
}

const BLOCK = 256;
const LOG_EVERY = 5;
const EVAL_EVERY = 50;
const SAVE_EVERY = 25;

export interface RunOptions {
  /** 1 for the Step button. */
  maxSteps?: number;
  /** CPU workers to share each step (capped at the device's cores by the page); ignored on webgpu. */
  workers?: number;
  /**
   * Set to non-zero by the page to pause: read between steps and between generated tokens, where a pause
   * message could not be read (wasm computes without yielding). Needs cross-origin isolation; optional.
   */
  stopFlag?: Int32Array;
}

let rows: { train: Row[]; val: Row[] } = { train: [], val: [] };
/** The backend that initialised. */
let backendName = '';
/** The loaded rows as given, and what they are (for people): a save stores them with the run. */
let data = { text: '', label: '' };
let trainer: Trainer | undefined;
/** Gradient peers for the current trainer, kept between runs, closed when the model goes or on Stop. */
let pool: { peers: WebPeerPool; wanted: number } | undefined;
/** Stop (not Pause): the peers are closed once the run has ended. */
let closeWhenStopped = false;
/** The rows the current trainer trains on, under their key in the checkpoint store. */
let runData: { id: string; text: string; label: string } | undefined;
/** A loaded model without training state (the shipped checkpoint). */
let model: { params: Params; cfg: GPTConfig; tok: Tokenizer; info: RunInfo } | undefined;
let running = false;
/** Stop for the Explorer's question (`ask`), separate from the run's pause. */
let askStop = false;
/** A run's loop is going (it may have been asked to pause and not yet seen it). */
let looping = false;
let stopFlag: Int32Array | undefined;
const keepRunning = (): boolean => running && !(stopFlag && Atomics.load(stopFlag, 0));
/** Bumped whenever the model changes, so an evaluation in flight (webgpu reads yield) abandons itself. */
let epoch = 0;

function info(s: Trainer, label: string): RunInfo {
  return { step: s.step, steps: s.train.steps, preset: s.train.preset, params: Object.values(s.params)
    .reduce((n, v) => n + v.size, 0), resumable: true, history: s.history, label };
}

function current(): { params: Params; cfg: GPTConfig; tok: Tokenizer } | undefined {
  return trainer ? { params: trainer.params, cfg: trainer.model, tok: trainer.tok } : model;
}

function closePeers(): void {
  pool?.peers.close();
  pool = undefined;
}

function dropModel(): void {
  epoch++;
  closePeers();
  if (trainer) disposeTrainer(trainer);
  trainer = undefined;
  runData = undefined;
  if (model) for (const v of Object.values(model.params)) v.dispose();
  model = undefined;
}

/** Stores the current run (with optimizer state) under `id`; throws if there is no run or the disk is full. */
async function store(id: string, name: string, kind: 'autosave' | 'saved'): Promise<CheckpointMeta> {
  if (!trainer) throw new Error('No run to save: start a new run or load a resumable checkpoint first.');
  runData ??= { id: crypto.randomUUID(), ...data };
  const files = await saveCheckpoint(trainer);
  const meta = metaOf(files, { id, name, kind, savedAt: Date.now(), dataId: runData.id, dataLabel: runData.label });
  await writeCheckpoint(meta, files, runData.text);
  return meta;
}

/** An autosave that fails (a full disk) is reported and training goes on; true if it saved. */
async function autosave(onEvent: (e: TrainEvent) => void): Promise<boolean> {
  const step = trainer?.step ?? 0;
  try {
    await store(AUTOSAVE_ID, 'Autosave', 'autosave');
    onEvent({ kind: 'saved', step });
    return true;
  } catch (e) {
    onEvent({ kind: 'save-failed', step, message: `Could not save the run at step ${step}: ${describeStorageError(e)}` });
    return false;
  }
}

/** The run's peers: started at its first step (or after a change of count), else the ones it has. */
async function peersFor(s: Trainer, workers: number, onEvent: (e: TrainEvent) => void): Promise<WebPeerPool | undefined> {
  const wanted = effectiveWorkers(workers, { cores: Infinity, backend: backendName, batch: s.train.batchSize });
  if (pool?.wanted !== wanted) {
    closePeers();
    const peers = wanted > 1 ? await startWebPeers(wanted - 1, s.model, backendName) : undefined;
    if (peers) pool = { peers, wanted };
    onEvent({ kind: 'workers', used: 1 + (peers?.peers.length ?? 0), wanted, failures: peers?.failures ?? [] });
  }
  return pool?.peers;
}

/** Greedy predictions for `val`, abandoned (empty) if the model changes or, with `whileRunning`, on a pause. */
async function predictRows(val: Row[], compare: Compare, maxNewTokens?: number, whileRunning = false): Promise<Prediction[]> {
  const m = current();
  if (!m || !val.length) return [];
  const mine = epoch;
  const live = () => mine === epoch && (!whileRunning || keepRunning());
  const { predictions } = await evaluateRows(m.params, m.cfg, m.tok, val, { batchSize: val.length, maxNewTokens, compare,
    keepGoing: live });
  return live() ? predictions : [];
}

/** Up to `n` of `list`, spread over it (the eval rows are grouped by level: show some of each). */
function spread<T>(list: T[], n: number): T[] {
  const k = Math.min(n, list.length);
  return Array.from({ length: k }, (_, i) => list[Math.floor((i * list.length) / k)]!);
}

/** The training loop of `api.run` (between its set-up and clean-up). */
async function runLoop(s: Trainer, onEvent: (e: TrainEvent) => void, compare: Compare, workers: number,
  maxSteps: number): Promise<RunInfo> {
  onEvent({ kind: 'state', state: 'running', step: s.step, steps: s.train.steps });
  const peers = await peersFor(s, workers, onEvent);
  const short = s.train.steps <= SHORT_RUN;
  const evaluation = evalSample(rows.val, s.train.steps);
  const clock = new StepClock();
  let lossSum = 0;
  let n = 0;
  let tokens = 0;
  let t0 = performance.now();
  let done = 0;
  while (keepRunning() && s.step < s.train.steps && done < maxSteps) {
    let r: StepResult;
    try {
      r = await trainStepParallel(s, peers?.peers ?? []);
    } catch (e) {
      if (!peers?.peers.length) throw e;
      // trainStepParallel left the trainer as before the step: the run saved here resumes exactly.
      running = false;
      closePeers();
      const saved = await autosave(onEvent);
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
      const preds = await predictRows(evaluation.rows, compare, evaluation.maxNewTokens, true);
      if (preds.length) {
        const accuracy = preds.filter((p) => p.score.correct).length / preds.length;
        s.history.push({ step: s.step, loss: NaN, lr: 0, tokens: s.tokensSeen, elapsedMs: s.elapsedMs, valAccuracy: accuracy });
        onEvent({ kind: 'eval', step: s.step, accuracy, rows: preds.length, predictions: spread(preds, 6) });
      }
    }
    if (s.step % SAVE_EVERY === 0 || s.step === s.train.steps) await autosave(onEvent);
    // The clock times whole steps, evaluations and saves included, from the end of the session's first.
    clock.stepEnded(performance.now());
    // Let pause/stop messages in between steps.
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  running = false;
  onEvent({ kind: 'state', state: 'stopping', step: s.step, steps: s.train.steps });
  await autosave(onEvent);
  if (closeWhenStopped) closePeers();
  onEvent({ kind: 'state', state: s.step >= s.train.steps ? 'done' : 'paused', step: s.step, steps: s.train.steps });
  return info(s, 'run');
}

const api = {
  /** Also switches backend: the current model is dropped first (the panel reloads it on the new backend). */
  async init(backend: string): Promise<{ backend: string; skipped: { backend: string; reason: string }[] }> {
    running = false;
    dropModel();
    const chosen = await initWebBackend(backend);
    backendName = chosen.backend;
    return chosen;
  },

  /** Rows for training (split `train`) and for predictions (split `validation`, else `test`); `label` says what they are. */
  setData(jsonl: string, label: string): DataCounts {
    const parsed = parseRows(jsonl);
    data = { text: jsonl, label };
    const val = parsed.rows.filter((r) => r.split === 'validation');
    rows = { train: parsed.rows.filter((r) => r.split === 'train'),
      val: val.length ? val : parsed.rows.filter((r) => r.split === 'test') };
    return { train: rows.train.length, val: rows.val.length, skipped: parsed.skipped };
  },

  /** A checkpoint to show predictions from (the shipped model, or an imported one); resumable if it has moments. */
  loadCheckpoint(files: CheckpointFiles, label: string): RunInfo {
    running = false;
    dropModel();
    const c = readCheckpointConfig(files['config.json']);
    const tok = Tokenizer.fromJSON(JSON.parse(files['tokenizer.json']));
    if (files['optimizer.safetensors'] && rows.train.length) {
      trainer = resumeTrainer(files, encodeRows(tok, rows.train, c.train.blockSize).examples);
      runData = { id: crypto.randomUUID(), ...data };
      return { ...info(trainer, label), ...(c.results ? { results: c.results } : {}) };
    }
    const params = loadParams(c.model, files['model.safetensors']);
    model = { params, cfg: c.model, tok, info: { step: c.step, steps: c.train.steps, preset: c.train.preset,
      params: c.params, resumable: false, history: c.history ?? [], label, ...(c.results ? { results: c.results } : {}) } };
    return model.info;
  },

  /** `seed` is the experiment's seed: initialisation and data order derive from it. */
  newRun(cfg: TrainState, seed: number): RunInfo {
    running = false;
    dropModel();
    if (!rows.train.length) throw new Error('No training rows: load a dataset with rows of split "train" first.');
    const tok = fitTokenizer(rows.train);
    const { examples } = encodeRows(tok, rows.train, BLOCK);
    // Learned positions in the page for now: a rotary nano run diverged on WebGPU (SwiftShader) in the e2e test
    // (loss ~5e18 after 4 steps) while it trains on wasm; not yet understood (docs/model.md).
    const train = defaultTrainConfig({ preset: cfg.preset, pos: 'learned', seed, batchSize: cfg.batch, blockSize: BLOCK,
      steps: cfg.steps, optim: { lr: cfg.lr, minLr: cfg.lr / 10, warmupSteps: Math.min(100, Math.floor(cfg.steps / 10)) } });
    trainer = createTrainer(train, tok, examples);
    runData = { id: crypto.randomUUID(), ...data };
    return info(trainer, 'new run');
  },

  /**
   * Runs until paused, stopped or done. `compare` scores the answers. A gradient peer that fails mid-run ends
   * the run with an error, after saving it at the last whole step (the failed step changed no weights).
   */
  async run(onEvent: (e: TrainEvent) => void, compare: Compare, opts: RunOptions = {}): Promise<RunInfo> {
    const s = trainer;
    if (!s) throw new Error('No run: start a new run or resume a saved one.');
    if (looping) throw new Error('A run is already going.');
    running = true;
    looping = true;
    closeWhenStopped = false;
    stopFlag = opts.stopFlag;
    try {
      return await runLoop(s, onEvent, compare, opts.workers ?? 1, opts.maxSteps ?? Infinity);
    } finally {
      running = false;
      looping = false;
    }
  },

  pause(): void {
    running = false;
  },

  /** Pause, and close the gradient peers once the run has ended (they start again at the next run). */
  stop(): void {
    running = false;
    closeWhenStopped = true;
    if (!looping) closePeers();
  },

  /** Greedy predictions on the first n validation rows, answers scored by `compare` (the page's Python). */
  predict(n: number, compare: Compare): Promise<Prediction[]> {
    return predictRows(rows.val.slice(0, n), compare);
  },

  /** The model the Explorer may ask (the current run or a loaded checkpoint), or null. */
  askable(): { label: string; preset: string; step: number } | null {
    const m = current();
    if (!m) return null;
    return trainer ? { label: 'run', preset: trainer.train.preset, step: trainer.step }
      : { label: model!.info.label, preset: model!.info.preset, step: model!.info.step };
  },

  /** The Explorer's "Ask the model" on this panel's model (not while it trains: the weights change under it). */
  checkProgram(code: string, stdin: string): Refusal | null {
    const m = current();
    if (!m) throw new Error('the Train panel has no model loaded');
    return refusal(code, stdin, m.tok, m.cfg);
  },

  async ask(code: string, stdin: string, opts: { samples: number; temperature: number; seed: number },
    onUpdate: (texts: string[], tokens: number) => void): Promise<SimulateResult> {
    const m = current();
    if (!m) throw new Error('the Train panel has no model loaded');
    if (looping) throw new Error('the Train panel is training this model: pause it first');
    askStop = false;
    return simulateInWorker(m.params, m.cfg, m.tok, code, stdin, opts, onUpdate, () => askStop);
  },

  stopAsking(): void {
    askStop = true;
  },

  async exportCheckpoint(): Promise<CheckpointFiles | null> {
    return trainer ? saveCheckpoint(trainer) : null;
  },

  /** Saves the current run under a name (not while it is running: a save reads the weights between steps). */
  async saveAs(name: string): Promise<CheckpointMeta> {
    if (running) throw new Error('Pause the run first.');
    return store(crypto.randomUUID(), name, 'saved');
  },

  /**
   * Loads a checkpoint kept in this browser. Its training rows are restored when it has them, so a resumable
   * one continues exactly; `data` then describes them (the panel shows it).
   */
  async loadStored(id: string): Promise<{ info: RunInfo; data: (DataCounts & { label: string }) | null }> {
    const saved = await readCheckpoint(id);
    if (!saved) throw new Error('that checkpoint is no longer stored in this browser');
    const restored = saved.data !== null ? { ...api.setData(saved.data, saved.meta.dataLabel), label: saved.meta.dataLabel } : null;
    const result = api.loadCheckpoint(saved.files, saved.meta.name);
    if (trainer && restored && saved.meta.dataId) runData = { id: saved.meta.dataId, text: saved.data!, label: saved.meta.dataLabel };
    return { info: result, data: restored };
  },
};

export type TrainApi = typeof api;
Comlink.expose(api);
