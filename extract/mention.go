package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/factions/factions"
)

// mention is a name found in a sentence: tokens [i, j) of sentence s.
type mention struct {
	s, i, j int
	span    Span
	name    string // the name as written, without title
	typ     factions.EntityType
	ent     *entity
	titled  bool   // preceded by a personal title (Mr, Dr)
	weak    bool   // a single capitalised word with no evidence of being a name
	alias   string // a parenthesised alias: "Full Name (ACR)"
}

// entity is an entity of the article under construction.
type entity struct {
	name     string
	typ      factions.EntityType
	aliases  []string
	mentions []*mention
	first    int // offset of the first mention
	roles    []string
	removed  bool
	kind     int    // organisation kind flags, see classifyOrg
	gender   string // "m", "f", or "" when unknown; "?" before it is looked up
}

func (e *entity) addAlias(a string) {
	a = strings.TrimSpace(a)
	if a == "" || a == e.name {
		return
	}
	for _, x := range e.aliases {
		if x == a {
			return
		}
	}
	e.aliases = append(e.aliases, a)
}

// names returns the name and the aliases.
func (e *entity) names() []string { return append([]string{e.name}, e.aliases...) }

// findMentions detects the names in one sentence.
func (d *doc) findMentions(si int) []*mention {
	toks := d.toks[si]
	var out []*mention
	for i := 0; i < len(toks); {
		if !nameStart(toks[i]) {
			i++
			continue
		}
		j := d.extendName(toks, i)
		// "Director General (Media)": the department of a post is no name
		if i >= 2 && toks[i-1].Norm == "(" && d.roleEndsAt(toks, i-1) {
			i = j
			continue
		}
		ms := d.splitCandidate(si, i, j)
		// "Wan Azhar Wan Ismail (Bukit Meranti)": a name in brackets after a
		// person's is their constituency, a place
		if i >= 2 && toks[i-1].Norm == "(" && len(out) > 0 && out[len(out)-1].j == i-1 && out[len(out)-1].typ == factions.Person &&
			j < len(toks) && toks[j].Norm == ")" {
			for _, m := range ms {
				if m != nil && m.typ == factions.Person && !m.titled {
					m.typ, m.weak = factions.Place, false
				}
			}
		}
		out = append(out, ms...)
		i = j
	}
	return d.bodyMentions(si, out)
}

// roleEndsAt reports whether a role phrase ends just before token e.
func (d *doc) roleEndsAt(toks []Token, e int) bool {
	for s := e - 1; s >= 0 && s >= e-4; s-- {
		if n, _ := d.lx.roles.match(toks[:e], s); n > 0 && s+n == e {
			return true
		}
	}
	return false
}

// bodyNouns name the internal bodies of an organisation when written in
// lower case ("the coordination committee", "its youth wing").
var bodyNouns = map[string]bool{"committee": true, "council": true, "wing": true, "cell": true,
	"chapter": true, "bureau": true, "secretariat": true, "politburo": true,
	"board": true, "caucus": true, "think-tank": true, "headquarters": true, "presidium": true,
	"cabinet": true}

// bodyMentions adds lower-case names of internal bodies: "a new 22-member
// coordination committee", "NUPF's disciplinary committee". A body needs a
// modifier or an organisation before it; its name drops articles, "new"
// and member counts, which stay in the mention.
func (d *doc) bodyMentions(si int, ms []*mention) []*mention {
	toks := d.toks[si]
	covered := func(k int) *mention {
		for _, m := range ms {
			if m.i <= k && k < m.j {
				return m
			}
		}
		return nil
	}
	for k, t := range toks {
		if t.Kind != Word || t.Cap() || !bodyNouns[t.Norm] || covered(k) != nil {
			continue
		}
		a := k
		for a > 0 && k-a < 3 {
			p := toks[a-1]
			if p.Kind != Word && p.Kind != Number || p.Cap() || covered(a-1) != nil {
				break
			}
			if p.Norm == "the" || p.Norm == "a" || p.Norm == "an" || p.Norm == "its" || p.Norm == "their" || p.Norm == "his" || p.Norm == "her" || p.Norm == "of" || p.Norm == "and" || p.Norm == "to" || p.Norm == "party" || d.lx.speech.has(p.Norm) || d.lx.departures.has(p.Norm) || npFunction[p.Norm] ||
				p.Norm == "most" || p.Norm == "more" || p.Norm == "very" || strings.HasSuffix(p.Norm, "est") || strings.HasSuffix(p.Norm, "ful") ||
				bodyStops[p.Norm] || strings.HasSuffix(p.Norm, "ed") {
				break
			}
			a--
		}
		nameStart := a
		for nameStart < k && (toks[nameStart].Norm == "new" || toks[nameStart].Kind == Number || strings.HasSuffix(toks[nameStart].Norm, "-member")) {
			nameStart++
		}
		var owner *mention
		if a > 0 {
			o := a - 1
			if toks[o].Norm == "'s" && o > 0 {
				o--
			}
			if m := covered(o); m != nil && m.typ == factions.Organization && m.j == o+1 {
				owner = m
			} else if m != nil && m.typ == factions.Place && m.j == o+1 && m.i > 0 {
				// "JND Malaysia chapter": an organisation's chapter in a place
				if om := covered(m.i - 1); om != nil && om.typ == factions.Organization && om.j == m.i {
					owner = om
					a = m.i
					nameStart = m.i
				}
			}
		}
		if owner == nil && nameStart == k {
			continue
		}
		m := &mention{s: si, i: a, j: k + 1, typ: factions.Organization,
			span: Span{Start: toks[a].Start, End: t.End}}
		if owner != nil {
			m.i = owner.i
			m.span.Start = owner.span.Start
			m.name = visible(d.text[owner.span.Start:t.End])
			// the owner keeps its own mention
			m.i = a
			m.span.Start = toks[a].Start
			m.name = visible(d.text[owner.span.Start:owner.span.End] + " " + d.text[toks[nameStart].Start:t.End])
		} else {
			m.name = visible(d.text[toks[nameStart].Start:t.End])
		}
		ms = append(ms, m)
	}
	sortMentions(ms)
	return ms
}

func sortMentions(ms []*mention) {
	for i := 1; i < len(ms); i++ {
		for j := i; j > 0 && ms[j].i < ms[j-1].i; j-- {
			ms[j], ms[j-1] = ms[j-1], ms[j]
		}
	}
}

// particleName reports whether a word is a name with a lower-case particle
// glued on: "d'Souza", "al-Assad", "el-Sisi", "bin-Laden".
func particleName(w string) bool {
	for i, r := range w {
		if r == '\'' || r == '’' || r == '-' {
			if i == 0 || i > 3 {
				return false
			}
			rest := w[i+utf8.RuneLen(r):]
			n, _ := utf8.DecodeRuneInString(rest)
			return unicode.IsUpper(n)
		}
		if !unicode.IsLower(r) {
			return false
		}
	}
	return false
}

// nameStart reports whether a token can begin a name.
func nameStart(t Token) bool {
	return t.Kind == Word && t.Cap()
}

// extendName returns the end of the capitalised run that starts at i.
func (d *doc) extendName(toks []Token, i int) int {
	j := i + 1
	for j < len(toks) {
		t := toks[j]
		if t.Kind == Word && (t.Cap() || particleName(t.Text)) {
			j++
			continue
		}
		// "Nadir R. Qazi": an initial inside a name
		if t.Norm == "." && j+1 < len(toks) && nameStart(toks[j+1]) && len(toks[j-1].Text) == 1 && toks[j-1].Cap() {
			j++
			continue
		}
		// "BBC Radio 4", "News 24": a number after a media or organisation word
		if t.Kind == Number && d.lx.orgCues.class(toks[j-1].Norm) == "media" && !strings.ContainsAny(t.Text, "-.,") {
			j++
			continue
		}
		// lower-case particles inside a name: "Zia ul Haq", "bin", "de"
		if t.Kind == Word && d.lx.nameParts.has(t.Norm) && j+1 < len(toks) && nameStart(toks[j+1]) &&
			!d.lx.orgCues.has(toks[j-1].Norm) {
			j += 2
			continue
		}
		// "of"/"for" after an organisation cue: "House of Commons", "Ministry of Interior"
		if t.Kind == Word && (t.Norm == "of" || t.Norm == "for") && j+1 < len(toks) && nameStart(toks[j+1]) &&
			d.isOrgCue(toks[j-1]) {
			k := j + 1
			if toks[k].Norm == "the" && k+1 < len(toks) && nameStart(toks[k+1]) {
				k++
			}
			j = k + 1
			continue
		}
		// "NRF (Reformist)": a parenthesised qualifier after an organisation
		if t.Norm == "(" && d.parenQualifier(toks, i, j) {
			k := j + 1
			for k < len(toks) && toks[k].Norm != ")" {
				k++
			}
			j = k + 1
			continue
		}
		break
	}
	return j
}

// isOrgCue reports whether the token is an organisation cue word.
func (d *doc) isOrgCue(t Token) bool {
	c := d.lx.orgCues.class(t.Norm)
	return c != "" && c != "media"
}

// parenQualifier reports whether the parenthesis at toks[j] continues the
// organisation name toks[i:j] ("NRF (Reformist)", "Shiv Sena (UBT)") rather
// than giving its acronym ("National Renewal Front (NRF)").
func (d *doc) parenQualifier(toks []Token, i, j int) bool {
	k := j + 1
	for k < len(toks) && toks[k].Norm != ")" {
		if !(toks[k].Kind == Word && (toks[k].Cap() || d.lx.nameParts.has(toks[k].Norm))) {
			return false
		}
		k++
	}
	if k >= len(toks) || k == j+1 || k-j-1 > 4 {
		return false
	}
	inner := toks[j+1 : k]
	if len(inner) == 1 && (inner[0].AllCaps() || len(inner[0].Text) <= 6) && acronymOf(toks[i:j], inner[0].Text) {
		return false
	}
	// "National Assembly (MNA)": a role in brackets qualifies a person, not the name
	if len(inner) == 1 && d.lx.roles.has(strings.TrimSuffix(inner[0].Norm, "s")) {
		return false
	}
	// "PAC (Public Accounts Committee)": the expansion of an acronym
	if j-i == 1 && toks[i].AllCaps() && acronymOf(inner, toks[i].Text) {
		return false
	}
	// the name before must look like an organisation: an acronym or a cue
	// word, not a role ("Director General (Media)")
	last := toks[j-1]
	if n, _ := d.lx.roles.match(toks[:j], j-1); n > 0 {
		return false
	}
	return last.AllCaps() || d.isOrgCue(last)
}

// splitCandidate turns a capitalised run into mentions: it drops leading
// words that are never names, splits at titles and capitalised role nouns
// ("Sindh Governor X"), and classifies each part.
func (d *doc) splitCandidate(si, i, j int) []*mention {
	toks := d.toks[si]
	sentStart := i == 0 || (i == 1 && toks[0].Kind == Quote)
	// leading words that are never names: "However", "The", days, months
	for i < j {
		n, _ := d.lx.stopNames.match(toks[:j], i)
		if n == 0 || isStripTitle(toks[i].Norm) {
			break
		}
		i += n
		sentStart = false
	}
	if sentStart && j-i == 1 && strings.HasSuffix(toks[i].Norm, "ly") && len(toks[i].Norm) > 5 {
		return nil
	}
	// "Opposition Ali Khurshidi said": a common word opening the sentence
	// before a name is no part of it
	if sentStart && j-i >= 3 && genericOrgWords[toks[i].Norm] && d.lx.givenNames.has(toks[i+1].Norm) {
		i++
	}
	if i >= j {
		return nil
	}
	var out []*mention
	start := i
	titled := false
	for k := i; k < j; k++ {
		if toks[k].Norm == "(" {
			// a parenthesised qualifier stays with its name
			for k < j && toks[k].Norm != ")" {
				k++
			}
			continue
		}
		// a personal title: Mr, Dr (with or without a dot)
		// inside a run of name words a title-like word is part of the name
		// ("Zafar Sultan Khan"), unless it is one that never is (Mr, Dr)
		if n, cls := d.lx.titles.match(toks[:j], k); n > 0 && cls != "" && strings.HasPrefix(cls, "honorific") && k+n < j && isStripTitle(toks[k].Norm) &&
			(k == start || !strings.Contains(cls, "ambiguous")) {
			if k > start {
				out = append(out, d.classify(si, start, k, titled, sentStart && start == i))
			}
			start, titled = k+n, true
			if start < j && toks[start].Norm == "." {
				start++
			}
			k = start - 1
			continue
		}
		// a capitalised role noun splits "Punjab Governor Nadir Qazi"
		if k > start || k == i {
			// after a given name, a word that can be a title is a middle
			// name: "Zafar Sultan Khan", "Imran Raja Malik"
			_, c := d.capRole(toks[:j], k)
			midName := k > start && d.lx.givenNames.has(toks[k-1].Norm) &&
				(strings.Contains(c, "ambiguous") || strings.Contains(d.lx.titles.class(toks[k].Norm), "ambiguous"))
			if n, _ := d.capRole(toks[:j], k); n > 0 && k+n < j && !midName {
				if k > start {
					out = append(out, d.classify(si, start, k, titled, sentStart && start == i))
				}
				start, titled = k+n, false
				out = append(out, nil) // placeholder keeps order; dropped below
				k = start - 1
				continue
			}
		}
	}
	// "CJP Qazi Faez Isa", "Pakistan Peoples Party Mohammad Ali Shah": a
	// name starting after an acronym or an organisation's last word
	for k := start + 1; k < j-1 && !titled; k++ {
		if d.lx.givenNames.has(toks[k].Norm) && (toks[k-1].AllCaps() && k-1 == start || d.isOrgCue(toks[k-1])) && toks[k+1].Cap() {
			out = append(out, d.classify(si, start, k, false, sentStart && start == i))
			start = k
			break
		}
	}
	// "JND Malaysia", "NRF Punjab": an acronym followed by a place is the
	// organisation and the place, as in "JND Malaysia chapter"
	if start < j-1 && toks[start].AllCaps() && !titled && d.isPlace(d.text[toks[start+1].Start:toks[j-1].End]) && !d.isPlace(toks[start].Text) {
		out = append(out, d.classify(si, start, start+1, false, sentStart && start == i))
		start++
	}
	if start < j {
		end := j
		for r := start + 1; r < j; r++ {
			if n, _ := d.capRole(toks[:j], r); n > 0 && r+n == j && !titled {
				end = r // "NUPF MEPs", "the Chief Minister,": a role is not part of a name
				break
			}
		}
		if n, _ := d.capRole(toks[:j], start); n > 0 && start+n == j && !titled {
			return d.compact(out)
		}
		out = append(out, d.classify(si, start, end, titled, sentStart && start == i))
	}
	return d.compact(out)
}

// compact drops the nil placeholders of a list of mentions.
func (d *doc) compact(out []*mention) []*mention {
	res := out[:0]
	for _, m := range out {
		if m != nil {
			res = append(res, m)
		}
	}
	return res
}

// isStripTitle reports whether a title is dropped from the name it precedes.
// Titles that are often part of a name (Syed, Chaudhry, Malik) are kept.
func isStripTitle(norm string) bool {
	switch strings.TrimSuffix(norm, ".") {
	case "mr", "mrs", "ms", "miss", "dr", "prof", "professor", "sir", "dame", "datuk", "dato", "datin",
		"shri", "sri", "smt", "hon", "rev", "reverend", "barrister", "maulana", "mufti", "justice",
		"lord", "lady", "baroness", "begum", "sheikh", "haji", "hafiz", "mx", "madam", "advocate", "engineer":
		return true
	}
	return false
}

// capRole matches a capitalised role noun phrase at toks[k] ("Governor",
// "Chief Minister", "Secretary General"), returning its length.
func (d *doc) capRole(toks []Token, k int) (int, string) {
	if !toks[k].Cap() {
		return 0, ""
	}
	if toks[k].AllCaps() {
		// "MEPs", "MNA": an acronym that is a role
		low := strings.TrimSuffix(toks[k].Norm, "s")
		if c := d.lx.roles.class(low); c != "" && len(low) <= 4 {
			return 1, c
		}
		return 0, ""
	}
	n, cls := d.lx.roles.match(toks, k)
	if n == 0 {
		if tn, tc := d.lx.titles.match(toks, k); tn > 0 && (strings.HasPrefix(tc, "office") || strings.HasPrefix(tc, "rank")) {
			return tn, tc
		}
		// "Ministers", "Governors": a role in the plural
		if w := toks[k].Norm; strings.HasSuffix(w, "s") && len(w) > 4 && k+1 < len(toks) && toks[k+1].Cap() {
			if c := d.lx.roles.class(strings.TrimSuffix(w, "s")); c != "" {
				return 1, c
			}
		}
		return 0, ""
	}
	for x := k; x < k+n; x++ {
		if !toks[x].Cap() {
			return 0, ""
		}
	}
	// roles overlap: "Additional Secretary" and "Secretary General" make
	// "Additional Secretary General", whose last word is no name's
	for {
		last := k + n - 1
		m, c := d.lx.roles.match(toks, last)
		if m <= 1 || last+m > len(toks) {
			break
		}
		for x := last; x < last+m; x++ {
			if !toks[x].Cap() {
				m = 0
				break
			}
		}
		if m <= 1 {
			break
		}
		n, cls = last+m-k, c
	}
	return n, cls
}

// classify makes a mention of toks[i:j] of sentence si and decides its type.
func (d *doc) classify(si, i, j int, titled, sentStart bool) *mention {
	toks := d.toks[si]
	// trailing connectors, particles and sentence words ("European Union
	// In his speech" with a lost full stop) are not part of a name
	for j > i+1 && (!toks[j-1].Cap() && toks[j-1].Norm != ")" && toks[j-1].Kind != Number || npFunction[toks[j-1].Norm]) {
		j--
	}
	m := &mention{s: si, i: i, j: j, titled: titled,
		span: Span{Start: toks[i].Start, End: toks[j-1].End}}
	m.name = visible(d.text[m.span.Start:m.span.End])
	n := j - i
	first := toks[i]

	lastTok := toks[j-1]
	switch {
	case titled:
		m.typ = factions.Person
	case n >= 2 && d.lx.things.has(lastTok.Norm) && !d.hasOrgCue(toks[i:j]):
		return nil // "Maastricht Treaty", "Greater London Act"
	case n >= 2 && d.lx.placeHeads.has(lastTok.Norm):
		m.typ = factions.Place // "Adiala Jail", "Jackson Heights"
	case n == 1 && sentStart && genericOrgWords[first.Norm] && j < len(toks) && toks[j].Kind == Word && !toks[j].Cap():
		return nil // "Party insiders said", "Police sources": a modifier, not a name
	case i > 1 && (toks[i-1].Norm == "called" || toks[i-1].Norm == "named" || toks[i-1].Norm == "dubbed") && d.isOrgCue(toks[i-2]) &&
		!(i > 2 && (toks[i-3].Norm == "the" || i == 3)):
		m.typ = factions.Organization // "a new party called Veritas"
	case n >= 2 && (lastTok.Norm == "office" || lastTok.Norm == "headquarters" || lastTok.Norm == "secretariat"):
		m.typ = factions.Organization
	case d.isPlace(m.name):
		m.typ = factions.Place
	case d.hasOrgCue(toks[i:j]) && !(n == 1 && adjectival(first.Norm)):
		m.typ = factions.Organization
	case n == 1 && first.AllCaps() && strings.ContainsAny(first.Text, "0123456789"):
		return nil // "NA-129": a constituency or a code
	case n == 1 && first.AllCaps() && utf8.RuneCountInString(first.Text) <= 8:
		m.typ = factions.Organization
	case first.AllCaps() && utf8.RuneCountInString(first.Text) <= 8:
		m.typ = factions.Organization
	case i > 0 && (toks[i-1].Norm == "in" || toks[i-1].Norm == "at" || toks[i-1].Norm == "near") && (j >= len(toks) || toks[j].Norm != "'s") &&
		!d.hasOrgCue(toks[i:j]) && !first.AllCaps() && !d.lx.givenNames.has(firstPart(first.Norm)) && !d.lx.titles.has(first.Norm):
		m.typ = factions.Place // "in Kampung Baru", "at Agrabad"
	case n == 2 && directionWords[first.Norm] && !d.lx.givenNames.has(toks[i+1].Norm):
		m.typ = factions.Place // "East Bengal", "Lower Chitral"
	case d.lx.givenNames.has(firstPart(first.Norm)):
		m.typ = factions.Person
	case n >= 2 && d.commonWords(toks[i:j]):
		return nil // "Criminal Procedure", "Approaching Catastrophe"
	case n >= 2 && n <= 5 && allNameWords(toks[i:j]):
		m.typ = factions.Person
	case n == 1 && lowerTail(first.Text):
		return nil
	case n == 1 && i > 0 && toks[i-1].Norm == "the" && strings.HasSuffix(first.Text, "s") && !first.AllCaps() && len(first.Text) > 4:
		// "the Tories", "the Democrats": a capitalised plural is a party
		m.typ = factions.Organization
	case n == 1:
		m.typ = factions.Person
		m.weak = true
	default:
		return nil
	}
	// a single sentence-initial word with no other evidence is not a name
	if sentStart && n == 1 && m.weak {
		m.weak = true
	}
	return m
}

// bodyStops end the modifiers of a lower-case body: "each wing", "the
// previous committee" name no body.
var bodyStops = map[string]bool{"each": true, "every": true, "previous": true, "former": true, "any": true,
	"some": true, "another": true, "other": true, "next": true, "last": true, "first": true, "same": true,
	"this": true, "that": true, "these": true, "those": true, "such": true, "both": true, "all": true,
	"independent": true, "special": true, "separate": true, "late": true, "huge": true, "big": true,
	"small": true, "large": true, "entire": true, "whole": true}

// directionWords open place names: "East Bengal", "Lower Chitral".
var directionWords = map[string]bool{"east": true, "west": true, "north": true, "south": true, "upper": true,
	"lower": true, "central": true, "greater": true, "northern": true, "southern": true, "eastern": true,
	"western": true}

// genericOrgWords are common nouns for bodies that a sentence may open with
// as modifiers ("Party insiders said", "Police sources"), never names alone.
var genericOrgWords = map[string]bool{"party": true, "police": true, "government": true, "army": true,
	"military": true, "opposition": true, "court": true, "ministry": true, "cabinet": true, "committee": true,
	"council": true, "administration": true, "security": true, "state": true, "official": true, "federal": true,
	"provincial": true, "district": true, "municipal": true, "union": true, "election": true, "poll": true}

// firstPart returns the part of a hyphenated word before the first hyphen.
func firstPart(s string) string {
	if k := strings.IndexByte(s, '-'); k > 0 {
		return s[:k]
	}
	return s
}

func allNameWords(toks []Token) bool {
	for _, t := range toks {
		if t.Kind != Word {
			return false
		}
	}
	return true
}

// isPlace reports whether a lower-case name is in the gazetteer.
func (d *doc) isPlace(name string) bool {
	p, ok := d.lx.places[strings.ToLower(name)]
	if ok && len(p.Name) <= 3 && isUpperWord(p.Name) {
		return name == p.Name // "US", "UP" only as written
	}
	return ok
}

// hasOrgCue reports whether the name holds an organisation cue word (Party,
// Assembly, Committee) as one of its words.
func (d *doc) hasOrgCue(toks []Token) bool {
	for k := 0; k < len(toks); k++ {
		t := toks[k]
		if t.Kind != Word || !t.Cap() {
			continue
		}
		if n, _ := d.lx.orgCues.match(toks, k); n > 0 {
			return true
		}
		for _, part := range strings.Split(t.Norm, "-") {
			if c := d.lx.orgCues.class(part); c != "" && len(part) > 2 {
				return true
			}
		}
	}
	return false
}

// acronymOf reports whether acr is the acronym of the name toks: the first
// letters of its words (an all-capitals word counts whole, particles and
// lower-case words are skipped, hyphenated parts count separately).
func acronymOf(toks []Token, acr string) bool {
	want := strings.ToUpper(strings.NewReplacer("-", "", ".", "").Replace(acr))
	if len(want) < 2 {
		return false
	}
	var words []string
	for _, t := range toks {
		if t.Kind != Word || len(words) == 0 && (t.Norm == "the" || t.Norm == "a" || t.Norm == "an") {
			continue
		}
		words = append(words, strings.Split(t.Text, "-")...)
	}
	return acronymWords(words, want)
}

// acronymWords reports whether the words make the acronym, allowing
// lower-case function words to be either skipped or counted.
func acronymWords(words []string, want string) bool {
	var full, caps strings.Builder
	capsOK := true
	for _, w := range words {
		r, _ := utf8.DecodeRuneInString(w)
		if r == utf8.RuneError {
			continue
		}
		up := isUpperWord(w)
		if up && len(w) <= 5 {
			full.WriteString(w)
			caps.WriteString(w)
			continue
		}
		full.WriteRune(unicode.ToUpper(r))
		if unicode.IsUpper(r) {
			caps.WriteRune(r)
		} else if !acronymSkips[w] {
			capsOK = false // "UDF political committee" is not "UDF"
		}
	}
	return capsOK && caps.String() == want || full.String() == want
}

// acronymSkips are the lower-case words an acronym leaves out.
var acronymSkips = map[string]bool{"of": true, "and": true, "the": true, "for": true, "in": true, "on": true,
	"e": true, "i": true, "ul": true, "ud": true, "al": true, "el": true, "de": true, "da": true, "&": true}

func isUpperWord(w string) bool {
	n := 0
	for _, r := range w {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsLetter(r) {
			n++
		}
	}
	return n >= 1
}

// commonWords reports whether a capitalised run holds an ordinary word
// (one the stop list knows) and no given name: a title or a phrase, not a
// person.
func (d *doc) commonWords(toks []Token) bool {
	for _, t := range toks {
		if d.lx.givenNames.has(t.Norm) {
			return false
		}
	}
	for _, t := range toks {
		if d.lx.stopNames.has(t.Norm) || strings.HasSuffix(t.Norm, "ing") || d.lx.roles.has(t.Norm) {
			return true
		}
	}
	return false
}

// lowerTail reports whether a hyphenated word ends in a lower-case part of
// three letters or more ("Ex-minister", "Anti-graft"): a word, not a name.
func lowerTail(w string) bool {
	k := strings.LastIndexByte(w, '-')
	if k < 0 || len(w)-k-1 < 3 {
		return false
	}
	r, _ := utf8.DecodeRuneInString(w[k+1:])
	return unicode.IsLower(r)
}

// adjectival reports whether a word reads as an adjective ("Islamist",
// "Democratic", "National"), which names no organisation on its own.
func adjectival(w string) bool {
	for _, suf := range []string{"ist", "ic", "al", "ive", "an", "ish"} {
		if strings.HasSuffix(w, suf) {
			return true
		}
	}
	return false
}
