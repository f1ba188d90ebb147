package main

import (
	"fmt"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/Masterminds/semver"
	"sigs.k8s.io/yaml"
)

// Metadata is Chart.yaml with the field names templates see as .Chart.* (those of Helm's chart.Metadata).
type Metadata struct {
	Name         string            `json:"name,omitempty"`
	Home         string            `json:"home,omitempty"`
	Sources      []string          `json:"sources,omitempty"`
	Version      string            `json:"version,omitempty"`
	Description  string            `json:"description,omitempty"`
	Keywords     []string          `json:"keywords,omitempty"`
	Maintainers  []*Maintainer     `json:"maintainers,omitempty"`
	Icon         string            `json:"icon,omitempty"`
	APIVersion   string            `json:"apiVersion,omitempty"`
	Condition    string            `json:"condition,omitempty"`
	Tags         string            `json:"tags,omitempty"`
	AppVersion   string            `json:"appVersion,omitempty"`
	Deprecated   bool              `json:"deprecated,omitempty"`
	Annotations  map[string]string `json:"annotations,omitempty"`
	KubeVersion  string            `json:"kubeVersion,omitempty"`
	Dependencies []interface{}     `json:"dependencies,omitempty"`
	Type         string            `json:"type,omitempty"`
}

// Maintainer is one entry of Chart.yaml's maintainers.
type Maintainer struct {
	Name  string `json:"name,omitempty"`
	Email string `json:"email,omitempty"`
	URL   string `json:"url,omitempty"`
}

// Chart is a chart directory as Helm loads it: templates/ are templates, crds/ and every other file are Files.
type Chart struct {
	Metadata  *Metadata
	Values    map[string]interface{}
	Schema    []byte
	Templates map[string]string // path inside the chart ("templates/x.yaml") -> text
	Files     map[string][]byte // every other file except Chart.yaml, values.yaml and values.schema.json
}

// loadChart reads a chart directory. Dependencies (charts/, Chart.yaml dependencies) are not supported.
func loadChart(dir string) (*Chart, error) {
	c := &Chart{Values: map[string]interface{}{}, Templates: map[string]string{}, Files: map[string][]byte{}}
	err := filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		name := filepath.ToSlash(rel)
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return c.add(name, data)
	})
	if err != nil {
		return nil, err
	}
	if c.Metadata == nil {
		return nil, fmt.Errorf("Chart.yaml file is missing in %s", dir)
	}
	return c, validateMetadata(c.Metadata)
}

func (c *Chart) add(name string, data []byte) error {
	switch {
	case name == "Chart.yaml":
		c.Metadata = &Metadata{}
		if err := yaml.Unmarshal(data, c.Metadata); err != nil {
			return fmt.Errorf("cannot load Chart.yaml: %v", err)
		}
	case name == "values.yaml":
		if err := yaml.Unmarshal(data, &c.Values); err != nil {
			return fmt.Errorf("cannot load values.yaml: %v", err)
		}
		if c.Values == nil {
			c.Values = map[string]interface{}{}
		}
	case name == "values.schema.json":
		c.Schema = data
	case strings.HasPrefix(name, "charts/") || name == "requirements.yaml" || name == "Chart.lock":
		return fmt.Errorf("%s: chart dependencies are not supported by this renderer", name)
	case strings.HasPrefix(name, "templates/"):
		// Helm's default ignore rule: hidden files in templates/ are not templates.
		if !strings.HasPrefix(path.Base(name), ".") {
			c.Templates[name] = string(data)
		}
	default:
		c.Files[name] = data
	}
	return nil
}

func validateMetadata(m *Metadata) error {
	switch {
	case m.APIVersion == "":
		return fmt.Errorf("validation: chart.metadata.apiVersion is required")
	case m.Name == "":
		return fmt.Errorf("validation: chart.metadata.name is required")
	case m.Version == "":
		return fmt.Errorf("validation: chart.metadata.version is required")
	case len(m.Dependencies) > 0:
		return fmt.Errorf("chart dependencies are not supported by this renderer")
	case m.Type != "" && m.Type != "application" && m.Type != "library":
		return fmt.Errorf("validation: chart.metadata.type must be application or library")
	}
	if _, err := semver.NewVersion(m.Version); err != nil {
		return fmt.Errorf("validation: chart.metadata.version %q is invalid", m.Version)
	}
	if m.Type == "library" {
		return fmt.Errorf("library charts are not installable")
	}
	return nil
}

// crdFiles are the chart's crds/*.yaml|yml|json files in name order, as `helm template --include-crds` prints them.
func (c *Chart) crdFiles() []string {
	var names []string
	for name := range c.Files {
		ext := path.Ext(name)
		if strings.HasPrefix(name, "crds/") && (ext == ".yaml" || ext == ".yml" || ext == ".json") {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	return names
}

// checkKubeVersion fails like Helm when the chart's kubeVersion range excludes the target cluster version.
func checkKubeVersion(m *Metadata, kube KubeVersion) error {
	if m.KubeVersion == "" {
		return nil
	}
	constraint, err := semver.NewConstraint(m.KubeVersion)
	if err != nil {
		return fmt.Errorf("chart.metadata.kubeVersion %q is invalid: %v", m.KubeVersion, err)
	}
	version, err := semver.NewVersion(kube.Version)
	if err != nil || !constraint.Check(version) {
		return fmt.Errorf("chart requires kubeVersion: %s which is incompatible with Kubernetes %s", m.KubeVersion, kube.Version)
	}
	return nil
}
