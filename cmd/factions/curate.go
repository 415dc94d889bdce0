package main

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/factions/factions"
)

// CurateCommand runs one curation action: merge, split, rename, reject,
// undo, log or resolutions.
type CurateCommand struct {
	*Main
	action string
}

// Run performs the action and prints the audit entry it made.
func (c *CurateCommand) Run(ctx context.Context, args []string) error {
	usage := map[string]string{
		"merge":       "[--db PATH] [--note TEXT] KEEP DROP   (names or #IDs: DROP's names, mentions and claims move to KEEP)",
		"split":       "[--db PATH] [--note TEXT] ENTITY ALIAS   (ALIAS and what was read under it become a new entity)",
		"rename":      "[--db PATH] [--note TEXT] ENTITY NEW-NAME",
		"reject":      "[--db PATH] [--note TEXT] CLAIM-ID",
		"undo":        "[--db PATH] AUDIT-ID",
		"log":         "[--db PATH]",
		"resolutions": "[--db PATH] ENTITY   (why each article's name was taken to be this entity)",
	}[c.action]
	fs := c.newFlagSet(c.action, usage)
	db := dbFlag(fs)
	note := fs.String("note", "", "why, kept in the audit log")
	if err := fs.Parse(args); err != nil {
		return err
	}
	want := map[string]int{"merge": 2, "split": 2, "rename": 2, "reject": 1, "undo": 1, "log": 0, "resolutions": 1}[c.action]
	if fs.NArg() != want {
		fs.Usage()
		return fmt.Errorf("%s: want %d arguments, got %d", c.action, want, fs.NArg())
	}
	open := c.openWritable
	if c.action == "log" || c.action == "resolutions" {
		open = c.openStore
	}
	s, err := open(ctx, *db)
	if err != nil {
		return err
	}
	defer s.Close()
	out := safe(c.Stdout)
	var entry *factions.AuditEntry
	switch c.action {
	case "merge":
		keep, err := entityRef(ctx, s, fs.Arg(0))
		if err != nil {
			return err
		}
		drop, err := entityRef(ctx, s, fs.Arg(1))
		if err != nil {
			return err
		}
		entry, err = s.Merge(ctx, keep.ID, drop.ID, *note)
		if err != nil {
			return err
		}
	case "split":
		e, err := entityRef(ctx, s, fs.Arg(0))
		if err != nil {
			return err
		}
		var id int64
		id, entry, err = s.Split(ctx, e.ID, fs.Arg(1), *note)
		if err != nil {
			return err
		}
		fmt.Fprintf(out, "new entity #%d %q\n", id, fs.Arg(1))
	case "rename":
		e, err := entityRef(ctx, s, fs.Arg(0))
		if err != nil {
			return err
		}
		entry, err = s.Rename(ctx, e.ID, fs.Arg(1), *note)
		if err != nil {
			return err
		}
	case "reject":
		id, err := parseID(fs.Arg(0))
		if err != nil {
			return err
		}
		entry, err = s.RejectClaim(ctx, id, *note)
		if err != nil {
			return err
		}
	case "undo":
		id, err := parseID(fs.Arg(0))
		if err != nil {
			return err
		}
		if err := s.Undo(ctx, id); err != nil {
			return err
		}
		fmt.Fprintf(out, "undone #%d\n", id)
		return nil
	case "log":
		es, err := s.AuditLog(ctx)
		if err != nil {
			return err
		}
		for _, e := range es {
			writeEntry(out, e)
		}
		return nil
	case "resolutions":
		e, err := entityRef(ctx, s, fs.Arg(0))
		if err != nil {
			return err
		}
		rs, err := s.Resolutions(ctx, e.ID)
		if err != nil {
			return err
		}
		fmt.Fprintf(out, "%s (#%d)\n", e.Name, e.ID)
		for _, r := range rs {
			fmt.Fprintf(out, "  article %d: %q — %s\n", r.ArticleID, r.Name, r.Reason)
		}
		return nil
	}
	writeEntry(out, entry)
	return nil
}

// entityRef finds an entity by "#ID" or by name.
func entityRef(ctx context.Context, s factions.Store, ref string) (*factions.Entity, error) {
	if strings.HasPrefix(ref, "#") {
		id, err := parseID(ref)
		if err != nil {
			return nil, err
		}
		return s.Entity(ctx, id)
	}
	return findEntity(ctx, s, ref)
}

// parseID reads "12" or "#12".
func parseID(s string) (int64, error) {
	id, err := strconv.ParseInt(strings.TrimPrefix(s, "#"), 10, 64)
	if err != nil || id <= 0 {
		return 0, factions.Errorf(factions.EINVALID, "%q is not an id", s)
	}
	return id, nil
}

// named renders what an audit entry changed: its name and ID ("Rafiq
// Zardan #3", "claim #12: Rafiq Zardan leads People's Unity Front").
func named(name string, id int64, claim bool) string {
	switch {
	case claim && name != "":
		return fmt.Sprintf("claim #%d: %s", id, name)
	case claim:
		return fmt.Sprintf("claim #%d", id)
	case name != "":
		return fmt.Sprintf("%s #%d", name, id)
	}
	return fmt.Sprintf("#%d", id)
}

// writeEntry prints one audit entry: what it did to which entities (a
// merge "KEEP ← DROP", a split "ENTITY → NEW"), and its note.
func writeEntry(w io.Writer, e *factions.AuditEntry) {
	if e == nil {
		return
	}
	undone := ""
	if e.Undone {
		undone = " (undone)"
	}
	fmt.Fprintf(w, "#%d %s %s %s", e.ID, e.Time.Format("2006-01-02 15:04"), e.Action, named(e.TargetName, e.Target, e.Action == "reject"))
	if e.Other != 0 {
		word := map[string]string{"merge": " ← ", "split": " → "}[e.Action]
		if word == "" {
			word = " and "
		}
		fmt.Fprintf(w, "%s%s", word, named(e.OtherName, e.Other, false))
	}
	if e.Note != "" {
		fmt.Fprintf(w, " — %s", e.Note)
	}
	fmt.Fprintf(w, "%s\n", undone)
}
