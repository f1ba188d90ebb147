#!/usr/bin/env bash
# Publishes the `modelship` CLI (src/Modelship.Cli) as a Native AOT executable for linux-x64: no JIT, trimmed framework,
# one self-contained file. This is how the operator ships (Dockerfile) and what benchmarks/operator.sh measures.
#
#   hack/publish-aot.sh [OUTPUT_DIR]     (default: artifacts/aot)
#
# Prints the path of the binary (OUTPUT_DIR/modelship) on stdout; everything else goes to stderr. The AOT settings
# live in src/Modelship.Cli/Modelship.Cli.csproj behind PublishAot=true, so `dotnet build` and the tests are unaffected.
# Intermediate files go to $MODELSHIP_AOT_ARTIFACTS when set (reused by the next run), else to a temporary directory,
# never to the repository's bin/ and obj/. Next to the binary: modelship.dbg (its native symbols).
# Not under Native AOT: `modelship manifests` (the CRD schema generator reads metadata tokens); use the JIT build.
set -euo pipefail
cd "$(dirname "$0")/.."

DOTNET=${DOTNET:-dotnet}
CONFIG=${CONFIG:-Release}
RID=${RID:-linux-x64}
out=${1:-artifacts/aot}

# The AOT compiler's output is linked by the platform toolchain: gcc (with binutils' objcopy for the symbol file) and
# the C library's development files. zlib and OpenSSL are not linked in (the runtime bundles zlib-ng; OpenSSL is
# loaded at run time), so no -dev packages beyond libc6-dev are needed.
hack/apt-install.sh gcc libc6-dev >&2

if [ -n "${MODELSHIP_AOT_ARTIFACTS:-}" ]; then
  artifacts=$MODELSHIP_AOT_ARTIFACTS
  mkdir -p "$artifacts"
else
  artifacts=$(mktemp -d /tmp/modelship-aot.XXXXXX)
  trap 'rm -rf "$artifacts"' EXIT
fi

mkdir -p "$out"
"$DOTNET" publish src/Modelship.Cli -c "$CONFIG" -r "$RID" -p:PublishAot=true \
  --artifacts-path "$artifacts" -o "$out" -nologo >&2
binary=$(cd "$out" && pwd)/modelship
[ -x "$binary" ] || { echo "publish-aot: no executable at $binary" >&2; exit 1; }
echo "publish-aot: $(du -h "$binary" | cut -f1) $binary" >&2
echo "$binary"
