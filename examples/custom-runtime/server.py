#!/usr/bin/env python3
"""A small model server speaking the Open Inference Protocol V2 REST API, for Modelship's custom-runtime example.

It is not part of Modelship: it stands for any third-party V2 server (Triton, MLServer, ...) and uses only the
Python standard library (http.server) and numpy (Debian: python3-numpy).

Usage: server.py --model PATH --name NAME --version VERSION [--port 8080] [--host 127.0.0.1]
PATH is a model JSON file written by train.py, or a directory holding exactly one (as a Pod's /models is).

The model is a softmax regression over the iris measurements: input `input` FP32 [N, 4] (cm); outputs `label`
INT64 [N] and `probabilities` FP32 [N, 3], the same signature as examples/iris' ONNX models, so it can be a
challenger or shadow of them.

Endpoints: GET /v2/health/live, /v2/health/ready, /v2, /v2/models/{name}[/versions/{v}],
/v2/models/{name}[/versions/{v}]/ready; POST /v2/models/{name}[/versions/{v}]/infer.
"""
import argparse
import json
import os
import re
import signal
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import numpy as np

MAX_BODY = 16 * 1024 * 1024
MODEL_PATH = re.compile(r"^/v2/models/(?P<name>[^/]+)(?:/versions/(?P<version>[^/]+))?(?P<action>/ready|/infer)?$")


class BadRequest(Exception):
    pass


def load_model(path):
    if os.path.isdir(path):
        files = sorted(f for f in os.listdir(path) if f.endswith(".json"))
        if len(files) != 1:
            raise SystemExit(f"{path} must hold exactly one model .json file (found {files})")
        path = os.path.join(path, files[0])
    with open(path, encoding="utf-8") as f:
        spec = json.load(f)
    return {
        "mean": np.asarray(spec["mean"], dtype=np.float64),
        "std": np.asarray(spec["std"], dtype=np.float64),
        "weights": np.asarray(spec["weights"], dtype=np.float64),
        "bias": np.asarray(spec["bias"], dtype=np.float64),
    }


def predict(model, x):
    z = (x - model["mean"]) / model["std"] @ model["weights"] + model["bias"]
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    p = e / e.sum(axis=1, keepdims=True)
    return p.argmax(axis=1).astype(np.int64), p.astype(np.float32)


def parse_input(body):
    try:
        request = json.loads(body)
    except ValueError as e:
        raise BadRequest(f"the body is not JSON: {e}") from e
    if not isinstance(request, dict) or not isinstance(request.get("inputs"), list):
        raise BadRequest("the body must be an object with an 'inputs' array")
    tensor = next((t for t in request["inputs"] if isinstance(t, dict) and t.get("name") == "input"), None)
    if tensor is None:
        raise BadRequest("input 'input' is missing")
    if tensor.get("datatype") not in ("FP32", "FP64"):
        raise BadRequest(f"input 'input' must be FP32 or FP64, not {tensor.get('datatype')}")
    shape = tensor.get("shape")
    if not (isinstance(shape, list) and len(shape) == 2 and all(isinstance(d, int) for d in shape) and shape[1] == 4 and shape[0] >= 1):
        raise BadRequest(f"input 'input' must have shape [N, 4], not {shape}")
    data = tensor.get("data")
    if isinstance(data, list) and data and isinstance(data[0], list):
        data = [v for row in data for v in row]
    if not isinstance(data, list) or len(data) != shape[0] * 4 or not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in data):
        raise BadRequest(f"input 'input' must hold {shape[0] * 4} numbers")
    wanted = [o.get("name") for o in request.get("outputs") or [] if isinstance(o, dict)]
    return request.get("id"), np.asarray(data, dtype=np.float64).reshape(shape), wanted


class Handler(BaseHTTPRequestHandler):
    server_version = "custom-runtime-example/1"
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):  # one line per request on stderr only when asked
        if self.server.verbose:
            sys.stderr.write("%s %s\n" % (self.address_string(), fmt % args))

    def answer(self, status, body):
        payload = json.dumps(body, separators=(",", ":")).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def model_of(self, path):
        match = MODEL_PATH.match(path)
        if not match:
            return None, None
        if match["name"] != self.server.model_name or match["version"] not in (None, self.server.model_version):
            self.answer(404, {"error": f"model '{match['name']}' version '{match['version'] or ''}' is not served here"})
            return None, "answered"
        return match, None

    def do_GET(self):
        path = self.path.split("?", 1)[0]
        if path in ("/v2/health/live", "/v2/health/ready"):
            return self.answer(200, {"live": True} if path.endswith("live") else {"ready": True})
        if path == "/v2":
            return self.answer(200, {"name": "custom-runtime-example", "version": "1", "extensions": []})
        match, answered = self.model_of(path)
        if answered:
            return None
        if match is None or match["action"] == "/infer":
            return self.answer(404, {"error": f"no such endpoint: GET {path}"})
        if match["action"] == "/ready":
            return self.answer(200, {"name": self.server.model_name, "ready": True})
        return self.answer(200, {
            "name": self.server.model_name,
            "versions": [self.server.model_version],
            "platform": "numpy",
            "inputs": [{"name": "input", "datatype": "FP32", "shape": [-1, 4]}],
            "outputs": [
                {"name": "label", "datatype": "INT64", "shape": [-1]},
                {"name": "probabilities", "datatype": "FP32", "shape": [-1, 3]},
            ],
        })

    def do_POST(self):
        path = self.path.split("?", 1)[0]
        match, answered = self.model_of(path)
        if answered:
            return None
        if match is None or match["action"] != "/infer":
            return self.answer(404, {"error": f"no such endpoint: POST {path}"})
        try:
            length = int(self.headers.get("Content-Length") or "0")
        except ValueError:
            return self.answer(400, {"error": "bad Content-Length"})
        if length > MAX_BODY:
            return self.answer(413, {"error": f"the body exceeds {MAX_BODY} bytes"})
        try:
            request_id, x, wanted = parse_input(self.rfile.read(length))
        except BadRequest as e:
            return self.answer(400, {"error": str(e)})
        labels, probabilities = predict(self.server.model, x)
        outputs = [
            {"name": "label", "datatype": "INT64", "shape": [len(labels)], "data": labels.tolist()},
            {"name": "probabilities", "datatype": "FP32", "shape": list(probabilities.shape), "data": [float(v) for v in probabilities.ravel()]},
        ]
        if wanted:
            outputs = [o for o in outputs if o["name"] in wanted]
        body = {"model_name": self.server.model_name, "model_version": self.server.model_version, "outputs": outputs}
        if request_id is not None:
            body["id"] = request_id
        return self.answer(200, body)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", required=True)
    parser.add_argument("--name", required=True)
    parser.add_argument("--version", required=True)
    parser.add_argument("--port", type=int, default=8080)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()

    server = ThreadingHTTPServer((args.host, args.port), Handler)
    server.daemon_threads = True
    server.model = load_model(args.model)
    server.model_name, server.model_version, server.verbose = args.name, args.version, args.verbose
    # SIGTERM (kubelet, `modelship run` stopping) ends serve_forever from another thread.
    signal.signal(signal.SIGTERM, lambda *_: threading.Thread(target=server.shutdown).start())
    print(f"serving model {args.name} version {args.version} at http://{args.host}:{server.server_address[1]}/", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    server.server_close()


if __name__ == "__main__":
    main()
