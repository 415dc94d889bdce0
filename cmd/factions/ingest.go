package main

import (
	"context"
	"fmt"
	"time"

	"github.com/schollz/progressbar/v3"

	"github.com/factions/factions"
	"github.com/factions/factions/extract"
	"github.com/factions/factions/ingest"
)

// IngestCommand extracts articles and stores them.
type IngestCommand struct{ *Main }

// ingestStats counts what an ingest did.
type ingestStats struct {
	New, Unchanged, Failed int
}

// Run parses the flags and ingests every file, folder, feed or - named.
// A file that fails is reported on one line and the others go on; the
// command then fails.
func (c *IngestCommand) Run(ctx context.Context, args []string) error {
	fs := c.newFlagSet("ingest", "[--db PATH] [--source NAME] [--url URL] [--date YYYY-MM-DD] FILE|DIR|FEED|- ...")
	db := dbFlag(fs)
	source := fs.String("source", "", "the paper or site the articles come from")
	url := fs.String("url", "", "the article's URL (one article)")
	date := fs.String("date", "", "the publication date, YYYY-MM-DD (overrides the file's)")
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

// ingest stores every article of the named inputs. Errors of single files
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
	x := extract.New()
	for _, f := range files {
		if err := ctx.Err(); err != nil {
			return st, err
		}
		var arts []*factions.Article
		var err error
		if f == "-" {
			arts, err = ingest.ReadReader("-", c.Stdin, meta)
		} else {
			arts, err = ingest.ReadFile(f, meta)
		}
		if err == nil {
			err = c.store(ctx, s, x, arts, &st)
		}
		if err != nil {
			if bar != nil {
				bar.Clear()
			}
			fmt.Fprintf(c.Stderr, "factions: %s\n", userMessage(err))
			st.Failed++
		}
		if bar != nil {
			bar.Add(1)
		}
	}
	if bar != nil {
		bar.Finish()
	}
	return st, nil
}

// store extracts and saves the articles of one input, each in its own transaction.
func (c *IngestCommand) store(ctx context.Context, s factions.Store, x *extract.Extractor, arts []*factions.Article, st *ingestStats) error {
	for _, a := range arts {
		ex, err := x.Extract(ctx, a.Text)
		if err != nil {
			return fmt.Errorf("%s: %w", a.Path, err)
		}
		_, created, err := s.SaveArticle(ctx, a, ex)
		if err != nil {
			return fmt.Errorf("%s: %w", a.Path, err)
		}
		if created {
			st.New++
		} else {
			st.Unchanged++
		}
	}
	return nil
}
