package gazetteer

import (
	_ "embed"
	"fmt"
	"strings"
	"sync"
	"unicode"

	"github.com/factions/factions"
	"github.com/factions/factions/extract/lexicon"
)

//go:embed places.tsv
var placesTSV string

// Gazetteer reads parties and places from the word lists. Its zero value is
// not usable: call New.
type Gazetteer struct {
	parties map[string][]*lexicon.Party
	places  map[string][]lexicon.Place
	forms   map[string]form // PartyKey of a form of places.tsv → its place
}

// form is one line of places.tsv: a place's canonical name and country.
type form struct{ name, country string }

var _ factions.Gazetteer = (*Gazetteer)(nil)

var (
	once    sync.Once
	shared  *Gazetteer
	loadErr error
)

// New returns the gazetteer of the word lists, loaded once and shared. It
// returns an error when a list is malformed.
func New() (*Gazetteer, error) {
	once.Do(func() { shared, loadErr = load() })
	return shared, loadErr
}

func load() (*Gazetteer, error) {
	parties, err := lexicon.PartyIndex()
	if err != nil {
		return nil, err
	}
	places, err := lexicon.PlacesAll()
	if err != nil {
		return nil, err
	}
	g := &Gazetteer{parties: parties, places: places, forms: map[string]form{}}
	for i, line := range strings.Split(placesTSV, "\n") {
		line = strings.TrimRight(line, "\r")
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 3 || f[0] == "" || f[1] == "" || f[2] == "" {
			return nil, fmt.Errorf("gazetteer: places.tsv line %d: want Name, country and forms", i+1)
		}
		p := form{name: f[0], country: f[1]}
		for _, v := range append([]string{f[0]}, strings.Split(f[2], "|")...) {
			k := lexicon.PartyKey(v)
			if old, ok := g.forms[k]; ok && old != p {
				return nil, fmt.Errorf("gazetteer: places.tsv line %d: %q is a form of %s too", i+1, v, old.name)
			}
			g.forms[k] = p
		}
	}
	return g, nil
}

// Parties returns the parties of parties.tsv that name is a form of, in the
// file's order, each with its countries; a form marked "~" there is
// Ambiguous. A short all-capitals form (PAS, SAD) is matched only in
// capitals.
func (g *Gazetteer) Parties(name string) []factions.Known {
	k := lexicon.PartyKey(name)
	if k == "" {
		return nil
	}
	var out []factions.Known
	for _, p := range g.parties[k] {
		if shortCaps(p, k) && !allCaps(name) {
			continue
		}
		out = append(out, factions.Known{Name: p.Name, Countries: p.Countries, Kind: p.Kind, Ambiguous: p.IsAmbiguous(name)})
	}
	return out
}

// shortCaps reports whether every form of p with key k is an acronym of
// four letters or fewer.
func shortCaps(p *lexicon.Party, k string) bool {
	for _, n := range p.Names() {
		if lexicon.PartyKey(n) == k && !(allCaps(n) && len([]rune(k)) <= 4) {
			return false
		}
	}
	return true
}

func allCaps(s string) bool {
	letters := 0
	for _, r := range s {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsLetter(r) {
			letters++
		}
	}
	return letters > 0
}

// kindRank orders the readings of a place name: lower first (0 for a kind
// not listed, as a map would).
func kindRank(kind string) int {
	switch kind {
	case lexicon.KindContinent:
		return 1
	case lexicon.KindProvince, lexicon.KindState:
		return 2
	case lexicon.KindCity:
		return 3
	case lexicon.KindRegion:
		return 4
	}
	return 0 // lexicon.KindCountry
}

// Places returns the places name may be: the place whose form it is in this
// package's places.tsv, else every reading of the name in the extractor's
// places.tsv, those not marked minor first, then by kind (country,
// continent, province or state, city, region). A country's other names
// (UK, Britain) read as the country's canonical name.
func (g *Gazetteer) Places(name string) []factions.Known {
	name = strings.TrimSpace(name)
	if name == "" {
		return nil
	}
	if f, ok := g.forms[lexicon.PartyKey(name)]; ok {
		kind := ""
		for _, p := range g.places[strings.ToLower(f.name)] {
			if p.Country == f.country {
				kind = p.Kind
				break
			}
		}
		return []factions.Known{{Name: f.name, Countries: []string{f.country}, Kind: kind}}
	}
	ps := g.places[strings.ToLower(name)]
	if len(ps) == 0 {
		return nil
	}
	out := make([]factions.Known, 0, len(ps))
	for _, p := range ps {
		k := factions.Known{Name: p.Name, Kind: p.Kind}
		if p.Country != "-" && p.Country != "" {
			k.Countries = []string{p.Country}
		}
		if p.Kind == lexicon.KindCountry {
			k.Name = p.Country
		}
		out = append(out, k)
	}
	minor := func(k factions.Known) bool {
		for _, p := range ps {
			if p.Kind == k.Kind && p.Country == k.Country() && p.Minor {
				return true
			}
		}
		return false
	}
	sortStable(out, func(a, b factions.Known) bool {
		if ma, mb := minor(a), minor(b); ma != mb {
			return !ma
		}
		return kindRank(a.Kind) < kindRank(b.Kind)
	})
	return out
}

// sortStable is an insertion sort: the lists are a few readings long.
func sortStable(ks []factions.Known, less func(a, b factions.Known) bool) {
	for i := 1; i < len(ks); i++ {
		for j := i; j > 0 && less(ks[j], ks[j-1]); j-- {
			ks[j], ks[j-1] = ks[j-1], ks[j]
		}
	}
}
