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
	if err := writeCard(safe(c.Stdout), card); err != nil {
		return err
	}
	return writeNamesakes(safe(c.Stdout), name, found[1:])
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
	section := func(title string, cs []*factions.Claim, line func(*factions.Claim) string, held bool) {
		if len(cs) == 0 {
			return
		}
		fmt.Fprintf(&b, "\n%s\n", title)
		for _, c := range cs {
			fmt.Fprintf(&b, "  %s%s\n", line(c), since(c, held))
		}
	}
	for _, l := range card.Lists() {
		section(l.Label, l.Claims, func(c *factions.Claim) string { return otherParty(l, e, c) }, true)
	}
	section("Former", card.Former, func(c *factions.Claim) string { return rowLine(e, c) }, false)
	section("Unconfirmed (another is better supported, or one article only)", card.Unconfirmed,
		func(c *factions.Claim) string { return rowLine(e, c) }, false)
	fmt.Fprintf(&b, "\nClaims (%d)\n", len(card.Claims))
	for _, c := range card.Claims {
		fmt.Fprintf(&b, "  %s  %s", dayOf(c.Date, c.DateUntil, c.Undated), claimLine(c))
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

// rowLine renders a claim of Former or Unconfirmed: for the card's entity
// e as its subject, its role (or predicate) and object ("chief minister,
// Sindh"); else its subject and role ("Rafiq Zardan (leader)").
func rowLine(e *factions.Entity, c *factions.Claim) string {
	role := c.Role
	if role == "" {
		role = c.Predicate.Info().MemberRole
	}
	if c.SubjectID == e.ID || strings.EqualFold(c.Subject, e.Name) {
		if c.Role != "" {
			return c.Role + ", " + c.Object
		}
		return string(c.Predicate) + " " + c.Object
	}
	if role == "" {
		role = string(c.Predicate)
	}
	return c.Subject + " (" + role + ")"
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

// dayOf renders the date of an article: YYYY-MM-DD, or for one with no
// date the period it is known to fall in ("2004–2005"), else "date unknown".
func dayOf(t, until time.Time, undated bool) string {
	switch {
	case t.IsZero():
		return "date unknown"
	case undated:
		return period(t, until)
	}
	return t.Format("2006-01-02")
}

// period renders a period: whole years as years, else its first and last
// day.
func period(from, until time.Time) string {
	if until.Before(from) {
		until = from
	}
	if from.YearDay() == 1 && until.AddDate(0, 0, 1).YearDay() == 1 {
		if from.Year() == until.Year() {
			return from.Format("2006")
		}
		return from.Format("2006") + "–" + until.Format("2006")
	}
	return from.Format("2006-01-02") + "–" + until.Format("2006-01-02")
}

// since renders the dates of a row of a card: for a fact that holds
// (held), the date it holds from and of the latest claim saying so; for
// another, the dates of the first and the latest claims. Then its support:
// the articles asserting it ("one article only" when one does: a weak
// claim), the sources when several, its stance and attribution, and why it
// is unconfirmed or when it ended.
func since(c *factions.Claim, held bool) string {
	var parts []string
	switch {
	case c.Date.IsZero():
		parts = append(parts, "date unknown") // the article has no date
	case c.Undated:
		parts = append(parts, "in "+period(c.Date, c.DateUntil))
	case held:
		d := "since " + c.Date.Format("2006-01-02")
		if c.Latest.After(c.Date) {
			d += ", last " + c.Latest.Format("2006-01-02")
		}
		parts = append(parts, d)
	default:
		d := c.Date.Format("2006-01-02")
		if !c.First.IsZero() && c.Latest.After(c.First) {
			d = c.First.Format("2006-01-02") + " to " + c.Latest.Format("2006-01-02")
		}
		parts = append(parts, d)
	}
	switch {
	case c.Articles == 1:
		parts = append(parts, "one article only")
	case c.Articles > 1:
		parts = append(parts, fmt.Sprintf("%d articles", c.Articles))
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
	if c.Note != "" {
		parts = append(parts, c.Note)
	}
	return "  (" + strings.Join(parts, "; ") + ")"
}

// timeZero is the zero time: a card with every claim counted.
var timeZero time.Time
