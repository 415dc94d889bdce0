package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/legacy"

	"github.com/factions/factions"
	"github.com/factions/factions/server"
)

// openAPIRouter loads the served OpenAPI document, checks it is valid and
// returns a router that finds its operations.
func openAPIRouter(t *testing.T) (*openapi3.T, routers.Router) {
	t.Helper()
	doc, err := openapi3.NewLoader().LoadFromData(server.OpenAPI())
	if err != nil {
		t.Fatalf("openapi.json: %v", err)
	}
	if err := doc.Validate(context.Background()); err != nil {
		t.Fatalf("openapi.json is not valid OpenAPI: %v", err)
	}
	doc.Servers = nil // match requests to any host
	r, err := legacy.NewRouter(doc)
	if err != nil {
		t.Fatal(err)
	}
	return doc, r
}

// TestOpenAPIInStep checks that the OpenAPI document describes every API
// route the server registers, with its method, and nothing else.
func TestOpenAPIInStep(t *testing.T) {
	f := newFixture(t)
	doc, _ := openAPIRouter(t)
	var registered, documented []string
	for _, r := range f.srv.Routes() {
		if r.API {
			registered = append(registered, r.Method+" "+r.Path)
		}
	}
	for path, item := range doc.Paths.Map() {
		for method := range item.Operations() {
			documented = append(documented, method+" "+path)
		}
	}
	sort.Strings(registered)
	sort.Strings(documented)
	if strings.Join(registered, "\n") != strings.Join(documented, "\n") {
		t.Errorf("routes and OpenAPI document differ:\nregistered:\n%s\ndocumented:\n%s",
			strings.Join(registered, "\n"), strings.Join(documented, "\n"))
	}
	// the served document is the embedded one
	resp, body := f.do(t, "GET", "/api/openapi.json", "", nil)
	if resp.StatusCode != 200 || !bytes.Equal(body, server.OpenAPI()) {
		t.Errorf("GET /api/openapi.json: %d, %d bytes; want 200 and the document", resp.StatusCode, len(body))
	}
}

// apiCase is one request to the API and what must come back.
type apiCase struct {
	name   string
	method string
	path   string
	token  string
	body   string
	header []string
	status int
	check  func(t *testing.T, body []byte)
}

// checkResponse validates a response against the OpenAPI document: its
// status must be documented for the operation and its body must match the
// schema. A wrong method has no operation: its body must be an Error.
func checkResponse(t *testing.T, router routers.Router, req *http.Request, resp *http.Response, body []byte) {
	t.Helper()
	route, params, err := router.FindRoute(req)
	if err != nil {
		if resp.StatusCode != http.StatusMethodNotAllowed && resp.StatusCode != http.StatusNotFound {
			t.Fatalf("%s %s: no operation in the OpenAPI document: %v", req.Method, req.URL.Path, err)
		}
		var e struct {
			Error struct{ Code, Message string }
		}
		if json.Unmarshal(body, &e) != nil || e.Error.Code == "" || e.Error.Message == "" {
			t.Fatalf("%s %s: %d body is not an API error: %s", req.Method, req.URL.Path, resp.StatusCode, body)
		}
		return
	}
	in := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: &openapi3filter.RequestValidationInput{Request: req, PathParams: params, Route: route,
			Options: &openapi3filter.Options{AuthenticationFunc: openapi3filter.NoopAuthenticationFunc}},
		Status: resp.StatusCode, Header: resp.Header, Body: io.NopCloser(bytes.NewReader(body)),
		Options: &openapi3filter.Options{IncludeResponseStatus: true},
	}
	if err := openapi3filter.ValidateResponse(context.Background(), in); err != nil {
		t.Fatalf("%s %s: response does not match the OpenAPI document: %v\n%s", req.Method, req.URL.Path, err, clipBytes(body))
	}
}

func clipBytes(b []byte) string {
	if len(b) > 600 {
		return string(b[:600]) + "…"
	}
	return string(b)
}

func errCode(t *testing.T, body []byte) string {
	t.Helper()
	var e struct {
		Error struct{ Code, Message string }
	}
	if err := json.Unmarshal(body, &e); err != nil {
		t.Fatalf("not JSON: %s", body)
	}
	return e.Error.Code
}

func wantCode(code string) func(t *testing.T, body []byte) {
	return func(t *testing.T, body []byte) {
		t.Helper()
		if got := errCode(t, body); got != code {
			t.Errorf("error code %q, want %q: %s", got, code, body)
		}
	}
}

func decodeAs[T any](t *testing.T, body []byte) T {
	t.Helper()
	var v T
	if err := json.Unmarshal(body, &v); err != nil {
		t.Fatalf("decode: %v: %s", err, clipBytes(body))
	}
	return v
}

// TestAPI sends every read route its good requests and its bad ones (400,
// 404, wrong method), checks each answer against the OpenAPI document and
// the facts of the samples.
func TestAPI(t *testing.T) {
	f := newFixture(t)
	_, router := openAPIRouter(t)
	jnd := f.find(t, "Jatiya Nabajagaran Dal")
	talukder := f.find(t, "Mohammad Jalal Uddin Talukder")
	patwary := f.find(t, "Shahidul Karim Patwary")
	jndg := f.find(t, "Jatiya Nabajagaran Dal (Gonotantrik)")
	e := func(format string, args ...any) string { return fmt.Sprintf(format, args...) }
	type card struct {
		Entity  struct{ Name string }
		Leaders []struct {
			Subject   string
			SubjectID int64 `json:"subject_id"`
		}
	}
	leader := func(want int64) func(t *testing.T, body []byte) {
		return func(t *testing.T, body []byte) {
			c := decodeAs[card](t, body)
			if len(c.Leaders) == 0 || c.Leaders[0].SubjectID != want {
				t.Errorf("leaders %+v, want #%d first", c.Leaders, want)
			}
		}
	}
	cases := []apiCase{
		{name: "search", path: "/api/search?q=Jatiya", status: 200, check: func(t *testing.T, b []byte) {
			r := decodeAs[server.SearchResult](t, b)
			if len(r.Suggestions) < 2 || r.Suggestions[0].Name != "Jatiya Nabajagaran Dal" {
				t.Errorf("suggestions %+v, want the party first", r.Suggestions)
			}
		}},
		{name: "search exact", path: "/api/search?q=JND&type=organization", status: 200, check: func(t *testing.T, b []byte) {
			r := decodeAs[server.SearchResult](t, b)
			if len(r.Results) == 0 || r.Results[0].ID != jnd {
				t.Errorf("results %+v, want #%d first", r.Results, jnd)
			}
		}},
		{name: "search suggests by a later word", path: "/api/search?q=patw", status: 200, check: func(t *testing.T, b []byte) {
			r := decodeAs[server.SearchResult](t, b)
			if len(r.Suggestions) == 0 || r.Suggestions[0].ID != patwary {
				t.Errorf("suggestions %+v, want #%d", r.Suggestions, patwary)
			}
		}},
		{name: "search without q", path: "/api/search", status: 400, check: wantCode("invalid")},
		{name: "search bad type", path: "/api/search?q=x&type=party", status: 400, check: wantCode("invalid")},
		{name: "search bad limit", path: "/api/search?q=x&limit=0", status: 400, check: wantCode("invalid")},
		{name: "entities", path: "/api/entities?type=organization&limit=3", status: 200, check: func(t *testing.T, b []byte) {
			es := decodeAs[[]server.EntityRef](t, b)
			if len(es) != 3 || es[0].ID != jnd {
				t.Errorf("got %+v, want 3, the party first", es)
			}
		}},
		{name: "entities bad offset", path: "/api/entities?offset=-1", status: 400, check: wantCode("invalid")},
		{name: "entity", path: e("/api/entities/%d", jnd), status: 200, check: func(t *testing.T, b []byte) {
			if !contains(string(b), `"name": "Jatiya Nabajagaran Dal"`, `"JND"`) {
				t.Errorf("got %s", clipBytes(b))
			}
		}},
		{name: "entity not found", path: "/api/entities/999999", status: 404, check: wantCode("not_found")},
		{name: "entity bad id", path: "/api/entities/abc", status: 400, check: wantCode("invalid")},
		{name: "card now", path: e("/api/entities/%d/card", jnd), status: 200, check: leader(patwary)},
		{name: "card as of", path: e("/api/entities/%d/card?as_of=2024-01-01", jnd), status: 200, check: leader(talukder)},
		{name: "card bad date", path: e("/api/entities/%d/card?as_of=yesterday", jnd), status: 400, check: wantCode("invalid")},
		{name: "card not found", path: "/api/entities/999999/card", status: 404, check: wantCode("not_found")},
		{name: "claims", path: e("/api/entities/%d/claims?predicate=leads&stance=hedged", jnd), status: 200, check: func(t *testing.T, b []byte) {
			cs := decodeAs[[]struct {
				Predicate, Stance string
				SubjectID         int64 `json:"subject_id"`
			}](t, b)
			if len(cs) == 0 {
				t.Fatal("no hedged leads claims")
			}
			for _, c := range cs {
				if c.Predicate != "leads" || c.Stance != "hedged" {
					t.Errorf("got %+v", c)
				}
			}
		}},
		{name: "claims contested", path: e("/api/entities/%d/claims?contested=true", jnd), status: 200, check: func(t *testing.T, b []byte) {
			cs := decodeAs[[]struct{ Contested bool }](t, b)
			if len(cs) == 0 {
				t.Fatal("no contested claims")
			}
			for _, c := range cs {
				if !c.Contested {
					t.Error("an uncontested claim")
				}
			}
		}},
		{name: "claims bad predicate", path: e("/api/entities/%d/claims?predicate=owns", jnd), status: 400, check: wantCode("invalid")},
		{name: "claims bad stance", path: e("/api/entities/%d/claims?stance=maybe", jnd), status: 400, check: wantCode("invalid")},
		{name: "claims bad contested", path: e("/api/entities/%d/claims?contested=perhaps", jnd), status: 400, check: wantCode("invalid")},
		{name: "claims not found", path: "/api/entities/999999/claims", status: 404, check: wantCode("not_found")},
		{name: "statements", path: e("/api/entities/%d/statements", talukder), status: 200, check: func(t *testing.T, b []byte) {
			if sts := decodeAs[[]struct{ Text string }](t, b); len(sts) == 0 {
				t.Error("no statements")
			}
		}},
		{name: "statements bad limit", path: e("/api/entities/%d/statements?limit=9999", talukder), status: 400, check: wantCode("invalid")},
		{name: "statements not found", path: "/api/entities/999999/statements", status: 404, check: wantCode("not_found")},
		{name: "timeline", path: e("/api/entities/%d/timeline", talukder), status: 200, check: func(t *testing.T, b []byte) {
			tl := decodeAs[server.Timeline](t, b)
			preds := map[string]bool{}
			for _, ev := range tl.Events {
				preds[string(ev.Predicate)+ev.Kind] = true
			}
			if !preds["leadsclaim"] || !preds["leftclaim"] || !preds["statement"] || !preds["died_inclaim"] {
				t.Errorf("events lack leads, left, died_in or statements: %v", preds)
			}
			ended := false
			for _, tn := range tl.Tenures {
				if tn.Predicate == "leads" && tn.Object.ID == jnd && !tn.To.IsZero() {
					ended = true
				}
			}
			if !ended {
				t.Errorf("no ended tenure as leader of the party: %+v", tl.Tenures)
			}
		}},
		{name: "timeline not found", path: "/api/entities/999999/timeline", status: 404, check: wantCode("not_found")},
		{name: "lineage", path: e("/api/entities/%d/lineage", jndg), status: 200, check: func(t *testing.T, b []byte) {
			l := decodeAs[server.Lineage](t, b)
			if l.Root.ID != jnd || l.Focus != jndg || l.Size < 3 {
				t.Errorf("lineage root #%d focus #%d size %d, want root #%d (the parent), focus #%d", l.Root.ID, l.Focus, l.Size, jnd, jndg)
			}
		}},
		{name: "lineage of a person", path: e("/api/entities/%d/lineage", talukder), status: 400, check: wantCode("invalid")},
		{name: "lineage not found", path: "/api/entities/999999/lineage", status: 404, check: wantCode("not_found")},
		{name: "graph", path: e("/api/entities/%d/graph?depth=2", jnd), status: 200, check: func(t *testing.T, b []byte) {
			g := decodeAs[server.Graph](t, b)
			steps := map[int]bool{}
			for _, n := range g.Nodes {
				steps[n.Step] = true
			}
			if !steps[0] || !steps[1] || !steps[2] || len(g.Edges) < 5 {
				t.Errorf("graph of %d nodes (steps %v), %d edges", len(g.Nodes), steps, len(g.Edges))
			}
		}},
		{name: "graph bad depth", path: e("/api/entities/%d/graph?depth=3", jnd), status: 400, check: wantCode("invalid")},
		{name: "graph not found", path: "/api/entities/999999/graph", status: 404, check: wantCode("not_found")},
		{name: "resolutions", path: e("/api/entities/%d/resolutions", talukder), status: 200},
		{name: "resolutions not found", path: "/api/entities/999999/resolutions", status: 404, check: wantCode("not_found")},
		{name: "articles", path: "/api/articles?limit=2", status: 200, check: func(t *testing.T, b []byte) {
			if as := decodeAs[[]server.ArticleSummary](t, b); len(as) != 2 || as[0].Published != "2025-07-08" {
				t.Errorf("got %+v, want the two newest", as)
			}
		}},
		{name: "articles bad limit", path: "/api/articles?limit=x", status: 400, check: wantCode("invalid")},
		{name: "article", path: e("/api/articles/%d", f.hostile), status: 200, check: func(t *testing.T, b []byte) {
			v := decodeAs[server.ArticleView](t, b)
			if len(v.Mentions) < 4 || len(v.Claims) != 2 || len(v.Statements) != 1 || v.Article.Title != hostileScript+" headline" {
				t.Errorf("article: %d mentions, %d claims, %d statements, title %q", len(v.Mentions), len(v.Claims), len(v.Statements), v.Article.Title)
			}
			for _, m := range v.Mentions {
				if v.Article.Text[m.Span.Start:m.Span.End] != m.Text || m.EntityID == 0 {
					t.Errorf("mention %+v does not match the text", m)
				}
			}
		}},
		{name: "article not found", path: "/api/articles/999999", status: 404, check: wantCode("not_found")},
		{name: "article bad id", path: "/api/articles/0", status: 400, check: wantCode("invalid")},
		{name: "claims all", path: "/api/claims?predicate=faction_of&limit=2", status: 200, check: func(t *testing.T, b []byte) {
			if cs := decodeAs[[]struct{ Predicate string }](t, b); len(cs) != 2 || cs[0].Predicate != "faction_of" {
				t.Errorf("got %+v", cs)
			}
		}},
		{name: "claims all by stance", path: "/api/claims?stance=denied", status: 200, check: func(t *testing.T, b []byte) {
			cs := decodeAs[[]struct{ Stance string }](t, b)
			if len(cs) < 2 {
				t.Errorf("%d denied claims, want at least 2", len(cs))
			}
			for _, c := range cs {
				if c.Stance != "denied" {
					t.Errorf("got stance %q", c.Stance)
				}
			}
		}},
		{name: "claims all bad", path: "/api/claims?limit=501", status: 400, check: wantCode("invalid")},
		{name: "contested", path: "/api/contested", status: 200, check: func(t *testing.T, b []byte) {
			fs := decodeAs[[]server.ContestedFact](t, b)
			if len(fs) < 2 {
				t.Fatalf("%d contested facts", len(fs))
			}
			for _, cf := range fs {
				if len(cf.For) == 0 || len(cf.Against) == 0 {
					t.Errorf("fact %s %s %s lacks a side", cf.Subject.Name, cf.Predicate, cf.Object.Name)
				}
			}
		}},
		{name: "contested of", path: e("/api/contested?entity=%d", jnd), status: 200},
		{name: "contested bad", path: "/api/contested?entity=x", status: 400, check: wantCode("invalid")},
		{name: "contested not found", path: "/api/contested?entity=999999", status: 404, check: wantCode("not_found")},
		{name: "audit", path: "/api/audit", status: 200},
		{name: "popolo", path: "/api/export/popolo", status: 200, check: func(t *testing.T, b []byte) {
			if !contains(string(b), `"organizations"`, "Jatiya Nabajagaran Dal") {
				t.Errorf("got %s", clipBytes(b))
			}
		}},
		{name: "wrong method", method: "DELETE", path: e("/api/entities/%d", jnd), status: 405, check: wantCode("method_not_allowed")},
		{name: "wrong method on a write", method: "GET", path: e("/api/entities/%d/merge", jnd), status: 405, check: wantCode("method_not_allowed")},
		{name: "no such route", path: "/api/nothing", status: 404, check: wantCode("not_found")},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) { runCase(t, f, router, tc) })
	}
}

func runCase(t *testing.T, f *fixture, router routers.Router, tc apiCase) {
	t.Helper()
	if tc.method == "" {
		tc.method = "GET"
	}
	var body io.Reader
	if tc.body != "" {
		body = strings.NewReader(tc.body)
	}
	resp, b := f.do(t, tc.method, tc.path, tc.token, body, tc.header...)
	if resp.StatusCode != tc.status {
		t.Fatalf("%s %s: status %d, want %d: %s", tc.method, tc.path, resp.StatusCode, tc.status, clipBytes(b))
	}
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Errorf("Content-Type %q", ct)
	}
	if resp.StatusCode == 405 && resp.Header.Get("Allow") == "" {
		t.Error("405 without Allow")
	}
	req, _ := http.NewRequest(tc.method, f.ts.URL+tc.path, nil)
	checkResponse(t, router, req, resp, b)
	if tc.check != nil {
		tc.check(t, b)
	}
}

// TestAPICuration sends every write route a request without a token, with
// a wrong one, with a bad body, a body over the limit, for a missing
// entity, and a good one; the good ones change the store and are in the
// audit log with who made them.
func TestAPICuration(t *testing.T) {
	f := newFixture(t)
	_, router := openAPIRouter(t)
	ctx := context.Background()
	jnd := f.find(t, "Jatiya Nabajagaran Dal")
	jndg := f.find(t, "Jatiya Nabajagaran Dal (Gonotantrik)")
	hawlader := f.find(t, "Rokeya Parveen Hawlader")
	cs, err := f.store.Claims(ctx, factionsClaimsOf(jnd))
	if err != nil || len(cs) == 0 {
		t.Fatal(err)
	}
	claim := cs[0].ID
	e := func(format string, args ...any) string { return fmt.Sprintf(format, args...) }
	big := `{"note": "` + strings.Repeat("x", 5000) + `"}`
	var cases []apiCase
	for _, w := range []struct{ path, body string }{
		{e("/api/entities/%d/merge", jnd), e(`{"drop": %d}`, jndg)},
		{e("/api/entities/%d/split", jnd), `{"alias": "JND"}`},
		{e("/api/entities/%d/rename", jnd), `{"name": "New name"}`},
		{e("/api/claims/%d/reject", claim), `{}`},
		{"/api/audit/1/undo", `{}`},
	} {
		cases = append(cases,
			apiCase{name: w.path + " no token", method: "POST", path: w.path, body: w.body, status: 401, check: wantCode("unauthorized")},
			apiCase{name: w.path + " wrong token", method: "POST", path: w.path, token: testToken + "x", body: w.body, status: 401, check: wantCode("unauthorized")},
			apiCase{name: w.path + " bad body", method: "POST", path: w.path, token: testToken, body: `{"nope": 1}`, status: 400, check: wantCode("invalid")},
			apiCase{name: w.path + " too large", method: "POST", path: w.path, token: testToken, body: big, status: 413, check: wantCode("too_large")},
		)
	}
	cases = append(cases,
		apiCase{name: "merge missing", method: "POST", path: "/api/entities/999999/merge", token: testToken, body: e(`{"drop": %d}`, jndg), status: 404, check: wantCode("not_found")},
		apiCase{name: "merge into itself", method: "POST", path: e("/api/entities/%d/merge", jnd), token: testToken, body: e(`{"drop": %d}`, jnd), status: 400, check: wantCode("invalid")},
		apiCase{name: "merge person into party", method: "POST", path: e("/api/entities/%d/merge", jnd), token: testToken, body: e(`{"drop": %d}`, hawlader), status: 400, check: wantCode("invalid")},
		apiCase{name: "merge no body", method: "POST", path: e("/api/entities/%d/merge", jnd), token: testToken, status: 400, check: wantCode("invalid")},
		apiCase{name: "merge two values", method: "POST", path: e("/api/entities/%d/merge", jnd), token: testToken, body: e(`{"drop": %d} {}`, jndg), status: 400, check: wantCode("invalid")},
		apiCase{name: "reject missing", method: "POST", path: "/api/claims/999999/reject", token: testToken, status: 404, check: wantCode("not_found")},
		apiCase{name: "undo missing", method: "POST", path: "/api/audit/999999/undo", token: testToken, status: 404, check: wantCode("not_found")},
		apiCase{name: "rename empty", method: "POST", path: e("/api/entities/%d/rename", jnd), token: testToken, body: `{"name": " "}`, status: 400, check: wantCode("invalid")},
		apiCase{name: "split unknown alias", method: "POST", path: e("/api/entities/%d/split", jnd), token: testToken, body: `{"alias": "Nothing Like It"}`, status: 400, check: wantCode("invalid")},
		apiCase{name: "merge", method: "POST", path: e("/api/entities/%d/merge", jnd), token: testToken, body: e(`{"drop": %d, "note": "one party"}`, jndg), status: 200, check: func(t *testing.T, b []byte) {
			a := decodeAs[struct {
				ID           int64
				Action, Note string
				Target       int64
				Other        int64
			}](t, b)
			if a.Action != "merge" || a.Target != jnd || a.Other != jndg || a.Note != "by tester via api: one party" {
				t.Errorf("audit entry %+v", a)
			}
		}},
		apiCase{name: "merged is gone", path: e("/api/entities/%d", jndg), status: 404, check: wantCode("not_found")},
		apiCase{name: "rename", method: "POST", path: e("/api/entities/%d/rename", jnd), token: testToken, body: `{"name": "Jatiya Nabajagaran Dal (main)"}`, status: 200},
		apiCase{name: "renamed", path: e("/api/entities/%d", jnd), status: 200, check: func(t *testing.T, b []byte) {
			if !strings.Contains(string(b), `"name": "Jatiya Nabajagaran Dal (main)"`) {
				t.Errorf("got %s", clipBytes(b))
			}
		}},
		apiCase{name: "reject", method: "POST", path: e("/api/claims/%d/reject", claim), token: testToken, status: 200},
		apiCase{name: "split", method: "POST", path: e("/api/entities/%d/split", jnd), token: testToken, body: `{"alias": "JND"}`, status: 200, check: func(t *testing.T, b []byte) {
			if r := decodeAs[server.SplitResult](t, b); r.NewID == 0 || r.Audit == nil || r.Audit.Action != "split" {
				t.Errorf("got %+v", r)
			}
		}},
	)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) { runCase(t, f, router, tc) })
	}
	// the audit log says who did what; undo the split, then undo it again
	log, err := f.store.AuditLog(ctx)
	if err != nil {
		t.Fatal(err)
	}
	actions := map[string]string{}
	for _, a := range log {
		actions[a.Action] = a.Note
	}
	for _, a := range []string{"merge", "rename", "reject", "split"} {
		if !strings.HasPrefix(actions[a], "by tester via api") {
			t.Errorf("audit %s note %q, want it to name the curator", a, actions[a])
		}
	}
	split := log[0].ID
	for _, a := range log {
		if a.Action == "split" {
			split = a.ID
		}
	}
	runCase(t, f, router, apiCase{name: "undo", method: "POST", path: e("/api/audit/%d/undo", split), token: testToken, body: `{"note": "not needed"}`, status: 200})
	runCase(t, f, router, apiCase{name: "undo twice", method: "POST", path: e("/api/audit/%d/undo", split), token: testToken, status: 409, check: wantCode("conflict")})
}

// countingStore counts the store's entity lists.
type countingStore struct {
	factions.Store
	mu    sync.Mutex
	lists int
}

func (s *countingStore) Entities(ctx context.Context, f factions.EntityFilter) ([]*factions.Entity, error) {
	s.mu.Lock()
	s.lists++
	s.mu.Unlock()
	return s.Store.Entities(ctx, f)
}

// TestEntityListCached: the entity list, which counts every entity's
// mentions, is read from the store once for each page of it while the
// cache holds it, and the same as the store gives.
func TestEntityListCached(t *testing.T) {
	f := newFixture(t)
	cs := &countingStore{Store: f.store}
	srv, err := server.New(server.Config{Store: cs})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()
	want, err := f.store.Entities(context.Background(), factions.EntityFilter{Limit: 3, Offset: 1})
	if err != nil || len(want) == 0 {
		t.Fatalf("store: %v, %d entities", err, len(want))
	}
	for i, tc := range []struct {
		path  string
		lists int // store reads after the request
	}{
		{"/api/entities?limit=3&offset=1", 1},
		{"/api/entities?limit=3&offset=1", 1},
		{"/api/entities?limit=3&offset=2", 2},
		{"/api/entities?limit=3&offset=1", 2},
	} {
		resp, err := http.Get(ts.URL + tc.path)
		if err != nil {
			t.Fatal(err)
		}
		var got []server.EntityRef
		err = json.NewDecoder(resp.Body).Decode(&got)
		resp.Body.Close()
		if err != nil || resp.StatusCode != 200 {
			t.Fatalf("%d %s: %d, %v", i, tc.path, resp.StatusCode, err)
		}
		if cs.lists != tc.lists {
			t.Errorf("%d %s: %d store reads, want %d", i, tc.path, cs.lists, tc.lists)
		}
		if strings.HasSuffix(tc.path, "offset=1") && (len(got) != len(want) || got[0].ID != want[0].ID || got[0].MentionCount != want[0].MentionCount) {
			t.Errorf("%d %s: %+v, want the store's %+v", i, tc.path, got, want[0])
		}
	}
}
