package resolve

import (
	"fmt"
	"sort"
	"strings"
	"unicode"

	"github.com/factions/factions"
)

// resolveOrganizations groups the organizations: parties by the
// gazetteer, others by name with the acronyms articles give them (an
// acronym given with several names joins none), namesakes based in
// different countries apart; then the internal bodies, within the
// organization each is part of.
func (r *resolver) resolveOrganizations() {
	// the keys of the organizations that are no bodies, joined where an
	// article gives a name with its acronym
	var orgs []*occ
	for _, o := range r.ofType(factions.Organization) {
		if o.parent == nil {
			orgs = append(orgs, o)
		}
	}
	keyOf := make([]string, len(orgs))    // orgs[i]'s
	fulls := map[string]map[string]bool{} // acronym → the names articles give it with
	for i, o := range orgs {
		if k := r.partyReading(o); k != nil {
			o.known = k
			keyOf[i] = r.knownKeys(k).party
			continue
		}
		keyOf[i] = o.tagged()
		for _, a := range o.Names {
			if a != o.Name && acronymOf(a, o.Name) {
				ak := r.keyIn(r.memo(a), factions.Organization, a).tagged
				if fulls[ak] == nil {
					fulls[ak] = map[string]bool{}
				}
				fulls[ak][o.tagged()] = true
			}
		}
	}
	// an acronym joins the one name articles give it with; one given
	// with several ("PA") joins none
	u := unionFind{}
	for ak, fs := range fulls {
		if len(fs) == 1 {
			for f := range fs {
				u.union(ak, f)
			}
		}
	}
	keys, groups := groupBy(orgs, func(i int) string { return u.find(keyOf[i]) })
	// the parties first, by the keys of the names their articles use
	partyByKey := map[string][]*cluster{}
	for g, k := range keys {
		if !strings.HasPrefix(k, "party:") {
			continue
		}
		c := r.newCluster(k, factions.Organization)
		c.known = groups[g][0].known
		c.country = c.known.Country()
		for _, o := range groups[g] {
			join(c, o, r.orgReason(c, o))
			for _, n := range o.Names {
				nk := r.key(factions.Organization, n)
				if l := partyByKey[nk]; len(l) == 0 || l[len(l)-1] != c {
					partyByKey[nk] = append(partyByKey[nk], c)
				}
			}
		}
	}
	for g, k := range keys {
		if strings.HasPrefix(k, "party:") {
			continue
		}
		// a misspelt party the gazetteer does not know ("Congres"): the
		// one party some article names so
		if ps := partyByKey[strings.TrimPrefix(k, "org:")]; len(ps) == 1 && r.unknownNames(groups[g]) {
			for _, o := range groups[g] {
				join(ps[0], o, fmt.Sprintf("variant spelling of %q, a name of %s", ps[0].occs[0].Name, ps[0].known.Name))
			}
			continue
		}
		r.splitByBase(k, groups[g])
	}
	r.resolveBodies()
}

// unknownNames reports whether the gazetteer knows no party of any name of
// the occurrences os (a form it knows and did not take is ambiguous in
// their context).
func (r *resolver) unknownNames(os []*occ) bool {
	for _, o := range os {
		for n := range names(o) {
			if len(r.partiesFor(o, n)) > 0 {
				return false
			}
		}
	}
	return true
}

// partyReading returns the party the first of o's names that names one
// stands for: an ambiguous form ("Labour") only in an article that names
// the party's country (or a place or party of it alone) or in a paper of
// that country, in one of no
// country when that country has most articles, or when another of o's
// names reads as the same party unambiguously; among parties of several
// countries, the article's, else one it names, else the one whose country
// has most articles. Nil when none.
func (r *resolver) partyReading(o *occ) *factions.Known {
	// the parties some name of o stands for unambiguously, found when
	// first asked
	var firm map[string]bool
	isFirm := func(key string) bool {
		if firm == nil {
			firm = map[string]bool{}
			for n := range names(o) {
				for _, k := range r.partiesFor(o, n) {
					if !k.Ambiguous {
						firm[r.knownKey(&k)] = true
					}
				}
			}
		}
		return firm[key]
	}
	country := o.art.country
	for n := range names(o) {
		ks := r.partiesFor(o, n)
		if len(ks) == 0 {
			continue
		}
		best, bestRank := -1, 0
		for i, k := range ks {
			named := false
			for _, c := range k.Countries {
				named = named || o.art.mentioned[c] || o.art.home == c
			}
			if k.Ambiguous && !named && !isFirm(r.knownKey(&k)) && (country != "" || !r.mostArticles(k, ks)) {
				continue
			}
			rank := 0 // the article's country, one it names, then the most articles
			switch {
			case country != "" && contains(k.Countries, country):
				rank = 2
			case named:
				rank = 1
			}
			if best < 0 || rank > bestRank || rank == bestRank && r.prior[k.Country()] > r.prior[ks[best].Country()] {
				best, bestRank = i, rank
			}
		}
		if best >= 0 {
			k := ks[best]
			return &k
		}
	}
	return nil
}

// mostArticles reports whether k's country has more articles than that of
// any other of the readings ks, and some.
func (r *resolver) mostArticles(k factions.Known, ks []factions.Known) bool {
	n := r.prior[k.Country()]
	if n == 0 {
		return false
	}
	for _, o := range ks {
		if o.Country() != k.Country() && r.prior[o.Country()] >= n {
			return false
		}
	}
	return true
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// orgReason says why o joins c: the same name, one party of the party
// list, a name some occurrence of c goes by too (an alias), a variant
// spelling, or an acronym some article gives with the full name.
func (r *resolver) orgReason(c *cluster, o *occ) string {
	if len(c.occs) == 0 {
		return ""
	}
	f := c.occs[0]
	switch {
	case f.norm == o.norm:
		return "same name"
	case o.known != nil:
		return fmt.Sprintf("%q and %q are one party in the party list (%s, %s)", o.Name, f.Name, o.known.Name, o.known.Country())
	case sharesName(c, o):
		return "alias"
	case f.key() == o.key():
		return fmt.Sprintf("variant spelling of %q", f.Name)
	case factions.IsAcronym(f.Name):
		return fmt.Sprintf("%q is the acronym of %q in an article", f.Name, o.Name)
	case factions.IsAcronym(o.Name):
		return fmt.Sprintf("%q is the acronym of %q in an article", o.Name, f.Name)
	}
	return fmt.Sprintf("articles give %q and %q one acronym", o.Name, f.Name)
}

// sharesName reports whether a name of o is a name of an occurrence in c.
func sharesName(c *cluster, o *occ) bool {
	for _, n := range o.Names {
		k := factions.NormalizeName(n)
		for _, x := range c.occs {
			for _, m := range x.Names {
				if factions.NormalizeName(m) == k {
					return true
				}
			}
		}
	}
	return false
}

// acronymOf reports whether a is the acronym of name: its letters are the
// initials of name's words, the small words (of, the, and, for) and name
// particles left out or not.
func acronymOf(a, name string) bool {
	if !factions.IsAcronym(a) {
		return false
	}
	var letters []rune
	for _, r := range a {
		if unicode.IsLetter(r) {
			letters = append(letters, unicode.ToLower(r))
		}
	}
	words := strings.Fields(factions.NormalizeName(name))
	var all, content []rune
	for _, w := range words {
		first := []rune(w)[0]
		all = append(all, first)
		if !smallWord(w) {
			content = append(content, first)
		}
	}
	return len(letters) >= 2 && (string(letters) == string(all) || string(letters) == string(content))
}

// smallWord reports whether w is a word left out of acronyms.
func smallWord(w string) bool {
	switch w {
	case "of", "the", "and", "for", "e", "i", "ul", "al":
		return true
	}
	return false
}

// splitByBase makes the clusters of the organizations of one name, apart
// when they are based in different countries (or, where a place's country
// is unknown, in different places); those based nowhere known join the
// one most occurrences are of.
func (r *resolver) splitByBase(key string, os []*occ) {
	bases := map[*occ]string{}
	count := map[string]int{}
	for _, o := range os {
		b := ""
		for _, t := range o.ties {
			if t.Type != factions.Place || t.c == nil {
				continue
			}
			pc := t.c.find()
			b = pc.country
			if b == "" {
				b = "@" + pc.key
			}
			break
		}
		bases[o] = b
		count[b]++
	}
	main := majority(count)
	byBase := map[string]*cluster{}
	for _, o := range os {
		b := bases[o]
		if b == "" {
			b = main
		}
		c := byBase[b]
		if c == nil {
			c = r.newCluster(key, factions.Organization)
			if !strings.HasPrefix(b, "@") {
				c.country = b
			}
			if b != main {
				c.refusal = fmt.Sprintf("kept apart from the %s of %s: based in %s", o.Name, baseName(main), baseName(b))
			}
			byBase[b] = c
		}
		join(c, o, r.orgReason(c, o))
	}
}

// baseName renders a base of splitByBase.
func baseName(b string) string {
	if strings.HasPrefix(b, "@place:") {
		return strings.TrimPrefix(b, "@place:")
	}
	if b == "" {
		return "nowhere known"
	}
	return b
}

// resolveBodies groups the internal bodies, in rounds from the outermost:
// one name within one organization is one body, and a body named by the
// last words of one other body's name of that organization ("standing
// committee", "national standing committee") is that body.
func (r *resolver) resolveBodies() {
	for round := 0; ; round++ {
		groups := map[string][]*occ{}
		var order []string
		progress := false
		pending := false
		for _, o := range r.ofType(factions.Organization) {
			if o.parent == nil || o.c != nil {
				continue
			}
			if o.parent.c == nil {
				pending = true
				continue
			}
			k := fmt.Sprintf("body:%d:%s", r.index(o.parent.c.find()), o.norm)
			if _, seen := groups[k]; !seen {
				order = append(order, k)
			}
			groups[k] = append(groups[k], o)
		}
		byParent := map[*cluster][]*cluster{}
		for _, k := range order {
			os := groups[k]
			c := r.newCluster(k, factions.Organization)
			c.country = countryOf(os[0].parent)
			for _, o := range os {
				join(c, o, r.bodyReason(c, o))
			}
			p := os[0].parent.c.find()
			byParent[p] = append(byParent[p], c)
			progress = true
		}
		for p, cs := range byParent {
			shorter(p, cs)
		}
		if !pending {
			r.joinBodies()
			return
		}
		if !progress || round > 8 {
			// bodies of bodies in a cycle: resolved as organizations of
			// their own name
			for _, o := range r.ofType(factions.Organization) {
				if o.parent != nil && o.c == nil {
					o.parent = nil
					c := r.newCluster(o.tagged(), factions.Organization)
					join(c, o, "")
				}
			}
			return
		}
	}
}

// joinBodies merges an organization named as an internal body is, in
// articles that do not say whose body it is, into that body when only one
// organization has a body of that name.
func (r *resolver) joinBodies() {
	bodies := map[string][]*cluster{}
	for _, c := range r.live(factions.Organization) {
		if strings.HasPrefix(c.key, "body:") {
			k := c.occs[0].key()
			bodies[k] = append(bodies[k], c)
		}
	}
	for _, c := range r.live(factions.Organization) {
		if !strings.HasPrefix(c.key, "org:") {
			continue
		}
		if bs := bodies[c.occs[0].key()]; len(bs) == 1 {
			b := bs[0].find()
			merge(b, c, "a body of "+b.occs[0].parent.c.find().occs[0].Name+", named without it")
		}
	}
}

// index returns the position of c among the clusters.
func (r *resolver) index(c *cluster) int {
	for i, x := range r.clusters {
		if x == c {
			return i
		}
	}
	return -1
}

// bodyReason says why o joins the body cluster c.
func (r *resolver) bodyReason(c *cluster, o *occ) string {
	if len(c.occs) == 0 {
		return ""
	}
	return "same name, a body of " + o.parent.c.find().occs[0].Name
}

// shorter merges each body of one organization whose name is the last
// words of exactly one other's into it.
func shorter(p *cluster, cs []*cluster) {
	norm := map[*cluster]string{}
	for _, c := range cs {
		norm[c] = c.occs[0].norm
	}
	sort.SliceStable(cs, func(i, j int) bool { return len(norm[cs[i]]) > len(norm[cs[j]]) })
	for _, c := range cs {
		n := norm[c]
		var into []*cluster
		for _, d := range cs {
			if d.find() != c.find() && strings.HasSuffix(norm[d], " "+n) {
				into = append(into, d.find())
			}
		}
		if len(into) == 1 || len(into) > 1 && allSame(into) {
			merge(into[0], c, fmt.Sprintf("a body of %s under a fuller or shorter name", p.occs[0].Name))
		}
	}
}

func allSame(cs []*cluster) bool {
	for _, c := range cs[1:] {
		if c != cs[0] {
			return false
		}
	}
	return true
}

// unionFind joins keys.
type unionFind map[string]string

func (u unionFind) find(k string) string {
	for {
		p, ok := u[k]
		if !ok || p == k {
			return k
		}
		k = p
	}
}

// union joins a and b under the lesser key, so that the result does not
// depend on the order of the unions.
func (u unionFind) union(a, b string) {
	a, b = u.find(a), u.find(b)
	if a == b {
		return
	}
	if b < a {
		a, b = b, a
	}
	u[b] = a
}
