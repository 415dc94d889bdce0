// Package lexicon holds the extractor's word lists: places, titles, role
// nouns, reporting verbs, hedge and negation cues, organization cues, split
// and departure phrases, words that never start a name, given names and name
// particles, and the parties of many countries with their variants. The
// lists are plain data files embedded in the binary; each starts with '#'
// header lines saying what it holds, its format and where its facts came
// from (see README.md beside this file).
//
// File format: one entry per line, fields separated by a single TAB, blank
// lines and lines starting with '#' ignored. Keys are matched lower-cased.
//
// The typed accessors load their file once and cache the result; the maps
// they return are shared and must not be modified.
package lexicon

import (
	"embed"
	"fmt"
	"io/fs"
	"sort"
	"strings"
	"sync"
)

//go:embed *.tsv *.txt
var files embed.FS

// Set is a set of lower-cased entries.
type Set map[string]bool

// Table maps a lower-cased key (a line's first field) to the remaining fields
// of the first line with that key.
type Table map[string][]string

// Files returns the names of the embedded data files, sorted.
func Files() []string {
	ents, err := fs.ReadDir(files, ".")
	if err != nil {
		return nil
	}
	var out []string
	for _, e := range ents {
		if !e.IsDir() {
			out = append(out, e.Name())
		}
	}
	sort.Strings(out)
	return out
}

// Header returns the text of a file's leading '#' lines, without the '#'.
func Header(name string) (string, error) {
	b, err := files.ReadFile(name)
	if err != nil {
		return "", fmt.Errorf("lexicon: %w", err)
	}
	var sb strings.Builder
	for _, ln := range strings.Split(string(b), "\n") {
		ln = strings.TrimRight(ln, "\r")
		if !strings.HasPrefix(ln, "#") {
			break
		}
		sb.WriteString(strings.TrimSpace(strings.TrimPrefix(ln, "#")))
		sb.WriteByte('\n')
	}
	return sb.String(), nil
}

// Lines parses one embedded file into its entries' fields. Blank lines and
// lines starting with '#' are skipped; fields are split on TAB and trimmed of
// surrounding spaces. Case is kept as written in the file.
func Lines(name string) ([][]string, error) {
	b, err := files.ReadFile(name)
	if err != nil {
		return nil, fmt.Errorf("lexicon: %w", err)
	}
	text := string(b)
	// one slice holds every row's fields
	lines := strings.Count(text, "\n") + 1
	out := make([][]string, 0, lines)
	fields := make([]string, 0, lines+strings.Count(text, "\t"))
	for i := 0; text != ""; i++ {
		var ln string
		ln, text, _ = strings.Cut(text, "\n")
		ln = strings.TrimRight(ln, "\r")
		if strings.TrimSpace(ln) == "" || strings.HasPrefix(ln, "#") {
			continue
		}
		start := len(fields)
		for j := 0; ; j++ {
			f, rest, more := strings.Cut(ln, "\t")
			if f = strings.TrimSpace(f); f == "" {
				return nil, fmt.Errorf("lexicon: %s:%d: empty field %d", name, i+1, j+1)
			}
			fields = append(fields, f)
			if !more {
				break
			}
			ln = rest
		}
		out = append(out, fields[start:len(fields):len(fields)])
	}
	return out, nil
}

// LoadTable reads a file into a Table keyed by the lower-cased first field;
// the first line with a key wins.
func LoadTable(name string) (Table, error) {
	rows, err := Lines(name)
	if err != nil {
		return nil, err
	}
	t := make(Table, len(rows))
	for _, r := range rows {
		k := strings.ToLower(r[0])
		if _, ok := t[k]; !ok {
			t[k] = r[1:]
		}
	}
	return t, nil
}

// fieldsErr reports a line with the wrong number of fields.
func fieldsErr(name string, r []string, min, max int) error {
	if len(r) < min || len(r) > max {
		return fmt.Errorf("lexicon: %s: %q: %d fields, want %d to %d", name, strings.Join(r, "\t"), len(r), min, max)
	}
	return nil
}

// cached loads a value once.
type cached[T any] struct {
	once sync.Once
	v    T
	err  error
}

func (c *cached[T]) get(load func() (T, error)) (T, error) {
	c.once.Do(func() { c.v, c.err = load() })
	return c.v, c.err
}

// Place is a row of places.tsv.
type Place struct {
	Name    string // usual capitalisation, e.g. "Khyber Pakhtunkhwa", "KP"
	Kind    string // continent, country, region, state, province or city
	Country string // canonical country name, or "-" for a continent or cross-border region
	Minor   bool   // a lesser homonym (London, Ontario)
}

// Place kinds.
const (
	KindContinent = "continent"
	KindCountry   = "country"
	KindRegion    = "region"
	KindState     = "state"
	KindProvince  = "province"
	KindCity      = "city"
)

// kindRank orders the readings of an ambiguous name: lower wins.
var kindRank = map[string]int{
	KindContinent: 0, KindCountry: 1, KindCity: 2, KindState: 3, KindProvince: 3, KindRegion: 4,
}

var placesAll cached[map[string][]Place]
var places cached[map[string]Place]

// PlacesAll returns every reading of each place name, keyed by the lower-cased
// name, in file order (by country, then name).
func PlacesAll() (map[string][]Place, error) {
	return placesAll.get(func() (map[string][]Place, error) {
		const name = "places.tsv"
		rows, err := Lines(name)
		if err != nil {
			return nil, err
		}
		m := make(map[string][]Place, len(rows))
		for _, r := range rows {
			if err := fieldsErr(name, r, 3, 4); err != nil {
				return nil, err
			}
			if _, ok := kindRank[r[1]]; !ok {
				return nil, fmt.Errorf("lexicon: %s: %q: unknown kind %q", name, r[0], r[1])
			}
			p := Place{Name: r[0], Kind: r[1], Country: r[2]}
			if len(r) == 4 {
				if r[3] != "minor" {
					return nil, fmt.Errorf("lexicon: %s: %q: 4th field %q, want minor", name, r[0], r[3])
				}
				p.Minor = true
			}
			k := strings.ToLower(p.Name)
			m[k] = append(m[k], p)
		}
		return m, nil
	})
}

// Places returns the best reading of each place name, keyed by the
// lower-cased name. Where a name has several readings it prefers one not
// marked minor, then continent, country, city, state/province, region, then
// file order. Use PlacesAll to see the others (Punjab, Hyderabad, Georgia).
func Places() (map[string]Place, error) {
	return places.get(func() (map[string]Place, error) {
		all, err := PlacesAll()
		if err != nil {
			return nil, err
		}
		m := make(map[string]Place, len(all))
		for k, ps := range all {
			m[k] = BestPlace(ps)
		}
		return m, nil
	})
}

// BestPlace returns the reading of a place name that Places gives it, of
// the readings PlacesAll lists.
func BestPlace(ps []Place) Place {
	best := ps[0]
	for _, p := range ps[1:] {
		if better(p, best) {
			best = p
		}
	}
	return best
}

func better(a, b Place) bool {
	if a.Minor != b.Minor {
		return !a.Minor
	}
	return kindRank[a.Kind] < kindRank[b.Kind]
}

// Title is a row of titles.txt.
type Title struct {
	Class     string // honorific, rank or office
	Ambiguous bool   // also common as a name or an ordinary word
}

var titles cached[map[string]Title]

// Titles returns titles.txt keyed by the lower-cased title (dr., lt.-gen., tan sri).
func Titles() (map[string]Title, error) {
	return titles.get(func() (map[string]Title, error) {
		const name = "titles.txt"
		rows, err := Lines(name)
		if err != nil {
			return nil, err
		}
		m := make(map[string]Title, len(rows))
		for _, r := range rows {
			if err := fieldsErr(name, r, 2, 3); err != nil {
				return nil, err
			}
			m[strings.ToLower(r[0])] = Title{Class: r[1], Ambiguous: len(r) == 3 && r[2] == "ambiguous"}
		}
		return m, nil
	})
}

// Role is a row of roles.tsv.
type Role struct {
	Class string // head, chair, post, member or founder
	Scope string // org, place or both
}

var roles cached[map[string]Role]

// Roles returns roles.tsv keyed by the lower-cased role noun.
func Roles() (map[string]Role, error) {
	return roles.get(func() (map[string]Role, error) {
		const name = "roles.tsv"
		rows, err := Lines(name)
		if err != nil {
			return nil, err
		}
		m := make(map[string]Role, len(rows))
		for _, r := range rows {
			if err := fieldsErr(name, r, 3, 3); err != nil {
				return nil, err
			}
			m[strings.ToLower(r[0])] = Role{Class: r[1], Scope: r[2]}
		}
		return m, nil
	})
}

// SpeechForm is the entry of speech.tsv for one form.
type SpeechForm struct {
	Lemma   string   // base form (say for said)
	Class   string   // the usual class: say, deny or doc (the first listed)
	Classes []string // every class listed for the form, usual first
}

var speech cached[map[string]SpeechForm]

// Speech returns speech.tsv keyed by the lower-cased form (said, told reporters).
func Speech() (map[string]SpeechForm, error) {
	return speech.get(func() (map[string]SpeechForm, error) {
		const name = "speech.tsv"
		rows, err := Lines(name)
		if err != nil {
			return nil, err
		}
		m := make(map[string]SpeechForm, len(rows))
		for _, r := range rows {
			if err := fieldsErr(name, r, 3, 3); err != nil {
				return nil, err
			}
			k := strings.ToLower(r[0])
			s, ok := m[k]
			if !ok {
				s = SpeechForm{Lemma: r[1], Class: r[2]}
			}
			s.Classes = append(s.Classes, r[2])
			m[k] = s
		}
		return m, nil
	})
}

// Departure is a row of departure.tsv.
type Departure struct {
	Class  string // left, stepdown, joined or death
	Object string // from, to, post or "-"
}

var departures cached[map[string]Departure]

// Departures returns departure.tsv keyed by the lower-cased phrase.
func Departures() (map[string]Departure, error) {
	return departures.get(func() (map[string]Departure, error) {
		const name = "departure.tsv"
		rows, err := Lines(name)
		if err != nil {
			return nil, err
		}
		m := make(map[string]Departure, len(rows))
		for _, r := range rows {
			if err := fieldsErr(name, r, 3, 3); err != nil {
				return nil, err
			}
			m[strings.ToLower(r[0])] = Departure{Class: r[1], Object: r[2]}
		}
		return m, nil
	})
}

// GivenName is one reading of a row of givennames.tsv.
type GivenName struct {
	Gender string // m, f or u
	Region string // south_asia_muslim, english, arabic, ...
}

var givenNames cached[map[string][]GivenName]

// GivenNames returns givennames.tsv keyed by the lower-cased name; a name
// common in several regions has one reading per region.
func GivenNames() (map[string][]GivenName, error) {
	return givenNames.get(func() (map[string][]GivenName, error) {
		const name = "givennames.tsv"
		rows, err := Lines(name)
		if err != nil {
			return nil, err
		}
		m := make(map[string][]GivenName, len(rows))
		for _, r := range rows {
			if err := fieldsErr(name, r, 3, 3); err != nil {
				return nil, err
			}
			k := strings.ToLower(r[0])
			m[k] = append(m[k], GivenName{Gender: r[1], Region: r[2]})
		}
		return m, nil
	})
}

var orgCues cached[map[string][]string]

// OrgCues returns orgcues.tsv keyed by the lower-cased word, with its classes
// (party, legislature, government, body, media) in file order.
func OrgCues() (map[string][]string, error) {
	return orgCues.get(func() (map[string][]string, error) {
		const name = "orgcues.tsv"
		rows, err := Lines(name)
		if err != nil {
			return nil, err
		}
		m := make(map[string][]string, len(rows))
		for _, r := range rows {
			if err := fieldsErr(name, r, 2, 2); err != nil {
				return nil, err
			}
			k := strings.ToLower(r[0])
			m[k] = append(m[k], r[1])
		}
		return m, nil
	})
}

// loadPairs reads a two-field file into key → second field.
func loadPairs(name string) (map[string]string, error) {
	rows, err := Lines(name)
	if err != nil {
		return nil, err
	}
	m := make(map[string]string, len(rows))
	for _, r := range rows {
		if err := fieldsErr(name, r, 2, 2); err != nil {
			return nil, err
		}
		m[strings.ToLower(r[0])] = r[1]
	}
	return m, nil
}

// loadList reads a one-field file into a Set.
func loadList(name string) (Set, error) {
	rows, err := Lines(name)
	if err != nil {
		return nil, err
	}
	s := make(Set, len(rows))
	for _, r := range rows {
		if err := fieldsErr(name, r, 1, 1); err != nil {
			return nil, err
		}
		s[strings.ToLower(r[0])] = true
	}
	return s, nil
}

var (
	splits, nameParts                                         cached[map[string]string]
	hedges, negations, stopNames, roleMods, formers, suffixes cached[Set]
	chairHeads                                                cached[Set]
)

// ChairHeads returns chair_heads.txt: the countries (lower-case, as in
// places.tsv) whose parties are headed by their chairman or chairperson.
func ChairHeads() (Set, error) {
	return chairHeads.get(func() (Set, error) { return loadList("chair_heads.txt") })
}

// Legislature is a row of legislatures.tsv.
type Legislature struct {
	Country string // as places.tsv names it, or "-" for any
	Title   string // what a member is called: mna, mla, mp
}

var legislatures cached[map[string][]Legislature]

// Legislatures returns legislatures.tsv keyed by the lower-case
// legislature, every country's row.
func Legislatures() (map[string][]Legislature, error) {
	return legislatures.get(func() (map[string][]Legislature, error) {
		const name = "legislatures.tsv"
		rows, err := Lines(name)
		if err != nil {
			return nil, err
		}
		m := make(map[string][]Legislature, len(rows))
		for _, r := range rows {
			if err := fieldsErr(name, r, 3, 3); err != nil {
				return nil, err
			}
			k := strings.ToLower(r[0])
			m[k] = append(m[k], Legislature{Country: r[1], Title: r[2]})
		}
		return m, nil
	})
}

var regionalOffices cached[Set]

// RegionalOffices returns regional_offices.txt: the offices of a state or
// province (chief minister, governor).
func RegionalOffices() (Set, error) {
	return regionalOffices.get(func() (Set, error) { return loadList("regional_offices.txt") })
}

var houseOffices cached[Set]

// HouseOffices returns house_offices.txt: the presiding offices of a
// legislature (speaker, deputy speaker).
func HouseOffices() (Set, error) {
	return houseOffices.get(func() (Set, error) { return loadList("house_offices.txt") })
}

var leaderMembers cached[Set]

// LeaderMembers returns leader_members.txt: the countries (lower-case, as in
// places.tsv) whose papers call many senior members of a party its leader.
func LeaderMembers() (Set, error) {
	return leaderMembers.get(func() (Set, error) { return loadList("leader_members.txt") })
}

// Splits returns splits.txt: phrase → strength (strong or weak).
func Splits() (map[string]string, error) {
	return splits.get(func() (map[string]string, error) { return loadPairs("splits.txt") })
}

// NameParts returns nameparts.txt: particle → note.
func NameParts() (map[string]string, error) {
	return nameParts.get(func() (map[string]string, error) { return loadPairs("nameparts.txt") })
}

// Hedges returns hedges.txt.
func Hedges() (Set, error) {
	return hedges.get(func() (Set, error) { return loadList("hedges.txt") })
}

// Negations returns negation.txt.
func Negations() (Set, error) {
	return negations.get(func() (Set, error) { return loadList("negation.txt") })
}

// StopNames returns stopnames.txt.
func StopNames() (Set, error) {
	return stopNames.get(func() (Set, error) { return loadList("stopnames.txt") })
}

// RoleModifiers returns role_modifiers.txt.
func RoleModifiers() (Set, error) {
	return roleMods.get(func() (Set, error) { return loadList("role_modifiers.txt") })
}

// Former returns former.txt.
func Former() (Set, error) {
	return formers.get(func() (Set, error) { return loadList("former.txt") })
}

// NameSuffixes returns name_suffixes.txt: honorifics written after a name (bhai, sahib).
func NameSuffixes() (Set, error) {
	return suffixes.get(func() (Set, error) { return loadList("name_suffixes.txt") })
}

var thingCues, placeCues cached[Set]

// ThingCues returns thingcues.txt: head words of names of laws, plans and events.
func ThingCues() (Set, error) {
	return thingCues.get(func() (Set, error) { return loadList("thingcues.txt") })
}

// PlaceCues returns placecues.txt: head words of names of buildings, streets and neighbourhoods.
func PlaceCues() (Set, error) {
	return placeCues.get(func() (Set, error) { return loadList("placecues.txt") })
}

var wordClasses, relations cached[map[string][]string]

// WordClasses returns words.tsv: each word's classes (aux, det, kin, ...).
func WordClasses() (map[string][]string, error) {
	return wordClasses.get(func() (map[string][]string, error) { return loadFields("words.tsv") })
}

// Relations returns relations.tsv: each trigger phrase's families (lead,
// found, merge, ...).
func Relations() (map[string][]string, error) {
	return relations.get(func() (map[string][]string, error) { return loadFields("relations.tsv") })
}

// loadFields reads a two-field file whose second field is a space-separated
// list into key → list.
func loadFields(name string) (map[string][]string, error) {
	pairs, err := loadPairs(name)
	if err != nil {
		return nil, err
	}
	m := make(map[string][]string, len(pairs))
	for k, v := range pairs {
		m[k] = strings.Fields(v)
	}
	return m, nil
}
