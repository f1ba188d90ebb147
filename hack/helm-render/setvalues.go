package main

import (
	"fmt"
	"strconv"
	"strings"
)

// maxSetIndex bounds list indexes in --set, as Helm does, so `a[999999999]=x` cannot exhaust memory.
const maxSetIndex = 65536

// pathElement is one step of a --set key: a map key or a list index.
type pathElement struct {
	key     string
	index   int
	isIndex bool
}

// setParser reads Helm's --set syntax: `a.b=c,list[0].x=1,names={a,b}`, with `\` escaping `.,=[]{}`.
type setParser struct {
	in          []rune
	pos         int
	keyStart    int
	stringsOnly bool
}

// parseSet applies one --set (or, with stringsOnly, --set-string) argument to dest.
func parseSet(line string, dest map[string]interface{}, stringsOnly bool) error {
	p := &setParser{in: []rune(line), stringsOnly: stringsOnly}
	for p.pos < len(p.in) {
		path, err := p.key()
		if err != nil {
			return err
		}
		value, err := p.value()
		if err != nil {
			return err
		}
		// dest is a map and a path starts with a key, so setIn updates dest in place.
		if _, err := setIn(dest, path, value); err != nil {
			return err
		}
	}
	return nil
}

// key reads up to and including '=' and returns the path it names.
func (p *setParser) key() ([]pathElement, error) {
	p.keyStart = p.pos
	var path []pathElement
	for {
		name, stop := p.readUntil(".[=,")
		switch {
		case name == "" && stop != '[':
			return nil, fmt.Errorf("key %q has an empty element", p.consumedKey())
		case name != "":
			path = append(path, pathElement{key: name})
		case len(path) == 0:
			return nil, fmt.Errorf("key %q cannot start with [", p.consumedKey())
		}
		for stop == '[' {
			digits, closing := p.readUntil("]")
			if closing != ']' {
				return nil, fmt.Errorf("key %q has an unclosed [", p.consumedKey())
			}
			index, err := strconv.Atoi(digits)
			switch {
			case err != nil:
				return nil, fmt.Errorf("key %q has an invalid index %q", p.consumedKey(), digits)
			case index < 0:
				return nil, fmt.Errorf("negative %d index not allowed", index)
			case index > maxSetIndex:
				return nil, fmt.Errorf("index of %d is greater than maximum supported index of %d", index, maxSetIndex)
			}
			path = append(path, pathElement{index: index, isIndex: true})
			stop = p.next()
			if stop != '.' && stop != '[' && stop != '=' {
				return nil, fmt.Errorf("key %q: expected ., [ or = after ]", p.consumedKey())
			}
		}
		switch stop {
		case '=':
			return path, nil
		case ',':
			return nil, fmt.Errorf("key %q has no value (cannot end with ,)", p.consumedKey())
		case 0:
			return nil, fmt.Errorf("key %q has no value", p.consumedKey())
		}
	}
}

// value reads a scalar or a {a,b} list and the ',' after it.
func (p *setParser) value() (interface{}, error) {
	if p.peek() != '{' {
		text, _ := p.readUntil(",")
		return p.typed(text), nil
	}
	p.pos++
	list := []interface{}{}
	for {
		item, stop := p.readUntil(",}")
		if stop == 0 {
			return nil, fmt.Errorf("list value is missing its closing }")
		}
		if item != "" || stop == ',' || len(list) > 0 {
			list = append(list, p.typed(item))
		}
		if stop == '}' {
			break
		}
	}
	if next := p.next(); next != ',' && next != 0 {
		return nil, fmt.Errorf("unexpected %q after a list value", next)
	}
	return list, nil
}

// typed converts like Helm: true/false, null, and integers without a leading zero become typed values.
func (p *setParser) typed(text string) interface{} {
	if p.stringsOnly {
		return text
	}
	switch {
	case strings.EqualFold(text, "true"):
		return true
	case strings.EqualFold(text, "false"):
		return false
	case strings.EqualFold(text, "null"):
		return nil
	case text == "0":
		return int64(0)
	}
	if text != "" && text[0] != '0' {
		if n, err := strconv.ParseInt(text, 10, 64); err == nil {
			return n
		}
	}
	return text
}

// readUntil returns the unescaped text before the first unescaped rune of stops, and that rune (0 at the end).
func (p *setParser) readUntil(stops string) (string, rune) {
	var b strings.Builder
	for p.pos < len(p.in) {
		r := p.in[p.pos]
		p.pos++
		if r == '\\' && p.pos < len(p.in) {
			b.WriteRune(p.in[p.pos])
			p.pos++
			continue
		}
		if strings.ContainsRune(stops, r) {
			return b.String(), r
		}
		b.WriteRune(r)
	}
	return b.String(), 0
}

func (p *setParser) next() rune {
	if p.pos >= len(p.in) {
		return 0
	}
	p.pos++
	return p.in[p.pos-1]
}

func (p *setParser) peek() rune {
	if p.pos >= len(p.in) {
		return 0
	}
	return p.in[p.pos]
}

// consumedKey is the text of the current assignment read so far, for error messages.
func (p *setParser) consumedKey() string {
	return strings.TrimRight(string(p.in[p.keyStart:p.pos]), ",=")
}

// setIn returns container with value stored at path, creating maps and growing lists as needed.
func setIn(container interface{}, path []pathElement, value interface{}) (interface{}, error) {
	if len(path) == 0 {
		return value, nil
	}
	step := path[0]
	if step.isIndex {
		list, _ := container.([]interface{})
		for len(list) <= step.index {
			list = append(list, nil)
		}
		updated, err := setIn(list[step.index], path[1:], value)
		list[step.index] = updated
		return list, err
	}
	m, ok := container.(map[string]interface{})
	if !ok {
		m = map[string]interface{}{}
	}
	updated, err := setIn(m[step.key], path[1:], value)
	m[step.key] = updated
	return m, err
}
