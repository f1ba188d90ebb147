package main

import (
	"reflect"
	"strings"
	"testing"
)

func TestParseSet(t *testing.T) {
	cases := []struct {
		in   string
		want map[string]interface{}
	}{
		{"a=b", map[string]interface{}{"a": "b"}},
		{"a=b,c=d", map[string]interface{}{"a": "b", "c": "d"}},
		{"a.b.c=x", map[string]interface{}{"a": map[string]interface{}{"b": map[string]interface{}{"c": "x"}}}},
		{"n=1,z=0,lead=012,neg=-3,big=12345678901", map[string]interface{}{"n": int64(1), "z": int64(0), "lead": "012", "neg": int64(-3), "big": int64(12345678901)}},
		{"t=true,f=FALSE,nothing=null,float=1.5", map[string]interface{}{"t": true, "f": false, "nothing": nil, "float": "1.5"}},
		{"empty=", map[string]interface{}{"empty": ""}},
		{"list={a,b,3}", map[string]interface{}{"list": []interface{}{"a", "b", int64(3)}}},
		{"list={}", map[string]interface{}{"list": []interface{}{}}},
		{"list[1]=x", map[string]interface{}{"list": []interface{}{nil, "x"}}},
		{"list[0].name=a,list[0].port=80", map[string]interface{}{"list": []interface{}{map[string]interface{}{"name": "a", "port": int64(80)}}}},
		{"m[0][1]=x", map[string]interface{}{"m": []interface{}{[]interface{}{nil, "x"}}}},
		{`annotations.example\.com/key=v\,w`, map[string]interface{}{"annotations": map[string]interface{}{"example.com/key": "v,w"}}},
		{"a=x=y", map[string]interface{}{"a": "x=y"}},
		{"a=1,a.b=2", map[string]interface{}{"a": map[string]interface{}{"b": int64(2)}}},
	}
	for _, c := range cases {
		got := map[string]interface{}{}
		if err := parseSet(c.in, got, false); err != nil {
			t.Errorf("%q: %v", c.in, err)
			continue
		}
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("%q: got %#v, want %#v", c.in, got, c.want)
		}
	}
}

func TestParseSetString(t *testing.T) {
	got := map[string]interface{}{}
	if err := parseSet("a=1,b=true,c=null,d={1,2}", got, true); err != nil {
		t.Fatal(err)
	}
	want := map[string]interface{}{"a": "1", "b": "true", "c": "null", "d": []interface{}{"1", "2"}}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got %#v, want %#v", got, want)
	}
}

func TestParseSetUpdatesExistingValues(t *testing.T) {
	dest := map[string]interface{}{"image": map[string]interface{}{"repository": "r", "tag": "1"}}
	if err := parseSet("image.tag=2", dest, false); err != nil {
		t.Fatal(err)
	}
	want := map[string]interface{}{"image": map[string]interface{}{"repository": "r", "tag": int64(2)}}
	if !reflect.DeepEqual(dest, want) {
		t.Fatalf("got %#v", dest)
	}
}

func TestParseSetErrors(t *testing.T) {
	cases := map[string]string{
		"a":          `key "a" has no value`,
		"a,b=c":      `key "a" has no value (cannot end with ,)`,
		"a..b=c":     `has an empty element`,
		"[0]=x":      `cannot start with [`,
		"a[x]=1":     `invalid index "x"`,
		"a[-1]=1":    `negative -1 index not allowed`,
		"a[70000]=1": `greater than maximum supported index`,
		"a[0=1":      `unclosed [`,
		"a={b,c":     `missing its closing }`,
		"a={b}c":     `unexpected 'c' after a list value`,
	}
	for in, want := range cases {
		err := parseSet(in, map[string]interface{}{}, false)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: got %v, want an error containing %q", in, err, want)
		}
	}
}
