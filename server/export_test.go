package server

import (
	"context"
	"time"

	"github.com/factions/factions"
)

// Parts times what the organization page reads, part by part (for the load
// benchmark's report).
func (s *Server) Parts(ctx context.Context, id int64) (map[string]time.Duration, error) {
	out := map[string]time.Duration{}
	t := time.Now()
	e, err := s.entity(ctx, id)
	if err != nil {
		return nil, err
	}
	out["entity"] = time.Since(t)
	t = time.Now()
	if _, err := s.card(ctx, e, time.Time{}); err != nil {
		return nil, err
	}
	out["card"] = time.Since(t)
	t = time.Now()
	if _, err := s.claimsOf(ctx, id); err != nil {
		return nil, err
	}
	out["claims"] = time.Since(t)
	t = time.Now()
	if _, err := s.contested(ctx, id); err != nil {
		return nil, err
	}
	out["contested"] = time.Since(t)
	t = time.Now()
	l, err := s.lineage(ctx, e)
	if err != nil {
		return nil, err
	}
	out["lineage"] = time.Since(t)
	t = time.Now()
	if _, err := s.lineageSVG(ctx, l); err != nil {
		return nil, err
	}
	out["lineage-svg"] = time.Since(t)
	t = time.Now()
	if _, err := s.store.Claims(ctx, factions.ClaimFilter{EntityID: id}); err != nil {
		return nil, err
	}
	out["store-claims"] = time.Since(t)
	return out, nil
}
