#!/usr/bin/python3
"""Reference computation of the router's drift math with numpy (DriftNumpyTests).

stdin: {"reference": [...], "live": [...], "bins": 10, "epsilon": 1e-4}
stdout: {"edges", "expected", "actual", "psi", "hellinger"}

Bins: the distinct inner quantile edges of the reference (numpy's default linear method); a value goes to the bin
np.searchsorted(edges, v, side="left"). PSI on proportions whose empty bins get epsilon, renormalized to sum 1;
Hellinger = ||sqrt(a) - sqrt(e)|| / sqrt(2) on the proportions as they are.
"""
import json
import sys

import numpy as np

case = json.load(sys.stdin)
reference = np.array(case["reference"], dtype=np.float64)
live = np.array(case["live"], dtype=np.float64)
bins = int(case["bins"])
epsilon = float(case["epsilon"])

edges = np.unique(np.quantile(reference, np.arange(1, bins) / bins))


def proportions(values):
    counts = np.bincount(np.searchsorted(edges, values, side="left"), minlength=len(edges) + 1)
    return counts / counts.sum()


def smoothed(p):
    q = np.where(p > 0, p, epsilon)
    return q / q.sum()


expected = proportions(reference)
actual = proportions(live)
e, a = smoothed(expected), smoothed(actual)
psi = float(np.sum((a - e) * np.log(a / e)))
hellinger = float(np.sqrt(np.sum((np.sqrt(actual) - np.sqrt(expected)) ** 2)) / np.sqrt(2))
json.dump({"edges": edges.tolist(), "expected": expected.tolist(), "actual": actual.tolist(), "psi": psi, "hellinger": hellinger}, sys.stdout)
