#!/usr/bin/env python3
"""Trains three small iris classifiers with numpy and writes them as ONNX models (python3-onnx, python3-numpy).

Usage: generate_models.py OUTPUT_DIR
Writes iris-v1.onnx (softmax regression), iris-v2.onnx (softmax regression, longer training, L2) and
iris-v3.onnx (one hidden layer of 8 tanh units). Each takes `input` FP32 [N, 4] (sepal length, sepal width,
petal length, petal width in cm) and returns `label` INT64 [N] (0 setosa, 1 versicolor, 2 virginica) and
`probabilities` FP32 [N, 3]. Training is deterministic: the same files come out on every run.
Data: Fisher's iris data (1936), data/iris.csv.
"""
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

HERE = os.path.dirname(os.path.abspath(__file__))


def load():
    data = np.loadtxt(os.path.join(HERE, "data", "iris.csv"), delimiter=",", skiprows=1)
    return data[:, :4].astype(np.float32), data[:, 4].astype(np.int64)


def one_hot(y):
    out = np.zeros((len(y), 3), dtype=np.float64)
    out[np.arange(len(y)), y] = 1.0
    return out


def softmax(z):
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def train_softmax(x, y, epochs, l2, rate=0.5):
    w = np.zeros((4, 3))
    b = np.zeros(3)
    t = one_hot(y)
    for _ in range(epochs):
        p = softmax(x @ w + b)
        grad = (p - t) / len(x)
        w -= rate * (x.T @ grad + l2 * w)
        b -= rate * grad.sum(axis=0)
    return [("MatMul", w), ("Add", b)]


def train_mlp(x, y, epochs, hidden=8, rate=0.3):
    rng = np.random.default_rng(7)
    w1 = rng.normal(0, 0.5, (4, hidden))
    b1 = np.zeros(hidden)
    w2 = rng.normal(0, 0.5, (hidden, 3))
    b2 = np.zeros(3)
    t = one_hot(y)
    for _ in range(epochs):
        h = np.tanh(x @ w1 + b1)
        p = softmax(h @ w2 + b2)
        g2 = (p - t) / len(x)
        gh = (g2 @ w2.T) * (1 - h * h)
        w2 -= rate * h.T @ g2
        b2 -= rate * g2.sum(axis=0)
        w1 -= rate * x.T @ gh
        b1 -= rate * gh.sum(axis=0)
    return [("MatMul", w1), ("Add", b1), ("Tanh", None), ("MatMul", w2), ("Add", b2)]


def build(name, version, mean, std, layers):
    initializers = [
        numpy_helper.from_array(mean.astype(np.float32), "mean"),
        numpy_helper.from_array(std.astype(np.float32), "std"),
    ]
    nodes = [helper.make_node("Sub", ["input", "mean"], ["centered"]), helper.make_node("Div", ["centered", "std"], ["x0"])]
    current = "x0"
    for i, (op, weight) in enumerate(layers):
        output = f"x{i + 1}"
        if weight is None:
            nodes.append(helper.make_node(op, [current], [output]))
        else:
            initializers.append(numpy_helper.from_array(weight.astype(np.float32), f"w{i}"))
            nodes.append(helper.make_node(op, [current, f"w{i}"], [output]))
        current = output
    nodes.append(helper.make_node("Softmax", [current], ["probabilities"], axis=1))
    nodes.append(helper.make_node("ArgMax", ["probabilities"], ["label"], axis=1, keepdims=0))
    graph = helper.make_graph(
        nodes,
        name,
        [helper.make_tensor_value_info("input", TensorProto.FLOAT, ["N", 4])],
        [
            helper.make_tensor_value_info("label", TensorProto.INT64, ["N"]),
            helper.make_tensor_value_info("probabilities", TensorProto.FLOAT, ["N", 3]),
        ],
        initializers,
    )
    model = helper.make_model(graph, producer_name="modelship-examples", opset_imports=[helper.make_opsetid("", 13)])
    model.ir_version = 8
    model.model_version = version
    model.doc_string = f"iris classifier {name}"
    onnx.checker.check_model(model)
    return model


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    x, y = load()
    mean, std = x.mean(axis=0), x.std(axis=0)
    z = (x - mean) / std
    models = {
        "iris-v1": (1, train_softmax(z, y, epochs=200, l2=0.01)),
        "iris-v2": (2, train_softmax(z, y, epochs=2000, l2=0.001)),
        "iris-v3": (3, train_mlp(z, y, epochs=3000)),
    }
    for name, (version, layers) in models.items():
        model = build(name, version, mean, std, layers)
        path = os.path.join(out, f"{name}.onnx")
        onnx.save(model, path)
        print(f"{path}: training accuracy {accuracy(layers, z, y):.3f}")


def accuracy(layers, z, y):
    h = z
    for op, weight in layers:
        h = {"MatMul": lambda: h @ weight, "Add": lambda: h + weight, "Tanh": lambda: np.tanh(h)}[op]()
    return float((h.argmax(axis=1) == y).mean())


if __name__ == "__main__":
    main()
