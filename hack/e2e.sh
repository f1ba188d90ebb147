#!/usr/bin/env bash
# `make e2e`: Modelship end to end in a real single-node cluster (docs/cluster.md).
#   hack/e2e.sh IMAGE ARCHIVE [dotnet test arguments...]
# Brings the cluster up (hack/cluster.sh up does nothing when it is healthy), imports the image archive `make
# image-archive` wrote, installs Modelship with the chart (rendered by hack/helm-render.sh: two operator replicas, two
# routers per ModelDeployment, the imported image), and runs tests/Modelship.ClusterTests against it. The cluster
# stays up for the next run; `make cluster-down` ends it.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
image=${1:?usage: hack/e2e.sh IMAGE ARCHIVE [dotnet test arguments]}
archive=${2:?usage: hack/e2e.sh IMAGE ARCHIVE [dotnet test arguments]}
shift 2
namespace=modelship-system

log() { echo "e2e: $*" >&2; }
start=$SECONDS

"$here/cluster.sh" up
eval "$("$here/cluster.sh" env | sed 's/^/export /')"
state=$(dirname "$(dirname "$KUBECONFIG")")
"$here/apt-install.sh" lua5.1

log "importing $archive"
"$here/cluster.sh" import "$archive"

# The archive's digest goes into the operator's Pod template: a rebuilt image under the same tag rolls the operator.
digest=$(sha256sum "$archive" | cut -c1-16)
values=$(mktemp)
trap 'rm -f "$values"' EXIT
cat > "$values" <<EOF
image:
  repository: ${image%:*}
  tag: "${image##*:}"
  pullPolicy: IfNotPresent
replicaCount: 2
extraArgs:
  - --router-replicas=2
podAnnotations:
  modelship.dev/e2e-image-archive: "$digest"
EOF
log "installing Modelship ($image) with charts/modelship into $namespace"
kubectl get namespace "$namespace" >/dev/null 2>&1 || kubectl create namespace "$namespace" >/dev/null
"$here/helm-render.sh" template modelship "$root/charts/modelship" -n "$namespace" --include-crds -f "$values" |
  kubectl apply --server-side --force-conflicts -f - >/dev/null
kubectl -n "$namespace" rollout status deployment/modelship --timeout=300s
log "cluster ready and Modelship installed in $((SECONDS - start)) s"

export MODELSHIP_CLUSTER_KUBECONFIG=$KUBECONFIG MODELSHIP_CLUSTER_STATE=$state MODELSHIP_CLUSTER_IMAGE=$image
status=0
"$here/run-tests.sh" dotnet test "$root/tests/Modelship.ClusterTests/Modelship.ClusterTests.csproj" "$@" || status=$?
log "done in $((SECONDS - start)) s"
exit $status
