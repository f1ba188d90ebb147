#!/usr/bin/env bash
# Installs what the tests need on a fresh machine that has only the .NET SDK, and prints the environment
# the test run uses. Idempotent: a second run installs and builds nothing.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
log() { echo "install-test-deps: $*" >&2; }

missing=()
command -v etcd >/dev/null || missing+=(etcd-server)
command -v etcdctl >/dev/null || missing+=(etcd-client)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    log "missing ${missing[*]}; install by hand: sudo apt-get update && sudo apt-get install -y ${missing[*]}"; exit 1
  fi
  log "installing ${missing[*]} from Debian"
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2 || {
    log "apt-get could not install ${missing[*]}; install them by hand: apt-get install ${missing[*]}"; exit 1; }
  # Debian starts an etcd service on install; the tests start their own on free ports.
  (command -v systemctl >/dev/null && systemctl stop etcd 2>/dev/null) || true
  pkill -x etcd 2>/dev/null || true
fi

apiserver=$("$here/install-kube-apiserver.sh")
echo "MODELSHIP_KUBE_APISERVER=$apiserver"
echo "MODELSHIP_ETCD=$(command -v etcd)"
echo "MODELSHIP_ETCDCTL=$(command -v etcdctl)"
