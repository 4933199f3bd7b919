// The model worker: asks a shipped model to dry-run a program, off the page's thread, behind comlink. It holds
// one loaded model; `ask` streams the sampled stories back as they are written (src/simulate/ask.ts) and yields
// to the event loop after every token, so `stop` is heard mid-story (simulateInWorker).
import * as Comlink from 'comlink';
import { initWebBackend } from '../src/model/backend-web.ts';
import type { GPTConfig, Params } from '../src/model/gpt.ts';
import { refusal, simulateInWorker, type Refusal, type SimulateResult } from '../src/simulate/ask.ts';
import { Tokenizer } from '../src/tokenise/tokenizer.ts';
import { loadParams, readCheckpointConfig, type CheckpointFiles } from '../src/train/trainer.ts';

export interface LoadedModel {
  id: string;
  backend: string;
  blockSize: number;
  params: number;
}

export interface AskOptions {
  samples: number;
  temperature: number;
  seed: number;
}

let backend: Promise<string> | undefined;
let model: { id: string; params: Params; cfg: GPTConfig; tok: Tokenizer } | undefined;
let stopAsked = false;

const api = {
  /** Loads (or keeps) the model `id`; the page fetches its files. */
  async load(id: string, files: CheckpointFiles): Promise<LoadedModel> {
    backend ??= initWebBackend().then((c) => c.backend);
    const name = await backend.catch((e: unknown) => {
      backend = undefined; // a failed start is tried again by the next question
      throw e;
    });
    if (model?.id !== id) {
      if (model) for (const v of Object.values(model.params)) v.dispose();
      model = undefined;
      const c = readCheckpointConfig(files['config.json']);
      const tok = Tokenizer.fromJSON(JSON.parse(files['tokenizer.json']));
      model = { id, params: loadParams(c.model, files['model.safetensors']), cfg: c.model, tok };
    }
    const n = Object.values(model.params).reduce((a, v) => a + v.size, 0);
    return { id, backend: name, blockSize: model.cfg.blockSize, params: n };
  },

  /** Why the loaded model should not be asked about this program, or null. */
  check(code: string, stdin: string): Refusal | null {
    if (!model) throw new Error('no model is loaded');
    return refusal(code, stdin, model.tok, model.cfg);
  },

  /** Sample stories for the program; `onUpdate` gets the texts so far about every 60 ms. */
  async ask(code: string, stdin: string, opts: AskOptions,
    onUpdate: (texts: string[], tokens: number) => void): Promise<SimulateResult> {
    if (!model) throw new Error('no model is loaded');
    stopAsked = false;
    return simulateInWorker(model.params, model.cfg, model.tok, code, stdin, opts, onUpdate, () => stopAsked);
  },

  stop(): void {
    stopAsked = true;
  },
};

export type ModelApi = typeof api;
Comlink.expose(api);
