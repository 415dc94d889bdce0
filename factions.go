// Package factions holds the domain of the program: articles, the entities
// they name, the claims they make about those entities and the statements
// people make in them, and the Store interface that keeps them.
//
// The package imports nothing of the project's own and no database or network
// package; the adapters (sqlite, postgres, http) and stages (extract, ingest)
// live in their own packages and depend on this one.
package factions

import (
	"context"
	"time"
)

// EntityType is the kind of thing an entity is.
type EntityType string

// Entity types.
const (
	Person       EntityType = "person"
	Organization EntityType = "organization"
	Place        EntityType = "place"
)

// Valid reports whether t is one of the known entity types.
func (t EntityType) Valid() bool {
	return t == Person || t == Organization || t == Place
}

// Predicate is one of the closed set of relations a claim can state.
type Predicate string

// The closed list of predicates (see ../shared/eval/FORMAT.md). What the
// program knows of each is its row in the predicate table (predicate.go).
const (
	Leads      Predicate = "leads"        // person → organization: its head
	Founded    Predicate = "founded"      // person → organization
	MemberOf   Predicate = "member_of"    // person → organization
	HoldsPost  Predicate = "holds_post"   // person → organization or place, with Role
	FactionOf  Predicate = "faction_of"   // organization → organization
	PartOf     Predicate = "part_of"      // organization → organization: an internal body
	Left       Predicate = "left"         // person → organization
	HasSeatsIn Predicate = "has_seats_in" // organization → legislature
	BasedIn    Predicate = "based_in"     // person or organization → place
	DiedIn     Predicate = "died_in"      // person → place
	AlliedWith Predicate = "allied_with"  // organization ↔ organization
	MergedInto Predicate = "merged_into"  // organization → organization
)

// Stance is how a claim is put forward.
type Stance string

// Stances.
const (
	Asserted Stance = "asserted" // said to be so
	Denied   Stance = "denied"   // someone says it is not so
	Hedged   Stance = "hedged"   // may, could, apparently, reportedly
)

// Valid reports whether s is a known stance.
func (s Stance) Valid() bool { return s == Asserted || s == Denied || s == Hedged }

// StatementKind tells a quotation from reported speech.
type StatementKind string

// Statement kinds.
const (
	Direct   StatementKind = "direct"   // in quotation marks
	Indirect StatementKind = "indirect" // "X said that ...", "according to X"
)

// Span is a half-open range [Start, End) of byte offsets into an article's text.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Len returns the number of bytes the span covers.
func (s Span) Len() int { return s.End - s.Start }

// Contains reports whether o lies within s.
func (s Span) Contains(o Span) bool { return o.Start >= s.Start && o.End <= s.End }

// In reports whether the span lies within a text of n bytes and is not reversed.
func (s Span) In(n int) bool { return s.Start >= 0 && s.Start <= s.End && s.End <= n }

// Article is one news report.
type Article struct {
	ID        int64     `json:"id,omitempty"`
	Hash      string    `json:"hash"` // hex SHA-256 of Text
	Title     string    `json:"title,omitempty"`
	Source    string    `json:"source,omitempty"` // the paper or site
	URL       string    `json:"url,omitempty"`
	Path      string    `json:"path,omitempty"` // the file it was read from
	Published time.Time `json:"published,omitzero"`
	// DateFrom and DateUntil bound the period an article of no
	// publication date is known to fall in ("the corpus is of 2004 and
	// 2005"); zero when unknown.
	DateFrom  time.Time `json:"date_from,omitzero"`
	DateUntil time.Time `json:"date_until,omitzero"`
	Dateline  string    `json:"dateline,omitempty"`
	Text      string    `json:"text"`
	Ingested  time.Time `json:"ingested,omitzero"`
}

// Date returns the date claims of the article hold from: its publication
// date, else the start of the period it is known to fall in, else zero (an
// unknown date, never the time it was ingested).
func (a *Article) Date() time.Time {
	if !a.Published.IsZero() {
		return a.Published
	}
	return a.DateFrom
}

// Mention is one place in an article where an entity is named.
type Mention struct {
	Text string `json:"text"`
	Span Span   `json:"span"`
	// EntityID is the stored entity named, set by a store's Mentions.
	EntityID int64 `json:"entity_id,omitempty"`
}

// Entity is a person, organization or place. Within one extraction its Name is
// the fullest name the article uses; in a store it is the canonical name of the
// entity resolved across articles.
type Entity struct {
	ID       int64      `json:"id,omitempty"`
	Name     string     `json:"name"`
	Type     EntityType `json:"type"`
	Aliases  []string   `json:"aliases"`
	Mentions []Mention  `json:"mentions,omitempty"`
	// MentionCount is how often the stored articles name it, set by a
	// store's Entities.
	MentionCount int `json:"mention_count,omitempty"`
}

// Claim is a fact stated in an article, with the stance it is put forward with,
// who put it forward, and the evidence for it.
type Claim struct {
	ID        int64     `json:"id,omitempty"`
	Subject   string    `json:"subject"`
	Predicate Predicate `json:"predicate"`
	Object    string    `json:"object"`
	Role      string    `json:"role,omitempty"`   // the post, for holds_post (and optionally leads)
	Former    bool      `json:"former,omitempty"` // the post or membership is over
	Stance    Stance    `json:"stance"`
	// AttributedTo is who asserts or denies the claim: an entity name or a
	// description of an unnamed source; empty when the article says it itself.
	AttributedTo string `json:"attributed_to,omitempty"`
	Evidence     Span   `json:"evidence"` // the sentence it was read from
	Sentence     string `json:"sentence,omitempty"`

	// Set by a store.
	SubjectID int64     `json:"subject_id,omitempty"`
	ObjectID  int64     `json:"object_id,omitempty"`
	ArticleID int64     `json:"article_id,omitempty"`
	Date      time.Time `json:"date,omitzero"` // the article's date (Article.Date): zero when unknown
	// Undated: the article has no publication date; Date is zero, or the
	// start of the period it falls in, which DateUntil ends.
	Undated    bool      `json:"undated,omitempty"`
	DateUntil  time.Time `json:"date_until,omitzero"`
	Source     string    `json:"source,omitempty"`
	Rejected   bool      `json:"rejected,omitempty"`
	Contested  bool      `json:"contested,omitempty"`
	Supporters int       `json:"supporters,omitempty"` // distinct sources asserting the same fact

	// Set by BuildCard on the claims its lists show: how many articles
	// assert the fact (a single one is a weak claim), and the dates of the
	// first and the latest.
	Articles int       `json:"articles,omitempty"`
	First    time.Time `json:"first,omitzero"`
	Latest   time.Time `json:"latest,omitzero"`
	// Note, set by StateAt and BuildCard, says why a claim is not taken
	// to hold (Unconfirmed) or when it ended.
	Note string `json:"note,omitempty"`
}

// Statement is something a speaker said, quoted or reported.
type Statement struct {
	ID       int64         `json:"id,omitempty"`
	Speaker  string        `json:"speaker"` // entity name or source description
	Kind     StatementKind `json:"kind"`
	Text     string        `json:"text"`
	Span     Span          `json:"span"`     // the text
	Evidence Span          `json:"evidence"` // the sentence or paragraph holding it

	// Set by a store.
	SpeakerID int64     `json:"speaker_id,omitempty"`
	ArticleID int64     `json:"article_id,omitempty"`
	Date      time.Time `json:"date,omitzero"` // the article's date (Article.Date): zero when unknown
	// Undated: the article has no publication date; Date is zero, or the
	// start of the period it falls in, which DateUntil ends.
	Undated   bool      `json:"undated,omitempty"`
	DateUntil time.Time `json:"date_until,omitzero"`
	Source    string    `json:"source,omitempty"`
	Title     string    `json:"title,omitempty"`
}

// Extraction is what the extractor reads out of one article.
type Extraction struct {
	Dateline   string      `json:"dateline,omitempty"`
	Entities   []Entity    `json:"entities"`
	Claims     []Claim     `json:"claims"`
	Statements []Statement `json:"statements"`
}

// Extractor reads entities, claims and statements out of an article's text.
type Extractor interface {
	Extract(ctx context.Context, text string) (*Extraction, error)
}

// Store keeps articles and what was extracted from them, resolving entities
// across articles. Implementations: sqlite (the default) and postgres.
type Store interface {
	// SaveArticle stores a and its extraction in one transaction. When an
	// article with the same Hash is already stored it changes nothing and
	// returns that article's ID with created false.
	SaveArticle(ctx context.Context, a *Article, x *Extraction) (id int64, created bool, err error)
	// SaveArticles stores a batch as SaveArticle would, each article
	// whole or not at all: one that fails is absent, the others are stored,
	// and each result says which. It is faster than one SaveArticle an
	// article. The error is for what fails the whole batch, which then
	// stores nothing.
	SaveArticles(ctx context.Context, batch []SaveItem) ([]SaveResult, error)
	// Article returns the article with the given ID, or ENOTFOUND.
	Article(ctx context.Context, id int64) (*Article, error)
	// Articles returns stored articles, newest first.
	Articles(ctx context.Context, f ArticleFilter) ([]*Article, error)

	// Entity returns the entity with the given ID, or ENOTFOUND.
	Entity(ctx context.Context, id int64) (*Entity, error)
	// FindEntities returns entities whose name or an alias matches name once
	// normalized (NormalizeName), best match first; none is not an error.
	FindEntities(ctx context.Context, name string) ([]*Entity, error)
	// Entities lists entities, most mentioned first, with MentionCount set.
	Entities(ctx context.Context, f EntityFilter) ([]*Entity, error)

	// Claims returns claims matching f, with Date, Source, Contested and
	// Supporters set.
	Claims(ctx context.Context, f ClaimFilter) ([]*Claim, error)
	// Statements returns statements matching f, newest first.
	Statements(ctx context.Context, f StatementFilter) ([]*Statement, error)

	// Mentions returns where the article with the given ID names stored
	// entities, in the order of the text, with EntityID set; none is not
	// an error.
	Mentions(ctx context.Context, articleID int64) ([]*Mention, error)

	// Resolutions returns the evidence kept for each merge into an entity.
	Resolutions(ctx context.Context, entityID int64) ([]*Resolution, error)

	// Curation. Each change is kept in the audit log and can be undone.
	Merge(ctx context.Context, keep, drop int64, note string) (*AuditEntry, error)
	Split(ctx context.Context, id int64, alias string, note string) (newID int64, e *AuditEntry, err error)
	Rename(ctx context.Context, id int64, name string, note string) (*AuditEntry, error)
	RejectClaim(ctx context.Context, id int64, note string) (*AuditEntry, error)
	Undo(ctx context.Context, auditID int64) error
	AuditLog(ctx context.Context) ([]*AuditEntry, error)

	Close() error
}

// Resolver is a Store that settles which entity each name of each article
// is from all its articles at once (see package resolve). SaveArticle then
// resolves a name provisionally, by the name alone; Resolve makes the
// entities what the stored articles say, whatever the order they were
// saved in, keeping what curators merged, split and named. Call it after
// saving articles, before reading entities.
type Resolver interface {
	Resolve(ctx context.Context) (*ResolveStats, error)
}

// ArticleResolver is a Resolver that can also place the names of a few
// articles only (ResolveArticles), by the rules of a full resolution but
// against a bounded sample of the entities they may be, at a cost that
// does not grow with the store: an occurrence that resolution puts with a
// stored occurrence of an entity goes to that entity, one put with none
// makes a new entity, and its names become that entity's aliases. Stored
// occurrences do not move, and no entity is renamed or merged; the next
// Resolve settles all again. ResolveArticles returns what it changed, or
// the database's error, in which case it changed nothing; ResolveState
// returns what the policy of ResolveNew reads, or the database's error.
type ArticleResolver interface {
	Resolver
	ResolveArticles(ctx context.Context, ids []int64) (*ResolveStats, error)
	ResolveState(ctx context.Context) (*ResolveState, error)
}

// ResolveState is what a store holds of its resolution: the articles no
// resolution has placed the names of yet, the occurrences stored (about:
// counted at the last full resolution, plus those added since) and those
// stored at the last full resolution (0: none since the store began to
// count).
type ResolveState struct {
	Unresolved          []int64
	Occurrences, AtFull int64
}

// ResolveMode says how ResolveNew resolves: ResolveAuto by its policy,
// ResolveFull all articles, ResolveScoped the articles not resolved yet.
type ResolveMode string

// The ResolveModes.
const (
	ResolveAuto   ResolveMode = "auto"
	ResolveFull   ResolveMode = "full"
	ResolveScoped ResolveMode = "new"
)

// SmallStore is the most occurrences a store may hold for ResolveNew's
// policy to resolve it whole every time: a full resolution of it is quick.
const SmallStore = 20_000

// FullDue reports whether the policy of ResolveNew resolves the store
// whole: when it is small (SmallStore), has never been resolved whole, or
// the occurrences added since its last full resolution are more than an
// eighth of those it held then. Between two full resolutions a store then
// grows by an eighth at most, so that their cost, spread over the articles
// stored between them, is constant a article.
func (s *ResolveState) FullDue() bool {
	return s.Occurrences < SmallStore || s.AtFull <= 0 || (s.Occurrences-s.AtFull)*8 > s.AtFull
}

// ResolveNew resolves the articles r has stored since its last resolution,
// as mode says: ResolveFull resolves all (Resolve); ResolveScoped the
// new ones only (ArticleResolver.ResolveArticles, when r is one; else all);
// ResolveAuto all when FullDue says so, else the new ones. It returns
// what resolution changed (nil when nothing was to be resolved), or its
// error.
func ResolveNew(ctx context.Context, r Resolver, mode ResolveMode) (*ResolveStats, error) {
	ar, ok := r.(ArticleResolver)
	if !ok || mode == ResolveFull {
		return r.Resolve(ctx)
	}
	st, err := ar.ResolveState(ctx)
	if err != nil {
		return nil, err
	}
	switch {
	case len(st.Unresolved) == 0:
		return nil, nil
	case mode == ResolveAuto && st.FullDue():
		return r.Resolve(ctx)
	}
	return ar.ResolveArticles(ctx, st.Unresolved)
}

// ResolveStats counts what Resolve changed: the entities there are,
// occurrences moved to another entity, entities made, renamed, and merged
// into others (Gone).
type ResolveStats struct {
	Entities, Moved, Created, Renamed, Gone int
}

// SaveItem is an article and its extraction, to be stored.
type SaveItem struct {
	Article    *Article
	Extraction *Extraction
	// Prepared, when set, is what a SavePreparer made of the item ahead
	// of SaveArticles; a store that finds it is not its own, or is for
	// another article or extraction, prepares the item again.
	Prepared any
}

// LastSaver is a Store that can start on the resolution that follows an
// ingest while it writes the ingest's last batch, on a CPU the extraction
// no longer needs. SaveLastArticles is SaveArticles for that batch: ingest
// calls it when Resolve comes next, with no other write between them.
type LastSaver interface {
	SaveLastArticles(ctx context.Context, batch []SaveItem) ([]SaveResult, error)
}

// SavePreparer is a Store that can check an item and plan its rows ahead
// of SaveArticles, touching no table, on any goroutine and many at once
// (ingest does it on the workers that extract, so that the one writer
// only writes). PrepareSave sets it.Prepared; what it finds wrong with the
// item is SaveArticles' error for it.
type SavePreparer interface {
	PrepareSave(it *SaveItem)
}

// SaveResult is what became of one SaveItem: its article's ID and whether
// it was new, or the error that kept it out.
type SaveResult struct {
	ID      int64
	Created bool
	Err     error
}

// ArticleFilter selects articles.
type ArticleFilter struct {
	Limit, Offset int
}

// EntityFilter selects entities.
type EntityFilter struct {
	Type          EntityType
	Limit, Offset int
}

// ClaimFilter selects claims. Zero fields select everything.
type ClaimFilter struct {
	EntityID        int64 // as subject or object
	SubjectID       int64
	ObjectID        int64
	ArticleID       int64
	Predicate       Predicate
	Contested       bool // only contested claims
	IncludeRejected bool
	Limit, Offset   int
}

// StatementFilter selects statements.
type StatementFilter struct {
	SpeakerID     int64
	ArticleID     int64
	Limit, Offset int
}

// Resolution records why an entity named in an article was taken to be an
// entity already stored: the name it was read as and the evidence.
type Resolution struct {
	EntityID  int64  `json:"entity_id"`
	ArticleID int64  `json:"article_id"`
	Name      string `json:"name"`   // as the article named it
	Reason    string `json:"reason"` // e.g. "alias match", "variant spelling; same party"
}

// AuditEntry is one curation change.
type AuditEntry struct {
	ID     int64  `json:"id"`
	Action string `json:"action"` // merge, split, rename, reject
	Target int64  `json:"target"`
	Other  int64  `json:"other,omitempty"`
	// TargetName and OtherName name what Target and Other are, set by a
	// store's AuditLog: the entities' names, or for a rejection the claim
	// ("Rafiq Zardan leads People's Unity Front").
	TargetName string    `json:"target_name,omitempty"`
	OtherName  string    `json:"other_name,omitempty"`
	Detail     string    `json:"detail,omitempty"`
	Note       string    `json:"note,omitempty"`
	Time       time.Time `json:"time"`
	Undone     bool      `json:"undone,omitempty"`
}
