// Data-parallel training in the page: gradient peers in Web Workers, started by the train worker (nested
// workers), one per extra core. The browser's counterpart of src/train/node/peers.ts; the step itself is
// `trainStepParallel` in src/train/trainer.ts. Only for CPU backends: on WebGPU the peers would share one GPU.
//
// A Comlink call to a worker that died never settles, so each peer listens for its worker's `error` and
// `messageerror` and fails its pending calls with a message that says which worker stopped and why.
import * as Comlink from 'comlink';
import type { GPTConfig } from '../src/model/gpt.ts';
import type { GradientPeer, ShardResult } from '../src/train/trainer.ts';
import type { PeerApi } from './peer.worker.ts';

export interface WebPeerPool {
  /** The peers that started (fewer than asked for when some failed: see `failures`). */
  peers: GradientPeer[];
  /** Why each peer that was asked for but left out failed to start. */
  failures: string[];
  /** Shards the peers have computed so far (what shows that the extra cores really worked). */
  shardsDone(): number;
  close(): void;
}

/** A peer compiles wasm and builds its model copy: seconds on a busy machine, never a minute. */
const START_TIMEOUT_MS = 60_000;

interface StartedPeer {
  peer: GradientPeer;
  worker: Worker;
  shards: () => number;
}

function describeError(e: Event): string {
  // A script that fails to load gives a bare Event; an uncaught exception an ErrorEvent with its message.
  const message = (e as ErrorEvent).message;
  return message ? `it threw ${message}` : 'its script failed to load or it crashed';
}

function startPeer(index: number, model: GPTConfig, backend: string): Promise<StartedPeer> {
  const label = `CPU worker ${index + 2}`; // worker 1 is the train worker itself
  const worker = new Worker(new URL('./peer.worker.ts', import.meta.url), { type: 'module', name: `gradient-peer-${index + 1}` });
  const remote = Comlink.wrap<PeerApi>(worker);
  const pending = new Set<(e: Error) => void>();
  let failure: Error | undefined;
  let ready = false;
  const fail = (why: string): void => {
    failure ??= new Error(`${label} (a gradient peer) ${ready ? 'stopped' : 'could not start'}: ${why}`);
    for (const reject of pending) reject(failure);
    pending.clear();
  };
  worker.addEventListener('error', (e) => {
    e.preventDefault(); // handled here: not also an uncaught error of the train worker
    fail(describeError(e));
  });
  worker.addEventListener('messageerror', () => fail('a message from it could not be read'));
  /** `call`, failed as soon as the worker stops (a Comlink call to a dead worker would wait forever). */
  const guarded = <T>(call: () => Promise<T>): Promise<T> => {
    if (failure) return Promise.reject(failure);
    return new Promise<T>((resolve, reject) => {
      pending.add(reject);
      call().then(resolve, reject).finally(() => pending.delete(reject));
    });
  };
  let shards = 0;
  const peer: GradientPeer = {
    // postMessage clones the request at once, so the request has left when `send` returns.
    async send(weights, batch) {
      if (failure) throw failure; // before the trainer computes its own shard for nothing
      const result = guarded<ShardResult>(() => remote.gradients(weights, batch)).then((r) => {
        shards++;
        return r;
      }, (e: unknown) => {
        // An error inside the peer's step comes back through Comlink without saying where it happened.
        throw e === failure ? e : new Error(`${label} (a gradient peer) failed: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
      });
      result.catch(() => undefined); // reported to whoever awaits `result`; not an unhandled rejection meanwhile
      return { result };
    },
  };
  const timer = setTimeout(() => fail(`it did not start within ${START_TIMEOUT_MS / 1000} s`), START_TIMEOUT_MS);
  return guarded(() => remote.init(model, backend)).finally(() => clearTimeout(timer)).then((chosen) => {
    if (chosen !== backend) throw new Error(`${label} (a gradient peer) started ${chosen}, the trainer runs ${backend}`);
    ready = true;
    return { peer, worker, shards: () => shards };
  }).catch((e: unknown) => {
    worker.terminate();
    throw e instanceof Error ? e : new Error(String(e));
  });
}

/** `n` peers on `backend` (the trainer's own, so every shard computes alike); those that fail are left out. */
export async function startWebPeers(n: number, model: GPTConfig, backend: string): Promise<WebPeerPool> {
  const started = await Promise.allSettled(Array.from({ length: n }, (_, i) => startPeer(i, model, backend)));
  const ok = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  const failures = started.flatMap((s) => (s.status === 'rejected'
    ? [s.reason instanceof Error ? s.reason.message : String(s.reason)] : []));
  return {
    peers: ok.map((p) => p.peer),
    failures,
    shardsDone: () => ok.reduce((a, p) => a + p.shards(), 0),
    close: () => ok.forEach((p) => p.worker.terminate()),
  };
}
