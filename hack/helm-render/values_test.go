package main

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

func TestMergeMapsLaterWinsAndMergesMaps(t *testing.T) {
	a := map[string]interface{}{"image": map[string]interface{}{"repository": "r", "tag": "1"}, "list": []interface{}{1, 2}}
	b := map[string]interface{}{"image": map[string]interface{}{"tag": "2"}, "list": []interface{}{3}}
	got := mergeMaps(a, b)
	want := map[string]interface{}{"image": map[string]interface{}{"repository": "r", "tag": "2"}, "list": []interface{}{3}}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	if a["image"].(map[string]interface{})["tag"] != "1" {
		t.Fatalf("mergeMaps changed its input: %v", a)
	}
}

func TestCoalesceFillsDefaultsAndNullDeletes(t *testing.T) {
	defaults := map[string]interface{}{
		"replicaCount": float64(1),
		"resources":    map[string]interface{}{"limits": map[string]interface{}{"memory": "256Mi"}, "requests": map[string]interface{}{"cpu": "100m"}},
		"nodeSelector": map[string]interface{}{"disk": "ssd"},
		"logLevel":     "Information",
	}
	user := map[string]interface{}{
		"replicaCount": int64(2),
		"resources":    map[string]interface{}{"limits": nil},
		"nodeSelector": nil,
		"extra":        nil,
	}
	got := coalesceValues(defaults, user)
	want := map[string]interface{}{
		"replicaCount": int64(2),
		"resources":    map[string]interface{}{"requests": map[string]interface{}{"cpu": "100m"}},
		"logLevel":     "Information",
		// A null for a key the chart does not have stays: Helm deletes only defaults.
		"extra": nil,
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	if _, ok := defaults["resources"].(map[string]interface{})["limits"]; !ok {
		t.Fatalf("coalesceValues changed the chart's defaults")
	}
}

func TestUserValuesFilesThenSets(t *testing.T) {
	dir := t.TempDir()
	first := filepath.Join(dir, "a.yaml")
	second := filepath.Join(dir, "b.yaml")
	os.WriteFile(first, []byte("image:\n  repository: a\n  tag: \"1\"\nreplicaCount: 3\n"), 0o600)
	os.WriteFile(second, []byte("image:\n  tag: \"2\"\n"), 0o600)
	got, err := userValues([]string{first, second}, []string{"image.tag=3,replicaCount=4"}, []string{"version=5"})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]interface{}{
		"image":        map[string]interface{}{"repository": "a", "tag": int64(3)},
		"replicaCount": int64(4),
		"version":      "5",
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got %#v, want %#v", got, want)
	}
}

func TestUserValuesNamesTheBadFile(t *testing.T) {
	file := filepath.Join(t.TempDir(), "bad.yaml")
	os.WriteFile(file, []byte("a: [1\n"), 0o600)
	_, err := userValues([]string{file}, nil, nil)
	if err == nil || !contains(err.Error(), "failed to parse "+file) {
		t.Fatalf("got %v", err)
	}
}
