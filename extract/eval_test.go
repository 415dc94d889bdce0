package extract_test

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/factions/factions"
	"github.com/factions/factions/extract"
)

// jsonEval is what WriteEval must write: encoding/json's indented encoding
// of the interchange format.
func jsonEval(t testing.TB, x *factions.Extraction) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(extract.ToEval(x)); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// evalOf returns an extraction whose every string is s or made from it,
// with and without the optional members.
func evalOf(s string) *factions.Extraction {
	return &factions.Extraction{
		Entities: []factions.Entity{
			{Name: s, Type: factions.Person, Aliases: []string{s, "x" + s}},
			{Name: "plain", Type: factions.Organization},
		},
		Claims: []factions.Claim{
			{Subject: s, Predicate: factions.Leads, Role: s, Object: "o", Former: true, Stance: factions.Denied, AttributedTo: s},
			{Subject: "a", Predicate: factions.MemberOf, Object: s, Stance: factions.Asserted},
		},
		Statements: []factions.Statement{{Speaker: s, Kind: factions.Direct, Text: s}},
	}
}

func TestWriteEval(t *testing.T) {
	for _, s := range []string{
		"", "plain", `quote " and \ backslash`, "tab\tnew\nline\rcr\bbs\fff\x00\x1f\x7f",
		"<html> & 'apos'", "\u2028\u2029 line separators", "bad \xff\xfe utf-8 \xe2\x80",
		"accents: é ü — “curly”", strings.Repeat("long ", 2000),
	} {
		x := evalOf(s)
		var got bytes.Buffer
		if err := extract.WriteEval(&got, x); err != nil {
			t.Fatal(err)
		}
		if want := jsonEval(t, x); !bytes.Equal(got.Bytes(), want) {
			t.Errorf("%q:\ngot  %s\nwant %s", s, got.Bytes(), want)
		}
	}
	var got bytes.Buffer
	if err := extract.WriteEval(&got, &factions.Extraction{}); err != nil {
		t.Fatal(err)
	}
	if want := jsonEval(t, &factions.Extraction{}); !bytes.Equal(got.Bytes(), want) {
		t.Errorf("empty:\ngot  %s\nwant %s", got.Bytes(), want)
	}
}

// FuzzWriteEval checks WriteEval against encoding/json on any string.
func FuzzWriteEval(f *testing.F) {
	for _, s := range []string{"", "a\"b\\c", "\x00\u2028\xff", "Party (“X”)"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		x := evalOf(s)
		var got bytes.Buffer
		if err := extract.WriteEval(&got, x); err != nil {
			t.Fatal(err)
		}
		if want := jsonEval(t, x); !bytes.Equal(got.Bytes(), want) {
			t.Fatalf("%q:\ngot  %s\nwant %s", s, got.Bytes(), want)
		}
	})
}
