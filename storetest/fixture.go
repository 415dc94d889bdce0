package storetest

import (
	"context"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/factions/factions"
)

// Now is the time the stores under test must report as the current time
// (their Now func): the ingestion time of articles without a publication
// date, and the time of audit entries.
var Now = time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)

// Doc builds an article and its extraction by hand, computing spans from
// the article's text.
type Doc struct {
	tb testing.TB
	A  factions.Article
	X  factions.Extraction
}

// NewDoc returns a Doc of an article with the given title, source,
// publication date ("2006-01-02", or "" for none) and text.
func NewDoc(tb testing.TB, title, source, published, text string) *Doc {
	tb.Helper()
	d := &Doc{tb: tb, A: factions.Article{Title: title, Source: source, Text: text}}
	if published != "" {
		d.A.Published = Date(tb, published)
	}
	d.X.Entities = []factions.Entity{}
	d.X.Claims = []factions.Claim{}
	d.X.Statements = []factions.Statement{}
	return d
}

// Date parses a "2006-01-02" date as midnight UTC.
func Date(tb testing.TB, s string) time.Time {
	tb.Helper()
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		tb.Fatalf("bad date %q: %v", s, err)
	}
	return t
}

// Span returns the span of the first occurrence of sub in the text.
func (d *Doc) Span(sub string) factions.Span {
	d.tb.Helper()
	i := strings.Index(d.A.Text, sub)
	if i < 0 {
		d.tb.Fatalf("%q not in the text %q", sub, d.A.Text)
	}
	return factions.Span{Start: i, End: i + len(sub)}
}

func wordChar(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || b >= 0x80
}

// Entity adds an entity, mentioned wherever its name or an alias occurs as
// whole words (longer names first, without overlaps).
func (d *Doc) Entity(name string, typ factions.EntityType, aliases ...string) *Doc {
	e := factions.Entity{Name: name, Type: typ, Aliases: aliases}
	if e.Aliases == nil {
		e.Aliases = []string{}
	}
	names := append([]string{name}, aliases...)
	sort.SliceStable(names, func(i, j int) bool { return len(names[i]) > len(names[j]) })
	var taken []factions.Span
	text := d.A.Text
	for _, n := range names {
		for off := 0; ; {
			i := strings.Index(text[off:], n)
			if i < 0 {
				break
			}
			s := factions.Span{Start: off + i, End: off + i + len(n)}
			off = s.End
			if s.Start > 0 && wordChar(text[s.Start-1]) || s.End < len(text) && wordChar(text[s.End]) {
				continue
			}
			overlap := false
			for _, t := range taken {
				if s.Start < t.End && t.Start < s.End {
					overlap = true
				}
			}
			if !overlap {
				taken = append(taken, s)
			}
		}
	}
	sort.Slice(taken, func(i, j int) bool { return taken[i].Start < taken[j].Start })
	for _, s := range taken {
		e.Mentions = append(e.Mentions, factions.Mention{Text: text[s.Start:s.End], Span: s})
	}
	d.X.Entities = append(d.X.Entities, e)
	return d
}

// Claim adds a claim read from sentence, which must occur in the text.
func (d *Doc) Claim(c factions.Claim, sentence string) *Doc {
	d.tb.Helper()
	if c.Stance == "" {
		c.Stance = factions.Asserted
	}
	c.Evidence = d.Span(sentence)
	d.X.Claims = append(d.X.Claims, c)
	return d
}

// Statement adds a statement whose text quote occurs within sentence.
func (d *Doc) Statement(speaker string, kind factions.StatementKind, quote, sentence string) *Doc {
	d.tb.Helper()
	ev := d.Span(sentence)
	i := strings.Index(sentence, quote)
	if i < 0 {
		d.tb.Fatalf("%q not in %q", quote, sentence)
	}
	d.X.Statements = append(d.X.Statements, factions.Statement{Speaker: speaker, Kind: kind, Text: quote,
		Span: factions.Span{Start: ev.Start + i, End: ev.Start + i + len(quote)}, Evidence: ev})
	return d
}

// Save saves the article in s, resolves the store's entities when s is a
// factions.Resolver, and returns the article's ID; it fails the test on an
// error or when the article was stored already.
func (d *Doc) Save(ctx context.Context, s factions.Store) int64 {
	d.tb.Helper()
	a := d.A
	id, created, err := s.SaveArticle(ctx, &a, &d.X)
	if err != nil {
		d.tb.Fatalf("save %q: %v", d.A.Title, err)
	}
	if !created {
		d.tb.Fatalf("save %q: created = false, want true", d.A.Title)
	}
	Resolve(d.tb, s)
	return id
}

// Resolve resolves the entities of s when it is a factions.Resolver; it
// fails the test on an error.
func Resolve(tb testing.TB, s factions.Store) {
	tb.Helper()
	if r, ok := s.(factions.Resolver); ok {
		if _, err := r.Resolve(context.Background()); err != nil {
			tb.Fatalf("resolve: %v", err)
		}
	}
}
