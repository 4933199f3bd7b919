// The page's side of the dataset worker: started lazily, one at a time. Cancel asks the worker to stop
// after its current batch; if it does not answer soon, the worker is terminated and replaced. The worker loads
// a Python of its own: the header hears of it (python-loads.ts).
import * as Comlink from 'comlink';
import { workerPython } from '../../python-loads.ts';
import type { BuildResult, DatasetApi } from '../../../../workers/dataset.worker.ts';
import type { BuildProgress, DatasetConfig, Row } from '../../../dataset/build.ts';
import type { Trace } from '../../../capture/trace.ts';

const CANCEL_GRACE_MS = 3000;
/** The worker's Python, for the header ("loading for the Data panel"). */
const python = workerPython('the Data panel');

let worker: Worker | undefined;
let api: Comlink.Remote<DatasetApi> | undefined;
let finishEarly: ((r: BuildResult) => void) | undefined;

function current(): Comlink.Remote<DatasetApi> {
  if (!api) {
    worker = new Worker(new URL('../../../../workers/dataset.worker.ts', import.meta.url), { type: 'module', name: 'dataset-builder' });
    api = Comlink.wrap<DatasetApi>(worker);
  }
  return api;
}

function terminate(): void {
  worker?.terminate();
  worker = undefined;
  api = undefined;
  python.gone();
}

export async function buildInWorker(
  config: DatasetConfig,
  onStatus: (message: string) => void,
  onProgress: (p: BuildProgress) => void,
  onRows: (rows: Row[]) => void,
): Promise<BuildResult> {
  const remote = current();
  await python.starting(remote.init(Comlink.proxy((message: string) => onStatus(message))));
  onStatus('Building…');
  return new Promise<BuildResult>((resolve, reject) => {
    finishEarly = resolve;
    remote.build(config, Comlink.proxy(onProgress), Comlink.proxy(onRows)).then(resolve, reject);
  });
}

export function cancelBuild(last: BuildProgress | null): void {
  const remote = api;
  if (!remote) return;
  void remote.cancel();
  const resolve = finishEarly;
  // A worker stuck in a long run cannot read the message: replace it (its samples are then gone).
  setTimeout(() => {
    if (finishEarly !== resolve || !resolve) return;
    terminate();
    resolve({ progress: last ?? { kept: 0, tried: 0, n: 0, outcomes: {} }, cancelled: true, ms: 0 });
  }, CANCEL_GRACE_MS);
}

export function buildSettled(): void {
  finishEarly = undefined;
}

export async function fetchSample(index: number): Promise<{ row: Row; trace: Trace } | null> {
  return api ? api.sample(index) : null;
}
