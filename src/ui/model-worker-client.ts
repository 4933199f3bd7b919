// The page's side of a worker that holds one model (workers/model-holder.ts): the Explorer's model worker and the
// rank worker. The worker starts at the first call; a model's files are fetched here and handed over once, and the
// loaded one is kept. Stop asks the worker to stop between two tokens; if the same call is still in flight a few
// seconds later (a backend that cannot yield), the worker is closed, every call waiting on it rejects with
// `ModelStopped`, and the next call starts a fresh one. A call begun after Stop is never closed by its timer.
import * as Comlink from 'comlink';
import type { ShippedModel } from '../train/manifest.ts';
import type { CheckpointFiles } from '../train/trainer.ts';
import { fetchBytes, fetchText } from './site.ts';

export class ModelStopped extends Error {}

/** What such a worker offers: load a model from its files, and stop what it is doing. */
interface HoldsModel<Loaded> {
  load(id: string, files: CheckpointFiles): Promise<Loaded>;
  stop(): void;
}

/** How long Stop waits for the worker to answer before closing it. */
export const STOP_GRACE_MS = 4000;

export function modelWorkerClient<Api extends HoldsModel<Loaded>, Loaded extends { id: string }>(start: () => Worker) {
  let worker: Worker | undefined;
  let api: Comlink.Remote<Api> | undefined;
  let closed: ((e: Error) => void) | undefined;
  let closedPromise: Promise<never> | undefined;
  let loaded: Loaded | undefined;
  /** Calls begun so far; `inFlight` is the one running (0: none). */
  let calls = 0;
  let inFlight = 0;

  const remote = (): Comlink.Remote<Api> => {
    if (!api) {
      worker = start();
      api = Comlink.wrap<Api>(worker);
      closedPromise = new Promise<never>((_, reject) => (closed = reject));
      closedPromise.catch(() => undefined);
    }
    return api;
  };

  const close = (): void => {
    loaded = undefined;
    worker?.terminate();
    closed?.(new ModelStopped('the model was stopped'));
    worker = undefined;
    api = undefined;
    closed = undefined;
  };

  /** The call, or a rejection if the worker is closed first. */
  const race = <T>(call: Promise<T>): Promise<T> => Promise.race([call, closedPromise!]);

  const loadFiles = async (id: string, files: CheckpointFiles): Promise<Loaded> => {
    const w = remote();
    loaded = await race(w.load(id, files) as Promise<Loaded>);
    return loaded;
  };

  return {
    remote,
    race,

    /** Fetches a shipped model's files (progress in words) and loads it in the worker; a loaded one is kept. */
    async load(m: ShippedModel, onPhase: (words: string) => void): Promise<Loaded> {
      remote();
      if (loaded?.id === m.path) return loaded;
      onPhase(`Downloading ${m.name}…`);
      const [config, tokenizer, weights] = await Promise.all([fetchText(`${m.path}config.json`),
        fetchText(`${m.path}tokenizer.json`), fetchBytes(`${m.path}model.safetensors`)]);
      onPhase(`Starting ${m.name} (${(weights.length / 1e6).toFixed(1)} MB of weights)…`);
      return loadFiles(m.path, { 'config.json': config, 'tokenizer.json': tokenizer, 'model.safetensors': weights });
    },

    /** Loads a model from files the page already holds (a checkpoint saved in this browser). */
    loadFiles,

    /** Marks a call in flight (Stop's timer closes the worker only while that call is still the one running). */
    begin(): number {
      inFlight = ++calls;
      return inFlight;
    },
    end(call: number): void {
      if (inFlight === call) inFlight = 0;
    },

    /** Asks the worker to stop; closes it if the call in flight now is still running after STOP_GRACE_MS. */
    stop(): void {
      if (!api) return;
      void api.stop();
      const call = inFlight;
      if (call) {
        setTimeout(() => {
          if (inFlight === call) close();
        }, STOP_GRACE_MS);
      }
    },
  };
}
