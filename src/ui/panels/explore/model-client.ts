// The page's side of the model worker (workers/model.worker.ts): one worker, started on the first question, its
// lifecycle and Stop in src/ui/model-worker-client.ts (shared with the rank worker's client). The shipped models
// come from public/models/index.json.
import * as Comlink from 'comlink';
import { readManifest, type ShippedModel } from '../../../train/manifest.ts';
import { listCheckpoints, readCheckpoint, RL_AUTOSAVE_ID } from '../../../train/browser/checkpoint-store.ts';
import type { AskOptions, LoadedModel, ModelApi } from '../../../../workers/model.worker.ts';
import type { Refusal, SimulateResult } from '../../../simulate/ask.ts';
import { modelWorkerClient } from '../../model-worker-client.ts';
import { fetchText } from '../../site.ts';
import { trainWorker, trainWorkerStarted, untilTerminated } from '../train/client.ts';

export { ModelStopped } from '../../model-worker-client.ts';

const client = modelWorkerClient<ModelApi, LoadedModel>(() =>
  new Worker(new URL('../../../../workers/model.worker.ts', import.meta.url), { type: 'module', name: 'model' }));

let manifest: Promise<ShippedModel[]> | undefined;
export function shippedModels(): Promise<ShippedModel[]> {
  manifest ??= fetchText('models/index.json').then((t) => readManifest(JSON.parse(t)));
  manifest.catch(() => (manifest = undefined));
  return manifest;
}

/** Fetches the model's files (progress in words) and loads it in the worker; a loaded one is kept. */
export function loadModel(m: ShippedModel, onPhase: (words: string) => void): Promise<LoadedModel> {
  return client.load(m, onPhase);
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
  onPhase(`Reading ${m.name} from this browser's storage…`);
  const stored = await readCheckpoint(m.path.slice(STORED.length));
  if (!stored) throw new Error(`${m.name} is no longer saved in this browser: choose another model.`);
  const f = stored.files;
  return client.loadFiles(`${m.path}@${stored.meta.savedAt ?? 0}`, { 'config.json': f['config.json'],
    'tokenizer.json': f['tokenizer.json'], 'model.safetensors': f['model.safetensors'] });
}

export function checkProgram(code: string, stdin: string): Promise<Refusal | null> {
  return client.race(client.remote().check(code, stdin));
}

export function ask(code: string, stdin: string, opts: AskOptions,
  onUpdate: (texts: string[], tokens: number) => void): Promise<SimulateResult> {
  return client.race(client.remote().ask(code, stdin, opts, Comlink.proxy(onUpdate)));
}

/** Stop: the worker is asked to stop, and closed if the question is still in flight a few seconds later. */
export function stopAsking(): void {
  client.stop();
}

let question = 0;
/**
 * The page marks when a question is in flight (loading, checking and asking alike), so a late Stop neither
 * closes an idle worker nor a question asked after it.
 */
export function setBusy(b: boolean): void {
  if (b) question = client.begin();
  else client.end(question);
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
