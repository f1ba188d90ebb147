#!/usr/bin/env python3
"""Trains the example's two softmax regressions on examples/iris/data/iris.csv with numpy and writes them as the
JSON models server.py reads: models/iris-numpy-v4.json and models/iris-numpy-v5.json. Deterministic.

Usage: /usr/bin/python3 train.py
"""
import json
import os

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    data = np.loadtxt(os.path.join(HERE, "..", "iris", "data", "iris.csv"), delimiter=",", skiprows=1)
    x, y = data[:, :4], data[:, 4].astype(np.int64)
    mean, std = x.mean(axis=0), x.std(axis=0)
    z = (x - mean) / std
    target = np.zeros((len(y), 3))
    target[np.arange(len(y)), y] = 1.0
    for version, epochs, l2 in (("v4", 300, 0.01), ("v5", 3000, 0.0005)):
        w, b = np.zeros((4, 3)), np.zeros(3)
        for _ in range(epochs):
            logits = z @ w + b
            e = np.exp(logits - logits.max(axis=1, keepdims=True))
            grad = (e / e.sum(axis=1, keepdims=True) - target) / len(z)
            w -= 0.5 * (z.T @ grad + l2 * w)
            b -= 0.5 * grad.sum(axis=0)
        model = {
            "description": f"iris softmax regression {version} ({epochs} epochs, l2 {l2})",
            "mean": [round(v, 6) for v in mean.tolist()],
            "std": [round(v, 6) for v in std.tolist()],
            "weights": [[round(v, 6) for v in row] for row in w.tolist()],
            "bias": [round(v, 6) for v in b.tolist()],
        }
        with open(os.path.join(HERE, "models", f"iris-numpy-{version}.json"), "w", encoding="utf-8") as f:
            json.dump(model, f, indent=1)
            f.write("\n")


if __name__ == "__main__":
    main()
