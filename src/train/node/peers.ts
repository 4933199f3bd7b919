// Data-parallel training in Node: gradient peers in child processes, one per extra core (Node's wasm backend
// is single-threaded, so a second core needs a second process). Each child holds a copy of the model; every
// step it is sent the current weights and a shard of the batch and answers with that shard's gradient
// (`shardGradients`, the same code the trainer runs). Typed arrays cross the pipe by structured clone.
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { GPTConfig } from '../../model/gpt.ts';
import type { Batch } from '../data.ts';
import type { GradientPeer, ShardResult } from '../trainer.ts';

export type PeerRequest =
  | { kind: 'init'; model: GPTConfig; backend: string }
  | { kind: 'gradients'; id: number; weights: Float32Array[]; batch: Batch };

export type PeerReply =
  | { kind: 'ready'; backend: string }
  | { kind: 'gradients'; id: number; result: ShardResult }
  | { kind: 'error'; id?: number; message: string };

export interface PeerPool {
  peers: GradientPeer[];
  close(): void;
}

function startPeer(model: GPTConfig, backend: string): Promise<{ peer: GradientPeer; child: ChildProcess }> {
  const child = fork(fileURLToPath(new URL('./peer-process.ts', import.meta.url)), [], {
    // The child runs TypeScript as the parent does (tsx), whether the parent is `npm run train` or a test.
    execArgv: ['--import', 'tsx'], serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const waiting = new Map<number, { resolve: (r: ShardResult) => void; reject: (e: Error) => void }>();
  let nextId = 0;
  let failure: Error | undefined;
  const fail = (e: Error): void => {
    failure ??= e;
    for (const w of waiting.values()) w.reject(failure);
    waiting.clear();
  };
  child.on('exit', (code, signal) => fail(new Error(`gradient peer exited (${signal ?? `code ${code}`})`)));
  child.on('error', fail);
  return new Promise((resolve, rejectStart) => {
    const reject = (e: Error): void => {
      child.kill();
      rejectStart(e);
    };
    child.on('message', (m: PeerReply) => {
      if (m.kind === 'ready') {
        if (m.backend !== backend) return reject(new Error(`gradient peer runs ${m.backend}, the trainer ${backend}`));
        resolve({ child, peer: {
          send(weights: Float32Array[], batch: Batch): Promise<{ result: Promise<ShardResult> }> {
            if (!child.connected) fail(new Error('gradient peer exited (channel closed)'));
            if (failure) return Promise.reject(failure);
            const id = nextId++;
            const result = new Promise<ShardResult>((res, rej) => waiting.set(id, { resolve: res, reject: rej }));
            result.catch(() => undefined); // a failure is reported to whoever awaits `result`, or by `send`
            return new Promise((sent, notSent) => {
              child.send({ kind: 'gradients', id, weights, batch } satisfies PeerRequest, (e) => {
                if (e) notSent(failure ?? e);
                else sent({ result });
              });
            });
          },
        } });
      } else if (m.kind === 'gradients') {
        waiting.get(m.id)?.resolve(m.result);
        waiting.delete(m.id);
      } else {
        const e = new Error(`gradient peer: ${m.message}`);
        if (m.id === undefined) reject(e);
        else fail(e);
      }
    });
    child.once('exit', (code) => reject(new Error(`gradient peer failed to start (exit ${code})`)));
    child.send({ kind: 'init', model, backend } satisfies PeerRequest);
  });
}

/** `n` peers on `backend` (the trainer's own, so every shard computes alike). */
export async function startPeers(n: number, model: GPTConfig, backend: string): Promise<PeerPool> {
  const started = await Promise.allSettled(Array.from({ length: n }, () => startPeer(model, backend)));
  const ok = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  // Closing the channel makes a peer exit (peer-process.ts); kill only one that is somehow still there.
  const close = (): void => ok.forEach(({ child }) => {
    if (child.connected) child.disconnect();
    setTimeout(() => child.exitCode === null && child.kill(), 2000).unref();
  });
  const bad = started.find((s) => s.status === 'rejected');
  if (bad) {
    close();
    throw bad.reason;
  }
  return { peers: ok.map((p) => p.peer), close };
}
