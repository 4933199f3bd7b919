"""Learning curves of training runs as one PNG: loss and validation accuracy against tokens seen.

    npm run plot:curves -- --out docs/img/curves.png RUN_DIR[=LABEL] [RUN_DIR[=LABEL] ...]

Reads each run's checkpoint history (config.json, written by `npm run train` on either engine). Accuracy points
are the training-time evaluations (validation rows, answers compared by value). Needs matplotlib (Debian's
python3-matplotlib, installed by scripts/machine-setup.sh).
"""
import argparse
import json
import os

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    ap.add_argument("--title", default="Learning curves")
    ap.add_argument("runs", nargs="+")
    a = ap.parse_args()
    fig, (ax_loss, ax_acc) = plt.subplots(1, 2, figsize=(11, 4.2))
    for spec in a.runs:
        path, _, label = spec.partition("=")
        with open(os.path.join(path, "config.json")) as f:
            c = json.load(f)
        label = label or os.path.basename(path.rstrip("/"))
        h = c.get("history", [])
        loss = [(e["tokens"], e["loss"]) for e in h if isinstance(e.get("loss"), (int, float))]
        acc = [(e["tokens"], e["valAccuracy"]) for e in h if isinstance(e.get("valAccuracy"), (int, float))]
        if loss:
            ax_loss.plot([t / 1e6 for t, _ in loss], [v for _, v in loss], label=label)
        if acc:
            ax_acc.plot([t / 1e6 for t, _ in acc], [100 * v for _, v in acc], marker="o", label=label)
    ax_loss.set(xlabel="tokens seen (millions)", ylabel="loss per target token", yscale="log", title="training loss")
    ax_acc.set(xlabel="tokens seen (millions)", ylabel="exact output (%)", ylim=(0, 100),
               title="validation accuracy (by value)")
    for ax in (ax_loss, ax_acc):
        ax.grid(alpha=0.3)
        ax.legend(fontsize=8)
    fig.suptitle(a.title)
    fig.tight_layout()
    os.makedirs(os.path.dirname(os.path.abspath(a.out)), exist_ok=True)
    fig.savefig(a.out, dpi=110)
    print(json.dumps({"out": a.out, "runs": len(a.runs)}))


if __name__ == "__main__":
    main()
