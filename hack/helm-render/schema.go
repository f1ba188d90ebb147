package main

import (
	"bytes"
	"errors"
	"fmt"
	"strings"

	"github.com/xeipuuv/gojsonschema"
	"sigs.k8s.io/yaml"
)

// validateValues checks the final values against the chart's values.schema.json, with Helm's message:
// "values don't meet the specifications of the schema(s) in the following chart(s):\n<chart>:\n- <field>: <problem>".
func validateValues(chartName string, schema []byte, values map[string]interface{}) error {
	if schema == nil {
		return nil
	}
	problems, err := schemaProblems(schema, values)
	if err != nil {
		return fmt.Errorf("%s: %v", chartName, err)
	}
	if len(problems) == 0 {
		return nil
	}
	var b strings.Builder
	fmt.Fprintf(&b, "values don't meet the specifications of the schema(s) in the following chart(s):\n%s:\n", chartName)
	for _, problem := range problems {
		fmt.Fprintf(&b, "- %s\n", problem)
	}
	return errors.New(b.String())
}

// schemaProblems lists "<field>: <description>" for every violation, in gojsonschema's order.
func schemaProblems(schema []byte, values map[string]interface{}) ([]string, error) {
	// Through YAML and back to JSON, as Helm does, so the document is what templates see.
	data, err := yaml.Marshal(values)
	if err != nil {
		return nil, err
	}
	document, err := yaml.YAMLToJSON(data)
	if err != nil {
		return nil, err
	}
	if bytes.Equal(document, []byte("null")) {
		document = []byte("{}")
	}
	result, err := gojsonschema.Validate(gojsonschema.NewBytesLoader(schema), gojsonschema.NewBytesLoader(document))
	if err != nil {
		return nil, fmt.Errorf("values.schema.json: %v", err)
	}
	var problems []string
	for _, e := range result.Errors() {
		problems = append(problems, e.String())
	}
	return problems, nil
}
