package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// HELM_RENDER_UPDATE_GOLDEN=1 go test rewrites the golden files from the current output.
func TestTemplateDemoChartMatchesGolden(t *testing.T) {
	var stdout, stderr bytes.Buffer
	code := run([]string{"template", "rel", "testdata/demo", "-n", "ns1", "--include-crds", "--api-versions", "monitoring.coreos.com/v1"}, &stdout, &stderr)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	golden := filepath.Join("testdata", "demo-template.golden")
	if os.Getenv("HELM_RENDER_UPDATE_GOLDEN") == "1" {
		os.WriteFile(golden, stdout.Bytes(), 0o644)
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if stdout.String() != string(want) {
		t.Fatalf("output differs from %s:\n%s", golden, stdout.String())
	}
}

func TestNotesAreRenderedApart(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := run([]string{"notes", "rel", "testdata/demo", "--namespace=ns2"}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	if stdout.String() != "Installed rel in ns2.\n" {
		t.Fatalf("got %q", stdout.String())
	}
}

func TestValuesFilesAndSetReachTemplates(t *testing.T) {
	file := filepath.Join(t.TempDir(), "v.yaml")
	os.WriteFile(file, []byte("port: 9090\nlabels:\n  team: b\n  tier: x\n"), 0o600)
	out := mustTemplate(t, "testdata/demo", "-f", file, "--set", "labels.team=null,greeting=hi")
	for _, want := range []string{"- port: 9090", "labels:\n    tier: x\n", "tpl: rel-hi"} {
		if !strings.Contains(out, want) {
			t.Errorf("missing %q in:\n%s", want, out)
		}
	}
	if strings.Contains(out, "team") {
		t.Errorf("--set labels.team=null should delete the chart's default:\n%s", out)
	}
}

func TestSchemaViolationFailsTheRender(t *testing.T) {
	err := templateError(t, "testdata/demo", "--set-string", "port=80")
	want := "Error: values don't meet the specifications of the schema(s) in the following chart(s):\ndemo:\n- port: Invalid type. Expected: integer, given: string\n\n"
	if err != want {
		t.Fatalf("got %q", err)
	}
}

func TestKubeVersionOutsideTheChartRangeFails(t *testing.T) {
	err := templateError(t, "testdata/demo", "--kube-version", "1.18.4")
	if !strings.Contains(err, "chart requires kubeVersion: >=1.19.0-0 which is incompatible with Kubernetes v1.18.4") {
		t.Fatalf("got %q", err)
	}
}

func TestInvalidReleaseName(t *testing.T) {
	var stdout, stderr bytes.Buffer
	run([]string{"template", "Bad_Name", "testdata/demo"}, &stdout, &stderr)
	if !strings.Contains(stderr.String(), `release name "Bad_Name": invalid release name`) {
		t.Fatalf("got %q", stderr.String())
	}
}

func TestTemplateErrorsNameTheFileAndLine(t *testing.T) {
	cases := map[string]string{
		"a: {{ required \"image.repository is required\" .Values.image }}": "Error: execution error at (x/templates/t.yaml:1:6): image.repository is required\n",
		"a: b\n{{ fail \"watchNamespaces must not be empty\" }}":           "Error: execution error at (x/templates/t.yaml:2:3): watchNamespaces must not be empty\n",
		"a: {{ include \"x.fails\" . }}":                                   "Error: execution error at (x/templates/t.yaml:1:6): failed in a partial\n",
		"a: {{ env \"HOME\" }}":                                            "Error: parse error at (x/templates/t.yaml:1): function \"env\" not defined\n",
		"a: {{ .Values.a.b.c }}":                                           "Error: template: x/templates/t.yaml:1:13: executing \"x/templates/t.yaml\" at <.Values.a.b.c>: nil pointer evaluating interface {}.b\n",
		"a: {{ \"x\" }}\n  b: c":                                           "Error: YAML parse error on x/templates/t.yaml: error converting YAML to JSON: yaml: line 2: mapping values are not allowed in this context\n",
	}
	for text, want := range cases {
		dir := writeChart(t, map[string]string{
			"templates/t.yaml":       text,
			"templates/_helpers.tpl": `{{ define "x.fails" }}{{ fail "failed in a partial" }}{{ end }}`,
		})
		if got := templateError(t, dir); got != want {
			t.Errorf("%q:\ngot  %q\nwant %q", text, got, want)
		}
	}
}

func TestPartialsAndEmptyFilesPrintNothing(t *testing.T) {
	dir := writeChart(t, map[string]string{
		"templates/_helpers.tpl": "kind: Secret",
		"templates/empty.yaml":   "{{- if false }}\nkind: Secret\n{{- end }}\n",
		"templates/.hidden.yaml": "kind: Secret",
	})
	if out := mustTemplate(t, dir); out != "" {
		t.Fatalf("got %q", out)
	}
}

func TestDependenciesAreRefused(t *testing.T) {
	dir := writeChart(t, map[string]string{"charts/sub/Chart.yaml": "name: sub"})
	if err := templateError(t, dir); !strings.Contains(err, "chart dependencies are not supported") {
		t.Fatalf("got %q", err)
	}
}

func TestParseArgs(t *testing.T) {
	opts, err := parseArgs([]string{"template", "r", "c", "-n", "ns", "-f", "a.yaml", "--values=b.yaml", "--set", "x=1", "--set-string=y=2", "-a", "g/v", "--include-crds", "--kube-version", "1.25.0"})
	if err != nil {
		t.Fatal(err)
	}
	if opts.release != "r" || opts.chartDir != "c" || opts.namespace != "ns" || len(opts.valueFiles) != 2 || opts.valueFiles[1] != "b.yaml" ||
		opts.sets[0] != "x=1" || opts.stringSets[0] != "y=2" || opts.apiVersions[0] != "g/v" || !opts.includeCRDs || opts.kubeVersion != "1.25.0" {
		t.Fatalf("got %+v", opts)
	}
	for _, bad := range [][]string{{"template", "r"}, {"install", "r", "c"}, {"template", "r", "c", "--wat", "x"}, {"template", "r", "c", "-f"}} {
		if _, err := parseArgs(bad); err == nil {
			t.Errorf("%q: expected an error", bad)
		}
	}
}

func writeChart(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	files["Chart.yaml"] = "apiVersion: v2\nname: x\nversion: 0.1.0\n"
	for name, text := range files {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func mustTemplate(t *testing.T, chart string, flags ...string) string {
	t.Helper()
	var stdout, stderr bytes.Buffer
	if code := run(append([]string{"template", "rel", chart}, flags...), &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	return stdout.String()
}

func templateError(t *testing.T, chart string, flags ...string) string {
	t.Helper()
	var stdout, stderr bytes.Buffer
	if code := run(append([]string{"template", "rel", chart}, flags...), &stdout, &stderr); code != 1 {
		t.Fatalf("exit %d, want 1; stdout: %s", code, stdout.String())
	}
	return stderr.String()
}
