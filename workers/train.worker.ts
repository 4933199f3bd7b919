// The train worker: tfjs training and generation off the page's thread, behind comlink. Same trainer,
// checkpoints and evaluation as `npm run train` / `npm run eval`. The run autosaves to IndexedDB from here
// (src/ui/panels/train/checkpoint-store.ts), with the rows it trains on, so a reload resumes exactly
// (weights, Adam moments, step, data order). Answers are scored by a `compare` the page passes in (Python in
// the runner worker): this worker has no Python.
import * as Comlink from 'comlink';
import { initWebBackend } from '../src/model/backend-web.ts';
import type { GPTConfig, Params } from '../src/model/gpt.ts';
import { Tokenizer } from '../src/tokenise/tokenizer.ts';
import { encodeRows, parseRows, type Row } from '../src/train/data.ts';
import { evaluateRows, type Prediction } from '../src/train/evaluate.ts';
import type { Compare } from '../src/evaluate/score.ts';
import { AUTOSAVE_ID, describeStorageError, metaOf, readCheckpoint, writeCheckpoint,
  type CheckpointMeta } from '../src/ui/panels/train/checkpoint-store.ts';
import { createTrainer, defaultTrainConfig, disposeTrainer, loadParams, readCheckpointConfig, resumeTrainer,
  saveCheckpoint, trainStep, type CheckpointFiles, type LogEntry, type Trainer } from '../src/train/trainer.ts';
import type { TrainState } from '../src/experiment/slices/train.ts';

export type TrainEvent =
  | { kind: 'log'; step: number; steps: number; loss: number; lr: number; tokensPerS: number; elapsedMs: number;
    remainingMs: number }
  | { kind: 'eval'; step: number; accuracy: number; predictions: Prediction[] }
  | { kind: 'state'; state: 'running' | 'paused' | 'done'; step: number; steps: number }
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
}

const BLOCK = 256;
const LOG_EVERY = 5;
const EVAL_EVERY = 50;
const SAVE_EVERY = 25;
const EVAL_ROWS = 8;

let rows: { train: Row[]; val: Row[] } = { train: [], val: [] };
/** The loaded rows as given, and what they are (for people): a save stores them with the run. */
let data = { text: '', label: '' };
let trainer: Trainer | undefined;
/** The rows the current trainer trains on, under their key in the checkpoint store. */
let runData: { id: string; text: string; label: string } | undefined;
/** A loaded model without training state (the shipped checkpoint). */
let model: { params: Params; cfg: GPTConfig; tok: Tokenizer; info: RunInfo } | undefined;
let running = false;
/** Bumped whenever the model changes, so an evaluation in flight (webgpu reads yield) abandons itself. */
let epoch = 0;

function info(s: Trainer, label: string): RunInfo {
  return { step: s.step, steps: s.train.steps, preset: s.train.preset, params: Object.values(s.params)
    .reduce((n, v) => n + v.size, 0), resumable: true, history: s.history, label };
}

function current(): { params: Params; cfg: GPTConfig; tok: Tokenizer } | undefined {
  return trainer ? { params: trainer.params, cfg: trainer.model, tok: trainer.tok } : model;
}

function dropModel(): void {
  epoch++;
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

/** An autosave that fails (a full disk) is reported and training goes on. */
async function autosave(onEvent: (e: TrainEvent) => void): Promise<void> {
  const step = trainer?.step ?? 0;
  try {
    await store(AUTOSAVE_ID, 'Autosave', 'autosave');
    onEvent({ kind: 'saved', step });
  } catch (e) {
    onEvent({ kind: 'save-failed', step, message: `Could not save the run at step ${step}: ${describeStorageError(e)}` });
  }
}

const api = {
  /** Also switches backend: the current model is dropped first (the panel reloads it on the new backend). */
  async init(backend: string): Promise<{ backend: string; skipped: { backend: string; reason: string }[] }> {
    running = false;
    dropModel();
    return initWebBackend(backend);
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
      return info(trainer, label);
    }
    const params = loadParams(c.model, files['model.safetensors']);
    model = { params, cfg: c.model, tok, info: { step: c.step, steps: c.train.steps, preset: c.train.preset,
      params: c.params, resumable: false, history: c.history ?? [], label } };
    return model.info;
  },

  /** `seed` is the experiment's seed: initialisation and data order derive from it. */
  newRun(cfg: TrainState, seed: number): RunInfo {
    running = false;
    dropModel();
    if (!rows.train.length) throw new Error('No training rows: load a dataset with rows of split "train" first.');
    const tok = Tokenizer.fit(rows.train.slice(0, 5000).flatMap((r) => [r.prompt, r.target]), { vocabSize: 512 });
    const { examples } = encodeRows(tok, rows.train, BLOCK);
    const train = defaultTrainConfig({ preset: cfg.preset, seed, batchSize: cfg.batch, blockSize: BLOCK,
      steps: cfg.steps, optim: { lr: cfg.lr, minLr: cfg.lr / 10, warmupSteps: Math.min(100, Math.floor(cfg.steps / 10)) } });
    trainer = createTrainer(train, tok, examples);
    runData = { id: crypto.randomUUID(), ...data };
    return info(trainer, 'new run');
  },

  /** Runs until paused, stopped or done; `maxSteps` = 1 for the Step button. `compare` scores the answers. */
  async run(onEvent: (e: TrainEvent) => void, compare: Compare, maxSteps = Infinity): Promise<RunInfo> {
    const s = trainer;
    if (!s) throw new Error('No run: start a new run or resume a saved one.');
    running = true;
    onEvent({ kind: 'state', state: 'running', step: s.step, steps: s.train.steps });
    let lossSum = 0;
    let n = 0;
    let tokens = 0;
    let t0 = performance.now();
    let done = 0;
    while (running && s.step < s.train.steps && done < maxSteps) {
      const r = trainStep(s);
      // A sync point (on webgpu, a GPU read): the loss is needed for the chart anyway.
      lossSum += (await r.loss.data())[0]!;
      r.loss.dispose();
      n++;
      done++;
      tokens += r.tokens;
      // Short runs (a demo, a test) log every step so their curve has points.
      if (s.step % (s.train.steps <= 50 ? 1 : LOG_EVERY) === 0 || s.step === s.train.steps || done === maxSteps) {
        const dt = performance.now() - t0;
        const loss = lossSum / n;
        s.history.push({ step: s.step, loss, lr: r.lr, tokens: s.tokensSeen, elapsedMs: s.elapsedMs });
        onEvent({ kind: 'log', step: s.step, steps: s.train.steps, loss, lr: r.lr, tokensPerS: (tokens / dt) * 1000,
          elapsedMs: s.elapsedMs, remainingMs: (s.elapsedMs / Math.max(1, s.step)) * (s.train.steps - s.step) });
        lossSum = 0;
        n = 0;
        tokens = 0;
        t0 = performance.now();
      }
      if (s.step % EVAL_EVERY === 0 || s.step === s.train.steps) {
        // Short runs (a demo, a test) cannot have learnt the format: a short look keeps software WebGPU usable.
        const preds = await api.predict(EVAL_ROWS, compare, s.train.steps <= 50 ? 32 : undefined);
        const accuracy = preds.filter((p) => p.score.correct).length / Math.max(1, preds.length);
        s.history.push({ step: s.step, loss: NaN, lr: 0, tokens: s.tokensSeen, elapsedMs: s.elapsedMs, valAccuracy: accuracy });
        onEvent({ kind: 'eval', step: s.step, accuracy, predictions: preds.slice(0, 6) });
      }
      if (s.step % SAVE_EVERY === 0 || s.step === s.train.steps) await autosave(onEvent);
      // Let pause/stop messages in between steps.
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    running = false;
    await autosave(onEvent);
    onEvent({ kind: 'state', state: s.step >= s.train.steps ? 'done' : 'paused', step: s.step, steps: s.train.steps });
    return info(s, 'run');
  },

  pause(): void {
    running = false;
  },

  /** Greedy predictions on the first n validation rows, answers scored by `compare` (the page's Python). */
  async predict(n: number, compare: Compare, maxNewTokens?: number): Promise<Prediction[]> {
    const m = current();
    if (!m || !rows.val.length) return [];
    const mine = epoch;
    const { predictions } = await evaluateRows(m.params, m.cfg, m.tok, rows.val.slice(0, n), { batchSize: n,
      maxNewTokens, compare, keepGoing: () => mine === epoch });
    return mine === epoch ? predictions : [];
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
