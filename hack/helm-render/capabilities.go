package main

import (
	"fmt"
	"runtime"
	"strings"

	"github.com/Masterminds/semver"
)

// Capabilities is .Capabilities: the target cluster's version and the API versions it serves.
type Capabilities struct {
	APIVersions VersionSet
	KubeVersion KubeVersion
	HelmVersion HelmVersion
}

// KubeVersion is .Capabilities.KubeVersion ("v1.20.2", "1", "20").
type KubeVersion struct {
	Version string
	Major   string
	Minor   string
}

func (kv *KubeVersion) String() string { return kv.Version }

// GitVersion is kept because charts still call it (Helm keeps it, deprecated, for the same reason).
func (kv *KubeVersion) GitVersion() string { return kv.Version }

// HelmVersion is .Capabilities.HelmVersion: the Helm release this renderer stands in for.
type HelmVersion struct {
	Version      string
	GitCommit    string
	GitTreeState string
	GoVersion    string
}

// VersionSet holds "group/version" and "group/version/Kind" strings ("v1" and "v1/Pod" for the core group).
type VersionSet []string

// Has reports whether the set holds exactly this "group/version" or "group/version/Kind".
func (v VersionSet) Has(apiVersion string) bool {
	for _, x := range v {
		if x == apiVersion {
			return true
		}
	}
	return false
}

// parseKubeVersion accepts "1.20.2" or "v1.20.2", like helm's --kube-version.
func parseKubeVersion(text string) (KubeVersion, error) {
	version, err := semver.NewVersion(text)
	if err != nil {
		return KubeVersion{}, fmt.Errorf("invalid kube version %q: %v", text, err)
	}
	return KubeVersion{
		Version: "v" + version.String(),
		Major:   fmt.Sprint(version.Major()),
		Minor:   fmt.Sprint(version.Minor()),
	}, nil
}

// newCapabilities is kube-apiserver 1.20's API list plus the extra versions (--api-versions, comma-separated allowed).
func newCapabilities(kube KubeVersion, extra []string) *Capabilities {
	versions := append(VersionSet{}, kubeAPIServer120Versions...)
	for _, e := range extra {
		for _, v := range strings.Split(e, ",") {
			if v = strings.TrimSpace(v); v != "" {
				versions = append(versions, v)
			}
		}
	}
	return &Capabilities{
		APIVersions: versions,
		KubeVersion: kube,
		HelmVersion: HelmVersion{Version: "v3.8.0", GoVersion: runtime.Version()},
	}
}
