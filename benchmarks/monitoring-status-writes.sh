#!/usr/bin/env bash
# Monitoring status benchmark (issue 14): status writes per minute per ModelDeployment under constant traffic.
# etcd + kube-apiserver (the integration tests' cluster), the real ModelDeployment controller in the test process,
# OBJECTS ModelDeployments with spec.monitoring.statusInterval INTERVAL seconds, each with a ready router Pod whose
# GET /v2/monitoring stand-in (127.0.0.1) answers a report that changes on every read; status PATCHes are counted
# over SECONDS once every ModelDeployment has its first summary. Target: <= 1 write per minute per ModelDeployment
# at the default statusInterval (60s). Prints the BENCH line and writes the "Monitoring status" section of
# docs/benchmarks.md. Needs MODELSHIP_KUBE_APISERVER and MODELSHIP_ETCD (source ~/.cache/modelship/test.env).
set -euo pipefail
cd "$(dirname "$0")/.."
: "${MODELSHIP_KUBE_APISERVER:?set MODELSHIP_KUBE_APISERVER (source ~/.cache/modelship/test.env)}"
OBJECTS=${OBJECTS:-10}
INTERVAL=${INTERVAL:-60}
SECONDS_RUN=${SECONDS_RUN:-180}
CONFIG=${CONFIG:-Release}
out=$(mktemp /tmp/modelship-bench-monitoring.XXXXXX)
trap 'rm -f "$out"' EXIT

dotnet build tests/Modelship.IntegrationTests -c "$CONFIG" -nologo -clp:ErrorsOnly >&2
MODELSHIP_MONITORING_BENCH="objects=$OBJECTS interval=$INTERVAL seconds=$SECONDS_RUN" MODELSHIP_BENCH_OUTPUT="$out" \
  dotnet test tests/Modelship.IntegrationTests --no-build -c "$CONFIG" --filter "FullyQualifiedName~MonitoringStatusWritesBenchmark" >&2
line=$(grep '^BENCH ' "$out" | tail -n 1)
echo "$line"
figure=$(echo "$line" | sed -E 's/.*per_modeldeployment=([0-9.]+).*/\1/')
machine="$(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -sr), .NET $(dotnet --version)"
section=$(cat <<MARKDOWN
## Monitoring status

\`benchmarks/monitoring-status-writes.sh\` (\`OBJECTS=$OBJECTS INTERVAL=$INTERVAL SECONDS_RUN=$SECONDS_RUN\`; runs
\`MonitoringStatusWritesBenchmark\` in tests/Modelship.IntegrationTests): etcd + kube-apiserver v1.20.2 on 127.0.0.1,
the ModelDeployment controller (2 workers) in the test process, $OBJECTS ModelDeployments with
\`spec.monitoring.statusInterval: ${INTERVAL}s\`, each with one ready router Pod whose \`GET /v2/monitoring\` (a stand-in
HTTP server on 127.0.0.1 at the Pod IP) answers a report that changes on every read, as under constant traffic. Status
PATCHes are counted over ${SECONDS_RUN} s once every ModelDeployment has its first summary. Target: <= 1.

| figure | value |
|---|---|
| status writes per minute per ModelDeployment | **$figure** |

\`$line\`

Machine: $machine (shared with other builds while it ran).
MARKDOWN
)
SECTION="$section" python3 - docs/benchmarks.md <<'PYTHON'
import os, re, sys
path = sys.argv[1]
text = open(path, encoding="utf-8").read()
section = os.environ["SECTION"].rstrip() + "\n"
pattern = re.compile(r"^## Monitoring status\n.*?(?=^## |\Z)", re.S | re.M)
if pattern.search(text):
    text = pattern.sub(lambda _: section + "\n", text, count=1).rstrip() + "\n"
else:
    text = text.rstrip() + "\n\n" + section
open(path, "w", encoding="utf-8").write(text)
PYTHON
echo "wrote the Monitoring status section of docs/benchmarks.md" >&2
