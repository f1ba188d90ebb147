package main

import (
	"reflect"
	"testing"
)

func TestSortManifestsByFileThenInstallOrder(t *testing.T) {
	rendered := map[string]string{
		"c/templates/b.yaml":    "kind: Deployment\n---\nkind: ServiceMonitor\n---\nkind: ClusterRole\n",
		"c/templates/a.yaml":    "\n---\nkind: Role\n---\n\nkind: ClusterRole\nmetadata: {name: first}\n",
		"c/templates/_h.tpl":    "kind: Namespace",
		"c/templates/z.yaml":    "kind: Alertmanager\n---\nkind: Namespace\n",
		"c/templates/blank.yml": "  \n\n",
	}
	manifests, err := sortManifests(rendered)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, m := range manifests {
		got = append(got, m.kind+"@"+m.source)
	}
	want := []string{
		"Namespace@c/templates/z.yaml",
		"ClusterRole@c/templates/a.yaml",
		"ClusterRole@c/templates/b.yaml",
		"Role@c/templates/a.yaml",
		"Deployment@c/templates/b.yaml",
		"Alertmanager@c/templates/z.yaml",
		"ServiceMonitor@c/templates/b.yaml",
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got  %v\nwant %v", got, want)
	}
	if manifests[1].content != "kind: ClusterRole\nmetadata: {name: first}" {
		t.Fatalf("content %q", manifests[1].content)
	}
}

// Helm's separator regexp, quirks included: the whitespace after one "---" swallows the newline before a
// directly following "---", and an indented "---" is no separator.
func TestSplitDocuments(t *testing.T) {
	got := splitDocuments("---\na: 1\n---  \n\n---\nb: 2\n  ---\nc: 3\n---\n\n")
	want := []string{"a: 1", "---\nb: 2\n  ---\nc: 3"}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got %q", got)
	}
}

func TestFilesGlob(t *testing.T) {
	files := Files{"files/a.json": nil, "files/sub/b.json": nil, "files/c.yaml": nil, "README.md": nil}
	cases := map[string][]string{
		"files/*.json":        {"files/a.json"},
		"files/**.json":       {"files/a.json", "files/sub/b.json"},
		"files/*.{json,yaml}": {"files/a.json", "files/c.yaml"},
		"?EADME.md":           {"README.md"},
	}
	for pattern, want := range cases {
		var got []string
		for name := range files.Glob(pattern) {
			got = append(got, name)
		}
		if !sameSet(got, want) {
			t.Errorf("%s: got %v, want %v", pattern, got, want)
		}
	}
}

func sameSet(a, b []string) bool {
	seen := map[string]int{}
	for _, x := range a {
		seen[x]++
	}
	for _, x := range b {
		seen[x]--
	}
	for _, n := range seen {
		if n != 0 {
			return false
		}
	}
	return len(a) == len(b)
}
