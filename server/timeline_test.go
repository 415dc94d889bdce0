package server_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/factions/factions"
	"github.com/factions/factions/ingest"
	"github.com/factions/factions/server"
	"github.com/factions/factions/sqlite"
	"github.com/factions/factions/storetest"
)

// Invented names of the timeline tests.
const (
	tlPerson = "Ilsa Marrowby"
	tlParty  = "Corvid Assembly"
	tlFront  = "Saltmarsh Front"
)

// tlServe stores docs in a new store in one batch, resolves it once and
// serves it.
func tlServe(t testing.TB, docs []*storetest.Doc) *fixture {
	t.Helper()
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "tl.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	var batch []factions.SaveItem
	for _, d := range docs {
		d.A.Hash = ingest.Hash(d.A.Text)
		batch = append(batch, factions.SaveItem{Article: &d.A, Extraction: &d.X})
	}
	res, err := st.SaveArticles(ctx, batch)
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range res {
		if r.Err != nil || !r.Created {
			t.Fatalf("save %d: %v, created %v", i, r.Err, r.Created)
		}
	}
	storetest.Resolve(t, st)
	f := &fixture{store: st}
	if f.srv, err = server.New(server.Config{Store: st}); err != nil {
		t.Fatal(err)
	}
	f.ts = httptest.NewServer(f.srv.Handler())
	t.Cleanup(f.ts.Close)
	return f
}

// tlDoc is an article of date (2006-01-02) in which tlPerson leads
// tlParty, one sentence a claim: "Ilsa Marrowby leads the Corvid Assembly,
// dispatch N said." for each N in ns.
func tlDoc(t testing.TB, date string, ns ...int) *storetest.Doc {
	var sentences []string
	for _, n := range ns {
		sentences = append(sentences, fmt.Sprintf("%s leads the %s, dispatch %04d said.", tlPerson, tlParty, n))
	}
	d := storetest.NewDoc(t, "Dispatch of "+date, "Lantern Wire", date, strings.Join(sentences, " ")).
		Entity(tlPerson, factions.Person).Entity(tlParty, factions.Organization)
	for _, s := range sentences {
		d.Claim(factions.Claim{Subject: tlPerson, Predicate: factions.Leads, Object: tlParty}, s)
	}
	return d
}

// dispatches returns a store of n events of tlPerson, dispatch 0 to n-1,
// one a day from 1 January 2020.
func dispatches(t testing.TB, n int) (*fixture, int64) {
	t.Helper()
	day0 := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	var docs []*storetest.Doc
	for i := range n {
		docs = append(docs, tlDoc(t, day0.AddDate(0, 0, i).Format("2006-01-02"), i))
	}
	f := tlServe(t, docs)
	es, err := f.store.FindEntities(context.Background(), tlPerson)
	if err != nil || len(es) == 0 {
		t.Fatalf("find %q: %v, %d found", tlPerson, err, len(es))
	}
	return f, es[0].ID
}

var (
	dispatchRE = regexp.MustCompile(`dispatch (\d{4}) said`)
	listDayRE  = regexp.MustCompile(`<span class="date">([^<]*)</span>`)
)

// dispatchDay returns the day of dispatch n ("0042") as the page shows it.
func dispatchDay(t *testing.T, n string) string {
	t.Helper()
	i, err := strconv.Atoi(n)
	if err != nil {
		t.Fatal(err)
	}
	return time.Date(2020, 1, 1+i, 0, 0, 0, 0, time.UTC).Format("2 Jan 2006")
}

// dispatchNumbers returns the dispatch numbers in s, in order.
func dispatchNumbers(s string) []string {
	var out []string
	for _, m := range dispatchRE.FindAllStringSubmatch(s, -1) {
		out = append(out, m[1])
	}
	return out
}

// TestTimelineAPIPages: limit and offset page the events, oldest first,
// total counts them all, the tenures stay whole, bad values are 400.
func TestTimelineAPIPages(t *testing.T) {
	f, id := dispatches(t, 450)
	_, router := openAPIRouter(t)
	for _, tc := range []struct {
		name        string
		query       string
		status      int
		first, last string // the dispatch numbers of the first and the last event
		n           int
	}{
		{name: "default", query: "", status: 200, first: "0000", last: "0099", n: 100},
		{name: "limit", query: "?limit=7", status: 200, first: "0000", last: "0006", n: 7},
		{name: "offset", query: "?offset=440", status: 200, first: "0440", last: "0449", n: 10},
		{name: "both", query: "?limit=3&offset=200", status: 200, first: "0200", last: "0202", n: 3},
		{name: "all", query: "?limit=500", status: 200, first: "0000", last: "0449", n: 450},
		{name: "past the end", query: "?offset=450", status: 200, n: 0},
		{name: "limit 0", query: "?limit=0", status: 400},
		{name: "limit over", query: "?limit=501", status: 400},
		{name: "limit not a number", query: "?limit=ten", status: 400},
		{name: "offset negative", query: "?offset=-1", status: 400},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := fmt.Sprintf("/api/entities/%d/timeline%s", id, tc.query)
			resp, b := f.do(t, "GET", path, "", nil)
			if resp.StatusCode != tc.status {
				t.Fatalf("GET %s: %d, want %d: %s", path, resp.StatusCode, tc.status, clipBytes(b))
			}
			req, _ := http.NewRequest("GET", f.ts.URL+path, nil)
			checkResponse(t, router, req, resp, b)
			if tc.status != 200 {
				wantCode("invalid")(t, b)
				return
			}
			tl := decodeAs[server.Timeline](t, b)
			if tl.Total != 450 || len(tl.Events) != tc.n || tl.Events == nil {
				t.Fatalf("total %d, %d events; want 450, %d", tl.Total, len(tl.Events), tc.n)
			}
			if len(tl.Tenures) != 1 {
				t.Errorf("%d tenures, want 1", len(tl.Tenures))
			}
			if tc.n == 0 {
				return
			}
			first, last := dispatchNumbers(tl.Events[0].Text), dispatchNumbers(tl.Events[tc.n-1].Text)
			if len(first) != 1 || first[0] != tc.first || len(last) != 1 || last[0] != tc.last {
				t.Errorf("events from dispatch %v to %v, want %s to %s", first, last, tc.first, tc.last)
			}
		})
	}
	// the pages left the cached timeline whole
	_, b := f.do(t, "GET", fmt.Sprintf("/api/entities/%d/timeline?limit=500", id), "", nil)
	got := dispatchNumbers(string(b))
	if len(got) != 450 || got[0] != "0000" || got[449] != "0449" {
		t.Errorf("after the pages: %d events, want dispatch 0000 to 0449", len(got))
	}
}

// TestTimelinePagePages: the page lists 200 events at a time, the latest
// first, with links to the earlier and the later ones; a page that is not
// there is an error page.
func TestTimelinePagePages(t *testing.T) {
	f, id := dispatches(t, 450)
	for _, tc := range []struct {
		name           string
		query          string
		status         int
		first, last    string // the dispatch numbers of the first and the last listed
		shows          string
		earlier, later string // the links, "" for none
	}{
		{name: "latest", query: "", status: 200, first: "0250", last: "0449", shows: "events 251–450 of 450", earlier: "?page=2"},
		{name: "page 1", query: "?page=1", status: 200, first: "0250", last: "0449", shows: "events 251–450 of 450", earlier: "?page=2"},
		{name: "page 2", query: "?page=2", status: 200, first: "0050", last: "0249", shows: "events 51–250 of 450", earlier: "?page=3", later: "?page=1"},
		{name: "oldest", query: "?page=3", status: 200, first: "0000", last: "0049", shows: "events 1–50 of 450", later: "?page=2"},
		{name: "beyond the last", query: "?page=4", status: 400},
		{name: "page 0", query: "?page=0", status: 400},
		{name: "malformed", query: "?page=two", status: 400},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := fmt.Sprintf("/entities/%d/timeline%s", id, tc.query)
			resp, b := f.do(t, "GET", path, "", nil)
			if resp.StatusCode != tc.status {
				t.Fatalf("GET %s: %d, want %d", path, resp.StatusCode, tc.status)
			}
			checkPage(t, resp, string(b))
			if tc.status != 200 {
				if !strings.Contains(string(b), "page") {
					t.Errorf("the error page does not name the parameter: %s", clipBytes(b))
				}
				return
			}
			list := string(b)[strings.Index(string(b), `<ol class="events"`):]
			list = list[:strings.Index(list, "</ol>")]
			var got []string // the days listed
			for _, m := range listDayRE.FindAllStringSubmatch(list, -1) {
				got = append(got, m[1])
			}
			first, last := dispatchDay(t, tc.first), dispatchDay(t, tc.last)
			if len(got) == 0 || got[0] != first || got[len(got)-1] != last || strings.Count(list, "<li ") != len(got) {
				t.Errorf("lists %d events from %v to %v, want %s to %s", len(got), got[:min(1, len(got))], got[max(0, len(got)-1):], first, last)
			}
			if n := strings.Count(string(b), tc.shows); n != 2 {
				t.Errorf("%q shown %d times, want 2 (above and below the list)", tc.shows, n)
			}
			for _, l := range []struct{ class, href string }{{"earlier", tc.earlier}, {"later", tc.later}} {
				link := fmt.Sprintf(`<a class="%s" href="%s">`, l.class, l.href)
				if has := strings.Contains(string(b), `<a class="`+l.class+`"`); has != (l.href != "") || l.href != "" && !strings.Contains(string(b), link) {
					t.Errorf("%s link: want %q", l.class, l.href)
				}
			}
		})
	}
}

// TestTimelinePageSmall: with 200 events or fewer the page lists them all
// and has no pager; any page but the first is an error.
func TestTimelinePageSmall(t *testing.T) {
	f, id := dispatches(t, 200)
	resp, b := f.do(t, "GET", fmt.Sprintf("/entities/%d/timeline", id), "", nil)
	if got := dispatchNumbers(string(b)); resp.StatusCode != 200 || strings.Contains(string(b), "pager") ||
		strings.Count(string(b), `<li class="event`) != 200 || !strings.Contains(string(b), `<ol class="events">`) {
		t.Errorf("GET: %d, %d dispatches listed, pager %v", resp.StatusCode, len(got), strings.Contains(string(b), "pager"))
	}
	if resp, _ := f.do(t, "GET", fmt.Sprintf("/entities/%d/timeline?page=2", id), "", nil); resp.StatusCode != 400 {
		t.Errorf("page 2 of 1: %d, want 400", resp.StatusCode)
	}
}

// tlMark is a mark of the timeline figure as the page draws it.
type tlMark struct {
	class, label, title, count string
}

var (
	markRE  = regexp.MustCompile(`<a href="[^"]*" class="(mark [^"]*)" aria-label="([^"]*)"><title>([^<]*)</title>(.*?)</a>`)
	countRE = regexp.MustCompile(`<text class="count"[^>]*>(\d+)</text>`)
)

// figureMarks returns the marks of the timeline figure in page.
func figureMarks(page string) []tlMark {
	var out []tlMark
	for _, m := range markRE.FindAllStringSubmatch(page, -1) {
		mk := tlMark{class: m[1], label: m[2], title: m[3], count: "1"}
		if c := countRE.FindStringSubmatch(m[4]); c != nil {
			mk.count = c[1]
		}
		out = append(out, mk)
	}
	return out
}

// TestTimelineMarksMerge: the claims of one lane, day, predicate and
// stance are one mark with their number; another day, stance or lane is
// a mark of its own.
func TestTimelineMarksMerge(t *testing.T) {
	said := func(d *storetest.Doc, quote string) *storetest.Doc {
		return d.Statement(tlPerson, factions.Direct, quote, `"`+quote+`," `+tlPerson+` said.`)
	}
	leads := factions.Claim{Subject: tlPerson, Predicate: factions.Leads, Object: tlParty}
	member := factions.Claim{Subject: tlPerson, Predicate: factions.MemberOf, Object: tlFront}
	hedged := leads
	hedged.Stance = factions.Hedged
	s1 := tlPerson + " leads the " + tlParty + ", the morning paper said."
	s2 := tlPerson + " leads the " + tlParty + ", the evening paper said."
	s3 := tlPerson + " may lead the " + tlParty + ", a third paper said."
	s4 := tlPerson + " is a member of the " + tlFront + "."
	s5 := tlPerson + " leads the " + tlParty + ", the summer paper said."
	q1, q2 := "The harbour stays open", "The lanterns stay lit"
	doc := func(date, text string) *storetest.Doc {
		return storetest.NewDoc(t, "On "+date, "Lantern Wire", date, text).
			Entity(tlPerson, factions.Person).Entity(tlParty, factions.Organization).Entity(tlFront, factions.Organization)
	}
	f := tlServe(t, []*storetest.Doc{
		said(doc("2024-03-04", s1+` "`+q1+`," `+tlPerson+` said.`).Claim(leads, s1), q1),
		said(doc("2024-03-04", s2+` "`+q2+`," `+tlPerson+` said.`).Claim(leads, s2), q2),
		doc("2024-03-04", s3+" "+s4).Claim(hedged, s3).Claim(member, s4),
		doc("2024-06-20", s5).Claim(leads, s5),
	})
	id := f.find(t, tlPerson)
	resp, b := f.do(t, "GET", fmt.Sprintf("/entities/%d/timeline", id), "", nil)
	if resp.StatusCode != 200 {
		t.Fatalf("GET: %d", resp.StatusCode)
	}
	marks := figureMarks(string(b))
	for _, tc := range []struct {
		name  string
		class string
		day   string
		count string
		label string // how the label begins
	}{
		{name: "same lane, day and look: one mark", class: "mark pred-leads st-asserted", day: "4 Mar 2024", count: "2",
			label: "2 claims of 4 March 2024, the first: 4 Mar 2024 — leads " + tlParty},
		{name: "another day", class: "mark pred-leads st-asserted", day: "20 Jun 2024", count: "1", label: "20 Jun 2024 — leads " + tlParty},
		{name: "another stance", class: "mark pred-leads st-hedged", day: "4 Mar 2024", count: "1", label: "4 Mar 2024 — leads " + tlParty},
		{name: "another lane", class: "mark pred-member_of st-asserted", day: "4 Mar 2024", count: "1", label: "4 Mar 2024 — member of " + tlFront},
		{name: "statements of a day", class: "mark st-statement", day: "4 Mar 2024", count: "2", label: "2 statements of 4 March 2024"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got []tlMark
			for _, m := range marks {
				if m.class == tc.class && strings.Contains(m.title, tc.day) {
					got = append(got, m)
				}
			}
			if len(got) != 1 || got[0].count != tc.count || !strings.HasPrefix(got[0].label, tc.label) {
				t.Errorf("marks %+v, want one of count %s labelled %q…", got, tc.count, tc.label)
			}
		})
	}
	if len(marks) != 5 || !strings.Contains(string(b), `aria-label="timeline of 7 events"`) {
		t.Errorf("%d marks for 7 events, want 5: %+v", len(marks), marks)
	}
}

// TestTimelinePageBounded: a person with thousands of events on a few
// dozen days gets a page of bounded size, the figure's marks bounded by
// its lanes and days.
func TestTimelinePageBounded(t *testing.T) {
	const days, perDay = 60, 50 // 3,000 events
	day0 := time.Date(2021, 5, 1, 0, 0, 0, 0, time.UTC)
	var docs []*storetest.Doc
	for d := range days {
		date := day0.AddDate(0, 0, 3*d).Format("2006-01-02")
		for a := range perDay / 10 {
			ns := make([]int, 10)
			for i := range ns {
				ns[i] = (d*perDay + a*10 + i) % 10000
			}
			docs = append(docs, tlDoc(t, date, ns...))
		}
	}
	f := tlServe(t, docs)
	id := f.find(t, tlPerson)
	resp, b := f.do(t, "GET", fmt.Sprintf("/entities/%d/timeline", id), "", nil)
	if resp.StatusCode != 200 {
		t.Fatalf("GET: %d", resp.StatusCode)
	}
	if !strings.Contains(string(b), "events 2801–3000 of 3000") {
		t.Errorf("not the latest 200 of 3000 events")
	}
	if marks := figureMarks(string(b)); len(marks) != days {
		t.Errorf("%d marks, want %d (one a day)", len(marks), days)
	}
	if len(b) > 300<<10 {
		t.Errorf("the page is %d bytes, want at most %d", len(b), 300<<10)
	}
}

// TestTimelineUndated: events whose articles have no date are listed but
// not drawn, so that they do not stretch the figure's axis back to the
// year 1, and the figure says how many it left out.
func TestTimelineUndated(t *testing.T) {
	leads := factions.Claim{Subject: tlPerson, Predicate: factions.Leads, Object: tlParty}
	doc := func(date, paper string) *storetest.Doc {
		s := tlPerson + " leads the " + tlParty + ", the " + paper + " said."
		return storetest.NewDoc(t, "From the "+paper, "Lantern Wire", date, s).
			Entity(tlPerson, factions.Person).Entity(tlParty, factions.Organization).Claim(leads, s)
	}
	for _, tc := range []struct {
		name    string
		dates   []string // of the articles ("": none)
		marks   int      // drawn
		figure  string   // what the page says of the figure
		noTicks bool     // no axis at all
	}{
		{name: "all dated", dates: []string{"2024-03-04", "2024-06-20"}, marks: 2, figure: `aria-label="timeline of 2 events"`},
		{name: "one undated", dates: []string{"2024-03-04", ""}, marks: 1, figure: "1 undated event is listed, not drawn: its article has no date."},
		{name: "all undated", dates: []string{"", ""}, marks: 0, noTicks: true,
			figure: "Nothing dated is known of this entity yet. 2 undated events are listed: their articles have no date."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var docs []*storetest.Doc
			for i, d := range tc.dates {
				docs = append(docs, doc(d, fmt.Sprintf("paper %d", i)))
			}
			f := tlServe(t, docs)
			resp, b := f.do(t, "GET", fmt.Sprintf("/entities/%d/timeline", f.find(t, tlPerson)), "", nil)
			if resp.StatusCode != 200 {
				t.Fatalf("GET: %d", resp.StatusCode)
			}
			page := string(b)
			if got := len(figureMarks(page)); got != tc.marks {
				t.Errorf("%d marks drawn, want %d", got, tc.marks)
			}
			if !strings.Contains(page, tc.figure) {
				t.Errorf("page does not say %q", tc.figure)
			}
			if strings.Contains(page, ">0001<") || tc.noTicks && strings.Contains(page, `class="tick"`) {
				t.Errorf("the axis reaches the year 1 or is drawn with nothing on it")
			}
			if got := strings.Count(page, `<li class="event`); got != len(tc.dates) {
				t.Errorf("%d events listed, want %d", got, len(tc.dates))
			}
		})
	}
}
