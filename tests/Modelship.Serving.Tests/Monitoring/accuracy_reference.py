"""Reference accuracy metrics with numpy, for AccuracyMetricsTests: reads pairs as JSON on stdin, prints metrics as JSON."""
import json
import sys

import numpy as np

data = json.load(sys.stdin)
out = {}

c = data["classification"]
labels = np.array(c["predictedLabels"])
actual = np.array(c["actualLabels"])
out["accuracy"] = float(np.mean(labels == actual))
probs = np.array(c["probabilities"], dtype=np.float64)
idx = actual.astype(np.int64)
p = np.clip(probs[np.arange(len(idx)), idx], 1e-15, 1 - 1e-15)
out["logLoss"] = float(-np.mean(np.log(p)))

b = data["binary"]
scores = np.array(b["scores"], dtype=np.float64)
y = np.array(b["actual"], dtype=np.int64)
# The definition of ROC AUC: the probability that a positive scores above a negative, ties counting half.
pos = scores[y == 1][:, None]
neg = scores[y == 0][None, :]
out["auc"] = float(np.mean((pos > neg) + 0.5 * (pos == neg)))

r = data["regression"]
pred = np.array(r["predicted"], dtype=np.float64)
act = np.array(r["actual"], dtype=np.float64)
out["rmse"] = float(np.sqrt(np.mean((pred - act) ** 2)))
out["mae"] = float(np.mean(np.abs(pred - act)))
nz = act != 0
out["mape"] = float(np.mean(np.abs((act[nz] - pred[nz]) / act[nz])))

json.dump(out, sys.stdout)
