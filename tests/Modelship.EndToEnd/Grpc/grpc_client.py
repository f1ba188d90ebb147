"""A real, non-.NET Open Inference Protocol gRPC client for the end-to-end tests (Debian python3-grpcio).

    grpc_client.py STUBS TARGET protocol MODEL          every RPC, raw contents both ways, bad input
    grpc_client.py STUBS TARGET route MODEL KEY V...    ModelInfer with metadata KEY=V, twice per value

STUBS holds grpc_predict_v2_pb2(_grpc).py, generated from the repository's proto with grpc_tools.protoc. Prints one
JSON document on stdout.
"""
import json
import struct
import sys

import grpc

sys.path.insert(0, sys.argv[1])
import grpc_predict_v2_pb2 as pb  # noqa: E402
import grpc_predict_v2_pb2_grpc as pb_grpc  # noqa: E402

FLOWER = [5.1, 3.5, 1.4, 0.2]


def iris(model, shape=(1, 4), values=FLOWER, raw=False, datatype="FP32", parameters=None):
    request = pb.ModelInferRequest(model_name=model, id="grpc-e2e")
    tensor = request.inputs.add(name="input", datatype=datatype, shape=list(shape))
    if raw:
        request.raw_input_contents.append(struct.pack("<%df" % len(values), *values))
    else:
        tensor.contents.fp32_contents.extend(values)
    for key, value in (parameters or {}).items():
        request.parameters[key].bool_param = value
    return request


def outputs(response):
    """Each output as {name, datatype, shape, data, raw}, decoding raw_output_contents by datatype."""
    decoded = []
    for index, output in enumerate(response.outputs):
        raw = index < len(response.raw_output_contents)
        if raw:
            content = response.raw_output_contents[index]
            if output.datatype == "INT64":
                data = list(struct.unpack("<%dq" % (len(content) // 8), content))
            elif output.datatype == "FP32":
                data = list(struct.unpack("<%df" % (len(content) // 4), content))
            else:
                data = content.hex()
        elif output.datatype == "INT64":
            data = list(output.contents.int64_contents)
        elif output.datatype == "FP32":
            data = list(output.contents.fp32_contents)
        else:
            data = str(output.contents)
        decoded.append({"name": output.name, "datatype": output.datatype, "shape": list(output.shape), "data": data, "raw": raw})
    return decoded


def error(call):
    try:
        call()
    except grpc.RpcError as e:
        return {"code": e.code().name, "details": e.details()}
    return {"code": "OK", "details": ""}


def answer(stub, request, metadata=()):
    response, call = stub.ModelInfer.with_call(request, metadata=metadata, timeout=20)
    headers = dict(call.initial_metadata())
    return {
        "model_name": response.model_name,
        "model_version": response.model_version,
        "id": response.id,
        "version_header": headers.get("x-modelship-model-version", ""),
        "role": headers.get("x-modelship-role", ""),
        "outputs": outputs(response),
    }


def protocol(stub, model):
    metadata = stub.ModelMetadata(pb.ModelMetadataRequest(name=model), timeout=20)
    server = stub.ServerMetadata(pb.ServerMetadataRequest(), timeout=20)
    bad_contents = iris(model)
    bad_contents.inputs[0].contents.Clear()
    bad_contents.inputs[0].contents.int_contents.extend([5, 3, 1, 0])
    short_raw = iris(model, raw=True)
    short_raw.raw_input_contents[0] = short_raw.raw_input_contents[0][:15]
    return {
        "live": stub.ServerLive(pb.ServerLiveRequest(), timeout=20).live,
        "ready": stub.ServerReady(pb.ServerReadyRequest(), timeout=20).ready,
        "server": {"name": server.name, "version": server.version, "extensions": list(server.extensions)},
        "model_ready": stub.ModelReady(pb.ModelReadyRequest(name=model), timeout=20).ready,
        "metadata": {
            "name": metadata.name,
            "versions": list(metadata.versions),
            "platform": metadata.platform,
            "inputs": [{"name": t.name, "datatype": t.datatype, "shape": list(t.shape)} for t in metadata.inputs],
            "outputs": [{"name": t.name, "datatype": t.datatype, "shape": list(t.shape)} for t in metadata.outputs],
        },
        "typed": answer(stub, iris(model)),
        "raw": answer(stub, iris(model, raw=True)),
        "typed_asking_raw": answer(stub, iris(model, parameters={"binary_data_output": True})),
        "raw_asking_typed": answer(stub, iris(model, raw=True, parameters={"binary_data_output": False})),
        "errors": {
            "wrong_contents_field": error(lambda: stub.ModelInfer(bad_contents, timeout=20)),
            "too_few_elements": error(lambda: stub.ModelInfer(iris(model, values=FLOWER[:3]), timeout=20)),
            "shape_the_model_refuses": error(lambda: stub.ModelInfer(iris(model, shape=(1, 3), values=FLOWER[:3]), timeout=20)),
            "unknown_datatype": error(lambda: stub.ModelInfer(iris(model, datatype="FLOAT32"), timeout=20)),
            "short_raw": error(lambda: stub.ModelInfer(short_raw, timeout=20)),
            "unknown_model": error(lambda: stub.ModelInfer(iris("no-such-model"), timeout=20)),
            "unknown_model_ready": error(lambda: stub.ModelReady(pb.ModelReadyRequest(name="no-such-model"), timeout=20)),
        },
    }


def route(stub, model, key, values):
    return [
        {"key": value, "answers": [answer(stub, iris(model), metadata=((key, value),)) for _ in range(2)]}
        for value in values
    ]


def main():
    target, command, model = sys.argv[2], sys.argv[3], sys.argv[4]
    with grpc.insecure_channel(target) as channel:
        stub = pb_grpc.GRPCInferenceServiceStub(channel)
        if command == "protocol":
            result = protocol(stub, model)
        elif command == "route":
            result = route(stub, model, sys.argv[5], sys.argv[6:])
        else:
            raise SystemExit("unknown command " + command)
    json.dump(result, sys.stdout)


if __name__ == "__main__":
    main()
