#!/usr/bin/env bash
# Builds the modelship image from the repository's Dockerfile with Debian's podman, on a machine that has no Docker
# engine and reaches no container registry (docs/image.md). The Dockerfile's base images are build arguments; this
# script makes local equivalents from Debian packages and passes them:
#   SDK_IMAGE           debootstrap --variant=minbase of Debian + gcc, libc6-dev + this machine's .NET SDK
#                       (/usr/share/dotnet) and its CA bundle (NuGet is reached through this machine's network)
#   RUNTIME_BASE_IMAGE  no shell, no package manager: the files of libc6, libgcc-s1, libstdc++6, libssl3, zlib1g,
#                       ca-certificates and tzdata (dpkg-deb -x), a CA bundle, /etc/passwd with the user 65532, /tmp
# Each is tagged with a hash of its recipe (this script's function, the package versions, the SDK version) and made
# again only when that changes. The image is tagged IMAGE:<Version from Directory.Build.props> and IMAGE:dev.
#
#   hack/image.sh          prints the image reference (IMAGE:<version>) on stdout; progress goes to stderr
#
# Knobs (environment): IMAGE (localhost/modelship), DEBIAN_SUITE (the suite of this machine's apt sources, bookworm),
# DEBIAN_MIRROR (http://deb.debian.org/debian), MODELSHIP_CACHE (~/.cache/modelship; the .deb files go there).
set -euo pipefail
cd "$(dirname "$0")/.."

IMAGE=${IMAGE:-localhost/modelship}
DEBIAN_SUITE=${DEBIAN_SUITE:-bookworm}
DEBIAN_MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
CACHE=${MODELSHIP_CACHE:-$HOME/.cache/modelship}/image
SDK_PACKAGES=(gcc libc6-dev ca-certificates libicu72 libssl3 zlib1g)
RUNTIME_PACKAGES=(libc6 libgcc-s1 libstdc++6 libssl3 zlib1g ca-certificates tzdata)
NONROOT_UID=65532
# crun refuses this machine's cgroup v1 hybrid mode; RUN steps get rlimits the kernel here accepts.
PODMAN=(podman --runtime runc)
LIMITS=(--ulimit nofile=1024:1024 --ulimit nproc=4096:4096)

log() { echo "image: $*" >&2; }
die() { log "$*"; exit 1; }

version=$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' Directory.Build.props)
[ -n "$version" ] || die "no <Version> in Directory.Build.props"

hack/apt-install.sh podman buildah runc debootstrap >&2
work=$(mktemp -d /var/tmp/modelship-image.XXXXXX)
trap 'rm -rf "$work"' EXIT

# recipe_tag NAME TEXT...: a short hash of the function that builds NAME and of what it is built from.
recipe_tag() {
  local name=$1; shift
  { declare -f "$name"; printf '%s\n' "$@"; } | sha256sum | cut -c1-16
}

# The SDK stage's base: a Debian rootfs with the C toolchain the Native AOT link needs, and the .NET SDK of this
# machine. It trusts what this machine trusts (its CA bundle), because NuGet is reached through this machine's network.
build_sdk_image() {
  local ref=$1 rootfs=$work/sdk-rootfs
  log "debootstrap $DEBIAN_SUITE (minbase + ${SDK_PACKAGES[*]}) into $rootfs"
  debootstrap --variant=minbase --include="$(IFS=,; echo "${SDK_PACKAGES[*]}")" \
    "$DEBIAN_SUITE" "$rootfs" "$DEBIAN_MIRROR" >&2
  rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
  cp -a "$dotnet_root" "$rootfs/usr/share/dotnet"
  ln -sf /usr/share/dotnet/dotnet "$rootfs/usr/bin/dotnet"
  cp /etc/ssl/certs/ca-certificates.crt "$rootfs/etc/ssl/certs/ca-certificates.crt"
  tar -C "$rootfs" --numeric-owner -c . | "${PODMAN[@]}" import \
    --change 'ENV DOTNET_CLI_TELEMETRY_OPTOUT=1' --change 'ENV DOTNET_NOLOGO=1' \
    --change 'ENV DOTNET_GENERATE_ASPNET_CERTIFICATE=false' --change 'ENV NUGET_CERT_REVOCATION_MODE=offline' \
    --change 'ENV SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt' \
    --change 'CMD ["/bin/bash"]' --message "modelship build SDK (recipe hack/image.sh)" - "$ref" >&2
}

# The final stage's base: the files of a few Debian packages, unpacked without their maintainer scripts (no shell
# to run them), plus what those scripts would have made. /var/lib/dpkg/status.d/ keeps each package's control data,
# so image scanners see what is inside.
build_runtime_base_image() {
  local ref=$1 rootfs=$work/runtime-rootfs debs=$CACHE/debs deb package
  mkdir -p "$debs" "$rootfs/var/lib/dpkg/status.d"
  (cd "$debs" && apt-get download -q -o APT::Sandbox::User=root "${runtime_pins[@]}" >&2)
  for package in "${RUNTIME_PACKAGES[@]}"; do
    # apt-get download names a file package_version_arch.deb, with the epoch's colon as %3a.
    deb=$(ls "$debs/${package}_${runtime_version[$package]//:/%3a}_"*.deb)
    dpkg-deb -x "$deb" "$rootfs"
    dpkg-deb -f "$deb" > "$rootfs/var/lib/dpkg/status.d/$package"
  done
  # Documentation out, licences (copyright) kept.
  find "$rootfs/usr/share/doc" -mindepth 2 ! -type d ! -name copyright -delete
  find "$rootfs/usr/share/doc" -mindepth 2 -type d -empty -delete
  rm -rf "$rootfs"/usr/share/{man,info,lintian}
  # glibc's iconv modules (8 MB): .NET has its own encodings and ONNX Runtime does not convert charsets.
  rm -rf "$rootfs/usr/lib/x86_64-linux-gnu/gconv"
  # What ca-certificates' and openssl's maintainer scripts would leave: the bundle and OpenSSL's default paths.
  cat "$rootfs"/usr/share/ca-certificates/mozilla/*.crt > "$rootfs/etc/ssl/certs/ca-certificates.crt"
  mkdir -p "$rootfs/usr/lib/ssl"
  ln -s /etc/ssl/certs "$rootfs/usr/lib/ssl/certs"
  ln -s /etc/ssl/certs/ca-certificates.crt "$rootfs/usr/lib/ssl/cert.pem"
  ln -s /usr/share/zoneinfo/Etc/UTC "$rootfs/etc/localtime"
  printf 'root:x:0:0:root:/root:/usr/sbin/nologin\nnonroot:x:%s:%s:nonroot:/home/nonroot:/usr/sbin/nologin\n' \
    "$NONROOT_UID" "$NONROOT_UID" > "$rootfs/etc/passwd"
  printf 'root:x:0:\nnonroot:x:%s:\n' "$NONROOT_UID" > "$rootfs/etc/group"
  printf 'passwd: files\ngroup: files\nhosts: files dns\n' > "$rootfs/etc/nsswitch.conf"
  printf 'PRETTY_NAME="Debian GNU/Linux %s (modelship runtime base: %s)"\nID=debian\nVERSION_CODENAME=%s\n' \
    "$(debian_version)" "${RUNTIME_PACKAGES[*]}" "$DEBIAN_SUITE" > "$rootfs/etc/os-release"
  install -d -m 1777 "$rootfs/tmp"
  install -d -m 0700 "$rootfs/root"
  install -d -m 0755 -o "$NONROOT_UID" -g "$NONROOT_UID" "$rootfs/home/nonroot"
  tar -C "$rootfs" --numeric-owner -c . | "${PODMAN[@]}" import \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change "USER $NONROOT_UID:$NONROOT_UID" --change 'WORKDIR /home/nonroot' \
    --message "modelship runtime base (recipe hack/image.sh)" - "$ref" >&2
}

debian_version() { cut -d. -f1 /etc/debian_version; }

# ensure_image REF BUILDER: builds REF with BUILDER unless it is already in podman's storage.
ensure_image() {
  local ref=$1 builder=$2
  if "${PODMAN[@]}" image exists "$ref"; then
    log "base image $ref is cached"
  else
    log "making base image $ref"
    "$builder" "$ref"
  fi
}

dotnet_root=$(dirname "$(readlink -f "$(command -v dotnet)")")
sdk_versions=$(dotnet --list-sdks | cut -d' ' -f1 | tr '\n' ' ')
sdk_ref=localhost/modelship-build-sdk:$(recipe_tag build_sdk_image "$DEBIAN_SUITE" "$DEBIAN_MIRROR" \
  "${SDK_PACKAGES[*]}" "$sdk_versions" "$(sha256sum < /etc/ssl/certs/ca-certificates.crt)")
ensure_image "$sdk_ref" build_sdk_image

# Pinned to the versions apt offers now, so a Debian update makes a new base image.
declare -A runtime_version=()
while read -r package candidate; do
  runtime_version[$package]=$candidate
done < <(apt-cache policy "${RUNTIME_PACKAGES[@]}" | awk '/^[^ ]+:$/ { sub(":$", ""); p = $0 } /^ +Candidate:/ { print p, $2 }')
runtime_pins=()
for package in "${RUNTIME_PACKAGES[@]}"; do
  case "${runtime_version[$package]:-}" in
    ""|"(none)") die "apt offers no $package: run apt-get update" ;;
  esac
  runtime_pins+=("$package=${runtime_version[$package]}")
done
runtime_ref=localhost/modelship-runtime-base:$(recipe_tag build_runtime_base_image "$DEBIAN_SUITE" \
  "${runtime_pins[*]}" "$NONROOT_UID")
ensure_image "$runtime_ref" build_runtime_base_image

log "building $IMAGE:$version from Dockerfile (SDK_IMAGE=$sdk_ref, RUNTIME_BASE_IMAGE=$runtime_ref)"
revision=$(git rev-parse HEAD 2>/dev/null || true)
"${PODMAN[@]}" build --network host --pull=never "${LIMITS[@]}" \
  --build-arg SDK_IMAGE="$sdk_ref" --build-arg RUNTIME_BASE_IMAGE="$runtime_ref" \
  --build-arg VERSION="$version" --build-arg SOURCE_REVISION="$revision" \
  -t "$IMAGE:$version" -t "$IMAGE:dev" -f Dockerfile . >&2
size=$("${PODMAN[@]}" image inspect --format '{{.Size}}' "$IMAGE:$version")
log "$IMAGE:$version is $(numfmt --to=si --suffix=B "$size") ($size bytes)"
echo "$IMAGE:$version"
