#!/usr/bin/env bash
# Installs libonnxruntime.so.1 (CPU, linux-x64) from the npm package onnxruntime-node into a cache outside the
# repository and prints the directory that holds it. Idempotent: a second run downloads nothing.
# We take the tarball with `npm pack` and never run the package's postinstall script: it downloads GPU binaries.
set -euo pipefail
version=1.30.0
cache=${MODELSHIP_CACHE:-$HOME/.cache/modelship}
dir="$cache/onnxruntime-$version"
lib="$dir/libonnxruntime.so.1"
log() { echo "install-onnxruntime: $*" >&2; }

if [ -s "$lib" ]; then
  echo "$dir"
  exit 0
fi

if ! command -v npm >/dev/null; then
  log "npm is required to fetch onnxruntime-node@$version (install it, e.g. apt-get install -y npm) or set MODELSHIP_ONNXRUNTIME to an existing libonnxruntime.so.1"
  exit 1
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
log "fetching onnxruntime-node@$version with npm pack"
(cd "$work" && npm pack --silent "onnxruntime-node@$version" >/dev/null) || {
  log "npm pack onnxruntime-node@$version failed"; exit 1; }
tarball=$(ls "$work"/onnxruntime-node-*.tgz)
tar -xzf "$tarball" -C "$work" package/bin/napi-v6/linux/x64/ || {
  log "the package has no bin/napi-v6/linux/x64/ (unexpected layout)"; exit 1; }

mkdir -p "$cache"
staging=$(mktemp -d "$cache/.onnxruntime-$version.XXXXXX")
chmod 755 "$staging"
cp "$work"/package/bin/napi-v6/linux/x64/libonnxruntime.so.1* "$staging/"
if [ ! -s "$staging/libonnxruntime.so.1" ]; then
  rm -rf "$staging"; log "libonnxruntime.so.1 not found in the package"; exit 1
fi
# Rename a complete directory into place so an interrupted run never leaves a truncated library behind.
rm -rf "$dir"
mv "$staging" "$dir"
log "installed $lib"
echo "$dir"
