// The page's side of the RL worker (workers/rl.worker.ts): one worker, started when the RL section is first
// shown. Stop is heard by the worker between two sampled tokens, so it is never terminated from here.
import * as Comlink from 'comlink';
import type { RlApi } from '../../../../workers/rl.worker.ts';

let api: Comlink.Remote<RlApi> | undefined;

export function rlWorker(): Comlink.Remote<RlApi> {
  api ??= Comlink.wrap<RlApi>(new Worker(new URL('../../../../workers/rl.worker.ts', import.meta.url), { type: 'module', name: 'rl' }));
  return api;
}
