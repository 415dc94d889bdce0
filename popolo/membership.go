package popolo

import (
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/factions/factions"
)

// span is one membership being built: the claims behind it, the first of
// which names it, and when it began and ended (zero when unknown or open).
type span struct {
	pred       factions.Predicate
	subj, obj  int64
	role       string // as the first claim words it; for holds_post, the post
	claims     []*factions.Claim
	start, end time.Time
	hasStart   bool
	ended      bool
	// the start or end is the ingestion date of undated articles: not a
	// date to export
	startUndated, endUndated bool
}

// postKey identifies a post: where it is held and the normalized role.
type postKey struct {
	obj  int64
	role string
}

// post is a post being built: the claim that first names it (by date, then
// ID) orders the posts.
type post struct {
	first *factions.Claim
	p     *Post
}

type pair struct{ s, o int64 }

// rolesMatch reports whether two holds_post roles name the same post, as
// factions.StateAsOf matches them: equal once normalized, one empty, or the
// words of one inside the other.
func rolesMatch(a, b string) bool {
	a, b = factions.NormalizeName(a), factions.NormalizeName(b)
	if a == "" || b == "" || a == b {
		return true
	}
	return strings.Contains(" "+a+" ", " "+b+" ") || strings.Contains(" "+b+" ", " "+a+" ")
}

// holder reports whether c is an affiliation the export can show: a person
// or organization tied to an organization, or holding a post at a place
// where its predicate allows one.
func (x *exporter) holder(c *factions.Claim) bool {
	info := c.Predicate.Info()
	if !info.Affiliation || !x.member(c.SubjectID) {
		return false
	}
	return x.is(c.ObjectID, factions.Organization) ||
		x.is(c.ObjectID, factions.Place) && info.Allows(factions.Place, true)
}

// fact is an affiliation stated as current, with the claims that state it.
type fact struct {
	pred      factions.Predicate
	subj, obj int64
	role      string
	openers   []*factions.Claim
}

// tenures is the claims of the export sorted by what they do to
// memberships, as factions.StateAsOf sorts them.
type tenures struct {
	spans   []*span          // the memberships made so far
	facts   map[string]*fact // affiliations stated as current, by FactKey
	order   []string         // their keys, in the order of their first claims
	formers map[pair][]*factions.Claim
	lefts   map[pair][]*factions.Claim
	deaths  map[int64][]*factions.Claim
	tied    map[pair]bool // pairs with an affiliation, current or former
	used    map[*factions.Claim]bool
}

// memberships returns the memberships, ordered by the claim each was first
// read from, and the posts they hold.
func (x *exporter) memberships() ([]*Membership, []*Post, error) {
	t := x.tenures()
	for _, k := range t.order {
		t.walk(t.facts[k])
	}
	x.formerOnly(t)
	x.leftOnly(t)
	spans := t.spans
	for _, sp := range spans {
		sort.SliceStable(sp.claims, func(i, j int) bool { return earlier(sp.claims[i], sp.claims[j]) })
	}
	sort.SliceStable(spans, func(i, j int) bool { return earlier(spans[i].claims[0], spans[j].claims[0]) })

	ms := make([]*Membership, 0, len(spans))
	postOf := map[*Membership]*post{}
	ids := map[string]bool{}
	for _, sp := range spans {
		m, err := x.membership(sp, ids)
		if err != nil {
			return nil, nil, err
		}
		if sp.pred.Info().Post && sp.role != "" {
			postOf[m] = x.post(sp)
		}
		ms = append(ms, m)
	}
	posts := x.numberPosts()
	for m, p := range postOf {
		m.PostID = p.p.ID
	}
	return ms, posts, nil
}

// tenures sorts the claims: the events that begin a membership of their own
// (founded) become spans at once; affiliations are filed as facts or, when
// Former, by pair; Leaving and Death claims as what closes them.
func (x *exporter) tenures() *tenures {
	t := &tenures{facts: map[string]*fact{}, formers: map[pair][]*factions.Claim{}, lefts: map[pair][]*factions.Claim{},
		deaths: map[int64][]*factions.Claim{}, tied: map[pair]bool{}, used: map[*factions.Claim]bool{}}
	founders := map[pair]*span{}
	for _, c := range x.claims {
		p := pair{c.SubjectID, c.ObjectID}
		info := c.Predicate.Info()
		switch {
		case info.Tenure == factions.Leaving:
			t.lefts[p] = append(t.lefts[p], c)
		case info.Tenure == factions.Death:
			t.deaths[c.SubjectID] = append(t.deaths[c.SubjectID], c)
		case info.Tenure == factions.Event && info.MemberRole != "":
			if !x.member(c.SubjectID) || !x.is(c.ObjectID, factions.Organization) {
				continue
			}
			if sp := founders[p]; sp != nil {
				sp.claims = append(sp.claims, c)
				continue
			}
			sp := &span{pred: c.Predicate, subj: c.SubjectID, obj: c.ObjectID, role: info.MemberRole,
				claims: []*factions.Claim{c}, start: c.Date, hasStart: true, startUndated: c.Undated}
			founders[p] = sp
			t.spans = append(t.spans, sp)
		case x.holder(c):
			t.tied[p] = true
			if c.Former {
				t.formers[p] = append(t.formers[p], c)
				continue
			}
			t.open(c)
		}
	}
	return t
}

// open files c, a current affiliation, under its fact.
func (t *tenures) open(c *factions.Claim) {
	k := factions.FactKey(c)
	f := t.facts[k]
	if f == nil {
		f = &fact{pred: c.Predicate, subj: c.SubjectID, obj: c.ObjectID, role: strings.TrimSpace(c.Role)}
		t.facts[k] = f
		t.order = append(t.order, k)
	}
	f.openers = append(f.openers, c)
}

// change is a claim that opens or closes a fact.
type change struct {
	c      *factions.Claim
	closer bool
}

// changes returns the claims that open and close f, by date: a closer dated
// on or after an opener closes it.
func (t *tenures) changes(f *fact) []change {
	p := pair{f.subj, f.obj}
	var evs []change
	for _, c := range f.openers {
		evs = append(evs, change{c, false})
	}
	post := f.pred.Info().Post
	for _, c := range t.formers[p] {
		if c.Predicate == f.pred && (!post || rolesMatch(c.Role, f.role)) {
			evs = append(evs, change{c, true})
		}
	}
	for _, c := range t.lefts[p] {
		evs = append(evs, change{c, true})
	}
	for _, c := range t.deaths[f.subj] {
		evs = append(evs, change{c, true})
	}
	sort.SliceStable(evs, func(i, j int) bool { return earlier(evs[i].c, evs[j].c) })
	return evs
}

// walk makes the memberships of a fact stated as current: its claims by
// date, as factions.StateAsOf walks them, a span from an opener to the
// closer that ends it.
func (t *tenures) walk(f *fact) {
	evs := t.changes(f)
	var cur, last *span
	newSpan := func() *span {
		sp := &span{pred: f.pred, subj: f.subj, obj: f.obj, role: f.role}
		t.spans = append(t.spans, sp)
		return sp
	}
	for i := 0; i < len(evs); {
		d := evs[i].c.Date
		var ops, cls []*factions.Claim
		for ; i < len(evs) && evs[i].c.Date.Equal(d); i++ {
			if evs[i].closer {
				cls = append(cls, evs[i].c)
			} else {
				ops = append(ops, evs[i].c)
			}
		}
		switch {
		case len(cls) > 0 && (cur != nil || len(ops) > 0):
			// closed; when nothing was open, stated and closed on one
			// date: known to have held, not since when
			if cur == nil {
				cur = newSpan()
			}
			cur.claims = append(cur.claims, ops...)
			cur.claims = append(cur.claims, cls...)
			cur.end, cur.ended, cur.endUndated = d, true, allUndated(cls)
			for _, c := range cls {
				t.used[c] = true
			}
			last, cur = cur, nil
		case len(cls) > 0 && last != nil:
			// said again to be over: cite the former claims
			for _, c := range cls {
				if c.Former {
					last.claims = append(last.claims, c)
					t.used[c] = true
				}
			}
		case len(cls) == 0 && len(ops) > 0:
			if cur == nil {
				cur = newSpan()
				cur.start, cur.hasStart, cur.startUndated = d, true, allUndated(ops)
			}
			cur.claims = append(cur.claims, ops...)
		}
	}
}

// formerOnly adds the posts and memberships known only as former ones: one
// membership per fact, ended by the date of the first claim saying so.
func (x *exporter) formerOnly(t *tenures) {
	byFact := map[string]*span{}
	for _, c := range x.claims {
		if !c.Former || !x.holder(c) || t.used[c] {
			continue
		}
		k := factions.FactKey(c)
		if sp := byFact[k]; sp != nil {
			sp.claims = append(sp.claims, c)
			continue
		}
		sp := &span{pred: c.Predicate, subj: c.SubjectID, obj: c.ObjectID, role: strings.TrimSpace(c.Role),
			claims: []*factions.Claim{c}, end: c.Date, ended: true, endUndated: c.Undated}
		byFact[k] = sp
		t.spans = append(t.spans, sp)
	}
}

// leftOnly adds, for a Leaving claim of a pair with no other tie, a
// membership ended on its date.
func (x *exporter) leftOnly(t *tenures) {
	byPair := map[pair]*span{}
	for _, c := range x.claims {
		p := pair{c.SubjectID, c.ObjectID}
		if c.Predicate.Info().Tenure != factions.Leaving || t.tied[p] || !x.member(c.SubjectID) || !x.is(c.ObjectID, factions.Organization) {
			continue
		}
		if sp := byPair[p]; sp != nil {
			sp.claims = append(sp.claims, c)
			continue
		}
		sp := &span{pred: c.Predicate, subj: c.SubjectID, obj: c.ObjectID,
			claims: []*factions.Claim{c}, end: c.Date, ended: true, endUndated: c.Undated}
		byPair[p] = sp
		t.spans = append(t.spans, sp)
	}
}

// numberPosts returns the posts made so far, ordered by the claim that
// first names each, then (one claim may first name two posts) by the
// entity and the role, with their IDs.
func (x *exporter) numberPosts() []*Post {
	type keyed struct {
		k postKey
		p *post
	}
	posts := make([]keyed, 0, len(x.posts))
	for k, p := range x.posts {
		posts = append(posts, keyed{k, p})
	}
	sort.Slice(posts, func(i, j int) bool {
		a, b := posts[i], posts[j]
		if a.p.first != b.p.first {
			return earlier(a.p.first, b.p.first)
		}
		if a.k.obj != b.k.obj {
			return a.k.obj < b.k.obj
		}
		return a.k.role < b.k.role
	})
	out := make([]*Post, len(posts))
	for i, kp := range posts {
		kp.p.p.ID = "post/" + strconv.Itoa(i+1)
		out[i] = kp.p.p
	}
	return out
}

// membership returns the membership of sp, with an ID not among ids.
func (x *exporter) membership(sp *span, ids map[string]bool) (*Membership, error) {
	first := sp.claims[0]
	id := "membership/" + strconv.FormatInt(first.ID, 10)
	for n := 2; ids[id]; n++ {
		id = "membership/" + strconv.FormatInt(first.ID, 10) + "-" + strconv.Itoa(n)
	}
	ids[id] = true
	m := &Membership{ID: id, Sources: []Link{}}
	if x.is(sp.subj, factions.Person) {
		m.PersonID = personID(sp.subj)
	} else {
		m.Member = &Member{Type: "Organization", ID: orgID(sp.subj)}
	}
	if x.is(sp.obj, factions.Organization) {
		m.OrganizationID = orgID(sp.obj)
	}
	if info := sp.pred.Info(); info.Post {
		m.Role = sp.role
	} else {
		m.Role = info.MemberRole
	}
	if sp.hasStart && !sp.startUndated {
		m.StartDate = day(sp.start)
	}
	if sp.ended && !sp.endUndated {
		m.EndDate = day(sp.end)
	}
	seen := map[Link]bool{}
	for _, c := range sp.claims {
		l, err := x.claimLink(c)
		if err != nil {
			return nil, err
		}
		if !seen[l] {
			seen[l] = true
			m.Sources = append(m.Sources, l)
		}
	}
	return m, nil
}

// post returns the post sp holds, making it on first use.
func (x *exporter) post(sp *span) *post {
	k := postKey{sp.obj, factions.NormalizeName(sp.role)}
	first := sp.claims[0]
	if p := x.posts[k]; p != nil {
		if earlier(first, p.first) {
			p.first = first
		}
		return p
	}
	p := &post{first: first, p: &Post{Label: sp.role, Role: sp.role}}
	if x.is(sp.obj, factions.Organization) {
		p.p.OrganizationID = orgID(sp.obj)
	} else if e := x.ents[sp.obj]; e != nil {
		p.p.Label = sp.role + ", " + e.Name
	}
	x.posts[k] = p
	return p
}

// allUndated reports whether every claim of cs comes from an article with
// no date.
func allUndated(cs []*factions.Claim) bool {
	for _, c := range cs {
		if !c.Undated {
			return false
		}
	}
	return len(cs) > 0
}
