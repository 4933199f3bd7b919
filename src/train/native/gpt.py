"""The model's second runtime: the GPT of src/model/gpt.ts in PyTorch, for training at scale.

Same architecture and numerics as the TensorFlow.js model, parameter for parameter: the names, shapes and
[in, out] layout of `paramShapes`, pre-norm blocks, LayerNorm (eps 1e-5), tanh GELU, attention as matmuls with
an additive -1e9 causal mask, learned or rotary positions, and the output tied to the token embedding. So a
checkpoint moves between the runtimes without conversion; `npm run parity` holds the two together.

Weights are a plain dict of tensors (nanoGPT's habit of one readable file, without nn.Module bookkeeping),
read from and written to the project's checkpoint folder (config.json, model.safetensors) by hand.
"""
import json
import math
import os
import struct

import numpy as np
import torch
import torch.nn.functional as F

ROPE_BASE = 10000.0


def param_shapes(cfg):
    """Names and shapes in checkpoint order: mirrors paramShapes in src/model/gpt.ts."""
    C = cfg["nEmbd"]
    shapes = [("wte", [cfg["vocabSize"], C])]
    if cfg.get("pos", "learned") != "rope":
        shapes.append(("wpe", [cfg["blockSize"], C]))
    for l in range(cfg["nLayer"]):
        h = f"h.{l}."
        shapes += [
            (h + "ln1.g", [C]), (h + "ln1.b", [C]),
            (h + "attn.wq", [C, C]), (h + "attn.bq", [C]),
            (h + "attn.wk", [C, C]), (h + "attn.bk", [C]),
            (h + "attn.wv", [C, C]), (h + "attn.bv", [C]),
            (h + "attn.wo", [C, C]), (h + "attn.bo", [C]),
            (h + "ln2.g", [C]), (h + "ln2.b", [C]),
            (h + "mlp.wi", [C, 4 * C]), (h + "mlp.bi", [4 * C]),
            (h + "mlp.wo", [4 * C, C]), (h + "mlp.bo", [C]),
        ]
    shapes += [("lnf.g", [C]), ("lnf.b", [C])]
    return shapes


# ---- safetensors (F32 only, as src/model/safetensors.ts) ----

def read_safetensors(path):
    with open(path, "rb") as f:
        raw = f.read()
    n = struct.unpack("<Q", raw[:8])[0]
    header = json.loads(raw[8:8 + n].decode("utf8"))
    base = 8 + n
    out = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        b, e = info["data_offsets"]
        if info["dtype"] == "F32":
            arr = np.frombuffer(raw, dtype="<f4", count=(e - b) // 4, offset=base + b).copy()
        elif info["dtype"] == "F16":
            arr = np.frombuffer(raw, dtype="<f2", count=(e - b) // 2, offset=base + b).astype(np.float32)
        elif info["dtype"] == "BF16":
            bits = np.frombuffer(raw, dtype="<u2", count=(e - b) // 2, offset=base + b).astype(np.uint32) << 16
            arr = bits.view(np.float32)
        else:
            raise ValueError(f"{name}: dtype {info['dtype']} is not supported (F32, F16 or BF16)")
        out[name] = torch.from_numpy(arr).reshape(info["shape"])
    return out


def write_safetensors(path, tensors, metadata=None):
    header = {}
    if metadata:
        header["__metadata__"] = {k: str(v) for k, v in metadata.items()}
    blobs = []
    offset = 0
    for name, t in tensors.items():
        data = t.detach().to(torch.float32).contiguous().numpy().astype("<f4").tobytes()
        header[name] = {"dtype": "F32", "shape": list(t.shape), "data_offsets": [offset, offset + len(data)]}
        offset += len(data)
        blobs.append(data)
    head = json.dumps(header, separators=(",", ":")).encode("utf8")
    head += b" " * ((8 - len(head) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(head)))
        f.write(head)
        for b in blobs:
            f.write(b)


def load_params(cfg, path, prefix=""):
    tensors = read_safetensors(path)
    params = {}
    for name, shape in param_shapes(cfg):
        t = tensors.get(prefix + name)
        if t is None:
            raise ValueError(f"checkpoint lacks tensor {prefix + name}")
        if list(t.shape) != shape:
            raise ValueError(f"{name}: checkpoint shape {list(t.shape)} != model {shape}")
        params[name] = t
    return params


def read_config(ckpt_dir):
    with open(os.path.join(ckpt_dir, "config.json")) as f:
        c = json.load(f)
    if c.get("format") != "dry-run-checkpoint" or c.get("version") != 1:
        raise ValueError(f"{ckpt_dir}/config.json is not a dry-run-checkpoint v1 config")
    return c


# ---- the forward pass ----

def rope_tables(positions, hs):
    """cos, sin [..., hs] for integer positions [...]: each frequency used for both halves (GPT-NeoX)."""
    half = hs // 2
    inv = ROPE_BASE ** (-(2.0 * torch.arange(half, dtype=torch.float64)) / hs)
    ang = positions.to(torch.float64)[..., None] * inv  # [..., half]
    cos = torch.cos(ang).to(torch.float32)
    sin = torch.sin(ang).to(torch.float32)
    return torch.cat([cos, cos], -1), torch.cat([sin, sin], -1)


def rotate_half(x):
    half = x.shape[-1] // 2
    return torch.cat([-x[..., half:], x[..., :half]], -1)


def forward(p, cfg, idx, positions=None, bias=None):
    """idx [B, T] -> logits [B, T, V]. positions [B, T] (default 0..T-1) and bias [B, 1, T, T] (default causal)
    are given by generation with left padding, as forwardStep in gpt.ts."""
    B, T = idx.shape
    C, H = cfg["nEmbd"], cfg["nHead"]
    hs = C // H
    rope = cfg.get("pos", "learned") == "rope"
    if positions is None:
        positions = torch.arange(T).expand(B, T)
    if T > cfg["blockSize"]:
        raise ValueError(f"sequence of {T} tokens exceeds blockSize {cfg['blockSize']}")
    x = p["wte"][idx]  # [B, T, C]
    if not rope:
        x = x + p["wpe"][positions]
    else:
        cos, sin = rope_tables(positions, hs)  # [B, T, hs]
        cos, sin = cos[:, None], sin[:, None]  # [B, 1, T, hs]
    if bias is None:
        causal = torch.ones(T, T, dtype=torch.bool).tril()
        bias = torch.zeros(T, T).masked_fill(~causal, -1e9)
    for l in range(cfg["nLayer"]):
        h = f"h.{l}."
        a = h + "attn."
        y = F.layer_norm(x, (C,), p[h + "ln1.g"], p[h + "ln1.b"], 1e-5)
        q = (y @ p[a + "wq"] + p[a + "bq"]).view(B, T, H, hs).transpose(1, 2)  # [B, H, T, hs]
        k = (y @ p[a + "wk"] + p[a + "bk"]).view(B, T, H, hs).transpose(1, 2)
        v = (y @ p[a + "wv"] + p[a + "bv"]).view(B, T, H, hs).transpose(1, 2)
        if rope:
            q = q * cos + rotate_half(q) * sin
            k = k * cos + rotate_half(k) * sin
        att = (q @ k.transpose(-2, -1)) * (1.0 / math.sqrt(hs)) + bias
        att = torch.softmax(att, -1)
        y = (att @ v).transpose(1, 2).reshape(B, T, C)
        x = x + (y @ p[a + "wo"] + p[a + "bo"])
        y = F.layer_norm(x, (C,), p[h + "ln2.g"], p[h + "ln2.b"], 1e-5)
        m = F.gelu(y @ p[h + "mlp.wi"] + p[h + "mlp.bi"], approximate="tanh")
        x = x + (m @ p[h + "mlp.wo"] + p[h + "mlp.bo"])
    x = F.layer_norm(x, (C,), p["lnf.g"], p["lnf.b"], 1e-5)
    return x @ p["wte"].t()


def loss_sum(p, cfg, x, y, mask):
    """Summed next-token cross-entropy over target positions (mask 1) and their count: shards of a batch add
    up to the whole batch's mean, whatever their sizes (lossFn in gpt.ts is the mean)."""
    logits = forward(p, cfg, x)
    ce = F.cross_entropy(logits.reshape(-1, logits.shape[-1]), y.reshape(-1), reduction="none")
    m = mask.reshape(-1)
    return (ce * m).sum(), m.sum()


@torch.no_grad()
def greedy(p, cfg, prompt, stop_id, max_new):
    """Greedy continuation of one prompt (a list of ids), recomputing the whole sequence each token: slow and
    plain, for parity checks against generate.ts."""
    seq = list(prompt)
    out = []
    room = min(max_new, cfg["blockSize"] - len(prompt))
    for _ in range(room):
        logits = forward(p, cfg, torch.tensor([seq]))[0, -1]
        t = int(torch.argmax(logits))
        out.append(t)
        seq.append(t)
        if t == stop_id:
            break
    return out
