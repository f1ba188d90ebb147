package main

import (
	"strings"
	"testing"
)

const testSchema = `{
  "$schema": "http://json-schema.org/draft-07/schema#",
  "type": "object",
  "additionalProperties": false,
  "properties": {
    "replicaCount": {"type": "integer", "minimum": 1},
    "image": {"type": "object", "additionalProperties": false, "properties": {"tag": {"type": "string"}}}
  }
}`

func TestValidateValuesAcceptsGoodValues(t *testing.T) {
	// Numbers from YAML files are float64 and from --set int64; both are JSON integers.
	for _, n := range []interface{}{float64(2), int64(2)} {
		if err := validateValues("modelship", []byte(testSchema), map[string]interface{}{"replicaCount": n}); err != nil {
			t.Fatalf("%T: %v", n, err)
		}
	}
}

func TestValidateValuesNamesEveryBadField(t *testing.T) {
	values := map[string]interface{}{
		"replicaCount": "two",
		"image":        map[string]interface{}{"tag": float64(1)},
		"unknown":      true,
	}
	err := validateValues("modelship", []byte(testSchema), values)
	if err == nil {
		t.Fatal("expected an error")
	}
	message := err.Error()
	for _, want := range []string{
		"values don't meet the specifications of the schema(s) in the following chart(s):\nmodelship:\n",
		"- (root): Additional property unknown is not allowed\n",
		"- replicaCount: Invalid type. Expected: integer, given: string\n",
		"- image.tag: Invalid type. Expected: string, given: integer\n",
	} {
		if !strings.Contains(message, want) {
			t.Errorf("missing %q in:\n%s", want, message)
		}
	}
}

func TestValidateValuesWithoutSchema(t *testing.T) {
	if err := validateValues("modelship", nil, map[string]interface{}{"anything": 1}); err != nil {
		t.Fatal(err)
	}
}

func TestValidateValuesReportsABrokenSchema(t *testing.T) {
	err := validateValues("modelship", []byte(`{"type": 3}`), map[string]interface{}{})
	if err == nil || !strings.Contains(err.Error(), "values.schema.json") {
		t.Fatalf("got %v", err)
	}
}

func contains(s, sub string) bool { return strings.Contains(s, sub) }
