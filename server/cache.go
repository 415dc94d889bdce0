package server

import (
	"context"
	"math/rand/v2"
	"strconv"
	"sync"
	"time"

	"golang.org/x/sync/singleflight"
)

// cache keeps values read from the store for a while. A value older than
// its TTL is still served while one goroutine reads it anew (so a page
// never waits on a refresh once filled); clear drops everything, as a
// curation through the server does. Concurrent misses of one key share one
// read.
type cache struct {
	ttl   time.Duration
	now   func() time.Time
	group singleflight.Group
	// refreshing allows one background refresh at a time, so that
	// refreshes never take both cores from the requests being served
	refreshing chan struct{}

	mu      sync.Mutex
	gen     uint64
	entries map[string]*cacheEntry
}

type cacheEntry struct {
	val        any
	at         time.Time
	ttl        time.Duration // the cache's TTL and up to half again, so entries filled together expire apart
	refreshing bool
}

// maxEntries bounds the cache; past it, it is emptied.
const maxEntries = 20000

func newCache(ttl time.Duration, now func() time.Time) *cache {
	return &cache{ttl: ttl, now: now, entries: map[string]*cacheEntry{}, refreshing: make(chan struct{}, 1)}
}

// entry returns a new entry of v, its TTL jittered.
func (c *cache) entry(v any) *cacheEntry {
	return &cacheEntry{val: v, at: c.now(), ttl: c.ttl + rand.N(c.ttl/2+1)}
}

// get returns the value of key, reading it with fill when it is not cached
// (or caching is off).
func get[T any](ctx context.Context, c *cache, key string, fill func(context.Context) (T, error)) (T, error) {
	if c.ttl < 0 {
		return fill(ctx)
	}
	c.mu.Lock()
	gen := c.gen
	e := c.entries[key]
	if e != nil {
		stale := c.now().Sub(e.at) > e.ttl
		if stale && !e.refreshing {
			e.refreshing = true
			go c.refresh(key, gen, func(ctx context.Context) (any, error) { return fill(ctx) })
		}
		c.mu.Unlock()
		return e.val.(T), nil
	}
	c.mu.Unlock()
	v, err, _ := c.group.Do(strconv.FormatUint(gen, 10)+"\x00"+key, func() (any, error) {
		v, err := fill(context.WithoutCancel(ctx))
		if err == nil {
			c.put(key, gen, v)
		}
		return v, err
	})
	if err != nil {
		var zero T
		return zero, err
	}
	return v.(T), nil
}

// refresh reads key anew in the background and replaces the stale value,
// unless the cache was cleared meanwhile.
func (c *cache) refresh(key string, gen uint64, fill func(context.Context) (any, error)) {
	c.refreshing <- struct{}{}
	defer func() { <-c.refreshing }()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	v, err := fill(ctx)
	c.mu.Lock()
	defer c.mu.Unlock()
	if e := c.entries[key]; e != nil {
		e.refreshing = false
	}
	if err == nil && gen == c.gen {
		c.entries[key] = c.entry(v)
	}
}

func (c *cache) put(key string, gen uint64, v any) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if gen != c.gen {
		return // cleared meanwhile
	}
	if len(c.entries) >= maxEntries {
		c.entries = map[string]*cacheEntry{}
	}
	c.entries[key] = c.entry(v)
}

// clear drops every cached value.
func (c *cache) clear() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.gen++
	c.entries = map[string]*cacheEntry{}
}

// clearCaches drops what was read from the store, after a change.
func (s *Server) clearCaches() {
	s.cache.clear()
	s.names.clear()
}
