// The page's side of the train worker: one worker, started lazily; Stop terminates it if a step does not
// end soon (a long step cannot read messages), and the next call starts a fresh one.
import * as Comlink from 'comlink';
import type { TrainApi } from '../../../../workers/train.worker.ts';

let worker: Worker | undefined;
let api: Comlink.Remote<TrainApi> | undefined;

export function trainWorker(): Comlink.Remote<TrainApi> {
  if (!api) {
    worker = new Worker(new URL('../../../../workers/train.worker.ts', import.meta.url), { type: 'module', name: 'trainer' });
    api = Comlink.wrap<TrainApi>(worker);
  }
  return api;
}

export function terminateTrainWorker(): void {
  worker?.terminate();
  worker = undefined;
  api = undefined;
}

const base = import.meta.env.BASE_URL;

export async function fetchText(path: string): Promise<string> {
  const r = await fetch(`${base}${path}`);
  if (!r.ok) throw new Error(`${path}: HTTP ${r.status}`);
  return r.text();
}

export async function fetchBytes(path: string): Promise<Uint8Array> {
  const r = await fetch(`${base}${path}`);
  if (!r.ok) throw new Error(`${path}: HTTP ${r.status}`);
  return new Uint8Array(await r.arrayBuffer());
}
