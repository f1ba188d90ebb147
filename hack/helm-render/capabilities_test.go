package main

import "testing"

func TestCapabilitiesAreThoseOfKubeAPIServer120(t *testing.T) {
	caps := newCapabilities(KubeVersion{Version: "v1.20.2"}, nil)
	for _, served := range []string{"v1", "v1/Pod", "apps/v1/Deployment", "apps/v1/Scale", "policy/v1beta1/PodDisruptionBudget",
		"networking.k8s.io/v1/NetworkPolicy", "coordination.k8s.io/v1/Lease", "rbac.authorization.k8s.io/v1/ClusterRole"} {
		if !caps.APIVersions.Has(served) {
			t.Errorf("missing %s", served)
		}
	}
	for _, absent := range []string{"policy/v1", "policy/v1/PodDisruptionBudget", "batch/v1/CronJob", "monitoring.coreos.com/v1", "apps"} {
		if caps.APIVersions.Has(absent) {
			t.Errorf("kube-apiserver 1.20 does not serve %s", absent)
		}
	}
}

func TestAPIVersionsFlagAddsVersions(t *testing.T) {
	caps := newCapabilities(KubeVersion{Version: "v1.20.2"}, []string{"monitoring.coreos.com/v1", "a.example/v1,b.example/v2/Thing"})
	for _, added := range []string{"monitoring.coreos.com/v1", "a.example/v1", "b.example/v2/Thing"} {
		if !caps.APIVersions.Has(added) {
			t.Errorf("missing %s", added)
		}
	}
}

func TestParseKubeVersion(t *testing.T) {
	for _, text := range []string{"1.25.3", "v1.25.3"} {
		kv, err := parseKubeVersion(text)
		if err != nil || kv.Version != "v1.25.3" || kv.Major != "1" || kv.Minor != "25" || kv.GitVersion() != "v1.25.3" {
			t.Errorf("%s: got %+v, %v", text, kv, err)
		}
	}
	if _, err := parseKubeVersion("latest"); err == nil {
		t.Error("expected an error")
	}
}
