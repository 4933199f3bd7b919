// The one model a model-asking worker holds (workers/model.worker.ts, workers/rank.worker.ts): the web backend
// started once (a failed start is tried again by the next load), and the model for an id loaded from the files the
// page fetched, kept while the same id is asked for and disposed when another replaces it.
import { initWebBackend } from '../src/model/backend-web.ts';
import type { GPTConfig, Params } from '../src/model/gpt.ts';
import { Tokenizer } from '../src/tokenise/tokenizer.ts';
import { loadParams, readCheckpointConfig, type CheckpointFiles } from '../src/train/trainer.ts';

export interface HeldModel {
  id: string;
  params: Params;
  cfg: GPTConfig;
  tok: Tokenizer;
  /** Parameters in all. */
  size: number;
}

export function modelHolder() {
  let backend: Promise<string> | undefined;
  let model: HeldModel | undefined;
  return {
    /** Loads (or keeps) the model `id`; resolves with it and the backend's name. */
    async load(id: string, files: CheckpointFiles): Promise<{ model: HeldModel; backend: string }> {
      backend ??= initWebBackend().then((c) => c.backend);
      const name = await backend.catch((e: unknown) => {
        backend = undefined;
        throw e;
      });
      if (model?.id !== id) {
        if (model) for (const v of Object.values(model.params)) v.dispose();
        model = undefined;
        const c = readCheckpointConfig(files['config.json']);
        const tok = Tokenizer.fromJSON(JSON.parse(files['tokenizer.json']));
        const params = loadParams(c.model, files['model.safetensors']);
        model = { id, params, cfg: c.model, tok, size: Object.values(params).reduce((a, v) => a + v.size, 0) };
      }
      return { model, backend: name };
    },
    /** The loaded model; a call before any load is a mistake of the page's. */
    get(): HeldModel {
      if (!model) throw new Error('no model is loaded');
      return model;
    },
  };
}
