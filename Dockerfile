# One image plays every role: modelship operator | router | runtime | fetch | run. `modelship` is a Native AOT
# executable for linux-x64 (hack/publish-aot.sh): no .NET runtime in the image; the operator measures ~50 MiB RSS with
# 1,000 cached objects (docs/benchmarks.md). `modelship manifests` does not work under Native AOT; it runs from the JIT build
# (`make manifests`). Not built in CI here (no Docker engine on the build machines); the same steps run in
# `make publish-aot` and hack/install-onnxruntime.sh. linux/amd64 only (the publish targets linux-x64).
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
# Installs the native linker (gcc, libc6-dev) with apt-get, then runs dotnet publish -r linux-x64 -p:PublishAot=true.
RUN hack/publish-aot.sh /out

# libonnxruntime from the npm package, without its postinstall script (which downloads GPU binaries).
FROM node:20-bookworm-slim AS onnxruntime
WORKDIR /ort
RUN npm pack onnxruntime-node@1.30.0 && tar -xzf onnxruntime-node-1.30.0.tgz package/bin/napi-v6/linux/x64/

# runtime-deps: the C library, OpenSSL, CA certificates and libstdc++ (for ONNX Runtime); no .NET runtime needed.
FROM mcr.microsoft.com/dotnet/runtime-deps:10.0
COPY --from=build /out/modelship /app/modelship
COPY --from=onnxruntime /ort/package/bin/napi-v6/linux/x64/libonnxruntime.so.1* /opt/onnxruntime/
ENV MODELSHIP_ONNXRUNTIME=/opt/onnxruntime ORT_DISABLE_TELEMETRY=1 DOTNET_gcServer=0
# Pod Security Standards "restricted": a non-root numeric user.
USER 65532:65532
ENTRYPOINT ["/app/modelship"]
