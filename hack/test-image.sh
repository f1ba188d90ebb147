#!/usr/bin/env bash
# Tests a built modelship image with podman (make image runs it after hack/image.sh):
#   - `modelship --version` in the image prints the <Version> of Directory.Build.props;
#   - its size is at most MAX_IMAGE_BYTES (120 MB);
#   - its files: the executable and libonnxruntime.so, time zones, the CA bundle; no shell, no symbol files;
#     it runs as 65532:65532 with ORT_DISABLE_TELEMETRY=1;
#   - it serves the iris example (examples/iris, models from `make examples`, mounted read-only) with a read-only root
#     file system on the host network, and a V2 infer request on 127.0.0.1 answers with an output tensor.
# Every container it starts is removed on exit, also on failure.
#
#   hack/test-image.sh IMAGE
set -euo pipefail
cd "$(dirname "$0")/.."
image=${1:?usage: hack/test-image.sh IMAGE}
MAX_IMAGE_BYTES=${MAX_IMAGE_BYTES:-120000000}
PODMAN=(podman --runtime runc)
# The rlimits this machine's kernel accepts, and the host's network (podman's own would take 10.88.0.0/16).
RUN=("${PODMAN[@]}" run --network host --ulimit nofile=1024:1024 --ulimit nproc=4096:4096)

log() { echo "test-image: $*" >&2; }
fail() { log "FAIL: $*"; exit 1; }
pass() { log "ok: $*"; }

container=modelship-image-test-$$
work=$(mktemp -d /tmp/modelship-test-image.XXXXXX)
cleanup() {
  "${PODMAN[@]}" rm -f "$container" "$container-files" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

version=$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' Directory.Build.props)

# --version: the informational version, "<Version>" or "<Version>+<commit>".
printed=$("${RUN[@]}" --rm "$image" --version)
[[ "$printed" == "$version" || "$printed" == "$version+"* ]] || fail "--version printed '$printed', expected $version"
pass "modelship --version: $printed"

size=$("${PODMAN[@]}" image inspect --format '{{.Size}}' "$image")
[ "$size" -le "$MAX_IMAGE_BYTES" ] || fail "$image is $size bytes, more than $MAX_IMAGE_BYTES"
pass "size $(numfmt --to=si --suffix=B "$size") ($size bytes, at most $MAX_IMAGE_BYTES)"

user=$("${PODMAN[@]}" image inspect --format '{{.Config.User}}' "$image")
[ "$user" = "65532:65532" ] || fail "the image runs as '$user', not 65532:65532"
"${PODMAN[@]}" image inspect --format '{{range .Config.Env}}{{println .}}{{end}}' "$image" | grep -x 'ORT_DISABLE_TELEMETRY=1' >/dev/null ||
  fail "ORT_DISABLE_TELEMETRY=1 is not in the image's environment"
pass "user $user, ORT_DISABLE_TELEMETRY=1"

"${PODMAN[@]}" create --name "$container-files" "$image" >/dev/null
"${PODMAN[@]}" export "$container-files" | tar -t | sed 's:^\./::; s:/$::' > "$work/files"
"${PODMAN[@]}" rm "$container-files" >/dev/null
for required in app/modelship app/libonnxruntime.so app/licenses/onnxruntime/LICENSE app/licenses/modelship/LICENSE app/licenses/modelship/NOTICE usr/share/zoneinfo/Europe/Berlin usr/share/zoneinfo/America/New_York \
  etc/ssl/certs/ca-certificates.crt; do
  grep -qx "$required" "$work/files" || fail "$required is not in the image"
done
if grep -E '\.(dbg|pdb)$|(^|/)(sh|bash|dash)$|onnxruntime\.dll$' "$work/files" > "$work/forbidden"; then
  fail "the image holds $(tr '\n' ' ' < "$work/forbidden")"
fi
pass "files: modelship, libonnxruntime.so and its licence, tzdata, CA bundle; no shell, no .dbg/.pdb ($(wc -l < "$work/files") entries)"

[ -f examples/iris/models/iris-v1.onnx ] || fail "examples/iris/models/ is empty: run 'make examples' first"
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"${RUN[@]}" -d --name "$container" --read-only -v "$PWD/examples/iris:/iris:ro" \
  "$image" run -f /iris/modeldeployment.yaml --port "$port" >/dev/null
body='{"inputs":[{"name":"input","datatype":"FP32","shape":[1,4],"data":[5.9,3.0,5.1,1.8]}]}'
answer=""
for _ in $(seq 150); do
  answer=$(curl -sf -H 'content-type: application/json' --data-binary "$body" \
    "http://127.0.0.1:$port/v2/models/iris/infer" 2>/dev/null) && break
  [ "$("${PODMAN[@]}" inspect --format '{{.State.Running}}' "$container")" = true ] || break
  sleep 0.2
done
if [ -z "$answer" ]; then
  "${PODMAN[@]}" logs "$container" >&2 || true
  fail "the iris example in $image did not answer an infer request on 127.0.0.1:$port"
fi
python3 -c '
import json, sys
outputs = json.loads(sys.argv[1])["outputs"]
assert outputs and all(o["data"] and o["shape"] for o in outputs), outputs
' "$answer" || fail "the infer answer has no output tensor: $answer"
pass "the iris example answers on 127.0.0.1:$port: $answer"
"${PODMAN[@]}" rm -f "$container" >/dev/null
log "passed: $image"
