package factions

import (
	"context"
	"sort"
	"strconv"
	"strings"
	"time"
)

// This file holds the knowledge-base logic that needs no database: which
// claims are contested, what holds as of a date, the card shown for an
// entity and the lineage tree of an organization. Stores fill the claims
// (SubjectID, ObjectID, ArticleID, Date, Source); these functions read them.

// entityKey names the entity a claim refers to: its ID when a store set one,
// its normalized name otherwise.
func entityKey(id int64, name string) string {
	if id != 0 {
		return "#" + strconv.FormatInt(id, 10)
	}
	return "n:" + NormalizeName(name)
}

// FactKey returns the key under which claims state the same fact: subject,
// predicate, object and, for a Post predicate (holds_post), the normalized
// role. The two sides of a symmetric predicate (allied_with) are put in a
// fixed order so that either direction gives one key.
func FactKey(c *Claim) string {
	s, o := entityKey(c.SubjectID, c.Subject), entityKey(c.ObjectID, c.Object)
	if c.Predicate.Symmetric() && o < s {
		s, o = o, s
	}
	role := ""
	if c.Predicate.Info().Post {
		role = NormalizeName(c.Role)
	}
	return s + "|" + string(c.Predicate) + "|" + o + "|" + role
}

// SourceKey returns who puts a claim forward, for counting supporters: the
// normalized attribution when there is one, else the article's source (the
// paper), else the article itself.
func SourceKey(c *Claim) string {
	if a := NormalizeName(c.AttributedTo); a != "" {
		return "attr:" + a
	}
	if s := NormalizeName(c.Source); s != "" {
		return "source:" + s
	}
	return "article:" + strconv.FormatInt(c.ArticleID, 10)
}

// MarkContested sets Contested and Supporters on every claim of claims,
// judging each against the others; rejected claims are not counted as
// evidence.
//
// A claim is contested when
//   - its fact (FactKey) is denied by one claim and asserted or hedged by
//     another, whatever their sources; or
//   - it is a current (not Former) asserted Affiliation (member_of,
//     holds_post, leads) of a person and an organization, and an asserted
//     Leaving claim (`left`) of the same person and organization comes
//     from another article or another attribution, dated on or before it
//     (the person is said to have left, and is later or at once said to
//     still be there); both claims are contested. A membership dated
//     before the `left` is history, not a contradiction.
//
// Supporters is the number of distinct sources (SourceKey) asserting the
// claim's fact.
func MarkContested(claims []*Claim) {
	type group struct {
		affirm, deny bool
		sources      map[string]bool
	}
	groups := map[string]*group{}
	keys := make([]string, len(claims))
	lefts := map[pair][]*Claim{}
	members := map[pair][]*Claim{}
	for i, c := range claims {
		k := FactKey(c)
		keys[i] = k
		g := groups[k]
		if g == nil {
			g = &group{sources: map[string]bool{}}
			groups[k] = g
		}
		c.Contested = false
		if c.Rejected {
			continue
		}
		switch c.Stance {
		case Denied:
			g.deny = true
		case Asserted:
			g.affirm = true
			g.sources[SourceKey(c)] = true
		case Hedged:
			g.affirm = true
		}
		if c.Stance != Asserted {
			continue
		}
		p := claimPair(c)
		if info := c.Predicate.Info(); info.Tenure == Leaving {
			lefts[p] = append(lefts[p], c)
		} else if info.Affiliation && !c.Former {
			members[p] = append(members[p], c)
		}
	}
	for i, c := range claims {
		g := groups[keys[i]]
		c.Supporters = len(g.sources)
		if g.affirm && g.deny {
			c.Contested = true
		}
	}
	for p, ls := range lefts {
		for _, m := range members[p] {
			for _, l := range ls {
				if m.Date.Before(l.Date) {
					continue
				}
				if m.ArticleID != l.ArticleID || NormalizeName(m.AttributedTo) != NormalizeName(l.AttributedTo) {
					m.Contested, l.Contested = true, true
				}
			}
		}
	}
}

// rolesMatch reports whether two holds_post roles name the same post: equal
// once normalized, one empty, or the words of one inside the other.
func rolesMatch(a, b string) bool {
	a, b = NormalizeName(a), NormalizeName(b)
	if a == "" || b == "" || a == b {
		return true
	}
	return strings.Contains(" "+a+" ", " "+b+" ") || strings.Contains(" "+b+" ", " "+a+" ")
}

func byDate(cs []*Claim) {
	sort.SliceStable(cs, func(i, j int) bool {
		if !cs[i].Date.Equal(cs[j].Date) {
			return cs[i].Date.Before(cs[j].Date)
		}
		return cs[i].ID < cs[j].ID
	})
}

// pair names the subject and object of a claim (entityKey).
type pair struct{ s, o string }

// claimPair returns the pair of c's subject and object.
func claimPair(c *Claim) pair {
	return pair{entityKey(c.SubjectID, c.Subject), entityKey(c.ObjectID, c.Object)}
}

// StateAsOf returns the claims whose facts hold at asOf, oldest first, and
// the affiliations (posts, memberships, leaderships) that no longer hold;
// a zero asOf means now, with every claim counted.
//
// Claims dated after asOf, rejected claims and denied claims are ignored.
// Events (founded, left, died_in: see Tenure) are not states and are never
// returned. Any other fact stated as current (Former false, asserted or
// hedged) holds from its claim's date until an asserted claim dated on or
// after it closes it:
//   - a claim of the same fact with Former true (for a Post predicate, a
//     role that matches: equal, empty, or one inside the other);
//   - for an Affiliation, a Leaving claim (left) of the same person and
//     organization;
//   - for a fact a person can be the subject of, a Death claim (died_in)
//     of its subject.
//
// A fact stated again after it was closed holds again. For each fact that
// holds, the claim returned in held is the first one stating it after it
// was last closed: its Date is when the fact has held since. For each
// affiliation no longer held, ended has the last claim that stated it, or
// the Former claim when only that is known.
func StateAsOf(claims []*Claim, asOf time.Time) (held, ended []*Claim) {
	return newTenures(claims, asOf).eval()
}

// tenures is the claims StateAsOf weighs, sorted by what they do: those
// that open a fact by its FactKey (in the order the facts were first
// stated), and the Former, Leaving and Death claims that close them.
type tenures struct {
	openers map[string][]*Claim
	order   []string
	formers map[pair][]*Claim // by (subject, object)
	leaving map[pair][]*Claim
	deaths  map[string][]*Claim // by subject
}

// newTenures sorts the claims dated by asOf (zero: all) that are valid and
// neither rejected nor denied.
func newTenures(claims []*Claim, asOf time.Time) *tenures {
	var cs []*Claim
	for _, c := range claims {
		if c.Rejected || c.Stance == Denied || !c.Predicate.Valid() {
			continue
		}
		if !asOf.IsZero() && c.Date.After(asOf) {
			continue
		}
		cs = append(cs, c)
	}
	byDate(cs)
	t := &tenures{openers: map[string][]*Claim{}, formers: map[pair][]*Claim{},
		leaving: map[pair][]*Claim{}, deaths: map[string][]*Claim{}}
	for _, c := range cs {
		t.add(c)
	}
	return t
}

// add files c, one of the claims in date order.
func (t *tenures) add(c *Claim) {
	p := claimPair(c)
	asserted := c.Stance == Asserted
	switch tenure := c.Predicate.Info().Tenure; {
	case tenure == Leaving:
		if asserted {
			t.leaving[p] = append(t.leaving[p], c)
		}
	case tenure == Death:
		if asserted {
			t.deaths[p.s] = append(t.deaths[p.s], c)
		}
	case tenure == Event:
	case c.Former:
		if asserted {
			t.formers[p] = append(t.formers[p], c)
		}
	default:
		k := FactKey(c)
		if _, ok := t.openers[k]; !ok {
			t.order = append(t.order, k)
		}
		t.openers[k] = append(t.openers[k], c)
	}
}

// closedAt returns the date of the last claim that closes the fact o
// states, and that claim; nil when none does.
func (t *tenures) closedAt(o *Claim) (at time.Time, by *Claim) {
	p := claimPair(o)
	info := o.Predicate.Info()
	note := func(c *Claim) {
		if by == nil || c.Date.After(at) {
			at, by = c.Date, c
		}
	}
	fs := t.formers[p]
	if info.Symmetric {
		fs = append(fs[:len(fs):len(fs)], t.formers[pair{p.o, p.s}]...)
	}
	for _, c := range fs {
		if c.Predicate == o.Predicate && (!info.Post || rolesMatch(c.Role, o.Role)) {
			note(c)
		}
	}
	if info.Affiliation {
		for _, c := range t.leaving[p] {
			note(c)
		}
	}
	if info.endsAtDeath() {
		for _, c := range t.deaths[p.s] {
			note(c)
		}
	}
	return at, by
}

// eval returns the facts held and the affiliations ended (see StateAsOf).
func (t *tenures) eval() (held, ended []*Claim) {
	seen := map[string]bool{}
	for _, k := range t.order {
		os := t.openers[k]
		last, by := t.closedAt(os[0])
		var since *Claim
		for _, o := range os {
			if by == nil || o.Date.After(last) {
				since = o
				break
			}
		}
		seen[k] = true
		if since != nil {
			held = append(held, since)
		} else if os[0].Predicate.Affiliation() {
			ended = append(ended, os[len(os)-1])
		}
	}
	// posts and memberships known only as former ones
	for _, fs := range t.formers {
		for _, f := range fs {
			if !f.Predicate.Affiliation() {
				continue
			}
			k := FactKey(f)
			if seen[k] {
				continue
			}
			seen[k] = true
			ended = append(ended, f)
		}
	}
	byDate(held)
	byDate(ended)
	return held, ended
}

// EntityCard is what is known about one entity, as shown by the show
// command: the state as of a date and every claim behind it. The slices of
// claims hold the claims whose facts hold at AsOf (see StateAsOf), except
// Former and Claims.
type EntityCard struct {
	Entity  *Entity   `json:"entity"`
	AsOf    time.Time `json:"as_of,omitempty"` // zero: now, every claim counted
	Aliases []string  `json:"aliases,omitempty"`

	Posts       []*Claim `json:"posts,omitempty"`       // holds_post: the posts it holds
	Officers    []*Claim `json:"officers,omitempty"`    // holds_post: who holds which post in it
	Memberships []*Claim `json:"memberships,omitempty"` // member_of: what it is a member of
	Leads       []*Claim `json:"leads,omitempty"`       // leads: what it leads
	Leaders     []*Claim `json:"leaders,omitempty"`     // leads: who leads it
	Members     []*Claim `json:"members,omitempty"`     // member_of: its members
	Factions    []*Claim `json:"factions,omitempty"`    // faction_of pointing at it
	FactionOf   []*Claim `json:"faction_of,omitempty"`  // faction_of: what it is a faction of
	PartOf      []*Claim `json:"part_of,omitempty"`     // part_of: the body it belongs to
	Parts       []*Claim `json:"parts,omitempty"`       // part_of pointing at it
	Allies      []*Claim `json:"allies,omitempty"`      // allied_with, either direction
	BasedIn     []*Claim `json:"based_in,omitempty"`    // based_in: where it is based
	// Other holds the lists of predicates whose card side (PredicateInfo.Card)
	// has a Key none of the fields above has, by that key.
	Other  map[string][]*Claim `json:"other,omitempty"`
	Former []*Claim            `json:"former,omitempty"` // posts, memberships and leaderships ended by AsOf
	Claims []*Claim            `json:"claims"`           // every claim about it up to AsOf, oldest first
}

// field returns the field of the card that key (CardSide.Key) names, or
// nil when the key is kept in Other.
func (card *EntityCard) field(key string) *[]*Claim {
	switch key {
	case "posts":
		return &card.Posts
	case "officers":
		return &card.Officers
	case "memberships":
		return &card.Memberships
	case "leads":
		return &card.Leads
	case "leaders":
		return &card.Leaders
	case "members":
		return &card.Members
	case "factions":
		return &card.Factions
	case "faction_of":
		return &card.FactionOf
	case "part_of":
		return &card.PartOf
	case "parts":
		return &card.Parts
	case "allies":
		return &card.Allies
	case "based_in":
		return &card.BasedIn
	}
	return nil
}

// add appends c to the list key names.
func (card *EntityCard) add(key string, c *Claim) {
	if l := card.field(key); l != nil {
		*l = append(*l, c)
		return
	}
	if card.Other == nil {
		card.Other = map[string][]*Claim{}
	}
	card.Other[key] = append(card.Other[key], c)
}

// List returns the claims of the list key names (CardSide.Key).
func (card *EntityCard) List(key string) []*Claim {
	if l := card.field(key); l != nil {
		return *l
	}
	return card.Other[key]
}

// CardList is one list of a card as it is shown: its side in the
// predicate table, which side of its claims the entity is on (Side 0: the
// subject, so that a line names the object; 1: the object; -1: either,
// for a symmetric predicate), and its claims.
type CardList struct {
	CardSide
	Side   int
	Claims []*Claim
}

// cardSides are the lists a card can have, in their Order, from the
// predicate table.
var cardSides = func() []CardList {
	var out []CardList
	at := map[string]int{}
	for _, r := range predicateTable {
		for side, cs := range r.Card {
			if cs.Key == "" {
				continue
			}
			if i, ok := at[cs.Key]; ok {
				if out[i].Side != side {
					out[i].Side = -1 // both sides of one predicate (allied_with)
				}
				continue
			}
			at[cs.Key] = len(out)
			out = append(out, CardList{CardSide: cs, Side: side})
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Order < out[j].Order })
	return out
}()

// Lists returns the card's lists of facts that hold, in the order they are
// shown (CardSide.Order), the empty ones left out.
func (card *EntityCard) Lists() []CardList {
	var out []CardList
	for _, l := range cardSides {
		if l.Claims = card.List(l.Key); len(l.Claims) > 0 {
			out = append(out, l)
		}
	}
	return out
}

// BuildCard returns the card of e from claims, the claims naming e as
// subject or object (as a store returns them for ClaimFilter.EntityID), as of
// asOf; a zero asOf means now, with every claim counted. Claims are matched to
// e by ID when e and the claim carry one, by normalized name or alias
// otherwise.
func BuildCard(e *Entity, claims []*Claim, asOf time.Time) *EntityCard {
	card := &EntityCard{Entity: e, AsOf: asOf, Aliases: e.Aliases, Claims: []*Claim{}}
	names := map[string]bool{NormalizeName(e.Name): true}
	for _, a := range e.Aliases {
		names[NormalizeName(a)] = true
	}
	is := func(id int64, name string) bool {
		if e.ID != 0 && id != 0 {
			return id == e.ID
		}
		return names[NormalizeName(name)]
	}
	var mine []*Claim
	for _, c := range claims {
		if !is(c.SubjectID, c.Subject) && !is(c.ObjectID, c.Object) {
			continue
		}
		mine = append(mine, c)
		if asOf.IsZero() || !c.Date.After(asOf) {
			card.Claims = append(card.Claims, c)
		}
	}
	byDate(card.Claims)
	// a leader's death or departure, and a holder's later post, close what
	// they held here though those claims do not name this entity
	subjects := map[string]bool{}
	for _, c := range mine {
		subjects[entityKey(c.SubjectID, c.Subject)] = true
	}
	state := mine
	for _, c := range claims {
		if is(c.SubjectID, c.Subject) || is(c.ObjectID, c.Object) {
			continue
		}
		if c.Predicate.Info().Tenure.Closes() && subjects[entityKey(c.SubjectID, c.Subject)] {
			state = append(state[:len(state):len(state)], c)
		}
	}
	held, ended := StateAsOf(state, asOf)
	// a held fact goes in its predicate's list for the entity as subject,
	// or in the one for it as object
	for _, c := range held {
		sides := c.Predicate.Info().Card
		switch {
		case is(c.SubjectID, c.Subject) && sides[0].Key != "":
			card.add(sides[0].Key, c)
		case is(c.ObjectID, c.Object) && sides[1].Key != "":
			card.add(sides[1].Key, c)
		}
	}
	for _, c := range ended {
		if is(c.SubjectID, c.Subject) {
			card.Former = append(card.Former, c)
		}
	}
	// who leads it, holds its posts or belongs to it: the best supported
	// first (sources asserting it), then in the order of their dates
	for _, r := range predicateTable {
		if key := r.Card[1].Key; r.Affiliation && key != "" {
			l := card.List(key)
			sort.SliceStable(l, func(i, j int) bool { return l[i].Supporters > l[j].Supporters })
		}
	}
	return card
}

// LineageNode is one organization in a lineage tree: how it relates to its
// parent node (Relation: faction_of, part_of or merged_into; empty at the
// root), since when (the date of the earliest claim saying so), where it
// merged when that is not its parent (a faction that joined another
// party), and its own factions, parts and the organizations merged into it.
type LineageNode struct {
	Entity   string         `json:"entity"`
	ID       int64          `json:"id"`
	Relation Predicate      `json:"relation,omitempty"`
	Since    time.Time      `json:"since,omitempty"`
	Merged   *LineageMerger `json:"merged_into,omitempty"`
	Children []*LineageNode `json:"children,omitempty"`
}

// LineageMerger is the organization a lineage node merged into, and when
// (the date of the earliest claim saying so).
type LineageMerger struct {
	Entity string    `json:"entity"`
	ID     int64     `json:"id"`
	Date   time.Time `json:"date,omitempty"`
}

// BuildLineage returns the tree of organizations descending from rootID
// through the claims among claims whose predicates have a Lineage wording
// (faction_of, part_of and merged_into; LineagePredicates)
// (rejected and denied claims left out): the children of a node are the
// subjects of claims whose object it is. Children are ordered by Since, then
// name, then ID. Every entity is expanded once: a relation found again (in a
// cycle, or by a second predicate) appears as a leaf, so the tree is finite.
// The root's name is taken from any claim naming it; it is empty when none
// does.
func BuildLineage(rootID int64, claims []*Claim) *LineageNode {
	type edge struct {
		child int64
		rel   Predicate
	}
	type info struct {
		name  string
		since time.Time
	}
	kids := map[int64][]edge{}
	edges := map[int64]map[edge]*info{}
	merged := map[int64]*LineageMerger{} // by the ID of the organization that merged
	root := &LineageNode{ID: rootID}
	for _, c := range claims {
		if c.SubjectID == rootID && root.Entity == "" {
			root.Entity = c.Subject
		}
		if c.ObjectID == rootID && root.Entity == "" {
			root.Entity = c.Object
		}
		if c.Rejected || c.Stance == Denied || c.SubjectID == 0 || c.ObjectID == 0 {
			continue
		}
		row := c.Predicate.Info()
		if row.Lineage == "" {
			continue
		}
		m := edges[c.ObjectID]
		if m == nil {
			m = map[edge]*info{}
			edges[c.ObjectID] = m
		}
		if row.Structure == Merger && c.SubjectID != c.ObjectID {
			if mg := merged[c.SubjectID]; mg == nil || c.Date.Before(mg.Date) {
				merged[c.SubjectID] = &LineageMerger{Entity: c.Object, ID: c.ObjectID, Date: c.Date}
			}
		}
		e := edge{c.SubjectID, c.Predicate}
		if in, ok := m[e]; ok {
			if c.Date.Before(in.since) {
				in.since = c.Date
			}
			continue
		}
		m[e] = &info{name: c.Subject, since: c.Date}
		kids[c.ObjectID] = append(kids[c.ObjectID], e)
	}
	expanded := map[int64]bool{rootID: true}
	root.Merged = merged[rootID]
	var grow func(n *LineageNode)
	grow = func(n *LineageNode) {
		for _, e := range kids[n.ID] {
			in := edges[n.ID][e]
			child := &LineageNode{Entity: in.name, ID: e.child, Relation: e.rel, Since: in.since}
			if mg := merged[e.child]; mg != nil && mg.ID != n.ID {
				child.Merged = mg // merged elsewhere than into this node
			}
			n.Children = append(n.Children, child)
		}
		sort.SliceStable(n.Children, func(i, j int) bool {
			a, b := n.Children[i], n.Children[j]
			if !a.Since.Equal(b.Since) {
				return a.Since.Before(b.Since)
			}
			if a.Entity != b.Entity {
				return a.Entity < b.Entity
			}
			if a.ID != b.ID {
				return a.ID < b.ID
			}
			return a.Relation < b.Relation
		})
		for _, c := range n.Children {
			if expanded[c.ID] {
				continue
			}
			expanded[c.ID] = true
			grow(c)
		}
	}
	grow(root)
	return root
}

// LoadCard reads the claims of e, and those of the people who lead it, hold
// posts in it or belong to it (their deaths and departures end what they held
// here), and builds e's card as of at (zero: every claim counted). It returns
// the store's error when a read fails.
func LoadCard(ctx context.Context, s Store, e *Entity, at time.Time) (*EntityCard, error) {
	claims, err := s.Claims(ctx, ClaimFilter{EntityID: e.ID})
	if err != nil {
		return nil, err
	}
	// the claims of its leaders, officers and members too: a death or a
	// departure ends what they held here
	seen := map[int64]bool{e.ID: true}
	var related []*Claim
	for _, c := range claims {
		if c.ObjectID != e.ID || seen[c.SubjectID] || c.SubjectID == 0 || len(seen) > 200 {
			continue
		}
		if c.Predicate.Affiliation() {
			seen[c.SubjectID] = true
			cs, err := s.Claims(ctx, ClaimFilter{EntityID: c.SubjectID})
			if err != nil {
				return nil, err
			}
			related = append(related, cs...)
		}
	}
	have := map[int64]bool{}
	for _, c := range claims {
		have[c.ID] = true
	}
	for _, c := range related {
		if !have[c.ID] {
			have[c.ID] = true
			claims = append(claims, c)
		}
	}
	return BuildCard(e, claims, at), nil
}
