// The Train stage: train the model in this tab (a worker; webgpu, wasm or cpu), watch loss and accuracy,
// compare its predictions with the truth. The shipped checkpoint loads at start, so predictions show at once.
// A run is saved to IndexedDB as it goes and resumes exactly after a reload; checkpoints export as
// safetensors + JSON (the files `npm run train` writes) and import back.
import { useCallback, useEffect, useRef, useState } from 'react';
import * as Comlink from 'comlink';
import { TRAIN_BACKENDS, TRAIN_GRANULARITIES, TRAIN_PRESETS, type TrainState } from '../../../experiment/slices/train.ts';
import type { CheckpointFiles } from '../../../train/trainer.ts';
import type { Prediction } from '../../../train/evaluate.ts';
import type { RunInfo, TrainEvent } from '../../../../workers/train.worker.ts';
import { useExperiment } from '../../state.ts';
import { setComputeStatus } from '../../status.ts';
import { Chart } from './Chart.tsx';
import { fetchBytes, fetchText, trainWorker } from './client.ts';
import './train.css';

type Phase = 'starting' | 'ready' | 'running' | 'paused' | 'done' | 'failed';

const ACC_RANGE: [number, number] = [0, 1];

function fmtTime(ms: number): string {
  const s = Math.round(ms / 1000);
  return s < 60 ? `${s} s` : `${Math.floor(s / 60)} min ${s % 60} s`;
}

async function shippedCheckpoint(): Promise<CheckpointFiles> {
  const [config, tokenizer, weights] = await Promise.all([fetchText('model/config.json'),
    fetchText('model/tokenizer.json'), fetchBytes('model/model.safetensors')]);
  return { 'config.json': config, 'tokenizer.json': tokenizer, 'model.safetensors': weights };
}

function download(name: string, data: string | Uint8Array): void {
  const blob = new Blob([data as BlobPart], { type: typeof data === 'string' ? 'application/json' : 'application/octet-stream' });
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

export function TrainPanel() {
  const [exp, update] = useExperiment();
  const cfg = exp.train;
  const [phase, setPhase] = useState<Phase>('starting');
  const [message, setMessage] = useState('Starting the training worker…');
  const [backend, setBackend] = useState('');
  const [run, setRun] = useState<RunInfo | null>(null);
  const [progress, setProgress] = useState<Extract<TrainEvent, { kind: 'log' }> | null>(null);
  const [loss, setLoss] = useState<{ xs: number[]; ys: number[] }>({ xs: [], ys: [] });
  const [acc, setAcc] = useState<{ xs: number[]; ys: number[] }>({ xs: [], ys: [] });
  const [predictions, setPredictions] = useState<Prediction[]>([]);
  const [savedStep, setSavedStep] = useState<number | null>(null);
  const [dataInfo, setDataInfo] = useState('');
  const fileText = useRef<string | null>(null);
  const busy = phase === 'running' || phase === 'starting';

  const showHistory = (info: RunInfo) => {
    setRun(info);
    const l = info.history.filter((h) => Number.isFinite(h.loss));
    const a = info.history.filter((h) => h.valAccuracy !== undefined);
    setLoss({ xs: l.map((h) => h.step), ys: l.map((h) => h.loss) });
    setAcc({ xs: a.map((h) => h.step), ys: a.map((h) => h.valAccuracy!) });
  };

  const loadData = useCallback(async (granularity: string, data: string) => {
    const text = data === 'file' && fileText.current ? fileText.current : await fetchText(`model/sample-${granularity}.jsonl`);
    const r = await trainWorker().setData(text);
    setDataInfo(`${r.train} training rows, ${r.val} held-out rows${r.skipped ? `, ${r.skipped} unreadable lines skipped` : ''}` +
      (data === 'file' && fileText.current ? ' (your file)' : ` (shipped sample, ${granularity})`));
  }, []);

  // Start-up (and a backend change): backend, data, then the shipped model's predictions. The worker is kept
  // across a change (a fresh worker's WebGPU adapter request hung in Chromium after the first was terminated).
  useEffect(() => {
    let live = true;
    setComputeStatus({ backend: cfg.backend, state: 'initialising' });
    (async () => {
      const api = trainWorker();
      const chosen = await api.init(cfg.backend);
      if (!live) return;
      setBackend(chosen.backend);
      setComputeStatus({ backend: chosen.backend, state: 'ready' });
      setMessage(`Using ${chosen.backend}${chosen.skipped.length ? ` (${chosen.skipped.map((s) => `${s.backend}: ${s.reason}`).join('; ')})` : ''}.`);
      await loadData(cfg.granularity, cfg.data);
      setSavedStep(await api.savedStep());
      try {
        const info = await api.loadCheckpoint(await shippedCheckpoint(), 'shipped model');
        if (!live) return;
        showHistory(info);
        setMessage((m) => `${m} Loaded the shipped model (${info.preset}, step ${info.step}); its predictions on held-out programs appear below.`.trim());
        setPhase('ready');
        const preds = await api.predict(6);
        if (live && preds.length) setPredictions(preds);
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
  }, [cfg.backend]);

  const onEvent = useCallback((e: TrainEvent) => {
    if (e.kind === 'log') {
      setProgress(e);
      setLoss((p) => ({ xs: [...p.xs, e.step], ys: [...p.ys, e.loss] }));
    } else if (e.kind === 'eval') {
      setAcc((p) => ({ xs: [...p.xs, e.step], ys: [...p.ys, e.accuracy] }));
      setPredictions(e.predictions);
    } else if (e.kind === 'saved') setSavedStep(e.step);
    else if (e.kind === 'state') setPhase(e.state === 'running' ? 'running' : e.state);
  }, []);

  const go = async (maxSteps?: number) => {
    setPhase('running');
    setComputeStatus({ backend, state: 'training' });
    try {
      const info = await trainWorker().run(Comlink.proxy(onEvent), maxSteps);
      setRun(info);
      setPhase(info.step >= info.steps ? 'done' : 'paused');
      setMessage(info.step >= info.steps ? `Done: ${info.steps} steps.` : `Paused at step ${info.step}.`);
    } catch (e) {
      setPhase('failed');
      setMessage(`Training stopped with an error: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setComputeStatus({ backend, state: 'ready' });
    }
  };

  const start = async () => {
    try {
      await loadData(cfg.granularity, cfg.data);
      const info = await trainWorker().newRun(cfg, exp.seed);
      showHistory(info);
      setPredictions([]);
      setMessage(`New run: ${info.preset}, ${info.params.toLocaleString()} parameters, ${info.steps} steps.`);
      await go();
    } catch (e) {
      setPhase('failed');
      setMessage(e instanceof Error ? e.message : String(e));
    }
  };

  const resumeSaved = async () => {
    const info = await trainWorker().resumeSaved();
    if (!info) return setMessage('Nothing saved in this browser.');
    showHistory(info);
    setMessage(`Resumed the run saved at step ${info.step}.`);
    await go();
  };

  const stop = () => {
    void trainWorker().pause();
    setMessage('Stopping after this step…');
  };

  const exportCkpt = async () => {
    const files = await trainWorker().exportCheckpoint();
    if (!files) return setMessage('No run to export: start or resume one first.');
    for (const [name, data] of Object.entries(files)) download(name, data as string | Uint8Array);
  };

  const importCkpt = async (list: FileList | null) => {
    if (!list) return;
    const get = (n: string) => [...list].find((f) => f.name === n);
    const cfgFile = get('config.json');
    const tokFile = get('tokenizer.json');
    const weights = get('model.safetensors');
    if (!cfgFile || !tokFile || !weights) {
      return setMessage('Pick config.json, tokenizer.json and model.safetensors together (optimizer.safetensors too, to keep training).');
    }
    try {
      const opt = get('optimizer.safetensors');
      const files: CheckpointFiles = { 'config.json': await cfgFile.text(), 'tokenizer.json': await tokFile.text(),
        'model.safetensors': new Uint8Array(await weights.arrayBuffer()),
        ...(opt ? { 'optimizer.safetensors': new Uint8Array(await opt.arrayBuffer()) } : {}) };
      const info = await trainWorker().loadCheckpoint(files, 'imported');
      showHistory(info);
      setPredictions(await trainWorker().predict(6));
      setPhase(info.resumable ? 'paused' : 'ready');
      setMessage(`Imported a checkpoint at step ${info.step}${info.resumable ? ': Resume continues it.' : ' (weights only).'}`);
    } catch (e) {
      setMessage(`Could not import: ${e instanceof Error ? e.message : String(e)}`);
    }
  };

  const pickData = async (list: FileList | null) => {
    const f = list?.[0];
    if (!f) return;
    fileText.current = await f.text();
    update('train', { data: 'file' });
    await loadData(cfg.granularity, 'file');
  };

  const set = (patch: Partial<TrainState>) => update('train', patch);
  const resumable = run?.resumable && phase !== 'running' && run.step < run.steps;

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
        <label>Target <select value={cfg.granularity} onChange={(e) => { set({ granularity: e.target.value as TrainState['granularity'] }); void loadData(e.target.value, cfg.data); }}>
          {TRAIN_GRANULARITIES.map((g) => <option key={g}>{g}</option>)}</select></label>
        <label>Steps <input type="number" min={1} value={cfg.steps} onChange={(e) => set({ steps: Math.max(1, Number(e.target.value) | 0) })} /></label>
        <label>Learning rate <input type="number" step="0.0005" min={0} value={cfg.lr} onChange={(e) => set({ lr: Number(e.target.value) || cfg.lr })} /></label>
        <label>Batch <input type="number" min={1} max={256} value={cfg.batch} onChange={(e) => set({ batch: Math.max(1, Number(e.target.value) | 0) })} /></label>
        <label>Backend <select value={cfg.backend} onChange={(e) => { setPhase('starting'); set({ backend: e.target.value as TrainState['backend'] }); }}>
          {TRAIN_BACKENDS.map((b) => <option key={b}>{b}</option>)}</select></label>
        <label>Data file (JSONL) <input type="file" accept=".jsonl,.json,application/json" onChange={(e) => void pickData(e.target.files)} /></label>
        <p className="hint">{dataInfo}</p>
      </fieldset>
      <div className="train-buttons" role="toolbar" aria-label="Training controls">
        <button type="button" onClick={() => void start()} disabled={busy}>Start new run</button>
        <button type="button" onClick={stop} disabled={phase !== 'running'}>Pause</button>
        <button type="button" onClick={() => void go()} disabled={!resumable}>Resume</button>
        <button type="button" onClick={() => void go(1)} disabled={!resumable}>Step</button>
        <button type="button" onClick={() => { stop(); setTimeout(() => setPhase('ready'), 0); }} disabled={phase !== 'running'}>Stop</button>
        <button type="button" onClick={() => void resumeSaved()} disabled={busy || savedStep === null}>
          Resume saved run{savedStep !== null ? ` (step ${savedStep})` : ''}</button>
        <button type="button" onClick={() => void exportCkpt()} disabled={busy}>Export checkpoint</button>
        <label className="button-like">Import checkpoint <input type="file" multiple accept=".json,.safetensors" onChange={(e) => void importCkpt(e.target.files)} disabled={busy} /></label>
      </div>
      <p className="train-status" role="status" aria-live="polite">
        {message}
        {progress && ` Step ${progress.step} / ${progress.steps} · loss ${progress.loss.toFixed(3)} · ${Math.round(progress.tokensPerS)} tokens/s · elapsed ${fmtTime(progress.elapsedMs)} · remaining ~${fmtTime(progress.remainingMs)}`}
      </p>
      <div hidden data-testid="train-series" data-phase={phase} data-backend={backend} data-losses={JSON.stringify(loss.ys)} />
      <div className="train-charts">
        <Chart title="Training loss (target tokens)" label="loss" xs={loss.xs} ys={loss.ys} />
        <Chart title="Exact-match accuracy (held-out sample)" label="accuracy" xs={acc.xs} ys={acc.ys} yRange={ACC_RANGE} />
      </div>
      <h3>Predictions on held-out programs</h3>
      {predictions.length === 0 ? <p className="hint">None yet.</p> : (
        <table className="train-predictions">
          <thead><tr><th>program</th><th>real output</th><th>model&apos;s answer</th><th /></tr></thead>
          <tbody>
            {predictions.map((p) => (
              <tr key={p.id} data-testid="prediction">
                <td><details><summary>{p.id} (level {p.level})</summary><pre>{p.prompt}</pre><pre>{p.generated}</pre></details></td>
                <td><code>{p.expected}</code></td>
                <td><code>{p.score.answer ?? '(no answer)'}</code></td>
                <td aria-label={p.score.correct ? 'correct' : 'wrong'}>{p.score.correct ? '✓' : '✗'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
