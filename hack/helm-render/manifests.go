package main

import (
	"fmt"
	"path"
	"regexp"
	"sort"
	"strings"

	"sigs.k8s.io/yaml"
)

// manifest is one YAML document of a rendered template.
type manifest struct {
	source  string // "<chart>/templates/x.yaml"
	content string
	kind    string
}

// installOrder is Helm 3.8's InstallOrder: kinds listed earlier are printed (and installed) first; other kinds
// follow, sorted by kind.
var installOrder = []string{
	"Namespace", "NetworkPolicy", "ResourceQuota", "LimitRange", "PodSecurityPolicy", "PodDisruptionBudget",
	"ServiceAccount", "Secret", "SecretList", "ConfigMap", "StorageClass", "PersistentVolume",
	"PersistentVolumeClaim", "CustomResourceDefinition", "ClusterRole", "ClusterRoleList", "ClusterRoleBinding",
	"ClusterRoleBindingList", "Role", "RoleList", "RoleBinding", "RoleBindingList", "Service", "DaemonSet", "Pod",
	"ReplicationController", "ReplicaSet", "Deployment", "HorizontalPodAutoscaler", "StatefulSet", "Job",
	"CronJob", "IngressClass", "Ingress", "APIService",
}

var documentSeparator = regexp.MustCompile(`(?:^|\s*\n)---\s*`)

// sortManifests splits the rendered files (NOTES.txt excluded by the caller) into documents, drops empty ones,
// and orders them like Helm: by file name, then by kind in install order, keeping file order within a kind.
func sortManifests(rendered map[string]string) ([]manifest, error) {
	var names []string
	for name := range rendered {
		names = append(names, name)
	}
	sort.Strings(names)
	var manifests []manifest
	for _, name := range names {
		if strings.HasPrefix(path.Base(name), "_") || strings.TrimSpace(rendered[name]) == "" {
			continue
		}
		for _, document := range splitDocuments(rendered[name]) {
			var head struct {
				Kind string `json:"kind"`
			}
			if err := yaml.Unmarshal([]byte(document), &head); err != nil {
				return nil, fmt.Errorf("YAML parse error on %s: %v", name, err)
			}
			manifests = append(manifests, manifest{source: name, content: document, kind: head.Kind})
		}
	}
	rank := map[string]int{}
	for i, kind := range installOrder {
		rank[kind] = i
	}
	sort.SliceStable(manifests, func(i, j int) bool {
		a, aKnown := rank[manifests[i].kind]
		b, bKnown := rank[manifests[j].kind]
		switch {
		case aKnown && bKnown:
			return a < b
		case aKnown != bKnown:
			return aKnown
		default:
			return manifests[i].kind < manifests[j].kind
		}
	})
	return manifests, nil
}

// splitDocuments splits a YAML stream on "---" lines into trimmed, non-empty documents.
func splitDocuments(text string) []string {
	var documents []string
	for _, d := range documentSeparator.Split(strings.TrimSpace(text), -1) {
		if d = strings.TrimSpace(d); d != "" {
			documents = append(documents, d)
		}
	}
	return documents
}

// formatTemplateOutput prints like `helm template`: the CRDs first (with --include-crds), then every document,
// each after "---\n# Source: <file>".
func formatTemplateOutput(chart *Chart, includeCRDs bool, manifests []manifest) string {
	var b strings.Builder
	if includeCRDs {
		for _, name := range chart.crdFiles() {
			fmt.Fprintf(&b, "---\n# Source: %s\n%s\n", path.Join(chart.Metadata.Name, name), chart.Files[name])
		}
	}
	for _, m := range manifests {
		fmt.Fprintf(&b, "---\n# Source: %s\n%s\n", m.source, m.content)
	}
	return b.String()
}
