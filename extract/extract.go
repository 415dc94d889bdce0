package extract

import (
	"context"

	"github.com/factions/factions"
)

// Extractor runs the pipeline. The zero value is not usable: call New.
type Extractor struct {
	opts options
}

type options struct{}

// Option configures an Extractor.
type Option func(*options)

// New returns an Extractor.
func New(opts ...Option) *Extractor {
	x := &Extractor{}
	for _, o := range opts {
		o(&x.opts)
	}
	return x
}

// Extract reads an article's text. It returns an error only when ctx is done.
func (x *Extractor) Extract(ctx context.Context, text string) (*factions.Extraction, error) {
	return &factions.Extraction{}, ctx.Err()
}
