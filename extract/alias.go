package extract

import (
	"sort"
	"strings"

	"github.com/factions/factions"
)

// resolve groups the mentions into entities: a surname or first name alone,
// a name with an honorific suffix ("Tariq Bhai"), a title and surname ("Mr
// Hale") and an acronym all join the entity they abbreviate.
func (d *doc) resolve() {
	// full names first so that short forms find them, in text order
	var ms []*mention
	for _, s := range d.ments {
		ms = append(ms, s...)
	}
	d.all = ms
	byKey := map[string]*entity{}
	newEnt := func(m *mention, name string) *entity {
		e := &entity{name: name, typ: m.typ, first: m.span.Start}
		d.ents = append(d.ents, e)
		byKey[string(m.typ)+"|"+strings.ToLower(name)] = e
		return e
	}
	attach := func(m *mention, e *entity) {
		m.ent = e
		e.mentions = append(e.mentions, m)
		e.addAlias(m.name)
	}
	// a single word that is also the first or last name of a person named in
	// full ("Galloway" in the headline, "George Galloway" in the text) is that
	// person, not the place of the same name
	nameWords := map[string]bool{}
	for _, m := range ms {
		if m.typ == factions.Person && m.j-m.i >= 2 {
			w := strings.Fields(strings.ToLower(m.name))
			nameWords[w[0]], nameWords[w[len(w)-1]] = true, true
		}
	}
	for _, m := range ms {
		if m.typ == factions.Place && m.j-m.i == 1 && m != d.dateline && nameWords[strings.ToLower(m.name)] {
			// a country or continent is not a person's name ("Pakistan
			// Khappay" is a slogan)
			if p, ok := d.lx.places[strings.ToLower(m.name)]; ok && (p.Kind == "country" || p.Kind == "continent") {
				continue
			}
			m.typ = factions.Person
		}
	}
	// pass 1: multi-word persons, organisations and places by exact name
	for _, m := range ms {
		if m.typ == factions.Person && m.j-m.i == 1 {
			continue
		}
		if m.typ == factions.Organization && d.droppedAcronym(m, ms) {
			continue
		}
		name := m.name
		if m.typ == factions.Person {
			name = d.stripSuffix(m)
		}
		if m.typ == factions.Place {
			name = placeName(d.lx, name)
		}
		key := string(m.typ) + "|" + strings.ToLower(name)
		e := byKey[key]
		if e == nil && m.typ == factions.Person {
			// "Tariq Bhai" is the first name with a suffix: leave for pass 2
			if name != m.name && wordCount(name) == 1 {
				continue
			}
		}
		if e == nil {
			e = newEnt(m, name)
		}
		attach(m, e)
	}
	// merge persons whose name is contained in a longer one ("Lodhi-Khan" in
	// "Tariq Lodhi-Khan" written as a multi-token run is already whole)
	// pass 2: single-word persons and suffixed names join a full name
	for _, m := range ms {
		if m.ent != nil || m.typ != factions.Person {
			continue
		}
		short := d.stripSuffix(m)
		// "Veritas" for the "Veritas Party": a single word that names an
		// organisation without its cue word
		if m.j-m.i == 1 && !m.titled {
			if o := d.orgByHead(short); o != nil {
				m.typ = factions.Organization
				attach(m, o)
				continue
			}
		}
		e := d.personFor(short, m)
		if e == nil {
			// a single name that joins no fuller one needs evidence: a
			// title, a speech verb after it, or a role before it
			if !m.titled && !d.speaksNext(m) && !d.roleNext(m) {
				continue
			}
			e = byKey["person|"+strings.ToLower(short)]
			if e == nil {
				e = newEnt(m, short)
			}
		}
		attach(m, e)
	}
	// pass 3: acronyms join the organisation they abbreviate
	for _, e := range d.ents {
		if e.typ != factions.Organization || e.removed {
			continue
		}
		for _, f := range d.ents {
			if f == e || f.removed || f.typ != factions.Organization || !isUpperWord(strings.ReplaceAll(f.name, "-", "")) {
				continue
			}
			if strings.ContainsAny(e.name, "()") || wordCount(e.name) < 2 || isUpperWord(strings.ReplaceAll(e.name, "-", "")) {
				continue
			}
			if acronymWords(strings.FieldsFunc(e.name, func(r rune) bool { return r == ' ' || r == '-' }), strings.ReplaceAll(f.name, "-", "")) {
				d.mergeEnt(e, f)
			}
		}
	}
	// parenthesised acronyms: "Full Name (ACR)"
	for _, m := range ms {
		if m.ent == nil || m.alias == "" {
			continue
		}
		for _, f := range d.ents {
			if f != m.ent && !f.removed && f.typ == m.ent.typ && strings.EqualFold(f.name, m.alias) {
				d.mergeEnt(m.ent, f)
			}
		}
		m.ent.addAlias(m.alias)
	}
	// "X (Q)" and "ACR (Q)" are one faction when ACR names X: each gets the
	// other's form as an alias, and two such entities merge
	byName := map[string]*entity{}
	for _, e := range d.ents {
		if e.removed || e.typ != factions.Organization {
			continue
		}
		for _, n := range e.names() {
			byName[n] = e
		}
	}
	for _, e := range d.ents {
		if e.removed || e.typ != factions.Organization {
			continue
		}
		k := strings.Index(e.name, " (")
		if k <= 0 || !strings.HasSuffix(e.name, ")") {
			continue
		}
		base, qual := e.name[:k], e.name[k:]
		p := byName[base]
		if p == nil || p == e {
			continue
		}
		for _, n := range p.names() {
			if n == base {
				continue
			}
			alt := n + qual
			if o := byName[alt]; o != nil && o != e && !o.removed {
				d.mergeEnt(e, o)
			}
			e.addAlias(alt)
		}
	}
	// "the X (Q), or X-Q,": an alternative name after "or"
	for _, m := range ms {
		if m.ent == nil || m.ent.removed || m.typ != factions.Organization {
			continue
		}
		toks := d.toks[m.s]
		if m.j+2 < len(toks) && toks[m.j].Norm == "," && toks[m.j+1].Norm == "or" {
			if o := d.mentionAtRaw(m.s, m.j+2); o != nil && o.ent != nil && o.ent != m.ent && !o.ent.removed && o.ent.typ == factions.Organization {
				d.mergeEnt(m.ent, o.ent)
			}
		}
	}
	// canonical names: the fullest form used
	for _, e := range d.ents {
		if e.removed {
			continue
		}
		if e.typ == factions.Organization {
			// prefer the expanded name over the acronym
			for _, a := range e.aliases {
				if wordCount(a) > wordCount(e.name) && !strings.Contains(a, "(") && isUpperWord(strings.ReplaceAll(e.name, "-", "")) {
					e.name = a
				}
			}
		}
		e.aliases = without(e.aliases, e.name)
	}
	// "the party's provincial chapter": the body also goes by the name of
	// the party it belongs to
	for _, e := range d.ents {
		if e.removed || e.typ != factions.Organization || !d.isBody(e) {
			continue
		}
		for _, m := range e.mentions {
			toks := d.toks[m.s]
			if m.i >= 2 && toks[m.i-1].Norm == "'s" && toks[m.i-2].Norm == "party" {
				if o := d.orgBeforeRaw(m.span.Start); o != nil {
					e.addAlias(shortName(o) + " " + e.name)
				}
				break
			}
		}
	}
	live := d.ents[:0]
	for _, e := range d.ents {
		if !e.removed {
			live = append(live, e)
		}
	}
	d.ents = live
	sort.SliceStable(d.ents, func(a, b int) bool { return d.ents[a].first < d.ents[b].first })
}

func without(list []string, s string) []string {
	out := list[:0]
	for _, x := range list {
		if x != s {
			out = append(out, x)
		}
	}
	return out
}

// mergeEnt moves f's mentions and names into e.
func (d *doc) mergeEnt(e, f *entity) {
	if e == f || f.removed {
		return
	}
	for _, m := range f.mentions {
		m.ent = e
		e.mentions = append(e.mentions, m)
	}
	for _, n := range f.names() {
		e.addAlias(n)
	}
	if f.first < e.first {
		e.first = f.first
	}
	f.removed = true
	f.mentions = nil
}

// stripSuffix returns the mention's name without an honorific suffix
// ("Tariq Bhai" → "Tariq").
func (d *doc) stripSuffix(m *mention) string {
	toks := d.toks[m.s][m.i:m.j]
	if len(toks) >= 2 && d.lx.suffixes.has(toks[len(toks)-1].Norm) {
		return d.text[toks[0].Start:toks[len(toks)-2].End]
	}
	return m.name
}

// personFor finds the person a single name refers to: a person with a
// multi-word name whose first or last word it is, the nearest before the
// mention first, then the nearest after. With a title ("Mr Howard") only
// the surname counts.
func (d *doc) personFor(short string, m *mention) *entity {
	if e := d.personForWord(short, m, m.titled); e != nil || !m.titled {
		return e
	}
	// "Mr Howard" is a surname, never the first name of another person
	if t := d.toks[m.s]; m.i > 0 {
		k := m.i - 1
		if t[k].Norm == "." && k > 0 {
			k--
		}
		switch t[k].Norm {
		case "mr", "mrs", "ms", "miss", "mx":
			return nil
		}
	}
	// "Barrister Tariq", "Dr Hawlader": a title before a first name
	return d.personForWord(short, m, false)
}

func (d *doc) personForWord(short string, m *mention, surnameOnly bool) *entity {
	low := strings.ToLower(short)
	var best *entity
	bestDist := 1 << 30
	if d.byWord == nil {
		d.byWord = map[string][]*entity{}
		for _, e := range d.ents {
			if e.typ != factions.Person {
				continue
			}
			if w := strings.Fields(strings.ToLower(e.name)); len(w) >= 2 {
				d.byWord[w[0]] = append(d.byWord[w[0]], e)
				if w[len(w)-1] != w[0] {
					d.byWord[w[len(w)-1]] = append(d.byWord[w[len(w)-1]], e)
				}
			}
		}
	}
	for _, e := range d.byWord[low] {
		if e.removed || e.typ != factions.Person {
			continue
		}
		words := strings.Fields(strings.ToLower(e.name))
		if len(words) < 2 {
			continue
		}
		ok := words[len(words)-1] == low
		if !surnameOnly && words[0] == low {
			ok = true
		}
		if !ok {
			continue
		}
		// distance: mentions before count as nearer than mentions after
		dist := 1 << 29
		// mentions are mostly in text order: the last few are the nearest
		ems := e.mentions
		if len(ems) > 64 {
			ems = ems[len(ems)-64:]
		}
		for _, em := range ems {
			if em.span.Start < m.span.Start && m.span.Start-em.span.Start < dist {
				dist = m.span.Start - em.span.Start
			}
			if em.span.Start > m.span.Start && (1<<20)+em.span.Start-m.span.Start < dist {
				dist = (1 << 20) + em.span.Start - m.span.Start
			}
		}
		if dist < bestDist {
			best, bestDist = e, dist
		}
	}
	return best
}

// orgByHead returns the organisation whose name is the word followed by
// organisation cue words only ("Veritas Party", "Likud Party"), or nil.
func (d *doc) orgByHead(word string) *entity {
	if d.orgHeads == nil {
		d.orgHeads = map[string]*entity{}
		for _, e := range d.ents {
			if e.typ != factions.Organization || e.removed {
				continue
			}
			w := strings.Fields(strings.ToLower(e.name))
			if len(w) < 2 {
				continue
			}
			rest := true
			for _, x := range w[1:] {
				if !d.lx.orgCues.has(x) {
					rest = false
				}
			}
			// "Pakistan" of the "Pakistan Peoples Party" names the country
			if _, place := d.lx.places[w[0]]; place {
				continue
			}
			if _, seen := d.orgHeads[w[0]]; rest && !seen {
				d.orgHeads[w[0]] = e
			}
		}
	}
	return d.orgHeads[strings.ToLower(word)]
}

// roleNext reports whether a role noun stands just before the mention
// ("spokesman Jalil").
func (d *doc) roleNext(m *mention) bool {
	toks := d.toks[m.s]
	for s := m.i - 1; s >= 0 && s >= m.i-3; s-- {
		if n, _ := d.lx.roles.match(toks[:m.i], s); n > 0 && s+n == m.i {
			return true
		}
	}
	return false
}

// speaksNext reports whether a single capitalised word is followed by a
// speech verb ("Naeem said"), which makes it a name.
func (d *doc) speaksNext(m *mention) bool {
	toks := d.toks[m.s]
	if m.j < len(toks) {
		if n, _ := d.lx.speech.match(toks, m.j); n > 0 {
			return true
		}
	}
	return m.titled
}

// placeName returns a place's name as the gazetteer writes it ("LAHORE" →
// "Lahore").
func placeName(lx *lexicons, name string) string {
	if p, ok := lx.places[strings.ToLower(name)]; ok && p.Name != "" {
		return p.Name
	}
	return name
}

// droppedAcronym reports whether an all-capitals word is not taken as an
// organisation: a role (MP, MEP), or a word named once with nothing around
// it that marks an organisation ("AWOL", "EGM").
func (d *doc) droppedAcronym(m *mention, ms []*mention) bool {
	if m.j-m.i != 1 || !isUpperWord(strings.ReplaceAll(m.name, "-", "")) {
		return false
	}
	low := strings.ToLower(m.name)
	if d.lx.roles.has(low) || d.lx.roles.has(strings.TrimSuffix(low, "s")) {
		return true
	}
	if d.acrCount == nil {
		d.acrCount = map[string]int{}
		for _, o := range ms {
			if o.typ != factions.Organization {
				continue
			}
			d.acrCount[o.name]++
			// "an extraordinary general meeting (EGM)": defined by words
			// that are not a name
			if t := d.toks[o.s]; o.i >= 2 && t[o.i-1].Norm == "(" && t[o.i-2].Kind == Word && !t[o.i-2].Cap() {
				d.acrCount[o.name] = -1 << 20
			}
		}
	}
	if d.acrCount[m.name] < 0 {
		return true
	}
	if d.acrCount[m.name] > 1 {
		return false
	}
	toks := d.toks[m.s]
	if m.i >= 2 && toks[m.i-1].Norm == "or" && toks[m.i-2].Norm == "," {
		return false // "the X (Q), or X-Q,": another name of what precedes
	}
	if m.j < len(toks) {
		next := toks[m.j].Norm
		if r, _ := d.lx.roles.match(toks, m.j); r > 0 || next == "'s" || next == "party" || next == "-" || d.lx.orgCues.has(next) || d.lx.speech.has(next) {
			return false
		}
	}
	if m.i > 0 && (toks[m.i-1].Norm == "(" || toks[m.i-1].Norm == "the") {
		return m.i > 1 && !toks[m.i-2].Cap() && toks[m.i-1].Norm == "("
	}
	return true
}

// shortName returns an organisation's acronym when it has one, else its name.
func shortName(e *entity) string {
	for _, n := range e.names() {
		if isUpperWord(strings.ReplaceAll(n, "-", "")) && !strings.Contains(n, " ") {
			return n
		}
	}
	return e.name
}

// orgBeforeRaw returns the organisation named last before off, among the
// mentions resolved so far.
func (d *doc) orgBeforeRaw(off int) *entity {
	for k := d.mentionsBefore(off) - 1; k >= 0; k-- {
		m := d.all[k]
		if m.ent != nil && !m.ent.removed && m.ent.typ == factions.Organization && !d.isBody(m.ent) {
			return m.ent
		}
	}
	return nil
}

// mentionAtRaw returns the mention of sentence si starting at token k, while
// entities are being resolved.
func (d *doc) mentionAtRaw(si, k int) *mention {
	for _, m := range d.ments[si] {
		if m.i == k {
			return m
		}
	}
	return nil
}
