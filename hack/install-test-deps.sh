#!/usr/bin/env bash
# Installs what the tests need on a fresh machine that has only the .NET SDK, and prints the environment the
# test run uses (KEY=value lines). Idempotent: a second run installs and builds nothing.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)

# etcd for the test cluster, etcdctl to compact it; python3-onnx/numpy to generate test models;
# libonnx-testdata for runtime conformance; python3-prometheus-client and prometheus (promtool) check the exposition.
if ! command -v etcd >/dev/null; then fresh_etcd=1; else fresh_etcd=0; fi
"$here/apt-install.sh" etcd-server etcd-client python3-onnx python3-numpy libonnx-testdata python3-prometheus-client prometheus
if [ "$fresh_etcd" = 1 ]; then
  # Debian starts an etcd service on install; the tests start their own on free ports.
  (command -v systemctl >/dev/null && systemctl stop etcd 2>/dev/null) || true
  pkill -x etcd 2>/dev/null || true
fi

# Go and Debian's Go libraries build hack/helm-render, the `helm template` stand-in the chart tests use (no Helm binary here).
"$here/apt-install.sh" golang-go golang-github-masterminds-sprig-dev golang-k8s-sigs-yaml-dev golang-github-xeipuuv-gojsonschema-dev
# lua5.1 runs the Argo CD health and action scripts of config/argocd/ (Argo CD's Lua is 5.1).
"$here/apt-install.sh" lua5.1

echo "MODELSHIP_KUBE_APISERVER=$("$here/install-kube-apiserver.sh")"
echo "MODELSHIP_ETCD=$(command -v etcd)"
echo "MODELSHIP_ETCDCTL=$(command -v etcdctl)"
