// The shared model-worker client against a stand-in worker (a MessageChannel, comlink on both ends): a loaded
// model is kept; Stop closes a worker that does not answer, only while the call it stopped is still in flight,
// and the next call starts a fresh worker; a worker that stops in time is kept.
import * as Comlink from 'comlink';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ModelStopped, modelWorkerClient, STOP_GRACE_MS } from './model-worker-client.ts';

interface FakeApi {
  load(id: string): Promise<{ id: string; worker: number }>;
  /** Resolves when stopped, or never when `deaf` (a backend that cannot yield). */
  work(deaf: boolean): Promise<string>;
  stop(): void;
}

function fakeWorkers() {
  const started: { terminated: boolean }[] = [];
  const start = () => {
    const n = started.length;
    const { port1, port2 } = new MessageChannel();
    let stop: (() => void) | undefined;
    const api = {
      load: async (id: string) => ({ id, worker: n }),
      work: (deaf: boolean) => new Promise<string>((resolve) => {
        if (!deaf) stop = () => resolve('stopped in time');
      }),
      stop: () => stop?.(),
    };
    Comlink.expose(api, port2);
    const record = { terminated: false };
    started.push(record);
    const worker = port1 as unknown as Worker;
    worker.terminate = () => {
      record.terminated = true;
      port1.close();
      port2.close();
    };
    return worker;
  };
  return { started, start };
}

afterEach(() => vi.useRealTimers());

describe('modelWorkerClient', () => {
  it('starts one worker, keeps the loaded model and closes a worker that does not stop in time', async () => {
    const { started, start } = fakeWorkers();
    const client = modelWorkerClient<FakeApi, { id: string; worker: number }>(start);
    const a = await client.loadFiles('m1', {} as never);
    expect(a).toEqual({ id: 'm1', worker: 0 });
    // A shipped model with the same path is not fetched again.
    expect(await client.load({ name: 'M', role: 'trace-sft', path: 'm1', tokens: 0, recipe: '', resumable: false }, () => {
      throw new Error('fetched again');
    })).toBe(a);

    vi.useFakeTimers();
    const call = client.begin();
    const hung = client.race(client.remote().work(true));
    const rejected = expect(hung).rejects.toBeInstanceOf(ModelStopped);
    client.stop();
    await vi.advanceTimersByTimeAsync(STOP_GRACE_MS - 100);
    expect(started[0]!.terminated).toBe(false);
    await vi.advanceTimersByTimeAsync(110);
    await rejected;
    client.end(call);
    expect(started[0]!.terminated).toBe(true);
    vi.useRealTimers();
    // The next call starts a fresh worker, which has no model yet.
    expect(await client.loadFiles('m1', {} as never)).toEqual({ id: 'm1', worker: 1 });
    expect(started).toHaveLength(2);
  });

  it('keeps a worker that stops in time, and never closes a call begun after Stop', async () => {
    const { started, start } = fakeWorkers();
    const client = modelWorkerClient<FakeApi, { id: string; worker: number }>(start);
    await client.loadFiles('m', {} as never);
    vi.useFakeTimers();
    let call = client.begin();
    const polite = client.race(client.remote().work(false));
    client.stop();
    await expect(polite).resolves.toBe('stopped in time');
    client.end(call);
    // A new call right after, still running when the first Stop's timer fires: left alone.
    call = client.begin();
    const next = client.race(client.remote().work(true));
    let settled = false;
    void next.then(() => (settled = true), () => (settled = true));
    await vi.advanceTimersByTimeAsync(STOP_GRACE_MS + 10);
    expect(settled).toBe(false);
    expect(started[0]!.terminated).toBe(false);
    client.end(call);
    expect(started).toHaveLength(1);
  });
});
