package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/factions/factions"
)

// EntitiesCommand lists what the knowledge base knows, most named first.
type EntitiesCommand struct{ *Main }

// Run lists entities with how often they are named, their type and aliases.
func (c *EntitiesCommand) Run(ctx context.Context, args []string) error {
	fs := c.newFlagSet("entities", "[--db PATH] [--type person|organization|place] [--limit N] [--json]")
	db := dbFlag(fs)
	typ := fs.String("type", "", "only entities of this type: person, organization or place")
	limit := fs.Int("limit", 50, "at most this many (0: all)")
	asJSON := fs.Bool("json", false, "print JSON")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return fmt.Errorf("entities: unexpected argument %q (to look one up, use show NAME)", fs.Arg(0))
	}
	f := factions.EntityFilter{Type: factions.EntityType(*typ), Limit: max(*limit, 0)}
	if f.Type != "" && !f.Type.Valid() {
		return fmt.Errorf("entities: --type %q: want person, organization or place", *typ)
	}
	s, err := c.openStore(ctx, *db)
	if err != nil {
		return err
	}
	defer s.Close()
	es, err := s.Entities(ctx, f)
	if err != nil {
		return err
	}
	if *asJSON {
		return writeJSON(c.Stdout, es)
	}
	var b strings.Builder
	for _, e := range es {
		fmt.Fprintf(&b, "%6d  %s (%s)", e.MentionCount, e.Name, e.Type)
		if len(e.Aliases) > 0 {
			fmt.Fprintf(&b, "  also: %s", strings.Join(e.Aliases, ", "))
		}
		b.WriteString("\n")
	}
	_, err = io.WriteString(safe(c.Stdout), b.String())
	return err
}

// ClaimsCommand lists claims, contested ones side by side.
type ClaimsCommand struct{ *Main }

// Run lists the claims about NAME, or all; --contested keeps only contested
// ones, grouped by fact.
func (c *ClaimsCommand) Run(ctx context.Context, args []string) error {
	fs := c.newFlagSet("claims", "[--db PATH] [--contested] [--json] [NAME]")
	db := dbFlag(fs)
	contested := fs.Bool("contested", false, "only claims asserted by one source and denied or contradicted by another, both sides together")
	asJSON := fs.Bool("json", false, "print JSON: the claims, or with --contested the disputes with their sides (for, against)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	s, err := c.openStore(ctx, *db)
	if err != nil {
		return err
	}
	defer s.Close()
	f := factions.ClaimFilter{Contested: *contested}
	if fs.NArg() > 0 {
		e, err := findEntity(ctx, s, strings.Join(fs.Args(), " "))
		if err != nil {
			return err
		}
		f.EntityID = e.ID
	}
	claims, err := s.Claims(ctx, f)
	if err != nil {
		return err
	}
	switch {
	case *asJSON && *contested:
		return writeJSON(c.Stdout, factions.Contests(claims))
	case *asJSON:
		return writeJSON(c.Stdout, claims)
	case *contested:
		return writeContests(safe(c.Stdout), factions.Contests(claims))
	}
	return writeClaims(safe(c.Stdout), claims, false)
}

// writeContests prints each dispute with its two sides one after the
// other: what says the relation holds, then what says it does not, each
// claim with its sentence.
func writeContests(w io.Writer, cs []*factions.Contest) error {
	var b strings.Builder
	if len(cs) == 0 {
		b.WriteString("no contested claims\n")
	}
	for i, g := range cs {
		if i > 0 {
			b.WriteString("\n")
		}
		fmt.Fprintf(&b, "%s — %s: contested\n", g.Subject, g.Object)
		for _, side := range []struct {
			label  string
			claims []*factions.Claim
		}{{"for", g.For}, {"against", g.Against}} {
			for j, c := range side.claims {
				label := side.label + ":"
				if j > 0 {
					label = ""
				}
				fact := fmt.Sprintf("%s %s %s", c.Subject, c.Predicate, c.Object)
				if c.Role != "" {
					fact += " [" + c.Role + "]"
				}
				if c.Former {
					fact += " (former)"
				}
				fmt.Fprintf(&b, "  %-8s #%d %s: %s\n", label, c.ID, fact, claimSource(c))
				fmt.Fprintf(&b, "  %-8s     “%s”\n", "", oneLine(c.Sentence, 200))
			}
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// claimSource renders who put a claim forward, where and when.
func claimSource(c *factions.Claim) string {
	who := c.AttributedTo
	if who == "" {
		who = "the article"
	}
	src := c.Source
	if src == "" {
		src = "article " + strconv.FormatInt(c.ArticleID, 10)
	}
	return fmt.Sprintf("%s by %s (%s, %s)", c.Stance, who, src, dayOf(c.Date, c.DateUntil, c.Undated))
}

// writeClaims prints claims grouped by fact, each with its date, source and
// sentence.
func writeClaims(w io.Writer, claims []*factions.Claim, contested bool) error {
	var b strings.Builder
	groups := map[string][]*factions.Claim{}
	var order []string
	for _, c := range claims {
		k := factions.FactKey(c)
		if _, ok := groups[k]; !ok {
			order = append(order, k)
		}
		groups[k] = append(groups[k], c)
	}
	if len(claims) == 0 {
		if contested {
			b.WriteString("no contested claims\n")
		} else {
			b.WriteString("no claims\n")
		}
	}
	for i, k := range order {
		cs := groups[k]
		if i > 0 {
			b.WriteString("\n")
		}
		c0 := cs[0]
		fmt.Fprintf(&b, "%s %s %s", c0.Subject, c0.Predicate, c0.Object)
		if c0.Role != "" {
			fmt.Fprintf(&b, " [%s]", c0.Role)
		}
		if c0.Contested {
			b.WriteString("  — contested")
		}
		b.WriteString("\n")
		for _, c := range cs {
			who := c.AttributedTo
			if who == "" {
				who = "the article"
			}
			date := dayOf(c.Date, c.DateUntil, c.Undated)
			src := c.Source
			if src == "" {
				src = "article " + strconv.FormatInt(c.ArticleID, 10)
			}
			fmt.Fprintf(&b, "  #%d %-8s by %s (%s, %s)\n", c.ID, c.Stance, who, src, date)
			fmt.Fprintf(&b, "      “%s”\n", oneLine(c.Sentence, 200))
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// LineageCommand prints an organisation's tree of factions, bodies and mergers.
type LineageCommand struct{ *Main }

// Run finds the organisation and prints its lineage.
func (c *LineageCommand) Run(ctx context.Context, args []string) error {
	fs := c.newFlagSet("lineage", "[--db PATH] [--json] ORG")
	db := dbFlag(fs)
	asJSON := fs.Bool("json", false, "print the tree as JSON")
	if err := fs.Parse(args); err != nil {
		return err
	}
	s, e, err := c.openEntity(ctx, fs, *db, "lineage: name an organization")
	if err != nil {
		return err
	}
	defer s.Close()
	var all []*factions.Claim
	for _, p := range factions.LineagePredicates {
		cs, err := s.Claims(ctx, factions.ClaimFilter{Predicate: p})
		if err != nil {
			return err
		}
		all = append(all, cs...)
	}
	root := factions.BuildLineage(e.ID, all)
	if root.Entity == "" {
		root.Entity = e.Name
	}
	if *asJSON {
		return writeJSON(c.Stdout, root)
	}
	var b strings.Builder
	writeNode(&b, root, "", "")
	_, err = io.WriteString(safe(c.Stdout), b.String())
	return err
}

// writeNode prints a lineage tree with box-drawing branches.
func writeNode(b *strings.Builder, n *factions.LineageNode, prefix, branch string) {
	b.WriteString(prefix + branch + n.Entity)
	var notes []string
	if n.Relation != "" {
		rel := n.Relation.Info().Lineage
		if !n.Since.IsZero() {
			rel += ", since " + n.Since.Format("2006-01-02")
		}
		notes = append(notes, rel)
	}
	if n.Merged != nil {
		mg := "merged into " + n.Merged.Entity
		if !n.Merged.Date.IsZero() {
			mg += " " + n.Merged.Date.Format("2006-01-02")
		}
		notes = append(notes, mg)
	}
	if len(notes) > 0 {
		fmt.Fprintf(b, "  (%s)", strings.Join(notes, "; "))
	}
	b.WriteString("\n")
	switch branch {
	case "├── ":
		prefix += "│   "
	case "└── ":
		prefix += "    "
	}
	for i, ch := range n.Children {
		br := "├── "
		if i == len(n.Children)-1 {
			br = "└── "
		}
		writeNode(b, ch, prefix, br)
	}
}

// QuotesCommand prints what a person said, newest first.
type QuotesCommand struct{ *Main }

// Run finds the speaker and prints the statements.
func (c *QuotesCommand) Run(ctx context.Context, args []string) error {
	fs := c.newFlagSet("quotes", "[--db PATH] [--json] NAME")
	db := dbFlag(fs)
	asJSON := fs.Bool("json", false, "print the statements as JSON")
	if err := fs.Parse(args); err != nil {
		return err
	}
	s, e, err := c.openEntity(ctx, fs, *db, "quotes: name a speaker")
	if err != nil {
		return err
	}
	defer s.Close()
	sts, err := s.Statements(ctx, factions.StatementFilter{SpeakerID: e.ID})
	if err != nil {
		return err
	}
	if *asJSON {
		return writeJSON(c.Stdout, sts)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %d statements\n", e.Name, len(sts))
	for _, st := range sts {
		date := dayOf(st.Date, st.DateUntil, st.Undated)
		src := st.Source
		if st.Title != "" {
			if src != "" {
				src += ", "
			}
			src += st.Title
		}
		fmt.Fprintf(&b, "\n%s  %s\n", date, src)
		if st.Kind == factions.Direct {
			fmt.Fprintf(&b, "  “%s”\n", oneLine(st.Text, 400))
		} else {
			fmt.Fprintf(&b, "  (reported) %s\n", oneLine(st.Text, 400))
		}
	}
	_, err = io.WriteString(safe(c.Stdout), b.String())
	return err
}

// openEntity opens the store and finds the entity the command's arguments
// name; with no arguments it prints the usage and returns an error saying
// what is missing. The caller closes the store.
func (m *Main) openEntity(ctx context.Context, fs *flag.FlagSet, db, missing string) (factions.Store, *factions.Entity, error) {
	if fs.NArg() == 0 {
		fs.Usage()
		return nil, nil, errors.New(missing)
	}
	s, err := m.openStore(ctx, db)
	if err != nil {
		return nil, nil, err
	}
	e, err := entityRef(ctx, s, strings.Join(fs.Args(), " "))
	if err != nil {
		s.Close()
		return nil, nil, err
	}
	return s, e, nil
}
