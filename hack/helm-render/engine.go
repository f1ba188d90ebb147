package main

import (
	"errors"
	"fmt"
	"path"
	"regexp"
	"sort"
	"strings"
	"text/template"
)

// maxIncludeDepth stops a template that includes itself without end (Helm's limit).
const maxIncludeDepth = 1000

// source is one template: its full name ("modelship/templates/x.yaml"), its text and its .Template.BasePath.
type source struct {
	name     string
	text     string
	basePath string
}

// engine renders templates with Go text/template, sprig and Helm's functions; every chart template is parsed
// into each set, so include and tpl can reach the named templates of the partials.
type engine struct {
	references []source
}

func newEngine(chartName string, templates map[string]string) *engine {
	e := &engine{}
	for name, text := range templates {
		e.references = append(e.references, source{name: path.Join(chartName, name), text: text, basePath: path.Join(chartName, "templates")})
	}
	sortForParsing(e.references)
	return e
}

// renderChart renders every template except partials (base name starting with "_").
func (e *engine) renderChart(values map[string]interface{}) (map[string]string, error) {
	return e.render(e.references, values)
}

func (e *engine) render(targets []source, values map[string]interface{}) (map[string]string, error) {
	t := template.New("gotpl").Option("missingkey=zero")
	t.Funcs(e.funcs(t))
	for _, s := range targets {
		if _, err := t.New(s.name).Parse(s.text); err != nil {
			return nil, parseError(s.name, err)
		}
	}
	for _, s := range e.references {
		if t.Lookup(s.name) == nil {
			if _, err := t.New(s.name).Parse(s.text); err != nil {
				return nil, parseError(s.name, err)
			}
		}
	}
	rendered := map[string]string{}
	for _, s := range targets {
		if strings.HasPrefix(path.Base(s.name), "_") {
			continue
		}
		scoped := make(map[string]interface{}, len(values)+1)
		for k, v := range values {
			scoped[k] = v
		}
		scoped["Template"] = map[string]interface{}{"Name": s.name, "BasePath": s.basePath}
		var out strings.Builder
		if err := t.ExecuteTemplate(&out, s.name, scoped); err != nil {
			return nil, executionError(err)
		}
		// missingkey=zero still prints "<no value>" for a missing key of a map[string]interface{}.
		rendered[s.name] = strings.ReplaceAll(out.String(), "<no value>", "")
	}
	return rendered, nil
}

// funcs binds include and tpl to this template set.
func (e *engine) funcs(t *template.Template) template.FuncMap {
	f := helmFuncs()
	depth := map[string]int{}
	f["include"] = func(name string, data interface{}) (string, error) {
		if depth[name] > maxIncludeDepth {
			return "", fmt.Errorf("rendering template has a nested reference name: %s: unable to execute template", name)
		}
		depth[name]++
		defer func() { depth[name]-- }()
		var out strings.Builder
		err := t.ExecuteTemplate(&out, name, data)
		return out.String(), err
	}
	f["tpl"] = func(text string, values map[string]interface{}) (string, error) {
		current, _ := values["Template"].(map[string]interface{})
		name, _ := current["Name"].(string)
		basePath, _ := current["BasePath"].(string)
		if name == "" {
			return "", fmt.Errorf("cannot retrieve Template.Name from values inside tpl function: %s", text)
		}
		result, err := e.render([]source{{name: name, text: text, basePath: basePath}}, values)
		if err != nil {
			return "", fmt.Errorf("error during tpl function execution for %q: %v", text, err)
		}
		return result[name], nil
	}
	// fail and required mark their message so the error names the template's line and the message alone.
	f["fail"] = func(message string) (string, error) { return "", errors.New(markMessage(message)) }
	f["required"] = func(message string, value interface{}) (interface{}, error) {
		v, err := required(message, value)
		if err != nil {
			return v, errors.New(markMessage(message))
		}
		return v, nil
	}
	return f
}

// sortForParsing orders like Helm: deeper paths first, then by name in reverse, so parse order (and which of two
// equal `define`s wins) is the same.
func sortForParsing(sources []source) {
	sort.Slice(sources, func(i, j int) bool {
		a, b := sources[i].name, sources[j].name
		if ca, cb := strings.Count(a, "/"), strings.Count(b, "/"); ca != cb {
			return ca > cb
		}
		return a > b
	})
}

var messageMarker = regexp.MustCompile(`HELM\[(.*)\]HELM`)

func markMessage(message string) string { return "HELM[" + message + "]HELM" }

// parseError: "parse error at (<chart>/templates/x.yaml:3): <problem>".
func parseError(name string, err error) error {
	tokens := strings.Split(err.Error(), ": ")
	if len(tokens) == 1 {
		return fmt.Errorf("parse error in (%s): %v", name, err)
	}
	return fmt.Errorf("parse error at (%s): %s", tokens[1], tokens[len(tokens)-1])
}

// executionError: "execution error at (<chart>/templates/x.yaml:3:4): <message>" for fail and required; Go's
// own error (which names the template, line and column) otherwise.
func executionError(err error) error {
	var execErr template.ExecError
	if !errors.As(err, &execErr) {
		return err
	}
	tokens := strings.SplitN(err.Error(), ": ", 3)
	if len(tokens) == 3 {
		if parts := messageMarker.FindStringSubmatch(tokens[2]); len(parts) >= 2 {
			return fmt.Errorf("execution error at (%s): %s", tokens[1], parts[1])
		}
	}
	return errors.New(strings.ReplaceAll(strings.ReplaceAll(err.Error(), "HELM[", ""), "]HELM", ""))
}
