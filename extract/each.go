package extract

import (
	"context"
	"runtime"

	"github.com/factions/factions"
)

// ExtractEach extracts texts, as many at once as there are CPUs, and calls
// each with every result (or the extraction's error) in the order of
// texts, holding no more results than CPUs ahead of the one it waits for.
// It stops at the first error each returns, and returns it.
func (x *Extractor) ExtractEach(ctx context.Context, texts []string, each func(i int, ex *factions.Extraction, err error) error) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	type result struct {
		ex  *factions.Extraction
		err error
	}
	slots := make([]chan result, len(texts))
	next := 0
	start := func() {
		if next == len(texts) {
			return
		}
		slot, text := make(chan result, 1), texts[next]
		slots[next] = slot
		next++
		go func() {
			ex, err := x.Extract(ctx, text)
			slot <- result{ex, err}
		}()
	}
	for range runtime.GOMAXPROCS(0) {
		start()
	}
	for i := range texts {
		r := <-slots[i]
		slots[i] = nil
		start()
		if err := each(i, r.ex, r.err); err != nil {
			return err
		}
	}
	return nil
}
