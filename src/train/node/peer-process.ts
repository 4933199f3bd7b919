// A gradient peer (see peers.ts): a child process that computes one shard's gradient per request.
import * as tf from '@tensorflow/tfjs-core';
import { initNodeBackend } from '../../model/node/backends.ts';
import { initParams, paramShapes, type GPTConfig, type Params } from '../../model/gpt.ts';
import { shardGradients } from '../trainer.ts';
import type { PeerReply, PeerRequest } from './peers.ts';

let model: GPTConfig | undefined;
let params: Params = {};
// A reply can fail only when the parent has gone: then there is nobody to tell, and 'disconnect' exits.
const reply = (m: PeerReply): void => void process.send?.(m, undefined, {}, () => undefined);

process.on('message', (m: PeerRequest) => {
  void (async () => {
    try {
      if (m.kind === 'init') {
        const chosen = await initNodeBackend(m.backend);
        model = m.model;
        params = initParams(model, 0); // values are overwritten by every request's weights
        reply({ kind: 'ready', backend: chosen.backend });
        return;
      }
      if (!model) throw new Error('not initialised');
      const shapes = paramShapes(model);
      tf.tidy(() => shapes.forEach(([n, shape], i) => params[n]!.assign(tf.tensor(m.weights[i]!, shape))));
      reply({ kind: 'gradients', id: m.id, result: shardGradients(params, model, m.batch) });
    } catch (e) {
      reply({ kind: 'error', id: m.kind === 'gradients' ? m.id : undefined, message: e instanceof Error ? e.message : String(e) });
    }
  })();
});
// Exit with the parent: the IPC channel closing means nobody will send work again. Ctrl-C reaches the whole
// process group: the parent finishes its step, saves and then closes the channel, so the peer must not die first.
process.on('disconnect', () => process.exit(0));
process.on('SIGINT', () => undefined);
