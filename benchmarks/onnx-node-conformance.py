#!/usr/bin/python3
"""ONNX backend node tests (Debian libonnx-testdata) through a `modelship runtime` executable, over V2 JSON.

    benchmarks/onnx-node-conformance.py MODELSHIP [--all] [--data DIR] [--tests-from FILE]

For each test directory (model.onnx, test_data_set_0/input_N.pb and output_N.pb) it starts
`MODELSHIP runtime --model model.onnx` on a free port of 127.0.0.1, posts the inputs as a V2 infer request and compares
the answer with the expected outputs: floats within |a - e| <= atol + rtol * |e| (rtol 1e-3, atol 1e-5; FP16 1e-2 and
1e-3; NaN equals NaN), everything else exactly, as tests/Modelship.Serving.Tests/Runtime/TensorAssert.cs does. It
checks what the in-process test (OnnxBackendNodeConformanceTests) cannot: the Native AOT executable as shipped, HTTP
and JSON included. The tests are the list of that test (read from its source, --tests-from) or, with --all, every
directory under DIR/node. Prints one line per test and "passed N of M"; exits 1 when any failed.
Needs python3-onnx and python3-numpy (Debian), libonnx-testdata for the data.
"""
import argparse
import json
import math
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import numpy as np
from onnx import numpy_helper, load_tensor

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_LIST = os.path.join(REPO, "tests/Modelship.Serving.Tests/Runtime/OnnxBackendNodeConformanceTests.cs")

DATATYPES = {
    np.dtype(np.float32): "FP32", np.dtype(np.float64): "FP64", np.dtype(np.float16): "FP16",
    np.dtype(np.int8): "INT8", np.dtype(np.int16): "INT16", np.dtype(np.int32): "INT32", np.dtype(np.int64): "INT64",
    np.dtype(np.uint8): "UINT8", np.dtype(np.uint16): "UINT16", np.dtype(np.uint32): "UINT32",
    np.dtype(np.uint64): "UINT64", np.dtype(np.bool_): "BOOL",
}
FLOATS = {"FP16", "FP32", "FP64"}


def listed_tests(source):
    """The node test names of the C# theory's list: every "test_..." string literal between `NodeTests =` and `];`."""
    text = open(source, encoding="utf-8").read()
    block = re.search(r"NodeTests\s*=\s*\[(.*?)\];", text, re.S)
    if not block:
        sys.exit(f"onnx-node-conformance: no NodeTests list in {source}")
    return re.findall(r'"(test_[^"]+)"', block.group(1))


def datatype(array):
    if array.dtype == object or array.dtype.kind in "SU":
        return "BYTES"
    if array.dtype not in DATATYPES:
        raise ValueError(f"numpy {array.dtype} has no V2 datatype")
    return DATATYPES[array.dtype]


def to_json_values(array, kind):
    flat = array.reshape(-1).tolist()
    if kind == "BYTES":
        return [v.decode("utf-8") if isinstance(v, bytes) else str(v) for v in flat]
    if kind in FLOATS:  # JSON numbers cannot say NaN or infinity; the runtime reads these strings
        return [("NaN" if math.isnan(v) else "Infinity" if v > 0 else "-Infinity") if not math.isfinite(v) else v for v in flat]
    return flat


def from_json_values(values, kind):
    if kind == "BYTES":
        return np.array(values, dtype=object)
    if kind in FLOATS:
        return np.array([float(v) for v in values], dtype=np.float64)
    if kind == "BOOL":
        return np.array(values, dtype=np.bool_)
    return np.array(values, dtype=np.int64 if kind != "UINT64" else np.uint64)


def compare(name, actual, expected):
    """None when the V2 output matches the expected array, else what differs."""
    kind = datatype(expected)
    if actual["datatype"] != kind:
        return f"{name}: datatype {actual['datatype']}, expected {kind}"
    if list(actual["shape"]) != list(expected.shape):
        return f"{name}: shape {actual['shape']}, expected {list(expected.shape)}"
    got = from_json_values(actual["data"], kind)
    want = expected.reshape(-1)
    if kind == "BYTES":
        want = np.array([v.decode("utf-8") if isinstance(v, bytes) else str(v) for v in want.tolist()], dtype=object)
        return None if list(got) == list(want) else f"{name}: strings differ"
    if kind in FLOATS:
        rtol, atol = (1e-2, 1e-3) if kind == "FP16" else (1e-3, 1e-5)
        want = want.astype(np.float64)
        close = np.isclose(got, want, rtol=rtol, atol=atol, equal_nan=True) | (got == want)
        if close.all():
            return None
        i = int(np.argmin(close))
        return f"{name}: element {i} is {got[i]}, expected {want[i]}"
    return None if np.array_equal(got, want.astype(got.dtype)) else f"{name}: elements differ"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def request(url, body=None):
    data = None if body is None else json.dumps(body, allow_nan=False).encode()
    req = urllib.request.Request(url, data=data, headers={"content-type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=30) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read() or b"{}")


def run_test(modelship, directory):
    """None when the test passes, else why not."""
    port = free_port()
    base = f"http://127.0.0.1:{port}/v2/models/m"
    log = open(os.devnull, "w")
    process = subprocess.Popen(
        [modelship, "runtime", "--model", os.path.join(directory, "model.onnx"), "--name", "m", "--port", str(port)],
        stdout=log, stderr=subprocess.PIPE)
    try:
        metadata = None
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and process.poll() is None:
            try:
                status, metadata = request(base)
                if status == 200:
                    break
            except (urllib.error.URLError, ConnectionError):
                pass
            time.sleep(0.05)
        if process.poll() is not None:
            return "runtime exited: " + process.stderr.read().decode(errors="replace").strip().splitlines()[-1]
        if metadata is None:
            return "runtime did not answer within 30 s"
        data_set = os.path.join(directory, "test_data_set_0")
        inputs = []
        for i, spec in enumerate(metadata["inputs"]):
            path = os.path.join(data_set, f"input_{i}.pb")
            if os.path.exists(path):  # optional inputs left out have no file
                array = numpy_helper.to_array(load_tensor(path))
                kind = datatype(array)
                inputs.append({"name": spec["name"], "datatype": kind, "shape": list(array.shape),
                               "data": to_json_values(array, kind)})
        status, answer = request(base + "/infer", {"inputs": inputs})
        if status != 200:
            return f"HTTP {status}: {answer.get('error', answer)}"
        outputs = {o["name"]: o for o in answer["outputs"]}
        for i, spec in enumerate(metadata["outputs"]):
            expected = numpy_helper.to_array(load_tensor(os.path.join(data_set, f"output_{i}.pb")))
            if spec["name"] not in outputs:
                return f"{spec['name']}: missing from the answer"
            problem = compare(spec["name"], outputs[spec["name"]], expected)
            if problem:
                return problem
        return None
    except ValueError as e:
        return str(e)
    finally:
        process.terminate()
        process.wait()
        process.stderr.close()
        log.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("modelship", help="the modelship executable")
    parser.add_argument("--data", default=os.environ.get("MODELSHIP_ONNX_TESTDATA", "/usr/share/libonnx-testdata/data"))
    parser.add_argument("--tests-from", default=DEFAULT_LIST, help="C# source whose NodeTests list to run")
    parser.add_argument("--all", action="store_true", help="every directory under DATA/node")
    args = parser.parse_args()
    node = os.path.join(args.data, "node")
    if not os.path.isdir(node):
        sys.exit(f"onnx-node-conformance: no {node}: install it with hack/apt-install.sh libonnx-testdata")
    tests = sorted(os.listdir(node)) if args.all else listed_tests(args.tests_from)
    passed = 0
    for test in tests:
        problem = run_test(args.modelship, os.path.join(node, test))
        passed += problem is None
        print(f"{'PASS' if problem is None else 'FAIL'} {test}{'' if problem is None else ': ' + problem}", flush=True)
    print(f"passed {passed} of {len(tests)}")
    return 0 if passed == len(tests) else 1


if __name__ == "__main__":
    sys.exit(main())
