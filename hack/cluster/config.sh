# Configuration files of the node's components (sourced by hack/cluster.sh), all under $state.

write_containerd_config() {
  mkdir -p "$state/containerd" "$state/net.d"
  cat > "$state/containerd/config.toml" <<EOF
version = 2
root = "$state/containerd/root"
state = "$state/run/containerd"
disabled_plugins = ["io.containerd.snapshotter.v1.btrfs", "io.containerd.snapshotter.v1.zfs", "io.containerd.snapshotter.v1.devmapper", "io.containerd.snapshotter.v1.aufs", "io.containerd.tracing.processor.v1.otlp", "io.containerd.internal.v1.tracing"]

[grpc]
  address = "$containerd_socket"

[ttrpc]
  address = "$state/run/containerd/containerd.sock.ttrpc"

[debug]
  address = ""

[plugins."io.containerd.grpc.v1.cri"]
  sandbox_image = "$pause_image"
  # Root here lacks CAP_SYS_RESOURCE: without this every sandbox fails asking for oom_score_adj -998.
  restrict_oom_score_adj = true
  enable_selinux = false
  disable_apparmor = true

[plugins."io.containerd.grpc.v1.cri".containerd]
  snapshotter = "overlayfs"
  default_runtime_name = "runc"

[plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
  runtime_type = "io.containerd.runc.v2"

[plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]
  BinaryName = "/usr/bin/runc"
  Root = "$state/run/runc"
  SystemdCgroup = false

[plugins."io.containerd.grpc.v1.cri".cni]
  bin_dir = "/usr/lib/cni"
  conf_dir = "$state/net.d"
  max_conf_num = 1
EOF
}

# One bridge, host-local addresses from the node's subnet. No ipMasq (nothing may leave the machine anyway) and no
# portmap (no hostPort is used; its CNI-HOSTPORT-* chains are shared with podman's networks).
write_cni_config() {
  mkdir -p "$state/net.d" "$state/cni/ipam"
  cat > "$state/net.d/10-$cni_network.conflist" <<EOF
{
  "cniVersion": "0.4.0",
  "name": "$cni_network",
  "plugins": [
    {
      "type": "bridge",
      "bridge": "$bridge",
      "isGateway": true,
      "ipMasq": false,
      "hairpinMode": true,
      "ipam": {
        "type": "host-local",
        "dataDir": "$state/cni/ipam",
        "ranges": [[{"subnet": "$pod_subnet", "gateway": "$pod_gateway"}]],
        "routes": [{"dst": "0.0.0.0/0"}]
      }
    }
  ]
}
EOF
}

write_kubelet_config() {
  mkdir -p "$state/kubelet"
  # Pods get the cluster DNS only: no search domain or name server of this machine is copied into them.
  : > "$state/kubelet/resolv.conf"
  cat > "$state/kubelet/config.yaml" <<EOF
apiVersion: kubelet.config.k8s.io/v1beta1
kind: KubeletConfiguration
address: $node_ip
port: 10250
readOnlyPort: 0
healthzBindAddress: 127.0.0.1
healthzPort: 10248
authentication:
  anonymous: {enabled: false}
  webhook: {enabled: true}
  x509: {clientCAFile: $state/pki/ca.crt}
authorization:
  mode: Webhook
cgroupDriver: cgroupfs
failSwapOn: false
clusterDomain: $cluster_domain
clusterDNS: [$dns_service_ip]
resolvConf: $state/kubelet/resolv.conf
staticPodPath: ""
imageGCHighThresholdPercent: 100
imageGCLowThresholdPercent: 99
evictionHard:
  memory.available: 100Mi
  nodefs.available: 1%
  imagefs.available: 1%
  nodefs.inodesFree: 1%
serializeImagePulls: false
maxPods: 110
EOF
}

# dnsmasq answers at the node address; the kube-dns Service (clusterIP $dns_service_ip) has it as its one endpoint,
# so kube-proxy routes every Pod's query there. Names come from a hosts file hack/cluster/dns-sync.sh rewrites from
# the Services; every other name is answered NXDOMAIN, nothing is forwarded.
write_dnsmasq_config() {
  mkdir -p "$state/dns"
  : > "$state/dns/hosts"
  cat > "$state/dns/dnsmasq.conf" <<EOF
keep-in-foreground
user=root
port=53
listen-address=$node_ip
bind-interfaces
no-resolv
no-hosts
no-poll
no-negcache
addn-hosts=$state/dns/hosts
local=/$cluster_domain/
address=/#/
log-facility=-
EOF
}
