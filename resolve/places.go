package resolve

import (
	"fmt"
	"iter"

	"github.com/factions/factions"
)

// resolvePlaces groups the places: by the gazetteer's reading of their
// names, the reading of their article's country first (Punjab), else by
// name.
func (r *resolver) resolvePlaces() {
	byKey := map[string]*cluster{}
	for _, o := range r.ofType(factions.Place) {
		key := o.tagged()
		if k := r.placeReading(o); k != nil {
			o.known = k
			key = r.knownKeys(k).place
		}
		c := byKey[key]
		if c == nil {
			c = r.newCluster(key, factions.Place)
			byKey[key] = c
			if o.known != nil {
				c.known, c.country = o.known, o.known.Country()
				if r.homonym(o) {
					c.refusal = fmt.Sprintf("the %s of %s, kept apart from places of that name elsewhere", o.known.Name, c.country)
				}
			}
		}
		reason := sameReason(c, o, "place")
		if r.homonym(o) && reason != "" {
			reason += ", of " + c.country + " (the country of its article)"
		}
		join(c, o, reason)
	}
}

// homonym reports whether o's name is a place's of several countries
// (Punjab) and o was read as one of them.
func (r *resolver) homonym(o *occ) bool {
	if o.known == nil || o.known.Country() == "" {
		return false
	}
	for _, k := range r.placesFor(o, o.Name) {
		if k.Country() != "" && k.Country() != o.known.Country() {
			return true
		}
	}
	return false
}

// placeReading returns the gazetteer's reading of the first of o's names it
// knows: the reading in the article's country if there is one, else the
// first; nil when it knows none.
func (r *resolver) placeReading(o *occ) *factions.Known {
	for n := range names(o) {
		ks := r.placesFor(o, n)
		if len(ks) == 0 {
			continue
		}
		for _, k := range ks {
			if k.Country() != "" && k.Country() == o.art.country {
				return &k
			}
		}
		return &ks[0]
	}
	return nil
}

// names yields o's names: its Name, then the others but the Name.
func names(o *occ) iter.Seq[string] {
	return func(yield func(string) bool) {
		if !yield(o.Name) {
			return
		}
		for _, n := range o.Names {
			if n != o.Name && !yield(n) {
				return
			}
		}
	}
}

// sameReason says why o joins c, whose first occurrence is already in it,
// when they share a key: the same name, one thing of the gazetteer (what is
// the kind of thing), or a variant spelling.
func sameReason(c *cluster, o *occ, what string) string {
	if len(c.occs) == 0 {
		return ""
	}
	f := c.occs[0]
	switch {
	case f.norm == o.norm:
		return "same name"
	case o.known != nil:
		return fmt.Sprintf("%q and %q are one %s in the gazetteer (%s)", o.Name, f.Name, what, o.known.Name)
	}
	return fmt.Sprintf("variant spelling of %q", f.Name)
}
