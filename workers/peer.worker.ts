// A gradient peer in the page: the train worker starts one per extra core (workers/peers.ts) and sends it
// the current weights and a shard of each batch; it answers with that shard's gradient, computed by the same
// code as Node's peer processes (`peerModel` in src/train/trainer.ts).
import * as Comlink from 'comlink';
import { initWebBackend } from '../src/model/backend-web.ts';
import type { GPTConfig } from '../src/model/gpt.ts';
import type { Batch } from '../src/train/data.ts';
import { peerModel, type ShardResult } from '../src/train/trainer.ts';

let compute: ((weights: Float32Array[], batch: Batch) => ShardResult) | undefined;

const api = {
  /** Returns the backend that initialised, so the caller can refuse a mismatch. */
  async init(model: GPTConfig, backend: string): Promise<string> {
    const chosen = await initWebBackend(backend);
    compute = peerModel(model);
    return chosen.backend;
  },

  gradients(weights: Float32Array[], batch: Batch): ShardResult {
    if (!compute) throw new Error('gradient peer not initialised');
    const r = compute(weights, batch);
    return Comlink.transfer(r, r.grads.map((g) => g.buffer as ArrayBuffer));
  },
};

export type PeerApi = typeof api;
Comlink.expose(api);
