package extract_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"

	"github.com/factions/factions"
	"github.com/factions/factions/extract"
)

// seeds are short inputs that exercise the odd corners of news text.
var seeds = []string{
	"",
	"LAHORE - Mr Lodhi said: “We are united.”",
	"“Unclosed quote and ‘nested\n\n“reopened",
	"Dr. A. B. Shah (NRF-R) quit. ex-NRF leader X-led the NRF (Reformist).",
	"Balo\u00adchistan F&#244;n ’s ' \" ” “ ‘ ’",
	"\x00\xff\xfe invalid \xc3",
	"the party’s spokesman, who, according to sources, denied it, said he may quit.",
}

func addSeeds(f *testing.F) {
	for _, s := range seeds {
		f.Add(s)
	}
	if files, _ := filepath.Glob("../samples/*.txt"); len(files) > 0 {
		b, err := os.ReadFile(files[0])
		if err == nil {
			f.Add(string(b))
		}
	}
}

func FuzzTokenize(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, text string) {
		prev := 0
		for _, tok := range extract.Tokenize(text, factions.Span{Start: 0, End: len(text)}) {
			if tok.Start() < prev || tok.End() <= tok.Start() || tok.End() > len(text) {
				t.Fatalf("token %q at [%d,%d) after %d in %d bytes", tok.Norm, tok.Start(), tok.End(), prev, len(text))
			}
			prev = tok.End()
		}
	})
}

func FuzzSentences(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, text string) {
		prev := 0
		for _, s := range extract.Sentences(text) {
			if s.Start < prev || s.End <= s.Start || s.End > len(text) {
				t.Fatalf("sentence [%d,%d) after %d in %d bytes", s.Start, s.End, prev, len(text))
			}
			prev = s.End
		}
		for _, q := range extract.Quotes(text) {
			if !q.Outer.In(len(text)) || !q.Outer.Contains(q.Inner) {
				t.Fatalf("quote %v/%v outside %d bytes", q.Outer, q.Inner, len(text))
			}
		}
	})
}

func FuzzExtract(f *testing.F) {
	addSeeds(f)
	x := extract.New()
	f.Fuzz(func(t *testing.T, text string) {
		res, err := x.Extract(context.Background(), text)
		if err != nil {
			t.Fatal(err)
		}
		checkSpans(t, text, res)
	})
}

// checkSpans fails the test when an output span lies outside the text or
// names are not valid text.
func checkSpans(t *testing.T, text string, x *factions.Extraction) {
	t.Helper()
	n := len(text)
	for _, e := range x.Entities {
		if e.Name == "" || !e.Type.Valid() {
			t.Fatalf("entity %+v", e)
		}
		for _, m := range e.Mentions {
			if !m.Span.In(n) || text[m.Span.Start:m.Span.End] != m.Text {
				t.Fatalf("mention %+v outside or unlike the text", m)
			}
		}
	}
	for _, c := range x.Claims {
		if !c.Evidence.In(n) || !c.Predicate.Valid() || !c.Stance.Valid() {
			t.Fatalf("claim %+v", c)
		}
	}
	for _, s := range x.Statements {
		if !s.Span.In(n) || !s.Evidence.In(n) || s.Speaker == "" {
			t.Fatalf("statement %+v", s)
		}
		if utf8.ValidString(text) && !utf8.ValidString(s.Text) {
			t.Fatalf("statement text %q is not valid UTF-8", s.Text)
		}
	}
}
