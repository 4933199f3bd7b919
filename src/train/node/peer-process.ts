// A gradient peer (see peers.ts): a child process that computes one shard's gradient per request.
import { initNodeBackend } from '../../model/node/backends.ts';
import { peerModel, type ShardResult } from '../trainer.ts';
import type { Batch } from '../data.ts';
import type { PeerReply, PeerRequest } from './peers.ts';

let compute: ((weights: Float32Array[], batch: Batch) => ShardResult) | undefined;
// A reply can fail only when the parent has gone: then there is nobody to tell, and 'disconnect' exits.
const reply = (m: PeerReply): void => void process.send?.(m, undefined, {}, () => undefined);

process.on('message', (m: PeerRequest) => {
  void (async () => {
    try {
      if (m.kind === 'init') {
        const chosen = await initNodeBackend(m.backend);
        compute = peerModel(m.model);
        reply({ kind: 'ready', backend: chosen.backend });
        return;
      }
      if (!compute) throw new Error('not initialised');
      reply({ kind: 'gradients', id: m.id, result: compute(m.weights, m.batch) });
    } catch (e) {
      reply({ kind: 'error', id: m.kind === 'gradients' ? m.id : undefined, message: e instanceof Error ? e.message : String(e) });
    }
  })();
});
// Exit with the parent: the IPC channel closing means nobody will send work again. Ctrl-C reaches the whole
// process group: the parent finishes its step, saves and then closes the channel, so the peer must not die first.
process.on('disconnect', () => process.exit(0));
process.on('SIGINT', () => undefined);
