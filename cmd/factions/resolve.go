package main

import (
	"context"
	"fmt"

	"github.com/factions/factions"
	"github.com/factions/factions/internal/hugepages"
)

// ResolveCommand resolves the knowledge base's entities from all its
// articles at once.
type ResolveCommand struct{ *Main }

// Run opens the store, resolves it whole (factions.Resolver) and prints
// what changed. A store that cannot be resolved is an error.
func (c *ResolveCommand) Run(ctx context.Context, args []string) error {
	fs := c.newFlagSet("resolve", "[--db PATH]")
	db := dbFlag(fs)
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return fmt.Errorf("resolve: unexpected argument %q", fs.Arg(0))
	}
	s, err := c.openWritable(ctx, *db)
	if err != nil {
		return err
	}
	defer s.Close()
	r, ok := s.(factions.Resolver)
	if !ok {
		return fmt.Errorf("resolve: the store cannot resolve its entities")
	}
	// every occurrence of the store is in memory at once: the heap's
	// pages faulted in 2 MiB at a time (see hugeHeap)
	hugepages.Reserve(hugeHeap)
	st, err := r.Resolve(ctx)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(c.Stdout, "resolved: %d entities; %d occurrences moved, %d entities made, %d renamed, %d merged\n",
		st.Entities, st.Moved, st.Created, st.Renamed, st.Gone)
	return err
}
