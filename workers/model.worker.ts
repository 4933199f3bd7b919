// The model worker: asks a shipped model to dry-run a program, off the page's thread, behind comlink. It holds
// one loaded model; `ask` streams the sampled stories back as they are written (src/simulate/ask.ts) and yields
// to the event loop after every token, so `stop` is heard mid-story (simulateInWorker).
import * as Comlink from 'comlink';
import { refusal, simulateInWorker, type Refusal, type SimulateResult } from '../src/simulate/ask.ts';
import type { CheckpointFiles } from '../src/train/trainer.ts';
import { modelHolder } from './model-holder.ts';

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

const held = modelHolder();
let stopAsked = false;

const api = {
  /** Loads (or keeps) the model `id`; the page fetches its files. */
  async load(id: string, files: CheckpointFiles): Promise<LoadedModel> {
    const { model, backend } = await held.load(id, files);
    return { id, backend, blockSize: model.cfg.blockSize, params: model.size };
  },

  /** Why the loaded model should not be asked about this program, or null. */
  check(code: string, stdin: string): Refusal | null {
    const model = held.get();
    return refusal(code, stdin, model.tok, model.cfg);
  },

  /** Sample stories for the program; `onUpdate` gets the texts so far about every 60 ms. */
  async ask(code: string, stdin: string, opts: AskOptions,
    onUpdate: (texts: string[], tokens: number) => void): Promise<SimulateResult> {
    const model = held.get();
    stopAsked = false;
    return simulateInWorker(model.params, model.cfg, model.tok, code, stdin, opts, onUpdate, () => stopAsked);
  },

  stop(): void {
    stopAsked = true;
  },
};

export type ModelApi = typeof api;
Comlink.expose(api);
