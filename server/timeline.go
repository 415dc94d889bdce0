package server

import (
	"context"
	"fmt"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/factions/factions"
)

// TimelineEvent is one dated mark on an entity's timeline: a claim about
// it (a post, a membership, a departure, a founding, a death...) or a
// statement it made, with the article it comes from.
type TimelineEvent struct {
	Date         time.Time          `json:"date"`
	Undated      bool               `json:"undated,omitempty"`
	Kind         string             `json:"kind"` // claim or statement
	Predicate    factions.Predicate `json:"predicate,omitempty"`
	Role         string             `json:"role,omitempty"`
	Former       bool               `json:"former,omitempty"`
	Stance       factions.Stance    `json:"stance,omitempty"`
	AttributedTo string             `json:"attributed_to,omitempty"`
	Contested    bool               `json:"contested,omitempty"`
	Other        *EntityRef         `json:"other,omitempty"` // the entity on the other side of the claim
	ClaimID      int64              `json:"claim_id,omitempty"`
	StatementID  int64              `json:"statement_id,omitempty"`
	ArticleID    int64              `json:"article_id"`
	Source       string             `json:"source,omitempty"`
	Text         string             `json:"text"` // the sentence, or what was said
}

// Tenure is a span over which a post, membership or leadership held, by
// the same reckoning as a card as of a date: from the claim that opened it
// to the claim that closed it (a former post, a departure, a death), or on
// to now.
type Tenure struct {
	Predicate factions.Predicate `json:"predicate"`
	Role      string             `json:"role,omitempty"`
	Subject   EntityRef          `json:"subject"`
	Object    EntityRef          `json:"object"`
	From      time.Time          `json:"from"`
	To        time.Time          `json:"to,omitempty"` // zero: still held
	ClaimID   int64              `json:"claim_id"`
	ArticleID int64              `json:"article_id"`
	Hedged    bool               `json:"hedged,omitempty"`
}

// Timeline is what is dated about an entity, oldest first.
type Timeline struct {
	Entity  EntityRef       `json:"entity"`
	Events  []TimelineEvent `json:"events"`
	Tenures []Tenure        `json:"tenures"`
	// TenuresOmitted is set when the entity has too many claims for its
	// tenures to be reckoned on each request.
	TenuresOmitted bool `json:"tenures_omitted,omitempty"`
	// Total is how many events the entity has: more than Events holds
	// when Events is a page of them.
	Total int `json:"total"`
}

// window returns a copy of tl whose events are the at most limit from
// offset on, counting from the oldest. The copy shares tl's events and
// tenures and cannot append to them.
func (tl *Timeline) window(offset, limit int) *Timeline {
	w := *tl
	lo := min(offset, len(tl.Events))
	hi := lo + min(limit, len(tl.Events)-lo)
	w.Events = tl.Events[lo:hi:hi]
	return &w
}

// maxTenureClaims bounds the claims whose tenures a timeline reckons.
const maxTenureClaims = 1500

// timeline returns e's timeline.
func (s *Server) timeline(ctx context.Context, e *factions.Entity) (*Timeline, error) {
	return get(ctx, s.cache, "timeline:"+strconv.FormatInt(e.ID, 10), func(ctx context.Context) (*Timeline, error) {
		all, err := s.claimsOf(ctx, e.ID)
		if err != nil {
			return nil, err
		}
		sts, err := s.statementsOf(ctx, e.ID)
		if err != nil {
			return nil, err
		}
		var claims []*factions.Claim
		var ids []int64
		for _, c := range all {
			if !c.Rejected {
				claims = append(claims, c)
				ids = append(ids, c.SubjectID, c.ObjectID)
			}
		}
		refs, err := s.refs(ctx, ids...)
		if err != nil {
			return nil, err
		}
		ref := func(id int64, name string) EntityRef {
			if r, ok := refs[id]; ok {
				return r
			}
			return EntityRef{ID: id, Name: name}
		}
		tl := &Timeline{Entity: refOf(e), Events: []TimelineEvent{}, Tenures: []Tenure{}}
		for _, c := range claims {
			other := ref(c.ObjectID, c.Object)
			if c.ObjectID == e.ID {
				other = ref(c.SubjectID, c.Subject)
			}
			tl.Events = append(tl.Events, TimelineEvent{Date: c.Date, Undated: c.Undated, Kind: "claim", Predicate: c.Predicate,
				Role: c.Role, Former: c.Former, Stance: c.Stance, AttributedTo: c.AttributedTo, Contested: c.Contested,
				Other: &other, ClaimID: c.ID, ArticleID: c.ArticleID, Source: c.Source, Text: c.Sentence})
		}
		for _, st := range sts {
			tl.Events = append(tl.Events, TimelineEvent{Date: st.Date, Undated: st.Undated, Kind: "statement",
				StatementID: st.ID, ArticleID: st.ArticleID, Source: st.Source, Text: st.Text})
		}
		sort.SliceStable(tl.Events, func(i, j int) bool { return tl.Events[i].Date.Before(tl.Events[j].Date) })
		tl.Total = len(tl.Events)
		if len(claims) > maxTenureClaims {
			tl.TenuresOmitted = true
			return tl, nil
		}
		tl.Tenures = tenures(claims, ref)
		return tl, nil
	})
}

// tenures reckons, date by date, which posts, memberships and leaderships
// among claims hold (factions.StateAsOf), and returns each unbroken run.
func tenures(claims []*factions.Claim, ref func(int64, string) EntityRef) []Tenure {
	var dates []time.Time
	seen := map[int64]bool{}
	for _, c := range claims {
		d := day(c.Date)
		if !seen[d.Unix()] {
			seen[d.Unix()] = true
			dates = append(dates, d)
		}
	}
	sort.Slice(dates, func(i, j int) bool { return dates[i].Before(dates[j]) })
	open := map[string]*Tenure{}
	var out []Tenure
	for _, d := range dates {
		now := map[string]*factions.Claim{}
		held, _ := factions.StateAsOf(claims, d.Add(24*time.Hour-time.Nanosecond))
		for _, c := range held {
			if c.Predicate.Affiliation() {
				now[factions.FactKey(c)] = c
			}
		}
		for k, t := range open {
			if _, ok := now[k]; !ok {
				t.To = d
				out = append(out, *t)
				delete(open, k)
			}
		}
		for k, c := range now {
			if _, ok := open[k]; !ok {
				open[k] = &Tenure{Predicate: c.Predicate, Role: c.Role, Subject: ref(c.SubjectID, c.Subject), Object: ref(c.ObjectID, c.Object),
					From: c.Date, ClaimID: c.ID, ArticleID: c.ArticleID, Hedged: c.Stance == factions.Hedged}
			}
		}
	}
	for _, t := range open {
		out = append(out, *t)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if !out[i].From.Equal(out[j].From) {
			return out[i].From.Before(out[j].From)
		}
		return out[i].ClaimID < out[j].ClaimID
	})
	if out == nil {
		out = []Tenure{}
	}
	return out
}

func day(t time.Time) time.Time {
	y, m, d := t.UTC().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// The drawing of a timeline: lanes, one for each entity on the other side
// of its claims (the most named first, the rest together) and one for
// statements; tenures as bars; events as marks whose shape tells the
// predicate and whose fill tells the stance; each mark a link to its
// evidence.

type tlSVG struct {
	Width, Height  float64
	Left, Right    float64 // the plot's x range
	Top, Bottom    float64 // the plot's y range
	Ticks          []tlTick
	Lanes          []tlLane
	Bars           []tlBar
	Marks          []tlMark
	FirstLabel     string
	LastLabel      string
	LegendY        float64
	EventCount     int
	OmittedTenures bool
	Undated        int // the events not drawn, their articles having no date
}

// undatedEvent tells whether ev has no date to be drawn at.
func undatedEvent(ev *TimelineEvent) bool { return ev.Undated || ev.Date.IsZero() }

// datedOnly returns tl itself when every event and tenure of it has a
// date, else a copy of it with only those that have, and how many events
// it left out.
func datedOnly(tl *Timeline) (*Timeline, int) {
	n := 0
	for i := range tl.Events {
		if undatedEvent(&tl.Events[i]) {
			n++
		}
	}
	undatedTenure := func(t Tenure) bool { return t.From.IsZero() }
	if n == 0 && !slices.ContainsFunc(tl.Tenures, undatedTenure) {
		return tl, 0
	}
	d := *tl
	d.Events = make([]TimelineEvent, 0, len(tl.Events)-n)
	for i := range tl.Events {
		if !undatedEvent(&tl.Events[i]) {
			d.Events = append(d.Events, tl.Events[i])
		}
	}
	d.Tenures = slices.DeleteFunc(slices.Clone(tl.Tenures), undatedTenure)
	return &d, n
}

type tlTick struct {
	X     float64
	Label string
}

type tlLane struct {
	Y, H   float64
	TextY  float64
	Label  string
	Title  string
	Href   string
	Stripe bool
}

type tlBar struct {
	X, Y, W, H float64
	Class      string
	Title      string
	Href       string
	Label      string
	LabelX     float64
	LabelY     float64
	Open       bool
	ArrowPts   string
}

type tlMark struct {
	X, Y    float64
	Path    string // the shape, centred on 0,0
	Class   string
	Title   string
	Href    string
	Label   string // what a screen reader says
	Contest bool
	Count   int    // the events of one lane and day drawn alike, as one mark
	base    string // the title but for the count
}

const (
	tlWidth     = 980.0
	tlGutter    = 230.0
	tlLaneH     = 38.0
	tlMaxLanes  = 14
	tlTopMargin = 34.0
)

// tlShapes are the shapes of the marks by predicate, as SVG paths centred
// on 0,0.
var tlShapes = sync.OnceValue(func() map[factions.Predicate]string {
	return map[factions.Predicate]string{
		factions.Leads:      "M0,-8 L8,0 L0,8 L-8,0 Z",
		factions.HoldsPost:  "M-7,0 A7,7 0 1,0 7,0 A7,7 0 1,0 -7,0 Z",
		factions.MemberOf:   "M-6,-6 H6 V6 H-6 Z",
		factions.Left:       "M-6,-6 L6,6 M6,-6 L-6,6",
		factions.Founded:    "M0,-8 L7.5,6 L-7.5,6 Z",
		factions.DiedIn:     "M-2,-8 H2 V-3 H7 V1 H2 V9 H-2 V1 H-7 V-3 H-2 Z",
		factions.BasedIn:    "M0,8 L-6,-1 A6,6 0 1,1 6,-1 Z",
		factions.FactionOf:  "M-7,-4 L0,-8 L7,-4 L7,4 L0,8 L-7,4 Z",
		factions.PartOf:     "M-7,-4 L0,-8 L7,-4 L7,4 L0,8 L-7,4 Z",
		factions.AlliedWith: "M-8,0 A4,4 0 1,1 0,0 A4,4 0 1,1 8,0 A4,4 0 1,1 0,0 A4,4 0 1,1 -8,0 Z",
		factions.MergedInto: "M-7,-7 L7,0 L-7,7 Z",
		factions.HasSeatsIn: "M-7,6 V-2 H-3 V6 M-2,6 V-6 H2 V6 M3,6 V0 H7 V6",
	}
})

const tlStatementShape = "M-9,-8 H9 V4 H-1 L-6,9 V4 H-9 Z"

// predicateLabels say what each predicate means, for people.
var predicateLabels = sync.OnceValue(func() map[factions.Predicate]string {
	return map[factions.Predicate]string{
		factions.Leads: "leads", factions.Founded: "founded", factions.MemberOf: "member of", factions.HoldsPost: "holds post in",
		factions.FactionOf: "faction of", factions.PartOf: "body of", factions.Left: "left", factions.HasSeatsIn: "has seats in",
		factions.BasedIn: "based in", factions.DiedIn: "died in", factions.AlliedWith: "allied with", factions.MergedInto: "merged into",
	}
})

// claimWhat says what a claim of predicate p (with role and former, as
// a claim has them) says of its object: "leads", "chairman of", "former
// member of".
func claimWhat(p factions.Predicate, role string, former bool) string {
	what := predicateLabels()[p]
	if role != "" {
		what = role + " of"
	}
	if former {
		what = "former " + what
	}
	return what
}

// layoutTimeline draws the dated events and tenures of tl: an event whose
// article has no date has no place on the time axis (it would stretch
// the axis back to the year 1), and is counted as undated instead.
func layoutTimeline(tl *Timeline) *tlSVG {
	tl, undated := datedOnly(tl)
	g := &tlSVG{Width: tlWidth, Left: tlGutter, Right: tlWidth - 30, Top: tlTopMargin, EventCount: len(tl.Events),
		OmittedTenures: tl.TenuresOmitted, Undated: undated}
	if len(tl.Events) == 0 {
		return g
	}
	// the time axis: from the first to the last event, padded
	lo, hi := tl.Events[0].Date, tl.Events[len(tl.Events)-1].Date
	for _, t := range tl.Tenures {
		if t.From.Before(lo) {
			lo = t.From
		}
	}
	span := hi.Sub(lo)
	if span < 60*24*time.Hour {
		span = 60 * 24 * time.Hour
	}
	pad := span / 12
	lo, hi = lo.Add(-pad), hi.Add(pad)
	x := func(t time.Time) float64 {
		return g.Left + (g.Right-g.Left)*float64(t.Sub(lo))/float64(hi.Sub(lo))
	}
	// lanes: the entities most often on the other side, by first date
	type laneInfo struct {
		ref   EntityRef
		n     int
		first time.Time
	}
	info := map[int64]*laneInfo{}
	for _, ev := range tl.Events {
		if ev.Other == nil {
			continue
		}
		li := info[ev.Other.ID]
		if li == nil {
			li = &laneInfo{ref: *ev.Other, first: ev.Date}
			info[ev.Other.ID] = li
		}
		li.n++
	}
	for _, t := range tl.Tenures {
		o := t.Object
		if o.ID == tl.Entity.ID {
			o = t.Subject
		}
		if li := info[o.ID]; li != nil {
			li.n += 2
		}
	}
	var lanes []*laneInfo
	for _, li := range info {
		lanes = append(lanes, li)
	}
	sort.Slice(lanes, func(i, j int) bool {
		if lanes[i].n != lanes[j].n {
			return lanes[i].n > lanes[j].n
		}
		return lanes[i].ref.ID < lanes[j].ref.ID
	})
	others := false
	if len(lanes) > tlMaxLanes {
		lanes, others = lanes[:tlMaxLanes-1], true
	}
	sort.SliceStable(lanes, func(i, j int) bool { return lanes[i].first.Before(lanes[j].first) })
	laneOf := map[int64]int{}
	for i, li := range lanes {
		laneOf[li.ref.ID] = i
		g.Lanes = append(g.Lanes, tlLane{Label: clip(li.ref.Name, 30), Title: li.ref.Name, Href: entityPath(li.ref.ID)})
	}
	otherLane, stmtLane := -1, -1
	if others {
		otherLane = len(g.Lanes)
		g.Lanes = append(g.Lanes, tlLane{Label: "others", Title: "other entities"})
	}
	for _, ev := range tl.Events {
		if ev.Kind == "statement" {
			stmtLane = len(g.Lanes)
			g.Lanes = append(g.Lanes, tlLane{Label: "Statements", Title: "what " + tl.Entity.Name + " said"})
			break
		}
	}
	for i := range g.Lanes {
		l := &g.Lanes[i]
		l.Y = g.Top + float64(i)*tlLaneH
		l.H = tlLaneH
		l.TextY = l.Y + tlLaneH/2 + 5
		l.Stripe = i%2 == 0
	}
	g.Bottom = g.Top + float64(len(g.Lanes))*tlLaneH
	g.LegendY = g.Bottom + 40
	g.Height = g.LegendY + 30
	laneY := func(id int64) (float64, bool) {
		i, ok := laneOf[id]
		if !ok {
			if otherLane < 0 {
				return 0, false
			}
			i = otherLane
		}
		return g.Top + float64(i)*tlLaneH + tlLaneH/2, true
	}
	// ticks: years, or quarters when the span is short
	g.Ticks = ticks(lo, hi, x)
	g.FirstLabel, g.LastLabel = lo.Format("Jan 2006"), hi.Format("Jan 2006")
	// tenures as bars
	for _, t := range tl.Tenures {
		o := t.Object
		if o.ID == tl.Entity.ID {
			o = t.Subject
		}
		y, ok := laneY(o.ID)
		if !ok {
			continue
		}
		x0 := x(t.From)
		x1 := g.Right
		open := t.To.IsZero()
		if !open {
			x1 = x(t.To)
		}
		what := predicateLabels()[t.Predicate]
		if t.Role != "" {
			what = t.Role
		}
		until := "still held as of the latest article"
		if !open {
			until = "until " + t.To.Format("2 Jan 2006")
		}
		title := fmt.Sprintf("%s — %s, %s: from %s, %s", t.Subject.Name, what, t.Object.Name, t.From.Format("2 Jan 2006"), until)
		if t.Hedged {
			title += " (hedged)"
		}
		b := tlBar{X: x0, Y: y - 5, W: math.Max(x1-x0, 2), H: 10, Class: "bar bar-" + string(t.Predicate), Title: title,
			Href: claimPath(t.ArticleID, t.ClaimID), Open: open}
		if t.Hedged {
			b.Class += " bar-hedged"
		}
		if b.W > 60 {
			b.Label, b.LabelX, b.LabelY = clip(what, int(b.W/7)), x0+4, y-9
		}
		if open {
			b.ArrowPts = fmt.Sprintf("%.1f,%.1f %.1f,%.1f %.1f,%.1f", x1, y-8, x1+9, y, x1, y+8)
		}
		g.Bars = append(g.Bars, b)
	}
	// marks, those of one lane and day set side by side; the events of a
	// lane and day drawn alike (the statements of a day, the claims of a
	// predicate and stance) are one mark with their number
	stmtY := g.Top + float64(stmtLane)*tlLaneH + tlLaneH/2
	crowd := map[string]int{}
	same := map[string]int{} // lane, day and look → index in g.Marks
	for i := range tl.Events {
		ev := &tl.Events[i]
		y, ok := stmtY, stmtLane >= 0
		if ev.Kind != "statement" {
			y, ok = laneY(ev.Other.ID)
		}
		if !ok {
			continue
		}
		m := markOf(ev)
		k := fmt.Sprintf("%.0f|%s", y, day(ev.Date).Format("20060102"))
		look := k + "|" + m.Class + "|" + m.Path + "|" + strconv.FormatBool(m.Contest)
		if j, seen := same[look]; seen {
			g.Marks[j].add(ev)
			continue
		}
		same[look] = len(g.Marks)
		n := crowd[k]
		crowd[k]++
		m.X, m.Y = x(ev.Date)+float64(n)*9, y
		g.Marks = append(g.Marks, m)
	}
	return g
}

// tlMaxQuotes is how many of a day's statements the title of their mark
// quotes.
const tlMaxQuotes = 12

// markOf returns the mark of ev, but for its place.
func markOf(ev *TimelineEvent) tlMark {
	if ev.Kind == "statement" {
		title := fmt.Sprintf("%s, %s: “%s”", ev.Date.Format("2 Jan 2006"), orDash(ev.Source), clip(ev.Text, 160))
		return tlMark{Path: tlStatementShape, Class: "mark st-statement", Title: title, base: title,
			Href: statementPath(ev.ArticleID, ev.StatementID), Label: "statement of " + ev.Date.Format("2 January 2006"), Count: 1}
	}
	shape := tlShapes()[ev.Predicate]
	if shape == "" {
		shape = tlShapes()[factions.HoldsPost]
	}
	class := "mark pred-" + string(ev.Predicate) + " st-" + string(ev.Stance)
	if ev.Former {
		class += " former"
	}
	what := claimWhat(ev.Predicate, ev.Role, ev.Former)
	who := "the article"
	if ev.AttributedTo != "" {
		who = ev.AttributedTo
	}
	title := fmt.Sprintf("%s — %s %s: %s by %s (%s)", ev.Date.Format("2 Jan 2006"), what, ev.Other.Name, ev.Stance, who, orDash(ev.Source))
	if ev.Contested {
		title += " — contested"
	}
	return tlMark{Path: shape, Class: class, Title: title, base: title, Href: claimPath(ev.ArticleID, ev.ClaimID), Label: title,
		Contest: ev.Contested, Count: 1}
}

// add counts in m the event ev, of the same lane, day and look. A
// statements' mark quotes the first tlMaxQuotes of them; a claims' mark
// tells the first and how many there are.
func (m *tlMark) add(ev *TimelineEvent) {
	m.Count++
	long := ev.Date.Format("2 January 2006")
	if ev.Kind == "statement" {
		if m.Count <= tlMaxQuotes {
			m.base += fmt.Sprintf("\n“%s”", clip(ev.Text, 120))
		}
		m.Title = m.base
		if m.Count > tlMaxQuotes {
			m.Title += fmt.Sprintf("\n… and %d more", m.Count-tlMaxQuotes)
		}
		m.Label = fmt.Sprintf("%d statements of %s", m.Count, long)
		return
	}
	m.Title = fmt.Sprintf("%d claims of %s, the first:\n%s", m.Count, ev.Date.Format("2 Jan 2006"), m.base)
	m.Label = fmt.Sprintf("%d claims of %s, the first: %s", m.Count, long, m.base)
}

// ticks returns the axis ticks between lo and hi: every year, or every
// quarter when fewer than three years are shown.
func ticks(lo, hi time.Time, x func(time.Time) float64) []tlTick {
	var out []tlTick
	if hi.Sub(lo) < 3*365*24*time.Hour {
		t := time.Date(lo.Year(), time.Month((int(lo.Month())-1)/3*3+1), 1, 0, 0, 0, 0, time.UTC)
		for ; !t.After(hi); t = t.AddDate(0, 3, 0) {
			if t.Before(lo) {
				continue
			}
			l := t.Format("Jan")
			if t.Month() == time.January {
				l = t.Format("2006")
			}
			out = append(out, tlTick{X: x(t), Label: l})
		}
		return out
	}
	step := 1
	if years := hi.Year() - lo.Year(); years > 20 {
		step = (years + 9) / 10
	}
	for y := lo.Year() + 1; y <= hi.Year(); y += step {
		out = append(out, tlTick{X: x(time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC)), Label: strconv.Itoa(y)})
	}
	return out
}

// clip shortens s to n runes, with an ellipsis.
func clip(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	r := []rune(s)
	if n < 2 || len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

func orDash(s string) string {
	if s == "" {
		return "unknown source"
	}
	return s
}

func entityPath(id int64) string { return "/entities/" + strconv.FormatInt(id, 10) }

func claimPath(articleID, claimID int64) string {
	return fmt.Sprintf("/articles/%d#claim-%d", articleID, claimID)
}

func statementPath(articleID, stID int64) string {
	return fmt.Sprintf("/articles/%d#statement-%d", articleID, stID)
}
