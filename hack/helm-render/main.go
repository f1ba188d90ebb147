// helm-render renders a Helm chart (without dependencies) as `helm template` of Helm 3.8 does, for machines
// without a Helm binary. README.md lists what it does and does not do.
package main

import (
	"fmt"
	"io"
	"os"
	"path"
	"regexp"
	"strings"
)

const usage = `usage:
  helm-render template RELEASE CHART [flags]   print the manifests, like helm template
  helm-render notes RELEASE CHART [flags]      print the rendered NOTES.txt
flags:
  -n, --namespace NS          release namespace (default "default")
  -f, --values FILE           values file; repeat for several, later files win
      --set a.b=c             set values (several comma-separated; list[0]=x; names={a,b})
      --set-string a.b=c      set values, always as strings
      --include-crds          print the chart's crds/ first
  -a, --api-versions G/V      add an API version (or group/version/Kind) to .Capabilities.APIVersions
      --kube-version V        .Capabilities.KubeVersion (default v1.20.2)
`

// options are the command-line arguments.
type options struct {
	command     string
	release     string
	chartDir    string
	namespace   string
	valueFiles  []string
	sets        []string
	stringSets  []string
	apiVersions []string
	kubeVersion string
	includeCRDs bool
}

// release is what a render produced: the ordered manifests and the notes.
type release struct {
	chart     *Chart
	manifests []manifest
	notes     string
}

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	opts, err := parseArgs(args)
	if err != nil {
		fmt.Fprintf(stderr, "Error: %v\n\n%s", err, usage)
		return 2
	}
	r, err := renderRelease(opts)
	if err != nil {
		fmt.Fprintf(stderr, "Error: %v\n", err)
		return 1
	}
	if opts.command == "notes" {
		fmt.Fprint(stdout, r.notes)
	} else {
		fmt.Fprint(stdout, formatTemplateOutput(r.chart, opts.includeCRDs, r.manifests))
	}
	return 0
}

func parseArgs(args []string) (options, error) {
	opts := options{namespace: "default", kubeVersion: "v1.20.2"}
	var positional []string
	for i := 0; i < len(args); i++ {
		name, value, hasValue := strings.Cut(args[i], "=")
		if !strings.HasPrefix(name, "-") {
			positional = append(positional, args[i])
			continue
		}
		if name == "--include-crds" {
			opts.includeCRDs = true
			continue
		}
		if !hasValue {
			if i+1 >= len(args) {
				return opts, fmt.Errorf("flag %s needs a value", name)
			}
			i++
			value = args[i]
		}
		switch name {
		case "-n", "--namespace":
			opts.namespace = value
		case "-f", "--values":
			opts.valueFiles = append(opts.valueFiles, value)
		case "--set":
			opts.sets = append(opts.sets, value)
		case "--set-string":
			opts.stringSets = append(opts.stringSets, value)
		case "-a", "--api-versions":
			opts.apiVersions = append(opts.apiVersions, value)
		case "--kube-version":
			opts.kubeVersion = value
		default:
			return opts, fmt.Errorf("unknown flag %s", name)
		}
	}
	if len(positional) != 3 || (positional[0] != "template" && positional[0] != "notes") {
		return opts, fmt.Errorf("expected: template|notes RELEASE CHART, got %q", positional)
	}
	opts.command, opts.release, opts.chartDir = positional[0], positional[1], positional[2]
	return opts, nil
}

var releaseNamePattern = regexp.MustCompile(`^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$`)

func validateReleaseName(name string) error {
	if !releaseNamePattern.MatchString(name) || len(name) > 53 {
		return fmt.Errorf("release name %q: invalid release name, must match regex %s and the length must not be longer than 53", name, releaseNamePattern)
	}
	return nil
}

// renderRelease does what `helm template` does for an install: check the names and versions, merge and validate
// the values, render the templates, and split NOTES.txt from the manifests.
func renderRelease(opts options) (*release, error) {
	if err := validateReleaseName(opts.release); err != nil {
		return nil, err
	}
	chart, err := loadChart(opts.chartDir)
	if err != nil {
		return nil, err
	}
	kube, err := parseKubeVersion(opts.kubeVersion)
	if err != nil {
		return nil, err
	}
	if err := checkKubeVersion(chart.Metadata, kube); err != nil {
		return nil, err
	}
	user, err := userValues(opts.valueFiles, opts.sets, opts.stringSets)
	if err != nil {
		return nil, err
	}
	values := coalesceValues(chart.Values, user)
	if err := validateValues(chart.Metadata.Name, chart.Schema, values); err != nil {
		return nil, err
	}
	top := map[string]interface{}{
		"Chart":        chart.Metadata,
		"Capabilities": newCapabilities(kube, opts.apiVersions),
		"Files":        Files(chart.Files),
		"Values":       values,
		"Subcharts":    map[string]interface{}{},
		"Release": map[string]interface{}{
			"Name":      opts.release,
			"Namespace": opts.namespace,
			"IsInstall": true,
			"IsUpgrade": false,
			"Revision":  1,
			"Service":   "Helm",
		},
	}
	rendered, err := newEngine(chart.Metadata.Name, chart.Templates).renderChart(top)
	if err != nil {
		return nil, err
	}
	r := &release{chart: chart, notes: rendered[path.Join(chart.Metadata.Name, "templates", "NOTES.txt")]}
	for name := range rendered {
		if strings.HasSuffix(name, "NOTES.txt") {
			delete(rendered, name)
		}
	}
	if r.manifests, err = sortManifests(rendered); err != nil {
		return nil, err
	}
	return r, nil
}
