package main

import (
	"encoding/base64"
	"path"
	"regexp"
	"strings"
)

// Files is .Files: the chart's files outside templates/ (and outside Chart.yaml, values.yaml, values.schema.json).
type Files map[string][]byte

// GetBytes returns a file's content, or nil when there is no such file.
func (f Files) GetBytes(name string) []byte { return f[name] }

// Get returns a file's content as a string, "" when there is no such file.
func (f Files) Get(name string) string { return string(f[name]) }

// Glob returns the files whose path matches pattern (`*` within one path element, `**` across elements, `?`, `{a,b}`).
func (f Files) Glob(pattern string) Files {
	matcher := globRegexp(pattern)
	out := Files{}
	for name, data := range f {
		if matcher.MatchString(name) {
			out[name] = data
		}
	}
	return out
}

// AsConfig renders the files as ConfigMap data: base name -> content, as YAML.
func (f Files) AsConfig() string {
	if f == nil {
		return ""
	}
	m := map[string]string{}
	for name, data := range f {
		m[path.Base(name)] = string(data)
	}
	return toYAML(m)
}

// AsSecrets renders the files as Secret data: base name -> base64 content, as YAML.
func (f Files) AsSecrets() string {
	if f == nil {
		return ""
	}
	m := map[string]string{}
	for name, data := range f {
		m[path.Base(name)] = base64.StdEncoding.EncodeToString(data)
	}
	return toYAML(m)
}

// Lines returns a file's lines without the final newline.
func (f Files) Lines(name string) []string {
	text := string(f[name])
	if text == "" {
		return []string{}
	}
	return strings.Split(strings.TrimSuffix(text, "\n"), "\n")
}

func globRegexp(pattern string) *regexp.Regexp {
	var b strings.Builder
	b.WriteString("^")
	inBraces := false
	for i := 0; i < len(pattern); i++ {
		switch c := pattern[i]; {
		case c == '*' && i+1 < len(pattern) && pattern[i+1] == '*':
			b.WriteString(".*")
			i++
		case c == '*':
			b.WriteString("[^/]*")
		case c == '?':
			b.WriteString("[^/]")
		case c == '{':
			b.WriteString("(?:")
			inBraces = true
		case c == '}' && inBraces:
			b.WriteString(")")
			inBraces = false
		case c == ',' && inBraces:
			b.WriteString("|")
		default:
			b.WriteString(regexp.QuoteMeta(string(c)))
		}
	}
	b.WriteString("$")
	return regexp.MustCompile(b.String())
}
