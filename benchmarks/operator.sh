#!/usr/bin/env bash
# Operator benchmark: starts etcd + kube-apiserver, runs `modelship operator` (no-op ConfigMap echo controller) as a
# separate process, creates 1,000 ConfigMaps in a burst and measures until all are reconciled, plus the operator's
# RSS with them cached. The operator measured is the Native AOT executable (hack/publish-aot.sh), as it ships; the
# same run measures the JIT-compiled build for comparison (BENCH names ending in _jit; COMPARE_JIT=0 skips it).
# Prints BENCH lines and writes them into the "Operator" section of docs/benchmarks.md.
# Needs MODELSHIP_KUBE_APISERVER and MODELSHIP_ETCD (and etcdctl); `make bench-operator` sets them.
set -euo pipefail
cd "$(dirname "$0")/.."

: "${MODELSHIP_KUBE_APISERVER:?set MODELSHIP_KUBE_APISERVER (make deps writes it to ~/.cache/modelship/test.env)}"
: "${MODELSHIP_ETCD:?set MODELSHIP_ETCD (make deps writes it to ~/.cache/modelship/test.env)}"
DOTNET=${DOTNET:-dotnet}
CONFIG=${CONFIG:-Release}
OBJECTS=${OBJECTS:-1000}
WORKERS=${WORKERS:-4}
COMPARE_JIT=${COMPARE_JIT:-1}
ARTIFACTS=$(mktemp -d /tmp/modelship-bench-operator.XXXXXX)
trap 'rm -rf "$ARTIFACTS"' EXIT

operator_aot=$(DOTNET="$DOTNET" CONFIG="$CONFIG" MODELSHIP_AOT_ARTIFACTS="$ARTIFACTS/aot-build" hack/publish-aot.sh "$ARTIFACTS/aot")
"$DOTNET" build benchmarks/Modelship.Benchmarks.Operator -c "$CONFIG" --artifacts-path "$ARTIFACTS" -nologo -clp:ErrorsOnly >&2
config_dir=$(echo "$CONFIG" | tr '[:upper:]' '[:lower:]')
bench() {
  "$DOTNET" "$ARTIFACTS/bin/Modelship.Benchmarks.Operator/$config_dir/Modelship.Benchmarks.Operator.dll" \
    --objects "$OBJECTS" --workers "$WORKERS" "$@" | tee >(cat >&2)
}

output=$(bench --operator "$operator_aot" --log "$ARTIFACTS/operator-aot.log")
aot_size=$(du -m "$operator_aot" | cut -f1)
if [ "$COMPARE_JIT" = 1 ]; then
  "$DOTNET" build src/Modelship.Cli -c "$CONFIG" --artifacts-path "$ARTIFACTS" -nologo -clp:ErrorsOnly >&2
  jit_output=$(bench --operator "$ARTIFACTS/bin/Modelship.Cli/$config_dir/modelship" --log "$ARTIFACTS/operator-jit.log" --name-suffix _jit)
  output=$(printf '%s\n# the same with the JIT-compiled operator (dotnet build):\n%s\n' "$output" "$(echo "$jit_output" | grep -v "^# operator runtime env")")
  ratio=$(echo "$output" | awk -v n="operator_rss_mib_${OBJECTS}_objects" '$1 == "BENCH" && $2 == n {a = $3} $1 == "BENCH" && $2 == n "_jit" {j = $3} END {if (a && j) printf "%.2f", a / j}')
  [ -n "$ratio" ] && output=$(printf '%s\nBENCH operator_rss_aot_to_jit_ratio %s\n' "$output" "$ratio") && echo "BENCH operator_rss_aot_to_jit_ratio $ratio" >&2
fi

machine="$(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -sr), .NET $("$DOTNET" --version)"
load=$(cut -d' ' -f1-3 /proc/loadavg)
section=$(cat <<MARKDOWN
## Operator

\`make bench-operator\` (\`benchmarks/operator.sh\`): etcd + kube-apiserver v1.20.2 on 127.0.0.1, \`modelship operator\`
as a separate process (leader election on, ${WORKERS} workers, the no-op ConfigMap echo controller), ${OBJECTS} ConfigMaps
created in a burst (32 concurrent creates); the clock runs from the first create until
\`modelship_reconcile_total{result="success"}\` on the operator's \`/metrics\` has grown by ${OBJECTS}. RSS is VmRSS of
the operator process 3 s later, with every object in its cache. Targets: <= 20 s, <= 64 MiB.
The operator is the Native AOT executable, as the container image ships it (\`hack/publish-aot.sh\`: \`dotnet publish
-r linux-x64 -p:PublishAot=true\`, partial trimming, invariant globalization; one ${aot_size} MiB file, no JIT, no shared
framework). The lines ending in \`_jit\` are the JIT-compiled build (\`dotnet build\`) measured in the same run.
Measured $(date -u +%Y-%m-%d) on ${machine};
load average ${load} after the runs (it includes this script's own builds and whatever else ran on the machine:
the times are sensitive to it, RSS hardly).

\`\`\`
$(echo "$output" | grep -E "^(BENCH|#)" | sed "s/; log .*//")
\`\`\`

Runtime settings of the operator process (\`DOTNET_*\` env, as its Deployment should set them; the Native AOT runtime
reads them as the JIT runtime does): workstation GC (\`DOTNET_gcServer=0\`), no background GC thread
(\`DOTNET_gcConcurrent=0\`), a 4 MiB gen0 budget (\`DOTNET_GCgen0size=400000\`). On the AOT executable they save about
2 MiB over the defaults; also tried, each within 1 MiB of them: \`DOTNET_GCHeapHardLimit\` (32 MiB),
\`DOTNET_GCConserveMemory=7\`, a 2 MiB gen0 budget.

What the RSS is made of (the "RSS by mapping" lines, from \`/proc/<pid>/smaps\`): with Native AOT about 20 MiB are
pages of the executable itself (of its ~10 MiB of native code and ~9 MiB of read-only data: type metadata, stack-trace
and exception tables, nearly everything is touched), about 23 MiB anonymous memory: ~8 MiB of runtime type data the
AOT runtime unpacks at start (the binary's \`.hydrated\` section), the GC heap with the ${OBJECTS} cached ConfigMaps (RSS
grows ~7 MiB from idle), native heaps and thread stacks; and ~6 MiB of shared libraries (libcrypto and libssl ~4.5,
libc, libm). The JIT-compiled build carries instead the file-backed images of the runtime and the shared framework
(System.Private.CoreLib, libcoreclr, libclrjit, ASP.NET Core), the JIT's output (\`memfd:doublemapper\`, the "shared
memory") and the JIT's own data; GC settings move it by +-3 MiB. Not under Native AOT: \`modelship manifests\`
(the CRD schema generator reads metadata tokens; run it JIT-compiled, as \`make manifests\` does).
MARKDOWN
)

doc=docs/benchmarks.md
[ -f "$doc" ] || printf '# Benchmarks\n' > "$doc"
# Replace the "## Operator" section (up to the next "## " heading) or append it; other sections stay as they are.
SECTION="$section" python3 - "$doc" <<'PYTHON'
import os, re, sys
path = sys.argv[1]
text = open(path, encoding="utf-8").read()
section = os.environ["SECTION"].rstrip() + "\n"
pattern = re.compile(r"^## Operator\n.*?(?=^## |\Z)", re.S | re.M)
if pattern.search(text):
    text = pattern.sub(lambda _: section + "\n", text, count=1).rstrip() + "\n"
else:
    text = text.rstrip() + "\n\n" + section
open(path, "w", encoding="utf-8").write(text)
PYTHON
echo "wrote the Operator section of $doc" >&2
