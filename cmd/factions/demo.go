package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"

	"github.com/factions/factions"
	"github.com/factions/factions/extract"
	"github.com/factions/factions/ingest"
	"github.com/factions/factions/samples"
	"github.com/factions/factions/server"
)

// DemoCommand ingests the bundled sample articles into a temporary database,
// shows what it found and serves it.
type DemoCommand struct{ *Main }

// Run ingests the samples, prints the cards of the entities most named and
// serves the web UI over them until interrupted (unless --no-serve).
func (c *DemoCommand) Run(ctx context.Context, args []string) error {
	fs := c.newFlagSet("demo", "[--keep DIR] [--no-serve] [--addr HOST:PORT]")
	keep := fs.String("keep", "", "keep the demo database in this folder instead of a temporary one")
	noServe := fs.Bool("no-serve", false, "print the cards and stop, without serving the web UI")
	sf := addServeFlags(fs, "127.0.0.1:8080")
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
			if err := writeCard(safe(c.Stdout), card); err != nil {
				return err
			}
		}
	}
	fmt.Fprintf(c.Stdout, "\nTry: factions ingest FILE..., then factions show NAME (see factions help).\n")
	if *noServe {
		return nil
	}
	token, err := server.NewSecret()
	if err != nil {
		return err
	}
	fmt.Fprintln(c.Stdout)
	err = c.serve(ctx, s, sf, token)
	var oe *net.OpError
	if errors.As(err, &oe) && oe.Op == "listen" && *sf.addr == "127.0.0.1:8080" {
		// the default port is taken: any free one will do for a demo
		*sf.addr = "127.0.0.1:0"
		err = c.serve(ctx, s, sf, token)
	}
	return err
}
