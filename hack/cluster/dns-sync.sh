#!/usr/bin/env bash
# Keeps the cluster DNS's hosts file equal to the cluster's Services: <name>.<namespace>.svc.<domain> -> clusterIP.
#   dns-sync.sh STATE_DIR KUBECONFIG DOMAIN DNSMASQ_PID_FILE
# Rewrites the file on every Service event (a watch) and every 30 s, and makes dnsmasq reread it (SIGHUP) when it
# changed. Started and stopped by hack/cluster.sh.
set -uo pipefail
state=$1 kubeconfig=$2 domain=$3 dnsmasq_pid_file=$4
hosts=$state/dns/hosts

render() {
  kubectl --kubeconfig "$kubeconfig" get services --all-namespaces \
    -o jsonpath='{range .items[*]}{.spec.clusterIP} {.metadata.name}.{.metadata.namespace}{"\n"}{end}' |
    awk -v d="$domain" '$1 != "" && $1 != "None" {print $1, $2 ".svc." d}' | LC_ALL=C sort
}

sync_hosts() {
  local next
  next=$(render) || return 0
  if [ "$next" != "$(cat "$hosts" 2>/dev/null)" ]; then
    printf '%s\n' "$next" > "$hosts.tmp" && mv "$hosts.tmp" "$hosts"
    kill -HUP "$(cat "$dnsmasq_pid_file")" 2>/dev/null || true
  fi
}

while true; do
  sync_hosts
  # Each line of the watch is a Service event; the watch ends after at most 30 s and the loop resyncs.
  kubectl --kubeconfig "$kubeconfig" get services --all-namespaces --watch-only -o name --request-timeout=30s 2>/dev/null |
    while read -r _; do sync_hosts; done
  sleep 0.5
done
