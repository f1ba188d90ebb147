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
# python3-grpcio and python3-grpc-tools: the non-.NET gRPC client of tests/Modelship.EndToEnd/Grpc (stubs generated at test time).
"$here/apt-install.sh" python3-grpcio python3-grpc-tools
# lua5.1 runs the Argo CD health and action scripts of config/argocd/ (Argo CD's Lua is 5.1).
"$here/apt-install.sh" lua5.1

# s3rver, an S3-compatible server in Node.js, for the S3 source and downloader tests (tests/Modelship.Registry.Tests).
# npm's prefix is a cache folder, not the repository.
s3rver_version=3.7.1
npm_prefix="${MODELSHIP_CACHE:-$HOME/.cache/modelship}/npm"
s3rver_bin="$npm_prefix/node_modules/.bin/s3rver"
# Only what is missing: a Node.js from elsewhere brings its own npm, which Debian's npm package would conflict with.
command -v node >/dev/null || "$here/apt-install.sh" nodejs
command -v npm >/dev/null || "$here/apt-install.sh" npm
if [ "$("$s3rver_bin" --version 2>/dev/null)" != "$s3rver_version" ]; then
  echo "installing s3rver $s3rver_version into $npm_prefix" >&2
  mkdir -p "$npm_prefix"
  npm install --prefix "$npm_prefix" --no-audit --no-fund --loglevel=error "s3rver@$s3rver_version" >&2
fi

echo "MODELSHIP_KUBE_APISERVER=$("$here/install-kube-apiserver.sh")"
echo "MODELSHIP_ETCD=$(command -v etcd)"
echo "MODELSHIP_ETCDCTL=$(command -v etcdctl)"
echo "MODELSHIP_S3RVER=$s3rver_bin"
