package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/factions/factions"
	"github.com/factions/factions/extract"
	"github.com/factions/factions/ingest"
	"github.com/factions/factions/samples"
)

// DemoCommand ingests the bundled sample articles into a temporary database
// and shows what it found.
type DemoCommand struct{ *Main }

// Run ingests the samples and prints the cards of the entities most named.
func (c *DemoCommand) Run(ctx context.Context, args []string) error {
	fs := c.newFlagSet("demo", "[--keep DIR]")
	keep := fs.String("keep", "", "keep the demo database in this folder instead of a temporary one")
	if err := fs.Parse(args); err != nil {
		return err
	}
	dir := *keep
	if dir == "" {
		tmp, err := os.MkdirTemp("", "factions-demo-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(tmp)
		dir = tmp
	}
	path := filepath.Join(dir, "demo.db")
	s, err := c.createStore(ctx, path)
	if err != nil {
		return err
	}
	defer s.Close()

	arts, err := samples.Articles()
	if err != nil {
		return err
	}
	x := extract.New()
	fmt.Fprintf(c.Stdout, "Ingesting %d sample articles (fictional, written for factions) into %s\n\n", len(arts), path)
	for _, sa := range arts {
		as, err := ingest.Read(sa.Name, []byte(sa.Text), ingest.Meta{})
		if err != nil {
			return err
		}
		for _, a := range as {
			ex, err := x.Extract(ctx, a.Text)
			if err != nil {
				return err
			}
			if _, _, err := s.SaveArticle(ctx, a, ex); err != nil {
				return err
			}
			date := "undated"
			if !a.Published.IsZero() {
				date = a.Published.Format("2006-01-02")
			}
			fmt.Fprintf(c.Stdout, "  %s  %-60s %2d entities, %2d claims, %2d statements\n",
				date, oneLine(a.Title, 60), len(ex.Entities), len(ex.Claims), len(ex.Statements))
		}
	}
	if r, ok := s.(factions.Resolver); ok {
		if _, err := r.Resolve(ctx); err != nil {
			return err
		}
	}
	for _, t := range []factions.EntityType{factions.Organization, factions.Person} {
		es, err := s.Entities(ctx, factions.EntityFilter{Type: t, Limit: 2})
		if err != nil {
			return err
		}
		for _, e := range es {
			card, err := factions.LoadCard(ctx, s, e, timeZero)
			if err != nil {
				return err
			}
			fmt.Fprintf(c.Stdout, "\n────────────────────────────────────────\n")
			if err := writeCard(c.Stdout, card); err != nil {
				return err
			}
		}
	}
	fmt.Fprintf(c.Stdout, "\nTry: factions ingest FILE..., then factions show NAME (see factions help).\n")
	return nil
}
