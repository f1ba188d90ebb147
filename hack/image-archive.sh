#!/usr/bin/env bash
# Writes a podman image as an OCI archive (gzip layers, its name in the index's org.opencontainers.image.ref.name), for
# a cluster's containerd: `ctr -n k8s.io images import FILE` lists it under the same name (localhost/modelship:<version>),
# which Pods name with imagePullPolicy IfNotPresent or Never. containerd 1.6 imports docker-archive too; OCI is the
# format both podman and containerd define.
#
#   hack/image-archive.sh IMAGE FILE
set -euo pipefail
image=${1:?usage: hack/image-archive.sh IMAGE FILE}
out=${2:?usage: hack/image-archive.sh IMAGE FILE}
mkdir -p "$(dirname "$out")"
rm -f "$out"
podman save --format oci-archive -o "$out" "$image" >&2
echo "image-archive: $(du -h "$out" | cut -f1) $out ($image; import with: ctr -n k8s.io images import $out)" >&2
echo "$out"
