package main

import (
	"context"
	"fmt"
	"runtime"
	"time"

	"github.com/schollz/progressbar/v3"

	"github.com/factions/factions"
	"github.com/factions/factions/extract"
	"github.com/factions/factions/ingest"
)

// IngestCommand extracts articles and stores them.
type IngestCommand struct {
	*Main
	manifest *ingest.Manifest // the metadata of files given by --manifest
	// batch and workers override ingestBatch and the number of CPUs
	// (benchmarks compare with one article a transaction on one CPU)
	batch, workers int
}

// ingestStats counts what an ingest did.
type ingestStats struct {
	New, Unchanged, Failed int
}

// Run parses the flags and ingests every file, folder, feed or - named.
// A file that fails is reported on one line and the others go on; the
// command then fails.
func (c *IngestCommand) Run(ctx context.Context, args []string) error {
	fs := c.newFlagSet("ingest", "[--db PATH] [--source NAME] [--url URL] [--date YYYY-MM-DD] [--manifest FILE] FILE|DIR|FEED|- ...")
	db := dbFlag(fs)
	source := fs.String("source", "", "the paper or site the articles come from")
	url := fs.String("url", "", "the article's URL (one article)")
	date := fs.String("date", "", "the publication date, YYYY-MM-DD (overrides the file's)")
	manifest := fs.String("manifest", "", "a CSV or TSV `file` with a header row giving each article file's date, title, source and url")
	quiet := fs.Bool("q", false, "print only errors")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return fmt.Errorf("ingest: name at least one FILE, DIR, FEED or -")
	}
	meta := ingest.Meta{Source: *source, URL: *url}
	if *date != "" {
		t, err := time.Parse("2006-01-02", *date)
		if err != nil {
			return fmt.Errorf("ingest: --date %q: want YYYY-MM-DD", *date)
		}
		meta.Published = t
	}
	if *manifest != "" {
		m, err := ingest.ReadManifest(*manifest)
		if err != nil {
			return err
		}
		c.manifest = m
	}
	s, err := c.openStore(ctx, *db)
	if err != nil {
		return err
	}
	defer s.Close()
	st, err := c.ingest(ctx, s, fs.Args(), meta)
	if err != nil {
		return err
	}
	if !*quiet {
		fmt.Fprintf(c.Stdout, "ingested %d new, %d unchanged, %d failed\n", st.New, st.Unchanged, st.Failed)
	}
	if st.Failed > 0 {
		return errReported
	}
	return nil
}

// ingestBatch is how many articles ingest stores in one transaction at
// most (each with a savepoint of its own); see factions.Store.SaveArticles.
const ingestBatch = 100

// batchSize is how many articles go in one transaction at most.
func (c *IngestCommand) batchSize() int {
	if c.batch > 0 {
		return c.batch
	}
	return ingestBatch
}

// input is one file (or stdin) read and extracted.
type input struct {
	name  string
	items []factions.SaveItem
	err   error // reading or extracting it failed; nothing of it is stored
}

// ingest stores every article of the named inputs. Files are read and
// extracted on every CPU and stored in their order, in batches: up to
// ingestBatch articles a transaction while extraction keeps ahead, fewer
// when the store would otherwise wait. Errors of single files or articles
// are printed and counted; the returned error is for what stops the batch.
func (c *IngestCommand) ingest(ctx context.Context, s factions.Store, names []string, meta ingest.Meta) (ingestStats, error) {
	var st ingestStats
	var files []string
	for _, n := range names {
		if n == "-" {
			files = append(files, n)
			continue
		}
		err := ingest.Walk(n, func(p string) error { files = append(files, p); return nil })
		if err != nil {
			fmt.Fprintf(c.Stderr, "factions: %s\n", userMessage(err))
			st.Failed++
		}
	}
	var bar *progressbar.ProgressBar
	if c.IsTerminal && len(files) > 1 {
		bar = progressbar.NewOptions(len(files), progressbar.OptionSetWriter(c.Stderr),
			progressbar.OptionSetDescription("ingest"), progressbar.OptionShowCount(), progressbar.OptionClearOnFinish())
	}
	report := func(err error) {
		if bar != nil {
			bar.Clear()
		}
		fmt.Fprintf(c.Stderr, "factions: %s\n", userMessage(err))
		st.Failed++
	}

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	order := c.extractAll(ctx, files, meta)

	var batch []factions.SaveItem
	var batchFiles int
	flush := func() error {
		if len(batch) > 0 {
			res, err := s.SaveArticles(ctx, batch)
			if err != nil {
				return err
			}
			for i, r := range res {
				switch {
				case r.Err != nil:
					report(fmt.Errorf("%s: %w", batch[i].Article.Path, r.Err))
				case r.Created:
					st.New++
				default:
					st.Unchanged++
				}
			}
		}
		if bar != nil {
			bar.Add(batchFiles)
		}
		batch, batchFiles = batch[:0], 0
		return nil
	}
	for next := range order {
		var in input
		select {
		case in = <-next:
		default: // not extracted yet: store what is ready meanwhile
			if err := flush(); err != nil {
				return st, err
			}
			in = <-next
		}
		if err := ctx.Err(); err != nil {
			return st, err
		}
		if in.err != nil {
			report(in.err)
		}
		batch = append(batch, in.items...)
		batchFiles++
		if len(batch) >= c.batchSize() {
			if err := flush(); err != nil {
				return st, err
			}
		}
	}
	if err := flush(); err != nil {
		return st, err
	}
	if err := ctx.Err(); err != nil {
		return st, err
	}
	if bar != nil {
		bar.Finish()
	}
	return st, nil
}

// extractAll reads and extracts files on every CPU. It returns, in the
// order of files, one channel each that delivers the file's input once it
// is ready; it stops early when ctx is done.
func (c *IngestCommand) extractAll(ctx context.Context, files []string, meta ingest.Meta) <-chan chan input {
	workers := max(1, min(runtime.GOMAXPROCS(0), len(files)))
	if c.workers > 0 {
		workers = c.workers
	}
	type job struct {
		name string
		out  chan input
	}
	jobs := make(chan job)
	order := make(chan chan input, 2*ingestBatch) // how far extraction may run ahead
	for w := 0; w < workers; w++ {
		go func() {
			x := extract.New()
			for j := range jobs {
				j.out <- c.read(ctx, x, j.name, meta)
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

// read reads one file (or stdin for "-") and extracts its articles.
func (c *IngestCommand) read(ctx context.Context, x *extract.Extractor, name string, meta ingest.Meta) input {
	in := input{name: name}
	var arts []*factions.Article
	if name == "-" {
		arts, in.err = ingest.ReadReader("-", c.Stdin, meta)
	} else {
		if m, ok := c.manifest.Meta(name); ok {
			meta = meta.Over(m)
		}
		arts, in.err = ingest.ReadFile(name, meta)
	}
	if in.err != nil {
		return in
	}
	for _, a := range arts {
		ex, err := x.Extract(ctx, a.Text)
		if err != nil {
			return input{name: name, err: fmt.Errorf("%s: %w", a.Path, err)}
		}
		in.items = append(in.items, factions.SaveItem{Article: a, Extraction: ex})
	}
	return in
}
