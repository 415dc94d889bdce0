package main

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/factions/factions"
)

// ShowCommand prints an entity's card.
type ShowCommand struct{ *Main }

// Run parses the flags, finds the entity and prints its card.
func (c *ShowCommand) Run(ctx context.Context, args []string) error {
	fs := c.newFlagSet("show", "[--db PATH] [--as-of YYYY-MM-DD] [--json] NAME")
	db := dbFlag(fs)
	asOf := fs.String("as-of", "", "show what held on this date (YYYY-MM-DD)")
	asJSON := fs.Bool("json", false, "print the card as JSON")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return fmt.Errorf("show: name an entity")
	}
	var at time.Time
	if *asOf != "" {
		t, err := time.Parse("2006-01-02", *asOf)
		if err != nil {
			return fmt.Errorf("show: --as-of %q: want YYYY-MM-DD", *asOf)
		}
		at = t.Add(24*time.Hour - time.Nanosecond) // the whole day
	}
	s, err := c.openStore(ctx, *db)
	if err != nil {
		return err
	}
	defer s.Close()
	name := strings.Join(fs.Args(), " ")
	var found []*factions.Entity // the entities name finds, best first
	if strings.HasPrefix(name, "#") {
		e, err := entityRef(ctx, s, name)
		if err != nil {
			return err
		}
		found = []*factions.Entity{e}
	} else if found, err = s.FindEntities(ctx, name); err != nil {
		return err
	} else if len(found) == 0 {
		return factions.Errorf(factions.ENOTFOUND, "no entity named %q", name)
	}
	card, err := factions.LoadCard(ctx, s, found[0], at)
	if err != nil {
		return err
	}
	if *asJSON {
		return writeJSON(c.Stdout, card)
	}
	if err := writeCard(c.Stdout, card); err != nil {
		return err
	}
	return writeNamesakes(c.Stdout, name, found[1:])
}

// writeNamesakes tells of the other entities that name finds, if any, and
// how to show one of them.
func writeNamesakes(w io.Writer, name string, others []*factions.Entity) error {
	if len(others) == 0 {
		return nil
	}
	var list []string
	for _, e := range others {
		list = append(list, fmt.Sprintf("#%d %s (%s)", e.ID, e.Name, e.Type))
	}
	_, err := fmt.Fprintf(w, "\n%q also names: %s; show #ID shows one\n", name, strings.Join(list, ", "))
	return err
}

// findEntity returns the entity best matching name, or ENOTFOUND.
func findEntity(ctx context.Context, s factions.Store, name string) (*factions.Entity, error) {
	es, err := s.FindEntities(ctx, name)
	if err != nil {
		return nil, err
	}
	if len(es) == 0 {
		return nil, factions.Errorf(factions.ENOTFOUND, "no entity named %q", name)
	}
	return es[0], nil
}

// writeCard prints a card for the terminal.
func writeCard(w io.Writer, card *factions.EntityCard) error {
	var b strings.Builder
	e := card.Entity
	fmt.Fprintf(&b, "%s (%s)\n", e.Name, e.Type)
	if len(card.Aliases) > 0 {
		fmt.Fprintf(&b, "  also: %s\n", strings.Join(card.Aliases, ", "))
	}
	if !card.AsOf.IsZero() {
		fmt.Fprintf(&b, "  as of %s\n", card.AsOf.Format("2006-01-02"))
	}
	section := func(title string, cs []*factions.Claim, line func(*factions.Claim) string) {
		if len(cs) == 0 {
			return
		}
		fmt.Fprintf(&b, "\n%s\n", title)
		for _, c := range cs {
			fmt.Fprintf(&b, "  %s%s\n", line(c), since(c))
		}
	}
	for _, l := range card.Lists() {
		section(l.Label, l.Claims, func(c *factions.Claim) string { return otherParty(l, e, c) })
	}
	section("Former", card.Former, func(c *factions.Claim) string {
		s := string(c.Predicate) + " " + c.Object
		if c.Role != "" {
			s = c.Role + ", " + c.Object
		}
		return s
	})
	fmt.Fprintf(&b, "\nClaims (%d)\n", len(card.Claims))
	for _, c := range card.Claims {
		fmt.Fprintf(&b, "  %s  %s", dayOf(c.Date, false), claimLine(c))
		if c.Undated {
			b.WriteString("  [undated article: date of ingestion]")
		}
		if c.Contested {
			b.WriteString("  [contested]")
		}
		if c.Rejected {
			b.WriteString("  [rejected]")
		}
		b.WriteString("\n")
		src := c.Source
		if src == "" {
			src = fmt.Sprintf("article %d", c.ArticleID)
		}
		fmt.Fprintf(&b, "      %s: “%s”\n", src, oneLine(c.Sentence, 200))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// otherParty renders the party of c other than the card's entity e, as the
// card's list l shows it: the object of a claim e is the subject of, the
// subject of one it is the object of, either for a symmetric predicate,
// with the claim's role where l shows roles.
func otherParty(l factions.CardList, e *factions.Entity, c *factions.Claim) string {
	switch {
	case l.Side < 0:
		if c.ObjectID == e.ID || strings.EqualFold(c.Object, e.Name) {
			return c.Subject
		}
		return c.Object
	case !l.Role || c.Role == "":
		if l.Side == 0 {
			return c.Object
		}
		return c.Subject
	case l.Side == 0:
		return c.Role + ", " + c.Object
	}
	return c.Subject + " (" + c.Role + ")"
}

// dayOf renders a date as YYYY-MM-DD; one taken from an article without a
// date (undated: when it was ingested) is marked so.
func dayOf(t time.Time, undated bool) string {
	switch {
	case t.IsZero():
		return "undated   "
	case undated:
		return t.Format("2006-01-02") + " (ingested)"
	}
	return t.Format("2006-01-02")
}

// since renders the date a claim holds from and its support.
func since(c *factions.Claim) string {
	var parts []string
	switch {
	case c.Undated:
		parts = append(parts, "ingested "+c.Date.Format("2006-01-02")) // the article has no date
	case !c.Date.IsZero():
		parts = append(parts, "since "+c.Date.Format("2006-01-02"))
	}
	if c.Supporters > 1 {
		parts = append(parts, fmt.Sprintf("%d sources", c.Supporters)) // assert it
	}
	if c.Stance != factions.Asserted {
		parts = append(parts, string(c.Stance))
	}
	if c.AttributedTo != "" {
		parts = append(parts, "according to "+c.AttributedTo)
	}
	if c.Contested {
		parts = append(parts, "contested")
	}
	if len(parts) == 0 {
		return ""
	}
	return "  (" + strings.Join(parts, "; ") + ")"
}

// timeZero is the zero time: a card with every claim counted.
var timeZero time.Time
