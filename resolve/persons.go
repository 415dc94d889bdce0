package resolve

import (
	"cmp"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/factions/factions"
)

// resolvePersons groups people: one full name (or variant spelling) is one
// person unless ties to two countries say otherwise; then short forms join
// the one full name that fits them.
func (r *resolver) resolvePersons() {
	ps := r.ofType(factions.Person)
	keys, groups := groupBy(ps, func(i int) string { return ps[i].key() })
	for g, k := range keys {
		if !strings.Contains(k, " ") {
			// a single name: each occurrence looks for its bearer in its
			// own context
			for _, o := range groups[g] {
				join(r.newCluster(k, factions.Person), o, "")
			}
			continue
		}
		r.splitByCountry(k, groups[g])
	}
	r.joinShortForms()
	r.groupSingles()
}

// groupSingles makes one person of the single names that found no bearer,
// by name and country.
func (r *resolver) groupSingles() {
	byKey := map[string]*cluster{}
	for _, c := range r.live(factions.Person) {
		o := c.occs[0]
		if len(o.toks()) != 1 || len(c.occs) != 1 {
			continue
		}
		p := r.profile(c)
		k := o.key() + "|" + p.country
		into := byKey[k]
		if into == nil {
			byKey[k] = c
			c.country = p.country
			continue
		}
		reason := "same name"
		if c.refusal != "" {
			reason += "; " + c.refusal
		}
		merge(into, c, reason)
	}
}

// evidence returns the countries of the parties and places o is tied to.
func evidence(o *occ) []string {
	var out []string
	for _, t := range o.ties {
		if t.c == nil {
			continue
		}
		c := t.c.find()
		if c.country == "" || (c.typ == factions.Organization && c.known == nil) {
			continue // an organization the party list does not place
		}
		if !contains(out, c.country) {
			out = append(out, c.country)
		}
	}
	sort.Strings(out)
	return out
}

// minEvidence is how many occurrences must tie a name to another country
// for its bearers there to be another person.
const minEvidence = 2

// splitByCountry makes the people of one name: one, unless at least
// minEvidence of its occurrences are tied to parties or places of another
// country than the country most are tied to; each such country's bearers
// are then one person of their own. An occurrence tied to no country joins
// the person of its article's country, else the main one.
func (r *resolver) splitByCountry(key string, os []*occ) {
	ev := make([][]string, len(os)) // os[i]'s evidence
	count := map[string]int{}
	for i, o := range os {
		ev[i] = evidence(o)
		for _, c := range ev[i] {
			count[c]++
		}
	}
	main := majority(count)
	apart := map[string]bool{}
	for c, n := range count {
		if c != main && n >= minEvidence {
			apart[c] = true
		}
	}
	byCountry := map[string]*cluster{}
	for i, o := range os {
		home := main
		if !contains(ev[i], main) {
			best := 0
			for _, c := range ev[i] {
				if apart[c] && (count[c] > best || count[c] == best && c < home) {
					home, best = c, count[c]
				}
			}
			if len(ev[i]) == 0 && len(apart) > 0 && apart[o.art.country] {
				home = o.art.country
			}
		}
		c := byCountry[home]
		if c == nil {
			c = r.newCluster(key, factions.Person)
			c.country = home
			if home == main {
				c.occs = make([]*occ, 0, len(os)) // most often all of them
			}
			byCountry[home] = c
		}
		reason := "same name"
		if len(c.occs) > 0 && c.occs[0].norm != o.norm {
			reason = fmt.Sprintf("variant spelling of %q", c.occs[0].Name)
		}
		join(c, o, reason)
	}
	if m := byCountry[main]; m != nil {
		for home, c := range byCountry {
			if home != main {
				c.refusal = fmt.Sprintf("kept apart from the %s of %s: tied to %s in %d articles", m.occs[0].Name, main, home, count[home])
			}
		}
	}
}

// leadName reports whether w is a first name that papers often drop
// ("Muhammad"), as VariantKey spells it.
func leadName(w string) bool {
	switch w {
	case "muhamad", "md", "muhd":
		return true
	}
	return false
}

// related reports whether the name of words t is a short form of the name
// of words s, and how, as a format of the short name and the full one: a
// surname or first name alone, the name without a middle name, without its
// last names, or without a leading "Muhammad"; "" when it is none.
func related(t, s []string) string {
	switch {
	case len(t) == 0 || len(s) <= len(t):
		return ""
	case len(t) == 1:
		// the first or last name, or the name after a leading "Muhammad"
		if t[0] == s[0] || t[0] == s[len(s)-1] || len(s) > 2 && leadName(s[0]) && t[0] == s[1] {
			return "%q is one name of %q"
		}
		return ""
	case t[0] == s[0] && t[len(t)-1] == s[len(s)-1] && subsequence(t, s):
		return "%q is %q without a middle name"
	case equal(t, s[:len(t)]):
		return "%q is %q without its last name"
	case equal(t, s[len(s)-len(t):]):
		for _, w := range s[:len(s)-len(t)] {
			if !leadName(w) {
				return ""
			}
		}
		return "%q is %q without its first name"
	case len(t) < len(s) && within(t, s):
		return reordered
	}
	return ""
}

// reordered is the relation of a name whose words are some of another's
// in another order ("Ali Tariq", "Tariq Ali Lodhi"): a short form only of
// the bearer of a party it is tied to.
const reordered = "%q is %q, its words in another order,"

// within reports whether every word of t is a word of s, as many times.
func within(t, s []string) bool {
	n := map[string]int{}
	for _, w := range s {
		n[w]++
	}
	for _, w := range t {
		if n[w] == 0 {
			return false
		}
		n[w]--
	}
	return true
}

func subsequence(t, s []string) bool {
	i := 0
	for _, w := range s {
		if i < len(t) && w == t[i] {
			i++
		}
	}
	return i == len(t)
}

func equal(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// profile is what short-form matching compares of a person cluster.
type profile struct {
	country    string            // tied to, else where its articles are
	parties    map[*cluster]bool // the parties it is tied to (nil: none)
	from, till time.Time         // its dated articles
	size       int
}

func (r *resolver) profile(c *cluster) *profile {
	p := &profile{country: c.country, size: len(c.occs)}
	arts := map[string]int{}
	unsampled := map[int64]bool{}
	for _, o := range c.occs {
		if n := r.unsample[o.Entity]; n > 0 && !unsampled[o.Entity] {
			unsampled[o.Entity] = true // a sample of a stored entity: it counts whole
			p.size += n
		}
		arts[o.art.country]++
		for _, t := range o.ties {
			if t.Type == factions.Organization && t.c != nil && t.c.find().known != nil {
				p.tiedTo(t.c.find())
			}
		}
		if d := o.art.Date; !d.IsZero() {
			if p.from.IsZero() || d.Before(p.from) {
				p.from = d
			}
			if d.After(p.till) {
				p.till = d
			}
		}
	}
	if p.country == "" {
		p.country = majority(arts)
	}
	return p
}

// tiedTo adds party to the parties of p.
func (p *profile) tiedTo(party *cluster) {
	if p.parties == nil {
		p.parties = map[*cluster]bool{}
	}
	p.parties[party] = true
}

// dateSlack is how far apart the dated articles of a short form and of a
// full name may be for them to be one person.
const dateSlack = 5 * 365 * 24 * time.Hour

// fits tells why a short form of profile a cannot be the person of profile
// b, or "" when it can: another country, only other parties, or dates years
// apart.
func fits(a, b *profile) string {
	switch {
	case a.country != "" && b.country != "" && a.country != b.country:
		return "of another country"
	case len(a.parties) > 0 && len(b.parties) > 0 && !sharesCluster(a.parties, b.parties):
		return "of another party"
	case !a.from.IsZero() && !b.from.IsZero() && (a.from.Sub(b.till) > dateSlack || b.from.Sub(a.till) > dateSlack):
		return "of other years"
	}
	return ""
}

func sharesCluster(a, b map[*cluster]bool) bool {
	for c := range a {
		if b[c] {
			return true
		}
	}
	return false
}

// dominance is how many times as often as all others that fit one bearer
// of a short form must be named to be taken for it.
const dominance = 3

// joinShortForms joins each person cluster whose name is a short form of
// other names (related) to the one of them that fits it, or to the one
// named dominance times as often as the others that fit together; the
// longest names first, so that a short form finds its full names already
// joined.
func (r *resolver) joinShortForms() {
	cs := r.live(factions.Person)
	byWord := map[string][]*cluster{}
	for _, c := range cs {
		t := c.occs[0].toks()
		c.toks = t
		if len(t) < 2 {
			continue // a single name is the short form of none
		}
		byWord[t[0]] = append(byWord[t[0]], c)
		if len(t) > 1 {
			byWord[t[len(t)-1]] = append(byWord[t[len(t)-1]], c)
		}
		if len(t) > 2 && leadName(t[0]) {
			byWord[t[1]] = append(byWord[t[1]], c)
		}
	}
	// the fuller names first, each name's words joined once
	type named struct {
		c    *cluster
		n    int
		name string
	}
	order := make([]named, len(cs))
	for i, c := range cs {
		order[i] = named{c, len(c.toks), strings.Join(c.toks, " ")}
	}
	slices.SortStableFunc(order, func(a, b named) int {
		if a.n != b.n {
			return cmp.Compare(b.n, a.n)
		}
		if c := strings.Compare(a.name, b.name); c != 0 {
			return c
		}
		return strings.Compare(a.c.country, b.c.country)
	})
	for i := range order {
		cs[i] = order[i].c
	}
	prof := func(c *cluster) *profile {
		c = c.find()
		if c.prof == nil {
			c.prof = r.profile(c)
		}
		return c.prof
	}
	for _, c := range cs {
		t := c.toks
		if len(t) == 0 || c.find() != c {
			continue
		}
		fit, how, unfit := bearers(c, t, byWord, prof)
		into, note := r.pickBearer(c, fit, how, prof)
		if into == nil {
			if note != "" && c.refusal == "" {
				c.refusal = note
			} else if len(unfit) > 0 && c.refusal == "" && len(fit) == 0 {
				var ns []string
				for _, m := range unfit {
					ns = append(ns, fmt.Sprintf("%s (%s)", m.c.occs[0].Name, m.why))
				}
				sort.Strings(ns)
				c.refusal = "not joined to " + strings.Join(ns, ", ")
			}
			continue
		}
		// the bearer's profile grows by the short form's, without
		// reading all his occurrences again
		pi, pc := prof(into), prof(c)
		pi.size += pc.size
		for k := range pc.parties {
			pi.tiedTo(k)
		}
		if !pc.from.IsZero() && (pi.from.IsZero() || pc.from.Before(pi.from)) {
			pi.from = pc.from
		}
		if pc.till.After(pi.till) {
			pi.till = pc.till
		}
		c.prof = nil
		merge(into, c, note)
	}
}

// miss is a bearer of a full name that does not fit a short form, and why.
type miss struct {
	c   *cluster
	why string
}

// bearers returns the clusters whose names (of words cluster.toks, found by their
// first and last words in byWord) the short form c of words t is a form
// of: those that fit it, with how it is a form of each, and those that do
// not, with why.
func bearers(c *cluster, t []string, byWord map[string][]*cluster, prof func(*cluster) *profile) (fit []*cluster, how []string, unfit []miss) {
	seen := map[*cluster]bool{}
	for _, w := range []string{t[0], t[len(t)-1]} {
		for _, s := range byWord[w] {
			rel := related(t, s.toks)
			root := s.find()
			if rel == "" || root == c || seen[root] {
				continue
			}
			seen[root] = true
			if why := fits(prof(c), prof(root)); why != "" {
				unfit = append(unfit, miss{root, why})
				continue
			}
			if rel == reordered && !sharesCluster(prof(c).parties, prof(root).parties) {
				continue
			}
			fit = append(fit, root)
			how = append(how, rel)
		}
	}
	return fit, how, unfit
}

// pickBearer returns the cluster among fit that the short form c is, and
// why; nil and why not when none or several fit.
func (r *resolver) pickBearer(c *cluster, fit []*cluster, how []string, prof func(*cluster) *profile) (*cluster, string) {
	if len(fit) == 0 {
		return nil, ""
	}
	name := c.occs[0].Name
	if len(fit) == 1 {
		return fit[0], fmt.Sprintf(how[0]+", the only bearer that fits (%s)", name, fit[0].occs[0].Name, context(prof(fit[0])))
	}
	idx := make([]int, len(fit))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(i, j int) bool {
		a, b := prof(fit[idx[i]]).size, prof(fit[idx[j]]).size
		if a != b {
			return a > b
		}
		return fit[idx[i]].occs[0].key() < fit[idx[j]].occs[0].key()
	})
	best := fit[idx[0]]
	rest := 0
	var others []string
	for _, i := range idx[1:] {
		rest += prof(fit[i]).size
		others = append(others, fit[i].occs[0].Name)
	}
	if prof(best).size >= dominance*rest {
		return best, fmt.Sprintf(how[idx[0]]+", named %d times as often as others that fit (%s)", name, best.occs[0].Name,
			prof(best).size/max(rest, 1), strings.Join(others, ", "))
	}
	var all []string
	for _, i := range idx {
		all = append(all, fit[i].occs[0].Name)
	}
	return nil, "not joined: several bearers fit (" + strings.Join(all, ", ") + ")"
}

// context renders what a profile was matched on.
func context(p *profile) string {
	var parts []string
	if p.country != "" {
		parts = append(parts, p.country)
	}
	if !p.from.IsZero() {
		parts = append(parts, p.from.Format("2006")+"–"+p.till.Format("2006"))
	}
	if len(parts) == 0 {
		return "no context to disagree"
	}
	return strings.Join(parts, ", ")
}
