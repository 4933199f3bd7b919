// Data-parallel training in the page: gradient peers in Web Workers, started by the train worker (nested
// workers), one per extra core. The browser's counterpart of src/train/node/peers.ts; the step itself is
// `trainStepParallel` in src/train/trainer.ts. Only for CPU backends: on WebGPU the peers would share one GPU.
import * as Comlink from 'comlink';
import type { GPTConfig } from '../src/model/gpt.ts';
import type { GradientPeer } from '../src/train/trainer.ts';
import type { PeerApi } from './peer.worker.ts';

export interface WebPeerPool {
  peers: GradientPeer[];
  close(): void;
}

export async function startWebPeers(n: number, model: GPTConfig, backend: string): Promise<WebPeerPool> {
  const workers = Array.from({ length: n }, (_, i) => new Worker(new URL('./peer.worker.ts', import.meta.url),
    { type: 'module', name: `gradient-peer-${i + 1}` }));
  const close = (): void => workers.forEach((w) => w.terminate());
  try {
    const remotes = workers.map((w) => Comlink.wrap<PeerApi>(w));
    const chosen = await Promise.all(remotes.map((r) => r.init(model, backend)));
    const wrong = chosen.find((b) => b !== backend);
    if (wrong) throw new Error(`a gradient peer started ${wrong}, the trainer runs ${backend}`);
    // postMessage clones the request at once, so the request has left when `send` returns.
    return { close, peers: remotes.map((r) => ({ send: async (weights, batch) => ({ result: r.gradients(weights, batch) }) })) };
  } catch (e) {
    close();
    throw e;
  }
}
