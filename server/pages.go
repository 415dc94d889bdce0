package server

import (
	"bytes"
	"context"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/factions/factions"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// pages holds one template set per page, each with the shared layout.
type pages struct {
	sets map[string]*template.Template
}

// templateFuncs returns the functions the templates call.
func templateFuncs() template.FuncMap {
	return template.FuncMap{
		"day": func(t time.Time) string {
			if t.IsZero() {
				return "undated"
			}
			return t.Format("2 Jan 2006")
		},
		"isoday": func(t time.Time) string {
			if t.IsZero() {
				return ""
			}
			return t.Format("2006-01-02")
		},
		"f1":      func(v float64) string { return strconv.FormatFloat(v, 'f', 1, 64) },
		"half":    func(v float64) float64 { return v / 2 },
		"add":     func(a, b float64) float64 { return a + b },
		"pred":    func(p factions.Predicate) string { return predicateLabels()[p] },
		"clip":    clip,
		"entity":  entityPath,
		"claimp":  claimPath,
		"stmtp":   statementPath,
		"plural":  plural,
		"ago":     func(n int) string { return strconv.Itoa(n) },
		"initial": func(s string) string { r, _ := utf8.DecodeRuneInString(s); return strings.ToUpper(string(r)) },
		"held": func(c *factions.Claim, id int64) heldFact {
			if c.SubjectID == id {
				return heldFact{Ref: EntityRef{ID: c.ObjectID, Name: c.Object}, C: c}
			}
			return heldFact{Ref: EntityRef{ID: c.SubjectID, Name: c.Subject}, C: c}
		},
		"cap": func(f *ContestedFact, n int) cappedFact { return cappedFact{f, n} },
		"firstn": func(cs []*factions.Claim, n int) []*factions.Claim {
			if n <= 0 || len(cs) <= n {
				return cs
			}
			return cs[:n]
		},
		"minus": func(a, b int) int { return a - b },
		"who": func(c *factions.Claim) string {
			if c.AttributedTo == "" {
				return "the article"
			}
			return c.AttributedTo
		},
	}
}

// cappedFact is a contested fact shown with at most N claims a side.
type cappedFact struct {
	F *ContestedFact
	N int
}

// heldFact is a fact on a card: the entity on the other side, and the
// claim it holds since.
type heldFact struct {
	Ref EntityRef
	C   *factions.Claim
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

func parsePages() (*pages, error) {
	layout, err := template.New("layout.html").Funcs(templateFuncs()).ParseFS(templateFS, "templates/layout.html", "templates/parts.html")
	if err != nil {
		return nil, fmt.Errorf("server: templates: %w", err)
	}
	names, err := fs.Glob(templateFS, "templates/*.html")
	if err != nil {
		return nil, err
	}
	p := &pages{sets: map[string]*template.Template{}}
	for _, n := range names {
		base := strings.TrimPrefix(n, "templates/")
		if base == "layout.html" || base == "parts.html" {
			continue
		}
		t, err := template.Must(layout.Clone()).ParseFS(templateFS, n)
		if err != nil {
			return nil, fmt.Errorf("server: template %s: %w", base, err)
		}
		p.sets[strings.TrimSuffix(base, ".html")] = t
	}
	return p, nil
}

// pageData is what every page's template gets.
type pageData struct {
	Title   string
	Nav     string // which nav item is current
	Curator string // signed in as
	CSRF    string // the CSRF token of the session's forms
	Flash   string
	Here    string // the path and query of this page, to come back to
	Query   string // the search box
	Status  int
	Data    any
}

// render writes page name with data, status 200 unless data says.
func (s *Server) render(w http.ResponseWriter, r *http.Request, name string, d *pageData) {
	t := s.pages.sets[name]
	if t == nil {
		s.pageError(w, r, fmt.Errorf("no template %q", name))
		return
	}
	if who, value, ok := s.session(r); ok {
		d.Curator, d.CSRF = who, s.csrfToken(value)
	}
	if c, err := r.Cookie(flashCookie); err == nil {
		if v, err := url.QueryUnescape(c.Value); err == nil {
			d.Flash = v
		}
		http.SetCookie(w, &http.Cookie{Name: flashCookie, Value: "", Path: "/", MaxAge: -1, HttpOnly: true, SameSite: http.SameSiteStrictMode})
	}
	d.Here = r.URL.RequestURI()
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout", d); err != nil {
		s.log.ErrorContext(r.Context(), "template", "page", name, "err", err)
		http.Error(w, "Internal error.", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	st := d.Status
	if st == 0 {
		st = http.StatusOK
	}
	w.WriteHeader(st)
	w.Write(buf.Bytes())
}

// errorPage is the data of the error page.
type errorPage struct {
	Status  int
	Message string
	SignIn  bool
}

// pageError writes err as an HTML page with its status.
func (s *Server) pageError(w http.ResponseWriter, r *http.Request, err error) {
	st, _ := status(err)
	if st == http.StatusInternalServerError {
		s.log.ErrorContext(r.Context(), "internal error", "method", r.Method, "path", r.URL.Path, "err", err)
	}
	title := http.StatusText(st)
	s.render(w, r, "error", &pageData{Title: title, Status: st,
		Data: &errorPage{Status: st, Message: message(err), SignIn: st == http.StatusUnauthorized}})
}

// pageFunc is a page handler: it fills pd, or returns an error.
type pageFunc func(r *http.Request, pd *pageData) (string, error)

func (s *Server) page(path string, f pageFunc) {
	s.handle("GET", path, func(w http.ResponseWriter, r *http.Request) {
		pd := &pageData{}
		name, err := f(r, pd)
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		s.render(w, r, name, pd)
	})
}

func (s *Server) registerPages() {
	static, _ := fs.Sub(staticFS, "static")
	files := http.FileServerFS(static)
	s.handle("GET", "/static/", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "public, max-age=3600")
		http.StripPrefix("/static/", files).ServeHTTP(w, r)
	})
	s.handle("GET", "/favicon.ico", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/static/favicon.svg", http.StatusMovedPermanently)
	})
	s.page("/{$}", s.homePage)
	s.page("/search", s.searchPage)
	s.page("/entities/{id}", s.entityPage)
	s.page("/entities/{id}/timeline", s.timelinePage)
	s.page("/entities/{id}/graph", s.graphPage)
	s.page("/articles", s.articlesPage)
	s.page("/articles/{id}", s.articlePage)
	s.page("/claims", s.claimsPage)
	s.page("/audit", s.auditPage)
	s.page("/login", s.loginPage)
	s.handle("POST", "/login", s.login)
	s.handle("POST", "/logout", s.logout)
	s.handle("POST", "/curate/{action}", s.curate)
}

// homePage: search, the most named parties and people, the latest
// contested claims and articles.
type homeData struct {
	Orgs, People []EntityRef
	Contested    []*ContestedFact
	Articles     []ArticleSummary
}

func (s *Server) homePage(r *http.Request, pd *pageData) (string, error) {
	ctx := r.Context()
	d := &homeData{}
	var err error
	if d.Orgs, err = s.top(ctx, factions.Organization, 12); err != nil {
		return "", err
	}
	if d.People, err = s.top(ctx, factions.Person, 12); err != nil {
		return "", err
	}
	cs, err := s.contested(ctx, 0)
	if err != nil {
		return "", err
	}
	d.Contested = cs[:min(len(cs), 4)]
	as, err := get(ctx, s.cache, "latest-articles", func(ctx context.Context) ([]ArticleSummary, error) {
		as, err := s.store.Articles(ctx, factions.ArticleFilter{Limit: 6})
		if err != nil {
			return nil, err
		}
		var out []ArticleSummary
		for _, a := range as {
			out = append(out, summary(a))
		}
		return out, nil
	})
	if err != nil {
		return "", err
	}
	d.Articles = as
	pd.Title, pd.Nav, pd.Data = "factions", "home", d
	return "home", nil
}

func (s *Server) searchPage(r *http.Request, pd *pageData) (string, error) {
	q := strings.TrimSpace(r.URL.Query().Get("q"))
	if len(q) > 200 {
		return "", factions.Errorf(factions.EINVALID, "Search for at most 200 characters.")
	}
	res, err := s.search(r.Context(), q, "", 20)
	if err != nil {
		return "", err
	}
	// one exact match: go straight to it
	pd.Title, pd.Query, pd.Data = "Search: "+q, q, res
	if q == "" {
		pd.Title = "Search"
	}
	return "search", nil
}

// entityData is an entity's page.
type entityData struct {
	Entity    *factions.Entity
	Card      *factions.EntityCard
	AsOf      string // YYYY-MM-DD, or "" for now
	Dates     []string
	Lineage   *Lineage
	Tree      *gSVG
	Timeline  *tlSVG
	Contested []*ContestedFact
	Said      []*factions.Statement
	Claims    []*factions.Claim
	Rejected  int
	AllClaims int  // how many claims there are up to AsOf
	Cut       bool // only the latest maxPageClaims are shown
}

// maxPageClaims is how many claims an entity's page lists unless asked
// for all (?claims=all): the latest.
const maxPageClaims = 100

func (s *Server) entityPage(r *http.Request, pd *pageData) (string, error) {
	ctx := r.Context()
	e, err := s.pathEntity(r)
	if err != nil {
		return "", err
	}
	asOf := r.URL.Query().Get("as_of")
	at, err := parseAsOf(asOf)
	if err != nil {
		return "", err
	}
	card, err := s.card(ctx, e, at)
	if err != nil {
		return "", err
	}
	d := &entityData{Entity: e, Card: card, AsOf: asOf, Claims: card.Claims, AllClaims: len(card.Claims)}
	if len(d.Claims) > maxPageClaims && r.URL.Query().Get("claims") != "all" {
		d.Claims, d.Cut = d.Claims[len(d.Claims)-maxPageClaims:], true
	}
	all, err := s.claimsOf(ctx, e.ID)
	if err != nil {
		return "", err
	}
	// the dates on which its leadership or posts were reported: quick
	// as-of choices
	seen := map[string]bool{}
	for _, c := range all {
		if c.Rejected {
			d.Rejected++
			continue
		}
		if c.Predicate == factions.Leads || c.Predicate == factions.HoldsPost || c.Predicate == factions.Left {
			if k := c.Date.Format("2006-01-02"); !seen[k] && !c.Undated {
				seen[k] = true
				d.Dates = append(d.Dates, k)
			}
		}
	}
	sort.Strings(d.Dates)
	if len(d.Dates) > 12 {
		d.Dates = d.Dates[len(d.Dates)-12:]
	}
	if d.Contested, err = s.contested(ctx, e.ID); err != nil {
		return "", err
	}
	d.Contested = d.Contested[:min(len(d.Contested), 8)]
	switch e.Type {
	case factions.Organization:
		if d.Lineage, err = s.lineage(ctx, e); err != nil {
			return "", err
		}
		if d.Lineage.Size > 1 {
			if d.Tree, err = s.lineageSVG(ctx, d.Lineage); err != nil {
				return "", err
			}
		}
	case factions.Person:
		tl, err := s.timeline(ctx, e)
		if err != nil {
			return "", err
		}
		d.Timeline = layoutTimeline(tl)
		sts, err := s.statementsOf(ctx, e.ID)
		if err != nil {
			return "", err
		}
		d.Said = sts[:min(len(sts), 6)]
	}
	pd.Title, pd.Data = e.Name, d
	return "entity", nil
}

type timelineData struct {
	Entity   *factions.Entity
	Timeline *Timeline
	Events   []TimelineEvent // the page of events listed
	Pager    *tlPager        // nil when all fit on one page
	SVG      *tlSVG
}

// tlPager tells where a page of a timeline's events lies: events From to
// To (from 1, oldest first) of Total, and the pages of the earlier and the
// later events (0: none).
type tlPager struct {
	From, To, Total int
	Earlier, Later  int
}

// tlPageEvents is how many events a timeline's page lists.
const tlPageEvents = 200

// timelinePage shows an entity's timeline: the figure of all its events
// and a list of a page of them (?page=N, 1 the latest).
func (s *Server) timelinePage(r *http.Request, pd *pageData) (string, error) {
	e, err := s.pathEntity(r)
	if err != nil {
		return "", err
	}
	tl, err := s.timeline(r.Context(), e)
	if err != nil {
		return "", err
	}
	n := len(tl.Events)
	pages := max(1, (n+tlPageEvents-1)/tlPageEvents)
	p, err := intParam(r, "page", 1, 1, pages)
	if err != nil {
		return "", err
	}
	d := &timelineData{Entity: e, Timeline: tl, Events: tl.Events, SVG: layoutTimeline(tl)}
	if pages > 1 {
		to := n - (p-1)*tlPageEvents
		from := max(0, to-tlPageEvents)
		d.Events = tl.window(from, to-from).Events
		d.Pager = &tlPager{From: from + 1, To: to, Total: n}
		if p < pages {
			d.Pager.Earlier = p + 1
		}
		if p > 1 {
			d.Pager.Later = p - 1
		}
	}
	pd.Title, pd.Data = e.Name+": timeline", d
	return "timeline", nil
}

type graphData struct {
	Entity *factions.Entity
	Graph  *Graph
	SVG    *gSVG
}

func (s *Server) graphPage(r *http.Request, pd *pageData) (string, error) {
	depth, err := intParam(r, "depth", 1, 1, 2)
	if err != nil {
		return "", err
	}
	e, err := s.pathEntity(r)
	if err != nil {
		return "", err
	}
	g, err := s.graph(r.Context(), e, depth)
	if err != nil {
		return "", err
	}
	svg, err := s.graphSVG(r.Context(), g)
	if err != nil {
		return "", err
	}
	pd.Title, pd.Data = e.Name+": relationships", &graphData{Entity: e, Graph: g, SVG: svg}
	return "graph", nil
}

type articlesData struct {
	Articles   []ArticleSummary
	Prev, Next int
	Offset     int
}

func (s *Server) articlesPage(r *http.Request, pd *pageData) (string, error) {
	offset, err := intParam(r, "offset", 0, 0, 1<<30)
	if err != nil {
		return "", err
	}
	const per = 50
	as, err := s.store.Articles(r.Context(), factions.ArticleFilter{Limit: per + 1, Offset: offset})
	if err != nil {
		return "", err
	}
	d := &articlesData{Offset: offset, Prev: -1, Next: -1}
	if offset > 0 {
		d.Prev = max(0, offset-per)
	}
	if len(as) > per {
		as, d.Next = as[:per], offset+per
	}
	for _, a := range as {
		d.Articles = append(d.Articles, summary(a))
	}
	pd.Title, pd.Nav, pd.Data = "Articles", "articles", d
	return "articles", nil
}

// segment is a run of an article's text with the same highlights.
type segment struct {
	Text    string
	Mention *EntityRef
	Ev      string // classes of the claim evidence it is part of: "ev st-asserted"
	Stmt    int64  // the statement it is part of
	Markers []marker
}

// marker is the footnote-like link after a claim's evidence or a
// statement, with its stance and attribution shown on hover or focus.
type marker struct {
	N      int
	Href   string
	ID     string
	Class  string
	Tip    string
	Stance string
}

type articleData struct {
	View     *ArticleView
	Segments []segment
	Claims   []articleClaim
	Stmts    []articleStmt
}

type articleClaim struct {
	*factions.Claim
	N int
}

type articleStmt struct {
	*factions.Statement
	N int
}

func (s *Server) articlePage(r *http.Request, pd *pageData) (string, error) {
	id, err := parseID(r.PathValue("id"), "article")
	if err != nil {
		return "", err
	}
	v, err := s.article(r.Context(), id)
	if err != nil {
		return "", err
	}
	d := &articleData{View: v}
	for i, c := range v.Claims {
		d.Claims = append(d.Claims, articleClaim{c, i + 1})
	}
	for i, st := range v.Statements {
		d.Stmts = append(d.Stmts, articleStmt{st, i + 1})
	}
	d.Segments = segments(v)
	title := v.Article.Title
	if title == "" {
		title = "Article " + strconv.FormatInt(id, 10)
	}
	pd.Title, pd.Nav, pd.Data = title, "articles", d
	return "article", nil
}

// segments cuts an article's text where a mention, a claim's evidence or
// a statement begins or ends, and marks each piece with what covers it.
func segments(v *ArticleView) []segment {
	text := v.Article.Text
	ok := func(sp factions.Span) bool {
		return sp.In(len(text)) && sp.Len() > 0 && (sp.Start == len(text) || utf8.RuneStart(text[sp.Start])) &&
			(sp.End == len(text) || utf8.RuneStart(text[sp.End]))
	}
	refs := map[int64]EntityRef{}
	for _, e := range v.Entities {
		refs[e.ID] = e
	}
	cut := map[int]bool{0: true, len(text): true}
	type mk struct {
		at int
		m  marker
	}
	var marks []mk
	for _, m := range v.Mentions {
		if ok(m.Span) {
			cut[m.Span.Start], cut[m.Span.End] = true, true
		}
	}
	for i, c := range v.Claims {
		if !ok(c.Evidence) {
			continue
		}
		cut[c.Evidence.Start], cut[c.Evidence.End] = true, true
		what := claimWhat(c.Predicate, c.Role, c.Former)
		who := "the article itself"
		if c.AttributedTo != "" {
			who = c.AttributedTo
		}
		tip := fmt.Sprintf("%s by %s: %s %s %s", strings.ToUpper(string(c.Stance[:1]))+string(c.Stance[1:]), who, c.Subject, what, c.Object)
		if c.Contested {
			tip += " (contested)"
		}
		if c.Rejected {
			tip += " (rejected by a curator)"
		}
		marks = append(marks, mk{c.Evidence.End, marker{N: i + 1, Href: "#claim-" + strconv.FormatInt(c.ID, 10),
			ID: "ref-claim-" + strconv.FormatInt(c.ID, 10), Class: "ref claim st-" + string(c.Stance), Tip: tip, Stance: string(c.Stance)}})
	}
	for i, st := range v.Statements {
		if !ok(st.Span) {
			continue
		}
		cut[st.Span.Start], cut[st.Span.End] = true, true
		kind := "Quoted"
		if st.Kind == factions.Indirect {
			kind = "Reported"
		}
		marks = append(marks, mk{st.Span.End, marker{N: i + 1, Href: "#statement-" + strconv.FormatInt(st.ID, 10),
			ID: "ref-statement-" + strconv.FormatInt(st.ID, 10), Class: "ref said", Tip: kind + ": said by " + st.Speaker}})
	}
	var at []int
	for k := range cut {
		at = append(at, k)
	}
	sort.Ints(at)
	var out []segment
	for i := 0; i+1 < len(at); i++ {
		a, b := at[i], at[i+1]
		sg := segment{Text: text[a:b]}
		for _, m := range v.Mentions {
			if ok(m.Span) && m.Span.Start <= a && b <= m.Span.End {
				if r, found := refs[m.EntityID]; found {
					sg.Mention = &r
				} else {
					sg.Mention = &EntityRef{ID: m.EntityID, Name: m.Text}
				}
				break
			}
		}
		best := ""
		for _, c := range v.Claims {
			if ok(c.Evidence) && c.Evidence.Start <= a && b <= c.Evidence.End {
				cl := "ev st-" + string(c.Stance)
				if c.Rejected {
					cl = "ev rejected"
				}
				if best == "" || c.Stance == factions.Denied || c.Contested {
					best = cl
					if c.Contested {
						best += " contested"
					}
				}
			}
		}
		sg.Ev = best
		for _, st := range v.Statements {
			if ok(st.Span) && st.Span.Start <= a && b <= st.Span.End {
				sg.Stmt = st.ID
				break
			}
		}
		for _, m := range marks {
			if m.at == b {
				sg.Markers = append(sg.Markers, m.m)
			}
		}
		out = append(out, sg)
	}
	return out
}

type claimsData struct {
	Facts  []*ContestedFact
	Entity *factions.Entity // when the facts are those of one entity (?entity=ID)
	Cap    int              // the claims a side each fact shows (0: all)
}

// claimsPerSide is how many claims a side a contested fact shows on the
// page of every contested fact (the page of one entity's shows all, and
// each fact links to it: a fact many articles report would otherwise
// make a page of megabytes).
const claimsPerSide = 10

// claimsPage shows the contested facts, each side cut to claimsPerSide
// claims; or, with ?entity=ID, those of one entity with all their claims.
func (s *Server) claimsPage(r *http.Request, pd *pageData) (string, error) {
	e, err := s.queryEntity(r)
	if err != nil {
		return "", err
	}
	d := &claimsData{Entity: e, Cap: claimsPerSide}
	var id int64
	if e != nil {
		id, d.Cap = e.ID, 0
	}
	if d.Facts, err = s.contested(r.Context(), id); err != nil {
		return "", err
	}
	pd.Title, pd.Nav, pd.Data = "Contested claims", "claims", d
	if e != nil {
		pd.Title = "Contested claims of " + e.Name
	}
	return "claims", nil
}

type auditData struct {
	Entries []*factions.AuditEntry
}

func (s *Server) auditPage(r *http.Request, pd *pageData) (string, error) {
	es, err := s.store.AuditLog(r.Context())
	if err != nil {
		return "", err
	}
	pd.Title, pd.Nav, pd.Data = "Audit log", "audit", &auditData{Entries: es}
	return "audit", nil
}

type loginData struct {
	Back   string
	Failed bool
}

func (s *Server) loginPage(r *http.Request, pd *pageData) (string, error) {
	pd.Title, pd.Nav, pd.Data = "Sign in", "login", &loginData{Back: safeBack(r.URL.Query().Get("back"))}
	return "login", nil
}

// safeBack returns back when it is a path on this site, else "/".
func safeBack(back string) string {
	if !strings.HasPrefix(back, "/") || strings.HasPrefix(back, "//") || strings.HasPrefix(back, "/\\") || strings.ContainsAny(back, "\r\n") {
		return "/"
	}
	return back
}

const flashCookie = "factions_flash"

func setFlash(w http.ResponseWriter, msg string) {
	http.SetCookie(w, &http.Cookie{Name: flashCookie, Value: url.QueryEscape(clip(msg, 300)), Path: "/", MaxAge: 60,
		HttpOnly: true, SameSite: http.SameSiteStrictMode})
}

// login signs a curator in: the token is checked in constant time, and a
// signed session cookie (HttpOnly, SameSite=Strict) is set.
func (s *Server) login(w http.ResponseWriter, r *http.Request) {
	if err := sameOrigin(r); err != nil {
		s.pageError(w, r, err)
		return
	}
	if err := r.ParseForm(); err != nil {
		s.pageError(w, r, err)
		return
	}
	back := safeBack(r.PostForm.Get("back"))
	name, ok := s.curator(r.PostForm.Get("token"))
	if !ok {
		s.render(w, r, "login", &pageData{Title: "Sign in", Nav: "login", Status: http.StatusUnauthorized,
			Data: &loginData{Back: back, Failed: true}})
		return
	}
	exp := s.now().Add(sessionLife)
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: s.keys.sessionValue(name, exp), Path: "/", Expires: exp,
		HttpOnly: true, Secure: r.TLS != nil, SameSite: http.SameSiteStrictMode})
	setFlash(w, "Signed in as "+name+".")
	http.Redirect(w, r, back, http.StatusSeeOther)
}

func (s *Server) logout(w http.ResponseWriter, r *http.Request) {
	if _, err := s.formCurator(r); err != nil {
		s.pageError(w, r, err)
		return
	}
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: "", Path: "/", MaxAge: -1, HttpOnly: true, SameSite: http.SameSiteStrictMode})
	setFlash(w, "Signed out.")
	http.Redirect(w, r, "/", http.StatusSeeOther)
}

// formID reads an entity ID given as a number, "#N", or a name.
func (s *Server) formEntity(ctx context.Context, v, what string) (int64, error) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, factions.Errorf(factions.EINVALID, "Name the %s, or give its #id.", what)
	}
	if id, err := strconv.ParseInt(strings.TrimPrefix(v, "#"), 10, 64); err == nil && id > 0 {
		return id, nil
	}
	es, err := s.store.FindEntities(ctx, v)
	if err != nil {
		return 0, err
	}
	if len(es) == 0 {
		return 0, factions.Errorf(factions.ENOTFOUND, "No entity is named %q.", v)
	}
	return es[0].ID, nil
}

// curate runs a curation form: merge, split, rename, reject or undo. The
// form must come from this site, from a signed-in curator, with the CSRF
// token of the session.
func (s *Server) curate(w http.ResponseWriter, r *http.Request) {
	who, err := s.formCurator(r)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	ctx := r.Context()
	f := r.PostForm
	note := auditNote(who, "web", f.Get("note"))
	back := safeBack(f.Get("back"))
	var msg string
	switch r.PathValue("action") {
	case "merge":
		var keep, drop int64
		if keep, err = s.formEntity(ctx, f.Get("keep"), "entity to keep"); err == nil {
			if drop, err = s.formEntity(ctx, f.Get("drop"), "entity to merge in"); err == nil {
				var a *factions.AuditEntry
				if a, err = s.store.Merge(ctx, keep, drop, note); err == nil {
					msg = fmt.Sprintf("Merged #%d into #%d (audit #%d).", drop, keep, a.ID)
					back = entityPath(keep)
				}
			}
		}
	case "split":
		var id, newID int64
		if id, err = s.formEntity(ctx, f.Get("entity"), "entity"); err == nil {
			if newID, _, err = s.store.Split(ctx, id, f.Get("alias"), note); err == nil {
				msg = fmt.Sprintf("Split %q off into a new entity #%d.", f.Get("alias"), newID)
			}
		}
	case "rename":
		var id int64
		name := strings.TrimSpace(f.Get("name"))
		if id, err = s.formEntity(ctx, f.Get("entity"), "entity"); err == nil {
			if name == "" || len(name) > 300 {
				err = factions.Errorf(factions.EINVALID, "Give a new name of at most 300 characters.")
			} else if _, err = s.store.Rename(ctx, id, name, note); err == nil {
				msg = "Renamed to " + name + "."
			}
		}
	case "reject":
		var id int64
		if id, err = parseID(f.Get("claim"), "claim"); err == nil {
			if _, err = s.store.RejectClaim(ctx, id, note); err == nil {
				msg = fmt.Sprintf("Rejected claim #%d.", id)
			}
		}
	case "undo":
		var id int64
		if id, err = parseID(f.Get("audit"), "audit entry"); err == nil {
			if err = s.store.Undo(ctx, id); err == nil {
				msg = fmt.Sprintf("Undid change #%d.", id)
				s.log.InfoContext(ctx, "undo", "audit", id, "curator", who)
			}
		}
	default:
		err = factions.Errorf(factions.ENOTFOUND, "No such curation action.")
	}
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.clearCaches()
	s.log.InfoContext(ctx, "curation", "action", r.PathValue("action"), "curator", who)
	setFlash(w, msg)
	http.Redirect(w, r, back, http.StatusSeeOther)
}
