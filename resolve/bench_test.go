package resolve_test

import (
	"fmt"
	"math/rand"
	"testing"
	"time"

	"github.com/factions/factions"
	"github.com/factions/factions/resolve"
)

// genInput makes n articles of generated people, parties and places, as a
// news corpus names them: a few names named often, many once, short forms,
// variant spellings and ties to parties.
func genInput(n int) *resolve.Input {
	rng := rand.New(rand.NewSource(int64(n)))
	first := []string{"Tomas", "Ilse", "Karim", "Anna", "Omar", "Piet", "Noor", "Rafiq", "Samina", "Imre", "Ludo", "Vera"}
	last := []string{"Varga", "Lund", "Kovac", "Sadiq", "Halvi", "Zardan", "Qadri", "Vasko", "Beg", "Rand", "Moss", "Ekko"}
	parties := []string{"Blue Party", "Blues", "BP", "Green League", "GL", "Harbour Trade Union"}
	places := []string{"Arland", "Borduria", "North Province", "NP", "Riverland"}
	in := &resolve.Input{}
	id := int64(0)
	day := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	for a := 0; a < n; a++ {
		aid := int64(a + 1)
		in.Articles = append(in.Articles, resolve.Article{ID: aid, Hash: fmt.Sprintf("%08d", a), Date: day.AddDate(0, 0, a%700)})
		var people, orgs []int64
		for k := 0; k < 8; k++ {
			id++
			f, l := first[rng.Intn(len(first))], last[rng.Intn(len(last))]
			name := f + " " + l
			names := []string{name, l}
			switch rng.Intn(6) {
			case 0:
				name, names = l, []string{l}
			case 1:
				name = f + " " + first[rng.Intn(len(first))] + " " + l
				names = []string{name}
			}
			in.Occurrences = append(in.Occurrences, resolve.Occurrence{ID: id, Article: aid, Type: factions.Person, Name: name, Names: names})
			people = append(people, id)
		}
		for k := 0; k < 3; k++ {
			id++
			p := parties[rng.Intn(len(parties))]
			in.Occurrences = append(in.Occurrences, resolve.Occurrence{ID: id, Article: aid, Type: factions.Organization, Name: p, Names: []string{p}})
			orgs = append(orgs, id)
		}
		id++
		pl := places[rng.Intn(len(places))]
		in.Occurrences = append(in.Occurrences, resolve.Occurrence{ID: id, Article: aid, Type: factions.Place, Name: pl, Names: []string{pl}})
		for _, p := range people[:4] {
			in.Ties = append(in.Ties, resolve.Tie{Subject: p, Object: orgs[rng.Intn(len(orgs))], Predicate: factions.MemberOf, Stance: factions.Asserted})
		}
	}
	return in
}

// BenchmarkResolve resolves corpora of 1,000, 5,000 and 20,000 articles (a
// dozen occurrences each): compare the time an article of each, which stays
// near flat when resolution grows linearly.
func BenchmarkResolve(b *testing.B) {
	for _, n := range []int{1000, 5000, 20000} {
		in := genInput(n)
		b.Run(fmt.Sprintf("articles=%d", n), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				resolve.Resolve(in, gaz{})
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/article")
		})
	}
}
