package server

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/factions/factions"
)

// This file reads what the pages and the API show, through the cache:
// entities, cards, lineage, timelines, graphs, contested claims and
// articles with their highlights.

// EntityRef names an entity: enough to link to it.
type EntityRef struct {
	ID           int64               `json:"id"`
	Name         string              `json:"name"`
	Type         factions.EntityType `json:"type"`
	MentionCount int                 `json:"mention_count,omitempty"`
}

func refOf(e *factions.Entity) EntityRef {
	return EntityRef{ID: e.ID, Name: e.Name, Type: e.Type, MentionCount: e.MentionCount}
}

// entity returns the entity id with its aliases (not its mentions) and
// mention count, or ENOTFOUND.
func (s *Server) entity(ctx context.Context, id int64) (*factions.Entity, error) {
	return get(ctx, s.cache, "entity:"+strconv.FormatInt(id, 10), func(ctx context.Context) (*factions.Entity, error) {
		e, err := s.store.Entity(ctx, id)
		if err != nil {
			return nil, err
		}
		c := *e
		c.MentionCount = len(e.Mentions)
		c.Mentions = nil
		return &c, nil
	})
}

// index returns the name index of every entity, for suggestions and for
// the types of the entities that claims name. It is read from the store at
// most every 30 s (in the background once filled) and after a curation,
// even when the cache of other data is off: reading every entity takes
// ~60 ms on the corpus of ~1,000 articles.
func (s *Server) index(ctx context.Context) (*nameIndex, error) {
	return get(ctx, s.names, "index", func(ctx context.Context) (*nameIndex, error) {
		es, err := s.store.Entities(ctx, factions.EntityFilter{})
		if err != nil {
			return nil, err
		}
		return newNameIndex(es), nil
	})
}

// refs returns what the index knows of the entities ids; an entity it does
// not know (stored since it was read) is read from the store.
func (s *Server) refs(ctx context.Context, ids ...int64) (map[int64]EntityRef, error) {
	ix, err := s.index(ctx)
	if err != nil {
		return nil, err
	}
	out := make(map[int64]EntityRef, len(ids))
	for _, id := range ids {
		if id == 0 {
			continue
		}
		if r, ok := ix.byID[id]; ok {
			out[id] = r
			continue
		}
		e, err := s.entity(ctx, id)
		if factions.ErrorCode(err) == factions.ENOTFOUND {
			continue
		} else if err != nil {
			return nil, err
		}
		out[id] = refOf(e)
	}
	return out, nil
}

// top returns the entities of type t most named.
func (s *Server) top(ctx context.Context, t factions.EntityType, n int) ([]EntityRef, error) {
	return s.entityList(ctx, t, n, 0)
}

// entityList returns the entities of type t (all types when empty), the
// most named first, limit of them from offset on. Each list is counted
// once a while (the store counts every entity's mentions to order them:
// 0.15–0.2 s on a store of 10,000 articles).
func (s *Server) entityList(ctx context.Context, t factions.EntityType, limit, offset int) ([]EntityRef, error) {
	return get(ctx, s.cache, fmt.Sprintf("top:%s:%d:%d", t, limit, offset), func(ctx context.Context) ([]EntityRef, error) {
		es, err := s.store.Entities(ctx, factions.EntityFilter{Type: t, Limit: limit, Offset: offset})
		if err != nil {
			return nil, err
		}
		out := make([]EntityRef, 0, len(es))
		for _, e := range es {
			out = append(out, refOf(e))
		}
		return out, nil
	})
}

// card returns e's card as of at (zero: now, every claim counted).
func (s *Server) card(ctx context.Context, e *factions.Entity, at time.Time) (*factions.EntityCard, error) {
	key := fmt.Sprintf("card:%d:%d", e.ID, at.Unix())
	return get(ctx, s.cache, key, func(ctx context.Context) (*factions.EntityCard, error) {
		return factions.LoadCard(ctx, s.store, e, at)
	})
}

// claimsOf returns every claim naming entity id, rejected ones included,
// oldest first.
func (s *Server) claimsOf(ctx context.Context, id int64) ([]*factions.Claim, error) {
	return get(ctx, s.cache, "claims:"+strconv.FormatInt(id, 10), func(ctx context.Context) ([]*factions.Claim, error) {
		return s.store.Claims(ctx, factions.ClaimFilter{EntityID: id, IncludeRejected: true})
	})
}

// lineageClaims returns every claim of the lineage predicates.
func (s *Server) lineageClaims(ctx context.Context) ([]*factions.Claim, error) {
	return get(ctx, s.cache, "lineage-claims", func(ctx context.Context) ([]*factions.Claim, error) {
		var all []*factions.Claim
		for _, p := range factions.LineagePredicates {
			cs, err := s.store.Claims(ctx, factions.ClaimFilter{Predicate: p})
			if err != nil {
				return nil, err
			}
			all = append(all, cs...)
		}
		return all, nil
	})
}

// Lineage is an organization's family: the tree from its furthest known
// ancestor (through faction_of, part_of and merged_into), with the
// organization asked for marked.
type Lineage struct {
	Focus int64                 `json:"focus"`
	Root  *factions.LineageNode `json:"root"`
	Size  int                   `json:"size"` // nodes in the tree
}

// lineage returns the lineage family of e.
func (s *Server) lineage(ctx context.Context, e *factions.Entity) (*Lineage, error) {
	return get(ctx, s.cache, "lineage:"+strconv.FormatInt(e.ID, 10), func(ctx context.Context) (*Lineage, error) {
		all, err := s.lineageClaims(ctx)
		if err != nil {
			return nil, err
		}
		// climb to the furthest ancestor: the parent first said to be one
		parents := map[int64][]*factions.Claim{}
		for _, c := range all {
			if c.Rejected || c.Stance == factions.Denied || c.SubjectID == c.ObjectID {
				continue
			}
			parents[c.SubjectID] = append(parents[c.SubjectID], c)
		}
		top := e.ID
		seen := map[int64]bool{top: true}
		for {
			ps := parents[top]
			if len(ps) == 0 {
				break
			}
			sort.SliceStable(ps, func(i, j int) bool { return ps[i].Date.Before(ps[j].Date) })
			next := ps[0].ObjectID
			if seen[next] {
				break
			}
			seen[next] = true
			top = next
		}
		root := factions.BuildLineage(top, all)
		if root.Entity == "" {
			root.Entity = e.Name
		}
		return &Lineage{Focus: e.ID, Root: root, Size: countNodes(root)}, nil
	})
}

func countNodes(n *factions.LineageNode) int {
	c := 1
	for _, ch := range n.Children {
		c += countNodes(ch)
	}
	return c
}

// statementsOf returns what entity id said, newest first.
func (s *Server) statementsOf(ctx context.Context, id int64) ([]*factions.Statement, error) {
	return get(ctx, s.cache, "statements:"+strconv.FormatInt(id, 10), func(ctx context.Context) ([]*factions.Statement, error) {
		return s.store.Statements(ctx, factions.StatementFilter{SpeakerID: id})
	})
}

// ContestedFact is one contested fact and every claim on it, side by side:
// those asserting (or hedging) it, and those denying it or saying the
// person left.
type ContestedFact struct {
	Subject   EntityRef          `json:"subject"`
	Predicate factions.Predicate `json:"predicate"`
	Object    EntityRef          `json:"object"`
	Role      string             `json:"role,omitempty"`
	For       []*factions.Claim  `json:"for"`
	Against   []*factions.Claim  `json:"against"`
	Latest    time.Time          `json:"latest"`
}

// contested returns the contested facts, the most recently disputed first;
// with id set, those naming that entity. An entity's are read from all its
// claims (which the store judges against every claim of the same pairs, as
// its contested filter does), not with the store's contested filter, which
// groups every claim stored: 65-80 ms a call on the corpus of ~1,000
// articles, against ~1 ms.
func (s *Server) contested(ctx context.Context, id int64) ([]*ContestedFact, error) {
	return get(ctx, s.cache, "contested:"+strconv.FormatInt(id, 10), func(ctx context.Context) ([]*ContestedFact, error) {
		if id == 0 {
			cs, err := s.store.Claims(ctx, factions.ClaimFilter{Contested: true})
			if err != nil {
				return nil, err
			}
			return s.groupContested(ctx, cs)
		}
		all, err := s.claimsOf(ctx, id)
		if err != nil {
			return nil, err
		}
		var cs []*factions.Claim
		for _, c := range all {
			if c.Contested && !c.Rejected {
				cs = append(cs, c)
			}
		}
		return s.groupContested(ctx, cs)
	})
}

// groupContested groups contested claims by fact; a `left` joins the
// membership, post or leadership of the same pair that it contradicts.
func (s *Server) groupContested(ctx context.Context, cs []*factions.Claim) ([]*ContestedFact, error) {
	groups := map[string]*ContestedFact{}
	var order []string
	var lefts []*factions.Claim
	var ids []int64
	for _, c := range cs {
		ids = append(ids, c.SubjectID, c.ObjectID)
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
	add := func(k string, c *factions.Claim) *ContestedFact {
		g := groups[k]
		if g == nil {
			g = &ContestedFact{Subject: ref(c.SubjectID, c.Subject), Predicate: c.Predicate, Object: ref(c.ObjectID, c.Object),
				Role: c.Role, For: []*factions.Claim{}, Against: []*factions.Claim{}}
			groups[k] = g
			order = append(order, k)
		}
		if c.Date.After(g.Latest) {
			g.Latest = c.Date
		}
		return g
	}
	for _, c := range cs {
		if c.Predicate == factions.Left && c.Stance == factions.Asserted {
			lefts = append(lefts, c)
			continue
		}
		g := add(factions.FactKey(c), c)
		if c.Stance == factions.Denied {
			g.Against = append(g.Against, c)
		} else {
			g.For = append(g.For, c)
		}
	}
	for _, l := range lefts {
		joined := false
		for _, k := range order {
			g := groups[k]
			if g.Subject.ID == l.SubjectID && g.Object.ID == l.ObjectID && g.Predicate != factions.Left {
				g.Against = append(g.Against, l)
				if l.Date.After(g.Latest) {
					g.Latest = l.Date
				}
				joined = true
			}
		}
		if !joined {
			g := add(factions.FactKey(l), l)
			g.For = append(g.For, l)
		}
	}
	out := make([]*ContestedFact, 0, len(order))
	for _, k := range order {
		out = append(out, groups[k])
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Latest.After(out[j].Latest) })
	return out, nil
}

// ArticleView is an article with what was read in it: where it names
// entities, its claims (rejected ones too) and its statements.
type ArticleView struct {
	Article    *factions.Article     `json:"article"`
	Mentions   []*factions.Mention   `json:"mentions"`
	Entities   []EntityRef           `json:"entities"`
	Claims     []*factions.Claim     `json:"claims"`
	Statements []*factions.Statement `json:"statements"`
}

// article returns the view of article id, or ENOTFOUND.
func (s *Server) article(ctx context.Context, id int64) (*ArticleView, error) {
	return get(ctx, s.cache, "article:"+strconv.FormatInt(id, 10), func(ctx context.Context) (*ArticleView, error) {
		a, err := s.store.Article(ctx, id)
		if err != nil {
			return nil, err
		}
		ms, err := s.store.Mentions(ctx, id)
		if err != nil {
			return nil, err
		}
		cs, err := s.store.Claims(ctx, factions.ClaimFilter{ArticleID: id, IncludeRejected: true})
		if err != nil {
			return nil, err
		}
		sts, err := s.store.Statements(ctx, factions.StatementFilter{ArticleID: id})
		if err != nil {
			return nil, err
		}
		var ids []int64
		for _, m := range ms {
			ids = append(ids, m.EntityID)
		}
		for _, c := range cs {
			ids = append(ids, c.SubjectID, c.ObjectID)
		}
		for _, st := range sts {
			ids = append(ids, st.SpeakerID)
		}
		refs, err := s.refs(ctx, ids...)
		if err != nil {
			return nil, err
		}
		v := &ArticleView{Article: a, Mentions: ms, Claims: cs, Statements: sts, Entities: []EntityRef{}}
		for _, r := range refs {
			v.Entities = append(v.Entities, r)
		}
		sort.Slice(v.Entities, func(i, j int) bool {
			if v.Entities[i].Name != v.Entities[j].Name {
				return v.Entities[i].Name < v.Entities[j].Name
			}
			return v.Entities[i].ID < v.Entities[j].ID
		})
		return v, nil
	})
}

// parseAsOf reads a YYYY-MM-DD date as the end of that day (UTC); "" is
// the zero time (now, every claim counted).
func parseAsOf(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return time.Time{}, factions.Errorf(factions.EINVALID, "as_of %q: want a date as YYYY-MM-DD", s)
	}
	return t.Add(24*time.Hour - time.Nanosecond), nil
}

// parseID reads an ID from a path parameter.
func parseID(s, what string) (int64, error) {
	id, err := strconv.ParseInt(strings.TrimPrefix(s, "#"), 10, 64)
	if err != nil || id <= 0 {
		return 0, factions.Errorf(factions.EINVALID, "%s %q is not an id", what, s)
	}
	return id, nil
}
