#!/usr/bin/env bash
# Prepares the real single-node cluster for tests/Modelship.ClusterTests (docs/cluster.md) and prints the environment
# those tests read (KEY=value lines on stdout; progress on stderr).
#   hack/e2e.sh IMAGE ARCHIVE
# Brings the cluster up (hack/cluster.sh up does nothing when it is healthy), imports the image archive `make
# image-archive` wrote, and installs Modelship with the chart (rendered by hack/helm-render.sh: two operator replicas,
# two routers per ModelDeployment, the imported image). The cluster stays up for the next run; `make cluster-down`
# ends it.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
image=${1:?usage: hack/e2e.sh IMAGE ARCHIVE}
archive=${2:?usage: hack/e2e.sh IMAGE ARCHIVE}
namespace=modelship-system

log() { echo "e2e: $*" >&2; }
start=$SECONDS

"$here/cluster.sh" up >&2
eval "$("$here/cluster.sh" env | sed 's/^/export /')"
state=$(dirname "$(dirname "$KUBECONFIG")")
"$here/apt-install.sh" lua5.1 >&2

log "importing $archive"
"$here/cluster.sh" import "$archive" >&2

# The image's manifest digest goes into the operator's Pod template: a rebuilt image under the same tag rolls the
# operator, the same image does not (the archive file itself differs on every save: tar timestamps).
digest=$(tar -xOf "$archive" index.json 2>/dev/null | grep -o '"digest":"sha256:[0-9a-f]*"' | head -1 | cut -d: -f3 | cut -c1-16)
[ -n "$digest" ] || digest=$(sha256sum "$archive" | cut -c1-16)
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
kubectl -n "$namespace" rollout status deployment/modelship --timeout=300s >&2
log "cluster ready and Modelship installed in $((SECONDS - start)) s"

echo "MODELSHIP_CLUSTER_KUBECONFIG=$KUBECONFIG"
echo "MODELSHIP_CLUSTER_STATE=$state"
echo "MODELSHIP_CLUSTER_IMAGE=$image"
