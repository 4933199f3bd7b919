// The page's side of the train worker: one worker, started lazily. Stop terminates it when a step does not
// end within a few seconds (a long step cannot read messages): its gradient peers, nested workers, end with
// it; a call still waiting on it is rejected with `TrainWorkerClosed` (a Comlink call to a terminated worker
// would never settle), and the next call starts a fresh worker.
import * as Comlink from 'comlink';
import type { TrainApi } from '../../../../workers/train.worker.ts';

export class TrainWorkerClosed extends Error {}

let worker: Worker | undefined;
let api: Comlink.Remote<TrainApi> | undefined;
let closed: { promise: Promise<never>; reject: (e: Error) => void } | undefined;

export function trainWorker(): Comlink.Remote<TrainApi> {
  if (!api) {
    worker = new Worker(new URL('../../../../workers/train.worker.ts', import.meta.url), { type: 'module', name: 'trainer' });
    api = Comlink.wrap<TrainApi>(worker);
    let reject: (e: Error) => void = () => undefined;
    const promise = new Promise<never>((_, rej) => (reject = rej));
    promise.catch(() => undefined); // only a call raced against it needs to hear
    closed = { promise, reject };
  }
  return api;
}

/** `call` on the current worker, rejected with `TrainWorkerClosed` if the worker is terminated first. */
export function untilTerminated<T>(call: (api: Comlink.Remote<TrainApi>) => Promise<T>): Promise<T> {
  const remote = trainWorker();
  return Promise.race([call(remote), closed!.promise]);
}

export function terminateTrainWorker(): void {
  worker?.terminate();
  closed?.reject(new TrainWorkerClosed('the training worker was closed'));
  worker = undefined;
  api = undefined;
  closed = undefined;
}

export { fetchBytes, fetchText } from '../../site.ts';

/** Whether the train worker is running (the Explorer only asks its model then; it never starts one). */
export function trainWorkerStarted(): boolean {
  return api !== undefined;
}
