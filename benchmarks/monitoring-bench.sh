# Sourced by data-plane.sh (SCENARIOS=monitoring): what monitoring costs the router. Six `modelship router`s in front
# of one iris-v1 runtime, one per variant: off, drift, actuals (association id in a request parameter, every request
# distinct), inference log, on (drift + actuals) and on + log; service stats are always on. All are targets of one
# interleaved open-loop run; each router's process CPU time is read from /proc around it.
# Writes the "## Monitoring" section of docs/benchmarks.md.
# Knobs: MONITORING_RATE (500 requests/s); DURATION, WARMUP and SEGMENT as for data-plane.sh.
# Uses data-plane.sh's CLI, write_section, OPEN_LOOP, work, start, free_port, pid_of, cpu_ticks, log, die, COMMAND, DOTNET, wait_post.

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
  local runtime_port
  runtime_port=$(free_port)
  start monitoring-runtime "$CLI" runtime --model "$work/iris-v1.onnx" --name iris --version v1 --port "$runtime_port"
  local champion="{\"name\":\"champion\",\"version\":\"v1\",\"role\":\"champion\",\"url\":\"http://127.0.0.1:$runtime_port\",\"modelName\":\"iris\",\"weight\":0}"
  local log_block='"log":{"sampleRate":1,"logFailures":true,"includeInputs":true,"includeOutputs":true}'
  # The drift reference: `modelship profile` of iris-like training rows.
  local profile="$work/iris-profile.json"
  /usr/bin/python3 -c 'import random
random.seed(14)
print("sepal_length,sepal_width,petal_length,petal_width,species")
for _ in range(1000):
    row = [round(random.gauss(m, s), 2) for m, s in ((5.8, 0.8), (3.0, 0.4), (3.8, 1.8), (1.2, 0.8))]
    print(",".join(map(str, row + [random.randrange(3)])))' > "$work/iris-train.csv"
  "$CLI" profile --input "$work/iris-train.csv" --output "$profile" --input-name input --target species --target-output label --categorical species >&2 ||
    die "modelship profile failed"
  local drift_block="\"drift\":{\"referencePath\":\"$profile\"}"
  local actuals_block='"actuals":{"associationId":{"source":"parameter","name":"association_id"}}'
  # Variants: what each part of monitoring costs on its own, monitoring as the issue defines it (drift + stats + the
  # actuals join: monitoring_on) and with the full inference log added (monitoring_on_log).
  declare -A extra=(
    [monitoring_off]=""
    [monitoring_drift]=",\"monitoring\":{$drift_block}"
    [monitoring_actuals]=",\"monitoring\":{$actuals_block}"
    [monitoring_log]=",$log_block"
    [monitoring_on]=",\"monitoring\":{$drift_block,$actuals_block}"
    [monitoring_on_log]=",$log_block,\"monitoring\":{$drift_block,$actuals_block}"
  )
  local variants=(monitoring_off monitoring_drift monitoring_actuals monitoring_log monitoring_on monitoring_on_log)
  local v port targets=() url_of_on
  for v in "${variants[@]}"; do
    port=$(free_port)
    echo "{\"generation\":1,\"modelName\":\"iris\",\"backends\":[$champion],\"predictionWarnings\":[]${extra[$v]}}" > "$work/table-$v.json"
    start "router-$v" "$CLI" router --routing-table "$work/table-$v.json" --port "$port" --log-dir "$work/log-$v"
    targets+=(--target "$v=http://127.0.0.1:$port/v2/models/iris/infer")
    [ "$v" = monitoring_on ] && url_of_on="http://127.0.0.1:$port"
  done
  wait_post monitoring-runtime "http://127.0.0.1:$runtime_port/v2/models/iris/infer" "$work/monitoring-body.json"
  for ((i = 0; i < ${#variants[@]}; i++)); do
    wait_post "router-${variants[$i]}" "${targets[$((2 * i + 1))]#*=}" "$work/monitoring-body.json"
  done

  declare -A ticks_before=()
  for v in "${variants[@]}"; do ticks_before[$v]=$(cpu_ticks "${pid_of[router-$v]}"); done
  log "open loop: ${variants[*]} at $MONITORING_RATE/s, ${DURATION} s each in ${SEGMENT} s turns"
  "$OPEN_LOOP" --body "$work/monitoring-body.json" --number-placeholder 0000000000 "${targets[@]}" \
    --rate "$MONITORING_RATE" --duration "$DURATION" --warmup "$WARMUP" --segment "$SEGMENT" | tee -a "$monitoring_results"
  echo "# load average after the run: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$monitoring_results"
  local requests hz
  # Each target got the warm-up and its share of the measured time at the full rate.
  requests=$(awk -v r="$MONITORING_RATE" -v d="$DURATION" -v w="$WARMUP" 'BEGIN { print r * (d + w) }')
  hz=$(getconf CLK_TCK)
  for v in "${variants[@]}"; do
    [ "$(monitoring_value "${v}_errors")" = 0 ] || die "$v answered $(monitoring_value "${v}_errors") requests with errors at $MONITORING_RATE/s"
    monitoring_bench "${v}_router_cpu_us_per_request" "$(awk -v t=$(($(cpu_ticks "${pid_of[router-$v]}") - ticks_before[$v])) -v hz="$hz" -v n="$requests" 'BEGIN { printf "%.1f", t / hz * 1e6 / n }')" us
  done
  local off_cpu
  off_cpu=$(monitoring_value monitoring_off_router_cpu_us_per_request)
  for v in "${variants[@]:1}"; do
    monitoring_bench "${v#monitoring_}_cpu_us_per_request" "$(awk -v a="$(monitoring_value "${v}_router_cpu_us_per_request")" -v b="$off_cpu" 'BEGIN { printf "%.1f", a - b }')" "us (minus monitoring_off, same run)"
  done
  monitoring_bench monitoring_cpu_us_per_request "$(monitoring_value on_cpu_us_per_request)" "us (drift + stats + actuals join, minus monitoring_off)"
  monitoring_bench monitoring_p99_overhead_ratio "$(awk -v a="$(monitoring_value monitoring_on_p99_ms)" -v b="$(monitoring_value monitoring_off_p99_ms)" 'BEGIN { printf "%.3f", a / b }')" ratio
  monitoring_bench monitoring_with_log_p99_overhead_ratio "$(awk -v a="$(monitoring_value monitoring_on_log_p99_ms)" -v b="$(monitoring_value monitoring_off_p99_ms)" 'BEGIN { printf "%.3f", a / b }')" "ratio (inference log of every request added)"

  # The join really ran: the generator numbered the requests of both targets from one sequence, so actuals for every
  # number sent join the monitoring_on router's share (its warm-up and its measured requests).
  local sent joined=0 first answer
  sent=$(awk -v r="$MONITORING_RATE" -v d="$DURATION" -v w="$WARMUP" -v n="${#variants[@]}" 'BEGIN { print n * r * (d + w) }')
  for ((first = 1; first <= sent; first += 5000)); do
    /usr/bin/python3 -c 'import json, sys; a, b = int(sys.argv[1]), int(sys.argv[2]); print(json.dumps([{"associationId": "req-%010d" % i, "actual": 2} for i in range(a, b + 1)]))' \
      "$first" "$((first + 4999 < sent ? first + 4999 : sent))" > "$work/monitoring-actuals.json"
    answer=$(curl -sf -H 'content-type: application/json' --data-binary @"$work/monitoring-actuals.json" "$url_of_on/v2/models/iris/actuals") ||
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

Setup, all on 127.0.0.1: one \`modelship runtime\` with iris-v1 behind six \`modelship router\`s, one per variant:
\`monitoring_off\` (a plain table), \`monitoring_drift\` (\`monitoring.drift\` with a reference \`modelship profile\`
made of 1,000 iris-like training rows: 4 features and the predicted label), \`monitoring_actuals\`
(\`monitoring.actuals\`, association id in the request parameter \`association_id\`: each answered request's
prediction goes to the on-disk join store), \`monitoring_log\` (the inference log of every request, inputs and
outputs), \`monitoring_on\` (drift and actuals: monitoring as issue 14 defines it) and \`monitoring_on_log\`
(monitoring_on plus the full inference log). Service stats (1m/1h/24h windows) are always on, so they are in every
variant. Every request carries its own association id (the generator's \`--number-placeholder\`). All routers are
targets of one open-loop run (\`Modelship.Benchmarks.OpenLoop\`, ${MONITORING_RATE} requests/s, ${SEGMENT} s turns,
${DURATION} s measured each after ${WARMUP} s warm-up). \`<variant>_cpu_us_per_request\` is that router's process CPU
time per request minus \`monitoring_off\`'s, read from /proc around the same run; \`monitoring_cpu_us_per_request\` is
\`on_cpu_us_per_request\`; \`monitoring_p99_overhead_ratio\` is monitoring_on p99 / monitoring_off p99 (target <=
1.10), \`monitoring_with_log_p99_overhead_ratio\` the same with the log. After the run, an actual for every request
number sent is posted to the monitoring_on router (batches of 5,000): \`monitoring_actuals_joined\` against
\`monitoring_on_requests_sent\` shows how many predictions the join had stored. Measure the Native AOT build (the
default, as the image ships): under JIT the monitors' code is still being compiled by the tiered compiler's
background thread during the measurement on a busy machine (seen with \`perf\`), which shows up as monitoring cost.
The machine's $(nproc) cores are shared by the generator, the routers, the
runtime and whatever else runs (load averages below), so the tails are noisy.

\`\`\`
$(cat "$monitoring_results")
\`\`\`
MARKDOWN
)
  write_section "Monitoring" "$section"
}
