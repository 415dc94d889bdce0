package factions

// This file holds the one table of what the program knows of each
// predicate. The store, the knowledge-base logic (kb.go), the Popolo export
// and the command line read it instead of switching on predicate
// constants, so that a new predicate is one row here (and, for the
// extractor to find it, its patterns in extract/).

// PredicateInfo is what the program knows of one predicate: the types of
// its subject and object, how a claim of it lasts, and where it shows.
type PredicateInfo struct {
	Predicate Predicate
	// Subject and Object are the entity types the claim's subject and
	// object are expected to have; the first is the type given to an
	// entity that a claim names and its extraction does not list.
	Subject, Object []EntityType
	// Symmetric: the claim holds in both directions (allied_with).
	Symmetric bool
	// Post: the claim's Role names a post, which is part of the fact
	// (holds_post): two posts of one person in one organization are two
	// facts, and a former post ends only a post whose role matches. A post
	// one person holds at a time (SolePost) is handed on as Head is.
	Post bool
	// Head: the claim makes its subject the head of its object, which has
	// one at a time (leads): when a later claim, well enough supported,
	// gives the headship to another, the earlier head's ends (StateAt).
	Head bool
	// Affiliation: the claim ties a person to an organization (or to a
	// place, where Object allows one) for as long as it lasts: membership,
	// a post or leadership. A Leaving claim of the same pair ends it, and
	// it is contested by one dated before it; cards list the people
	// affiliated with an organization, and Popolo exports it as a
	// membership.
	Affiliation bool
	// Tenure tells how a claim of the predicate lasts.
	Tenure Tenure
	// Tie is the type of subject for which the claim ties its subject to
	// its object when names are resolved across articles: two people of
	// one name are one person when they share a tie to an organization, and
	// two organizations of one name are not one when both are tied to
	// places and to none in common. Empty for no tie.
	Tie EntityType
	// Structure is what the claim says of the organizations it names, read
	// by the lineage tree, by resolution and by the Popolo export.
	Structure Structure
	// Lineage is how the lineage tree words the relation of a subject to
	// its object ("faction"); empty when the tree leaves the predicate out.
	Lineage string
	// MemberRole is the role of the Popolo membership the claim makes
	// ("member", "leader"); empty for none. An Affiliation with Post takes
	// the claim's Role instead.
	MemberRole string
	// Card says where a fact of the predicate that holds goes on an
	// entity's card: Card[0] for the entity as the subject, Card[1] as the
	// object. A side with no Key is not shown.
	Card [2]CardSide
}

// Tenure is how a claim of a predicate lasts.
type Tenure uint8

// Tenures.
const (
	// Lasting: a state. A current claim (not Former) opens it; a Former
	// claim of the same fact, or a Leaving or Death claim that ends it,
	// closes it (see StateAsOf).
	Lasting Tenure = iota
	// Event: a one-off that is never held as a state and closes nothing
	// (founded).
	Event
	// Leaving: an event that ends every Affiliation of its subject with
	// its object (left).
	Leaving
	// Death: an event that ends every Lasting fact of its subject that a
	// person can be the subject of (died_in): posts, memberships,
	// leaderships, where it is based.
	Death
)

// Closes reports whether a claim of this tenure ends facts of others.
func (t Tenure) Closes() bool { return t == Leaving || t == Death }

// Structure is what a predicate says of the organizations it names.
type Structure uint8

// Structures.
const (
	NoStructure Structure = iota
	// Faction: the subject is a faction of the object, founded when it
	// split from it (faction_of).
	Faction
	// Body: the subject is an internal body of the object ("the standing
	// committee"), resolved across articles only within it (part_of).
	Body
	// Merger: the subject merged into the object and ended (merged_into).
	Merger
	// Founding: the claim dates the founding of its object (founded).
	Founding
	// Seats: the subject is a party with seats in the object, a
	// legislature (has_seats_in).
	Seats
)

// Parent reports whether the subject belongs under the object as its
// faction or internal body.
func (s Structure) Parent() bool { return s == Faction || s == Body }

// CardSide is one list of an entity's card: Key names it in the card's
// JSON, Label heads it in print; Order places it among the lists; Role
// tells that a claim's Role is shown beside the other party.
type CardSide struct {
	Key, Label string
	Order      int
	Role       bool
}

var (
	person       = []EntityType{Person}
	organization = []EntityType{Organization}
	place        = []EntityType{Place}
)

// predicateTable is the table: one row a predicate, in the order of
// Predicates.
var predicateTable = []PredicateInfo{
	{Predicate: Leads, Subject: person, Object: organization, Head: true, Affiliation: true, Tie: Person, MemberRole: "leader",
		Card: [2]CardSide{{Key: "leads", Label: "Leads", Order: 1}, {Key: "leaders", Label: "Leaders", Order: 6, Role: true}}},
	{Predicate: Founded, Subject: person, Object: organization, Tenure: Event, Tie: Person, Structure: Founding, MemberRole: "founder"},
	{Predicate: MemberOf, Subject: person, Object: organization, Affiliation: true, Tie: Person, MemberRole: "member",
		Card: [2]CardSide{{Key: "memberships", Label: "Member of", Order: 3}, {Key: "members", Label: "Members", Order: 11}}},
	{Predicate: HoldsPost, Subject: person, Object: []EntityType{Organization, Place}, Post: true, Affiliation: true, Tie: Person,
		Card: [2]CardSide{{Key: "posts", Label: "Posts", Order: 2, Role: true}, {Key: "officers", Label: "Officers", Order: 5, Role: true}}},
	{Predicate: FactionOf, Subject: organization, Object: organization, Structure: Faction, Lineage: "faction",
		Card: [2]CardSide{{Key: "faction_of", Label: "Faction of", Order: 7}, {Key: "factions", Label: "Factions", Order: 8}}},
	{Predicate: PartOf, Subject: organization, Object: organization, Structure: Body, Lineage: "body",
		Card: [2]CardSide{{Key: "part_of", Label: "Part of", Order: 9}, {Key: "parts", Label: "Bodies", Order: 10}}},
	{Predicate: Left, Subject: person, Object: organization, Tenure: Leaving, Tie: Person},
	{Predicate: HasSeatsIn, Subject: organization, Object: organization, Structure: Seats},
	{Predicate: BasedIn, Subject: []EntityType{Organization, Person}, Object: place, Tie: Organization,
		Card: [2]CardSide{{Key: "based_in", Label: "Based in", Order: 4}}},
	{Predicate: DiedIn, Subject: person, Object: place, Tenure: Death},
	{Predicate: AlliedWith, Subject: organization, Object: organization, Symmetric: true,
		Card: [2]CardSide{{Key: "allies", Label: "Allies", Order: 12}, {Key: "allies", Label: "Allies", Order: 12}}},
	{Predicate: MergedInto, Subject: organization, Object: organization, Structure: Merger, Lineage: "merged in"},
}

// predicateInfo indexes predicateTable by predicate.
var predicateInfo = func() map[Predicate]*PredicateInfo {
	m := make(map[Predicate]*PredicateInfo, len(predicateTable))
	for i := range predicateTable {
		m[predicateTable[i].Predicate] = &predicateTable[i]
	}
	return m
}()

// unknownPredicate is the row of a predicate not in the table.
var unknownPredicate = &PredicateInfo{}

// Predicates lists every predicate in a stable order.
var Predicates = func() []Predicate {
	out := make([]Predicate, len(predicateTable))
	for i, r := range predicateTable {
		out[i] = r.Predicate
	}
	return out
}()

// Info returns the table's row for p, or an empty row (all false, no
// types) for a predicate that is not Valid. The row is shared: do not
// change it.
func (p Predicate) Info() *PredicateInfo {
	if r, ok := predicateInfo[p]; ok {
		return r
	}
	return unknownPredicate
}

// Valid reports whether p is one of the closed set of predicates.
func (p Predicate) Valid() bool {
	_, ok := predicateInfo[p]
	return ok
}

// Symmetric reports whether the predicate holds in both directions.
func (p Predicate) Symmetric() bool { return p.Info().Symmetric }

// Affiliation reports whether p ties a person to an organization for as
// long as it lasts (see PredicateInfo.Affiliation).
func (p Predicate) Affiliation() bool { return p.Info().Affiliation }

// Allows reports whether t is among the types the subject (object false) or
// object of a claim of the predicate is expected to have.
func (r *PredicateInfo) Allows(t EntityType, object bool) bool {
	ts := r.Subject
	if object {
		ts = r.Object
	}
	for _, u := range ts {
		if u == t {
			return true
		}
	}
	return false
}

// endsAtDeath reports whether a Death of its subject ends a fact of the
// predicate: a Lasting one that a person can be the subject of.
func (r *PredicateInfo) endsAtDeath() bool {
	return r.Tenure == Lasting && r.Allows(Person, false)
}

// LineagePredicates are the predicates BuildLineage reads: those with a
// Lineage wording.
var LineagePredicates = func() []Predicate {
	var out []Predicate
	for _, r := range predicateTable {
		if r.Lineage != "" {
			out = append(out, r.Predicate)
		}
	}
	return out
}()
