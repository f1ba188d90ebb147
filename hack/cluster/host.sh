# What the cluster changes on the host outside $state, saved by `up` and put back by `down` (sourced by
# hack/cluster.sh): the node address on lo, the confinement rules, the iptables chains kubelet and kube-proxy add,
# sysctls, cgroups, network namespaces and bridge, and the few fixed paths kubelet and containerd create.

# The sysctls kubelet (kernel tunables), kube-proxy (route_localnet) and the CNI bridge plugin (ip_forward) write.
# Order matters: turning forwarding off makes the kernel reset every interface's forwarding and accept_redirects.
host_sysctls=(kernel.panic kernel.panic_on_oops vm.overcommit_memory vm.panic_on_oom kernel.keys.root_maxkeys
  kernel.keys.root_maxbytes net.ipv4.conf.all.route_localnet net.ipv4.ip_forward net.ipv4.conf.all.forwarding
  net.ipv4.conf.default.forwarding net.ipv4.conf.lo.forwarding net.ipv4.conf.all.accept_redirects
  net.ipv4.conf.default.accept_redirects net.ipv4.conf.all.rp_filter
  net.bridge.bridge-nf-call-iptables net.bridge.bridge-nf-call-ip6tables net.netfilter.nf_conntrack_max)
# Paths the components create whatever their flags say: containerd's shim sockets (/run/containerd/s), the network
# namespaces of Pods (/run/netns), libcni's result cache (/var/lib/cni) and kubelet's Pod logs (/var/log/...).
# kubelet's device manager always uses /var/lib/kubelet/device-plugins.
host_paths=(/run/containerd /run/netns /var/lib/cni /var/log/pods /var/log/containers /var/lib/kubelet)

save_host_state() {
  local k p
  mkdir -p "$state/host"
  : > "$state/host/sysctls"
  for k in "${host_sysctls[@]}"; do
    sysctl -n "$k" >/dev/null 2>&1 && echo "$k=$(sysctl -n "$k")" >> "$state/host/sysctls"
  done
  : > "$state/host/created-paths"
  for p in "${host_paths[@]}"; do [ -e "$p" ] || echo "$p" >> "$state/host/created-paths"; done
  ls /sys/fs/cgroup/memory > "$state/host/cgroups"
  iptables_snapshot > "$state/host/iptables"
  nft list tables > "$state/host/nft-tables" 2>/dev/null || true
  sysctl -a 2>/dev/null | sort > "$state/host/sysctl-all"
}

# iptables_snapshot: every rule of both families, counters dropped, for comparing before and after.
iptables_snapshot() {
  { iptables-save; ip6tables-save; } 2>/dev/null | { grep -v '^#' || true; } | sed 's/ \[[0-9]*:[0-9]*\]$//'
}

# Nothing a Pod sends may leave the machine: Pods talk to Pods and to this machine only (DNAT to a Service's
# endpoints happens before FORWARD, so Services keep working), and a Service address no rule has rewritten is
# rejected instead of following the default route. The Pod range gets an unreachable route (the bridge's /24 is more
# specific), so no packet for a Pod address follows the default route either; a rule cannot say that, because OUTPUT
# rules see the interface routed before kube-proxy's DNAT. In place before the first Pod starts.
add_confinement() {
  iptables -N MODELSHIP-CONFINE 2>/dev/null || iptables -F MODELSHIP-CONFINE
  # TCP gets a reset: ICMP errors are rate-limited per destination, so a second refusal could take a second.
  iptables -A MODELSHIP-CONFINE -s "$pod_cidr" ! -d "$pod_cidr" -p tcp -j REJECT --reject-with tcp-reset
  iptables -A MODELSHIP-CONFINE -s "$pod_cidr" ! -d "$pod_cidr" -j REJECT
  iptables -A MODELSHIP-CONFINE -i "$bridge" ! -o "$bridge" -j REJECT
  iptables -C FORWARD -j MODELSHIP-CONFINE 2>/dev/null || iptables -I FORWARD 1 -j MODELSHIP-CONFINE
  iptables -N MODELSHIP-OUTPUT 2>/dev/null || iptables -F MODELSHIP-OUTPUT
  iptables -A MODELSHIP-OUTPUT -d "$service_cidr" -j REJECT
  iptables -C OUTPUT -j MODELSHIP-OUTPUT 2>/dev/null || iptables -A OUTPUT -j MODELSHIP-OUTPUT
  ip route show type unreachable | grep "^unreachable $pod_cidr" >/dev/null || ip route add unreachable "$pod_cidr"
  # Pods have no IPv6 address; whatever IPv6 they send stays on the machine too.
  ip6tables -N MODELSHIP-CONFINE 2>/dev/null || ip6tables -F MODELSHIP-CONFINE
  ip6tables -A MODELSHIP-CONFINE -i "$bridge" -j REJECT
  ip6tables -C FORWARD -j MODELSHIP-CONFINE 2>/dev/null || ip6tables -I FORWARD 1 -j MODELSHIP-CONFINE
}

confinement_in_place() {
  ip route show type unreachable | grep "^unreachable $pod_cidr" >/dev/null &&
  iptables -C FORWARD -j MODELSHIP-CONFINE 2>/dev/null && iptables -C OUTPUT -j MODELSHIP-OUTPUT 2>/dev/null &&
    iptables -C MODELSHIP-CONFINE -s "$pod_cidr" ! -d "$pod_cidr" -j REJECT 2>/dev/null &&
    ip6tables -C FORWARD -j MODELSHIP-CONFINE 2>/dev/null
}

add_node_address() {
  ip addr show dev lo | grep " $node_ip/32 " >/dev/null || ip addr add "$node_ip/32" dev lo
}

# remove_chains CMD: every KUBE-* (kubelet, kube-proxy) and MODELSHIP-* (ours) chain of every table, and the rules of
# other chains that jump to them. Other chains (podman's CNI-*, ...) stay as they are.
remove_chains() {
  local cmd=$1 table line chain
  for table in filter nat mangle raw; do
    "$cmd" -t "$table" -S >/dev/null 2>&1 || continue
    while IFS= read -r line; do
      eval "set -- $line"
      [ "$1" = -A ] || continue
      case "$2" in KUBE-*|MODELSHIP-*) continue ;; esac
      shift
      "$cmd" -t "$table" -D "$@" 2>/dev/null || true
    done < <("$cmd" -t "$table" -S | grep -E -- '-j (KUBE|MODELSHIP)-')
    for chain in $("$cmd" -t "$table" -S | awk '$1 == "-N" && $2 ~ /^(KUBE|MODELSHIP)-/ {print $2}'); do
      "$cmd" -t "$table" -F "$chain"
    done
    for chain in $("$cmd" -t "$table" -S | awk '$1 == "-N" && $2 ~ /^(KUBE|MODELSHIP)-/ {print $2}'); do
      "$cmd" -t "$table" -X "$chain"
    done
  done
}

# remove_pod_network_namespaces: the /run/netns entries containerd made for Pods (an address in the Pod range, or
# no interface but lo left); unmounting the last reference destroys the namespace and its veth pair.
remove_pod_network_namespaces() {
  local ns
  [ -d /run/netns ] || return 0
  for ns in /run/netns/cni-*; do
    [ -e "$ns" ] || continue
    if ip -n "${ns##*/}" -4 -o addr 2>/dev/null | grep " ${pod_subnet%.*}\." >/dev/null ||
       ! ip -n "${ns##*/}" -o link 2>/dev/null | grep -v ': lo:' >/dev/null; then
      umount "$ns" 2>/dev/null || umount -l "$ns" 2>/dev/null || true
      rm -f "$ns"
    fi
  done
}

# unmount_state: everything mounted under $state (containerd's rootfs and shm mounts, kubelet's volumes and its
# rshared bind mount of its root), deepest first.
unmount_state() {
  local mnt pass
  for pass in 1 2 3; do
    while IFS= read -r mnt; do
      umount "$mnt" 2>/dev/null || umount -l "$mnt" 2>/dev/null || true
    done < <(awk -v s="$state/" 'index($5 "/", s) == 1 {print $5}' /proc/self/mountinfo | sort -r)
  done
}

# remove_cgroups: kubelet's kubepods tree in every hierarchy (empty once every container is gone), deepest first.
remove_cgroups() {
  local root
  for root in /sys/fs/cgroup/*/kubepods /sys/fs/cgroup/unified/kubepods; do
    [ -d "$root" ] || continue
    find "$root" -depth -type d -exec rmdir {} + 2>/dev/null || true
  done
}

restore_sysctls() {
  local line
  [ -f "$state/host/sysctls" ] || return 0
  while IFS= read -r line; do
    [ "$(sysctl -n "${line%%=*}" 2>/dev/null)" = "${line#*=}" ] || sysctl -qw "$line" >/dev/null 2>&1 ||
      log "could not restore ${line%%=*} to ${line#*=}"
  done < "$state/host/sysctls"
}

remove_created_paths() {
  local p
  [ -f "$state/host/created-paths" ] || return 0
  # libcni's cache may be shared with podman: only the entries of our Pods go (our network's, and the loopback
  # network's of the same sandboxes).
  local result id
  for result in /var/lib/cni/results/"$cni_network"-*; do
    [ -e "$result" ] || continue
    id=${result#/var/lib/cni/results/"$cni_network"-}
    rm -f "$result" "/var/lib/cni/results/cni-loopback-${id%-*}-lo"
  done
  while IFS= read -r p; do
    [ -e "$p" ] || continue
    if grep -q " $p[/ ]" /proc/self/mountinfo; then log "$p still has mounts: left in place"; continue; fi
    case "$p" in
      /var/log/pods|/var/log/containers|/var/lib/kubelet) rm -rf "$p" ;;   # kubelet's alone: only ours are there
      *) find "$p" -depth -type d -empty -delete ;;        # shared with others: only if nothing else is left inside
    esac
    [ ! -e "$p" ] || log "$p was created by the cluster but holds files of others: left in place"
  done < "$state/host/created-paths"
}

# remove_empty_tables: iptables-nft makes a table at its first use; one that was not there before `up` and now has
# nothing but its built-in chains with policy ACCEPT goes again.
remove_empty_tables() {
  local family table cmd
  command -v nft >/dev/null && [ -f "$state/host/nft-tables" ] || return 0
  while read -r _ family table; do
    grep -qx "table $family $table" "$state/host/nft-tables" && continue
    case "$family" in ip) cmd=iptables ;; ip6) cmd=ip6tables ;; *) continue ;; esac
    [ -z "$("$cmd" -t "$table" -S 2>/dev/null | grep -v '^-P [A-Z]* ACCEPT$')" ] || continue
    nft delete table "$family" "$table" 2>/dev/null || true
  done < <(nft list tables 2>/dev/null)
}

remove_host_network() {
  ip link show "$bridge" >/dev/null 2>&1 && ip link delete "$bridge"
  ip addr show dev lo | grep " $node_ip/32 " >/dev/null && ip addr del "$node_ip/32" dev lo
  ip route show type unreachable | grep "^unreachable $pod_cidr" >/dev/null && ip route del unreachable "$pod_cidr"
  remove_chains iptables
  remove_chains ip6tables
  remove_empty_tables
  # Connection tracking entries of the cluster's addresses would otherwise linger until they time out.
  if command -v conntrack >/dev/null; then
    conntrack -D -s "$pod_cidr" >/dev/null 2>&1 || true
    conntrack -D -d "$pod_cidr" >/dev/null 2>&1 || true
    conntrack -D -d "$service_cidr" >/dev/null 2>&1 || true
    conntrack -D -d "$node_ip" >/dev/null 2>&1 || true
  fi
  return 0
}

# report_host_differences: what still differs from before `up` (iptables, sysctls, cgroups); prints nothing when the
# host is as it was.
report_host_differences() {
  local diffs
  [ -f "$state/host/iptables" ] || return 0
  diffs=$(diff <(sort "$state/host/iptables") <(iptables_snapshot | sort) | grep '^[<>]' || true)
  [ -z "$diffs" ] || log "iptables differ from before up (another program may have changed them):"$'\n'"$diffs"
  diffs=$(diff "$state/host/cgroups" <(ls /sys/fs/cgroup/memory) | grep '^[<>]' || true)
  [ -z "$diffs" ] || log "memory cgroups differ from before up:"$'\n'"$diffs"
  local line
  while IFS= read -r line; do
    [ "$(sysctl -n "${line%%=*}" 2>/dev/null)" = "${line#*=}" ] || log "sysctl ${line%%=*} is $(sysctl -n "${line%%=*}"), was ${line#*=}"
  done < "$state/host/sysctls"
}
