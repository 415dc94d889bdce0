package ingest

import (
	"context"
	"fmt"
	"io"
	"runtime"

	"github.com/factions/factions"
)

// DefaultBatch is how many articles an Ingester stores in one transaction
// at most (each with a savepoint of its own; see factions.Store.SaveArticles).
const DefaultBatch = 100

// Ingester reads files, extracts their articles and stores them: files are
// read and extracted on every CPU and stored in their order, in batches of
// up to Batch articles a transaction while extraction keeps ahead, fewer
// when the store would otherwise wait.
type Ingester struct {
	// NewExtractor returns the extractor of one worker; each worker makes
	// its own.
	NewExtractor func() factions.Extractor
	// Store keeps the articles.
	Store factions.Store
	// Meta is given on the command line: it overrides what the manifest
	// says of a file, which overrides what the file says of itself.
	Meta Meta
	// Manifest, when not nil, gives the metadata of the files it names.
	Manifest *Manifest
	// Stdin is read for the name "-" (nil: os.Stdin).
	Stdin io.Reader
	// Batch is the most articles stored in one transaction (zero:
	// DefaultBatch); Workers the number of files read and extracted at
	// once (zero: GOMAXPROCS).
	Batch, Workers int
	// OnError, when set, is told of each file or article that fails and
	// is left out, in the order of the files.
	OnError func(error)
	// Progress, when set, is told how many of the total files are done:
	// once with none done when they are listed, then after each batch is
	// stored.
	Progress func(done, total int)
}

// Stats counts what an ingest did: articles stored new, articles stored
// before (the same text), and files or articles that failed; and what
// resolving the store's entities changed, when it was resolved.
type Stats struct {
	New, Unchanged, Failed int
	Resolved               *factions.ResolveStats
}

// input is one file (or stdin) read and extracted.
type input struct {
	name  string
	items []factions.SaveItem
	err   error // reading or extracting it failed; nothing of it is stored
}

// Ingest stores every article of the files, folders (Walk), feeds or "-"
// named, then, when any is new and the store is a factions.Resolver,
// resolves the store's entities from all its articles. A name that cannot
// be walked (a folder of no article file among them), a file the manifest
// names that does not exist, a file that cannot be read or extracted and
// an article the store refuses are told to OnError and counted as failed,
// and the others go on. The error returned is for what stops the ingest: a batch the store
// fails as a whole, resolution failing, or ctx done.
func (in *Ingester) Ingest(ctx context.Context, names []string) (Stats, error) {
	var st Stats
	report := func(err error) {
		st.Failed++
		if in.OnError != nil {
			in.OnError(err)
		}
	}
	var files []string
	for _, n := range names {
		if err := Walk(n, func(p string) error { files = append(files, p); return nil }); err != nil {
			report(err)
		}
	}
	for _, err := range in.Manifest.Missing() {
		report(err)
	}
	done := 0
	progress := func(n int) {
		done += n
		if in.Progress != nil {
			in.Progress(done, len(files))
		}
	}
	progress(0)

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	order := in.extractAll(ctx, files)
	b := &batcher{store: in.Store, report: report, stats: &st, progress: progress}
	for next := range order {
		var x input
		select {
		case x = <-next:
		default: // not extracted yet: store what is ready meanwhile
			if err := b.flush(ctx); err != nil {
				return st, err
			}
			x = <-next
		}
		if err := ctx.Err(); err != nil {
			return st, err
		}
		if x.err != nil {
			report(x.err)
		}
		b.items = append(b.items, x.items...)
		b.files++
		if len(b.items) >= in.batch() {
			if err := b.flush(ctx); err != nil {
				return st, err
			}
		}
	}
	if err := b.flush(ctx); err != nil {
		return st, err
	}
	if err := ctx.Err(); err != nil {
		return st, err
	}
	if r, ok := in.Store.(factions.Resolver); ok && st.New > 0 {
		rs, err := r.Resolve(ctx)
		if err != nil {
			return st, err
		}
		st.Resolved = rs
	}
	return st, nil
}

func (in *Ingester) batch() int {
	if in.Batch > 0 {
		return in.Batch
	}
	return DefaultBatch
}

// batcher stores the articles of the files read so far in one transaction.
type batcher struct {
	store    factions.Store
	items    []factions.SaveItem
	files    int // the files items come from
	report   func(error)
	stats    *Stats
	progress func(files int)
}

// flush stores the batch, counting each article, and reports the files
// done.
func (b *batcher) flush(ctx context.Context) error {
	if len(b.items) > 0 {
		res, err := b.store.SaveArticles(ctx, b.items)
		if err != nil {
			return err
		}
		for i, r := range res {
			switch {
			case r.Err != nil:
				b.report(fmt.Errorf("%s: %w", b.items[i].Article.Path, r.Err))
			case r.Created:
				b.stats.New++
			default:
				b.stats.Unchanged++
			}
		}
	}
	b.progress(b.files)
	b.items, b.files = b.items[:0], 0
	return nil
}

// extractAll reads and extracts files on Workers goroutines. It returns, in
// the order of files, one channel each that delivers the file's input once
// it is ready; it stops early when ctx is done.
func (in *Ingester) extractAll(ctx context.Context, files []string) <-chan chan input {
	workers := max(1, min(runtime.GOMAXPROCS(0), len(files)))
	if in.Workers > 0 {
		workers = in.Workers
	}
	type job struct {
		name string
		out  chan input
	}
	jobs := make(chan job)
	order := make(chan chan input, 2*in.batch()) // how far extraction may run ahead
	for w := 0; w < workers; w++ {
		go func() {
			x := in.NewExtractor()
			for j := range jobs {
				j.out <- in.read(ctx, x, j.name)
			}
		}()
	}
	go func() {
		defer close(order)
		defer close(jobs)
		for _, f := range files {
			out := make(chan input, 1)
			select {
			case order <- out:
			case <-ctx.Done():
				return
			}
			select {
			case jobs <- job{f, out}:
			case <-ctx.Done():
				out <- input{name: f, err: ctx.Err()}
				return
			}
		}
	}()
	return order
}

// read reads one file (or Stdin for "-") and extracts its articles.
func (in *Ingester) read(ctx context.Context, x factions.Extractor, name string) input {
	r := input{name: name}
	var arts []*factions.Article
	switch {
	case name == "-" && in.Stdin != nil:
		arts, r.err = ReadReader("-", in.Stdin, in.Meta)
	case name == "-":
		arts, r.err = ReadFile("-", in.Meta)
	default:
		meta := in.Meta
		if m, ok := in.Manifest.Meta(name); ok {
			meta = meta.Over(m)
		}
		arts, r.err = ReadFile(name, meta)
	}
	if r.err != nil {
		return r
	}
	for _, a := range arts {
		ex, err := x.Extract(ctx, a.Text)
		if err != nil {
			return input{name: name, err: fmt.Errorf("%s: %w", a.Path, err)}
		}
		r.items = append(r.items, factions.SaveItem{Article: a, Extraction: ex})
	}
	return r
}
