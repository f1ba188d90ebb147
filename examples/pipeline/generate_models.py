#!/usr/bin/env python3
"""Writes the ONNX models of the example pipeline (python3-onnx, python3-numpy).

Usage: generate_models.py OUTPUT_DIR
Writes the iris classifiers of ../iris (iris-v1, iris-v2, iris-v3: `input` FP32 [N, 4] in cm -> `label` INT64 [N],
`probabilities` FP32 [N, 3]) and two preprocessing models that turn `measurements` FP32 [N, 4] into the classifiers'
`input` in centimetres: mm-to-cm.onnx (x 0.1) and inches-to-cm.onnx (x 2.54).
"""
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "iris"))
import generate_models as iris  # noqa: E402  (the iris example's trainer)


def scale_model(name, factor):
    graph = helper.make_graph(
        [helper.make_node("Mul", ["measurements", "factor"], ["input"])],
        name,
        [helper.make_tensor_value_info("measurements", TensorProto.FLOAT, ["N", 4])],
        [helper.make_tensor_value_info("input", TensorProto.FLOAT, ["N", 4])],
        [numpy_helper.from_array(np.array(factor, dtype=np.float32), "factor")],
    )
    model = helper.make_model(graph, producer_name="modelship-examples", opset_imports=[helper.make_opsetid("", 13)])
    model.ir_version = 8
    model.doc_string = f"preprocessing: measurements times {factor} -> centimetres"
    onnx.checker.check_model(model)
    return model


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    out = sys.argv[1]
    sys.argv = [sys.argv[0], out]
    iris.main()
    for name, factor in [("mm-to-cm", 0.1), ("inches-to-cm", 2.54)]:
        path = os.path.join(out, f"{name}.onnx")
        onnx.save(scale_model(name, factor), path)
        print(path)


if __name__ == "__main__":
    main()
