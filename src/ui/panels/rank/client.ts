// The page's side of the rank worker (workers/rank.worker.ts): one worker, started at the first ranking. A model's
// files are fetched here and handed over once. Stop asks the worker to stop between two tokens; if it has not
// answered within a few seconds (a backend that cannot yield), the worker is closed and the next ranking starts
// a fresh one. Answers are compared by value in the page's Python (the runner), which the worker calls back.
import * as Comlink from 'comlink';
import type { PredictReply, PredictRequest, RankApi, RankModel } from '../../../../workers/rank.worker.ts';
import type { ShippedModel } from '../../../train/manifest.ts';
import { getRunner } from '../../runner.ts';
import { fetchBytes, fetchText } from '../../site.ts';

let worker: Worker | undefined;
let api: Comlink.Remote<RankApi> | undefined;
let closed: ((e: Error) => void) | undefined;
let closedPromise: Promise<never> | undefined;
let loaded: RankModel | undefined;
/** Counts predict calls; `inFlight` is the one running (0: none), so a late Stop's timer never closes a later call. */
let calls = 0;
let inFlight = 0;

export class RankStopped extends Error {}

function remote(): Comlink.Remote<RankApi> {
  if (!api) {
    worker = new Worker(new URL('../../../../workers/rank.worker.ts', import.meta.url), { type: 'module', name: 'rank' });
    api = Comlink.wrap<RankApi>(worker);
    closedPromise = new Promise<never>((_, reject) => (closed = reject));
    closedPromise.catch(() => undefined);
  }
  return api;
}

function close(): void {
  loaded = undefined;
  worker?.terminate();
  closed?.(new RankStopped('the model was stopped'));
  worker = undefined;
  api = undefined;
  closed = undefined;
}

function race<T>(call: Promise<T>): Promise<T> {
  return Promise.race([call, closedPromise!]);
}

/** Fetches the model's files (progress in words) and loads it in the worker; a loaded one is kept. */
export async function loadRankModel(m: ShippedModel, onPhase: (words: string) => void): Promise<RankModel> {
  const w = remote();
  if (loaded?.id === m.path) return loaded;
  onPhase(`Downloading ${m.name}…`);
  const [config, tokenizer, weights] = await Promise.all([fetchText(`${m.path}config.json`),
    fetchText(`${m.path}tokenizer.json`), fetchBytes(`${m.path}model.safetensors`)]);
  onPhase(`Starting ${m.name} (${(weights.length / 1e6).toFixed(1)} MB of weights)…`);
  loaded = await race(w.load(m.path, { 'config.json': config, 'tokenizer.json': tokenizer, 'model.safetensors': weights }));
  return loaded;
}

const compareInPython = Comlink.proxy((expected: string, actual: string) => getRunner().compare(expected, actual));

/** The model's dry run of one candidate on the given tests. */
export async function predictCandidate(req: PredictRequest): Promise<PredictReply> {
  const id = ++calls;
  inFlight = id;
  try {
    return await race(remote().predict(req, compareInPython));
  } finally {
    if (inFlight === id) inFlight = 0;
  }
}

export function stopPredicting(): void {
  if (!api) return;
  void api.stop();
  const call = inFlight;
  // The same call still running after this long: its worker is not reading messages, close it.
  if (call) {
    setTimeout(() => {
      if (inFlight === call) close();
    }, 4000);
  }
}
