#!/usr/bin/env bash
# Builds kube-apiserver v1.20.2 from Debian's `kubernetes` source package (hack/build-kubernetes.sh: the one recipe
# every Kubernetes component here is built with) and caches it in $MODELSHIP_CACHE/kube-apiserver-v1.20.2/.
# Prints the path of the cached binary. A second run finds the cache and builds nothing.
set -euo pipefail
exec "$(cd "$(dirname "$0")" && pwd)/build-kubernetes.sh" kube-apiserver
