"""The native trainer: SFT of the project's GPT in PyTorch, one process per core (torch.distributed, gloo).

Started by `npm run train -- --engine torch ...` (scripts/train.ts), never by hand in normal use: the Node side
fits the tokenizer, encodes the rows (src/train/node/prepare.ts writes them as flat id arrays), writes the
step-0 checkpoint with the tfjs initialiser, and evaluates answers by value in Pyodide. This file only reads the
prepared rows, runs the optimiser steps and writes checkpoints in the same folder format (config.json,
tokenizer.json, model.safetensors, optimizer.safetensors), so `npm run eval`, the page and the tfjs trainer read
them as their own. It prints the same JSON log lines as the tfjs loop.

    python3 train.py --prepared DIR --out CKPT [--procs N] [--log-every N] [--ckpt-every N] [--eval-every N]
                     [--minutes M] [--until-tokens N] [--bench STEPS]

Exact resume: the checkpoint holds weights, AdamW moments, the step and the sampler's place (epoch, offset and
batches used in the current group); data order comes from numpy's seeded generator per epoch.
Several machines: run it under torchrun (RANK, WORLD_SIZE, MASTER_ADDR, MASTER_PORT set), see docs/model.md.
"""
import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # before torch loads OpenBLAS: its threads fight torch's

import argparse  # noqa: E402
import json
import math  # noqa: E402
import shutil  # noqa: E402
import signal  # noqa: E402
import socket  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402

import numpy as np  # noqa: E402
import torch  # noqa: E402
import torch.distributed as dist  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gpt import load_params, loss_sum, param_shapes, read_config, write_safetensors  # noqa: E402

GROUP = 4  # batches drawn together and sorted by length, as the tfjs Sampler does


def log(obj):
    print(json.dumps(obj), flush=True)


# ---- data ----

class Rows:
    """Rows written by prepare.ts: ids as uint16, and per row [offset, length, targetStart, level] as int32."""

    def __init__(self, d):
        with open(os.path.join(d, "meta.json")) as f:
            self.meta = json.load(f)
        self.ids = np.fromfile(os.path.join(d, "train.ids"), dtype="<u2").astype(np.int64)
        self.rows = np.fromfile(os.path.join(d, "train.rows"), dtype="<i4").reshape(-1, 4)
        self.pad = int(self.meta["padId"])

    def __len__(self):
        return len(self.rows)

    def batch(self, which):
        """Rows -> (x, y, mask, tokens), padded on the right to a multiple of 8 (makeBatch in data.ts)."""
        r = self.rows[which]
        T = int(math.ceil((r[:, 1].max() - 1) / 8) * 8)
        x = np.full((len(r), T), self.pad, dtype=np.int64)
        y = np.full((len(r), T), self.pad, dtype=np.int64)
        mask = np.zeros((len(r), T), dtype=np.float32)
        for b, (off, n, ts, _) in enumerate(r):
            seq = self.ids[off:off + n]
            x[b, :n - 1] = seq[:-1]
            y[b, :n - 1] = seq[1:]
            mask[b, max(0, ts - 1):n - 1] = 1  # position t predicts token t+1, a target when t+1 >= targetStart
        return torch.from_numpy(x), torch.from_numpy(y), torch.from_numpy(mask), int(r[:, 1].sum())


class Sampler:
    """Each epoch a fresh permutation from numpy's generator seeded by (seed, epoch); GROUP batches at a time,
    sorted by length so batches pad little. State: epoch, offset of the current group, batches used of it."""

    def __init__(self, n, batch, state):
        self.n, self.batch = n, batch
        self.seed = int(state.get("seed", state.get("rng", 1)))
        self.epoch = int(state.get("epoch", 0))
        self.pos = int(state.get("pos", 0))
        self.used = int(state.get("used", 0)) if "epoch" in state else 0
        self.group = None

    def state(self):
        return {"engine": "torch", "seed": self.seed, "epoch": self.epoch, "pos": self.pos, "used": self.used}

    def _draw(self):
        size = GROUP * self.batch
        if self.pos + size > self.n:
            self.epoch += 1
            self.pos = 0
        perm = np.random.default_rng([self.seed, self.epoch]).permutation(self.n)
        self.group = perm[self.pos:self.pos + size]

    def next(self, lengths):
        if self.group is None:
            self._draw()
        if self.used >= GROUP:
            self.pos += GROUP * self.batch
            self.used = 0
            self._draw()
        g = self.group[np.argsort(lengths[self.group], kind="stable")]
        out = g[self.used * self.batch:(self.used + 1) * self.batch]
        self.used += 1
        return out


# ---- optimiser: AdamW exactly as src/train/optim.ts ----

def get_lr(step, o):
    if step < o["warmupSteps"]:
        return o["lr"] * (step + 1) / o["warmupSteps"]
    if step >= o["totalSteps"]:
        return o["minLr"]
    progress = (step - o["warmupSteps"]) / max(1, o["totalSteps"] - o["warmupSteps"])
    return o["minLr"] + 0.5 * (1 + math.cos(math.pi * progress)) * (o["lr"] - o["minLr"])


@torch.no_grad()
def adamw(params, grads, m, v, step, lr, o):
    norm = torch.sqrt(sum((g * g).sum() for g in grads.values()))
    scale = torch.clamp(o["gradClip"] / (norm + 1e-6), max=1.0)
    t = step + 1
    bc1, bc2 = 1 - o["beta1"] ** t, 1 - o["beta2"] ** t
    for n, p in params.items():
        g = grads[n] * scale
        m[n].mul_(o["beta1"]).add_(g, alpha=1 - o["beta1"])
        v[n].mul_(o["beta2"]).add_(g * g, alpha=1 - o["beta2"])
        update = (m[n] / bc1) / (torch.sqrt(v[n] / bc2) + o["eps"])
        if p.dim() >= 2 and o["weightDecay"] > 0:
            update = update + p * o["weightDecay"]
        p.sub_(update * lr)
    return float(norm)


# ---- checkpoints ----

def save(out, cfg, tokenizer_json, params, m, v, state):
    """Into a sibling folder first, then swapped in (as scripts/train.ts does): a kill never leaves half a checkpoint."""
    tmp, old = out + ".tmp", out + ".old"
    shutil.rmtree(tmp, ignore_errors=True)
    os.makedirs(tmp)
    config = dict(cfg, step=state["step"], tokensSeen=state["tokens"], elapsedMs=state["elapsedMs"],
                  sampler=state["sampler"], history=state["history"])
    with open(os.path.join(tmp, "config.json"), "w") as f:
        json.dump(config, f, indent=1)
    with open(os.path.join(tmp, "tokenizer.json"), "w") as f:
        f.write(tokenizer_json)
    write_safetensors(os.path.join(tmp, "model.safetensors"), params, {"format": "pt", "step": state["step"]})
    opt = {**{"m." + k: t for k, t in m.items()}, **{"v." + k: t for k, t in v.items()}}
    write_safetensors(os.path.join(tmp, "optimizer.safetensors"), opt, {"step": state["step"]})
    shutil.rmtree(old, ignore_errors=True)
    if os.path.exists(out):
        os.rename(out, old)
    os.rename(tmp, out)
    shutil.rmtree(old, ignore_errors=True)


# ---- the loop ----

def matmul_gflops(n=1024, reps=10):
    a, b = torch.randn(n, n), torch.randn(n, n)
    a @ b
    t0 = time.perf_counter()
    for _ in range(reps):
        a @ b
    return 2 * n ** 3 * reps / (time.perf_counter() - t0) / 1e9


def run(rank, world, args, port):
    torch.set_num_threads(1)
    if world > 1:  # port None: under torchrun, the launcher's MASTER_ADDR/MASTER_PORT
        init = "env://" if port is None else f"tcp://127.0.0.1:{port}"
        dist.init_process_group("gloo", init_method=init, rank=rank, world_size=world)
    stop = {"flag": False}

    def on_signal(*_):
        stop["flag"] = True
    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)

    cfg = read_config(args.out)
    model, train = cfg["model"], cfg["train"]
    with open(os.path.join(args.out, "tokenizer.json")) as f:
        tokenizer_json = f.read()
    params = load_params(model, os.path.join(args.out, "model.safetensors"))
    opt_path = os.path.join(args.out, "optimizer.safetensors")
    if os.path.exists(opt_path):
        m, v = load_params(model, opt_path, "m."), load_params(model, opt_path, "v.")
    else:
        m = {k: torch.zeros_like(t) for k, t in params.items()}
        v = {k: torch.zeros_like(t) for k, t in params.items()}
    for t in params.values():
        t.requires_grad_(True)
    names = [n for n, _ in param_shapes(model)]

    data = Rows(args.prepared)
    lengths = data.rows[:, 1]
    sampler_state = cfg.get("sampler") or {}
    if sampler_state.get("engine") != "torch":
        sampler_state = {"seed": (train["seed"] * 7919 + 17) & 0xFFFFFFFF}
    sampler = Sampler(len(data), train["batchSize"], sampler_state)
    state = {"step": cfg["step"], "tokens": cfg["tokensSeen"], "elapsedMs": cfg["elapsedMs"],
             "history": cfg.get("history", []), "sampler": sampler.state()}
    o = train["optim"]
    deadline = time.time() + args.minutes * 60 if args.minutes else math.inf
    bench = args.bench or 0
    steps_end = state["step"] + bench if bench else train["steps"]

    loss_acc, n_acc, tok_acc, t_log = 0.0, 0, 0, time.perf_counter()
    t_bench = None
    # The token budget is checked before a step, as the tfjs loop does; every rank sees the same count.
    while state["step"] < steps_end and state["tokens"] < args.until_tokens:
        t_step = time.perf_counter()
        pick = sampler.next(lengths)
        shard = np.array_split(pick, world)[rank]
        x, y, mask, tokens = data.batch(shard)
        ls, cnt = loss_sum(params, model, x, y, mask)
        for t in params.values():
            t.grad = None
        ls.backward()
        local_stop = stop["flag"] or time.time() > deadline  # agreed on through the reduction below
        flat = torch.cat([params[n].grad.reshape(-1) for n in names]
                         + [torch.tensor([float(ls), float(cnt), float(tokens), float(local_stop)])])
        if world > 1:
            dist.all_reduce(flat)
        total_loss, total_cnt, total_tokens, any_stop = flat[-4:].tolist()
        grads, at = {}, 0
        for n in names:
            k = params[n].numel()
            grads[n] = flat[at:at + k].view_as(params[n]) / max(total_cnt, 1.0)
            at += k
        lr = get_lr(state["step"], o)
        adamw(params, grads, m, v, state["step"], lr, o)
        state["step"] += 1
        state["tokens"] += int(total_tokens)
        state["elapsedMs"] += (time.perf_counter() - t_step) * 1000
        state["sampler"] = sampler.state()
        loss_acc += total_loss / max(total_cnt, 1.0)
        n_acc += 1
        tok_acc += int(total_tokens)
        if bench and t_bench is None and state["step"] - cfg["step"] >= 3:  # warm-up steps excluded
            t_bench, tok_bench = time.perf_counter(), state["tokens"]
        if rank == 0 and not bench and state["step"] % args.log_every == 0:
            dt = time.perf_counter() - t_log
            loss = loss_acc / n_acc
            state["history"].append({"step": state["step"], "loss": loss, "lr": lr, "tokens": state["tokens"],
                                     "elapsedMs": state["elapsedMs"]})
            log({"step": state["step"], "loss": round(loss, 4), "lr": float(f"{lr:.3e}"),
                 "tokens_per_s": round(tok_acc / dt), "tokens": state["tokens"],
                 "elapsed_s": round(state["elapsedMs"] / 1000), "T": int(x.shape[1]), "engine": "torch",
                 "procs": world})
            loss_acc, n_acc, tok_acc, t_log = 0.0, 0, 0, time.perf_counter()
        if not bench and args.eval_every and state["step"] % args.eval_every == 0 and state["step"] < steps_end:
            evaluate(rank, world, args, cfg, tokenizer_json, params, m, v, state)
        elif rank == 0 and not bench and state["step"] % args.ckpt_every == 0:
            save(args.out, cfg, tokenizer_json, params, m, v, state)
        if any_stop:
            break
    if bench:
        if rank == 0:
            dt = time.perf_counter() - t_bench
            tps = (state["tokens"] - tok_bench) / dt
            n_params = sum(t.numel() for t in params.values())
            log({"event": "bench", "engine": "torch", "procs": world, "tokens_per_s": round(tps),
                 "model_gflops": round(6 * n_params * tps / 1e9, 2), "matmul_gflops": round(matmul_gflops(), 1),
                 "threads": torch.get_num_threads(), "torch": torch.__version__})
    else:
        done = state["step"] >= train["steps"]
        if done and args.eval_every:
            evaluate(rank, world, args, cfg, tokenizer_json, params, m, v, state)
        elif rank == 0:
            save(args.out, cfg, tokenizer_json, params, m, v, state)
        if rank == 0:
            log({"event": "saved", "step": state["step"], "tokens": state["tokens"], "out": args.out, "done": done})
    if world > 1:
        dist.barrier()
        dist.destroy_process_group()


def evaluate(rank, world, args, cfg, tokenizer_json, params, m, v, state):
    """Evaluation stays in TypeScript (answers by value in Pyodide): save, ask the parent on stdout, read its
    result on stdin, record it in the history. Other ranks wait at the barrier."""
    if rank == 0:
        save(args.out, cfg, tokenizer_json, params, m, v, state)
        log({"event": "eval-request", "step": state["step"], "tokens": state["tokens"]})
        line = sys.stdin.readline()
        if line.strip():
            r = json.loads(line)
            state["history"].append({"step": state["step"], "loss": None, "lr": 0, "tokens": state["tokens"],
                                     "elapsedMs": state["elapsedMs"], "valAccuracy": r.get("accuracy")})
            save(args.out, cfg, tokenizer_json, params, m, v, state)
    if world > 1:
        dist.barrier()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--prepared", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--procs", type=int, default=1)
    ap.add_argument("--log-every", type=int, default=25)
    ap.add_argument("--ckpt-every", type=int, default=250)
    ap.add_argument("--eval-every", type=int, default=0)
    ap.add_argument("--minutes", type=float, default=0)
    ap.add_argument("--until-tokens", type=float, default=math.inf)
    ap.add_argument("--bench", type=int, default=0, help="time this many steps, save nothing, print one line")
    args = ap.parse_args()
    if "RANK" in os.environ and "WORLD_SIZE" in os.environ:  # under torchrun: one process per launcher slot
        run(int(os.environ["RANK"]), int(os.environ["WORLD_SIZE"]), args, None)
        return
    world = max(1, args.procs)
    port = free_port()
    if world == 1:
        run(0, 1, args, port)
        return
    ctx = torch.multiprocessing.get_context("spawn")
    procs = [ctx.Process(target=run, args=(r, world, args, port), daemon=True) for r in range(1, world)]
    for p in procs:
        p.start()
    try:
        run(0, world, args, port)
    finally:
        for p in procs:
            p.join(timeout=60)
    bad = [p.exitcode for p in procs if p.exitcode]
    if bad:
        raise SystemExit(f"a training process exited with code {bad[0]}")


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


if __name__ == "__main__":
    main()
