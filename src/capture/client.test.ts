// RunnerClient against a fake worker (a comlink endpoint on a MessageChannel): the stopping, restarting and
// status logic without a browser. The real worker is covered by e2e/runner.spec.ts.
import * as Comlink from 'comlink';
import { describe, expect, it } from 'vitest';
import type { RunnerApi, RunnerReply } from './runner-api.ts';
import { RunnerClient } from './client.ts';
import type { RunnerStatus } from './client.ts';
import { failedTrace } from './python-runner.ts';
import type { RunRequest } from './trace.ts';

type FakeApi = Pick<RunnerApi, 'init' | 'run' | 'compare'>;

interface Fake {
  workers: { terminated: boolean }[];
  client: RunnerClient;
  statuses: RunnerStatus[];
}

/** Each new worker gets the api `make(n)` returns for its index n. */
function setup(make: (n: number) => Partial<FakeApi>): Fake {
  const workers: { terminated: boolean }[] = [];
  const createWorker = () => {
    const n = workers.length;
    const record = { terminated: false };
    workers.push(record);
    const base: FakeApi = {
      init: async () => {},
      run: async (req: RunRequest): Promise<RunnerReply> => ({ trace: { ...failedTrace(req, 'ok', { type: '', message: '', line: null }), error: undefined, stdout: `worker ${n}` }, recycle: false }),
      compare: async (a: string, b: string) => a === b,
    };
    const { port1, port2 } = new MessageChannel();
    Comlink.expose({ ...base, ...make(n) }, port2);
    const worker = {
      postMessage: (msg: unknown, transfer?: Transferable[]) => port1.postMessage(msg, transfer ?? []),
      addEventListener: (type: string, fn: EventListener) => port1.addEventListener(type, fn),
      removeEventListener: (type: string, fn: EventListener) => port1.removeEventListener(type, fn),
      start: () => port1.start(),
      terminate: () => {
        record.terminated = true;
        port1.close();
        port2.close();
      },
    };
    port1.start();
    return worker as unknown as Worker;
  };
  const client = new RunnerClient({ createWorker, interruptGraceMs: 50, hardTimeoutGraceMs: 100 });
  const statuses: RunnerStatus[] = [];
  client.onStatus((s) => statuses.push(s));
  return { workers, client, statuses };
}

const never = () => new Promise<never>(() => {});
const req: RunRequest = { code: 'print(1)\n', mode: 'program', limits: { timeoutMs: 200 } };

describe('RunnerClient', () => {
  it('starts its worker lazily, reports loading then ready, busy during a run', async () => {
    const { client, workers, statuses } = setup(() => ({}));
    expect(workers).toHaveLength(0);
    expect(statuses.map((s) => s.state)).toEqual(['idle']);
    const t = await client.run(req);
    expect(t.stdout).toBe('worker 0');
    expect(workers).toHaveLength(1);
    expect(statuses.map((s) => s.state)).toEqual(['idle', 'loading', 'ready', 'busy', 'ready']);
    expect(await client.compare('1', '1')).toBe(true);
  });

  it('a run that never answers ends as timeout; the worker is replaced and the next call uses the new one', async () => {
    const { client, workers, statuses } = setup((n) => (n === 0 ? { run: never } : {}));
    const t = await client.run(req);
    expect(t.status).toBe('timeout');
    expect(t.error?.message).toMatch(/time limit/);
    expect(workers[0]!.terminated).toBe(true);
    expect(statuses.some((s) => s.state === 'restarting')).toBe(true);
    expect((await client.run(req)).stdout).toBe('worker 1');
  });

  it('Stop without an interrupt buffer terminates the worker: interrupted, then a fresh worker', async () => {
    const { client, workers } = setup((n) => (n === 0 ? { run: never } : {}));
    expect(client.canInterrupt).toBe(false); // no cross-origin isolation here
    const pending = client.run({ ...req, limits: { timeoutMs: 60_000 } });
    await new Promise((r) => setTimeout(r, 30));
    client.stop();
    const t = await pending;
    expect(t.status).toBe('interrupted');
    expect(workers[0]!.terminated).toBe(true);
    expect((await client.run(req)).stdout).toBe('worker 1');
  });

  it('an AbortSignal stops the run like Stop', async () => {
    const { client } = setup((n) => (n === 0 ? { run: never } : {}));
    const abort = new AbortController();
    const pending = client.run({ ...req, limits: { timeoutMs: 60_000 } }, { signal: abort.signal });
    setTimeout(() => abort.abort(), 30);
    expect((await pending).status).toBe('interrupted');
  });

  it('a reply asking for recycling is returned, then the worker is replaced', async () => {
    const { client, workers } = setup((n) =>
      n === 0 ? { run: async (r: RunRequest) => ({ trace: failedTrace(r, 'crashed', { type: 'Crashed', message: 'x', line: null }), recycle: true }) } : {},
    );
    expect((await client.run(req)).status).toBe('crashed');
    expect(workers[0]!.terminated).toBe(true);
    expect((await client.run(req)).stdout).toBe('worker 1');
  });

  it('runs queue: one at a time, in order', async () => {
    let active = 0;
    let maxActive = 0;
    const { client } = setup(() => ({
      run: async (r: RunRequest) => {
        active += 1;
        maxActive = Math.max(maxActive, active);
        await new Promise((res) => setTimeout(res, 10));
        active -= 1;
        return { trace: { ...failedTrace(r, 'ok', { type: '', message: '', line: null }), stdout: r.code }, recycle: false };
      },
    }));
    const out = await Promise.all(['a', 'b', 'c'].map((code) => client.run({ code, mode: 'program' })));
    expect(out.map((t) => t.stdout)).toEqual(['a', 'b', 'c']);
    expect(maxActive).toBe(1);
  });

  it('a failed load gives a crashed trace with the reason, and a later run tries again', async () => {
    const { client, statuses } = setup((n) => (n === 0 ? { init: async () => Promise.reject(new Error('no wasm')) } : {}));
    const t = await client.run(req);
    expect(t.status).toBe('crashed');
    expect(t.error?.message).toMatch(/could not start/);
    expect(statuses.some((s) => s.message?.includes('no wasm'))).toBe(true);
    expect((await client.run(req)).stdout).toBe('worker 1');
  });
});
