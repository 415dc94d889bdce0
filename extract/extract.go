package extract

import (
	"context"
	"sync"

	"github.com/factions/factions"
)

// Extractor runs the pipeline. The zero value is not usable: call New.
type Extractor struct {
	lx     *lexicons
	err    error
	opts   options
	arenas sync.Pool // of *scratch
}

type options struct {
	noStatements bool
	noFacts      bool
}

// Option configures an Extractor.
type Option func(*options)

// WithoutStatements turns off the statement stage.
func WithoutStatements() Option { return func(o *options) { o.noStatements = true } }

// WithoutFacts turns off the relation stage.
func WithoutFacts() Option { return func(o *options) { o.noFacts = true } }

// New returns an Extractor with the embedded lexicons.
func New(opts ...Option) *Extractor {
	x := &Extractor{}
	for _, o := range opts {
		o(&x.opts)
	}
	x.lx, x.err = loadLexicons()
	return x
}

// Extract reads an article's text. It returns an error when ctx is done or
// the embedded lexicons could not be read; any text, however odd, gives a
// result whose spans lie within it.
//
// The stages, each reading the results of those before it and changing
// none: segment and tokenize (newDocument), mentions, entities, roles,
// coreference, relations, statements, stance.
//
// A text longer than chunkSize is read in pieces (see chunkEnd).
func (x *Extractor) Extract(ctx context.Context, text string) (*factions.Extraction, error) {
	if x.err != nil {
		return nil, x.err
	}
	if len(text) <= chunkSize {
		return x.extract(ctx, text)
	}
	return x.extractPieces(ctx, text)
}

// extractPieces reads a text longer than chunkSize in pieces (chunkEnd), as
// many at once as there are CPUs (ExtractEach, which holds no more results
// than CPUs waiting to be joined), and joins their results in the order of
// the pieces: the result is the same as reading them one by one.
func (x *Extractor) extractPieces(ctx context.Context, text string) (*factions.Extraction, error) {
	var starts []int
	var pieces []string // each at most chunkSize long: Extract reads it whole
	for start := 0; start < len(text); {
		end := chunkEnd(text, start)
		starts, pieces = append(starts, start), append(pieces, text[start:end])
		start = end
	}
	j := newJoiner()
	err := x.ExtractEach(ctx, pieces, func(i int, r *factions.Extraction, err error) error {
		if err == nil {
			j.add(r, starts[i])
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	return j.out, nil
}

// extract reads text as one document.
func (x *Extractor) extract(ctx context.Context, text string) (*factions.Extraction, error) {
	mem, _ := x.arenas.Get().(*scratch)
	if mem == nil {
		mem = &scratch{}
	}
	defer func() {
		mem.reset()
		x.arenas.Put(mem)
	}()
	d := newDocument(text, x.lx, mem)
	ms := findMentions(d, func() bool { return ctx.Err() != nil })
	if ms == nil {
		return nil, ctx.Err()
	}
	es := resolveEntities(d, ms)
	rs := findRoles(es)
	cs := coreference(es, rs)
	ss := &stmtSet{}
	if !x.opts.noStatements {
		ss = readStatements(cs)
	}
	fs := &factSet{}
	if !x.opts.noFacts {
		fs = readRelations(cs)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return output(es, fs, readStance(d, fs, ss), ss), nil
}
