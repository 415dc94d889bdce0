package main

import (
	"context"
	"fmt"
	"runtime/debug"
	"time"

	"github.com/schollz/progressbar/v3"

	"github.com/factions/factions"
	"github.com/factions/factions/extract"
	"github.com/factions/factions/ingest"
	"github.com/factions/factions/internal/hugepages"
	"github.com/factions/factions/queue"
)

// ingestGCPercent is the GOGC of the ingest command, unless the
// environment sets one: in alternating whole-process ingests of the
// corpus, 0.92x the time and 0.91x the CPU of the default 100, with a peak
// of 98 MB against 76.
const ingestGCPercent = 200

// hugeHeap is how much of the heap of the ingest and resolve commands is
// advised to be backed by huge pages (hugepages.Reserve), about the peak of
// the corpus into a store ten times its size: in alternating whole-process
// ingests of the corpus, 0.81x the time into a new store and 0.78x into the
// grown one, with the same peak memory (128 and 512 MiB did no better); the
// resolution of that store 0.76x.
const hugeHeap = 256 << 20

// ingestMaxBatch is the most articles a batch of the ingest command holds
// when the writer is behind extraction (ingest.Ingester.MaxBatch): twice
// the usual batch, as far as extraction runs ahead anyway. (Four times,
// with extraction as far ahead: no quicker, 20 MB more peak memory.)
const ingestMaxBatch = 2 * ingest.DefaultBatch

// IngestCommand extracts articles and stores them.
type IngestCommand struct {
	*Main
	// batch and workers override ingest.DefaultBatch and the number of
	// CPUs (benchmarks compare with one article a transaction on one CPU)
	batch, workers int
}

// Run parses the flags and ingests every file, folder, feed or - named
// (ingest.Ingester). A file that fails is reported on one line and the
// others go on; the command then fails.
func (c *IngestCommand) Run(ctx context.Context, args []string) error {
	fs := c.newFlagSet("ingest", "[--db PATH] [--queue [--max-attempts N]] [--source NAME] [--url URL] [--date YYYY-MM-DD] [--period FROM..UNTIL] [--manifest FILE] [--resolve auto|full|new] FILE|DIR|FEED|- ...")
	db := dbFlag(fs)
	source := fs.String("source", "", "the paper or site the articles come from")
	url := fs.String("url", "", "the article's URL (one article)")
	date := fs.String("date", "", "the publication date, YYYY-MM-DD (overrides the file's)")
	period := fs.String("period", "", "the period `FROM..UNTIL` (years, months or days: 2004..2005) that articles of no date fall in")
	manifest := fs.String("manifest", "", "a CSV or TSV `file` with a header row giving each article file's date, title, source and url")
	resolve := fs.String("resolve", "auto", "how the entities are settled after: `auto` (all articles at once while the knowledge base is small or has grown by an eighth since, else new), full (all at once) or new (the new articles' names against the entities stored)")
	quiet := fs.Bool("q", false, "print only errors")
	useQueue := fs.Bool("queue", false, "queue the articles for workers (factions worker) instead of storing them; --db must be postgres://")
	attempts := fs.Int("max-attempts", queue.DefaultMaxAttempts, "with --queue: how many times an article is tried before its job is discarded")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return fmt.Errorf("ingest: name at least one FILE, DIR, FEED or -")
	}
	switch m := factions.ResolveMode(*resolve); m {
	case factions.ResolveAuto, factions.ResolveFull, factions.ResolveScoped:
	default:
		return fmt.Errorf("ingest: --resolve %q: want auto, full or new", m)
	}
	if c.Getenv("GOGC") == "" {
		// a batch job whose heap is mostly short-lived garbage: collecting
		// at three times the live heap, not twice, cuts the collector's
		// CPU by half for a fifth more peak memory (see ingestGCPercent)
		defer debug.SetGCPercent(debug.SetGCPercent(ingestGCPercent))
	}
	// the heap's pages faulted in 2 MiB at a time (see hugeHeap)
	hugepages.Reserve(hugeHeap)
	in := &ingest.Ingester{
		Resolve:      factions.ResolveMode(*resolve),
		NewExtractor: func() factions.Extractor { return extract.New() },
		Meta:         ingest.Meta{Source: *source, URL: *url},
		Stdin:        c.Stdin,
		Batch:        c.batch,
		Workers:      c.workers,
	}
	if c.batch == 0 {
		// batches grow while the writer is behind (into a large store)
		in.MaxBatch = ingestMaxBatch
	}
	if *date != "" {
		t, err := time.Parse("2006-01-02", *date)
		if err != nil {
			return fmt.Errorf("ingest: --date %q: want YYYY-MM-DD", *date)
		}
		in.Meta.Published = t
	}
	if *period != "" {
		var err error
		if in.Meta.DateFrom, in.Meta.DateUntil, err = ingest.ParsePeriod(*period); err != nil {
			return fmt.Errorf("ingest: --period: %w", err)
		}
	}
	if *manifest != "" {
		m, err := ingest.ReadManifest(*manifest)
		if err != nil {
			return err
		}
		in.Manifest = m
	}
	if *useQueue {
		return c.enqueue(ctx, *db, in, *attempts, *quiet, fs.Args())
	}
	// The store is opened (a new file made) while the first files are
	// read and extracted.
	in.Open = func(ctx context.Context) (factions.Store, error) { return c.createStore(ctx, *db) }
	finish := c.progress(in)
	st, err := in.Ingest(ctx, fs.Args())
	finish()
	if in.Store == nil {
		return err // it could not be opened
	}
	defer in.Store.Close()
	if err != nil {
		// Say what is stored: every batch committed before the stop is,
		// each article whole.
		stored := fmt.Sprintf("%d new articles stored, %d unchanged, %d failed before it stopped; the rest were not stored (ingest them again to complete the set)",
			st.New, st.Unchanged, st.Failed)
		if ctx.Err() != nil {
			fmt.Fprintf(c.Stderr, "factions: ingest interrupted: %s\n", stored)
			return errReported
		}
		return fmt.Errorf("ingest: %w (%s)", err, stored)
	}
	summary := fmt.Sprintf("ingested %d new, %d unchanged, %d failed", st.New, st.Unchanged, st.Failed)
	switch {
	case !*quiet:
		fmt.Fprintln(c.Stdout, summary)
	case st.Failed > 0:
		fmt.Fprintf(c.Stderr, "factions: %s\n", summary)
	}
	if st.Failed > 0 {
		return errReported
	}
	return nil
}

// progress makes the ingest print its errors and, on a terminal, a progress
// bar of the files done when there are several. It returns what completes
// the bar once the ingest is done.
func (c *IngestCommand) progress(in *ingest.Ingester) (finish func()) {
	var bar *progressbar.ProgressBar
	in.OnError = func(err error) {
		if bar != nil {
			bar.Clear()
		}
		fmt.Fprintf(c.Stderr, "factions: %s\n", safeText(userMessage(err)))
	}
	finish = func() {
		if bar != nil {
			bar.Finish()
		}
	}
	if !c.IsTerminal {
		return finish
	}
	in.Progress = func(done, total int) {
		if bar == nil && total > 1 {
			bar = progressbar.NewOptions(total, progressbar.OptionSetWriter(c.Stderr),
				progressbar.OptionSetDescription("ingest"), progressbar.OptionShowCount(), progressbar.OptionClearOnFinish())
		}
		if bar != nil {
			bar.Set(done)
		}
	}
	return finish
}
