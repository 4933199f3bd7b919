// The Train stage: train the model in this tab (a worker; webgpu, wasm or cpu) on the shipped sample, the
// Data panel's dataset or a JSONL file; watch loss and accuracy; compare its predictions with the truth (by
// value, in Python). The shipped checkpoint loads at start, so predictions show at once. A run autosaves to
// IndexedDB as it goes and resumes exactly after a reload; checkpoints are listed (Checkpoints.tsx), saved
// under a name, and export as safetensors + JSON (the files `npm run train` writes) and import back.
// On wasm/cpu each step's batch is shared by several CPU workers (gradient peers, workers/peers.ts). Stop asks
// the worker to stop and, if the step in progress does not end within STOP_GRACE_MS, terminates it.
import { useCallback, useEffect, useRef, useState } from 'react';
import * as Comlink from 'comlink';
import { handoffOf, openInExplorer } from '../../handoff.ts';
import { MAX_TRAIN_WORKERS, TRAIN_BACKENDS, TRAIN_GRANULARITIES, TRAIN_PRESETS,
  type TrainState } from '../../../experiment/slices/train.ts';
import { effectiveWorkers } from '../../../train/run-config.ts';
import { runSettingsOf } from './settings.ts';
import type { CheckpointFiles } from '../../../train/trainer.ts';
import { readManifest, type ShippedModel } from '../../../train/manifest.ts';
import type { Prediction } from '../../../train/evaluate.ts';
import type { RunInfo, TrainEvent } from '../../../../workers/train.worker.ts';
import { describeBuilt, toJsonl, useBuiltDataset, type BuiltDataset } from '../../built-dataset.ts';
import { getRunner, usePythonStatus } from '../../runner.ts';
import { useExperiment } from '../../state.ts';
import { setComputeStatus } from '../../status.ts';
import { Chart } from './Chart.tsx';
import { Checkpoints } from './Checkpoints.tsx';
import { AUTOSAVE_ID, deleteCheckpoint, describeStorageError, listCheckpoints, metaOf, readCheckpoint,
  renameCheckpoint, storageEstimate, writeCheckpoint, type CheckpointMeta } from '../../../train/browser/checkpoint-store.ts';
import { EVAL_ROWS, SHORT_RUN } from '../../../train/eval-sample.ts';
import { fetchBytes, fetchText, terminateTrainWorker, trainWorker, TrainWorkerClosed, untilTerminated } from './client.ts';
import { AnswerScorer, modeWords, scoringNote, type ScoringMode, type ScoringSession } from './scoring.ts';
import type { Compare } from '../../../evaluate/score.ts';
import './train.css';

type Phase = 'starting' | 'ready' | 'running' | 'paused' | 'done' | 'failed';

const ACC_RANGE: [number, number] = [0, 1];
/** How long Stop waits for the step in progress to end before it terminates the training worker. */
const STOP_GRACE_MS = 3000;

const WORKERS_HELP = 'Each step\'s batch is split between the CPU workers, each computes its part\'s gradient, and the '
  + 'gradients are averaged: the same step, done in parallel. Faster for long sequences and large batches; on WebGPU '
  + 'one worker drives the GPU.';

function cores(): number {
  return Math.max(1, navigator.hardwareConcurrency || 1);
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function fmtTime(ms: number): string {
  const s = Math.round(ms / 1000);
  return s < 60 ? `${s} s` : `${Math.floor(s / 60)} min ${s % 60} s`;
}

let scorer: AnswerScorer | undefined;

/**
 * The page's Python, as a compare function for one worker call (a Comlink proxy the worker calls back), and
 * how that call's answers were compared.
 */
function compareInPython(): { compare: Compare & Comlink.ProxyMarked; take: ScoringSession['take'] } {
  scorer ??= new AnswerScorer(getRunner());
  const session = scorer.session();
  return { compare: Comlink.proxy(session.compare), take: session.take };
}

/** The model the notebook opens with (the manifest's first, the trace model); the others are `shipped:ROLE`. */
const SHIPPED_ID = 'shipped';
const FALLBACK: ShippedModel = { name: 'Shipped model', role: 'trace-sft', path: 'model/', tokens: 0, recipe: '', resumable: true };

async function shippedCheckpoint(path: string): Promise<CheckpointFiles> {
  const [config, tokenizer, weights] = await Promise.all([fetchText(`${path}config.json`),
    fetchText(`${path}tokenizer.json`), fetchBytes(`${path}model.safetensors`)]);
  return { 'config.json': config, 'tokenizer.json': tokenizer, 'model.safetensors': weights };
}

/** The shipped models (public/models/index.json); a missing or damaged manifest falls back to public/model/. */
async function shippedModels(): Promise<{ models: ShippedModel[]; problem: string | null }> {
  try {
    return { models: readManifest(JSON.parse(await fetchText('models/index.json'))), problem: null };
  } catch (e) {
    return { models: [FALLBACK], problem: `The list of shipped models could not be read (${e instanceof Error ? e.message : String(e)}); showing the default one.` };
  }
}

/** The files of an exported checkpoint keep their names; a browser's ` (1)` for a second download is ignored. */
function checkpointFileName(name: string): string {
  return name.replace(/ \(\d+\)(?=\.[^.]+$)/, '');
}

function download(name: string, data: string | Uint8Array): void {
  const blob = new Blob([data as BlobPart], { type: typeof data === 'string' ? 'application/json' : 'application/octet-stream' });
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

type Scored = { list: Prediction[]; mode: ScoringMode | 'mixed' | null };
type DataFile = { name: string; text: string };

/** Opens a prediction's program in the Explorer, with the story the model wrote beside the real run. */
function OpenInExplorer({ prompt, story }: { prompt: string; story: string }) {
  const h = handoffOf({ prompt }, { text: story, model: 'The Train panel’s model' });
  if (!h) return null;
  return (
    <button type="button" className="link small" onClick={() => openInExplorer(h)}>
      Open in Explorer
    </button>
  );
}

export function TrainPanel() {
  const [exp, update] = useExperiment();
  const cfg = exp.train;
  const built = useBuiltDataset();
  const python = usePythonStatus();
  const [phase, setPhase] = useState<Phase>('starting');
  const [message, setMessage] = useState('Starting the training worker…');
  const [backend, setBackend] = useState('');
  const [run, setRun] = useState<RunInfo | null>(null);
  const [progress, setProgress] = useState<Extract<TrainEvent, { kind: 'log' }> | null>(null);
  /** The CPU workers the current run started (and why any did not). */
  const [workerInfo, setWorkerInfo] = useState<Extract<TrainEvent, { kind: 'workers' }> | null>(null);
  /** The latest evaluation: its accuracy and the number of validation rows it was measured on. */
  const [lastEval, setLastEval] = useState<{ step: number; accuracy: number; rows: number } | null>(null);
  const [loss, setLoss] = useState<{ xs: number[]; ys: number[] }>({ xs: [], ys: [] });
  /** Tokens/s of each log interval this session (read by scripts/bench-train-page.ts). */
  const [tokensPerS, setTokensPerS] = useState<number[]>([]);
  const [acc, setAcc] = useState<{ xs: number[]; ys: number[] }>({ xs: [], ys: [] });
  const [predictions, setPredictions] = useState<Scored | null>(null);
  const [dataInfo, setDataInfo] = useState('');
  const [stored, setStored] = useState<CheckpointMeta[]>([]);
  const [shipped, setShipped] = useState<CheckpointMeta[]>([]);
  /** Which checkpoint the worker holds: `shipped`, a stored id, or null for a new run. */
  const [loadedId, setLoadedId] = useState<string | null>(null);
  const [storageProblem, setStorageProblem] = useState<string | null>(null);
  const [usage, setUsage] = useState<{ usage: number; quota: number } | null>(null);
  /** The autosave holds the run loaded now (it saved, or was loaded): no need to warn that a save replaces it. */
  const [ownsAutosave, setOwnsAutosave] = useState(false);
  const [file, setFile] = useState<DataFile | null>(null);
  /** Each shipped model's folder and (once fetched) files, by checkpoint id. */
  const shippedModel = useRef(new Map<string, { model: ShippedModel; files?: CheckpointFiles }>());
  const shippedFilesOf = async (id: string): Promise<{ model: ShippedModel; files: CheckpointFiles }> => {
    const entry = shippedModel.current.get(id) ?? { model: FALLBACK };
    entry.files ??= await shippedCheckpoint(entry.model.path);
    shippedModel.current.set(id, entry);
    return { model: entry.model, files: entry.files };
  };
  const predictRequest = useRef(0);
  /** How the current run's answers are being compared (one session per run call). */
  const runScoring = useRef<ScoringSession | null>(null);
  /** Shared with the worker (when the page is cross-origin isolated): a pause it reads even mid-evaluation. */
  const stopFlag = useRef<Int32Array | undefined>(undefined);
  const stopTimer = useRef<number | undefined>(undefined);
  /** Stop (not Pause) was pressed during the current run call. */
  const stopping = useRef(false);
  /** The step this session last saved the loaded run at (the autosave), null when it has not saved it. */
  const lastSaved = useRef<number | null>(null);
  /** Bumped when Stop terminated the worker: the start-up effect then starts a fresh one, with this note. */
  const [workerGeneration, setWorkerGeneration] = useState(0);
  const restartNote = useRef<string | null>(null);
  const busy = phase === 'running' || phase === 'starting';

  const showHistory = (info: RunInfo) => {
    setRun(info);
    const l = info.history.filter((h) => Number.isFinite(h.loss));
    const a = info.history.filter((h) => h.valAccuracy !== undefined);
    setLoss({ xs: l.map((h) => h.step), ys: l.map((h) => h.loss) });
    setTokensPerS([]);
    setAcc({ xs: a.map((h) => h.step), ys: a.map((h) => h.valAccuracy!) });
  };

  const refreshList = useCallback(async () => {
    try {
      setStored(await listCheckpoints());
      setUsage(await storageEstimate());
    } catch (e) {
      setStorageProblem(`Could not read the checkpoints kept in this browser: ${describeStorageError(e)}`);
    }
  }, []);

  /** Loads the rows of a data source into the worker; a source that is not available says what loads instead. */
  const loadData = useCallback(async (source: TrainState['data'], granularity: string, builtNow: BuiltDataset | null,
    fileNow: DataFile | null) => {
    let text: string;
    let label: string;
    let instead = '';
    if (source === 'built' && builtNow) {
      text = toJsonl(builtNow);
      label = `the Data panel's dataset, ${describeBuilt(builtNow)}`;
    } else if (source === 'file' && fileNow) {
      text = fileNow.text;
      label = `your file ${fileNow.name}`;
    } else {
      if (source === 'built') instead = 'No dataset is built in the Data panel yet, so the shipped sample is loaded instead. ';
      if (source === 'file') instead = 'No file is picked, so the shipped sample is loaded instead. ';
      text = await fetchText(`model/sample-${granularity}.jsonl`);
      label = `the shipped sample (${granularity})`;
    }
    const r = await trainWorker().setData(text, label);
    setDataInfo(`${instead}${r.train} training rows, ${r.val} held-out rows${r.skipped ? `, ${r.skipped} unreadable lines skipped` : ''}: ${label}.`);
  }, []);

  /** Only the latest request's predictions are shown (one for a model dropped since comes back empty). */
  const showPredictions = useCallback(async () => {
    const request = ++predictRequest.current;
    const scoring = compareInPython();
    const list = await trainWorker().predict(6, scoring.compare);
    if (request === predictRequest.current) setPredictions({ list, mode: scoring.take() });
  }, []);

  /** Other rows: the loaded model's predictions are redone on their held-out rows, so the table matches them. */
  const switchData = useCallback(async (...args: Parameters<typeof loadData>) => {
    await loadData(...args);
    await showPredictions();
  }, [loadData, showPredictions]);

  // Start-up (and a backend change): backend, data, then the shipped model's predictions. The worker is kept
  // across a change (a fresh worker's WebGPU adapter request hung in Chromium after the first was terminated).
  useEffect(() => {
    let live = true;
    const note = restartNote.current;
    restartNote.current = null;
    setComputeStatus({ backend: cfg.backend, state: 'initialising' });
    // Answers are compared in Python: start loading it now rather than at the first answer.
    void getRunner().warmUp();
    (async () => {
      void refreshList();
      const api = trainWorker();
      const chosen = await api.init(cfg.backend);
      if (!live) return;
      setBackend(chosen.backend);
      setComputeStatus({ backend: chosen.backend, state: 'ready' });
      setMessage(`Using ${chosen.backend}${chosen.skipped.length ? ` (${chosen.skipped.map((s) => `${s.backend}: ${s.reason}`).join('; ')})` : ''}.`);
      await loadData(cfg.data, cfg.granularity, built, file);
      if (note !== null) {
        // After Stop cut a step off: nothing is loaded; the autosave (listed) is what can be resumed.
        await refreshList();
        if (!live) return;
        setMessage(note);
        setPhase('ready');
        return;
      }
      try {
        const { models, problem } = await shippedModels();
        if (problem) setMessage((m) => `${m} ${problem}`.trim());
        models.forEach((model, i) => {
          const id = i === 0 ? SHIPPED_ID : `shipped:${model.role}`;
          shippedModel.current.set(id, { ...shippedModel.current.get(id), model });
        });
        const metas: CheckpointMeta[] = [];
        for (const [id, { model }] of shippedModel.current) {
          const { files } = await shippedFilesOf(id);
          const notes = (JSON.parse(files['config.json']) as { train?: { notes?: Record<string, string> } }).train?.notes;
          // A resumable one's optimizer state is shipped too (PATH/optimizer.safetensors), fetched when it is loaded from the list.
          metas.push({ ...metaOf(files, { id, name: model.name, kind: 'shipped', savedAt: null, dataLabel: notes?.data ?? '' }),
            resumable: model.resumable });
        }
        if (!live) return;
        setShipped(metas);
        const { files } = await shippedFilesOf(SHIPPED_ID);
        const info = await api.loadCheckpoint(files, 'shipped model');
        if (!live) return;
        showHistory(info);
        setLoadedId(SHIPPED_ID);
        setMessage((m) => `${m} Loaded the shipped model (${info.preset}, step ${info.step}); its predictions on held-out programs appear below.`.trim());
        setPhase('ready');
        if (live) await showPredictions();
      } catch (e) {
        setMessage(`No shipped model could be loaded (${e instanceof Error ? e.message : String(e)}). Train one below.`);
        if (live) setPhase('ready');
      }
    })().catch((e: unknown) => {
      if (!live) return;
      setPhase('failed');
      setComputeStatus({ backend: cfg.backend, state: 'failed' });
      setMessage(`The training worker failed to start: ${e instanceof Error ? e.message : String(e)}. Try another backend.`);
    });
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [cfg.backend, workerGeneration]);

  // A new build in the Data panel replaces the rows here too, when they are the source (never mid-run).
  // loadData sets state only after the worker has the rows (asynchronously), which the lint cannot see.
  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect
    if (cfg.data === 'built' && phase !== 'starting' && phase !== 'running') void switchData('built', cfg.granularity, built, file);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [built]);

  const onEvent = useCallback((e: TrainEvent) => {
    if (e.kind === 'log') {
      setProgress(e);
      setComputeStatus({ backend, state: e.workers > 1 ? `training on ${e.workers} CPU workers` : 'training' });
      setLoss((p) => ({ xs: [...p.xs, e.step], ys: [...p.ys, e.loss] }));
      setTokensPerS((p) => [...p, e.tokensPerS]);
    } else if (e.kind === 'eval') {
      setAcc((p) => ({ xs: [...p.xs, e.step], ys: [...p.ys, e.accuracy] }));
      setLastEval({ step: e.step, accuracy: e.accuracy, rows: e.rows });
      predictRequest.current++;
      setPredictions({ list: e.predictions, mode: runScoring.current?.take() ?? null });
    } else if (e.kind === 'saved') {
      lastSaved.current = e.step;
      setStorageProblem(null);
      setOwnsAutosave(true);
      void refreshList();
    } else if (e.kind === 'save-failed') setStorageProblem(e.message);
    else if (e.kind === 'workers') {
      setWorkerInfo(e);
      setComputeStatus({ backend, state: e.used > 1 ? `training on ${e.used} CPU workers` : 'training' });
    } else if (e.kind === 'state') {
      // The loop has seen the pause or stop: what is left (a save) is quick, so Stop need not cut it off.
      if (e.state !== 'running') window.clearTimeout(stopTimer.current);
      if (e.state !== 'stopping') setPhase(e.state === 'running' ? 'running' : e.state);
    }
  }, [refreshList, backend]);

  const go = async (maxSteps?: number) => {
    setPhase('running');
    setComputeStatus({ backend, state: 'training' });
    stopping.current = false;
    let cutOffNow = false;
    try {
      const scoring = compareInPython();
      runScoring.current = scoring;
      const flag = globalThis.crossOriginIsolated ? new Int32Array(new SharedArrayBuffer(4)) : undefined;
      stopFlag.current = flag;
      const { workers } = runSettingsOf(cfg, exp.seed);
      const info = await untilTerminated((api) => api.run(Comlink.proxy(onEvent), scoring.compare, { maxSteps, workers,
        stopFlag: flag }));
      setRun(info);
      setPhase(info.step >= info.steps ? 'done' : 'paused');
      setMessage(info.step >= info.steps ? `Done: ${info.steps} steps.` : stopping.current
        ? `Stopped at step ${info.step}, and saved: “Resume saved run (step ${info.step})” or Resume continues it.`
        : `Paused at step ${info.step}.`);
    } catch (e) {
      cutOffNow = e instanceof TrainWorkerClosed;
      if (cutOffNow) return; // Stop cut the step off: it says so, and starts a fresh worker
      setPhase('failed');
      setRun((r) => r && { ...r, resumable: false }); // the worker's message says what can be resumed
      setMessage(`Training stopped with an error: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      window.clearTimeout(stopTimer.current);
      if (!cutOffNow) setComputeStatus({ backend, state: 'ready' });
    }
  };

  const start = async () => {
    try {
      await loadData(cfg.data, cfg.granularity, built, file);
      const info = await trainWorker().newRun(runSettingsOf(cfg, exp.seed).config);
      lastSaved.current = null;
      setWorkerInfo(null);
      setLastEval(null);
      setProgress(null);
      showHistory(info);
      setLoadedId(null);
      setOwnsAutosave(false);
      setPredictions(null);
      setMessage(`New run: ${info.preset}, ${info.params.toLocaleString('en')} parameters, ${info.steps} steps.`);
      await go();
    } catch (e) {
      setPhase('failed');
      setMessage(e instanceof Error ? e.message : String(e));
    }
  };

  /** After a load: the run's curves, its predictions, and Resume when it has optimizer state. */
  const loaded = async (info: RunInfo, id: string, what: string, predict = true) => {
    lastSaved.current = id === AUTOSAVE_ID ? info.step : null;
    setWorkerInfo(null);
    setLastEval(null);
    setProgress(null);
    showHistory(info);
    setLoadedId(id);
    setOwnsAutosave(id === AUTOSAVE_ID);
    setPredictions(null);
    const resumable = info.resumable && info.step < info.steps;
    setPhase(resumable ? 'paused' : 'ready');
    setMessage(`Loaded ${what} (${info.preset}, step ${info.step})${resumable ? ': Resume continues its training.'
      : info.resumable ? ': its run is complete.' : ': weights only, so it shows predictions but cannot continue training.'}`);
    if (predict) await showPredictions();
  };

  /** A stored checkpoint: its own training rows come back with it (exact resume). */
  const loadStored = async (id: string, what: string, predict = true) => {
    const { info, data } = await trainWorker().loadStored(id);
    if (data) setDataInfo(`${data.train} training rows, ${data.val} held-out rows: ${data.label}, restored with the checkpoint.`);
    await loaded(info, id, what, predict);
    return info;
  };

  const loadEntry = async (c: CheckpointMeta) => {
    try {
      setPhase('starting');
      setMessage(`Loading ${c.name}…`);
      if (c.kind === 'shipped') {
        // With its optimizer state (fetched only now: a few MB) it can go on training, on the rows loaded here.
        const { model, files } = await shippedFilesOf(c.id);
        const optimizer = model.resumable ? await fetchBytes(`${model.path}optimizer.safetensors`).catch(() => undefined) : undefined;
        const label = c.id === SHIPPED_ID ? 'shipped model' : c.name;
        const info = await trainWorker().loadCheckpoint(optimizer ? { ...files, 'optimizer.safetensors': optimizer } : files, label);
        await loaded(info, c.id, `${c.id === SHIPPED_ID ? 'the shipped model' : c.name}${info.resumable ? ' (Resume continues it on the rows loaded here)' : ''}`);
      } else await loadStored(c.id, `“${c.name}”`);
    } catch (e) {
      setPhase('ready');
      setMessage(`Could not load ${c.name}: ${e instanceof Error ? e.message : String(e)}`);
    }
  };

  const resumeSaved = async () => {
    try {
      setPhase('starting');
      const info = await loadStored(AUTOSAVE_ID, 'the autosaved run', false);
      if (!info.resumable || info.step >= info.steps) return;
      setMessage(`Resumed the run saved at step ${info.step}.`);
      await go();
    } catch (e) {
      setPhase('ready');
      setMessage(`Could not resume the saved run: ${e instanceof Error ? e.message : String(e)}`);
    }
  };

  const pause = () => {
    if (stopFlag.current) Atomics.store(stopFlag.current, 0, 1);
    void trainWorker().pause();
    setMessage('Pausing after this step…');
  };

  /** Cuts off a step that did not end in time: the worker (and its peers) go, a fresh one starts. */
  const cutOff = () => {
    terminateTrainWorker();
    const saved = lastSaved.current;
    restartNote.current = `Stopped: the step in progress did not end within ${STOP_GRACE_MS / 1000} s, so the training `
      + `worker was closed, with its CPU workers. ${saved !== null
        ? `The run was last saved at step ${saved}: “Resume saved run (step ${saved})” continues it from there.`
        : 'This run had not been saved yet (it saves every 25 steps and when paused), so it cannot be resumed.'}`;
    setRun(null);
    setLoadedId(null);
    setPhase('starting');
    setMessage('Stopping: closing the training worker…');
    setComputeStatus({ backend, state: 'restarting' });
    setWorkerGeneration((g) => g + 1);
  };

  /** Stop: pause and release the CPU workers; a step that does not end within STOP_GRACE_MS is cut off. */
  const stop = () => {
    stopping.current = true;
    if (stopFlag.current) Atomics.store(stopFlag.current, 0, 1);
    void trainWorker().stop();
    setMessage('Stopping…');
    window.clearTimeout(stopTimer.current);
    stopTimer.current = window.setTimeout(cutOff, STOP_GRACE_MS);
  };

  const exportEntry = async (c: CheckpointMeta) => {
    try {
      let files: CheckpointFiles | undefined;
      if (c.kind === 'shipped') {
        const { model, files: shippedFiles } = await shippedFilesOf(c.id);
        files = model.resumable ? { ...shippedFiles, 'optimizer.safetensors': await fetchBytes(`${model.path}optimizer.safetensors`) } : shippedFiles;
      } else files = (await readCheckpoint(c.id))?.files;
      if (!files) return setMessage(`${c.name} is no longer stored in this browser.`);
      for (const [name, data] of Object.entries(files)) download(name, data as string | Uint8Array);
      setMessage(`Exported ${c.name}: ${Object.keys(files).join(', ')} (safetensors + JSON, as \`npm run train\` writes them).`);
    } catch (e) {
      setMessage(`Could not export ${c.name}: ${e instanceof Error ? e.message : String(e)}`);
    }
  };

  const renameEntry = async (c: CheckpointMeta, name: string) => {
    try {
      await renameCheckpoint(c.id, name);
      await refreshList();
    } catch (e) {
      setStorageProblem(`Could not rename ${c.name}: ${describeStorageError(e)}`);
    }
  };

  const deleteEntry = async (c: CheckpointMeta) => {
    try {
      await deleteCheckpoint(c.id);
      setMessage(`Deleted ${c.name} from this browser.`);
      if (c.id === loadedId) setLoadedId(null);
      await refreshList();
    } catch (e) {
      setStorageProblem(`Could not delete ${c.name}: ${describeStorageError(e)}`);
    }
  };

  const saveNamed = async (name: string) => {
    try {
      const meta = await trainWorker().saveAs(name);
      setLoadedId(meta.id);
      setStorageProblem(null);
      setMessage(`Saved “${meta.name}” at step ${meta.step}; training on continues to autosave.`);
      await refreshList();
    } catch (e) {
      setStorageProblem(`Could not save “${name}”: ${describeStorageError(e)}`);
    }
  };

  const importCkpt = async (list: FileList | null) => {
    if (!list?.length) return;
    const get = (n: string) => [...list].find((f) => checkpointFileName(f.name) === n);
    const cfgFile = get('config.json');
    const tokFile = get('tokenizer.json');
    const weights = get('model.safetensors');
    if (!cfgFile || !tokFile || !weights) {
      return setMessage('Pick config.json, tokenizer.json and model.safetensors together (optimizer.safetensors too, to keep training).');
    }
    let files: CheckpointFiles;
    let meta: CheckpointMeta;
    try {
      const opt = get('optimizer.safetensors');
      files = { 'config.json': await cfgFile.text(), 'tokenizer.json': await tokFile.text(),
        'model.safetensors': new Uint8Array(await weights.arrayBuffer()),
        ...(opt ? { 'optimizer.safetensors': new Uint8Array(await opt.arrayBuffer()) } : {}) };
      meta = metaOf(files, { id: crypto.randomUUID(), name: '', kind: 'imported', savedAt: Date.now() });
      meta.name = `Imported ${meta.preset}, step ${meta.step}`;
      setPhase('starting');
      const info = await trainWorker().loadCheckpoint(files, meta.name);
      await loaded(info, meta.id, `the imported checkpoint “${meta.name}”`);
    } catch (e) {
      setPhase('ready');
      return setMessage(`Could not import: ${e instanceof Error ? e.message : String(e)}`);
    }
    try {
      await writeCheckpoint(meta, files);
      await refreshList();
    } catch (e) {
      setLoadedId(null);
      setStorageProblem(`The imported checkpoint is loaded, but not kept in this browser: ${describeStorageError(e)}`);
    }
  };

  const pickData = async (list: FileList | null) => {
    const f = list?.[0];
    if (!f) return;
    const picked = { name: f.name, text: await f.text() };
    setFile(picked);
    update('train', { data: 'file' });
    await switchData('file', cfg.granularity, built, picked);
  };

  const pickSource = (data: TrainState['data']) => {
    update('train', { data });
    void switchData(data, cfg.granularity, built, file);
  };

  const set = (patch: Partial<TrainState>) => update('train', patch);
  const resumable = run?.resumable && phase !== 'running' && run.step < run.steps;
  const autosaved = stored.find((c) => c.id === AUTOSAVE_ID);
  const saveBlocked = phase === 'running' ? 'Pause the run to save it under a name.'
    : !run?.resumable ? 'Start a run, or load a resumable checkpoint, to save it under a name.' : null;
  const right = predictions?.list.filter((p) => p.score.correct).length ?? 0;
  const willUse = effectiveWorkers(cfg.workers, { cores: cores(), backend, batch: cfg.batch });
  const workersNote = backend === 'webgpu' ? 'On WebGPU: 1.'
    : `This device has ${plural(cores(), 'core')}; a run on ${backend || 'this backend'} with batch ${cfg.batch} uses ${willUse}.`;

  return (
    <div className="train">
      <h2>Train</h2>
      <p className="hint">
        A small transformer learns to write the story of a program&apos;s run and its output (or, with <em>direct</em>, the
        output alone). Training runs in this tab on <strong>{backend || '…'}</strong>; it is saved in this browser every few
        steps and resumes after a reload.
      </p>
      <fieldset className="train-config" disabled={busy}>
        <legend>Run settings</legend>
        <label>Model <select value={cfg.preset} onChange={(e) => set({ preset: e.target.value as TrainState['preset'] })}>
          {TRAIN_PRESETS.map((p) => <option key={p}>{p}</option>)}</select></label>
        <label>Steps <input type="number" min={1} value={cfg.steps} onChange={(e) => set({ steps: Math.max(1, Number(e.target.value) | 0) })} /></label>
        <label>Learning rate <input type="number" step="0.0005" min={0} value={cfg.lr} onChange={(e) => set({ lr: Number(e.target.value) || cfg.lr })} /></label>
        <label>Batch <input type="number" min={1} max={256} value={cfg.batch} onChange={(e) => set({ batch: Math.max(1, Number(e.target.value) | 0) })} /></label>
        <label>Backend <select value={cfg.backend} onChange={(e) => { setPhase('starting'); set({ backend: e.target.value as TrainState['backend'] }); }}>
          {TRAIN_BACKENDS.map((b) => <option key={b}>{b}</option>)}</select></label>
        <label title={WORKERS_HELP}>CPU workers <input type="number" min={1} max={MAX_TRAIN_WORKERS} value={cfg.workers}
          aria-describedby="train-workers-note" onChange={(e) => set({ workers: Math.min(MAX_TRAIN_WORKERS, Math.max(1, Number(e.target.value) | 0)) })} /></label>
        <p id="train-workers-note" className="muted small train-note" data-testid="train-workers-note">
          {WORKERS_HELP} {workersNote}
        </p>
      </fieldset>
      <fieldset className="train-data" disabled={busy}>
        <legend>Training data</legend>
        <div className="train-source">
          <label><input type="radio" name="train-data" checked={cfg.data === 'sample'} onChange={() => pickSource('sample')} /> Shipped sample</label>
          <label className="train-inline">Target <select value={cfg.granularity} onChange={(e) => { set({ granularity: e.target.value as TrainState['granularity'] }); if (cfg.data === 'sample') void switchData('sample', e.target.value, built, file); }}>
            {TRAIN_GRANULARITIES.map((g) => <option key={g}>{g}</option>)}</select></label>
        </div>
        <div className="train-source">
          <label><input type="radio" name="train-data" checked={cfg.data === 'built'} disabled={!built} aria-describedby="train-built-note" onChange={() => pickSource('built')} /> Dataset built in the Data panel</label>
          <span id="train-built-note" className="muted small" data-testid="train-built-note">
            {built ? describeBuilt(built) : 'None built yet: build one in the Data panel, and its rows come here directly.'}
          </span>
        </div>
        <div className="train-source">
          <label><input type="radio" name="train-data" checked={cfg.data === 'file'} disabled={!file} onChange={() => pickSource('file')} /> JSONL file</label>
          <label className="train-inline">Data file (JSONL) <input type="file" accept=".jsonl,.json,application/json" onChange={(e) => void pickData(e.target.files)} /></label>
        </div>
        <p className="muted small" data-testid="train-data-info">{dataInfo}</p>
      </fieldset>
      <div className="train-buttons" role="toolbar" aria-label="Training controls">
        <button type="button" onClick={() => void start()} disabled={busy}>Start new run</button>
        <button type="button" onClick={pause} disabled={phase !== 'running'}>Pause</button>
        <button type="button" onClick={() => void go()} disabled={!resumable}>Resume</button>
        <button type="button" onClick={() => void go(1)} disabled={!resumable}>Step</button>
        <button type="button" onClick={stop} disabled={phase !== 'running'}
          title={`Pauses, saves and releases the CPU workers; a step still going after ${STOP_GRACE_MS / 1000} s is cut off (the run resumes from its last save).`}>Stop</button>
        <button type="button" onClick={() => void resumeSaved()} disabled={busy || !autosaved?.resumable}>
          Resume saved run{autosaved ? ` (step ${autosaved.step})` : ''}</button>
      </div>
      {autosaved && !ownsAutosave && phase !== 'running' && (
        <p className="muted small">A new run replaces the autosave (step {autosaved.step}) once it saves: save that one under a name below to keep it.</p>
      )}
      <p className="train-status" role="status" aria-live="polite">
        {message}
        {progress && ` Step ${progress.step} / ${progress.steps} · loss ${progress.loss.toFixed(3)} · ${Math.round(progress.tokensPerS)} tokens/s on ${plural(progress.workers, 'CPU worker')} · elapsed ${fmtTime(progress.elapsedMs)}${phase === 'running' && progress.step < progress.steps ? ` · remaining ${progress.remainingMs === null ? 'estimating…' : `~${fmtTime(progress.remainingMs)}`}` : ''}`}
      </p>
      {workerInfo && workerInfo.used < workerInfo.wanted && (
        <p className="banner" role="status" data-testid="workers-problem">
          Training on {workerInfo.used} of {workerInfo.wanted} CPU workers: {workerInfo.failures.join('; ')}.
        </p>
      )}
      {storageProblem && <p className="banner banner-error" role="alert" data-testid="storage-problem">{storageProblem}</p>}
      <div hidden data-testid="train-series" data-phase={phase} data-backend={backend} data-losses={JSON.stringify(loss.ys)}
        data-workers={workerInfo?.used ?? ''} data-peer-shards={progress?.peerShards ?? ''} data-tokens-per-s={JSON.stringify(tokensPerS)} />
      <div className="train-charts">
        <Chart title="Training loss (target tokens)" label="loss" xs={loss.xs} ys={loss.ys} />
        <Chart title="Exact-match accuracy (held-out sample)" label="accuracy" xs={acc.xs} ys={acc.ys} yRange={ACC_RANGE} />
      </div>
      {lastEval && (
        <p className="muted small" data-testid="accuracy-rows">
          Accuracy at step {lastEval.step}: {(lastEval.accuracy * 100).toFixed(1)} % on {lastEval.rows} validation rows
          {lastEval.rows < EVAL_ROWS.long ? ` (a run of ${SHORT_RUN} steps or fewer checks a few rows, with short answers; longer runs check ${EVAL_ROWS.long}, spread over levels)` : ' (spread over levels)'}.
        </p>
      )}
      {run?.results && (
        <p className="small" data-testid="model-results">
          {run.label === 'shipped model' ? 'The shipped model' : 'This model'}, measured on {run.results.rows} fresh programs
          (a generator seed it never trained on, answers compared by value):{' '}
          {Object.entries(run.results.byLevel).map(([l, a]) => `level ${l} ${(a * 100).toFixed(0)} %`).join(', ')};{' '}
          {(run.results.accuracy * 100).toFixed(1)} % in all
          {run.results.firstArgument !== undefined && `, where answering "the first argument" gets ${(run.results.firstArgument * 100).toFixed(1)} %`}.
          The charts above are its own training run: loss and accuracy as it trained.
        </p>
      )}
      <h3>Predictions on held-out programs</h3>
      <p className="muted small" data-testid="scoring-note">{scoringNote(python)}</p>
      {!predictions?.list.length ? <p className="muted small">None yet.</p> : (
        <>
          <p data-testid="prediction-summary">
            {right} of {predictions.list.length} right, {modeWords(predictions.mode)}.
          </p>
          <div className="train-scroll">
            <table className="train-predictions">
              <thead><tr><th>program</th><th>real output</th><th>model&apos;s answer</th><th>verdict</th></tr></thead>
              <tbody>
                {predictions.list.map((p) => (
                  <tr key={p.id} data-testid="prediction">
                    <td>
                      <details><summary>{p.id} (level {p.level})</summary><pre>{p.prompt}</pre><pre>{p.generated}</pre></details>
                      <OpenInExplorer prompt={p.prompt} story={p.generated} />
                    </td>
                    <td><code>{p.expected}</code></td>
                    <td><code data-testid="answer">{p.score.answer ?? '(no answer)'}</code></td>
                    <td aria-label={p.score.correct ? 'right' : 'wrong'} data-testid="verdict">{p.score.correct ? '✓' : '✗'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      <Checkpoints entries={[...shipped, ...stored]} loadedId={loadedId} busy={busy} saveBlocked={saveBlocked}
        defaultName={run ? `${run.preset} run, step ${run.step}` : 'my run'} usage={usage}
        actions={{ onLoad: (c) => void loadEntry(c), onExport: (c) => void exportEntry(c), onRename: renameEntry,
          onDelete: deleteEntry, onSave: (n) => void saveNamed(n), onImport: (l) => void importCkpt(l) }} />
    </div>
  );
}
