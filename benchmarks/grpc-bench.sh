# Sourced by data-plane.sh (SCENARIOS=grpc): the Open Inference Protocol over gRPC against REST on the same model.
# One `modelship runtime` with iris-v1 (REST and --grpc-port) behind one `modelship router` (REST and --grpc-port,
# a one-champion table). Modelship.Benchmarks.Grpc, one .NET client for both transports, measures the four targets
# in turns, GRPC_ROUNDS rounds: p50/p99 with one caller, then requests/s with GRPC_CONNECTIONS callers, GRPC_SECONDS
# each. Figures combine only numbers of the same run:
#   grpc_router_added_p50_ms  = router over gRPC p50 - runtime over gRPC p50
#   grpc_rps_vs_rest_ratio    = router over gRPC requests/s / router over REST requests/s
# Writes the "## gRPC" section of docs/benchmarks.md.
# Knobs: GRPC_SECONDS (5), GRPC_ROUNDS (2), GRPC_CONNECTIONS (16).
# Uses data-plane.sh's CLI, write_section, work, start, free_port, log, die, COMMAND, DOTNET, CONFIG, wait_infer, cli_kind.

GRPC_SECONDS=${GRPC_SECONDS:-5}
GRPC_ROUNDS=${GRPC_ROUNDS:-2}
GRPC_CONNECTIONS=${GRPC_CONNECTIONS:-16}

grpc_results=""
grpc_value() { awk -v name="$1" '$1 == "BENCH" && $2 == name { print $3 }' "$grpc_results"; }
grpc_bench() { echo "BENCH $1 $2 $3" | tee -a "$grpc_results"; }

grpc_run() {
  grpc_results=$work/grpc-results.txt
  echo "# load average before the run: $(cut -d' ' -f1-3 /proc/loadavg)" > "$grpc_results"
  "$DOTNET" build benchmarks/Modelship.Benchmarks.Grpc -c "$CONFIG" -nologo -clp:ErrorsOnly >&2
  local client=benchmarks/Modelship.Benchmarks.Grpc/bin/$CONFIG/net10.0/Modelship.Benchmarks.Grpc
  /usr/bin/python3 examples/iris/generate_models.py "$work" >&2
  echo '{"inputs":[{"name":"input","datatype":"FP32","shape":[1,4],"data":[5.9,3.0,5.1,1.8]}]}' > "$work/body.json"
  local runtime_port runtime_grpc router_port router_grpc
  runtime_port=$(free_port); runtime_grpc=$(free_port); router_port=$(free_port); router_grpc=$(free_port)
  start grpc-runtime "$CLI" runtime --model "$work/iris-v1.onnx" --name iris --version v1 --port "$runtime_port" --grpc-port "$runtime_grpc"
  echo "{\"generation\":1,\"modelName\":\"iris\",\"backends\":[{\"name\":\"champion\",\"version\":\"v1\",\"role\":\"champion\",\"url\":\"http://127.0.0.1:$runtime_port\",\"modelName\":\"iris\",\"weight\":0}]}" > "$work/table-grpc.json"
  DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1 start grpc-router "$CLI" router --routing-table "$work/table-grpc.json" --port "$router_port" --grpc-port "$router_grpc"
  wait_infer grpc-runtime "http://127.0.0.1:$runtime_port/v2/models/iris/infer"
  wait_infer grpc-router "http://127.0.0.1:$router_port/v2/models/iris/infer"
  log "gRPC against REST: 4 targets x $GRPC_ROUNDS rounds x (1 caller, $GRPC_CONNECTIONS callers) x $GRPC_SECONDS s"
  "$client" --seconds "$GRPC_SECONDS" --rounds "$GRPC_ROUNDS" --connections "$GRPC_CONNECTIONS" \
    --target "rest_direct=rest:http://127.0.0.1:$runtime_port/v2/models/iris/infer" \
    --target "grpc_direct=grpc:127.0.0.1:$runtime_grpc" \
    --target "rest_router=rest:http://127.0.0.1:$router_port/v2/models/iris/infer" \
    --target "grpc_router=grpc:127.0.0.1:$router_grpc" | tee -a "$grpc_results"
  echo "# load average after the run: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$grpc_results"
  grpc_bench grpc_router_added_p50_ms "$(awk -v a="$(grpc_value grpc_router_p50_ms)" -v b="$(grpc_value grpc_direct_p50_ms)" 'BEGIN { printf "%.3f", a - b }')" "ms (router over gRPC p50 - runtime over gRPC p50, same run)"
  grpc_bench rest_router_added_p50_ms "$(awk -v a="$(grpc_value rest_router_p50_ms)" -v b="$(grpc_value rest_direct_p50_ms)" 'BEGIN { printf "%.3f", a - b }')" "ms (the same for REST)"
  grpc_bench grpc_rps_vs_rest_ratio "$(awk -v a="$(grpc_value grpc_router_rps)" -v b="$(grpc_value rest_router_rps)" 'BEGIN { printf "%.3f", a / b }')" "ratio (router: gRPC requests/s / REST requests/s)"
  grpc_bench grpc_direct_rps_vs_rest_ratio "$(awk -v a="$(grpc_value grpc_direct_rps)" -v b="$(grpc_value rest_direct_rps)" 'BEGIN { printf "%.3f", a / b }')" "ratio (runtime: gRPC requests/s / REST requests/s)"
  grpc_write_section
}

grpc_write_section() {
  local machine section
  machine="$(nproc) cores ($(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)), $(uname -sr), .NET $("$DOTNET" --version)"
  section=$(cat <<MARKDOWN
## gRPC

\`$COMMAND\` (script \`benchmarks/data-plane.sh\`, gRPC part \`benchmarks/grpc-bench.sh\`), measured
$(date -u '+%Y-%m-%d %H:%M UTC') on ${machine}, with ${cli_kind}.

Setup, all on 127.0.0.1: one \`modelship runtime\` with iris-v1 serving REST and gRPC (\`--grpc-port\`) behind one
\`modelship router\` serving both (one-champion table; the router calls the runtime over REST either way).
\`Modelship.Benchmarks.Grpc\`, one .NET client for both transports (HttpClient over HTTP/1.1, Grpc.Net.Client over
h2c, typed \`fp32_contents\`), measures the four targets in turns, ${GRPC_ROUNDS} rounds: latency with one caller
(closed loop), then requests/s with ${GRPC_CONNECTIONS} concurrent callers, ${GRPC_SECONDS} s each after 1 s warm-up.
\`grpc_router_added_p50_ms\` is the router's p50 over gRPC minus the runtime's p50 over gRPC;
\`grpc_rps_vs_rest_ratio\` is the router's requests/s over gRPC divided by its requests/s over REST; both from this
run only. gRPC calls are converted at the edge to the V2 JSON request and served by the REST path in process
(src/Modelship.Serving/README.md), so they pay that conversion on top of HTTP/2 framing. The machine's $(nproc) cores
are shared by the client, the router, the runtime and whatever else runs (load averages below), so the figures are
noisy; compare them within the run.

\`\`\`
$(cat "$grpc_results")
\`\`\`
MARKDOWN
)
  write_section "gRPC" "$section"
}
