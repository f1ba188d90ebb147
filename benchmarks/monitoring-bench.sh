# Sourced by data-plane.sh (SCENARIOS=monitoring): what monitoring costs the router. Two `modelship router`s in front
# of one iris-v1 runtime: `monitoring_off` with a plain table, `monitoring_on` with the inference log, the actuals join
# (association id in a request parameter, every request distinct) and a drift block; service stats are always on.
# Both are targets of one interleaved open-loop run; each router's process CPU time is read from /proc around it.
# Writes the "## Monitoring" section of docs/benchmarks.md.
# Knobs: MONITORING_RATE (500 requests/s); DURATION, WARMUP and SEGMENT as for data-plane.sh.
# Uses data-plane.sh's CLI, OPEN_LOOP, work, start, free_port, pid_of, cpu_ticks, log, die, COMMAND, DOTNET, wait_post.

MONITORING_RATE=${MONITORING_RATE:-500}

monitoring_results=""
monitoring_bench() { echo "BENCH $1 $2 $3" | tee -a "$monitoring_results"; }
monitoring_value() { awk -v name="$1" '$1 == "BENCH" && $2 == name { print $3 }' "$monitoring_results"; }

monitoring_run() {
  monitoring_results=$work/monitoring-results.txt
  echo "# load average before the run: $(cut -d' ' -f1-3 /proc/loadavg)" > "$monitoring_results"
  /usr/bin/python3 examples/iris/generate_models.py "$work" >&2
  # Each request's association id is rewritten by the generator (--number-placeholder), so every prediction is stored.
  echo '{"parameters":{"association_id":"req-0000000000"},"inputs":[{"name":"input","datatype":"FP32","shape":[1,4],"data":[5.9,3.0,5.1,1.8]}]}' > "$work/monitoring-body.json"
  local runtime_port off_port on_port
  runtime_port=$(free_port); off_port=$(free_port); on_port=$(free_port)
  start monitoring-runtime "$CLI" runtime --model "$work/iris-v1.onnx" --name iris --version v1 --port "$runtime_port"
  local champion="{\"name\":\"champion\",\"version\":\"v1\",\"role\":\"champion\",\"url\":\"http://127.0.0.1:$runtime_port\",\"modelName\":\"iris\",\"weight\":0}"
  local logging=',"log":{"sampleRate":1,"logFailures":true,"includeInputs":true,"includeOutputs":true}'
  # The drift reference: `modelship profile` of iris-like training rows.
  local profile="$work/iris-profile.json"
  /usr/bin/python3 -c 'import json, random
random.seed(14)
for _ in range(1000):
    print(json.dumps({"input": [round(random.gauss(m, s), 2) for m, s in ((5.8, 0.8), (3.0, 0.4), (3.8, 1.8), (1.2, 0.8))]}))' > "$work/iris-train.jsonl"
  "$CLI" profile --input "$work/iris-train.jsonl" --output "$profile" >&2 || die "modelship profile failed"
  local monitoring=",\"monitoring\":{\"drift\":{\"referencePath\":\"$profile\"},\"actuals\":{\"associationId\":{\"source\":\"parameter\",\"name\":\"association_id\"}}}"
  echo "{\"generation\":1,\"modelName\":\"iris\",\"backends\":[$champion],\"predictionWarnings\":[]}" > "$work/table-monitoring-off.json"
  echo "{\"generation\":1,\"modelName\":\"iris\",\"backends\":[$champion],\"predictionWarnings\":[]$logging$monitoring}" > "$work/table-monitoring-on.json"
  start router-monitoring-off "$CLI" router --routing-table "$work/table-monitoring-off.json" --port "$off_port"
  start router-monitoring-on "$CLI" router --routing-table "$work/table-monitoring-on.json" --port "$on_port" --log-dir "$work/monitoring-log"
  local off_url="http://127.0.0.1:$off_port/v2/models/iris/infer" on_url="http://127.0.0.1:$on_port/v2/models/iris/infer"
  wait_post monitoring-runtime "http://127.0.0.1:$runtime_port/v2/models/iris/infer" "$work/monitoring-body.json"
  wait_post router-monitoring-off "$off_url" "$work/monitoring-body.json"
  wait_post router-monitoring-on "$on_url" "$work/monitoring-body.json"

  local off_before on_before off_after on_after requests hz
  off_before=$(cpu_ticks "${pid_of[router-monitoring-off]}"); on_before=$(cpu_ticks "${pid_of[router-monitoring-on]}")
  log "open loop: monitoring_off and monitoring_on at $MONITORING_RATE/s, ${DURATION} s each in ${SEGMENT} s turns"
  "$OPEN_LOOP" --body "$work/monitoring-body.json" --number-placeholder 0000000000 \
    --target "monitoring_off=$off_url" --target "monitoring_on=$on_url" \
    --rate "$MONITORING_RATE" --duration "$DURATION" --warmup "$WARMUP" --segment "$SEGMENT" | tee -a "$monitoring_results"
  off_after=$(cpu_ticks "${pid_of[router-monitoring-off]}"); on_after=$(cpu_ticks "${pid_of[router-monitoring-on]}")
  echo "# load average after the run: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$monitoring_results"
  for t in monitoring_off monitoring_on; do
    [ "$(monitoring_value "${t}_errors")" = 0 ] || die "$t answered $(monitoring_value "${t}_errors") requests with errors at $MONITORING_RATE/s"
  done
  # Each target got the warm-up and its share of the measured time at the full rate.
  requests=$(awk -v r="$MONITORING_RATE" -v d="$DURATION" -v w="$WARMUP" 'BEGIN { print r * (d + w) }')
  hz=$(getconf CLK_TCK)
  monitoring_bench monitoring_off_router_cpu_us_per_request "$(awk -v t=$((off_after - off_before)) -v hz="$hz" -v n="$requests" 'BEGIN { printf "%.1f", t / hz * 1e6 / n }')" us
  monitoring_bench monitoring_on_router_cpu_us_per_request "$(awk -v t=$((on_after - on_before)) -v hz="$hz" -v n="$requests" 'BEGIN { printf "%.1f", t / hz * 1e6 / n }')" us
  monitoring_bench monitoring_cpu_us_per_request "$(awk -v a="$(monitoring_value monitoring_on_router_cpu_us_per_request)" -v b="$(monitoring_value monitoring_off_router_cpu_us_per_request)" 'BEGIN { printf "%.1f", a - b }')" "us (on minus off, same run)"
  monitoring_bench monitoring_p99_overhead_ratio "$(awk -v a="$(monitoring_value monitoring_on_p99_ms)" -v b="$(monitoring_value monitoring_off_p99_ms)" 'BEGIN { printf "%.3f", a / b }')" ratio

  # The join really ran: the generator numbered the requests of both targets from one sequence, so actuals for every
  # number sent join the monitoring_on router's share (its warm-up and its measured requests).
  local sent joined=0 first answer
  sent=$(awk -v r="$MONITORING_RATE" -v d="$DURATION" -v w="$WARMUP" 'BEGIN { print 2 * r * (d + w) }')
  for ((first = 1; first <= sent; first += 5000)); do
    /usr/bin/python3 -c 'import json, sys; a, b = int(sys.argv[1]), int(sys.argv[2]); print(json.dumps([{"associationId": "req-%010d" % i, "actual": 2} for i in range(a, b + 1)]))' \
      "$first" "$((first + 4999 < sent ? first + 4999 : sent))" > "$work/monitoring-actuals.json"
    answer=$(curl -sf -H 'content-type: application/json' --data-binary @"$work/monitoring-actuals.json" "http://127.0.0.1:$on_port/v2/models/iris/actuals") ||
      die "POST .../actuals to the monitoring router failed"
    joined=$((joined + $(echo "$answer" | python3 -c 'import json, sys; print(json.load(sys.stdin)["joined"])')))
  done
  monitoring_bench monitoring_on_requests_sent "$requests" count
  monitoring_bench monitoring_actuals_joined "$joined" "count (of monitoring_on_requests_sent; the rest were still queued or dropped)"
  local verdict
  verdict=$(awk -v a="$(monitoring_value monitoring_p99_overhead_ratio)" 'BEGIN { print (a <= 1.10) ? "met" : "NOT met" }')
  echo "TARGET monitoring_p99_overhead_ratio <= 1.10: $verdict ($(monitoring_value monitoring_p99_overhead_ratio))" | tee -a "$monitoring_results"
  monitoring_write_section
}

monitoring_write_section() {
  local machine section
  machine="$(nproc) cores ($(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)), $(uname -sr), .NET $("$DOTNET" --version)"
  section=$(cat <<MARKDOWN
## Monitoring

\`$COMMAND\` (script \`benchmarks/data-plane.sh\`, monitoring part \`benchmarks/monitoring-bench.sh\`), measured
$(date -u '+%Y-%m-%d %H:%M UTC') on ${machine}, with ${cli_kind}.

Setup, all on 127.0.0.1: one \`modelship runtime\` with iris-v1 behind two \`modelship router\`s. \`monitoring_off\`
has a plain table; \`monitoring_on\` has the inference log (every request, inputs and outputs), \`monitoring.actuals\`
(association id in the request parameter \`association_id\`: each answered request's prediction goes to the on-disk
join store) and a \`monitoring.drift\` block (its reference is made by \`modelship profile\` where the CLI has that
command; otherwise it is unreadable, the router logs that and computes no drift). Service stats (1m/1h/24h windows)
are always on, so they are in both. Every request carries its own association id (the generator's
\`--number-placeholder\`). Both routers are targets of one open-loop run (\`Modelship.Benchmarks.OpenLoop\`,
${MONITORING_RATE} requests/s, ${SEGMENT} s turns, ${DURATION} s measured each after ${WARMUP} s warm-up).
\`monitoring_cpu_us_per_request\` is the on router's process CPU time per request minus the off router's, both read
from /proc around the same run; \`monitoring_p99_overhead_ratio\` is on p99 / off p99 (target <= 1.10). After the
run, an actual for every request number sent is posted to the on router (batches of 5,000):
\`monitoring_actuals_joined\` against \`monitoring_on_requests_sent\` shows how many predictions the join had stored. The machine's $(nproc) cores are shared by the generator, the routers, the
runtime and whatever else runs (load averages below), so the tails are noisy.

\`\`\`
$(cat "$monitoring_results")
\`\`\`
MARKDOWN
)
  local doc=docs/benchmarks.md
  [ -f "$doc" ] || printf '# Benchmarks\n' > "$doc"
  SECTION="$section" python3 - "$doc" <<'PYTHON'
import os, re, sys
path = sys.argv[1]
text = open(path, encoding="utf-8").read()
section = os.environ["SECTION"].rstrip() + "\n"
heading = re.compile(r"^## Monitoring\n.*?(?=^## |\Z)", re.S | re.M)
text = heading.sub(lambda _: section + "\n", text, count=1) if heading.search(text) else text.rstrip() + "\n\n" + section
open(path, "w", encoding="utf-8").write(text.rstrip() + "\n")
PYTHON
  log "wrote the Monitoring section of $doc"
}
