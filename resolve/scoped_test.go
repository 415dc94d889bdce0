package resolve_test

import (
	"reflect"
	"strings"
	"testing"

	"github.com/factions/factions/resolve"
)

// TestResolveScopedInputs checks what a scoped resolution gives from the
// last full one: an old article's fixed country, the papers' home
// countries and the articles of each country, and the occurrences of an
// entity left out of its sample.
func TestResolveScopedInputs(t *testing.T) {
	for _, tc := range []struct {
		name  string
		arts  []art
		setup func(in *resolve.Input)
		want  []string
	}{
		{
			name: "AmbiguousPartyInNoCountry",
			arts: []art{{"2020-01-01", []string{"O:Blue"}, nil}, {"2020-01-02", []string{"O:Blue Party"}, nil}},
			setup: func(in *resolve.Input) {
				in.Prior = map[string]int{"Borduria": 3}
			},
			want: []string{"organization Blue Party: Blue Party", "organization Blue: Blue"},
		},
		{
			name: "FixedCountry",
			arts: []art{{"2020-01-01", []string{"O:Blue"}, nil}, {"2020-01-02", []string{"O:Blue Party"}, nil}},
			setup: func(in *resolve.Input) {
				in.Prior = map[string]int{"Borduria": 3}
				in.Articles[0].Country, in.Articles[0].Fixed = "Arland", true
			},
			want: []string{"organization Blue Party: Blue, Blue Party"},
		},
		{
			name: "GivenHome",
			arts: []art{{"2020-01-01@Daily Ledger", []string{"O:Blue"}, nil}, {"2020-01-02", []string{"O:Blue Party"}, nil}},
			setup: func(in *resolve.Input) {
				in.Prior = map[string]int{"Borduria": 3}
				in.Homes = map[string]string{"daily ledger": "Arland"}
			},
			want: []string{"organization Blue Party: Blue, Blue Party"},
		},
		{
			// a paper the last full resolution had none of: its home is
			// what its new articles tell, as a full resolution would find
			name: "NewPaperHome",
			arts: []art{
				{"2020-01-01@Morning Star", []string{"O:Blue"}, nil},
				{"2020-01-02@Morning Star", []string{"L:North Province"}, nil},
				{"2020-01-03@Morning Star", []string{"O:Blue Party"}, nil},
			},
			setup: func(in *resolve.Input) {
				in.Prior = map[string]int{"Borduria": 3}
				in.Homes = map[string]string{"daily ledger": "Borduria"}
			},
			want: []string{"organization Blue Party: Blue, Blue Party", "place North Province: North Province"},
		},
		{
			name: "ShortFormSampled",
			arts: []art{
				{"2020-01-01", []string{"P:Tomas Varga"}, nil},
				{"2020-01-02", []string{"P:Ilse Varga"}, nil},
				{"2020-01-03", []string{"P:Ilse Varga"}, nil},
				{"2020-01-04", []string{"P:Varga"}, nil},
			},
			setup: func(in *resolve.Input) {
				in.Occurrences[0].Entity, in.Occurrences[1].Entity, in.Occurrences[2].Entity = 50, 51, 51
			},
			want: []string{"person Ilse Varga: Ilse Varga, Ilse Varga", "person Tomas Varga: Tomas Varga", "person Varga: Varga"},
		},
		{
			name: "ShortFormUnsampled",
			arts: []art{
				{"2020-01-01", []string{"P:Tomas Varga"}, nil},
				{"2020-01-02", []string{"P:Ilse Varga"}, nil},
				{"2020-01-03", []string{"P:Ilse Varga"}, nil},
				{"2020-01-04", []string{"P:Varga"}, nil},
			},
			setup: func(in *resolve.Input) {
				in.Occurrences[0].Entity, in.Occurrences[1].Entity, in.Occurrences[2].Entity = 50, 51, 51
				in.Unsampled = map[int64]int{50: 10} // Tomas is named 11 times
			},
			want: []string{"person Ilse Varga: Ilse Varga, Ilse Varga", "person Tomas Varga: Tomas Varga, Varga"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := build(t, tc.arts, 1)
			tc.setup(in)
			got := groups(in, resolve.Resolve(in, gaz{}))
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got\n  %s\nwant\n  %s", strings.Join(got, "\n  "), strings.Join(tc.want, "\n  "))
			}
		})
	}
}

// TestResolveReportsCountries checks what a full resolution returns for a
// scoped one to read: each article's country, each paper's home country
// and the articles of each country.
func TestResolveReportsCountries(t *testing.T) {
	in := build(t, []art{
		{"2020-01-01@Daily Ledger", []string{"L:North Province", "O:Blue Party"}, nil},
		{"2020-01-02@Daily Ledger", []string{"P:Tomas Varga"}, nil},
		{"2020-01-03", []string{"P:Ilse Varga"}, nil},
	}, 1)
	res := resolve.Resolve(in, gaz{})
	for _, c := range []struct {
		what      string
		got, want any
	}{
		{"countries", res.Countries, map[int64]string{1: "Arland", 2: "Arland", 3: ""}},
		{"homes", res.Homes, map[string]string{"daily ledger": "Arland"}},
		{"prior", res.Prior, map[string]int{"Arland": 2}},
	} {
		if !reflect.DeepEqual(c.got, c.want) {
			t.Errorf("%s %v, want %v", c.what, c.got, c.want)
		}
	}
}
