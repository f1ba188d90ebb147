# One image plays every role: modelship operator | router | runtime | fetch | run. `modelship` is a Native AOT
# executable for linux-x64 (hack/publish-aot.sh): no .NET runtime in the image, no shell. `modelship manifests` does not
# work under Native AOT; it runs from the JIT build (`make manifests`). linux/amd64 only (the publish targets linux-x64).
#
#   docker build -t modelship:0.2.0 .          (or podman build; docs/image.md)
#   make image                                 (this repository's machines: no registry, local base images)
#
# The base images are build arguments. Whatever replaces them: the SDK image needs bash, apt-get or gcc + libc6-dev
# already installed, and the .NET 10 SDK; the runtime base needs glibc >= the SDK image's (the executable links against
# it) and >= 2.28 (ONNX Runtime), libstdc++, OpenSSL 3, CA certificates and tzdata (RefreshSchedule time zones).
ARG SDK_IMAGE=mcr.microsoft.com/dotnet/sdk:10.0-noble
ARG RUNTIME_BASE_IMAGE=mcr.microsoft.com/dotnet/runtime-deps:10.0-noble-chiseled-extra

FROM ${SDK_IMAGE} AS build
ARG SOURCE_REVISION=
WORKDIR /src
# .dockerignore lets in only what the publish reads (src/, the props, two hack/ scripts), so a change elsewhere keeps
# this stage cached.
COPY . .
# publish-aot.sh installs gcc and libc6-dev with apt-get when they are missing, then runs dotnet publish -r linux-x64
# -p:PublishAot=true. NuGet's packages and the compiler's intermediate files live in cache mounts, so a source change
# restores nothing and recompiles incrementally. The build copies libonnxruntime.so (NuGet Microsoft.ML.OnnxRuntime)
# next to the executable, with its licence (licenses/onnxruntime; see NOTICE); the symbol file (modelship.dbg) and the
# .pdb files stay in this stage.
RUN --mount=type=cache,id=modelship-nuget,target=/root/.nuget/packages,sharing=locked \
    --mount=type=cache,id=modelship-aot,target=/var/cache/modelship-aot,sharing=locked \
    --mount=type=tmpfs,target=/tmp \
    SourceRevisionId="$SOURCE_REVISION" MODELSHIP_AOT_ARTIFACTS=/var/cache/modelship-aot hack/publish-aot.sh /publish \
    && mkdir -p /out/app/licenses/modelship \
    && install -m 0755 /publish/modelship /publish/libonnxruntime.so /out/app/ \
    && cp -r /publish/licenses/. /out/app/licenses/ \
    && install -m 0644 LICENSE NOTICE /out/app/licenses/modelship/

FROM ${RUNTIME_BASE_IMAGE}
ARG VERSION=
ARG SOURCE_REVISION=
LABEL org.opencontainers.image.title="modelship" \
      org.opencontainers.image.description="Kubernetes operator and data plane for ML model deployments (Open Inference Protocol V2, built-in ONNX runtime)" \
      org.opencontainers.image.licenses="Apache-2.0" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${SOURCE_REVISION}"
# modelship finds libonnxruntime.so next to itself (OnnxRuntimeLibraryLocator).
COPY --from=build /out/app/ /app/
# Telemetry off in ONNX Runtime (modelship also sets it before CreateEnv); workstation GC for small pods.
ENV ORT_DISABLE_TELEMETRY=1 DOTNET_gcServer=0
# Pod Security Standards "restricted": a non-root numeric user.
USER 65532:65532
ENTRYPOINT ["/app/modelship"]
