package resolve_test

import (
	"fmt"
	"math/rand"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/factions/factions"
	"github.com/factions/factions/resolve"
)

// gaz is a small gazetteer of invented parties and places.
type gaz struct{}

func (gaz) Parties(name string) []factions.Known {
	switch factions.NormalizeName(name) {
	case "blue party", "blues", "bp":
		return []factions.Known{{Name: "Blue Party", Countries: []string{"Arland"}}}
	case "blue":
		return []factions.Known{{Name: "Blue Party", Countries: []string{"Arland"}, Ambiguous: true}}
	case "green league", "gl":
		return []factions.Known{{Name: "Green League", Countries: []string{"Borduria"}}}
	case "people front":
		return []factions.Known{{Name: "People's Front", Countries: []string{"Arland"}}, {Name: "People's Front", Countries: []string{"Borduria"}}}
	}
	return nil
}

func (gaz) Places(name string) []factions.Known {
	switch factions.NormalizeName(name) {
	case "north province", "np", "n p":
		return []factions.Known{{Name: "North Province", Countries: []string{"Arland"}, Kind: "province"}}
	case "riverland":
		return []factions.Known{{Name: "Riverland", Kind: "region"}, {Name: "Riverland", Countries: []string{"Arland"}, Kind: "province"},
			{Name: "Riverland", Countries: []string{"Borduria"}, Kind: "province"}}
	case "arland":
		return []factions.Known{{Name: "Arland", Countries: []string{"Arland"}, Kind: "country"}}
	case "borduria":
		return []factions.Known{{Name: "Borduria", Countries: []string{"Borduria"}, Kind: "country"}}
	}
	return nil
}

// art is an article of the test corpus: its date ("" for none) and the
// entities it names, each "Type:Name|alias|alias", and its ties, each
// "Subject>predicate>Object" by name.
type art struct {
	date string // "2006-01-02", or "2006-01-02@Paper" for an article of a paper
	ents []string
	ties []string
}

// build makes the Input of arts, numbering articles and occurrences from
// base in the order given.
func build(t *testing.T, arts []art, base int64) *resolve.Input {
	t.Helper()
	in := &resolve.Input{}
	id := base
	for i, a := range arts {
		aid := base + int64(i)
		ra := resolve.Article{ID: aid, Hash: fmt.Sprintf("%040d", i+1)}
		date, source, _ := strings.Cut(a.date, "@")
		ra.Source = source
		if date != "" {
			d, err := time.Parse("2006-01-02", date)
			if err != nil {
				t.Fatal(err)
			}
			ra.Date = d
		}
		// the hash stays with the article's content, whatever its ID
		ra.Hash = fmt.Sprintf("%s %v", a.date, a.ents)
		in.Articles = append(in.Articles, ra)
		byName := map[string]int64{}
		for _, e := range a.ents {
			typ, rest, _ := strings.Cut(e, ":")
			names := strings.Split(rest, "|")
			id++
			in.Occurrences = append(in.Occurrences, resolve.Occurrence{ID: id, Article: aid, Type: map[string]factions.EntityType{
				"P": factions.Person, "O": factions.Organization, "L": factions.Place}[typ], Name: names[0], Names: names})
			byName[names[0]] = id
		}
		for _, tie := range a.ties {
			f := strings.Split(tie, ">")
			s, o := byName[f[0]], byName[f[2]]
			if s == 0 || o == 0 {
				t.Fatalf("tie %q names an entity the article does not", tie)
			}
			in.Ties = append(in.Ties, resolve.Tie{Subject: s, Object: o, Predicate: factions.Predicate(f[1]), Stance: factions.Asserted})
		}
	}
	return in
}

// groups renders the entities of a result: "Type Name: name, name, ..."
// with the names of their occurrences, sorted.
func groups(in *resolve.Input, res *resolve.Result) []string {
	byID := map[int64]resolve.Occurrence{}
	for _, o := range in.Occurrences {
		byID[o.ID] = o
	}
	var out []string
	for _, e := range res.Entities {
		var ns []string
		for _, id := range e.Occurrences {
			ns = append(ns, byID[id].Name)
		}
		sort.Strings(ns)
		out = append(out, fmt.Sprintf("%s %s: %s", e.Type, e.Name, strings.Join(ns, ", ")))
	}
	sort.Strings(out)
	return out
}

var resolveCases = []struct {
	name string
	arts []art
	want []string
}{
	{
		name: "SameNameOtherPartyNamedNearby",
		arts: []art{
			{"2020-01-01", []string{"P:Tomas Varga", "O:Blue Party"}, []string{"Tomas Varga>member_of>Blue Party"}},
			{"2020-02-01", []string{"P:Tomas Varga", "O:Harbour Trust"}, []string{"Tomas Varga>member_of>Harbour Trust"}},
		},
		want: []string{"organization Blue Party: Blue Party", "organization Harbour Trust: Harbour Trust",
			"person Tomas Varga: Tomas Varga, Tomas Varga"},
	},
	{
		name: "NamesakesOfTwoCountries",
		arts: []art{
			{"2020-01-01", []string{"P:Tomas Varga", "O:Blue Party"}, []string{"Tomas Varga>member_of>Blue Party"}},
			{"2020-02-01", []string{"P:Tomas Varga", "O:BP"}, []string{"Tomas Varga>leads>BP"}},
			{"2020-03-01", []string{"P:Tomas Varga", "O:Green League"}, []string{"Tomas Varga>member_of>Green League"}},
			{"2020-04-01", []string{"P:Tomas Varga", "O:GL"}, []string{"Tomas Varga>member_of>GL"}},
			{"2020-05-01", []string{"P:Tomas Varga", "L:Borduria"}, nil}, // no tie: its article's country
		},
		want: []string{"organization Blue Party: BP, Blue Party", "organization Green League: GL, Green League",
			"person Tomas Varga: Tomas Varga, Tomas Varga", "person Tomas Varga: Tomas Varga, Tomas Varga, Tomas Varga",
			"place Borduria: Borduria"},
	},
	{
		name: "PartyForms",
		arts: []art{
			{"2020-01-01", []string{"O:Blues", "L:Arland"}, nil},
			{"2020-01-02", []string{"O:Blue Party", "L:Arland"}, nil},
			{"2020-01-03", []string{"O:Blue", "L:Arland"}, nil},   // ambiguous, in Arland
			{"2020-01-04", []string{"O:Blue", "L:Borduria"}, nil}, // ambiguous, elsewhere
		},
		want: []string{"organization Blue Party: Blue, Blue Party, Blues", "organization Blue: Blue",
			"place Arland: Arland, Arland, Arland", "place Borduria: Borduria"},
	},
	{
		name: "PlaceFormsAndCountries",
		arts: []art{
			{"2020-01-01", []string{"L:NP", "L:Riverland", "O:Blue Party"}, nil},
			{"2020-01-02", []string{"L:North Province", "O:Blues"}, nil},
			{"2020-01-03", []string{"L:Riverland", "O:Green League"}, nil},
		},
		want: []string{"organization Blue Party: Blue Party, Blues", "organization Green League: Green League",
			"place North Province: NP, North Province", "place Riverland: Riverland", "place Riverland: Riverland"},
	},
	{
		// a paper of Arland writes of Arland's People's Front, though the
		// article names a place of Borduria too
		name: "PapersCountry",
		arts: []art{
			{"2020-01-01@Arland Times", []string{"O:Blue Party"}, nil},
			{"2020-01-02@Arland Times", []string{"O:Blues"}, nil},
			{"2020-01-03@Borduria Post", []string{"O:People's Front", "L:Arland"}, nil},
			{"2020-01-04@Arland Times", []string{"O:People's Front", "L:Borduria"}, nil},
			{"2020-01-05@Borduria Post", []string{"O:People's Front", "L:Borduria"}, nil},
			{"2020-01-06@Borduria Post", []string{"O:Green League"}, nil},
			{"2020-01-07@Borduria Post", []string{"O:GL"}, nil},
		},
		want: []string{"organization Blue Party: Blue Party, Blues", "organization Green League: GL, Green League",
			"organization People's Front: People's Front", "organization People's Front: People's Front, People's Front",
			"place Arland: Arland", "place Borduria: Borduria, Borduria"},
	},
	{
		name: "ShortForms",
		arts: []art{
			{"2020-01-01", []string{"P:Tomas Varga|Varga"}, nil},
			{"2020-01-02", []string{"P:Tomas Varga"}, nil},
			{"2020-01-03", []string{"P:Tomas Varga"}, nil},
			{"2020-01-04", []string{"P:Ilse Varga"}, nil},
			{"2020-01-05", []string{"P:Varga"}, nil},               // three to one: the dominant bearer
			{"2020-01-06", []string{"P:Anna Maria Kovac"}, nil},    // middle name
			{"2020-01-07", []string{"P:Anna Kovac"}, nil},          // dropped
			{"2020-01-08", []string{"P:Piet Lund"}, nil},           // two bearers
			{"2020-01-09", []string{"P:Karl Lund"}, nil},           // of one surname,
			{"2020-01-10", []string{"P:Lund"}, nil},                // both fit: apart
			{"2020-01-11", []string{"P:Muhammad Omar Sadiq"}, nil}, // a leading Muhammad
			{"2020-01-12", []string{"P:Omar Sadiq"}, nil},          // dropped
			{"2020-01-12", []string{"P:Omar"}, nil},                // the name after it
			{"2020-01-13", []string{"P:J. P. Rand"}, nil},          // initials
			{"2020-01-14", []string{"P:JP Rand"}, nil},             // written together
		},
		want: []string{"person Anna Maria Kovac: Anna Kovac, Anna Maria Kovac", "person Ilse Varga: Ilse Varga",
			"person J. P. Rand: J. P. Rand, JP Rand", "person Karl Lund: Karl Lund", "person Lund: Lund",
			"person Muhammad Omar Sadiq: Muhammad Omar Sadiq, Omar, Omar Sadiq", "person Piet Lund: Piet Lund",
			"person Tomas Varga: Tomas Varga, Tomas Varga, Tomas Varga, Varga"},
	},
	{
		name: "Reordered",
		arts: []art{
			{"2020-01-01", []string{"P:Karim Beg Lodhi", "O:Blue Party"}, []string{"Karim Beg Lodhi>leads>Blue Party"}},
			{"2020-01-02", []string{"P:Beg Karim", "O:BP"}, []string{"Beg Karim>leads>BP"}}, // the same party: him
			{"2020-01-03", []string{"P:Tomas Hal Varga"}, nil},
			{"2020-01-04", []string{"P:Hal Tomas"}, nil}, // no party to say so: apart
		},
		want: []string{"organization Blue Party: BP, Blue Party", "person Hal Tomas: Hal Tomas",
			"person Karim Beg Lodhi: Beg Karim, Karim Beg Lodhi", "person Tomas Hal Varga: Tomas Hal Varga"},
	},
	{
		name: "ShortFormsOutOfContext",
		arts: []art{
			{"2000-01-01", []string{"P:Tomas Varga", "L:Arland"}, nil},
			{"2000-01-02", []string{"P:Varga", "L:Borduria"}, nil}, // another country
			{"2020-01-02", []string{"P:Varga", "L:Arland"}, nil},   // other years
		},
		want: []string{"person Tomas Varga: Tomas Varga", "person Varga: Varga", "person Varga: Varga",
			"place Arland: Arland, Arland", "place Borduria: Borduria"},
	},
	{
		name: "Acronyms",
		arts: []art{
			{"2020-01-01", []string{"O:HTU"}, nil},
			{"2020-01-02", []string{"O:Harbour Trade Union|HTU"}, nil},
			{"2020-01-03", []string{"O:Harbour Trade Union"}, nil},
			{"2020-01-04", []string{"O:Harbor Trade Union|XYZ"}, nil}, // not its initials
			{"2020-01-05", []string{"O:XYZ"}, nil},
			{"2020-01-06", []string{"O:Port Authority|PA"}, nil},    // one acronym,
			{"2020-01-07", []string{"O:Press Association|PA"}, nil}, // two names
			{"2020-01-08", []string{"O:PA"}, nil},
		},
		want: []string{"organization Harbour Trade Union: HTU, Harbor Trade Union, Harbour Trade Union, Harbour Trade Union",
			"organization PA: PA", "organization Port Authority: Port Authority", "organization Press Association: Press Association",
			"organization XYZ: XYZ"},
	},
	{
		name: "Bodies",
		arts: []art{
			{"2020-01-01", []string{"O:national standing committee", "O:Blue Party"}, []string{"national standing committee>part_of>Blue Party"}},
			{"2020-01-02", []string{"O:national standing committee", "O:Green League"}, []string{"national standing committee>part_of>Green League"}},
			{"2020-01-03", []string{"O:standing committee", "O:Blues"}, []string{"standing committee>part_of>Blues"}},
		},
		want: []string{"organization Blue Party: Blue Party, Blues", "organization Green League: Green League",
			"organization national standing committee: national standing committee",
			"organization national standing committee: national standing committee, standing committee"},
	},
}

func TestResolve(t *testing.T) {
	for _, tc := range resolveCases {
		t.Run(tc.name, func(t *testing.T) {
			in := build(t, tc.arts, 1)
			got := groups(in, resolve.Resolve(in, gaz{}))
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got\n  %s\nwant\n  %s", strings.Join(got, "\n  "), strings.Join(tc.want, "\n  "))
			}
		})
	}
}

// TestResolveOrder resolves each case's articles in many orders, with
// other IDs: the entities are the same.
func TestResolveOrder(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	for _, tc := range resolveCases {
		t.Run(tc.name, func(t *testing.T) {
			in := build(t, tc.arts, 1)
			want := groups(in, resolve.Resolve(in, gaz{}))
			for n := 0; n < 20; n++ {
				arts := append([]art(nil), tc.arts...)
				rng.Shuffle(len(arts), func(i, j int) { arts[i], arts[j] = arts[j], arts[i] })
				in := build(t, arts, int64(100*(n+1)))
				if got := groups(in, resolve.Resolve(in, gaz{})); !reflect.DeepEqual(got, want) {
					t.Fatalf("order %d: got\n  %s\nwant\n  %s", n, strings.Join(got, "\n  "), strings.Join(want, "\n  "))
				}
			}
		})
	}
}

func TestResolveReasons(t *testing.T) {
	in := build(t, []art{
		{"2020-01-01", []string{"P:Tomas Varga", "O:Blue Party"}, []string{"Tomas Varga>member_of>Blue Party"}},
		{"2020-02-01", []string{"P:Tomas Varga", "O:Blues"}, []string{"Tomas Varga>member_of>Blues"}},
		{"2020-03-01", []string{"P:Tomas Varga", "O:Green League"}, []string{"Tomas Varga>member_of>Green League"}},
		{"2020-04-01", []string{"P:Tomas Varga", "O:GL"}, []string{"Tomas Varga>member_of>GL"}},
		{"2020-05-01", []string{"P:Varga", "O:Blue Party"}, []string{"Varga>member_of>Blue Party"}},
	}, 1)
	res := resolve.Resolve(in, gaz{})
	var got []string
	for _, e := range res.Entities {
		for _, id := range e.Occurrences {
			if r, ok := e.Reasons[id]; ok {
				got = append(got, e.Name+": "+r)
			}
		}
	}
	sort.Strings(got)
	want := []string{
		`Blue Party: "Blues" and "Blue Party" are one party in the party list (Blue Party, Arland)`,
		"Blue Party: same name",
		`Green League: "GL" and "Green League" are one party in the party list (Green League, Borduria)`,
		`Tomas Varga: "Varga" is one name of "Tomas Varga", the only bearer that fits (Arland, 2020–2020)`,
		"Tomas Varga: kept apart from the Tomas Varga of Arland: tied to Borduria in 2 articles",
		"Tomas Varga: same name",
		"Tomas Varga: same name",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("reasons\n  %s\nwant\n  %s", strings.Join(got, "\n  "), strings.Join(want, "\n  "))
	}
}

func TestResolvePinsAndIDs(t *testing.T) {
	in := build(t, []art{
		{"2020-01-01", []string{"P:Tomas Varga"}, nil},
		{"2020-01-02", []string{"P:Tomas Varga"}, nil},
		{"2020-01-03", []string{"P:Tomas Varga"}, nil},
		{"2020-01-04", []string{"P:Ilse Varga"}, nil},
	}, 1)
	// stored as 50, 50, 51 and 52; a curator split the third off (pin 51)
	// and merged Ilse into 50 (pin 50)
	for i, e := range []int64{50, 50, 51, 52} {
		in.Occurrences[i].Entity = e
	}
	in.Occurrences[0].Pin, in.Occurrences[2].Pin, in.Occurrences[3].Pin = 50, 51, 50
	res := resolve.Resolve(in, gaz{})
	got := map[int64][]int64{}
	for _, e := range res.Entities {
		got[e.ID] = e.Occurrences
	}
	want := map[int64][]int64{50: {2, 3, 5}, 51: {4}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("entities %v, want %v", got, want)
	}
	if len(res.Gone) != 1 || res.Gone[52] == nil || res.Gone[52].ID != 50 {
		t.Errorf("gone %v, want 52 into 50", res.Gone)
	}
}

// TestResolveInputOrder resolves generated inputs with their occurrences
// and articles shuffled, and their ties too but for the order of each
// occurrence's own (the first of an internal body's asserted ties to an
// organization is its parent), the IDs kept: the result is the same, every
// entity, ID, name and reason, so that a store may gather an input in
// such an order (the scope of a scoped resolution is read a batch at a
// time). One input is resolved whole, one placed against the entities of
// a resolution of its first articles (Input.Placing).
func TestResolveInputOrder(t *testing.T) {
	whole := genInput(300)
	placing := genInput(300)
	first := &resolve.Input{Articles: placing.Articles[:200]}
	for _, o := range placing.Occurrences {
		if o.Article <= 200 {
			first.Occurrences = append(first.Occurrences, o)
		}
	}
	first.Ties = placing.Ties
	entity := map[int64]int64{}
	for i, e := range resolve.Resolve(first, gaz{}).Entities {
		for _, id := range e.Occurrences {
			entity[id] = int64(i + 1)
		}
	}
	for i := range placing.Occurrences {
		placing.Occurrences[i].Entity = entity[placing.Occurrences[i].ID]
	}
	placing.Placing = true
	rng := rand.New(rand.NewSource(1))
	for name, in := range map[string]*resolve.Input{"whole": whole, "placing": placing} {
		t.Run(name, func(t *testing.T) {
			want := resolve.Resolve(in, gaz{})
			for n := 0; n < 5; n++ {
				s := *in
				s.Occurrences = slices.Clone(in.Occurrences)
				s.Ties = slices.Clone(in.Ties)
				s.Articles = slices.Clone(in.Articles)
				rng.Shuffle(len(s.Occurrences), func(i, j int) { s.Occurrences[i], s.Occurrences[j] = s.Occurrences[j], s.Occurrences[i] })
				s.Ties = shuffleTies(rng, in.Ties)
				rng.Shuffle(len(s.Articles), func(i, j int) { s.Articles[i], s.Articles[j] = s.Articles[j], s.Articles[i] })
				if got := resolve.Resolve(&s, gaz{}); !reflect.DeepEqual(got.Entities, want.Entities) || !reflect.DeepEqual(got.Gone, want.Gone) {
					t.Fatalf("order %d: the entities differ from those of the input in order", n)
				}
			}
		})
	}
}

// shuffleTies returns ties in a random order but for each subject's, which
// stay in theirs.
func shuffleTies(rng *rand.Rand, ties []resolve.Tie) []resolve.Tie {
	var subjects []int64
	of := map[int64][]resolve.Tie{}
	for _, t := range ties {
		if of[t.Subject] == nil {
			subjects = append(subjects, t.Subject)
		}
		of[t.Subject] = append(of[t.Subject], t)
	}
	rng.Shuffle(len(subjects), func(i, j int) { subjects[i], subjects[j] = subjects[j], subjects[i] })
	var out []resolve.Tie
	for _, s := range subjects {
		out = append(out, of[s]...)
	}
	return out
}
