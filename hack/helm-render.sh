#!/usr/bin/env bash
# Renders a Helm chart as `helm template` (Helm 3.8) does, with hack/helm-render: no Helm binary can be installed
# on the build machines. Builds the renderer once into $MODELSHIP_CACHE (default ~/.cache/modelship), again when
# its source changes, from Debian's Go and Go libraries (GOPATH mode).
#   hack/helm-render.sh template RELEASE CHART [-n NS] [-f values.yaml]... [--set k=v]... [--include-crds] [--api-versions g/v]...
#   hack/helm-render.sh notes RELEASE CHART [same flags]      the rendered NOTES.txt
#   hack/helm-render.sh selftest [go test flags]              the renderer's own tests
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source_dir="$here/helm-render"
cache=${MODELSHIP_CACHE:-$HOME/.cache/modelship}
export GOPATH=/usr/share/gocode GO111MODULE=off GOFLAGS=

ensure_packages() {
  "$here/apt-install.sh" golang-go golang-github-masterminds-sprig-dev golang-k8s-sigs-yaml-dev golang-github-xeipuuv-gojsonschema-dev
}

if [ "${1:-}" = selftest ]; then
  shift
  ensure_packages
  cd "$source_dir"
  exec go test "$@" .
fi

hash=$(cd "$source_dir" && cat $(ls *.go | grep -v _test.go) | sha256sum | cut -c1-16)
binary="$cache/helm-render-$hash/helm-render"
if [ ! -x "$binary" ]; then
  ensure_packages
  mkdir -p "$(dirname "$binary")"
  # Build beside the target and rename: concurrent first runs must not see a half-written binary.
  (cd "$source_dir" && go build -o "$binary.$$" .)
  mv -f "$binary.$$" "$binary"
fi
exec "$binary" "$@"
