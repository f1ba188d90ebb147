#!/usr/bin/env bash
# ModelDeployment benchmark: etcd + kube-apiserver, the ModelDeployment controller in-process (its writes counted),
# 1,000 ModelDeployments created in a burst, a simulated kubelet marking Deployments Available and router Pods
# ready and acknowledging, until every ModelDeployment is Active; then a metadata-only touch of all of them must
# cause zero operator writes. Prints BENCH lines. Needs MODELSHIP_KUBE_APISERVER and MODELSHIP_ETCD.
set -euo pipefail
cd "$(dirname "$0")/.."
: "${MODELSHIP_KUBE_APISERVER:?set MODELSHIP_KUBE_APISERVER (make deps writes it to ~/.cache/modelship/test.env)}"
: "${MODELSHIP_ETCD:?set MODELSHIP_ETCD (make deps writes it to ~/.cache/modelship/test.env)}"
DOTNET=${DOTNET:-dotnet}
OBJECTS=${OBJECTS:-1000}
ARTIFACTS=$(mktemp -d /tmp/modelship-bench-mdep.XXXXXX)
trap 'rm -rf "$ARTIFACTS"' EXIT
"$DOTNET" build benchmarks/Modelship.Benchmarks.ModelDeployments -c Release --artifacts-path "$ARTIFACTS" -nologo -clp:ErrorsOnly >&2
DOTNET_gcServer=0 "$DOTNET" "$ARTIFACTS/bin/Modelship.Benchmarks.ModelDeployments/release/Modelship.Benchmarks.ModelDeployments.dll" \
  --crd crds/modelship.dev_modeldeployments.yaml --objects "$OBJECTS"
