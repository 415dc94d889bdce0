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

// affiliation reports whether p ties a member to an organization (or a
// place, for holds_post) for as long as it lasts.
func affiliation(p factions.Predicate) bool {
	return p == factions.MemberOf || p == factions.HoldsPost || p == factions.Leads
}

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
// or organization tied to an organization, or holding a post at a place.
func (x *exporter) holder(c *factions.Claim) bool {
	if !affiliation(c.Predicate) || !x.member(c.SubjectID) {
		return false
	}
	return x.is(c.ObjectID, factions.Organization) ||
		c.Predicate == factions.HoldsPost && x.is(c.ObjectID, factions.Place)
}

// memberships returns the memberships, ordered by the claim each was first
// read from, and the posts they hold.
func (x *exporter) memberships() ([]*Membership, []*Post, error) {
	var spans []*span
	type fact struct {
		pred      factions.Predicate
		subj, obj int64
		role      string
		openers   []*factions.Claim
	}
	facts := map[string]*fact{}
	var order []string
	formers := map[pair][]*factions.Claim{}
	lefts := map[pair][]*factions.Claim{}
	deaths := map[int64][]*factions.Claim{}
	tied := map[pair]bool{} // pairs with a membership, post or leadership, current or former
	founders := map[pair]*span{}
	for _, c := range x.claims {
		p := pair{c.SubjectID, c.ObjectID}
		switch {
		case c.Predicate == factions.Left:
			lefts[p] = append(lefts[p], c)
		case c.Predicate == factions.DiedIn:
			deaths[c.SubjectID] = append(deaths[c.SubjectID], c)
		case c.Predicate == factions.Founded:
			if !x.member(c.SubjectID) || !x.is(c.ObjectID, factions.Organization) {
				continue
			}
			if sp := founders[p]; sp != nil {
				sp.claims = append(sp.claims, c)
				continue
			}
			sp := &span{pred: c.Predicate, subj: c.SubjectID, obj: c.ObjectID, role: "founder",
				claims: []*factions.Claim{c}, start: c.Date, hasStart: true, startUndated: c.Undated}
			founders[p] = sp
			spans = append(spans, sp)
		case x.holder(c):
			tied[p] = true
			if c.Former {
				formers[p] = append(formers[p], c)
				continue
			}
			k := factions.FactKey(c)
			f := facts[k]
			if f == nil {
				f = &fact{pred: c.Predicate, subj: c.SubjectID, obj: c.ObjectID, role: strings.TrimSpace(c.Role)}
				facts[k] = f
				order = append(order, k)
			}
			f.openers = append(f.openers, c)
		}
	}

	// Facts stated as current: walk their claims by date, as
	// factions.StateAsOf does. A closer dated on or after an opener closes it.
	used := map[*factions.Claim]bool{} // former claims cited by a membership
	for _, k := range order {
		f := facts[k]
		p := pair{f.subj, f.obj}
		type event struct {
			c      *factions.Claim
			closer bool
		}
		var evs []event
		for _, c := range f.openers {
			evs = append(evs, event{c, false})
		}
		for _, c := range formers[p] {
			if c.Predicate == f.pred && (f.pred != factions.HoldsPost || rolesMatch(c.Role, f.role)) {
				evs = append(evs, event{c, true})
			}
		}
		for _, c := range lefts[p] {
			evs = append(evs, event{c, true})
		}
		for _, c := range deaths[f.subj] {
			evs = append(evs, event{c, true})
		}
		sort.SliceStable(evs, func(i, j int) bool { return earlier(evs[i].c, evs[j].c) })
		var cur, last *span
		newSpan := func() *span {
			sp := &span{pred: f.pred, subj: f.subj, obj: f.obj, role: f.role}
			spans = append(spans, sp)
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
					used[c] = true
				}
				last, cur = cur, nil
			case len(cls) > 0 && last != nil:
				// said again to be over: cite the former claims
				for _, c := range cls {
					if c.Former {
						last.claims = append(last.claims, c)
						used[c] = true
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

	// Posts and memberships known only as former ones: one membership per
	// fact, ended by the date of the first claim saying so.
	byFact := map[string]*span{}
	for _, c := range x.claims {
		if !c.Former || !x.holder(c) || used[c] {
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
		spans = append(spans, sp)
	}

	// A left with no other tie of the pair: a membership ended on its date.
	byPair := map[pair]*span{}
	for _, c := range x.claims {
		p := pair{c.SubjectID, c.ObjectID}
		if c.Predicate != factions.Left || tied[p] || !x.member(c.SubjectID) || !x.is(c.ObjectID, factions.Organization) {
			continue
		}
		if sp := byPair[p]; sp != nil {
			sp.claims = append(sp.claims, c)
			continue
		}
		sp := &span{pred: c.Predicate, subj: c.SubjectID, obj: c.ObjectID,
			claims: []*factions.Claim{c}, end: c.Date, ended: true, endUndated: c.Undated}
		byPair[p] = sp
		spans = append(spans, sp)
	}

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
		if sp.pred == factions.HoldsPost && sp.role != "" {
			postOf[m] = x.post(sp)
		}
		ms = append(ms, m)
	}

	posts := make([]*post, 0, len(x.posts))
	for _, p := range x.posts {
		posts = append(posts, p)
	}
	sort.Slice(posts, func(i, j int) bool { return earlier(posts[i].first, posts[j].first) })
	out := make([]*Post, len(posts))
	for i, p := range posts {
		p.p.ID = "post/" + strconv.Itoa(i+1)
		out[i] = p.p
	}
	for m, p := range postOf {
		m.PostID = p.p.ID
	}
	return ms, out, nil
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
	switch sp.pred {
	case factions.MemberOf:
		m.Role = "member"
	case factions.Leads:
		m.Role = "leader"
	case factions.Founded:
		m.Role = "founder"
	case factions.HoldsPost:
		m.Role = sp.role
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
