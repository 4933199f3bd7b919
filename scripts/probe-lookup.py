"""Probe: can the project's GPT learn to look a value up by name, the step its stories fail at (docs/model.md,
"Session 18")? Synthetic rows, no stories: a header of k name-value pairs, then queries that name one of them and
must be answered with its value; the loss and the accuracy are on the answers only.

    npm run probe:lookup -- [--steps 2000] [--format eq|noeq] [--kmin 1 --kmax 6] [--values 10]
        [--queries 4] [--lr 3e-3] [--wd 0.1] [--layers 4 --heads 4 --width 128] [--reference]

`eq` rows read `m = 2 , q = 3 . q = 3* .` (the `=` of a story); `noeq` rows `m 2 , q 3 . q 3* .`, the plain
induction pattern [A][B] ... [A] -> [B]. The model is src/train/native/gpt.py's forward (rotary positions) with the
trainer's AdamW; `--reference` trains torch.nn.TransformerEncoder (learned positions, torch's AdamW) instead, to
tell the project's code from the task. One JSON line every 250 steps; at the end, the accuracy for each k
(always-right at k = 1, 1/k when the model picks a header value at random).
"""
import argparse
import json
import math
import os
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src", "train", "native"))
from gpt import forward, param_shapes  # noqa: E402
from train import adamw  # noqa: E402

EQ, COMMA, DOT, PAD, NAME0, NAMES = 10, 11, 12, 13, 14, 24  # ids 0-9 are digits
VOCAB = NAME0 + NAMES


def make_row(r, a):
    """(ids, answer mask): k distinct names with values, then a.queries queries of one of them."""
    k = int(r.integers(a.kmin, a.kmax + 1))
    names = r.choice(NAMES, size=k, replace=False)
    vals = r.integers(0, a.values, size=k)
    ids, mask = [], []

    def put(toks, m):
        ids.extend(toks)
        mask.extend([m] * len(toks))

    key = (lambda n: [NAME0 + int(n), EQ]) if a.format == "eq" else (lambda n: [NAME0 + int(n)])
    for i in range(k):
        put(key(names[i]), 0)
        put([int(c) for c in str(int(vals[i]))], 0)
        put([COMMA if i < k - 1 else DOT], 0)
    for _ in range(a.queries):
        j = int(r.integers(0, k))
        put(key(names[j]), 0)
        put([int(c) for c in str(int(vals[j]))], 1)
        put([DOT], 0)
    return ids, mask, k


def make_batch(r, a, n):
    rows = [make_row(r, a) for _ in range(n)]
    T = max(len(ids) for ids, _, _ in rows) - 1
    x, y, m = torch.full((n, T), PAD), torch.full((n, T), PAD), torch.zeros(n, T)
    for i, (ids, mask, _) in enumerate(rows):
        x[i, :len(ids) - 1] = torch.tensor(ids[:-1])
        y[i, :len(ids) - 1] = torch.tensor(ids[1:])
        m[i, :len(ids) - 1] = torch.tensor(mask[1:], dtype=torch.float32)
    return x, y, m


class Reference(torch.nn.Module):
    """A stock pre-norm transformer from torch.nn, for comparison only."""

    def __init__(self, a):
        super().__init__()
        self.emb, self.pos = torch.nn.Embedding(VOCAB, a.width), torch.nn.Embedding(256, a.width)
        layer = torch.nn.TransformerEncoderLayer(a.width, a.heads, 4 * a.width, dropout=0.0, batch_first=True,
                                                 norm_first=True, activation="gelu")
        self.body, self.out = torch.nn.TransformerEncoder(layer, a.layers), torch.nn.Linear(a.width, VOCAB)

    def forward(self, x):
        T = x.shape[1]
        mask = torch.triu(torch.full((T, T), float("-inf")), 1)
        return self.out(self.body(self.emb(x) + self.pos(torch.arange(T)), mask=mask))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--steps", type=int, default=2000)
    ap.add_argument("--format", choices=["eq", "noeq"], default="eq")
    ap.add_argument("--kmin", type=int, default=1)
    ap.add_argument("--kmax", type=int, default=6)
    ap.add_argument("--values", type=int, default=10, help="values are 0..N-1 (N > 10: several digit tokens)")
    ap.add_argument("--queries", type=int, default=4)
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--lr", type=float, default=3e-3)
    ap.add_argument("--wd", type=float, default=0.1)
    ap.add_argument("--layers", type=int, default=4)
    ap.add_argument("--heads", type=int, default=4)
    ap.add_argument("--width", type=int, default=128)
    ap.add_argument("--reference", action="store_true")
    a = ap.parse_args()
    if not 1 <= a.kmin <= a.kmax <= NAMES:
        ap.error(f"need 1 <= --kmin <= --kmax <= {NAMES}")
    torch.set_num_threads(1)
    torch.manual_seed(0)
    rng = np.random.default_rng(0)
    test = [make_batch(np.random.default_rng(99 + i), a, 64) for i in range(4)]

    if a.reference:
        net = Reference(a)
        opt = torch.optim.AdamW(net.parameters(), lr=a.lr, weight_decay=a.wd)
        logits_of = net
    else:
        cfg = {"vocabSize": VOCAB, "blockSize": 256, "nLayer": a.layers, "nHead": a.heads, "nEmbd": a.width,
               "pos": "rope"}
        p = {}
        for name, shape in param_shapes(cfg):
            if name.endswith(".g"):
                p[name] = torch.ones(shape)
            elif len(shape) == 1:
                p[name] = torch.zeros(shape)
            else:
                std = 0.02 / math.sqrt(2 * a.layers) if name.endswith("wo") else 0.02
                p[name] = (torch.randn(shape) * std)
            p[name].requires_grad_(True)
        m1 = {n: torch.zeros_like(t) for n, t in p.items()}
        m2 = {n: torch.zeros_like(t) for n, t in p.items()}
        o = {"beta1": 0.9, "beta2": 0.99, "eps": 1e-8, "weightDecay": a.wd, "gradClip": 1.0}

        def logits_of(x):
            return forward(p, cfg, x)

    def accuracy():
        with torch.no_grad():
            hit = total = 0.0
            for x, y, m in test:
                hit += float(((logits_of(x).argmax(-1) == y).float() * m).sum())
                total += float(m.sum())
        return hit / total

    t0, tokens = time.time(), 0
    for step in range(a.steps + 1):
        if step % 250 == 0 or step == a.steps:
            print(json.dumps({"step": step, "tokens": tokens, "answer_accuracy": round(accuracy(), 4),
                              "s": round(time.time() - t0)}), flush=True)
        if step == a.steps:
            break
        x, y, m = make_batch(rng, a, a.batch)
        tokens += int((x != PAD).sum())
        ce = F.cross_entropy(logits_of(x).reshape(-1, VOCAB), y.reshape(-1), reduction="none")
        loss = (ce * m.reshape(-1)).sum() / m.sum()
        warm = min(1.0, (step + 1) / 100)
        if a.reference:
            for g in opt.param_groups:
                g["lr"] = a.lr * warm
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(net.parameters(), 1.0)
            opt.step()
        else:
            grads = dict(zip(p.keys(), torch.autograd.grad(loss, list(p.values()))))
            adamw({n: t.data for n, t in p.items()}, grads, m1, m2, step, a.lr * warm, o)

    by_k, r = {}, np.random.default_rng(7)
    with torch.no_grad():
        for _ in range(300):
            ids, mask, k = make_row(r, a)
            pred = logits_of(torch.tensor([ids[:-1]])).argmax(-1)[0]
            hit, n = by_k.get(k, (0, 0))
            for j in range(len(ids) - 1):
                if mask[j + 1]:
                    hit, n = hit + int(pred[j] == ids[j + 1]), n + 1
            by_k[k] = (hit, n)
    print(json.dumps({"by_k": {k: round(h / n, 3) for k, (h, n) in sorted(by_k.items())}}), flush=True)


if __name__ == "__main__":
    main()
