# Shared settings and process helpers of hack/cluster.sh (sourced, not run).
# The cluster's addresses exist only on this machine: the node address is a /32 on lo, the Pod and Service ranges are
# private ranges no route of this machine leads to (docs/cluster.md).

cache=${MODELSHIP_CACHE:-$HOME/.cache/modelship}
# State lives under the cache, next to the binaries it runs: one folder the project owns, removed whole by `down`.
state=${MODELSHIP_CLUSTER_STATE:-$cache/cluster}

k8s_version=v1.20.2
node_name=modelship-node
node_ip=10.200.0.1
pod_cidr=10.244.0.0/16          # not 10.88.0.0/16: podman's own CNI network uses that
pod_subnet=10.244.0.0/24        # host-local IPAM of the one node
pod_gateway=10.244.0.1
service_cidr=10.96.0.0/16
api_service_ip=10.96.0.1
dns_service_ip=10.96.0.10
cluster_domain=cluster.local
bridge=modelship0
cni_network=modelship
etcd_port=23790
etcd_peer_port=23800
api_port=6443
api_server=https://$node_ip:$api_port
pause_image=localhost/modelship-pause:1.35
busybox_image=localhost/modelship-busybox:1.35

containerd_socket=$state/run/containerd/containerd.sock
kubeconfig=$state/pki/admin.kubeconfig

# Every daemon in start order; `down` stops them in reverse.
daemons=(etcd kube-apiserver kube-controller-manager kube-scheduler dnsmasq dns-sync containerd kube-proxy kubelet)

log() { echo "cluster: $*" >&2; }
die() { log "$*"; exit 1; }

kubectl_() { kubectl --kubeconfig "$kubeconfig" "$@"; }
ctr_() { ctr --address "$containerd_socket" --namespace k8s.io "$@"; }

pid_file() { echo "$state/pids/$1.pid"; }

# The recorded PID, if that process still runs and is ours: its command line names the state directory
# (every daemon gets a flag or file under it), so a reused PID is never taken for ours.
daemon_pid() {
  local f pid
  f=$(pid_file "$1")
  [ -f "$f" ] || return 1
  pid=$(cat "$f")
  [ -r "/proc/$pid/cmdline" ] || return 1
  tr '\0' ' ' < "/proc/$pid/cmdline" | grep -F -- "$state" >/dev/null || return 1
  echo "$pid"
}

# start_daemon NAME [VAR=value...] -- command...: runs it in its own session (so `down` can end it with everything
# it started), logs to $state/logs/NAME.log and records its PID.
start_daemon() {
  local name=$1; shift
  local envs=()
  while [ "$1" != -- ]; do envs+=("$1"); shift; done
  shift
  mkdir -p "$state/logs" "$state/pids"
  # setsid in a background job is no group leader, so it execs the command in place: $! is the daemon's PID.
  setsid env "${envs[@]}" "$@" >>"$state/logs/$name.log" 2>&1 </dev/null &
  echo $! > "$(pid_file "$name")"
}

# stop_daemon NAME: SIGTERM to its session, SIGKILL after 15 s.
stop_daemon() {
  local pid i
  pid=$(daemon_pid "$1") || { rm -f "$(pid_file "$1")"; return 0; }
  kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
  for i in $(seq 150); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 "$pid" 2>/dev/null; then
    log "$1 ($pid) ignored SIGTERM for 15 s: SIGKILL"
    kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$(pid_file "$1")"
}

# wait_for SECONDS WHAT command...: polls every 0.5 s until the command succeeds.
wait_for() {
  local seconds=$1 what=$2 deadline
  shift 2
  deadline=$((SECONDS + seconds))
  until "$@" >/dev/null 2>&1; do
    [ $SECONDS -lt $deadline ] || die "$what not ready after $seconds s (logs: $state/logs/)"
    sleep 0.5
  done
}
