package factions

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync"
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
// predicate, object and, for a Post predicate (holds_post), the role (its
// post of one holder, SolePost, else normalized: "CM" and "chief minister"
// are one). The two sides of a symmetric predicate (allied_with) are put in a
// fixed order so that either direction gives one key.
func FactKey(c *Claim) string {
	s, o := entityKey(c.SubjectID, c.Subject), entityKey(c.ObjectID, c.Object)
	if c.Predicate.Symmetric() && o < s {
		s, o = o, s
	}
	role := ""
	if c.Predicate.Info().Post {
		role = postKey(c.Role)
	}
	return s + "|" + string(c.Predicate) + "|" + o + "|" + role
}

// postKey returns the key of a role: the post of one holder it names
// ("chief minister" for "CM"), else the role normalized.
func postKey(role string) string {
	if post, ok := SolePost(role); ok {
		return post
	}
	return NormalizeName(role)
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

// Contest is the contested claims of one subject and object, both sides
// together: For says the relation holds (asserted, hedged; a denied
// departure), Against that it does not (denied; a departure asserted).
type Contest struct {
	Subject   string   `json:"subject"`
	SubjectID int64    `json:"subject_id,omitempty"`
	Object    string   `json:"object"`
	ObjectID  int64    `json:"object_id,omitempty"`
	For       []*Claim `json:"for"`
	Against   []*Claim `json:"against"`
}

// Contests groups the contested claims among claims (Contested, set by
// MarkContested) by their subject and object, either way round, in the
// order of their first claims: each side of a dispute in one group.
func Contests(claims []*Claim) []*Contest {
	byPair := map[pair]*Contest{}
	var out []*Contest
	for _, c := range claims {
		if !c.Contested {
			continue
		}
		p := claimPair(c)
		if p.o < p.s {
			p = pair{p.o, p.s}
		}
		g := byPair[p]
		if g == nil {
			g = &Contest{Subject: c.Subject, SubjectID: c.SubjectID, Object: c.Object, ObjectID: c.ObjectID, For: []*Claim{}, Against: []*Claim{}}
			byPair[p] = g
			out = append(out, g)
		}
		leaving := c.Predicate.Info().Tenure == Leaving
		if (c.Stance == Denied) != leaving {
			g.Against = append(g.Against, c)
		} else {
			g.For = append(g.For, c)
		}
	}
	return out
}

// rolesMatch reports whether two holds_post roles name the same post: equal
// once normalized, one empty, or the words of one inside the other.
func rolesMatch(a, b string) bool {
	a, b = postKey(a), postKey(b)
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
	st := StateAt(claims, asOf)
	return st.Held, st.Ended
}

// State is what holds as of a date (StateAt).
type State struct {
	// Held are the claims whose facts hold, each the claim it has held
	// since; Ended the affiliations no longer held (see StateAsOf).
	Held, Ended []*Claim
	// Unconfirmed are claims that someone heads an organization, or holds
	// a post one person holds at a time, which the knowledge base did not
	// take to hold: another held it then on better support (a senior
	// figure a paper called its leader, a misread). One claim a fact, the
	// latest.
	Unconfirmed []*Claim
}

// StateAt returns what holds at asOf as StateAsOf does, and more: a
// headship (a Head predicate, leads) and a post one person holds at a time
// (SolePost) have one holder at a time. Of those the claims give one to,
// those it is unlikely to be about are set aside (the head of another, a
// senior member: seatEvidence.demote); where several hold it now, those
// named in one article only are too; of the rest and those whose tenure
// ended (a former holder, one who left or died), in date order (undated
// claims first), the first holds it until another is named far more often
// since, or his tenure closes (succession): the next one's tenure begins
// with his first claim since, the earlier holder's ends (Ended). Those who
// never hold it are Unconfirmed, each with a Note saying why. No claim
// after a death brings back what it ended.
func StateAt(claims []*Claim, asOf time.Time) *State {
	t := newTenures(claims, asOf)
	held, ended := t.eval()
	st := &State{Held: held, Ended: ended}
	t.handOver(st)
	byDate(st.Held)
	byDate(st.Ended)
	byDate(st.Unconfirmed)
	return st
}

// minHandover is how many articles must give a headship or a post of one
// holder to another for him to take it over.
const minHandover = 2

// seat is a headship or a post of one holder: the organization or place
// (entityKey) and the post ("" for the headship).
type seat struct{ object, post string }

// seatOf returns the seat c gives its subject, if it is one.
func seatOf(c *Claim) (seat, bool) {
	info := c.Predicate.Info()
	o := entityKey(c.ObjectID, c.Object)
	switch {
	case info.Head:
		return seat{o, ""}, true
	case info.Post:
		if post, ok := SolePost(c.Role); ok {
			return seat{o, post}, true
		}
	}
	return seat{}, false
}

// handOver settles who holds each seat (see StateAt): it sets aside the
// claimants a seat's claims are unlikely to be about (demote), then, where
// several remain, who held it in turn (succession), those whose tenure
// ended (a former holder, one who left or died) among them.
func (t *tenures) handOver(st *State) {
	type claimant struct {
		held, ended []*Claim  // its facts of the seat that hold, that ended
		events      []*Claim  // every current claim of them, in date order
		closed      time.Time // when its ended tenure closed (no fact held)
	}
	bySeat := map[seat]map[string]*claimant{}
	var seats []seat
	var order = map[seat][]string{}
	get := func(c *Claim) *claimant {
		s, _ := seatOf(c)
		if bySeat[s] == nil {
			bySeat[s] = map[string]*claimant{}
			seats = append(seats, s)
		}
		subj := entityKey(c.SubjectID, c.Subject)
		cl := bySeat[s][subj]
		if cl == nil {
			cl = &claimant{}
			bySeat[s][subj] = cl
			order[s] = append(order[s], subj)
		}
		return cl
	}
	for _, c := range st.Held {
		if _, ok := seatOf(c); ok {
			cl := get(c)
			cl.held = append(cl.held, c)
		}
	}
	for _, c := range st.Ended {
		if _, ok := seatOf(c); ok && !c.Former {
			cl := get(c)
			cl.ended = append(cl.ended, c)
		}
	}
	ev := t.seatEvidence()
	drop := map[*Claim]bool{} // held and ended claims that move
	for _, s := range seats {
		cls := bySeat[s]
		for _, subj := range order[s] {
			cl := cls[subj]
			for _, c := range append(cl.held[:len(cl.held):len(cl.held)], cl.ended...) {
				cl.events = append(cl.events, t.openers[FactKey(c)]...)
			}
			byDate(cl.events)
			if len(cl.held) == 0 && len(cl.events) > 0 {
				last := cl.events[len(cl.events)-1].Date
				for _, c := range cl.ended {
					if at := t.closedAfter(c, last); !at.IsZero() && (cl.closed.IsZero() || at.After(cl.closed)) {
						cl.closed = at
					}
				}
			}
		}
		unconfirm := func(subj, note string) {
			cl := cls[subj]
			for _, c := range append(cl.held[:len(cl.held):len(cl.held)], cl.ended...) {
				drop[c] = true
			}
			last := cl.events[len(cl.events)-1]
			last.Note = note
			st.Unconfirmed = append(st.Unconfirmed, last)
		}
		var left []string
		for _, subj := range order[s] {
			note := ""
			switch {
			case len(cls[subj].held) > 0:
				note = ev.demote(s, subj)
			case s.post == "":
				note = ev.senior(s, subj) // a seat held elsewhere in another time is no evidence
			}
			if note != "" {
				unconfirm(subj, note)
				continue
			}
			left = append(left, subj)
		}
		// where several claim it now, only those named in minHandover
		// articles may hold it (those whose tenure ended compete with none)
		var now []string
		for _, subj := range left {
			if len(cls[subj].held) > 0 {
				now = append(now, subj)
			}
		}
		if len(now) > 1 {
			var est []string
			for _, subj := range left {
				switch {
				case len(cls[subj].held) == 0 || articlesOf(cls[subj].events, subj) >= minHandover:
					est = append(est, subj)
				default:
					unconfirm(subj, "named in one article only, where others are named too")
				}
			}
			left = est
		}
		held := 0
		for _, subj := range left {
			if len(cls[subj].held) > 0 {
				held++
			}
		}
		if len(left) < 2 || held == 0 {
			continue // nothing to settle
		}
		var all []*Claim
		closes := map[string]time.Time{}
		for _, subj := range left {
			all = append(all, cls[subj].events...)
			if c := cls[subj].closed; !c.IsZero() {
				closes[subj] = c
			}
		}
		byDate(all)
		holders, since := succession(all, ev.founders(s, left), ev.weights(s, left), closes)
		final := ""
		if len(holders) > 0 && len(cls[holders[len(holders)-1]].held) > 0 {
			final = holders[len(holders)-1]
		}
		for _, subj := range left {
			cl := cls[subj]
			switch {
			case subj == final:
				// the holder holds it since he took it over
				for i, c := range st.Held {
					if entityKey(c.SubjectID, c.Subject) == final && since[final].Date.After(c.Date) {
						if s2, ok := seatOf(c); ok && s2 == s {
							st.Held[i] = since[final]
						}
					}
				}
			case !contains(holders, subj):
				who := ""
				if final != "" {
					who = ": " + since[final].Subject
				}
				unconfirm(subj, "another held it then, named more often"+who)
			case len(cl.held) > 0:
				// taken over: it ended
				for _, c := range cl.held {
					drop[c] = true
				}
				if last := cl.events[len(cl.events)-1]; last.Predicate.Affiliation() {
					if final != "" {
						last.Note = "until " + since[final].Subject + " took it over"
					}
					st.Ended = append(st.Ended, last)
				}
			}
		}
	}
	if len(drop) == 0 {
		return
	}
	for _, l := range []*[]*Claim{&st.Held, &st.Ended} {
		kept := (*l)[:0]
		for _, c := range *l {
			if !drop[c] {
				kept = append(kept, c)
			}
		}
		*l = kept
	}
}

// seatEvidence is what the claims say of the people who claim seats, by
// subject (entityKey): the articles giving each a seat, a post in or
// membership of an organization, or its founding.
type seatEvidence struct {
	seats   map[string]map[seat]map[int64]bool   // current claims of seats
	named   map[string]map[seat]map[int64]bool   // any claim of a seat, former ones too
	posts   map[string]map[string]map[int64]bool // by the object: posts of several holders, memberships
	founded map[string]map[string]map[int64]bool // by the object
}

func (t *tenures) seatEvidence() *seatEvidence {
	ev := &seatEvidence{seats: map[string]map[seat]map[int64]bool{}, named: map[string]map[seat]map[int64]bool{},
		posts:   map[string]map[string]map[int64]bool{},
		founded: map[string]map[string]map[int64]bool{}}
	note := func(m map[string]map[string]map[int64]bool, subj, obj string, art int64) {
		if m[subj] == nil {
			m[subj] = map[string]map[int64]bool{}
		}
		if m[subj][obj] == nil {
			m[subj][obj] = map[int64]bool{}
		}
		m[subj][obj][art] = true
	}
	for _, c := range t.all {
		subj, obj := entityKey(c.SubjectID, c.Subject), entityKey(c.ObjectID, c.Object)
		if s, ok := seatOf(c); ok {
			if ev.named[subj] == nil {
				ev.named[subj] = map[seat]map[int64]bool{}
			}
			if ev.named[subj][s] == nil {
				ev.named[subj][s] = map[int64]bool{}
			}
			ev.named[subj][s][c.ArticleID] = true
		}
		if c.Former || c.Stance == Denied {
			continue
		}
		info := c.Predicate.Info()
		if s, ok := seatOf(c); ok {
			if ev.seats[subj] == nil {
				ev.seats[subj] = map[seat]map[int64]bool{}
			}
			if ev.seats[subj][s] == nil {
				ev.seats[subj][s] = map[int64]bool{}
			}
			ev.seats[subj][s][c.ArticleID] = true
			continue
		}
		switch {
		case info.Structure == Founding:
			note(ev.founded, subj, obj, c.ArticleID)
		case info.Affiliation && (!info.Post || IsPost(c.Role)):
			note(ev.posts, subj, obj, c.ArticleID)
		}
	}
	return ev
}

// demote says why subj is taken not to hold seat s, or "": he holds the
// same seat elsewhere in twice as many articles (and two at least), or, for
// a headship, the papers give him another post in the organization, or its
// membership, in as many articles as its headship (and two at least: a
// senior member the papers called a leader), unless he founded it.
func (ev *seatEvidence) demote(s seat, subj string) string {
	here := len(ev.seats[subj][s])
	for o, arts := range ev.seats[subj] {
		if o.post == s.post && o.object != s.object && len(arts) >= 2 && len(arts) >= 2*here {
			what := "heads"
			if s.post != "" {
				what = "is " + s.post + " of"
			}
			return fmt.Sprintf("%s another in %d articles, this in %d", what, len(arts), here)
		}
	}
	if s.post == "" {
		return ev.senior(s, subj)
	}
	return ""
}

// senior says why subj, said to head the object of s, is taken for a
// senior member or another officer of it, or "" (see demote).
func (ev *seatEvidence) senior(s seat, subj string) string {
	here := len(ev.named[subj][s])
	if len(ev.founded[subj][s.object]) == 0 {
		if n := len(ev.posts[subj][s.object]); n >= 2 && n >= here {
			return fmt.Sprintf("a member or another officer of it in %d articles, its head in %d", n, here)
		}
	}
	return ""
}

// weights returns, for each of subjects, the articles tying him to the
// object of s by any claim: a seat, a post, a membership, its founding.
func (ev *seatEvidence) weights(s seat, subjects []string) map[string]int {
	out := map[string]int{}
	for _, subj := range subjects {
		arts := map[int64]bool{}
		for o, as := range ev.named[subj] {
			if o.object == s.object {
				for a := range as {
					arts[a] = true
				}
			}
		}
		for _, m := range []map[string]map[string]map[int64]bool{ev.posts, ev.founded} {
			for a := range m[subj][s.object] {
				arts[a] = true
			}
		}
		out[subj] = len(arts)
	}
	return out
}

// founders returns which of subjects founded the object of s, with the
// articles saying so, minHandover at least.
func (ev *seatEvidence) founders(s seat, subjects []string) map[string]int {
	out := map[string]int{}
	for _, subj := range subjects {
		if n := len(ev.founded[subj][s.object]); n >= minHandover && s.post == "" {
			out[subj] = n
		}
	}
	return out
}

// succession returns who held a seat in turn, given the claims stating its
// held facts in date order, and the claim each holder's tenure began with.
// The founder said to head it holds it first (the one most articles say
// founded it); else, of the first claims (those of one date, or all of no
// date), the one named in most articles, then the one weight favours (the
// articles tying him to its object), then the first. The holder keeps it
// until, on a day another is named, that other is named in at least
// minHandover articles from his first claim after the holder took it until
// the date asked about, and in more than twice as many as the holder is
// then (the most so of several); his tenure begins with that first claim.
// A holder whose tenure closes (closes: a former holder, one who left or
// died) leaves the seat vacant from then, for the first named after.
func succession(events []*Claim, founders, weight map[string]int, closes map[string]time.Time) (holders []string, since map[string]*Claim) {
	since = map[string]*Claim{}
	subjOf := make([]string, len(events))
	var order []string
	seen := map[string]bool{}
	for i, c := range events {
		subjOf[i] = entityKey(c.SubjectID, c.Subject)
		if !seen[subjOf[i]] {
			seen[subjOf[i]] = true
			order = append(order, subjOf[i])
		}
	}
	// firstFrom returns the index of subj's first claim at or after i
	firstFrom := func(subj string, i int) int {
		for ; i < len(events); i++ {
			if subjOf[i] == subj {
				return i
			}
		}
		return -1
	}
	holder, from := "", 0 // the holder, and where his tenure began
	take := func(subj string, at int) {
		holder, from = subj, at
		holders = append(holders, subj)
		since[subj] = events[firstFrom(subj, at)]
	}
	for _, subj := range order {
		if n, ok := founders[subj]; ok && (holder == "" || n > founders[holder]) {
			holder = subj
		}
	}
	if holder != "" {
		take(holder, 0)
	}
	for start := 0; start < len(events); {
		end := start + 1
		for end < len(events) && events[end].Date.Equal(events[start].Date) {
			end++
		}
		day := events[start:end]
		// whether subj's tenure has closed by the day (no return from it)
		closed := func(subj string) bool {
			c, ok := closes[subj]
			return ok && !day[0].Date.Before(c)
		}
		if closed(holder) {
			holder = "" // the seat is vacant
		}
		if holder == "" {
			best, bestN := "", 0
			for _, c := range day {
				subj := entityKey(c.SubjectID, c.Subject)
				if closed(subj) {
					continue
				}
				n := articlesOf(day, subj)
				if best == "" || n > bestN || n == bestN && weight[subj] > weight[best] {
					best, bestN = subj, n
				}
			}
			if best != "" {
				take(best, firstFrom(best, start))
			}
		}
		// the challengers of the day, the best supported first
		best, bestAt, bestN := "", 0, 0
		for _, subj := range order {
			if subj == holder || !hasSubject(day, subj) || closed(subj) {
				continue
			}
			at := firstFrom(subj, from)
			if at < 0 || at >= end {
				continue
			}
			// counted over every claim since, up to the date asked
			// about: a burst of claims one day does not take it over
			// from a holder named as often after
			mine := articlesOf(events[at:], subj)
			theirs := articlesOf(events[at:], holder)
			if holder == "" && mine > bestN || mine >= minHandover && mine > 2*theirs && mine > bestN {
				best, bestAt, bestN = subj, at, mine
			}
		}
		if best != "" {
			take(best, bestAt)
		}
		start = end
	}
	return holders, since
}

// hasSubject reports whether one of cs names subj as subject.
func hasSubject(cs []*Claim, subj string) bool {
	for _, c := range cs {
		if entityKey(c.SubjectID, c.Subject) == subj {
			return true
		}
	}
	return false
}

// articlesOf counts the articles among cs whose claims name subj.
func articlesOf(cs []*Claim, subj string) int {
	arts := map[int64]bool{}
	for _, c := range cs {
		if entityKey(c.SubjectID, c.Subject) == subj {
			arts[c.ArticleID] = true
		}
	}
	return len(arts)
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// tenures is the claims StateAsOf weighs, sorted by what they do: those
// that open a fact by its FactKey (in the order the facts were first
// stated), and the Former, Leaving and Death claims that close them.
type tenures struct {
	all     []*Claim // the claims it weighs, in date order
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
	t := &tenures{all: cs, openers: map[string][]*Claim{}, formers: map[pair][]*Claim{},
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
	case c.Former || c.Predicate.Info().Post && Historic(c.Role):
		// "the first prime minister" held it in the past
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
	for _, c := range t.closers(o) {
		if by == nil || c.Date.After(at) {
			at, by = c.Date, c
		}
	}
	return at, by
}

// closers returns the claims that close the fact o states (see closedAt).
func (t *tenures) closers(o *Claim) []*Claim {
	p := claimPair(o)
	info := o.Predicate.Info()
	var closers []*Claim
	fs := t.formers[p]
	if info.Symmetric {
		fs = append(fs[:len(fs):len(fs)], t.formers[pair{p.o, p.s}]...)
	}
	for _, c := range fs {
		if c.Predicate == o.Predicate && (!info.Post || rolesMatch(c.Role, o.Role)) {
			closers = append(closers, c)
		}
	}
	if info.Affiliation {
		closers = append(closers, t.leaving[p]...)
	}
	if info.endsAtDeath() {
		closers = append(closers, t.deaths[p.s]...)
	}
	// claims of no date are of no known order: one of them closes the
	// fact only when more articles of no date say so than state it
	undated := map[int64]bool{}
	for _, c := range closers {
		if c.Date.IsZero() {
			undated[c.ArticleID] = true
		}
	}
	stated := map[int64]bool{}
	for _, c := range t.openers[FactKey(o)] {
		if c.Date.IsZero() {
			stated[c.ArticleID] = true
		}
	}
	out := closers[:0]
	for _, c := range closers {
		if !c.Date.IsZero() || len(undated) > len(stated) {
			out = append(out, c)
		}
	}
	return out
}

// diedAt returns the date of the first report of the death of the subject
// of o, when the death ends the fact o states; zero for none.
func (t *tenures) diedAt(o *Claim) time.Time {
	var at time.Time
	if !o.Predicate.Info().endsAtDeath() {
		return at
	}
	for _, c := range t.deaths[entityKey(o.SubjectID, o.Subject)] {
		if !c.Date.IsZero() && (at.IsZero() || c.Date.Before(at)) {
			at = c.Date
		}
	}
	return at
}

// closedAfter returns the date of the first claim closing the fact o
// states on or after from (a tenure ends with the first report of its
// end), or of the first report of its subject's death, whenever it came
// (no claim after it restarts the tenure); zero when none closes it.
func (t *tenures) closedAfter(o *Claim, from time.Time) time.Time {
	var at, died time.Time
	for _, c := range t.closers(o) {
		if c.Predicate.Info().Tenure == Death && (died.IsZero() || c.Date.Before(died)) {
			died = c.Date
		}
		if !c.Date.Before(from) && (at.IsZero() || c.Date.Before(at)) {
			at = c.Date
		}
	}
	if !died.IsZero() {
		return died
	}
	return at
}

// eval returns the facts held and the affiliations ended (see StateAsOf).
func (t *tenures) eval() (held, ended []*Claim) {
	seen := map[string]bool{}
	for _, k := range t.order {
		os := t.openers[k]
		last, by := t.closedAt(os[0])
		// no claim after a death brings back what it ended ("the late
		// president")
		died := t.diedAt(os[0])
		var since *Claim
		for _, o := range os {
			if (by == nil || o.Date.After(last)) && (died.IsZero() || o.Date.Before(died)) {
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
	AsOf    time.Time `json:"as_of,omitzero"` // zero: now, every claim counted
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
	Other map[string][]*Claim `json:"other,omitempty"`
	// Former are its own posts, memberships and leaderships ended by
	// AsOf, and for an organization or place those who headed it or held
	// one of its posts of one holder (SolePost).
	Former []*Claim `json:"former,omitempty"`
	// Unconfirmed are claims that someone heads it, or holds one of its
	// posts of one holder (or, on a person's card, that he does so
	// elsewhere), which the knowledge base did not take to hold: another
	// was better supported then (see StateAt).
	Unconfirmed []*Claim `json:"unconfirmed,omitempty"`
	Claims      []*Claim `json:"claims"` // every claim about it up to AsOf, oldest first
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

// cardSides returns the lists a card can have, in their Order, from the
// predicate table (made on first use).
var cardSides = sync.OnceValue(func() []CardList {
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
})

// Lists returns the card's lists of facts that hold, in the order they are
// shown (CardSide.Order), the empty ones left out.
func (card *EntityCard) Lists() []CardList {
	var out []CardList
	for _, l := range cardSides() {
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
		if is(c.SubjectID, c.Subject) || is(c.ObjectID, c.Object) || !subjects[entityKey(c.SubjectID, c.Subject)] {
			continue
		}
		// a leader's death or departure, and what he heads or holds
		// elsewhere (demote), bear on what he held here
		if _, seated := seatOf(c); seated || c.Predicate.Info().Tenure.Closes() {
			state = append(state[:len(state):len(state)], c)
		}
	}
	st := StateAt(state, asOf)
	// a held fact goes in its predicate's list for the entity as subject,
	// or in the one for it as object; a post whose role names no post
	// ("decries") goes in none
	for _, c := range st.Held {
		info := c.Predicate.Info()
		if info.Post && !IsPost(c.Role) {
			continue
		}
		switch {
		case is(c.SubjectID, c.Subject) && info.Card[0].Key != "":
			card.add(info.Card[0].Key, c)
		case is(c.ObjectID, c.Object) && info.Card[1].Key != "":
			card.add(info.Card[1].Key, c)
		}
	}
	support(card.Claims, st.Ended)
	// its own ended affiliations, and those who headed it or held one of
	// its posts of one holder, said in two articles at least (one is
	// Unconfirmed)
	for _, c := range st.Ended {
		if c.Predicate.Info().Post && !IsPost(c.Role) {
			continue
		}
		_, seated := seatOf(c)
		switch {
		case is(c.SubjectID, c.Subject):
			card.Former = append(card.Former, c)
		case seated && is(c.ObjectID, c.Object) && c.Articles < minHandover:
			c.Note = "a former holder in one article only"
			card.Unconfirmed = append(card.Unconfirmed, c)
		case seated && is(c.ObjectID, c.Object):
			card.Former = append(card.Former, c)
		}
	}
	for _, c := range st.Unconfirmed {
		if (is(c.SubjectID, c.Subject) || is(c.ObjectID, c.Object)) && (!c.Predicate.Info().Post || IsPost(c.Role)) {
			card.Unconfirmed = append(card.Unconfirmed, c)
		}
	}
	support(card.Claims, card.rows())
	// who leads it, holds its posts or belongs to it: the best supported
	// first (articles stating it, then sources), then in the order of
	// their dates
	for _, r := range predicateTable {
		if key := r.Card[1].Key; r.Affiliation && key != "" {
			bySupport(card.List(key))
		}
	}
	bySupport(card.Unconfirmed)
	return card
}

// rows returns the claims the card shows in its lists, Former and
// Unconfirmed.
func (card *EntityCard) rows() []*Claim {
	var out []*Claim
	for _, l := range cardSides() {
		out = append(out, card.List(l.Key)...)
	}
	return append(append(out, card.Former...), card.Unconfirmed...)
}

// support sets the Articles, Supporters, First and Latest of each of rows
// from claims: how many articles and sources (SourceKey) assert its fact
// (FactKey), and the dates of the first and the latest.
func support(claims, rows []*Claim) {
	type sup struct {
		arts          map[int64]bool
		sources       map[string]bool
		first, latest time.Time
	}
	facts := map[string]*sup{}
	for _, c := range claims {
		if c.Rejected || c.Stance != Asserted {
			continue
		}
		k := FactKey(c)
		f := facts[k]
		if f == nil {
			f = &sup{arts: map[int64]bool{}, sources: map[string]bool{}}
			facts[k] = f
		}
		f.arts[c.ArticleID] = true
		f.sources[SourceKey(c)] = true
		if c.Date.After(f.latest) {
			f.latest = c.Date
		}
		if f.first.IsZero() || c.Date.Before(f.first) {
			f.first = c.Date
		}
	}
	for _, c := range rows {
		if f := facts[FactKey(c)]; f != nil {
			c.Articles, c.Supporters, c.First, c.Latest = len(f.arts), len(f.sources), f.first, f.latest
		}
	}
}

// bySupport sorts claims by their support: articles, then sources, the
// earliest first among equals.
func bySupport(cs []*Claim) {
	sort.SliceStable(cs, func(i, j int) bool {
		if cs[i].Articles != cs[j].Articles {
			return cs[i].Articles > cs[j].Articles
		}
		return cs[i].Supporters > cs[j].Supporters
	})
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
