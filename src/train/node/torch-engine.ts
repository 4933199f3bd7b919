// The native trainer's Node side: the prepare step and the child process that runs src/train/native/train.py.
// One tokenizer and one data pipeline stay here in TypeScript (nanoGPT's prepare.py idea): rows are encoded by
// `encodeRows` and written as flat arrays that PyTorch reads without parsing; evaluation stays `evaluateRows`.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { Tokenizer } from '../../tokenise/tokenizer.ts';
import type { Example } from '../data.ts';

/** Debian's python3-torch is importable from /usr/bin/python3 only (../shared/PLATFORM.md); DRYRUN_PYTHON overrides. */
export const PYTHON = process.env.DRYRUN_PYTHON ?? '/usr/bin/python3';
export const INSTALL_TORCH = 'apt-get install -y python3-torch libopenblas0-pthread';
const NATIVE = fileURLToPath(new URL('../native/', import.meta.url));

/** null when `PYTHON` imports torch; else a sentence that says what is missing and what to run. */
export function torchProblem(): string | null {
  const r = spawnSync(PYTHON, ['-c', 'import torch, numpy; print(torch.__version__)'], { encoding: 'utf8' });
  if (r.status === 0) return null;
  const why = r.error ? `${PYTHON} was not found` : `${PYTHON} cannot import torch`;
  return `the torch engine needs PyTorch: ${why}. Install it with: ${INSTALL_TORCH} (as root), ` +
    'or set DRYRUN_PYTHON to a python3 that has torch and numpy';
}

/**
 * The OpenBLAS kernel to use on this CPU, or undefined to let OpenBLAS decide. Debian's OpenBLAS 0.3.21 does not
 * recognise some newer Xeons and falls back to its `Prescott` (SSE3) kernels, 5x slower here (14.6 vs 71.5
 * GFLOP/s on a 1024² matmul, measured 2026-12-02); naming the kernel family from the CPU's flags avoids that.
 * OPENBLAS_CORETYPE set by the user wins.
 */
export function openblasCoreType(cpuinfo = readCpuinfo()): string | undefined {
  if (process.env.OPENBLAS_CORETYPE) return process.env.OPENBLAS_CORETYPE;
  const flags = new Set((/^flags\s*:(.*)$/m.exec(cpuinfo)?.[1] ?? '').trim().split(/\s+/));
  if (['avx512f', 'avx512bw', 'avx512dq', 'avx512vl'].every((f) => flags.has(f))) return 'SkylakeX';
  if (flags.has('avx2') && flags.has('fma')) return 'Haswell';
  return undefined;
}

function readCpuinfo(): string {
  try {
    return readFileSync('/proc/cpuinfo', 'utf8');
  } catch {
    return '';
  }
}

/** The environment of a PyTorch child: one BLAS thread per process, and the right kernels. */
export function torchEnv(): NodeJS.ProcessEnv {
  const core = openblasCoreType();
  return { ...process.env, OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1', PYTHONUNBUFFERED: '1',
    ...(core ? { OPENBLAS_CORETYPE: core } : {}) };
}

export interface PreparedMeta {
  rows: number;
  tokens: number;
  vocabSize: number;
  padId: number;
  blockSize: number;
  data_sha256: string;
}

/**
 * Write encoded rows for train.py: `train.ids` (every row's ids, uint16 little-endian, concatenated),
 * `train.rows` (per row: offset, length, targetStart, level as int32) and `meta.json`. Reused when `meta.json`
 * already describes the same data, tokenizer size and block.
 */
export function writePrepared(dir: string, tok: Tokenizer, examples: Example[], meta: Omit<PreparedMeta, 'rows' |
  'tokens' | 'vocabSize' | 'padId'>): PreparedMeta {
  if (tok.size > 65535) throw new Error(`vocabulary of ${tok.size} tokens does not fit uint16`);
  const tokens = examples.reduce((a, e) => a + e.ids.length, 0);
  const full: PreparedMeta = { rows: examples.length, tokens, vocabSize: tok.size, padId: tok.padId, ...meta };
  const metaPath = join(dir, 'meta.json');
  if (existsSync(metaPath) && readFileSync(metaPath, 'utf8') === JSON.stringify(full)) return full;
  const ids = new Uint16Array(tokens);
  const rows = new Int32Array(4 * examples.length);
  let at = 0;
  examples.forEach((e, i) => {
    ids.set(e.ids, at);
    rows.set([at, e.ids.length, e.targetStart, e.level], 4 * i);
    at += e.ids.length;
  });
  // Little-endian on every machine Node runs on here (x86-64, arm64).
  const tmp = `${dir}.tmp`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  writeFileSync(join(tmp, 'train.ids'), new Uint8Array(ids.buffer));
  writeFileSync(join(tmp, 'train.rows'), new Uint8Array(rows.buffer));
  writeFileSync(join(tmp, 'meta.json'), JSON.stringify(full));
  rmSync(dir, { recursive: true, force: true });
  renameSync(tmp, dir);
  return full;
}

export interface TorchRunOptions {
  prepared: string;
  out: string;
  procs: number;
  logEvery: number;
  ckptEvery: number;
  /** 0: no evaluations. */
  evalEvery: number;
  minutes?: number;
  untilTokens?: number;
  /** Time this many steps and print one `bench` line; nothing is saved. */
  bench?: number;
  /** Every JSON line train.py prints, in order. */
  onLine: (line: Record<string, unknown>) => void;
  /** Asked at each evaluation step (the checkpoint in `out` is that step's); the answer goes back to train.py. */
  onEval?: (step: number) => Promise<Record<string, unknown>>;
}

/** Run train.py to its end; resolves with its exit code. SIGINT/SIGTERM to this process are passed on to it. */
export function runTorch(o: TorchRunOptions): { child: ChildProcess; done: Promise<number> } {
  const args = [join(NATIVE, 'train.py'), '--prepared', o.prepared, '--out', o.out, '--procs', String(o.procs),
    '--log-every', String(o.logEvery), '--ckpt-every', String(o.ckptEvery), '--eval-every', String(o.evalEvery)];
  if (o.minutes !== undefined) args.push('--minutes', String(o.minutes));
  if (o.untilTokens !== undefined && Number.isFinite(o.untilTokens)) args.push('--until-tokens', String(o.untilTokens));
  if (o.bench) args.push('--bench', String(o.bench));
  const child = spawn(PYTHON, args, {
    stdio: ['pipe', 'pipe', 'inherit'],
    env: torchEnv(),
  });
  const forward = (sig: NodeJS.Signals) => () => child.kill(sig);
  const handlers = (['SIGINT', 'SIGTERM'] as const).map((s) => [s, forward(s)] as const);
  for (const [s, h] of handlers) process.on(s, h);
  let queue = Promise.resolve();
  createInterface({ input: child.stdout! }).on('line', (text) => {
    let line: Record<string, unknown>;
    try {
      line = JSON.parse(text) as Record<string, unknown>;
    } catch {
      console.error(text); // not a log line: a warning of Python's, passed on as it is
      return;
    }
    if (line.event === 'eval-request') {
      queue = queue.then(async () => {
        const r = o.onEval ? await o.onEval(Number(line.step)).catch((e: unknown) => {
          console.error(`evaluation failed: ${e instanceof Error ? e.message : String(e)}`);
          return {};
        }) : {};
        child.stdin!.write(`${JSON.stringify(r)}\n`);
      });
      return;
    }
    o.onLine(line);
  });
  const done = new Promise<number>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      for (const [s, h] of handlers) process.off(s, h);
      resolve(code ?? (signal ? 128 : 1));
    });
  });
  return { child, done };
}
