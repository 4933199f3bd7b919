// The page's side of the model worker (workers/model.worker.ts): one worker, started on the first question. The
// shipped models come from public/models/index.json; a model's files are fetched here and handed over once.
// Stop asks the worker to stop between two tokens; if it does not answer within a few seconds (a backend that
// cannot yield), the worker is closed and the next question starts a fresh one.
import * as Comlink from 'comlink';
import { readManifest, type ShippedModel } from '../../../train/manifest.ts';
import { listCheckpoints, readCheckpoint, RL_AUTOSAVE_ID } from '../../../train/browser/checkpoint-store.ts';
import type { AskOptions, LoadedModel, ModelApi } from '../../../../workers/model.worker.ts';
import type { Refusal, SimulateResult } from '../../../simulate/ask.ts';
import { fetchBytes, fetchText } from '../../site.ts';
import { trainWorker, trainWorkerStarted, untilTerminated } from '../train/client.ts';

let worker: Worker | undefined;
let api: Comlink.Remote<ModelApi> | undefined;
let closed: ((e: Error) => void) | undefined;
let closedPromise: Promise<never> | undefined;

function remote(): Comlink.Remote<ModelApi> {
  if (!api) {
    worker = new Worker(new URL('../../../../workers/model.worker.ts', import.meta.url), { type: 'module', name: 'model' });
    api = Comlink.wrap<ModelApi>(worker);
    closedPromise = new Promise<never>((_, reject) => (closed = reject));
    closedPromise.catch(() => undefined);
  }
  return api;
}

export class ModelStopped extends Error {}

function close(): void {
  loaded = undefined;
  worker?.terminate();
  closed?.(new ModelStopped('the model was stopped'));
  worker = undefined;
  api = undefined;
  closed = undefined;
}

/** The call, or a rejection if the worker is closed first. */
function race<T>(call: Promise<T>): Promise<T> {
  return Promise.race([call, closedPromise!]);
}

let manifest: Promise<ShippedModel[]> | undefined;
export function shippedModels(): Promise<ShippedModel[]> {
  manifest ??= fetchText('models/index.json').then((t) => readManifest(JSON.parse(t)));
  manifest.catch(() => (manifest = undefined));
  return manifest;
}

/** The model the current worker holds: asking it again fetches nothing. */
let loaded: LoadedModel | undefined;

/** Fetches the model's files (progress in words) and loads it in the worker; a loaded one is kept. */
export async function loadModel(m: ShippedModel, onPhase: (words: string) => void): Promise<LoadedModel> {
  const w = remote();
  if (loaded?.id === m.path) return loaded;
  onPhase(`Downloading ${m.name}…`);
  const [config, tokenizer, weights] = await Promise.all([fetchText(`${m.path}config.json`),
    fetchText(`${m.path}tokenizer.json`), fetchBytes(`${m.path}model.safetensors`)]);
  onPhase(`Starting ${m.name} (${(weights.length / 1e6).toFixed(1)} MB of weights)…`);
  loaded = await race(w.load(m.path, { 'config.json': config, 'tokenizer.json': tokenizer, 'model.safetensors': weights }));
  return loaded;
}

/** Choices for checkpoints saved in this browser: `stored:ID`. */
export const STORED = 'stored:';

/**
 * The checkpoints saved in this browser (the Reinforce run first, then the Train panel's), as choices: the
 * newest copy of each is read from IndexedDB when asked. An unreadable store gives an empty list.
 */
export async function storedModels(): Promise<ShippedModel[]> {
  let list;
  try {
    list = await listCheckpoints();
  } catch {
    return [];
  }
  const rank = (id: string) => Number(id !== RL_AUTOSAVE_ID);
  return list.filter((m) => m.kind !== 'shipped').sort((a, b) => rank(a.id) - rank(b.id)).map((m) => ({
    name: m.id === RL_AUTOSAVE_ID ? `Your Reinforce run (step ${m.rl?.step ?? m.step})` : `Saved: ${m.name} (step ${m.step})`,
    role: m.rl ? 'rl' : 'trace-sft', path: `${STORED}${m.id}`, tokens: m.tokensSeen, recipe: m.dataLabel, resumable: false,
  }));
}

/** Reads a checkpoint saved in this browser and loads it in the worker (read afresh each time: a run moves on). */
export async function loadStoredModel(m: ShippedModel, onPhase: (words: string) => void): Promise<LoadedModel> {
  const w = remote();
  onPhase(`Reading ${m.name} from this browser's storage…`);
  const stored = await readCheckpoint(m.path.slice(STORED.length));
  if (!stored) throw new Error(`${m.name} is no longer saved in this browser: choose another model.`);
  const f = stored.files;
  loaded = await race(w.load(`${m.path}@${stored.meta.savedAt ?? 0}`, { 'config.json': f['config.json'],
    'tokenizer.json': f['tokenizer.json'], 'model.safetensors': f['model.safetensors'] }));
  return loaded;
}

export function checkProgram(code: string, stdin: string): Promise<Refusal | null> {
  return race(remote().check(code, stdin));
}

export function ask(code: string, stdin: string, opts: AskOptions,
  onUpdate: (texts: string[], tokens: number) => void): Promise<SimulateResult> {
  return race(remote().ask(code, stdin, opts, Comlink.proxy(onUpdate)));
}

export function stopAsking(): void {
  if (!api) return;
  void api.stop();
  const current = closedPromise;
  const stopping = question;
  // A worker still on the same question after this long is not reading messages: close it. A question asked
  // after Stop (a new number) is left alone.
  setTimeout(() => {
    if (closedPromise === current && busy && question === stopping) close();
  }, 4000);
}

let busy = false;
/** Questions asked so far: Stop's timer closes the worker only if the question it stopped is still the one in flight. */
let question = 0;
/** The page marks when a question is in flight, so a late Stop does not close an idle worker. */
export function setBusy(b: boolean): void {
  busy = b;
  if (b) question++;
}

/** The choice that asks the Train panel's model (its run, or the checkpoint it loaded) instead of a shipped one. */
export const TRAIN_RUN = 'train:';

/** The Train panel's model in words, or why it cannot be asked. */
export async function trainModel(): Promise<{ ok: true; words: string } | { ok: false; why: string }> {
  if (!trainWorkerStarted()) return { ok: false, why: 'Open the Train panel first: it has no model yet.' };
  const m = await untilTerminated((w) => w.askable());
  return m ? { ok: true, words: `the Train panel's ${m.label === 'run' ? 'run' : `“${m.label}”`} (${m.preset}, step ${m.step})` }
    : { ok: false, why: 'The Train panel has no model loaded: start a run or load a checkpoint there first.' };
}

export function checkWithTrainModel(code: string, stdin: string): Promise<Refusal | null> {
  return untilTerminated((w) => w.checkProgram(code, stdin));
}

export function askTrainModel(code: string, stdin: string, opts: AskOptions,
  onUpdate: (texts: string[], tokens: number) => void): Promise<SimulateResult> {
  return untilTerminated((w) => w.ask(code, stdin, opts, Comlink.proxy(onUpdate)));
}

export function stopTrainModel(): void {
  if (trainWorkerStarted()) void trainWorker().stopAsking();
}
