# One image plays every role: modelship operator | router | runtime | fetch | run | manifests.
# Not built in CI here (no Docker engine on the build machines); the same steps run in `make build` and
# hack/install-onnxruntime.sh.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish src/Modelship.Cli -c Release -o /out

# libonnxruntime from the npm package, without its postinstall script (which downloads GPU binaries).
FROM node:20-bookworm-slim AS onnxruntime
WORKDIR /ort
RUN npm pack onnxruntime-node@1.30.0 && tar -xzf onnxruntime-node-1.30.0.tgz package/bin/napi-v6/linux/x64/

FROM mcr.microsoft.com/dotnet/aspnet:10.0
COPY --from=build /out /app
COPY --from=onnxruntime /ort/package/bin/napi-v6/linux/x64/libonnxruntime.so.1* /opt/onnxruntime/
ENV MODELSHIP_ONNXRUNTIME=/opt/onnxruntime ORT_DISABLE_TELEMETRY=1 DOTNET_gcServer=0
# Pod Security Standards "restricted": a non-root numeric user.
USER 65532:65532
ENTRYPOINT ["/app/modelship"]
