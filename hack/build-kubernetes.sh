#!/usr/bin/env bash
# Builds Kubernetes v1.20.2 components (kube-apiserver, kube-controller-manager, kube-scheduler, kubelet, kube-proxy)
# from Debian's `kubernetes` source package and caches each outside the repository, in
# $MODELSHIP_CACHE/<component>-v1.20.2/<component>.
#   hack/build-kubernetes.sh kube-apiserver kubelet ...   prints the cached binaries' paths, one a line, in that order
# Why from source: no Docker engine, no envtest or release download here; Debian ships the source with vendor/ included.
# Only the components not cached yet are built, all in one source tree with one Go build cache (kubelet pays for the
# packages the others share), and both are removed afterwards. A second run finds the cache and builds nothing.
set -euo pipefail

version=v1.20.2
cache=${MODELSHIP_CACHE:-$HOME/.cache/modelship}
# Bump when the build recipe changes, so binaries from an older recipe are rebuilt. Recipe 2 is the one
# hack/install-kube-apiserver.sh used before this script existed: its cached kube-apiserver stays valid.
recipe=2
components=(kube-apiserver kube-controller-manager kube-scheduler kubelet kube-proxy)

log() { echo "build-kubernetes: $*" >&2; }
[ $# -gt 0 ] || { log "usage: $0 component... (of: ${components[*]})"; exit 2; }
for c in "$@"; do
  [[ " ${components[*]} " == *" $c "* ]] || { log "unknown component $c (known: ${components[*]})"; exit 2; }
done

binary() { echo "$cache/$1-$version/$1"; }
cached() { [ -x "$(binary "$1")" ] && [ "$(cat "$(binary "$1").recipe" 2>/dev/null)" = "$recipe" ]; }
missing() { local c; for c in "$@"; do cached "$c" || echo "$c"; done; }
print_paths() { local c; for c in "$@"; do binary "$c"; done; }

mapfile -t todo < <(missing "$@")
if [ ${#todo[@]} -eq 0 ]; then print_paths "$@"; exit 0; fi

mkdir -p "$cache"
# One build at a time per cache: `make test` and `make cluster-up` may run side by side.
exec 9>"$cache/build-kubernetes.lock"
flock 9
mapfile -t todo < <(missing "$@")
if [ ${#todo[@]} -eq 0 ]; then print_paths "$@"; exit 0; fi

need_root() {
  if [ "$(id -u)" != 0 ]; then
    log "cannot install $1 without root. Install it by hand: $2"
    exit 1
  fi
}

if ! command -v go >/dev/null || ! command -v dpkg-source >/dev/null; then
  need_root "golang-go and dpkg-dev" "sudo apt-get update && sudo apt-get install -y golang-go dpkg-dev"
  log "installing golang-go and dpkg-dev from Debian"
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends golang-go dpkg-dev >&2 || {
    log "apt-get could not install golang-go dpkg-dev; install them by hand: apt-get install golang-go dpkg-dev"; exit 1; }
fi

work=$cache/build-kubernetes
rm -rf "$work"
mkdir -p "$work/download" "$work/gopath/src/k8s.io"

# Debian's source package needs a deb-src entry.
if ! apt-cache showsrc kubernetes 2>/dev/null | grep '^Version: .*1\.20\.2' >/dev/null; then
  need_root "a deb-src entry" "add 'deb-src http://deb.debian.org/debian bookworm main' to /etc/apt/sources.list and run apt-get update"
  log "adding a deb-src entry for Debian's kubernetes source package"
  cat > /etc/apt/sources.list.d/modelship-src.sources <<'SRC'
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: bookworm
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
  apt-get update -qq >&2
fi
log "downloading the kubernetes source package"
(cd "$work/download" && apt-get source --download-only kubernetes >&2 2>/dev/null) || {
  log "apt-get source kubernetes failed; check that a deb-src line for bookworm main exists"; exit 1; }
(cd "$work/download" && dpkg-source --no-check -x kubernetes_*.dsc "$work/gopath/src/k8s.io/kubernetes" >/dev/null)

src=$work/gopath/src/k8s.io/kubernetes
export GOPATH=$work/gopath GO111MODULE=off GOFLAGS= CGO_ENABLED=0 GOCACHE=$work/go-build

# Go 1.19 + reflect2 v1.0.1 crashes (SIGSEGV) on the first custom resource write: reflect.mapiterinit now
# fills a caller-allocated hiter. Make the vendored copy do what reflect2 v1.0.2 does for Go >= 1.18.
r2=$src/vendor/github.com/modern-go/reflect2
sed -i '/^\/\/ m escapes into the return value/,/^func mapiterinit/d' "$r2/unsafe_link.go"
sed -i '/^type hiter struct {/,/^}/d' "$r2/unsafe_link.go"
sed -i 's/hiter:      mapiterinit(type2.rtype, \*(\*unsafe.Pointer)(obj)),/hiter:      newHiter(type2.rtype, *(*unsafe.Pointer)(obj)),/' "$r2/unsafe_map.go"
cat > "$r2/go_above_118_modelship.go" <<'GO'
package reflect2

import "unsafe"

//go:noescape
//go:linkname mapiterinit reflect.mapiterinit
func mapiterinit(rtype unsafe.Pointer, m unsafe.Pointer, it *hiter)

func newHiter(rtype unsafe.Pointer, m unsafe.Pointer) *hiter {
	it := new(hiter)
	mapiterinit(rtype, m, it)
	return it
}

// hiter mirrors runtime.hiter of Go 1.18+.
type hiter struct {
	key         unsafe.Pointer
	value       unsafe.Pointer
	t           unsafe.Pointer
	h           unsafe.Pointer
	buckets     unsafe.Pointer
	bptr        unsafe.Pointer
	overflow    *[]unsafe.Pointer
	oldoverflow *[]unsafe.Pointer
	startBucket uintptr
	offset      uint8
	wrapped     bool
	B           uint8
	i           uint8
	bucket      uintptr
	checkBucket uintptr
}
GO

cd "$src"
log "building openapi-gen"
go build -o "$work/openapi-gen" ./vendor/k8s.io/kube-openapi/cmd/openapi-gen
log "generating pkg/generated/openapi"
dirs=$(find -L pkg cmd plugin vendor/k8s.io -name '*.go' -not -path '*/testdata/*' -print0 \
  | xargs -0 grep -l '^// *+k8s:openapi-gen=' \
  | xargs -n1 dirname | grep -v -e '^vendor/k8s.io/code-generator' -e '^vendor/k8s.io/sample-apiserver' | LC_ALL=C sort -u \
  | sed 's|^|k8s.io/kubernetes/|' | paste -sd, -)
"$work/openapi-gen" -i "$dirs" -p k8s.io/kubernetes/pkg/generated/openapi -O zz_generated.openapi \
  -h vendor/k8s.io/code-generator/hack/boilerplate.go.txt -r "$work/violations.report" >&2

# /version answers from client-go's copy of the version variables, --version from component-base's: stamp both.
ldflags="-s -w"
for vpkg in k8s.io/kubernetes/vendor/k8s.io/component-base/version k8s.io/kubernetes/vendor/k8s.io/client-go/pkg/version; do
  ldflags="$ldflags -X $vpkg.gitVersion=$version -X $vpkg.gitMajor=1 -X $vpkg.gitMinor=20 -X $vpkg.gitCommit=debian-1.20.2"
  ldflags="$ldflags -X $vpkg.gitTreeState=clean -X $vpkg.buildDate=2021-01-13T00:00:00Z"
done

log "building ${todo[*]}: the first pays for the shared packages (6-12 min on 2 cores), the rest take less"
for c in "${todo[@]}"; do
  log "building $c $version"
  start=$SECONDS
  go build -ldflags "$ldflags" -o "$work/$c" "./cmd/$c"
  mkdir -p "$(dirname "$(binary "$c")")"
  mv "$work/$c" "$(binary "$c")"
  echo "$recipe" > "$(binary "$c").recipe"
  log "cached $(binary "$c") ($((SECONDS - start)) s)"
done

cd /
rm -rf "$work"
print_paths "$@"
