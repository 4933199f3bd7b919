// The models shipped with the page: the manifest (public/models/index.json) and each model's files, fetched once
// per page and kept (a failed fetch is tried again next time). The first is the one the notebook opens with
// (checkpoint id `shipped`); the others are `shipped:ROLE`. A resumable one's optimizer state is fetched only when
// it is loaded from the list or exported (a few MB).
import { metaOf, type CheckpointMeta } from '../../../train/browser/checkpoint-store.ts';
import { readManifest, type ShippedModel } from '../../../train/manifest.ts';
import type { CheckpointFiles } from '../../../train/trainer.ts';
import { fetchBytes, fetchText } from './client.ts';

export const SHIPPED_ID = 'shipped';
const FALLBACK: ShippedModel = { name: 'Shipped model', role: 'trace-sft', path: 'model/', tokens: 0, recipe: '', resumable: true };

export interface ShippedList {
  models: { id: string; model: ShippedModel }[];
  /** Why the manifest could not be read (the default model is listed instead), or null. */
  problem: string | null;
}

/** A promise kept once it has resolved; one that rejects is forgotten, so the next call fetches again. */
function once<T>(load: () => Promise<T>): () => Promise<T> {
  let kept: Promise<T> | undefined;
  return () => (kept ??= load().catch((e: unknown) => {
    kept = undefined;
    throw e;
  }));
}

/** The shipped models; a missing or damaged manifest falls back to public/model/. */
export const shippedList = once(async (): Promise<ShippedList> => {
  let models: ShippedModel[];
  let problem: string | null = null;
  try {
    models = readManifest(JSON.parse(await fetchText('models/index.json')));
  } catch (e) {
    models = [FALLBACK];
    problem = `The list of shipped models could not be read (${e instanceof Error ? e.message : String(e)}); showing the default one.`;
  }
  return { models: models.map((model, i) => ({ id: i === 0 ? SHIPPED_ID : `shipped:${model.role}`, model })), problem };
});

const files = new Map<string, () => Promise<{ model: ShippedModel; files: CheckpointFiles }>>();

/** A shipped model and its files (config, tokenizer, weights), by checkpoint id. */
export function shippedFiles(id: string): Promise<{ model: ShippedModel; files: CheckpointFiles }> {
  let get = files.get(id);
  if (!get) {
    get = once(async () => {
      const model = (await shippedList()).models.find((m) => m.id === id)?.model ?? FALLBACK;
      const [config, tokenizer, weights] = await Promise.all([fetchText(`${model.path}config.json`),
        fetchText(`${model.path}tokenizer.json`), fetchBytes(`${model.path}model.safetensors`)]);
      return { model, files: { 'config.json': config, 'tokenizer.json': tokenizer, 'model.safetensors': weights } };
    });
    files.set(id, get);
  }
  return get();
}

/** Its files with the optimizer state when it has one (`optional`: a failed fetch gives the weights alone). */
export async function shippedFilesToTrain(id: string, optional: boolean): Promise<{ model: ShippedModel; files: CheckpointFiles }> {
  const { model, files: weights } = await shippedFiles(id);
  if (!model.resumable) return { model, files: weights };
  const optimizer = optional ? await fetchBytes(`${model.path}optimizer.safetensors`).catch(() => undefined)
    : await fetchBytes(`${model.path}optimizer.safetensors`);
  return { model, files: optimizer ? { ...weights, 'optimizer.safetensors': optimizer } : weights };
}

/** The shipped models as rows of the checkpoint list. */
export async function shippedMetas(): Promise<CheckpointMeta[]> {
  const { models } = await shippedList();
  return Promise.all(models.map(async ({ id, model }) => {
    const { files: f } = await shippedFiles(id);
    const notes = (JSON.parse(f['config.json']) as { train?: { notes?: Record<string, string> } }).train?.notes;
    // Listed with the optimizer state it has in its folder (fetched when it is loaded from the list).
    return { ...metaOf(f, { id, name: model.name, kind: 'shipped', savedAt: null, dataLabel: notes?.data ?? '' }),
      resumable: model.resumable };
  }));
}
