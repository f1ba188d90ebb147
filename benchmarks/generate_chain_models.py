#!/usr/bin/env python3
"""Writes three trivial ONNX models that chain by tensor name, for the pipeline benchmark (python3-onnx).

Usage: generate_chain_models.py OUTPUT_DIR
chain-a.onnx: `x` FP32 [N, 4] -> `a` = x + 1; chain-b.onnx: `a` -> `b` = a + 1; chain-c.onnx: `b` -> `c` = b + 1.
A pipeline of the three needs no input map; a caller chaining them itself sends x, then a, then b.
"""
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper


def add_one(name, source, target):
    graph = helper.make_graph(
        [helper.make_node("Add", [source, "one"], [target])],
        name,
        [helper.make_tensor_value_info(source, TensorProto.FLOAT, ["N", 4])],
        [helper.make_tensor_value_info(target, TensorProto.FLOAT, ["N", 4])],
        [numpy_helper.from_array(np.array(1.0, dtype=np.float32), "one")],
    )
    model = helper.make_model(graph, producer_name="modelship-benchmarks", opset_imports=[helper.make_opsetid("", 13)])
    model.ir_version = 8
    onnx.checker.check_model(model)
    return model


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    for name, source, target in [("chain-a", "x", "a"), ("chain-b", "a", "b"), ("chain-c", "b", "c")]:
        path = os.path.join(out, f"{name}.onnx")
        onnx.save(add_one(name, source, target), path)
        print(path)


if __name__ == "__main__":
    main()
