package extract

import (
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/factions/factions"
)

// chunkSize is the most text Extract reads as one document, far more than
// any article. A longer text is many articles run together (a feed dump, a
// corpus in one file): it is read in pieces, so that the memory it takes
// stays bounded, and the pieces' results are joined.
const chunkSize = 1 << 20

// chunkEnd returns where the piece of text that starts at start ends: after
// the last blank line within chunkSize bytes, else after the last line
// break, else after the last full stop and space, else after the last space,
// else at a character boundary.
func chunkEnd(text string, start int) int {
	end := start + chunkSize
	if end >= len(text) {
		return len(text)
	}
	piece := text[start:end]
	for _, sep := range []string{"\n\n", "\n", ". ", " "} {
		if k := strings.LastIndex(piece, sep); k > 0 {
			return start + k + len(sep)
		}
	}
	for end > start+1 && !utf8.RuneStart(text[end]) {
		end--
	}
	return end
}

// joiner joins the extractions of the pieces of a long text: an entity of
// one name and type is one entity, a claim read alike again is no new
// claim, and every span is moved to its place in the whole text.
type joiner struct {
	out    *factions.Extraction
	ents   map[entityKey]int       // index in out.Entities
	claims map[factions.Claim]bool // with Evidence and Sentence cleared
}

func newJoiner() *joiner {
	return &joiner{
		out:    &factions.Extraction{Entities: []factions.Entity{}, Claims: []factions.Claim{}, Statements: []factions.Statement{}},
		ents:   map[entityKey]int{},
		claims: map[factions.Claim]bool{},
	}
}

// add joins the extraction r of the piece that starts at offset off.
func (j *joiner) add(r *factions.Extraction, off int) {
	if j.out.Dateline == "" {
		j.out.Dateline = r.Dateline
	}
	shift := func(s factions.Span) factions.Span { return factions.Span{Start: s.Start + off, End: s.End + off} }
	for _, e := range r.Entities {
		for k := range e.Mentions {
			e.Mentions[k].Span = shift(e.Mentions[k].Span)
		}
		key := entityKey{e.Type, e.Name}
		i, ok := j.ents[key]
		if !ok {
			j.ents[key] = len(j.out.Entities)
			j.out.Entities = append(j.out.Entities, e)
			continue
		}
		have := &j.out.Entities[i]
		have.Mentions = append(have.Mentions, e.Mentions...)
		for _, a := range e.Aliases {
			if !slices.Contains(have.Aliases, a) {
				have.Aliases = append(have.Aliases, a)
			}
		}
	}
	for _, c := range r.Claims {
		key := c
		key.Evidence, key.Sentence = factions.Span{}, ""
		if j.claims[key] {
			continue
		}
		j.claims[key] = true
		c.Evidence = shift(c.Evidence)
		j.out.Claims = append(j.out.Claims, c)
	}
	for _, s := range r.Statements {
		s.Span, s.Evidence = shift(s.Span), shift(s.Evidence)
		j.out.Statements = append(j.out.Statements, s)
	}
}
