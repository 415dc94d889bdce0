package sqlstore

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"maps"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	_ "modernc.org/sqlite" // the "sqlite" driver

	"github.com/factions/factions"
	"github.com/factions/factions/internal/pgtest"
	"github.com/factions/factions/resolve"
	"github.com/factions/factions/storetest"
)

// TestSamplesReadAsSampled checks that a scoped resolution reads from
// entity_samples what it reads sampling the occurrences and claims (the
// same input to package resolve), round after round of new articles
// (the rows kept up to date), and that a curator's change makes it sample
// the occurrences again until the next full resolution. PostgreSQL keeps
// none (Dialect.KeepsSamples). Each round it checks that resolution
// placing the new occurrences alone gives of them what resolution of the
// whole input gives (checkPlacing).
func TestSamplesReadAsSampled(t *testing.T) {
	defer func(n int) { samplesFrom = n }(samplesFrom)
	samplesFrom = 0
	t.Run("sqlite", func(t *testing.T) {
		testSamplesReadAsSampled(t, SQLite, "sqlite", filepath.Join(t.TempDir(), "kb.db")+"?_pragma=foreign_keys(1)&_pragma=journal_mode(wal)")
	})
	t.Run("postgres", func(t *testing.T) {
		testSamplesReadAsSampled(t, Postgres, "pgx", pgtest.NewDatabase(t))
	})
}

func testSamplesReadAsSampled(t *testing.T, d *Dialect, driver, dsn string) {
	ctx := context.Background()
	sdb, err := sql.Open(driver, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer sdb.Close()
	db := New(sdb, d)
	db.Now = func() time.Time { return storetest.Now }
	db.Gazetteer = storetest.Gazetteer{}
	if err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	g := storetest.NewGen(7, 90, 12, 20)
	next := 0
	save := func(n int) {
		var items []factions.SaveItem
		for ; n > 0; n-- {
			a, x := g.Article(next)
			next++
			items = append(items, factions.SaveItem{Article: a, Extraction: x})
		}
		// a party taken for a person, which resolution retypes
		party := "Green Dawn Alliance"
		text := fmt.Sprintf("%s met in Valdora (%d).", party, next)
		items = append(items, factions.SaveItem{Article: &factions.Article{Text: text, Source: "Daily Ledger"},
			Extraction: &factions.Extraction{Entities: []factions.Entity{
				{Name: party, Type: factions.Person, Mentions: []factions.Mention{{Text: party, Span: factions.Span{Start: 0, End: len(party)}}}},
				{Name: "Valdora", Type: factions.Place, Mentions: []factions.Mention{{Text: "Valdora", Span: factions.Span{Start: len(party) + 8, End: len(party) + 15}}}},
			}}})
		if _, err := db.SaveArticles(ctx, items); err != nil {
			t.Fatal(err)
		}
	}
	// scoped resolves the new articles, first checking that entity_samples
	// is usable as want says and, when it is, gives what sampling gives.
	scoped := func(round string, want bool) {
		st, err := db.ResolveState(ctx)
		if err != nil {
			t.Fatal(err)
		}
		tx, err := sdb.BeginTx(ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		usable, err := db.samplesUsable(ctx, tx, st.Unresolved)
		if err != nil {
			t.Fatal(err)
		}
		if want = want && d.KeepsSamples; usable != want {
			t.Fatalf("%s: samples usable %v, want %v", round, usable, want)
		}
		if usable {
			var ins [2]*scope
			for i, u := range []bool{false, true} {
				if ins[i], err = db.loadScope(ctx, tx, st.Unresolved, &u, nil); err != nil {
					t.Fatal(err)
				}
			}
			compareScopes(t, round, ins[0], ins[1], d == SQLite)
		}
		u := false
		sc, err := db.loadScope(ctx, tx, st.Unresolved, &u, nil)
		if err != nil {
			t.Fatal(err)
		}
		checkPlacing(t, round, sc.in, db.Gazetteer)
		tx.Rollback()
		if _, err := db.ResolveArticles(ctx, st.Unresolved); err != nil {
			t.Fatal(err)
		}
	}
	save(150)
	if _, err := db.Resolve(ctx); err != nil {
		t.Fatal(err)
	}
	for _, r := range []string{"first", "second", "third"} {
		save(30)
		scoped(r, true)
	}
	// Saved but not all resolved: the others would be sampled as stored.
	save(10)
	st, err := db.ResolveState(ctx)
	if err != nil {
		t.Fatal(err)
	}
	save(10)
	tx, err := sdb.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if usable, err := db.samplesUsable(ctx, tx, st.Unresolved); err != nil || usable {
		t.Fatalf("samples usable for some of the new articles: %v, %v", usable, err)
	}
	tx.Rollback()
	scoped("all new", true)
	// Placing some of them without the samples leaves them stale.
	save(10)
	st, err = db.ResolveState(ctx)
	if err != nil {
		t.Fatal(err)
	}
	save(10)
	if _, err := db.ResolveArticles(ctx, st.Unresolved); err != nil {
		t.Fatal(err)
	}
	scoped("after some placed without them", false)
	if _, err := db.Resolve(ctx); err != nil {
		t.Fatal(err)
	}
	save(20)
	scoped("rebuilt", true)

	es, err := db.Entities(ctx, factions.EntityFilter{Type: factions.Person})
	if err != nil || len(es) < 2 {
		t.Fatalf("entities: %d, %v", len(es), err)
	}
	if _, err := db.Merge(ctx, es[0].ID, es[1].ID, "one"); err != nil {
		t.Fatal(err)
	}
	save(20)
	scoped("after a merge", false)
	if _, err := db.Resolve(ctx); err != nil {
		t.Fatal(err)
	}
	save(20)
	scoped("after a full resolution", true)
}

// checkPlacing checks that resolving in (a scoped resolution's input)
// with Input.Placing, as ResolveArticles does, gives of the new
// occurrences (in no stored entity) what resolving it without gives: the
// entities with one, in order, their IDs, types, countries and
// occurrences, the new ones' reasons, the names of those of no stored
// occurrence; and the articles' countries.
func checkPlacing(t *testing.T, round string, in *resolve.Input, g factions.Gazetteer) {
	t.Helper()
	resolved := func(placing bool) *resolve.Result {
		c := *in
		c.Occurrences = slices.Clone(in.Occurrences) // (resolution retypes some)
		c.Placing = placing
		return resolve.Resolve(&c, g)
	}
	whole, got := resolved(false), resolved(true)
	stored := map[int64]bool{}
	for _, o := range in.Occurrences {
		stored[o.ID] = o.Entity != 0
	}
	isNew := func(id int64) bool { return !stored[id] }
	var want []*resolve.Entity
	for _, e := range whole.Entities {
		if !slices.ContainsFunc(e.Occurrences, isNew) {
			continue
		}
		w := *e
		w.Reasons = maps.Clone(e.Reasons)
		maps.DeleteFunc(w.Reasons, func(id int64, _ string) bool { return stored[id] })
		if slices.ContainsFunc(e.Occurrences, func(id int64) bool { return stored[id] }) {
			w.Name = ""
		}
		want = append(want, &w)
	}
	if len(want) == 0 {
		t.Fatalf("%s: no new occurrence placed", round)
	}
	if !reflect.DeepEqual(got.Entities, want) || !reflect.DeepEqual(got.Countries, whole.Countries) || len(got.Gone) != 0 {
		t.Errorf("%s: resolution placing the new occurrences differs from resolution of all (%d entities, want %d)", round, len(got.Entities), len(want))
	}
}

// compareScopes reports where what loadScope read sampling (want) and
// from entity_samples (got) differ; the ties in the same order when
// ordered (SQLite reads them by subject in the order they were stored;
// PostgreSQL in no order).
func compareScopes(t *testing.T, round string, want, got *scope, ordered bool) {
	t.Helper()
	norm := func(in *resolve.Input) *resolve.Input {
		out := *in
		out.Occurrences = append([]resolve.Occurrence(nil), in.Occurrences...)
		sort.Slice(out.Occurrences, func(i, j int) bool { return out.Occurrences[i].ID < out.Occurrences[j].ID })
		out.Articles = append([]resolve.Article(nil), in.Articles...)
		sort.Slice(out.Articles, func(i, j int) bool { return out.Articles[i].ID < out.Articles[j].ID })
		if !ordered {
			out.Ties = append([]resolve.Tie(nil), in.Ties...)
			sort.Slice(out.Ties, func(i, j int) bool {
				a, b := out.Ties[i], out.Ties[j]
				if a.Subject != b.Subject {
					return a.Subject < b.Subject
				}
				if a.Object != b.Object {
					return a.Object < b.Object
				}
				if a.Predicate != b.Predicate {
					return a.Predicate < b.Predicate
				}
				return a.Stance < b.Stance
			})
		}
		return &out
	}
	w, g := norm(want.in), norm(got.in)
	if !reflect.DeepEqual(w.Occurrences, g.Occurrences) {
		t.Errorf("%s: %d occurrences read from the samples, want %d", round, len(g.Occurrences), len(w.Occurrences))
	}
	if !reflect.DeepEqual(w.Ties, g.Ties) {
		t.Errorf("%s: ties differ: %d, want %d", round, len(g.Ties), len(w.Ties))
	}
	if !reflect.DeepEqual(w.Articles, g.Articles) {
		t.Errorf("%s: articles differ: %d, want %d", round, len(g.Articles), len(w.Articles))
	}
	if !reflect.DeepEqual(w.Unsampled, g.Unsampled) {
		t.Errorf("%s: unsampled %v, want %v", round, g.Unsampled, w.Unsampled)
	}
	if !reflect.DeepEqual(want.fresh, got.fresh) || !reflect.DeepEqual(want.news, got.news) {
		t.Errorf("%s: fresh or new occurrences differ", round)
	}
	if len(w.Unsampled) == 0 || len(w.Ties) == 0 {
		t.Errorf("%s: no unsampled occurrences or ties: the test tests little", round)
	}
}

// TestSampleEncoding checks that a sample is built and written field by
// field as sampleVersion 1 says (each name list as joinNames joins it),
// and read back as it was.
func TestSampleEncoding(t *testing.T) {
	s := &entitySample{
		occs: []resolve.Occurrence{
			{ID: 7, Article: 3, Entity: 12, Pin: 0, Type: factions.Person, Name: "A Bc", Names: []string{"A Bc", "Bc"}},
			{ID: 300, Article: 90, Entity: 12, Pin: 12, Type: factions.Person, Name: "Bc", Names: []string{"Bc"}},
		},
		ties: []resolve.Tie{{Subject: 7, Object: 8, Predicate: "member_of", Stance: "neutral"}},
		tied: []resolve.Occurrence{{ID: 8, Article: 3, Entity: -1, Type: factions.Organization, Name: "De Party"}},
	}
	// sampleVersion 1, written out: counts and numbers as varints, each
	// string after its length, each name list as joinNames joins it
	want := []byte("\x01\x02\x0e\x06\x18\x00\x06person\x04A Bc\aA Bc\nBc\xd8\x04\xb4\x01\x18\x18\x06person\x02Bc\x02Bc" +
		"\x01\x0e\x10\tmember_of\aneutral" +
		"\x01\x10\x06\x01\x00\forganization\bDe Party\x00")
	b := &sampleBuilder{
		occ: s.find,
		ties: func(ts []resolve.Tie, id int64) []resolve.Tie {
			for _, t := range s.ties {
				if t.Subject == id {
					ts = append(ts, t)
				}
			}
			return ts
		},
	}
	got, err := b.build(factions.Person, []int64{7, 300})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("encode:\n got %q\nwant %q", got, want)
	}
	back, err := decodeSample(got, new(sampleBlocks))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(back.occs, s.occs) || !reflect.DeepEqual(back.ties, s.ties) || !reflect.DeepEqual(back.tied, s.tied) {
		t.Errorf("decoded %+v, want %+v", back, s)
	}
	if _, err := decodeSample(got[:len(got)-1], new(sampleBlocks)); err == nil {
		t.Error("a cut sample was read")
	}
}

// TestNameBlock: the name lists a nameBlock gives are those splitNames
// gives, each its own to append to.
func TestNameBlock(t *testing.T) {
	var b nameBlock
	var got [][]string
	var in []string
	for i := range 300 {
		s := strings.Repeat("Ab Cd\n", i%5) + []string{"", "Ef", "\n", "Gh Ij\n"}[i%4]
		in = append(in, s)
		got = append(got, b.split(s))
	}
	for i, s := range in {
		if want := splitNames(s); !reflect.DeepEqual(got[i], want) {
			t.Fatalf("split %q: %q, want %q", s, got[i], want)
		}
	}
	if len(got[1]) != cap(got[1]) {
		t.Error("a list has room past its end, in the block")
	}
}

// TestIDSet: an idSet holds just the IDs added to it, dense ones as bits
// and others in its map, and two sets of the same IDs are equal, whatever
// the order they were added in.
func TestIDSet(t *testing.T) {
	ids := []int64{0, 1, 63, 64, 65, 1000, denseIDs - 1, denseIDs, 1 << 40, -3}
	var a, b idSet
	for i := range ids {
		a.add(ids[i])
		b.add(ids[len(ids)-1-i])
	}
	for _, id := range ids {
		if !a.has(id) {
			t.Errorf("has(%d) false, want true", id)
		}
	}
	for _, id := range []int64{2, 62, 66, 999, 1001, denseIDs + 1, -1} {
		if a.has(id) {
			t.Errorf("has(%d) true, want false", id)
		}
	}
	if !reflect.DeepEqual(a, b) {
		t.Error("sets of the same IDs differ")
	}
}
