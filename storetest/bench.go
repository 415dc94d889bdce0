package storetest

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/factions/factions"
)

// Gen generates synthetic articles about a fixed population of fictional
// people, parties and places. Each article names 10 entities (six people, three
// parties, a place) and carries 8 claims and 5 statements; the people of an
// article belong to its parties, so that the same person is resolved across
// articles by name and shared party.
type Gen struct {
	Persons, Orgs, Places int
	rng                   *rand.Rand
}

// NewGen returns a generator over the given population sizes (at least one
// of each, and at least two people per party), seeded with seed.
func NewGen(seed uint64, persons, orgs, places int) *Gen {
	orgs = max(orgs, 3)
	return &Gen{Persons: max(persons, 2*orgs), Orgs: orgs, Places: max(places, 1), rng: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))}
}

var syllables = []string{"ka", "ri", "zo", "ma", "le", "tu", "na", "vi", "so", "da", "ye", "qu", "fa", "ro", "bi", "ha"}

var (
	orgWords1 = []string{"Azure", "Crimson", "Northern", "Free", "United", "Radiant", "Steady", "Golden", "Silver", "Open",
		"Rising", "Common", "Distant", "Quiet", "Bright", "Ancient", "Modern", "Western", "Eastern", "Southern", "Grand", "Little"}
	orgWords2 = []string{"Dawn", "Harvest", "River", "Lantern", "Anchor", "Meadow", "Summit", "Compass", "Harbor", "Forge",
		"Orchard", "Beacon", "Citadel", "Prairie", "Canyon", "Delta", "Glacier", "Horizon", "Island", "Jasmine", "Kestrel", "Lotus"}
	orgWords3 = []string{"Party", "Front", "League", "Alliance", "Movement", "Union", "Congress", "Council", "Forum", "Assembly",
		"Coalition", "Bloc", "Circle", "Guild", "Society", "Caucus", "Convention", "Federation", "Network", "Platform", "Pact", "Rally"}
)

func word(digits ...int) string {
	var b strings.Builder
	for _, d := range digits {
		b.WriteString(syllables[d%len(syllables)])
	}
	s := b.String()
	return strings.ToUpper(s[:1]) + s[1:]
}

// PersonName returns the name of person k: one of 256 first names and one
// of 4096 surnames (people share surnames, and some share full names).
func (g *Gen) PersonName(k int) (full, surname string) {
	first := word(k%16, k/16%16) + "n"
	h := (k*7919 + k/4096) % 4096 // 4096 surnames, spread over the population
	last := word(h%16, h/16%16, h/256%16) + "r"
	return first + " " + last, last
}

// OrgName returns the name of party k.
func (g *Gen) OrgName(k int) string {
	n1, n2 := len(orgWords1), len(orgWords2)
	name := orgWords1[k%n1] + " " + orgWords2[k/n1%n2] + " " + orgWords3[k/(n1*n2)%len(orgWords3)]
	if r := k / (n1 * n2 * len(orgWords3)); r > 0 {
		name += " " + word(r%16, r/16%16)
	}
	return name
}

// PlaceName returns the name of place k.
func (g *Gen) PlaceName(k int) string { return word(k%16, k/16%16, k/256%16) + "abad" }

var papers = []string{"Daily Ledger", "Evening Courier", "Valdora Post", "Morning Herald", "Weekly Lantern"}

// Article returns the i-th article and its extraction.
func (g *Gen) Article(i int) (*factions.Article, *factions.Extraction) {
	var text strings.Builder
	x := &factions.Extraction{}
	ents := map[string]int{}
	write := func(name string, typ factions.EntityType, surface, alias string) {
		if _, ok := ents[name]; !ok {
			e := factions.Entity{Name: name, Type: typ, Aliases: []string{}}
			if alias != "" {
				e.Aliases = append(e.Aliases, alias)
			}
			x.Entities = append(x.Entities, e)
			ents[name] = len(x.Entities) - 1
		}
		e := &x.Entities[ents[name]]
		start := text.Len()
		text.WriteString(surface)
		e.Mentions = append(e.Mentions, factions.Mention{Text: surface, Span: factions.Span{Start: start, End: text.Len()}})
	}
	orgs := make([]int, 3)
	for j := range orgs {
		orgs[j] = g.rng.IntN(g.Orgs)
	}
	per := g.Persons / g.Orgs
	type person struct{ full, last string }
	var people []person
	var homes []string
	for j := 0; j < 6; j++ {
		o := orgs[j/2]
		k := o + g.Orgs*g.rng.IntN(per)
		full, last := g.PersonName(k)
		people = append(people, person{full, last})
		homes = append(homes, g.OrgName(o))
	}
	place := g.PlaceName(g.rng.IntN(g.Places))
	sentence := func(f func()) factions.Span {
		start := text.Len()
		f()
		span := factions.Span{Start: start, End: text.Len()}
		text.WriteString(" ")
		return span
	}
	claim := func(subj string, p factions.Predicate, obj, role string, ev factions.Span) {
		x.Claims = append(x.Claims, factions.Claim{Subject: subj, Predicate: p, Object: obj, Role: role, Stance: factions.Asserted, Evidence: ev})
	}
	for j, p := range people {
		ev := sentence(func() {
			write(p.full, factions.Person, p.full, p.last)
			text.WriteString(" is a member of the ")
			write(homes[j], factions.Organization, homes[j], "")
			text.WriteString(".")
		})
		claim(p.full, factions.MemberOf, homes[j], "", ev)
	}
	ev := sentence(func() {
		write(people[0].full, factions.Person, people[0].last, people[0].last)
		text.WriteString(" is the spokesman of the ")
		write(homes[0], factions.Organization, homes[0], "")
		text.WriteString(".")
	})
	claim(people[0].full, factions.HoldsPost, homes[0], "spokesman", ev)
	ev = sentence(func() {
		write(people[2].full, factions.Person, people[2].last, people[2].last)
		text.WriteString(" leads the ")
		write(homes[2], factions.Organization, homes[2], "")
		text.WriteString(".")
	})
	claim(people[2].full, factions.Leads, homes[2], "", ev)
	for j := 0; j < 5; j++ {
		p := people[j]
		var quote factions.Span
		ev := sentence(func() {
			write(p.full, factions.Person, p.last, p.last)
			text.WriteString(" said ")
			start := text.Len()
			text.WriteString("the party would win in ")
			write(place, factions.Place, place, "")
			quote = factions.Span{Start: start, End: text.Len()}
			text.WriteString(".")
		})
		x.Statements = append(x.Statements, factions.Statement{Speaker: p.last, Kind: factions.Indirect,
			Text: "the party would win in " + place, Span: quote, Evidence: ev})
	}
	fmt.Fprintf(&text, "(Report %d.)", i)
	a := &factions.Article{
		Title:     fmt.Sprintf("Report %d", i),
		Source:    papers[i%len(papers)],
		Published: time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(i) * time.Hour),
		Text:      text.String(),
	}
	return a, x
}

// Analyzer is a store that can refresh its query planner's statistics.
type Analyzer interface {
	Analyze(ctx context.Context) error
}

// analyze refreshes the statistics of s when it can.
func analyze(tb testing.TB, s factions.Store) {
	if a, ok := s.(Analyzer); ok {
		if err := a.Analyze(context.Background()); err != nil {
			tb.Fatal(err)
		}
	}
}

// benchWarm is how many articles BenchmarkSaveArticle stores before it
// starts the clock.
const benchWarm = 1000

// BenchmarkSaveArticle measures SaveArticle on generated articles (10
// entities, 8 claims and 5 statements each) into the stores open returns,
// once they hold 1000 such articles (and, for an Analyzer, their planner
// statistics are up to date, as autovacuum keeps them in PostgreSQL), and
// reports articles/s. Its sub-benchmarks store one article a transaction
// (SaveArticle) and batches of 100 (SaveArticles, as factions ingest does).
func BenchmarkSaveArticle(b *testing.B, open func(tb testing.TB) factions.Store) {
	for _, batch := range []int{1, IngestBatch} {
		b.Run(fmt.Sprintf("batch=%d", batch), func(b *testing.B) { benchmarkSave(b, open, batch) })
	}
}

// IngestBatch is the batch size the ingest benchmark measures.
const IngestBatch = 100

func benchmarkSave(b *testing.B, open func(tb testing.TB) factions.Store, batch int) {
	ctx := context.Background()
	s := open(b)
	g := NewGen(1, 5000, 100, 50)
	for i := 0; i < benchWarm; i++ {
		if i == benchWarm/5 {
			analyze(b, s) // as autovacuum would, once the tables have grown
		}
		a, x := g.Article(i)
		if _, _, err := s.SaveArticle(ctx, a, x); err != nil {
			b.Fatal(err)
		}
	}
	analyze(b, s)
	items := make([]factions.SaveItem, b.N)
	var size int64
	for i := range items {
		items[i].Article, items[i].Extraction = g.Article(benchWarm + i)
		size += int64(len(items[i].Article.Text))
	}
	b.SetBytes(size / int64(max(b.N, 1)))
	b.ReportAllocs()
	b.ResetTimer()
	for start := 0; start < b.N; start += batch {
		part := items[start:min(start+batch, b.N)]
		if batch == 1 {
			if _, _, err := s.SaveArticle(ctx, part[0].Article, part[0].Extraction); err != nil {
				b.Fatal(err)
			}
			continue
		}
		res, err := s.SaveArticles(ctx, part)
		if err != nil {
			b.Fatal(err)
		}
		for _, r := range res {
			if r.Err != nil || !r.Created {
				b.Fatalf("article not stored: %+v", r)
			}
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
}

// BenchClaims returns the number of claims BenchmarkCardAsOf fills a store
// with: $FACTIONS_BENCH_CLAIMS, 20000 by default.
func BenchClaims() int {
	if n, err := strconv.Atoi(os.Getenv("FACTIONS_BENCH_CLAIMS")); err == nil && n > 0 {
		return n
	}
	return 20000
}

// BenchmarkCardAsOf fills a store with BenchClaims() claims (8 an article;
// about one person for every 10 claims and one party for every 100), then
// measures fetching a random entity and its claims and building its card as
// of a random date, reporting the p50 and p99 latency in milliseconds.
func BenchmarkCardAsOf(b *testing.B, open func(tb testing.TB) factions.Store) {
	ctx := context.Background()
	n := BenchClaims()
	s := open(b)
	articles := max(n/8, 1)
	g := NewGen(2, n/10, n/100, 200)
	t0 := time.Now()
	for i := 0; i < articles; i++ {
		if i == 200 || i == 2000 || i == 20000 {
			analyze(b, s) // as autovacuum would, once the tables have grown
		}
		a, x := g.Article(i)
		if _, _, err := s.SaveArticle(ctx, a, x); err != nil {
			b.Fatal(err)
		}
	}
	b.Logf("filled %d articles (%d claims) in %v", articles, articles*8, time.Since(t0).Round(time.Millisecond))
	analyze(b, s)
	// entities to look at: those of a sample of articles
	rng := rand.New(rand.NewPCG(3, 4))
	var ids []int64
	seen := map[int64]bool{}
	for len(ids) < 1000 && len(seen) < 1000 {
		cs, err := s.Claims(ctx, factions.ClaimFilter{ArticleID: int64(1 + rng.IntN(articles))})
		if err != nil {
			b.Fatal(err)
		}
		if len(cs) == 0 {
			break
		}
		for _, c := range cs {
			for _, id := range []int64{c.SubjectID, c.ObjectID} {
				if !seen[id] {
					seen[id] = true
					ids = append(ids, id)
				}
			}
		}
	}
	if len(ids) == 0 {
		b.Fatal("no entities to look at")
	}
	first := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	span := time.Duration(articles) * time.Hour
	b.Run(fmt.Sprintf("claims=%d", articles*8), func(b *testing.B) {
		lat := make([]time.Duration, 0, b.N)
		var nclaims int
		for i := 0; i < b.N; i++ {
			id := ids[rng.IntN(len(ids))]
			asOf := first.Add(time.Duration(rng.Int64N(int64(span) + 1)))
			t := time.Now()
			e, err := s.Entity(ctx, id)
			if err != nil {
				b.Fatal(err)
			}
			cs, err := s.Claims(ctx, factions.ClaimFilter{EntityID: id})
			if err != nil {
				b.Fatal(err)
			}
			factions.BuildCard(e, cs, asOf)
			lat = append(lat, time.Since(t))
			nclaims += len(cs)
		}
		sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
		ms := func(q float64) float64 {
			return float64(lat[min(int(q*float64(len(lat))), len(lat)-1)]) / float64(time.Millisecond)
		}
		b.ReportMetric(ms(0.50), "p50-ms")
		b.ReportMetric(ms(0.99), "p99-ms")
		b.ReportMetric(float64(nclaims)/float64(b.N), "claims/card")
	})
}

// growthNew is how many generated articles BenchmarkResolveGrowth adds to
// each store; the big store holds growthTimes as many before.
const (
	growthNew   = 300
	growthTimes = 10
)

// BenchmarkResolveGrowth saves 300 generated articles in batches of 100
// and resolves as ingest --resolve auto does (factions.ResolveNew) into a
// new store and into one holding ten times as many (30,000 occurrences:
// over factions.SmallStore, so it resolves the new articles only),
// alternately, and reports the time per article of each and their
// ratio, and of that the time resolution took. The stores are filled
// outside the timer, the big one resolved whole.
func BenchmarkResolveGrowth(b *testing.B, open func(tb testing.TB) factions.Store) {
	ctx := context.Background()
	g := NewGen(1, 5000, 100, 50)
	// fill saves n articles from the from-th and resolves as mode says;
	// it returns the time each took.
	fill := func(s factions.Store, from, n int, mode factions.ResolveMode) (save, resolve time.Duration) {
		start := time.Now()
		for at := from; at < from+n; at += IngestBatch {
			var items []factions.SaveItem
			for i := at; i < min(at+IngestBatch, from+n); i++ {
				a, x := g.Article(i)
				items = append(items, factions.SaveItem{Article: a, Extraction: x})
			}
			if _, err := s.SaveArticles(ctx, items); err != nil {
				b.Fatal(err)
			}
		}
		save = time.Since(start)
		if r, ok := s.(factions.Resolver); ok {
			start = time.Now()
			if _, err := factions.ResolveNew(ctx, r, mode); err != nil {
				b.Fatal(err)
			}
			resolve = time.Since(start)
		}
		return save, resolve
	}
	var times [2][2]time.Duration // empty, 10x; save, resolve
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		small, big := open(b), open(b)
		for k := 0; k < growthTimes; k++ {
			fill(big, k*growthNew, growthNew, factions.ResolveFull)
		}
		analyze(b, big)
		from := growthTimes * growthNew
		b.StartTimer()
		for j, s := range []factions.Store{small, big} {
			sv, rs := fill(s, from, growthNew, factions.ResolveAuto)
			times[j][0] += sv
			times[j][1] += rs
		}
	}
	per := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 / float64(growthNew*b.N) }
	empty, grown := per(times[0][0]+times[0][1]), per(times[1][0]+times[1][1])
	b.ReportMetric(empty, "ms/article-empty")
	b.ReportMetric(grown, "ms/article-10x")
	b.ReportMetric(grown/empty, "ratio")
	b.ReportMetric(per(times[0][1]), "ms/article-resolve-empty")
	b.ReportMetric(per(times[1][1]), "ms/article-resolve-10x")
}
