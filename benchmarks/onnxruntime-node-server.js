// Baseline for `make bench`: the smallest HTTP server that answers Open Inference Protocol V2 infer requests
// (POST /v2/models/{name}/infer, JSON tensors) with onnxruntime-node, so the built-in runtime can be compared with
// ONNX Runtime's own Node binding serving the same model on the same machine.
//
// Usage: node onnxruntime-node-server.js <model.onnx> <name> <version> <port>
// onnxruntime-node is resolved through NODE_PATH (data-plane.sh installs it into a cache outside the repo).
'use strict';
const http = require('http');
const ort = require('onnxruntime-node');

const [modelPath, modelName, modelVersion, portText] = process.argv.slice(2);
if (!modelPath || !modelName || !modelVersion || !portText) {
  console.error('usage: node onnxruntime-node-server.js <model.onnx> <name> <version> <port>');
  process.exit(2);
}

// V2 datatype <-> onnxruntime-node tensor type and typed array.
const types = {
  FP32: ['float32', Float32Array], FP64: ['float64', Float64Array],
  INT32: ['int32', Int32Array], INT64: ['int64', BigInt64Array],
  INT8: ['int8', Int8Array], UINT8: ['uint8', Uint8Array], BOOL: ['bool', Uint8Array],
};
const v2Types = Object.fromEntries(Object.entries(types).map(([v2, [ort]]) => [ort, v2]));

function toTensor(input) {
  const type = types[input.datatype];
  if (!type) throw new Error(`unsupported datatype ${input.datatype}`);
  const values = input.datatype === 'INT64' ? input.data.flat(Infinity).map(BigInt) : input.data.flat(Infinity);
  return new ort.Tensor(type[0], type[1].from(values), input.shape);
}

function toOutput(name, tensor) {
  const data = tensor.type === 'int64' ? Array.from(tensor.data, Number) : Array.from(tensor.data);
  return { name, datatype: v2Types[tensor.type], shape: tensor.dims, data };
}

function send(response, status, body) {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  response.end(text);
}

async function main() {
  const session = await ort.InferenceSession.create(modelPath);
  const inferPath = `/v2/models/${modelName}/infer`;
  const server = http.createServer((request, response) => {
    if (request.method !== 'POST' || request.url !== inferPath) {
      send(response, 404, { error: `no endpoint ${request.method} ${request.url}` });
      return;
    }
    const chunks = [];
    request.on('data', (chunk) => chunks.push(chunk));
    request.on('end', async () => {
      let feeds;
      try {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        feeds = Object.fromEntries(body.inputs.map((input) => [input.name, toTensor(input)]));
      } catch (e) {
        send(response, 400, { error: `malformed request: ${e.message}` });
        return;
      }
      try {
        const results = await session.run(feeds);
        const outputs = Object.entries(results).map(([name, tensor]) => toOutput(name, tensor));
        send(response, 200, { model_name: modelName, model_version: modelVersion, outputs });
      } catch (e) {
        send(response, 500, { error: `inference failed: ${e.message}` });
      }
    });
  });
  server.keepAliveTimeout = 60000;
  server.listen(Number(portText), '127.0.0.1', () => console.error(`onnxruntime-node server on 127.0.0.1:${portText}`));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
