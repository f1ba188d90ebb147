# Sourced by data-plane.sh (SCENARIOS=all or pipeline): the pipeline benchmark. A 3-step Pipeline of trivial ONNX
# models (benchmarks/generate_chain_models.py: x -> a -> b -> c, each `+ 1`) served by `modelship router`, against the
# load generator calling the same three `modelship runtime`s in sequence itself (request i+1 sent when answer i is
# in: what a caller without a pipeline does). Both are targets of one interleaved open-loop run, then of one
# closed-loop throughput run. Writes the "## Pipelines" section of docs/benchmarks.md.
# Knobs: PIPELINE_RATE (500 pipeline requests/s, so 1,500 model requests/s), PIPELINE_SATURATE (10 s per target),
# PIPELINE_CONNECTIONS (16 closed loops per target); DURATION, WARMUP and SEGMENT as for data-plane.sh.
# Uses data-plane.sh's CLI, write_section, OPEN_LOOP, work, start, free_port, pid_of, cpu_ticks, log, die, COMMAND, DOTNET.

PIPELINE_RATE=${PIPELINE_RATE:-500}
PIPELINE_SATURATE=${PIPELINE_SATURATE:-10}
PIPELINE_CONNECTIONS=${PIPELINE_CONNECTIONS:-16}

pipeline_results=""
pipeline_bench() { echo "BENCH $1 $2 $3" | tee -a "$pipeline_results"; }
pipeline_value() { awk -v name="$1" '$1 == "BENCH" && $2 == name { print $3 }' "$pipeline_results"; }

wait_post() { # wait_post NAME URL BODY_FILE: until URL answers the body with 200
  for _ in $(seq 150); do
    curl -sf -o /dev/null -H 'content-type: application/json' --data-binary @"$3" "$2" && return 0
    sleep 0.2
  done
  die "$1 did not answer $2 within 30 s"
}

pipeline_run() {
  pipeline_results=$work/pipeline-results.txt
  echo "# load average before the run: $(cut -d' ' -f1-3 /proc/loadavg)" > "$pipeline_results"
  /usr/bin/python3 benchmarks/generate_chain_models.py "$work/chain" >&2
  local m t steps="" table="$work/table-pipeline.json" pipeline_port
  for t in x a b; do
    echo "{\"inputs\":[{\"name\":\"$t\",\"datatype\":\"FP32\",\"shape\":[1,4],\"data\":[5.9,3.0,5.1,1.8]}]}" > "$work/chain-$t.json"
  done
  declare -gA chain_port=()
  for m in a b c; do
    chain_port[$m]=$(free_port)
    start "chain-runtime-$m" "$CLI" runtime --model "$work/chain/chain-$m.onnx" --name "chain-$m" --version v1 --port "${chain_port[$m]}"
    steps+="${steps:+,}{\"name\":\"step-$m\",\"kind\":\"model\",\"models\":[{\"name\":\"chain-$m\",\"version\":\"v1\",\"url\":\"http://127.0.0.1:${chain_port[$m]}\",\"modelName\":\"chain-$m\"}]}"
  done
  echo "{\"generation\":1,\"modelName\":\"chain\",\"pipeline\":{\"steps\":[$steps]}}" > "$table"
  pipeline_port=$(free_port)
  start router-pipeline "$CLI" router --routing-table "$table" --port "$pipeline_port"
  local direct=() previous=x
  for m in a b c; do
    direct+=("http://127.0.0.1:${chain_port[$m]}/v2/models/chain-$m/infer")
    wait_post "chain-runtime-$m" "${direct[-1]}" "$work/chain-$previous.json"
    previous=$m
  done
  local pipeline_url="http://127.0.0.1:$pipeline_port/v2/models/chain/infer"
  wait_post router-pipeline "$pipeline_url" "$work/chain-x.json"

  local before after requests
  before=$(cpu_ticks "${pid_of[router-pipeline]}")
  log "open loop: pipeline and sequential_direct at $PIPELINE_RATE/s, ${DURATION} s each in ${SEGMENT} s turns, then ${PIPELINE_SATURATE} s each closed-loop"
  "$OPEN_LOOP" --body "$work/chain-x.json" \
    --target "pipeline=$pipeline_url" \
    --target "sequential_direct=${direct[0]}" \
    --then "sequential_direct=${direct[1]}@$work/chain-a.json" \
    --then "sequential_direct=${direct[2]}@$work/chain-b.json" \
    --rate "$PIPELINE_RATE" --duration "$DURATION" --warmup "$WARMUP" --segment "$SEGMENT" \
    --saturate "$PIPELINE_SATURATE" --saturate-connections "$PIPELINE_CONNECTIONS" | tee -a "$pipeline_results"
  after=$(cpu_ticks "${pid_of[router-pipeline]}")
  echo "# load average after the run: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$pipeline_results"
  for t in pipeline sequential_direct; do
    [ "$(pipeline_value "${t}_errors")" = 0 ] || die "$t answered $(pipeline_value "${t}_errors") requests with errors at $PIPELINE_RATE/s"
  done
  requests=$(awk -v r="$PIPELINE_RATE" -v d="$DURATION" -v w="$WARMUP" -v s="$PIPELINE_SATURATE" -v p="$(pipeline_value pipeline_saturated_rps)" 'BEGIN { print r * (d + w) + p * s }')
  pipeline_bench pipeline_router_cpu_us_per_request "$(awk -v t=$((after - before)) -v hz="$(getconf CLK_TCK)" -v n="$requests" 'BEGIN { printf "%.1f", t / hz * 1e6 / n }')" "us (the pipeline router process, 3 exchanges per request)"
  pipeline_bench pipeline_added_p50_ms_per_step "$(awk -v a="$(pipeline_value pipeline_p50_ms)" -v b="$(pipeline_value sequential_direct_p50_ms)" 'BEGIN { printf "%.3f", (a - b) / 3 }')" ms
  pipeline_bench pipeline_added_p99_ms_per_step "$(awk -v a="$(pipeline_value pipeline_p99_ms)" -v b="$(pipeline_value sequential_direct_p99_ms)" 'BEGIN { printf "%.3f", (a - b) / 3 }')" ms
  pipeline_bench pipeline_rps_vs_sequential_direct_ratio "$(awk -v a="$(pipeline_value pipeline_saturated_rps)" -v b="$(pipeline_value sequential_direct_saturated_rps)" 'BEGIN { printf "%.3f", a / b }')" ratio
  local verdict
  verdict=$(awk -v a="$(pipeline_value pipeline_added_p50_ms_per_step)" 'BEGIN { print (a <= 0.1) ? "met" : "NOT met" }')
  echo "TARGET pipeline_added_p50_ms_per_step <= 0.1: $verdict ($(pipeline_value pipeline_added_p50_ms_per_step))" | tee -a "$pipeline_results"
  pipeline_write_section
}

pipeline_write_section() {
  local machine section
  machine="$(nproc) cores ($(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)), $(uname -sr), .NET $("$DOTNET" --version)"
  section=$(cat <<MARKDOWN
## Pipelines

\`$COMMAND\` (script \`benchmarks/data-plane.sh\`, pipeline part \`benchmarks/pipeline-bench.sh\`; \`SCENARIOS=pipeline\`
runs only this part), measured $(date -u '+%Y-%m-%d %H:%M UTC') on ${machine}.

Setup, all on 127.0.0.1: three \`modelship runtime\`s serve trivial ONNX models that chain by name
(\`benchmarks/generate_chain_models.py\`: \`x -> a -> b -> c\`, each \`+ 1\` on FP32 [1,4]). \`pipeline\` is
\`modelship router\` with a 3-step Pipeline table of the three (no input maps, no log); \`sequential_direct\` is the load
generator calling the three runtimes itself, each request sent when the previous answer is in (bodies \`x\`, \`a\`,
\`b\` prepared in advance, so the generator does no tensor work the router does). Both are targets of one open-loop
run (\`Modelship.Benchmarks.OpenLoop\`, ${PIPELINE_RATE} requests/s, ${SEGMENT} s turns, ${DURATION} s measured each after ${WARMUP} s warm-up;
a sequence is one request and its latency runs from its scheduled time to the third answer), then of one closed-loop
throughput run (\`--saturate\`: ${PIPELINE_CONNECTIONS} loops per target, ${PIPELINE_SATURATE} s each in turns).
\`pipeline_added_*_ms_per_step\` is (pipeline - sequential_direct) / 3;
\`pipeline_rps_vs_sequential_direct_ratio\` divides the saturated rates. The router's own CPU per pipeline request
(three model exchanges) is \`pipeline_router_cpu_us_per_request\`. The machine's $(nproc) cores are shared by the
generator, the router, the three runtimes and whatever else runs (load averages below), so the tails are noisy.

\`\`\`
$(cat "$pipeline_results")
\`\`\`
MARKDOWN
)
  write_section "Pipelines" "$section"
}
