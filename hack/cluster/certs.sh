# The cluster's PKI with openssl (sourced by hack/cluster.sh): a CA, the API server's serving certificate, a
# service-account key pair, and a client certificate + kubeconfig per component. Everything in $state/pki.

# client_cert NAME CN [O]: a client certificate signed by the CA and a kubeconfig using it.
client_cert() {
  local name=$1 cn=$2 org=${3:-} subj
  subj="/CN=$cn"
  [ -z "$org" ] || subj="/O=$org$subj"
  openssl req -new -newkey rsa:2048 -nodes -keyout "$name.key" -subj "$subj" -out "$name.csr" 2>/dev/null
  openssl x509 -req -in "$name.csr" -CA ca.crt -CAkey ca.key -CAcreateserial -days 365 -sha256 \
    -extfile <(printf 'keyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=clientAuth\n') \
    -out "$name.crt" 2>/dev/null
  rm -f "$name.csr"
  cat > "$name.kubeconfig" <<EOF
apiVersion: v1
kind: Config
clusters:
- name: modelship
  cluster:
    server: $api_server
    certificate-authority: $state/pki/ca.crt
users:
- name: $name
  user:
    client-certificate: $state/pki/$name.crt
    client-key: $state/pki/$name.key
contexts:
- name: modelship
  context: {cluster: modelship, user: $name}
current-context: modelship
EOF
}

make_pki() {
  mkdir -p "$state/pki"
  (
    cd "$state/pki"
    openssl req -x509 -new -newkey rsa:2048 -nodes -keyout ca.key -subj "/CN=modelship-cluster-ca" -days 365 \
      -sha256 -addext 'basicConstraints=critical,CA:TRUE' -addext 'keyUsage=critical,keyCertSign,cRLSign' \
      -out ca.crt 2>/dev/null
    local sans="DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc"
    sans="$sans,DNS:kubernetes.default.svc.$cluster_domain,IP:127.0.0.1,IP:$api_service_ip,IP:$node_ip"
    openssl req -new -newkey rsa:2048 -nodes -keyout apiserver.key -subj "/CN=kube-apiserver" -out apiserver.csr 2>/dev/null
    openssl x509 -req -in apiserver.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 365 -sha256 \
      -extfile <(printf 'keyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\nsubjectAltName=%s\n' "$sans") \
      -out apiserver.crt 2>/dev/null
    rm -f apiserver.csr
    openssl genrsa -out sa.key 2048 2>/dev/null
    openssl rsa -in sa.key -pubout -out sa.pub 2>/dev/null
    client_cert admin admin system:masters
    client_cert kube-controller-manager system:kube-controller-manager
    client_cert kube-scheduler system:kube-scheduler
    client_cert kubelet "system:node:$node_name" system:nodes
    client_cert kube-proxy system:kube-proxy
    client_cert apiserver-kubelet-client kube-apiserver-kubelet-client system:masters
    chmod 600 ./*.key
  )
}
