#!/usr/bin/env python3
"""Writes the small ONNX models the runtime tests serve, and their expected outputs (python3-onnx, python3-numpy).

Usage: make_test_models.py OUTPUT_DIR
Writes, for each model NAME, NAME.onnx and NAME.expected.json: {"inputs": {name: {"datatype", "shape", "data"}},
"outputs": {name: {"datatype", "shape", "data"}}}. Expected outputs are computed here with numpy, independently
of ONNX Runtime. Deterministic: the same files come out on every run.

Models:
  linear_regressor       ai.onnx.ml LinearRegressor, X FP32 [N,3] -> variable FP32 [N,1]
  tree_regressor         ai.onnx.ml TreeEnsembleRegressor (two trees, SUM, base value), X FP32 [N,3] -> FP32 [N,1]
  linear_classifier      ai.onnx.ml LinearClassifier (softmax), X FP32 [N,2] -> label INT64 [N], probabilities FP32 [N,3]
  zipmap_classifier      the same classifier with ZipMap: probabilities become seq(map(int64, float))
  mixed_types            features FP32 [N,3] -> scaled (x2); counts INT64 [N] -> next (+1);
                         flags BOOL [N] -> negated (not); labels STRING [N] -> labels_out (identity)
  bfloat16_output        X FP32 [N] -> y (Cast to BFLOAT16): ONNX Runtime loads it, V2 has no BF16 datatype;
                         no expected outputs (the runtime refuses to serve it)
"""
import json
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper

ML = helper.make_operatorsetid("ai.onnx.ml", 3)
ONNX = helper.make_operatorsetid("", 13)


def save(out_dir, name, graph, inputs, outputs):
    model = helper.make_model(graph, opset_imports=[ONNX, ML], producer_name="modelship-tests")
    model.ir_version = 8
    onnx.checker.check_model(model)
    onnx.save(model, os.path.join(out_dir, f"{name}.onnx"))
    with open(os.path.join(out_dir, f"{name}.expected.json"), "w") as f:
        json.dump({"inputs": inputs, "outputs": outputs}, f, indent=1)


def tensor(datatype, array):
    array = np.asarray(array)
    data = array.reshape(-1).tolist()
    return {"datatype": datatype, "shape": list(array.shape), "data": data}


def fp32(values):
    # Round through float32 so the expected values are what a float32 model can produce.
    return np.asarray(values, dtype=np.float32)


def linear_regressor(out_dir):
    coefficients = fp32([0.5, -1.25, 2.0])
    intercept = np.float32(0.75)
    x = fp32([[1, 2, 3], [0, 0, 0], [-1.5, 4, 0.25], [10, -3, 7]])
    node = helper.make_node("LinearRegressor", ["X"], ["variable"], domain="ai.onnx.ml",
                            coefficients=coefficients.tolist(), intercepts=[float(intercept)], targets=1)
    graph = helper.make_graph(
        [node], "linear_regressor",
        [helper.make_tensor_value_info("X", TensorProto.FLOAT, [None, 3])],
        [helper.make_tensor_value_info("variable", TensorProto.FLOAT, [None, 1])])
    y = (x.astype(np.float64) @ coefficients.astype(np.float64) + intercept).reshape(-1, 1)
    save(out_dir, "linear_regressor", graph, {"X": tensor("FP32", x)}, {"variable": tensor("FP32", y)})


TREES = [
    # (tree id, node id, feature, threshold, mode, true node, false node, leaf weight)
    (0, 0, 0, 0.5, "BRANCH_LEQ", 1, 2, None),
    (0, 1, 0, 0.0, "LEAF", 0, 0, 1.0),
    (0, 2, 1, 2.0, "BRANCH_LEQ", 3, 4, None),
    (0, 3, 0, 0.0, "LEAF", 0, 0, 2.0),
    (0, 4, 0, 0.0, "LEAF", 0, 0, 3.0),
    (1, 0, 2, 0.0, "BRANCH_LEQ", 1, 2, None),
    (1, 1, 0, 0.0, "LEAF", 0, 0, -0.5),
    (1, 2, 0, 0.0, "LEAF", 0, 0, 0.25),
]
BASE_VALUE = 0.1


def tree_value(row, tree):
    nodes = {n[1]: n for n in TREES if n[0] == tree}
    node = nodes[0]
    while node[4] != "LEAF":
        node = nodes[node[5] if row[node[2]] <= node[3] else node[6]]
    return node[7]


def tree_regressor(out_dir):
    leaves = [n for n in TREES if n[4] == "LEAF"]
    node = helper.make_node(
        "TreeEnsembleRegressor", ["X"], ["variable"], domain="ai.onnx.ml",
        nodes_treeids=[n[0] for n in TREES], nodes_nodeids=[n[1] for n in TREES],
        nodes_featureids=[n[2] for n in TREES], nodes_values=[n[3] for n in TREES],
        nodes_modes=[n[4] for n in TREES], nodes_truenodeids=[n[5] for n in TREES],
        nodes_falsenodeids=[n[6] for n in TREES],
        target_treeids=[n[0] for n in leaves], target_nodeids=[n[1] for n in leaves],
        target_ids=[0 for _ in leaves], target_weights=[n[7] for n in leaves],
        n_targets=1, aggregate_function="SUM", base_values=[BASE_VALUE])
    graph = helper.make_graph(
        [node], "tree_regressor",
        [helper.make_tensor_value_info("X", TensorProto.FLOAT, [None, 3])],
        [helper.make_tensor_value_info("variable", TensorProto.FLOAT, [None, 1])])
    x = fp32([[0.2, 5, -1], [0.5, 2, 1], [0.6, 2, 0], [3, 2.5, 0.1], [-7, 0, 0]])
    y = np.array([[BASE_VALUE + tree_value(row, 0) + tree_value(row, 1)] for row in x.astype(np.float64)])
    save(out_dir, "tree_regressor", graph, {"X": tensor("FP32", x)}, {"variable": tensor("FP32", y)})


CLASSIFIER_WEIGHTS = np.array([[1.0, -0.5], [-0.25, 0.75], [0.5, 0.5]])
CLASSIFIER_INTERCEPTS = np.array([0.1, -0.2, 0.0])
CLASSIFIER_X = fp32([[1, 2], [-3, 0.5], [0, 0], [4, -4]])


def classifier_node(outputs):
    return helper.make_node(
        "LinearClassifier", ["X"], outputs, domain="ai.onnx.ml",
        coefficients=CLASSIFIER_WEIGHTS.reshape(-1).tolist(), intercepts=CLASSIFIER_INTERCEPTS.tolist(),
        classlabels_ints=[0, 1, 2], post_transform="SOFTMAX")


def classifier_expected():
    scores = CLASSIFIER_X.astype(np.float64) @ CLASSIFIER_WEIGHTS.T + CLASSIFIER_INTERCEPTS
    exp = np.exp(scores - scores.max(axis=1, keepdims=True))
    probabilities = exp / exp.sum(axis=1, keepdims=True)
    return probabilities.argmax(axis=1).astype(np.int64), probabilities


def linear_classifier(out_dir):
    graph = helper.make_graph(
        [classifier_node(["label", "probabilities"])], "linear_classifier",
        [helper.make_tensor_value_info("X", TensorProto.FLOAT, [None, 2])],
        [helper.make_tensor_value_info("label", TensorProto.INT64, [None]),
         helper.make_tensor_value_info("probabilities", TensorProto.FLOAT, [None, 3])])
    label, probabilities = classifier_expected()
    save(out_dir, "linear_classifier", graph, {"X": tensor("FP32", CLASSIFIER_X)},
         {"label": tensor("INT64", label), "probabilities": tensor("FP32", probabilities)})


def zipmap_classifier(out_dir):
    zipmap = helper.make_node("ZipMap", ["scores"], ["probabilities"], domain="ai.onnx.ml", classlabels_int64s=[0, 1, 2])
    probabilities_type = onnx.TypeProto()
    probabilities_type.sequence_type.elem_type.map_type.key_type = TensorProto.INT64
    probabilities_type.sequence_type.elem_type.map_type.value_type.tensor_type.elem_type = TensorProto.FLOAT
    graph = helper.make_graph(
        [classifier_node(["label", "scores"]), zipmap], "zipmap_classifier",
        [helper.make_tensor_value_info("X", TensorProto.FLOAT, [None, 2])],
        [helper.make_tensor_value_info("label", TensorProto.INT64, [None]),
         helper.make_value_info("probabilities", probabilities_type)])
    label, probabilities = classifier_expected()
    save(out_dir, "zipmap_classifier", graph, {"X": tensor("FP32", CLASSIFIER_X)},
         {"label": tensor("INT64", label), "probabilities": tensor("FP32", probabilities)})


def mixed_types(out_dir):
    two = helper.make_tensor("two", TensorProto.FLOAT, [], [2.0])
    one = helper.make_tensor("one", TensorProto.INT64, [], [1])
    nodes = [
        helper.make_node("Mul", ["features", "two"], ["scaled"]),
        helper.make_node("Add", ["counts", "one"], ["next"]),
        helper.make_node("Not", ["flags"], ["negated"]),
        helper.make_node("Identity", ["labels"], ["labels_out"]),
    ]
    graph = helper.make_graph(
        nodes, "mixed_types",
        [helper.make_tensor_value_info("features", TensorProto.FLOAT, ["batch", 3]),
         helper.make_tensor_value_info("counts", TensorProto.INT64, ["batch"]),
         helper.make_tensor_value_info("flags", TensorProto.BOOL, ["batch"]),
         helper.make_tensor_value_info("labels", TensorProto.STRING, ["batch"])],
        [helper.make_tensor_value_info("scaled", TensorProto.FLOAT, ["batch", 3]),
         helper.make_tensor_value_info("next", TensorProto.INT64, ["batch"]),
         helper.make_tensor_value_info("negated", TensorProto.BOOL, ["batch"]),
         helper.make_tensor_value_info("labels_out", TensorProto.STRING, ["batch"])],
        initializer=[two, one])
    features = fp32([[1, 2, 3], [-0.5, 0, 1e6]])
    counts = np.array([41, -9007199254740993], dtype=np.int64)
    flags = np.array([True, False])
    labels = np.array(["setosa", "Grüße, \"quoted\""])
    save(out_dir, "mixed_types", graph,
         {"features": tensor("FP32", features), "counts": tensor("INT64", counts),
          "flags": tensor("BOOL", flags), "labels": tensor("BYTES", labels)},
         {"scaled": tensor("FP32", features * 2), "next": tensor("INT64", counts + 1),
          "negated": tensor("BOOL", ~flags), "labels_out": tensor("BYTES", labels)})


def bfloat16_output(out_dir):
    graph = helper.make_graph(
        [helper.make_node("Cast", ["X"], ["y"], to=TensorProto.BFLOAT16)], "bfloat16_output",
        [helper.make_tensor_value_info("X", TensorProto.FLOAT, [None])],
        [helper.make_tensor_value_info("y", TensorProto.BFLOAT16, [None])])
    save(out_dir, "bfloat16_output", graph, {"X": tensor("FP32", fp32([1.5, -2]))}, {})


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    out_dir = sys.argv[1]
    os.makedirs(out_dir, exist_ok=True)
    for make in (linear_regressor, tree_regressor, linear_classifier, zipmap_classifier, mixed_types, bfloat16_output):
        make(out_dir)


if __name__ == "__main__":
    main()
