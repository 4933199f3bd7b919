"""Logits and greedy text of a checkpoint in PyTorch, for `npm run parity` (scripts/parity.ts) to hold against tfjs.

    python3 parity.py --checkpoint DIR --input REQUEST.json --logits OUT.f32

REQUEST.json: {"sequences": [[ids]...], "prompts": [[ids]...], "stopId": N, "maxNew": N}. Writes the logits of
every position of every sequence (float32, little-endian, sequence after sequence, [T, V] each) to OUT.f32 and
prints one JSON line {"greedy": [[ids]...]}.
"""
import argparse
import json
import os
import sys

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import numpy as np  # noqa: E402
import torch  # noqa: E402
from gpt import forward, greedy, load_params, read_config  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--checkpoint", required=True)
    ap.add_argument("--input", required=True)
    ap.add_argument("--logits", required=True)
    a = ap.parse_args()
    torch.set_num_threads(1)
    cfg = read_config(a.checkpoint)["model"]
    p = load_params(cfg, os.path.join(a.checkpoint, "model.safetensors"))
    with open(a.input) as f:
        req = json.load(f)
    with torch.no_grad(), open(a.logits, "wb") as out:
        for seq in req["sequences"]:
            out.write(forward(p, cfg, torch.tensor([seq]))[0].numpy().astype("<f4").tobytes())
    texts = [greedy(p, cfg, q, req["stopId"], req["maxNew"]) for q in req["prompts"]]
    print(json.dumps({"greedy": texts, "torch": torch.__version__, "numpy": np.__version__}))


if __name__ == "__main__":
    main()
