package server

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/factions/factions"
	"github.com/factions/factions/popolo"
)

// registerAPI registers the JSON API; openapi.json describes it.
func (s *Server) registerAPI() {
	s.handle("GET", "/api/openapi.json", s.openAPI)
	s.api("GET", "/api/search", s.apiSearch)
	s.api("GET", "/api/entities", s.apiEntities)
	s.api("GET", "/api/entities/{id}", s.apiEntity)
	s.api("GET", "/api/entities/{id}/card", s.apiCard)
	s.api("GET", "/api/entities/{id}/claims", s.apiEntityClaims)
	s.api("GET", "/api/entities/{id}/statements", s.apiStatements)
	s.api("GET", "/api/entities/{id}/timeline", s.apiTimeline)
	s.api("GET", "/api/entities/{id}/lineage", s.apiLineage)
	s.api("GET", "/api/entities/{id}/graph", s.apiGraph)
	s.api("GET", "/api/entities/{id}/resolutions", s.apiResolutions)
	s.api("GET", "/api/articles", s.apiArticles)
	s.api("GET", "/api/articles/{id}", s.apiArticle)
	s.api("GET", "/api/claims", s.apiClaims)
	s.api("GET", "/api/contested", s.apiContested)
	s.api("GET", "/api/audit", s.apiAudit)
	s.handle("GET", "/api/export/popolo", s.apiPopolo)
	s.api("POST", "/api/entities/{id}/merge", s.write(s.apiMerge))
	s.api("POST", "/api/entities/{id}/split", s.write(s.apiSplit))
	s.api("POST", "/api/entities/{id}/rename", s.write(s.apiRename))
	s.api("POST", "/api/claims/{id}/reject", s.write(s.apiReject))
	s.api("POST", "/api/audit/{id}/undo", s.write(s.apiUndo))
}

// writeFunc is a curation handler, given the curator's name.
type writeFunc func(r *http.Request, who string) (any, error)

// write puts a curation handler behind the bearer token and clears the
// cache after a change.
func (s *Server) write(f writeFunc) apiFunc {
	return func(r *http.Request) (any, error) {
		who, err := s.bearer(r)
		if err != nil {
			return nil, err
		}
		v, err := f(r, who)
		if err != nil {
			return nil, err
		}
		s.clearCaches()
		s.log.InfoContext(r.Context(), "curation", "path", r.URL.Path, "curator", who)
		return v, nil
	}
}

// intParam reads an integer query parameter in [lo, hi], def when absent.
func intParam(r *http.Request, name string, def, lo, hi int) (int, error) {
	v := r.URL.Query().Get(name)
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < lo || n > hi {
		return 0, factions.Errorf(factions.EINVALID, "%s %q: want a whole number from %d to %d", name, v, lo, hi)
	}
	return n, nil
}

// page reads limit (1..500, default def) and offset.
func page(r *http.Request, def int) (limit, offset int, err error) {
	if limit, err = intParam(r, "limit", def, 1, 500); err != nil {
		return 0, 0, err
	}
	offset, err = intParam(r, "offset", 0, 0, 1<<30)
	return limit, offset, err
}

func boolParam(r *http.Request, name string) (bool, error) {
	switch v := r.URL.Query().Get(name); v {
	case "", "false", "0":
		return false, nil
	case "true", "1":
		return true, nil
	default:
		return false, factions.Errorf(factions.EINVALID, "%s %q: want true or false", name, v)
	}
}

func typeParam(r *http.Request) (factions.EntityType, error) {
	t := factions.EntityType(r.URL.Query().Get("type"))
	if t != "" && !t.Valid() {
		return "", factions.Errorf(factions.EINVALID, "type %q: want person, organization or place", t)
	}
	return t, nil
}

// pathEntity reads the entity the {id} path parameter names.
func (s *Server) pathEntity(r *http.Request) (*factions.Entity, error) {
	id, err := parseID(r.PathValue("id"), "entity")
	if err != nil {
		return nil, err
	}
	return s.entity(r.Context(), id)
}

// SearchResult is the answer to a search: the entities of exactly that
// name (or a spelling variant of it), and suggestions of names beginning
// like it.
type SearchResult struct {
	Query       string       `json:"query"`
	Results     []EntityRef  `json:"results"`
	Suggestions []Suggestion `json:"suggestions"`
}

func (s *Server) search(ctx context.Context, q string, t factions.EntityType, limit int) (*SearchResult, error) {
	q = strings.TrimSpace(q)
	res := &SearchResult{Query: q, Results: []EntityRef{}, Suggestions: []Suggestion{}}
	if q == "" {
		return res, nil
	}
	es, err := s.store.FindEntities(ctx, q)
	if err != nil {
		return nil, err
	}
	ix, err := s.index(ctx)
	if err != nil {
		return nil, err
	}
	for _, e := range es {
		if t != "" && e.Type != t {
			continue
		}
		r := refOf(e)
		if known, ok := ix.byID[e.ID]; ok {
			r.MentionCount = known.MentionCount
		}
		res.Results = append(res.Results, r)
		if len(res.Results) == limit {
			break
		}
	}
	res.Suggestions = ix.suggest(q, t, limit)
	return res, nil
}

func (s *Server) apiSearch(r *http.Request) (any, error) {
	q := r.URL.Query().Get("q")
	if strings.TrimSpace(q) == "" {
		return nil, factions.Errorf(factions.EINVALID, "q: give a name to search for")
	}
	if len(q) > 200 {
		return nil, factions.Errorf(factions.EINVALID, "q: at most 200 bytes")
	}
	t, err := typeParam(r)
	if err != nil {
		return nil, err
	}
	limit, err := intParam(r, "limit", 10, 1, 50)
	if err != nil {
		return nil, err
	}
	return s.search(r.Context(), q, t, limit)
}

func (s *Server) apiEntities(r *http.Request) (any, error) {
	t, err := typeParam(r)
	if err != nil {
		return nil, err
	}
	limit, offset, err := page(r, 50)
	if err != nil {
		return nil, err
	}
	return s.entityList(r.Context(), t, limit, offset)
}

func (s *Server) apiEntity(r *http.Request) (any, error) { return s.pathEntity(r) }

func (s *Server) apiCard(r *http.Request) (any, error) {
	at, err := parseAsOf(r.URL.Query().Get("as_of"))
	if err != nil {
		return nil, err
	}
	e, err := s.pathEntity(r)
	if err != nil {
		return nil, err
	}
	// a party's card can run to megabytes: the cache keeps it encoded
	return get(r.Context(), s.cache, fmt.Sprintf("card-json:%d:%d", e.ID, at.Unix()), func(ctx context.Context) (encoded, error) {
		c, err := s.card(ctx, e, at)
		if err != nil {
			return nil, err
		}
		return encode(c)
	})
}

// claimFilter reads predicate, stance, contested and rejected.
type claimQuery struct {
	pred      factions.Predicate
	stance    factions.Stance
	contested bool
	rejected  bool
	limit     int
	offset    int
}

func readClaimQuery(r *http.Request) (*claimQuery, error) {
	q := &claimQuery{pred: factions.Predicate(r.URL.Query().Get("predicate")), stance: factions.Stance(r.URL.Query().Get("stance"))}
	if q.pred != "" && !q.pred.Valid() {
		return nil, factions.Errorf(factions.EINVALID, "predicate %q is not one of the known predicates", q.pred)
	}
	if q.stance != "" && !q.stance.Valid() {
		return nil, factions.Errorf(factions.EINVALID, "stance %q: want asserted, denied or hedged", q.stance)
	}
	var err error
	if q.contested, err = boolParam(r, "contested"); err != nil {
		return nil, err
	}
	if q.rejected, err = boolParam(r, "include_rejected"); err != nil {
		return nil, err
	}
	if q.limit, q.offset, err = page(r, 100); err != nil {
		return nil, err
	}
	return q, nil
}

// filter keeps the claims of q's predicate, stance and contest, then its
// page.
func (q *claimQuery) filter(cs []*factions.Claim) []*factions.Claim {
	out := []*factions.Claim{}
	for _, c := range cs {
		if q.pred != "" && c.Predicate != q.pred || q.stance != "" && c.Stance != q.stance ||
			q.contested && !c.Contested || !q.rejected && c.Rejected {
			continue
		}
		out = append(out, c)
	}
	out = out[min(q.offset, len(out)):]
	return out[:min(q.limit, len(out))]
}

func (s *Server) apiEntityClaims(r *http.Request) (any, error) {
	q, err := readClaimQuery(r)
	if err != nil {
		return nil, err
	}
	e, err := s.pathEntity(r)
	if err != nil {
		return nil, err
	}
	cs, err := s.claimsOf(r.Context(), e.ID)
	if err != nil {
		return nil, err
	}
	return q.filter(cs), nil
}

func (s *Server) apiClaims(r *http.Request) (any, error) {
	q, err := readClaimQuery(r)
	if err != nil {
		return nil, err
	}
	f := factions.ClaimFilter{Predicate: q.pred, Contested: q.contested, IncludeRejected: q.rejected}
	if q.stance == "" {
		f.Limit, f.Offset = q.limit, q.offset
		q.offset = 0
	}
	cs, err := s.store.Claims(r.Context(), f)
	if err != nil {
		return nil, err
	}
	return q.filter(cs), nil
}

func (s *Server) apiStatements(r *http.Request) (any, error) {
	limit, offset, err := page(r, 100)
	if err != nil {
		return nil, err
	}
	e, err := s.pathEntity(r)
	if err != nil {
		return nil, err
	}
	sts, err := s.statementsOf(r.Context(), e.ID)
	if err != nil {
		return nil, err
	}
	sts = sts[min(offset, len(sts)):]
	return sts[:min(limit, len(sts))], nil
}

// apiTimeline returns a page of an entity's timeline (limit and offset,
// oldest first, as the other lists take them), its total and its tenures.
func (s *Server) apiTimeline(r *http.Request) (any, error) {
	limit, offset, err := page(r, 100)
	if err != nil {
		return nil, err
	}
	e, err := s.pathEntity(r)
	if err != nil {
		return nil, err
	}
	tl, err := s.timeline(r.Context(), e)
	if err != nil {
		return nil, err
	}
	return tl.window(offset, limit), nil
}

func (s *Server) apiLineage(r *http.Request) (any, error) {
	e, err := s.pathEntity(r)
	if err != nil {
		return nil, err
	}
	if e.Type != factions.Organization {
		return nil, factions.Errorf(factions.EINVALID, "%s is a %s; lineage is of organizations", e.Name, e.Type)
	}
	return s.lineage(r.Context(), e)
}

func (s *Server) apiGraph(r *http.Request) (any, error) {
	depth, err := intParam(r, "depth", 1, 1, 2)
	if err != nil {
		return nil, err
	}
	e, err := s.pathEntity(r)
	if err != nil {
		return nil, err
	}
	return s.graph(r.Context(), e, depth)
}

func (s *Server) apiResolutions(r *http.Request) (any, error) {
	e, err := s.pathEntity(r)
	if err != nil {
		return nil, err
	}
	return s.store.Resolutions(r.Context(), e.ID)
}

// ArticleSummary is an article without its text.
type ArticleSummary struct {
	ID        int64  `json:"id"`
	Title     string `json:"title"`
	Source    string `json:"source,omitempty"`
	URL       string `json:"url,omitempty"`
	Published string `json:"published,omitempty"` // YYYY-MM-DD
	Bytes     int    `json:"bytes"`
}

func summary(a *factions.Article) ArticleSummary {
	s := ArticleSummary{ID: a.ID, Title: a.Title, Source: a.Source, URL: a.URL, Bytes: len(a.Text)}
	if !a.Published.IsZero() {
		s.Published = a.Published.Format("2006-01-02")
	}
	return s
}

func (s *Server) apiArticles(r *http.Request) (any, error) {
	limit, offset, err := page(r, 50)
	if err != nil {
		return nil, err
	}
	as, err := s.store.Articles(r.Context(), factions.ArticleFilter{Limit: limit, Offset: offset})
	if err != nil {
		return nil, err
	}
	out := make([]ArticleSummary, 0, len(as))
	for _, a := range as {
		out = append(out, summary(a))
	}
	return out, nil
}

func (s *Server) apiArticle(r *http.Request) (any, error) {
	id, err := parseID(r.PathValue("id"), "article")
	if err != nil {
		return nil, err
	}
	return s.article(r.Context(), id)
}

// queryEntity returns the entity the query's "entity" parameter names,
// nil when it names none.
func (s *Server) queryEntity(r *http.Request) (*factions.Entity, error) {
	v := r.URL.Query().Get("entity")
	if v == "" {
		return nil, nil
	}
	id, err := parseID(v, "entity")
	if err != nil {
		return nil, err
	}
	return s.entity(r.Context(), id)
}

func (s *Server) apiContested(r *http.Request) (any, error) {
	e, err := s.queryEntity(r)
	if err != nil {
		return nil, err
	}
	var id int64
	if e != nil {
		id = e.ID
	}
	return s.contested(r.Context(), id)
}

func (s *Server) apiAudit(r *http.Request) (any, error) {
	es, err := s.store.AuditLog(r.Context())
	if err != nil {
		return nil, err
	}
	if es == nil {
		es = []*factions.AuditEntry{}
	}
	return es, nil
}

func (s *Server) apiPopolo(w http.ResponseWriter, r *http.Request) {
	doc, err := popolo.Export(r.Context(), s.store)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Content-Disposition", `inline; filename="factions-popolo.json"`)
	if err := popolo.Write(w, doc); err != nil {
		s.log.ErrorContext(r.Context(), "popolo", "err", err)
	}
}

// decode reads a JSON request body into v: one object, no unknown fields.
// An empty body is an error unless optional.
func decode(r *http.Request, v any, optional ...bool) error {
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		var mb *http.MaxBytesError
		if errors.As(err, &mb) {
			return err
		}
		if errors.Is(err, io.EOF) {
			if len(optional) > 0 && optional[0] {
				return nil
			}
			return factions.Errorf(factions.EINVALID, "the request needs a JSON body")
		}
		return factions.Errorf(factions.EINVALID, "the request body is not the JSON expected: %s", clip(err.Error(), 120))
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		var mb *http.MaxBytesError
		if errors.As(err, &mb) {
			return err
		}
		return factions.Errorf(factions.EINVALID, "the request body holds more than one JSON value")
	}
	return nil
}

// MergeRequest asks to merge entity Drop into the entity of the path.
type MergeRequest struct {
	Drop int64  `json:"drop"`
	Note string `json:"note,omitempty"`
}

// SplitRequest asks to split what an entity is called Alias by into a new
// entity.
type SplitRequest struct {
	Alias string `json:"alias"`
	Note  string `json:"note,omitempty"`
}

// SplitResult is the new entity of a split and the audit entry.
type SplitResult struct {
	NewID int64                `json:"new_id"`
	Audit *factions.AuditEntry `json:"audit"`
}

// RenameRequest asks to give an entity a new canonical name.
type RenameRequest struct {
	Name string `json:"name"`
	Note string `json:"note,omitempty"`
}

// NoteRequest is the body of a rejection or an undo.
type NoteRequest struct {
	Note string `json:"note,omitempty"`
}

// UndoResult tells which audit entry was undone.
type UndoResult struct {
	Undone int64 `json:"undone"`
}

func checkNote(n string) error {
	if len(n) > 2000 {
		return factions.Errorf(factions.EINVALID, "note: at most 2000 bytes")
	}
	return nil
}

func (s *Server) apiMerge(r *http.Request, who string) (any, error) {
	keep, err := parseID(r.PathValue("id"), "entity")
	if err != nil {
		return nil, err
	}
	var req MergeRequest
	if err := decode(r, &req); err != nil {
		return nil, err
	}
	if req.Drop <= 0 {
		return nil, factions.Errorf(factions.EINVALID, "drop: give the id of the entity to merge in")
	}
	if err := checkNote(req.Note); err != nil {
		return nil, err
	}
	return s.store.Merge(r.Context(), keep, req.Drop, auditNote(who, "api", req.Note))
}

func (s *Server) apiSplit(r *http.Request, who string) (any, error) {
	id, err := parseID(r.PathValue("id"), "entity")
	if err != nil {
		return nil, err
	}
	var req SplitRequest
	if err := decode(r, &req); err != nil {
		return nil, err
	}
	if err := checkNote(req.Note); err != nil {
		return nil, err
	}
	newID, entry, err := s.store.Split(r.Context(), id, req.Alias, auditNote(who, "api", req.Note))
	if err != nil {
		return nil, err
	}
	return &SplitResult{NewID: newID, Audit: entry}, nil
}

func (s *Server) apiRename(r *http.Request, who string) (any, error) {
	id, err := parseID(r.PathValue("id"), "entity")
	if err != nil {
		return nil, err
	}
	var req RenameRequest
	if err := decode(r, &req); err != nil {
		return nil, err
	}
	if strings.TrimSpace(req.Name) == "" || len(req.Name) > 300 {
		return nil, factions.Errorf(factions.EINVALID, "name: give a new name of at most 300 bytes")
	}
	if err := checkNote(req.Note); err != nil {
		return nil, err
	}
	return s.store.Rename(r.Context(), id, strings.TrimSpace(req.Name), auditNote(who, "api", req.Note))
}

func (s *Server) apiReject(r *http.Request, who string) (any, error) {
	id, err := parseID(r.PathValue("id"), "claim")
	if err != nil {
		return nil, err
	}
	var req NoteRequest
	if err := decode(r, &req, true); err != nil {
		return nil, err
	}
	if err := checkNote(req.Note); err != nil {
		return nil, err
	}
	return s.store.RejectClaim(r.Context(), id, auditNote(who, "api", req.Note))
}

func (s *Server) apiUndo(r *http.Request, who string) (any, error) {
	id, err := parseID(r.PathValue("id"), "audit entry")
	if err != nil {
		return nil, err
	}
	var req NoteRequest
	if err := decode(r, &req, true); err != nil {
		return nil, err
	}
	if err := s.store.Undo(r.Context(), id); err != nil {
		return nil, err
	}
	// the store's audit log keeps no note for an undo: the request log does
	s.log.InfoContext(r.Context(), "undo", "audit", id, "curator", who, "note", req.Note)
	return &UndoResult{Undone: id}, nil
}
