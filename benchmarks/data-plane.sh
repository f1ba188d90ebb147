#!/usr/bin/env bash
# Data-plane benchmark: the built-in ONNX runtime directly, through `modelship router`, through nginx (plain
# proxy_pass with upstream keepalive), through the router with a shadow and inference logging on, and a minimal
# onnxruntime-node server with the same model. Latency at a fixed rate with our open-loop generator
# (Modelship.Benchmarks.OpenLoop), throughput at saturation with wrk. Everything on 127.0.0.1.
# Prints BENCH lines and writes them into the "Data plane" section of docs/benchmarks.md.
# Knobs (environment): RATE (1000), DURATION (15 s measured per latency target), SEGMENT (1 s: the latency targets
# take turns in segments of this length), WARMUP (2 s per target), WRK_ROUNDS (2) x WRK_DURATION (5s), WRK_CONNECTIONS (32),
# SHADOW_RUNTIME_NICE (19): nice value of the shadow runtime process in the headline shadow runs (see the doc section),
# SCENARIOS (all): "shadow" measures only the routers' latency (no nginx, node or wrk) and leaves docs/benchmarks.md alone,
# MODELSHIP_BINARY (aot): "aot" measures the Native AOT `modelship` as the image ships it (hack/publish-aot.sh, cached in
# ~/.cache/modelship/bench-aot), "jit" the JIT build (`dotnet build`); MODELSHIP_CLI: any other `modelship` executable,
# ARTIFACTS: a dotnet --artifacts-path to build the generator into (and to take the JIT CLI from) instead of bin/,
# EXTRA_RUNTIMES: "LABEL=EXECUTABLE ...", more runtimes serving iris-v1 beside `direct`, each started as
# `EXECUTABLE runtime --model ... --port ...` and measured as direct_LABEL in the same interleaved wrk rounds and latency
# run: a generic way to compare runtime executables, e.g. two builds, or one build under different settings through a
# wrapper script that sets them and execs it (how issue 11 compared ONNX Runtime APIs: docs/benchmarks.md);
# SCENARIOS=runtimes measures only the runtimes and onnxruntime-node (wrk and latency) and leaves docs/benchmarks.md alone.
# SCENARIOS=monitoring measures only the routers with monitoring off and on (benchmarks/monitoring-bench.sh; MONITORING_RATE).
# SCENARIOS=grpc measures only gRPC against REST on one runtime and router (benchmarks/grpc-bench.sh; GRPC_SECONDS, GRPC_ROUNDS, GRPC_CONNECTIONS).
set -euo pipefail
cd "$(dirname "$0")/.."

# The exact command for the doc: knobs set in the environment, then how the script was started.
knobs=""
for knob in RATE DURATION SEGMENT WARMUP WRK_ROUNDS WRK_DURATION WRK_THREADS WRK_CONNECTIONS SHADOW_RUNTIME_NICE MODELSHIP_BINARY MODELSHIP_CLI EXTRA_RUNTIMES SCENARIOS MONITORING_RATE PIPELINE_RATE PIPELINE_SATURATE PIPELINE_CONNECTIONS GRPC_SECONDS GRPC_ROUNDS GRPC_CONNECTIONS; do
  [ -n "${!knob:-}" ] && knobs+="$knob=${!knob} "
done
COMMAND="$knobs$([ -n "${MAKELEVEL:-}" ] && echo "make bench" || echo "benchmarks/data-plane.sh")"
CONFIG=${CONFIG:-Release}
DOTNET=${DOTNET:-dotnet}
RATE=${RATE:-1000}
DURATION=${DURATION:-15}
SEGMENT=${SEGMENT:-1}
WARMUP=${WARMUP:-2}
WRK_ROUNDS=${WRK_ROUNDS:-2}
WRK_DURATION=${WRK_DURATION:-5s}
WRK_THREADS=${WRK_THREADS:-2}
WRK_CONNECTIONS=${WRK_CONNECTIONS:-32}
SHADOW_RUNTIME_NICE=${SHADOW_RUNTIME_NICE:-19}
SCENARIOS=${SCENARIOS:-all}
ARTIFACTS=${ARTIFACTS:-}
MODELSHIP_BINARY=${MODELSHIP_BINARY:-aot}
case "$SCENARIOS" in all|shadow|runtimes|pipeline|monitoring|grpc) ;; *) echo "data-plane: SCENARIOS is all, shadow, runtimes, pipeline, monitoring or grpc, not '$SCENARIOS'" >&2; exit 2 ;; esac
EXTRA_RUNTIMES=${EXTRA_RUNTIMES:-}
extra_labels=()
declare -A extra_executable=() extra_port=()
for entry in $EXTRA_RUNTIMES; do
  [[ "$entry" == ?*=?* ]] || { echo "data-plane: EXTRA_RUNTIMES entries are LABEL=EXECUTABLE, not '$entry'" >&2; exit 2; }
  extra_labels+=("${entry%%=*}")
  extra_executable[${entry%%=*}]=${entry#*=}
done
CACHE=${MODELSHIP_CACHE:-$HOME/.cache/modelship}
NODE_CACHE=$CACHE/bench-node

die() { echo "data-plane: $*" >&2; exit 1; }
log() { echo "data-plane: $*" >&2; }
# write_section HEADING TEXT: replaces docs/benchmarks.md's "## HEADING" section (up to the next "## ") with TEXT, or
# appends it; the other sections stay.
write_section() {
  local doc=docs/benchmarks.md
  [ -f "$doc" ] || printf '# Benchmarks\n' > "$doc"
  HEADING="$1" SECTION="$2" python3 - "$doc" <<'PYTHON'
import os, re, sys
path = sys.argv[1]
text = open(path, encoding="utf-8").read()
section = os.environ["SECTION"].rstrip() + "\n"
heading = re.compile(r"^## " + re.escape(os.environ["HEADING"]) + r"\n.*?(?=^## |\Z)", re.S | re.M)
text = heading.sub(lambda _: section + "\n", text, count=1) if heading.search(text) else text.rstrip() + "\n\n" + section
open(path, "w", encoding="utf-8").write(text.rstrip() + "\n")
PYTHON
  log "wrote the $1 section of $doc"
}

if [ -n "${MODELSHIP_CLI:-}" ]; then
  CLI=$MODELSHIP_CLI
  cli_kind="\`MODELSHIP_CLI=$MODELSHIP_CLI\`"
elif [ "$MODELSHIP_BINARY" = jit ]; then
  CLI=${ARTIFACTS:+$ARTIFACTS/bin/Modelship.Cli/${CONFIG,,}/modelship}
  CLI=${CLI:-src/Modelship.Cli/bin/$CONFIG/net10.0/modelship}
  cli_kind="the JIT-compiled \`modelship\` (\`dotnet build -c $CONFIG\`, \`MODELSHIP_BINARY=jit\`)"
elif [ "$MODELSHIP_BINARY" = aot ]; then
  log "publishing the Native AOT modelship (hack/publish-aot.sh; intermediate files cached in $CACHE/bench-aot-build)"
  CLI=$(DOTNET="$DOTNET" CONFIG="$CONFIG" MODELSHIP_AOT_ARTIFACTS="$CACHE/bench-aot-build" hack/publish-aot.sh "$CACHE/bench-aot")
  cli_kind="the Native AOT \`modelship\` as the image ships it (\`hack/publish-aot.sh\`)"
else
  die "MODELSHIP_BINARY is aot or jit, not '$MODELSHIP_BINARY'"
fi
[ -x "$CLI" ] || die "$CLI is missing: run 'make build' (or dotnet build src/Modelship.Cli -c $CONFIG) first"
# Install only what is missing, by command: a Node.js that is not Debian's brings its own npm, and Debian's npm
# package would conflict with it.
declare -A package_of=([wrk]=wrk [nginx]=nginx [node]=nodejs [npm]=npm [curl]=curl)
missing_packages=()
for tool in wrk nginx node npm curl; do
  command -v "$tool" >/dev/null || missing_packages+=("${package_of[$tool]}")
done
[ ${#missing_packages[@]} -eq 0 ] || hack/apt-install.sh "${missing_packages[@]}" || die "could not install ${missing_packages[*]}"
/usr/bin/python3 -c 'import onnx, numpy' 2>/dev/null || hack/apt-install.sh python3-onnx python3-numpy ||
  die "could not install python3-onnx and python3-numpy"

# modelship finds libonnxruntime.so (NuGet Microsoft.ML.OnnxRuntime) next to itself; onnxruntime-node brings its own.
export ORT_DISABLE_TELEMETRY=1
if [ ! -d "$NODE_CACHE/node_modules/onnxruntime-node" ]; then
  log "installing onnxruntime-node@1.30.0 into $NODE_CACHE (scripts off: its postinstall fetches GPU binaries)"
  mkdir -p "$NODE_CACHE"
  [ -f "$NODE_CACHE/package.json" ] || echo '{"private": true}' > "$NODE_CACHE/package.json"
  npm install --prefix "$NODE_CACHE" --ignore-scripts --no-audit --no-fund onnxruntime-node@1.30.0 >&2 ||
    die "npm install onnxruntime-node@1.30.0 failed"
fi

if [ -n "$ARTIFACTS" ]; then
  "$DOTNET" build benchmarks/Modelship.Benchmarks.OpenLoop -c "$CONFIG" --artifacts-path "$ARTIFACTS" -nologo -clp:ErrorsOnly >&2
  OPEN_LOOP=$ARTIFACTS/bin/Modelship.Benchmarks.OpenLoop/${CONFIG,,}/Modelship.Benchmarks.OpenLoop
else
  "$DOTNET" build benchmarks/Modelship.Benchmarks.OpenLoop -c "$CONFIG" -nologo -clp:ErrorsOnly >&2
  OPEN_LOOP=benchmarks/Modelship.Benchmarks.OpenLoop/bin/$CONFIG/net10.0/Modelship.Benchmarks.OpenLoop
fi

work=$(mktemp -d /tmp/modelship-bench-data-plane.XXXXXX)
pids=()
declare -A pid_of=()
cleanup() {
  local status=$?
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [ "$status" != 0 ]; then
    log "failed; logs of the servers:"
    tail -n 20 "$work"/*.log >&2 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
start() { # start NAME COMMAND...: runs in the background, output in $work/NAME.log
  local name=$1; shift
  "$@" >"$work/$name.log" 2>&1 &
  pids+=($!)
  pid_of[$name]=$!
}
wait_infer() { # wait_infer NAME URL: until URL answers an infer request with 200
  local name=$1 url=$2
  for _ in $(seq 100); do
    curl -sf -o /dev/null -H 'content-type: application/json' --data-binary @"$work/body.json" "$url" && return 0
    sleep 0.2
  done
  die "$name did not answer $url within 20 s (see its log above)"
}

cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; } # user + system time of a process, in clock ticks
# shellcheck source=benchmarks/pipeline-bench.sh
source benchmarks/pipeline-bench.sh
if [ "$SCENARIOS" = pipeline ]; then
  pipeline_run
  exit 0
fi
# shellcheck source=benchmarks/monitoring-bench.sh
source benchmarks/monitoring-bench.sh
if [ "$SCENARIOS" = monitoring ]; then
  monitoring_run
  exit 0
fi
# shellcheck source=benchmarks/grpc-bench.sh
source benchmarks/grpc-bench.sh
if [ "$SCENARIOS" = grpc ]; then
  grpc_run
  exit 0
fi

/usr/bin/python3 examples/iris/generate_models.py "$work" >&2
echo '{"inputs":[{"name":"input","datatype":"FP32","shape":[1,4],"data":[5.9,3.0,5.1,1.8]}]}' > "$work/body.json"

runtime_port=$(free_port); shadow_port=$(free_port); router_port=$(free_port); shadowed_port=$(free_port)
shadow_only_port=$(free_port); logging_only_port=$(free_port); nginx_port=$(free_port); node_port=$(free_port)
niced_shadow_port=$(free_port); shared_cpu_port=$(free_port); traffic_port=$(free_port); traffic_shared_cpu_port=$(free_port)
infer=/v2/models/iris/infer

start runtime "$CLI" runtime --model "$work/iris-v1.onnx" --name iris --version v1 --port "$runtime_port"
for label in "${extra_labels[@]}"; do
  extra_port[$label]=$(free_port)
  start "runtime-$label" "${extra_executable[$label]}" runtime --model "$work/iris-v1.onnx" --name iris --version v1 --port "${extra_port[$label]}"
done
start shadow-runtime "$CLI" runtime --model "$work/iris-v3.onnx" --name iris --version v3 --port "$shadow_port"
# The same shadow runtime at a low CPU priority: in production a shadow runs in its own Pod on its own CPU, here it
# would take the champion's (see the doc section). The routers' own shadow and logging work is unaffected by this.
start shadow-runtime-niced nice -n "$SHADOW_RUNTIME_NICE" "$CLI" runtime --model "$work/iris-v3.onnx" --name iris --version v3 --port "$niced_shadow_port"

champion="{\"name\":\"champion\",\"version\":\"v1\",\"role\":\"champion\",\"url\":\"http://127.0.0.1:$runtime_port\",\"modelName\":\"iris\",\"weight\":0}"
shadow="{\"name\":\"shadow\",\"version\":\"v3\",\"role\":\"shadow\",\"url\":\"http://127.0.0.1:$niced_shadow_port\",\"modelName\":\"iris\",\"weight\":0}"
shared_cpu_shadow="{\"name\":\"shadow\",\"version\":\"v3\",\"role\":\"shadow\",\"url\":\"http://127.0.0.1:$shadow_port\",\"modelName\":\"iris\",\"weight\":0}"
logging=',"log":{"sampleRate":1,"logFailures":true,"includeInputs":true,"includeOutputs":true}'
# predictionWarnings is spelled out: a table without it deserializes the list as null and the router throws.
echo "{\"generation\":1,\"modelName\":\"iris\",\"backends\":[$champion],\"predictionWarnings\":[]}" > "$work/table.json"
echo "{\"generation\":1,\"modelName\":\"iris\",\"backends\":[$champion,$shadow],\"predictionWarnings\":[]$logging}" > "$work/table-shadowed.json"
echo "{\"generation\":1,\"modelName\":\"iris\",\"backends\":[$champion,$shared_cpu_shadow],\"predictionWarnings\":[]$logging}" > "$work/table-shadowed-shared-cpu.json"
# The two halves of the shadowed router, to tell which one costs what.
echo "{\"generation\":1,\"modelName\":\"iris\",\"backends\":[$champion,$shadow],\"predictionWarnings\":[]}" > "$work/table-shadow-only.json"
echo "{\"generation\":1,\"modelName\":\"iris\",\"backends\":[$champion],\"predictionWarnings\":[]$logging}" > "$work/table-logging-only.json"
start router "$CLI" router --routing-table "$work/table.json" --port "$router_port"
# Plain routers again, for the baselines that put the shadow model's traffic on the machine without the router's help
# (the load generator sends it; see router_shadow_traffic in the doc section). Own processes for their own CPU figures.
start router-shadow-traffic "$CLI" router --routing-table "$work/table.json" --port "$traffic_port"
start router-shadow-traffic-shared-cpu "$CLI" router --routing-table "$work/table.json" --port "$traffic_shared_cpu_port"
# The router writes the inference log only when given a directory; older builds have no such option.
log_option=$("$CLI" router --help | grep -oE -- '--[a-z-]*log-dir[a-z]*|--inference-log( |$)' | head -n 1 | tr -d ' ' || true)
log_args=() logging_only_args=() shared_cpu_log_args=()
[ -n "$log_option" ] && log_args=("$log_option" "$work/inference-log") && logging_only_args=("$log_option" "$work/inference-log-only") &&
  shared_cpu_log_args=("$log_option" "$work/inference-log-shared-cpu")
start router-shadowed "$CLI" router --routing-table "$work/table-shadowed.json" --port "$shadowed_port" "${log_args[@]}"
start router-shadowed-shared-cpu "$CLI" router --routing-table "$work/table-shadowed-shared-cpu.json" --port "$shared_cpu_port" "${shared_cpu_log_args[@]}"
start router-shadow-only "$CLI" router --routing-table "$work/table-shadow-only.json" --port "$shadow_only_port"
start router-logging-only "$CLI" router --routing-table "$work/table-logging-only.json" --port "$logging_only_port" "${logging_only_args[@]}"

mkdir -p "$work/nginx"
cat > "$work/nginx/nginx.conf" <<NGINX
user $(id -un);
daemon off;
worker_processes auto;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $work/nginx/body;
  proxy_temp_path $work/nginx/proxy;
  fastcgi_temp_path $work/nginx/fastcgi;
  uwsgi_temp_path $work/nginx/uwsgi;
  scgi_temp_path $work/nginx/scgi;
  upstream runtime {
    server 127.0.0.1:$runtime_port;
    keepalive 64;
  }
  server {
    listen 127.0.0.1:$nginx_port;
    location / {
      proxy_pass http://runtime;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
    }
  }
}
NGINX
if [ "$SCENARIOS" != shadow ]; then
  NODE_PATH="$NODE_CACHE/node_modules" start onnxruntime-node node benchmarks/onnxruntime-node-server.js \
    "$work/iris-v1.onnx" iris v1 "$node_port"
fi
if [ "$SCENARIOS" = all ]; then
  start nginx nginx -p "$work/nginx" -e "$work/nginx/error.log" -c "$work/nginx/nginx.conf"
fi

wait_infer runtime "http://127.0.0.1:$runtime_port$infer"
for label in "${extra_labels[@]}"; do wait_infer "runtime-$label" "http://127.0.0.1:${extra_port[$label]}$infer"; done
wait_infer shadow-runtime "http://127.0.0.1:$shadow_port$infer"
wait_infer shadow-runtime-niced "http://127.0.0.1:$niced_shadow_port$infer"
wait_infer router "http://127.0.0.1:$router_port$infer"
wait_infer router-shadow-traffic "http://127.0.0.1:$traffic_port$infer"
wait_infer router-shadow-traffic-shared-cpu "http://127.0.0.1:$traffic_shared_cpu_port$infer"
wait_infer router-shadowed "http://127.0.0.1:$shadowed_port$infer"
wait_infer router-shadowed-shared-cpu "http://127.0.0.1:$shared_cpu_port$infer"
wait_infer router-shadow-only "http://127.0.0.1:$shadow_only_port$infer"
wait_infer router-logging-only "http://127.0.0.1:$logging_only_port$infer"
[ "$SCENARIOS" = all ] && wait_infer nginx "http://127.0.0.1:$nginx_port$infer"
[ "$SCENARIOS" != shadow ] && wait_infer onnxruntime-node "http://127.0.0.1:$node_port$infer"

results=$work/results.txt
echo "# load average before the run: $(cut -d' ' -f1-3 /proc/loadavg)" > "$results"
bench() { echo "BENCH $1 $2 $3" | tee -a "$results"; }
value() { awk -v name="$1" '$1 == "BENCH" && $2 == name { print $3 }' "$results"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", a / b }'; }
difference() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", a - b }'; }

# The latency targets, measured in one open-loop run at $RATE requests per second: after a warm-up of each, they take
# turns in $SEGMENT-second segments, so that background load that drifts over the run falls on all of them alike
# (back-to-back runs of 10 s each differed by 2x in p99 on this machine) and every comparison is within one run.
# Each router's CPU time over the run, per request it was sent, is reported as well.
latency_targets=() # name=port pairs, in order
declare -A target_process=() # name -> started process whose CPU per request is reported
declare -A target_mirror=() # name -> port that gets each request again once its answer is in (unmeasured)
latency_target() { # latency_target NAME PORT [PROCESS [MIRROR_PORT]]
  latency_targets+=("$1=$2")
  [ -n "${3:-}" ] && target_process[$1]=$3
  [ -n "${4:-}" ] && target_mirror[$1]=$4
  return 0
}
measure_latency() {
  local args=() target name before=() after requests i
  for target in "${latency_targets[@]}"; do
    name=${target%%=*}
    args+=(--target "$name=http://127.0.0.1:${target#*=}$infer")
    [ -n "${target_mirror[$name]:-}" ] && args+=(--mirror "$name=http://127.0.0.1:${target_mirror[$name]}$infer")
  done
  for target in "${latency_targets[@]}"; do
    name=${target%%=*}; before+=("$([ -n "${target_process[$name]:-}" ] && cpu_ticks "${pid_of[${target_process[$name]}]}" || echo 0)")
  done
  log "open loop: ${#latency_targets[@]} targets at $RATE/s, ${DURATION} s each in ${SEGMENT} s turns after ${WARMUP} s warm-up each"
  "$OPEN_LOOP" --body "$work/body.json" "${args[@]}" --rate "$RATE" --duration "$DURATION" --warmup "$WARMUP" --segment "$SEGMENT" |
    tee -a "$results"
  requests=$(awk -v r="$RATE" -v d="$DURATION" -v w="$WARMUP" 'BEGIN { print r * (d + w) }')
  i=0
  for target in "${latency_targets[@]}"; do
    name=${target%%=*}
    [ "$(value "${name}_errors")" = 0 ] || die "$name answered $(value "${name}_errors") requests with errors at $RATE/s"
    if [ -n "${target_process[$name]:-}" ]; then
      # Warm-up requests included; the idle time while the others had their turn is in it too (timers only).
      after=$(cpu_ticks "${pid_of[${target_process[$name]}]}")
      bench "${name}_cpu_us_per_request" "$(awk -v t=$((after - before[i])) -v hz="$(getconf CLK_TCK)" -v n="$requests" 'BEGIN { printf "%.1f", t / hz * 1e6 / n }')" "us (the router process)"
    fi
    i=$((i + 1))
  done
}

cat > "$work/post.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '$(cat "$work/body.json")'
LUA
saturate() { # saturate LABEL PORT: one wrk round; requests per second into $work/LABEL.rps
  log "wrk: $1 for $WRK_DURATION"
  local out
  out=$(wrk -t"$WRK_THREADS" -c"$WRK_CONNECTIONS" -d"$WRK_DURATION" -s "$work/post.lua" "http://127.0.0.1:$2$infer")
  echo "$out" >&2
  if grep -q 'Non-2xx' <<<"$out"; then die "$1 answered errors under wrk: $(grep 'Non-2xx' <<<"$out")"; fi
  # Connection errors mean a broken setup; timeouts (over 2 s) can happen on an overloaded machine and are reported.
  if grep -qE 'Socket errors: connect [1-9]|read [1-9]|write [1-9]' <<<"$out"; then
    die "$1 had socket errors under wrk: $(grep 'Socket errors' <<<"$out")"
  fi
  awk '/^Requests\/sec:/ { rps = $2 } /Socket errors/ { timeouts = $NF } END { print rps, timeouts + 0 }' <<<"$out" >> "$work/$1.rps"
}
warm_up() { # warm_up NAME PORT: 3 s of wrk, not reported, to bring the server's code to its optimized tier
  log "wrk: warming up $1 for 3 s (not reported)"
  wrk -t"$WRK_THREADS" -c"$WRK_CONNECTIONS" -d3s -s "$work/post.lua" "http://127.0.0.1:$2$infer" >/dev/null
}

# The shadow/logging comparison: the plain router; the plain router while the load generator itself sends every request
# to the shadow runtime once the router has answered (router_shadow_traffic*: the shadow model's work on this machine
# without the router's part in it); the router with shadows and logging, shadows only and logging only. All in the
# interleaved latency run.
shadow_variants=(router router_shadow_traffic router_shadow_logging router_shadow_traffic_shared_cpu router_shadow_logging_shared_cpu
  router_shadow router_logging)
declare -A variant_port=([router]=$router_port [router_shadow_traffic]=$traffic_port [router_shadow_logging]=$shadowed_port
  [router_shadow_traffic_shared_cpu]=$traffic_shared_cpu_port [router_shadow_logging_shared_cpu]=$shared_cpu_port
  [router_shadow]=$shadow_only_port [router_logging]=$logging_only_port)
declare -A variant_process=([router]=router [router_shadow_traffic]=router-shadow-traffic [router_shadow_logging]=router-shadowed
  [router_shadow_traffic_shared_cpu]=router-shadow-traffic-shared-cpu [router_shadow_logging_shared_cpu]=router-shadowed-shared-cpu
  [router_shadow]=router-shadow-only [router_logging]=router-logging-only)
declare -A variant_mirror=([router_shadow_traffic]=$niced_shadow_port [router_shadow_traffic_shared_cpu]=$shadow_port)
shadow_counter() { # shadow_counter METRIC [PORT]: its sum over all series on the (shadowed) router's /metrics
  curl -sf "http://127.0.0.1:${2:-$shadowed_port}/metrics" | awk -v name="$1" '$1 ~ "^" name "([{]|$)" { n += $NF } END { print n + 0 }'
}
measure_latency_with_shadow_counts() {
  local shadowed_before dropped_before logged_before shared_dropped_before
  shadowed_before=$(shadow_counter modelship_shadow_request_duration_seconds_count)
  dropped_before=$(shadow_counter modelship_shadow_dropped_total)
  logged_before=$(shadow_counter modelship_inference_log_entries_total)
  shared_dropped_before=$(shadow_counter modelship_shadow_dropped_total "$shared_cpu_port")
  measure_latency
  sleep 1 # let the shadow queue drain before counting
  bench shadow_requests $(($(shadow_counter modelship_shadow_request_duration_seconds_count) - shadowed_before)) requests
  bench shadow_dropped $(($(shadow_counter modelship_shadow_dropped_total) - dropped_before)) requests
  bench inference_log_entries $(($(shadow_counter modelship_inference_log_entries_total) - logged_before)) entries
  bench shadow_dropped_shared_cpu $(($(shadow_counter modelship_shadow_dropped_total "$shared_cpu_port") - shared_dropped_before)) requests
}
shadow_ratios() {
  # What the router's shadowing and logging add, with the shadow model's own work on this machine in both terms.
  bench shadow_logging_p99_overhead_ratio "$(ratio "$(value router_shadow_logging_p99_ms)" "$(value router_shadow_traffic_p99_ms)")" ratio
  bench shadow_logging_p99_overhead_ratio_shared_cpu "$(ratio "$(value router_shadow_logging_shared_cpu_p99_ms)" "$(value router_shadow_traffic_shared_cpu_p99_ms)")" ratio
  bench shadow_only_p99_overhead_ratio "$(ratio "$(value router_shadow_p99_ms)" "$(value router_shadow_traffic_p99_ms)")" ratio
  bench logging_only_p99_overhead_ratio "$(ratio "$(value router_logging_p99_ms)" "$(value router_p99_ms)")" ratio
  # Against the plain router on an otherwise idle machine: the shadow model's work on the shared cores included.
  bench shadow_logging_p99_ratio_vs_idle_router "$(ratio "$(value router_shadow_logging_p99_ms)" "$(value router_p99_ms)")" ratio
  bench shadow_traffic_p99_ratio_vs_idle_router "$(ratio "$(value router_shadow_traffic_p99_ms)" "$(value router_p99_ms)")" ratio
}

# The extra runtimes against `direct` and onnxruntime-node: each round's figures, their median and range, and the ratio
# to `direct` within each round (both measured seconds apart, so drifting background load cancels out best there).
runtime_spread() { # runtime_spread LABEL...
  local label
  for label in "$@"; do
    bench "${label}_rps_rounds" "$(awk '{ printf "%s%.0f", (NR > 1 ? "," : ""), $1 }' "$work/$label.rps")" "requests/s"
    bench "${label}_rps_median" "$(sort -n "$work/$label.rps" | awk '{ v[NR] = $1 } END { printf "%.0f", NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }')" "requests/s"
    bench "${label}_rps_min" "$(sort -n "$work/$label.rps" | awk 'NR == 1 { printf "%.0f", $1 }')" "requests/s"
    bench "${label}_rps_max" "$(sort -n "$work/$label.rps" | awk '{ v = $1 } END { printf "%.0f", v }')" "requests/s"
  done
}
extra_ratios() {
  local label
  for label in "${extra_labels[@]}"; do
    bench "runtime_${label}_rps_vs_onnxruntime_node_ratio" "$(ratio "$(value "direct_${label}_rps")" "$(value onnxruntime_node_rps)")" ratio
    bench "runtime_${label}_rps_vs_direct_ratio" "$(ratio "$(value "direct_${label}_rps")" "$(value direct_rps)")" ratio
    paste "$work/direct_$label.rps" "$work/direct.rps" | awk '{ print $1 / $3 }' | sort -n > "$work/$label.round-ratios"
    bench "runtime_${label}_vs_direct_round_ratio_median" "$(awk '{ v[NR] = $1 } END { printf "%.3f", NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }' "$work/$label.round-ratios")" ratio
    bench "runtime_${label}_vs_direct_round_ratio_min" "$(awk 'NR == 1 { printf "%.3f", $1 }' "$work/$label.round-ratios")" ratio
    bench "runtime_${label}_vs_direct_round_ratio_max" "$(awk '{ v = $1 } END { printf "%.3f", v }' "$work/$label.round-ratios")" ratio
  done
}
runtime_round=0
saturate_runtimes() { # the runtimes' part of one wrk round: direct and each extra runtime, starting one later each round
  local labels=(direct) ports=("$runtime_port") label i n
  for label in "${extra_labels[@]}"; do labels+=("direct_$label"); ports+=("${extra_port[$label]}"); done
  n=${#labels[@]}
  for ((i = 0; i < n; i++)); do saturate "${labels[(i + runtime_round) % n]}" "${ports[(i + runtime_round) % n]}"; done
  runtime_round=$((runtime_round + 1))
}
extra_rps_labels() { local label; for label in "${extra_labels[@]}"; do echo "direct_$label"; done; }

if [ "$SCENARIOS" = runtimes ]; then
  for _ in $(seq "$WRK_ROUNDS"); do
    saturate_runtimes
    saturate onnxruntime_node "$node_port"
  done
  for label in direct $(extra_rps_labels) onnxruntime_node; do
    bench "${label}_rps" "$(awk '{ n += $1 } END { printf "%.0f", n / NR }' "$work/$label.rps")" "requests/s"
    bench "${label}_wrk_timeouts" "$(awk '{ n += $2 } END { print n }' "$work/$label.rps")" "requests"
  done
  runtime_spread direct $(extra_rps_labels) onnxruntime_node
  latency_target direct "$runtime_port" runtime
  for label in "${extra_labels[@]}"; do latency_target "direct_$label" "${extra_port[$label]}" "runtime-$label"; done
  measure_latency
  echo "# load average after the run: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$results"
  bench runtime_rps_vs_onnxruntime_node_ratio "$(ratio "$(value direct_rps)" "$(value onnxruntime_node_rps)")" ratio
  extra_ratios
  log "SCENARIOS=runtimes: docs/benchmarks.md left alone"
  exit 0
fi

if [ "$SCENARIOS" = shadow ]; then
  for variant in "${shadow_variants[@]}"; do
    warm_up "$variant" "${variant_port[$variant]}"
    latency_target "$variant" "${variant_port[$variant]}" "${variant_process[$variant]}" "${variant_mirror[$variant]:-}"
  done
  measure_latency_with_shadow_counts
  echo "# load average after the run: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$results"
  shadow_ratios
  log "SCENARIOS=shadow: docs/benchmarks.md left alone"
  exit 0
fi

# Saturation first: it also brings every server's code to its optimized tier before the latency runs.
# Rounds alternate between the servers so that drifting background load hits all of them alike.
for _ in $(seq "$WRK_ROUNDS"); do
  saturate_runtimes
  saturate router "$router_port"
  saturate nginx "$nginx_port"
  saturate onnxruntime_node "$node_port"
done
for label in direct $(extra_rps_labels) router nginx onnxruntime_node; do
  bench "${label}_rps" "$(awk '{ n += $1 } END { printf "%.0f", n / NR }' "$work/$label.rps")" "requests/s"
  bench "${label}_wrk_timeouts" "$(awk '{ n += $2 } END { print n }' "$work/$label.rps")" "requests"
done
for variant in "${shadow_variants[@]}"; do [ "$variant" = router ] || warm_up "$variant" "${variant_port[$variant]}"; done

# With extra runtimes, every runtime's CPU per request is reported too.
latency_target direct "$runtime_port" $([ ${#extra_labels[@]} -gt 0 ] && echo runtime)
for label in "${extra_labels[@]}"; do latency_target "direct_$label" "${extra_port[$label]}" "runtime-$label"; done
for variant in "${shadow_variants[@]}"; do
  latency_target "$variant" "${variant_port[$variant]}" "${variant_process[$variant]}" "${variant_mirror[$variant]:-}"
done
latency_target nginx "$nginx_port"
measure_latency_with_shadow_counts

if [ "$(value inference_log_entries)" -gt 0 ]; then
  logging="on: the table logs every request (sampleRate 1, inputs and outputs) to a file (\`${log_option}\`); \`inference_log_entries\` counts what was written"
else
  logging="not measured: the router writes the inference log only into a directory (RouterOptions.InferenceLog), and this \`modelship router\` offers no option for one (none in \`--help\`) or wrote no entries, so \`router_shadow_logging\` measures the shadow only; the table asks for logging (sampleRate 1) regardless"
fi

bench router_added_p50_ms "$(difference "$(value router_p50_ms)" "$(value direct_p50_ms)")" ms
bench router_added_p99_ms "$(difference "$(value router_p99_ms)" "$(value direct_p99_ms)")" ms
bench router_rps_vs_nginx_ratio "$(ratio "$(value router_rps)" "$(value nginx_rps)")" ratio
bench router_rps_vs_direct_ratio "$(ratio "$(value router_rps)" "$(value direct_rps)")" ratio
echo "# load average after the run: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$results"
shadow_ratios
bench runtime_rps_vs_onnxruntime_node_ratio "$(ratio "$(value direct_rps)" "$(value onnxruntime_node_rps)")" ratio
if [ ${#extra_labels[@]} -gt 0 ]; then
  runtime_spread direct $(extra_rps_labels) onnxruntime_node
  extra_ratios
fi

targets=$work/targets.txt
target() { # target NAME OPERATOR LIMIT [BASELINE MAX_BASELINE]
  local actual verdict
  actual=$(value "$1")
  verdict=$(awk -v a="$actual" -v op="$2" -v l="$3" 'BEGIN { ok = (op == "<=") ? a <= l : a >= l; print ok ? "met" : "NOT met" }')
  # When the direct baseline is already far above the budget, background load decides the figure: say so.
  if [ -n "${4:-}" ] && awk -v b="$(value "$4")" -v max="$5" 'BEGIN { exit !(b > max) }'; then
    verdict="inconclusive: $4 is $(value "$4") ms (> $5 ms), background load dominates; reading: $verdict"
  fi
  echo "TARGET $1 $2 $3: $verdict ($actual)" | tee -a "$targets"
}
# Baseline limits: 10x the router's latency budget (0.25 ms at p50, 1 ms at p99).
target router_added_p50_ms "<=" 0.25 direct_p50_ms 2.5
target router_added_p99_ms "<=" 1 direct_p99_ms 10
target router_rps_vs_nginx_ratio ">=" 0.5
# p99 with shadows and logging at most 10% above p99 without (the same shadow traffic on the machine in both).
target shadow_logging_p99_overhead_ratio "<=" 1.10 direct_p99_ms 10
# Not targets: the same with the shadow runtime at normal priority, and against the plain router on an idle machine.
target shadow_logging_p99_overhead_ratio_shared_cpu "<=" 1.10 direct_p99_ms 10
target shadow_logging_p99_ratio_vs_idle_router "<=" 1.10 direct_p99_ms 10

machine="$(nproc) cores ($(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)), $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), $(uname -sr), .NET $("$DOTNET" --version), $(nginx -v 2>&1 | sed 's/.*: //'), node $(node --version), wrk $({ wrk -v 2>&1 || true; } | awk 'NR == 1 { print $2 }')"
extra_note=""
for label in "${extra_labels[@]}"; do
  extra_note+="
  \`direct_${label}\`: \`${extra_executable[$label]} runtime\` serving iris-v1 beside \`direct\` (\`EXTRA_RUNTIMES\`), measured in the
  same wrk rounds (\`*_rps_rounds\`, median and range) and latency run; \`*_round_ratio_*\`: its rps over direct's, round by round."
done
section=$(cat <<MARKDOWN
## Data plane

\`$COMMAND\` (script \`benchmarks/data-plane.sh\`), measured $(date -u '+%Y-%m-%d %H:%M UTC') on ${machine}.

Setup, all on 127.0.0.1: \`modelship runtime\` serving iris-v1 (\`examples/iris\`, a softmax regression; one row
\`[1,4]\` FP32 per request, V2 JSON) is called directly (\`direct\`), through \`modelship router\` with a one-champion
table (\`router\`), through nginx as a plain \`proxy_pass\` with upstream keepalive (\`nginx\`), and through routers
whose table adds a shadow (iris-v3 in another runtime) and inference logging (\`router_shadow_logging*\`).
\`onnxruntime_node\` is \`benchmarks/onnxruntime-node-server.js\`: node's \`http\` module and onnxruntime-node 1.30.0
serving the same model and V2 JSON (\`modelship\` loads ONNX Runtime 1.32.0 from the NuGet package
\`Microsoft.ML.OnnxRuntime\` and calls it through the package's managed API).

- Binaries: ${cli_kind}; \`router\` and \`runtime\` alike.${extra_note}
- Latency (\`*_p50_ms\` ... \`*_max_ms\`): \`Modelship.Benchmarks.OpenLoop\`, an open-loop generator at a fixed
  ${RATE} requests/s; each latency runs from the request's *scheduled* send time, so stalls are not hidden (no
  coordinated omission). All latency targets (\`direct\`, the five routers, \`nginx\`) are measured in one run: after
  ${WARMUP} s of warm-up each, they take turns in ${SEGMENT} s segments until each has had ${DURATION} s, and each
  figure is taken over all of that target's requests. Background load that drifts during the run so falls on every
  target alike: separate back-to-back runs of 10 s each differed by up to 2x in p99 on this machine.
  \`router_added_*\` is router minus direct.
- Throughput (\`*_rps\`): \`wrk -t${WRK_THREADS} -c${WRK_CONNECTIONS} -d${WRK_DURATION}\` POSTing the same body, ${WRK_ROUNDS} rounds
  alternating between the servers, mean of the rounds.
- Shadows and logging: \`router\` (one champion), \`router_shadow_logging\` (a shadow and the inference log),
  \`router_shadow\` (shadow, no log), \`router_logging\` (log, no shadow), and \`router_shadow_traffic\`: the plain
  router while the load generator itself sends each request to the same shadow runtime once the router has answered,
  as the router would mirror it (\`OpenLoop --mirror\`, not measured). \`*_cpu_us_per_request\` is the router
  process's CPU time (user + system) over the whole latency run per request it was sent (warm-up included), less
  noisy than latency on a shared machine. \`modelship\` runs with \`System.Threading.ThreadPool.UnfairSemaphoreSpinLimit=0\`
  (its runtimeconfig; idle pool workers block instead of spinning): with the default spinning the JIT router measured
  337 us per request alone and 516 us with shadows and logging (2026-12-01). The router runs each request on the
  socket event thread (\`RouterOptions.InlineScheduling\`: Kestrel's \`UnsafePreferInlineScheduling\` and
  \`DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1\`): in an interleaved A/B of Native AOT routers (20 s each,
  2026-12-01) that took the plain router from 150 to 68 us of CPU per request, p50 0.388 -> 0.306 ms and p99
  0.659 -> 0.522 ms, and the shadowed one from 286 to 170 us, p50 0.464 -> 0.380 ms; either setting alone did little.
  **The baselines of the shadow ratios.** In production a shadow runtime is its own Pod with its own CPU; here it shares
  the machine's $(nproc) cores with the champion runtime, the router and the load generator, and its model work delays
  the champion's answers whoever sends it the requests. \`shadow_logging_p99_overhead_ratio\` (the target) therefore
  divides by \`router_shadow_traffic\`, which has the same shadow traffic on the machine without the router's part in
  it: the ratio is what the router's own shadowing and logging add. The shadow runtime runs under
  \`nice -n ${SHADOW_RUNTIME_NICE}\` in these variants; the \`*_shared_cpu\` variants repeat both with the shadow runtime at normal
  priority. \`shadow_logging_p99_ratio_vs_idle_router\` divides by the plain router on an otherwise idle machine
  (shadow model's work included). The routers themselves are never niced or pinned.
  **What the router's shadowing costs here, and what does not change it** (interleaved runs of the same kind,
  2026-12-01, Native AOT): a shadow adds 0.07-0.09 ms to the router's p50 at 1,000 requests/s, and the generator
  sending the same shadow traffic adds 0.02 ms; waking a shadow worker that then drops the request adds 0.025 ms. The
  0.07-0.09 ms stay the same when the router's exchange is HttpClient's synchronous path on dedicated threads (as
  shipped), HttpClient's async path on the thread pool (router CPU 244 against 271 us per request), or a
  blocking-socket HTTP/1.1 client of our own (289 against 301 us); with 1 or 8 shadow workers; with the workers at
  nice 0, nice 10 or SCHED_IDLE, or pinned to one CPU; with a 64 MiB gen0 budget (GC); and at 500 requests/s with the exchange put off by
  0.4 ms, far from any request. \`perf\` puts most of the router's CPU in context switches and wake-ups
  (\`finish_task_switch\`, \`try_to_wake_up\`) of its threads on these two KVM vCPUs. An idle-class CPU burner
  (\`chrt --idle 0\`) alone raised the plain router's p99 from 0.42-0.52 ms to 0.70-2.0 ms: priorities do not shield
  the tail on this machine.
- Inference logging: ${logging}.
- \`shadow_requests\` / \`shadow_dropped\`: mirrored requests the shadow answered / the router's bounded shadow queue
  dropped (the caller's answer never waits for a shadow) during the latency run (\`router_shadow_logging\`), from the
  shadowed router's \`/metrics\`; \`shadow_dropped_shared_cpu\` the same for \`router_shadow_logging_shared_cpu\`.
- The machine has $(nproc) cores shared by the load generators, every server and whatever else runs (the load
  averages are in the figures), so absolute figures are noisy and low; ratios and differences come from the same run.
  Tails suffer most: a server thread that waits for a core shows up in p99 (direct p99 here: $(value direct_p99_ms) ms
  for a model that answers in well under a millisecond), so p99 differences and ratios mostly compare background noise
  unless the load averages are low. Latency targets are reported as inconclusive when the direct baseline is over
  10x the router's budget (p50 > 2.5 ms, p99 > 10 ms).

\`\`\`
$(cat "$results" "$targets")
\`\`\`
MARKDOWN
)

write_section "Data plane" "$section"

# The pipeline part starts its own runtimes and router and writes its own section.
pipeline_run
# So does the monitoring part (monitoring off against on, benchmarks/monitoring-bench.sh).
monitoring_run
# And the gRPC part (gRPC against REST on one runtime and router, benchmarks/grpc-bench.sh).
grpc_run
