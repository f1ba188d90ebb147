package main

import (
	"fmt"
	"os"

	"sigs.k8s.io/yaml"
)

// userValues merges the -f files (later wins, maps merged key by key) and then applies each --set and
// --set-string, in that order, as `helm template` does.
func userValues(valueFiles, sets, stringSets []string) (map[string]interface{}, error) {
	base := map[string]interface{}{}
	for _, file := range valueFiles {
		data, err := os.ReadFile(file)
		if err != nil {
			return nil, err
		}
		current := map[string]interface{}{}
		if err := yaml.Unmarshal(data, &current); err != nil {
			return nil, fmt.Errorf("failed to parse %s: %v", file, err)
		}
		base = mergeMaps(base, current)
	}
	for _, set := range sets {
		if err := parseSet(set, base, false); err != nil {
			return nil, fmt.Errorf("failed parsing --set data: %v", err)
		}
	}
	for _, set := range stringSets {
		if err := parseSet(set, base, true); err != nil {
			return nil, fmt.Errorf("failed parsing --set-string data: %v", err)
		}
	}
	return base, nil
}

// mergeMaps returns a with b laid over it: maps present in both are merged, anything else in b replaces a's.
func mergeMaps(a, b map[string]interface{}) map[string]interface{} {
	out := make(map[string]interface{}, len(a))
	for k, v := range a {
		out[k] = v
	}
	for k, v := range b {
		if bm, ok := v.(map[string]interface{}); ok {
			if am, ok := out[k].(map[string]interface{}); ok {
				out[k] = mergeMaps(am, bm)
				continue
			}
		}
		out[k] = v
	}
	return out
}

// coalesceValues lays the user's values over the chart's defaults (Helm's CoalesceValues for a chart without
// dependencies): user values win, maps are merged, and a user null deletes the chart's default for that key.
func coalesceValues(defaults, user map[string]interface{}) map[string]interface{} {
	out := deepCopy(user).(map[string]interface{})
	for key, def := range defaults {
		value, present := out[key]
		switch {
		case !present:
			out[key] = deepCopy(def)
		case value == nil:
			delete(out, key)
		default:
			dm, defIsMap := def.(map[string]interface{})
			um, userIsMap := value.(map[string]interface{})
			if defIsMap && userIsMap {
				coalesceTables(um, dm)
			}
		}
	}
	return out
}

// coalesceTables fills dst (user) from src (defaults) in place, with the same rules as coalesceValues.
func coalesceTables(dst, src map[string]interface{}) {
	for key, def := range src {
		value, present := dst[key]
		switch {
		case present && value == nil:
			delete(dst, key)
		case !present:
			dst[key] = deepCopy(def)
		default:
			dm, defIsMap := def.(map[string]interface{})
			um, userIsMap := value.(map[string]interface{})
			if defIsMap && userIsMap {
				coalesceTables(um, dm)
			}
		}
	}
}

func deepCopy(v interface{}) interface{} {
	switch t := v.(type) {
	case map[string]interface{}:
		out := make(map[string]interface{}, len(t))
		for k, e := range t {
			out[k] = deepCopy(e)
		}
		return out
	case []interface{}:
		out := make([]interface{}, len(t))
		for i, e := range t {
			out[i] = deepCopy(e)
		}
		return out
	default:
		return v
	}
}
