# The cluster's own images, made without pulling anything (sourced by hack/cluster.sh): Debian's busybox-static in an
# OCI image archive written with tar and sha256sum (no image builder, no storage outside $state), imported into
# containerd. The pause image is the same layer with `sleep` as its entrypoint: a sandbox only has to stay alive
# (containerd stops it with SIGKILL).

# blob FILE: moves FILE into blobs/sha256/ under its digest and prints the digest.
blob() {
  local digest
  digest=$(sha256sum "$1" | cut -d' ' -f1)
  mv "$1" "blobs/sha256/$digest"
  echo "$digest"
}

# oci_archive OUT NAME ENTRYPOINT_JSON CMD_JSON ROOTFS: an OCI image layout tarball of one uncompressed layer.
oci_archive() {
  local out=$1 name=$2 entrypoint=$3 cmd=$4 rootfs=$5 work layer config manifest
  work=$(mktemp -d)
  (
    cd "$work"
    mkdir -p blobs/sha256
    tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -C "$rootfs" -cf layer.tar .
    layer=$(blob layer.tar)
    printf '{"architecture":"amd64","os":"linux","config":{"Entrypoint":%s,"Cmd":%s,"Env":["PATH=/bin"]},"rootfs":{"type":"layers","diff_ids":["sha256:%s"]}}' \
      "$entrypoint" "$cmd" "$layer" > config.json
    config=$(blob config.json)
    printf '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"sha256:%s","size":%d},"layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar","digest":"sha256:%s","size":%d}]}' \
      "$config" "$(stat -c %s "blobs/sha256/$config")" "$layer" "$(stat -c %s "blobs/sha256/$layer")" > manifest.json
    local size
    size=$(stat -c %s manifest.json)
    manifest=$(blob manifest.json)
    printf '{"schemaVersion":2,"manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:%s","size":%d,"annotations":{"io.containerd.image.name":"%s","org.opencontainers.image.ref.name":"%s"}}]}' \
      "$manifest" "$size" "$name" "${name##*:}" > index.json
    echo '{"imageLayoutVersion":"1.0.0"}' > oci-layout
    tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -cf "$out" oci-layout index.json blobs
  )
  rm -rf "$work"
}

# busybox_rootfs DIR: /bin/busybox and a link per applet (sh, nc, nslookup, sleep ...).
busybox_rootfs() {
  local dir=$1 applet
  mkdir -p "$dir/bin" "$dir/tmp" "$dir/etc"
  chmod 1777 "$dir/tmp"
  cp /bin/busybox "$dir/bin/busybox"
  for applet in $(/bin/busybox --list); do
    [ "$applet" = busybox ] || ln -sf busybox "$dir/bin/$applet"
  done
  echo 'root:x:0:0:root:/:/bin/sh' > "$dir/etc/passwd"
  echo 'nobody:x:65534:65534:nobody:/:/bin/sh' >> "$dir/etc/passwd"
}

make_images() {
  local rootfs
  mkdir -p "$state/images"
  rootfs=$(mktemp -d)
  busybox_rootfs "$rootfs"
  oci_archive "$state/images/pause.tar" "$pause_image" '["/bin/sleep","2147483647"]' null "$rootfs"
  oci_archive "$state/images/busybox.tar" "$busybox_image" null '["/bin/sh"]' "$rootfs"
  rm -rf "$rootfs"
}

# import_image ARCHIVE: into containerd's k8s.io namespace (the one the CRI plugin serves), unpacked.
import_image() {
  ctr_ images import "$1" >/dev/null
}
