#!/usr/bin/env bash
# A real single-node Kubernetes v1.20.2 cluster on this machine, from Debian packages only (docs/cluster.md).
#   hack/cluster.sh up        start it (builds and caches the components on first use); does nothing when healthy
#   hack/cluster.sh down      stop everything it started and put the host back as it was before `up`
#   hack/cluster.sh status    say whether it is healthy (exit 0) or not (exit 1)
#   hack/cluster.sh env       print KUBECONFIG=... and CONTAINERD_ADDRESS=... lines
#   hack/cluster.sh import F  import an image archive (OCI or docker) into the node's containerd
# Needs root (network addresses, iptables, mounts). State: $MODELSHIP_CACHE/cluster (~/.cache/modelship/cluster).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/cluster/lib.sh"
source "$here/cluster/certs.sh"
source "$here/cluster/images.sh"
source "$here/cluster/config.sh"
source "$here/cluster/host.sh"

bin() { echo "$cache/$1-$k8s_version/$1"; }

install_prerequisites() {
  [ "$(id -u)" = 0 ] || die "needs root: it adds an address to lo, iptables rules and mounts"
  "$here/apt-install.sh" etcd-server containerd runc containernetworking-plugins iptables busybox-static conntrack \
    dnsmasq-base openssl nftables
  command -v kubectl >/dev/null || "$here/apt-install.sh" kubernetes-client
  "$here/build-kubernetes.sh" kube-apiserver kubelet kube-controller-manager kube-scheduler kube-proxy >/dev/null
}

api_ready() { kubectl_ get --raw /readyz; }
node_ready() {
  [ "$(kubectl_ get node "$node_name" -o jsonpath='{.status.conditions[?(@.type=="Ready")].status}' 2>/dev/null)" = True ]
}
# The cluster DNS answers through the kube-dns Service, as a Pod asks it.
dns_answers() {
  busybox nslookup "kubernetes.default.svc.$cluster_domain" "$dns_service_ip" 2>/dev/null | grep "$api_service_ip" >/dev/null
}

start_control_plane() {
  start_daemon etcd -- etcd --name=modelship --data-dir="$state/etcd" \
    --listen-client-urls="http://127.0.0.1:$etcd_port" --advertise-client-urls="http://127.0.0.1:$etcd_port" \
    --listen-peer-urls="http://127.0.0.1:$etcd_peer_port" --initial-advertise-peer-urls="http://127.0.0.1:$etcd_peer_port" \
    --initial-cluster="modelship=http://127.0.0.1:$etcd_peer_port" --log-level=warn
  local pki=$state/pki
  start_daemon kube-apiserver -- "$(bin kube-apiserver)" --etcd-servers="http://127.0.0.1:$etcd_port" \
    --bind-address="$node_ip" --advertise-address="$node_ip" --secure-port="$api_port" --insecure-port=0 \
    --tls-cert-file="$pki/apiserver.crt" --tls-private-key-file="$pki/apiserver.key" --client-ca-file="$pki/ca.crt" \
    --service-account-key-file="$pki/sa.pub" --service-account-signing-key-file="$pki/sa.key" \
    --service-account-issuer="https://kubernetes.default.svc.$cluster_domain" \
    --service-cluster-ip-range="$service_cidr" --authorization-mode=Node,RBAC \
    --kubelet-client-certificate="$pki/apiserver-kubelet-client.crt" --kubelet-client-key="$pki/apiserver-kubelet-client.key" \
    --kubelet-preferred-address-types=InternalIP,Hostname --enable-admission-plugins=NodeRestriction \
    --allow-privileged=true --profiling=false --v=0
  wait_for 60 kube-apiserver api_ready
  start_daemon kube-controller-manager -- "$(bin kube-controller-manager)" \
    --kubeconfig="$pki/kube-controller-manager.kubeconfig" \
    --authentication-kubeconfig="$pki/kube-controller-manager.kubeconfig" \
    --authorization-kubeconfig="$pki/kube-controller-manager.kubeconfig" \
    --bind-address=127.0.0.1 --port=0 --leader-elect=false --profiling=false \
    --cluster-signing-cert-file="$pki/ca.crt" --cluster-signing-key-file="$pki/ca.key" --root-ca-file="$pki/ca.crt" \
    --service-account-private-key-file="$pki/sa.key" --use-service-account-credentials=true \
    --service-cluster-ip-range="$service_cidr" --cluster-cidr="$pod_cidr" --allocate-node-cidrs=false \
    --flex-volume-plugin-dir="$state/kube-controller-manager/volume-plugins"
  start_daemon kube-scheduler -- "$(bin kube-scheduler)" --kubeconfig="$pki/kube-scheduler.kubeconfig" \
    --authentication-kubeconfig="$pki/kube-scheduler.kubeconfig" --authorization-kubeconfig="$pki/kube-scheduler.kubeconfig" \
    --bind-address=127.0.0.1 --port=0 --leader-elect=false --profiling=false
}

# The kube-dns Service without selector: its one endpoint is dnsmasq on the node address.
create_dns_service() {
  kubectl_ apply -f - >/dev/null <<EOF
apiVersion: v1
kind: Service
metadata:
  name: kube-dns
  namespace: kube-system
  labels: {k8s-app: kube-dns, app.kubernetes.io/managed-by: modelship-cluster}
spec:
  clusterIP: $dns_service_ip
  ports:
  - {name: dns, port: 53, protocol: UDP, targetPort: 53}
  - {name: dns-tcp, port: 53, protocol: TCP, targetPort: 53}
---
apiVersion: v1
kind: Endpoints
metadata:
  name: kube-dns
  namespace: kube-system
  labels: {k8s-app: kube-dns, app.kubernetes.io/managed-by: modelship-cluster}
subsets:
- addresses: [{ip: $node_ip}]
  ports:
  - {name: dns, port: 53, protocol: UDP}
  - {name: dns-tcp, port: 53, protocol: TCP}
EOF
}

start_dns() {
  write_dnsmasq_config
  start_daemon dnsmasq -- dnsmasq --conf-file="$state/dns/dnsmasq.conf"
  start_daemon dns-sync -- bash "$here/cluster/dns-sync.sh" "$state" "$kubeconfig" "$cluster_domain" "$(pid_file dnsmasq)"
  wait_for 30 "the cluster DNS hosts file" grep -q "kube-dns.kube-system.svc" "$state/dns/hosts"
}

# Nothing the node runs may reach out: image pulls would go to a proxy on a closed local port (every image is
# imported), and kubelet's ECR credential provider must not probe the EC2 metadata address.
no_egress_env=(HTTP_PROXY=http://127.0.0.1:9 HTTPS_PROXY=http://127.0.0.1:9
  "NO_PROXY=127.0.0.1,localhost,$node_ip,$service_cidr,$pod_cidr,.svc,.$cluster_domain")

start_node() {
  write_containerd_config
  write_cni_config
  write_kubelet_config
  start_daemon containerd "${no_egress_env[@]}" -- containerd --config "$state/containerd/config.toml"
  wait_for 30 containerd ctr_ version
  make_images
  import_image "$state/images/pause.tar"
  import_image "$state/images/busybox.tar"
  local pki=$state/pki
  start_daemon kube-proxy -- "$(bin kube-proxy)" --kubeconfig="$pki/kube-proxy.kubeconfig" --proxy-mode=iptables \
    --hostname-override="$node_name" --cluster-cidr="$pod_cidr" --bind-address="$node_ip" \
    --healthz-bind-address=127.0.0.1:10256 --metrics-bind-address=127.0.0.1:10249 \
    --conntrack-max-per-core=0 --conntrack-min=0 --conntrack-tcp-timeout-established=0 \
    --conntrack-tcp-timeout-close-wait=0 --oom-score-adj=0 --profiling=false
  start_daemon kubelet "${no_egress_env[@]}" AWS_EC2_METADATA_DISABLED=true -- "$(bin kubelet)" \
    --config="$state/kubelet/config.yaml" --kubeconfig="$pki/kubelet.kubeconfig" \
    --container-runtime=remote --container-runtime-endpoint="unix://$containerd_socket" \
    --pod-infra-container-image="$pause_image" --root-dir="$state/kubelet" --cert-dir="$state/kubelet/pki" \
    --volume-plugin-dir="$state/kubelet/volume-plugins" --node-ip="$node_ip" --hostname-override="$node_name" \
    --oom-score-adj=0 --v=1
  wait_for 90 "node $node_name" node_ready
  wait_for 30 "the cluster DNS through kube-proxy" dns_answers
  wait_for 60 "the default ServiceAccount" kubectl_ get serviceaccount default -n default
}

running_daemons() { local d; for d in "${daemons[@]}"; do daemon_pid "$d" >/dev/null && echo "$d"; done; return 0; }

# status_report: one line per check; exit status 0 only when every check passes.
status_report() {
  local ok=0 d
  [ -d "$state/pids" ] || { echo "cluster: down"; return 1; }
  for d in "${daemons[@]}"; do
    if daemon_pid "$d" >/dev/null; then echo "  $d: running (pid $(daemon_pid "$d"))"; else echo "  $d: NOT RUNNING"; ok=1; fi
  done
  if confinement_in_place; then echo "  confinement rules: in place"; else echo "  confinement rules: MISSING"; ok=1; fi
  if api_ready >/dev/null 2>&1; then echo "  kube-apiserver: ready"; else echo "  kube-apiserver: NOT READY"; ok=1; fi
  if node_ready; then echo "  node $node_name: Ready"; else echo "  node $node_name: NOT READY"; ok=1; fi
  if dns_answers; then echo "  cluster DNS ($dns_service_ip): answers"; else echo "  cluster DNS ($dns_service_ip): NO ANSWER"; ok=1; fi
  if [ $ok = 0 ]; then echo "cluster: healthy (KUBECONFIG=$kubeconfig)"; else echo "cluster: NOT healthy"; fi
  return $ok
}

start_cluster() {
  install_prerequisites
  mkdir -p "$state"
  save_host_state
  add_node_address
  add_confinement
  make_pki
  start_control_plane
  create_dns_service
  start_dns
  start_node
  env_lines > "$state/cluster.env"
}

up() {
  if status_report >/dev/null 2>&1; then log "already up and healthy (KUBECONFIG=$kubeconfig)"; return 0; fi
  [ ! -d "$state" ] || { log "a previous cluster is not healthy: taking it down first"; down; }
  local start=$SECONDS status
  # A subshell outside any condition, so `set -e` holds inside it and every failure ends up in up_failed.
  set +e
  (set -e; start_cluster)
  status=$?
  set -e
  [ "$status" = 0 ] || up_failed
  log "up in $((SECONDS - start)) s: KUBECONFIG=$kubeconfig"
}

# A failed `up` leaves nothing behind either; its logs are kept for reading.
up_failed() {
  rm -rf "$cache/cluster-failed-logs"
  [ ! -d "$state/logs" ] || cp -r "$state/logs" "$cache/cluster-failed-logs"
  log "up failed; the components' logs are in $cache/cluster-failed-logs; taking the cluster down"
  down
  exit 1
}

# Stops every daemon (kubelet first, so nothing restarts a container), removes every container, then puts back
# the host: mounts, network namespaces, bridge, node address, iptables chains, cgroups, sysctls, created paths.
down() {
  [ -d "$state" ] || { log "nothing to take down"; return 0; }
  local i
  stop_daemon kubelet
  if daemon_pid containerd >/dev/null; then
    ctr_ tasks ls -q 2>/dev/null | while read -r id; do ctr_ tasks kill -s SIGKILL "$id" 2>/dev/null || true; done
    for i in $(seq 50); do [ -z "$(ctr_ tasks ls -q 2>/dev/null | head -1)" ] && break; sleep 0.2; done
    ctr_ tasks ls -q 2>/dev/null | while read -r id; do ctr_ tasks delete -f "$id" >/dev/null 2>&1 || true; done
    ctr_ containers ls -q 2>/dev/null | while read -r id; do ctr_ containers delete "$id" >/dev/null 2>&1 || true; done
  fi
  for ((i = ${#daemons[@]} - 1; i >= 0; i--)); do stop_daemon "${daemons[$i]}"; done
  stop_leftover_processes
  unmount_state
  remove_pod_network_namespaces
  remove_host_network
  remove_cgroups
  restore_sysctls
  remove_created_paths
  report_host_differences
  rm -rf "$state"
  log "down"
}

# containerd's shims outlive it (ours name our containerd socket on their command line), and so do the containers'
# processes when containerd could not kill them (they sit in kubelet's kubepods cgroups). A killed shim leaves its
# socket in /run/containerd/s/, named by the sha256 of "<containerd socket>/<namespace>/<shim id>".
stop_leftover_processes() {
  local f pid id
  for f in /proc/[0-9]*/cmdline; do
    pid=${f#/proc/}; pid=${pid%/cmdline}
    case "$(cat "/proc/$pid/comm" 2>/dev/null)" in containerd-shim*) ;; *) continue ;; esac
    tr '\0' '\n' < "$f" 2>/dev/null | grep -xF -- "$containerd_socket" >/dev/null || continue
    id=$(tr '\0' '\n' < "$f" | grep -A1 -x -- -id | tail -1)
    kill -KILL "$pid" 2>/dev/null || true
    rm -f "/run/containerd/s/$(printf '%s' "$containerd_socket/k8s.io/$id" | sha256sum | cut -d' ' -f1)"
  done
  for f in $(find /sys/fs/cgroup/pids/kubepods -name cgroup.procs 2>/dev/null); do
    while read -r pid; do kill -KILL "$pid" 2>/dev/null || true; done < "$f"
  done
  return 0
}

env_lines() {
  echo "KUBECONFIG=$kubeconfig"
  echo "CONTAINERD_ADDRESS=$containerd_socket"
  echo "CONTAINERD_NAMESPACE=k8s.io"
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  status) status_report ;;
  env) env_lines ;;
  import)
    [ -n "${2:-}" ] || die "usage: $0 import ARCHIVE"
    daemon_pid containerd >/dev/null || die "the cluster is not up"
    import_image "$2" ;;
  *) sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
esac
