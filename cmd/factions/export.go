package main

import (
	"context"
	"fmt"

	"github.com/factions/factions/popolo"
)

// ExportCommand writes the knowledge base as Popolo JSON.
type ExportCommand struct{ *Main }

// Run exports the store to standard output.
func (c *ExportCommand) Run(ctx context.Context, args []string) error {
	fs := c.newFlagSet("export", "[--db PATH] --popolo")
	db := dbFlag(fs)
	pop := fs.Bool("popolo", false, "Popolo JSON: persons, organizations, posts and memberships with their sources")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if !*pop {
		fs.Usage()
		return fmt.Errorf("export: choose a format (--popolo)")
	}
	s, err := c.openStore(ctx, *db)
	if err != nil {
		return err
	}
	defer s.Close()
	doc, err := popolo.Export(ctx, s)
	if err != nil {
		return err
	}
	return popolo.Write(c.Stdout, doc)
}
