package sqlstore

import (
	"cmp"
	"context"
	"fmt"
	"maps"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/factions/factions/storetest"
)

// TestGrownNames checks that the batches logged into a grown store, whose
// first batch reads every alias of the store (aliasesFor) and the others
// from the log, give each entity of their articles the stored entity
// batches that look their names up give it; and that after another
// process wrote (merged two entities) they look them up again.
func TestGrownNames(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		name  string
		other func(t *testing.T, path string) // between the batches
		kept  bool                            // the log keeps every name after the last batch
	}{
		{"Alone", nil, true},
		{"Merged", func(t *testing.T, path string) {
			// another process merges the entity named most into the
			// one named next most, of one type
			o := openFresh(t, path)
			var keep, drop int64
			if err := o.SQL().QueryRowContext(ctx, `SELECT a.entity_id, b.entity_id FROM
				(SELECT entity_id, COUNT(*) n, MIN(e.type) typ FROM occurrences o JOIN entities e ON e.id = o.entity_id WHERE e.type = 'person' GROUP BY entity_id ORDER BY n DESC, entity_id LIMIT 1) a,
				(SELECT entity_id, COUNT(*) n FROM occurrences o JOIN entities e ON e.id = o.entity_id WHERE e.type = 'person' GROUP BY entity_id ORDER BY n DESC, entity_id LIMIT 1 OFFSET 1) b`).Scan(&drop, &keep); err != nil {
				t.Fatal(err)
			}
			if _, err := o.Merge(ctx, keep, drop, "test"); err != nil {
				t.Fatal(err)
			}
			o.Close()
		}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// each entity's provisional entity after the batches, with every
			// batch's names looked up (wholeNamesPer 0) and read whole
			run := func(per int) ([]string, bool) {
				defer func(n int) { wholeNamesPer = n }(wholeNamesPer)
				wholeNamesPer = per
				path := filepath.Join(t.TempDir(), "kb.db")
				db := openFresh(t, path)
				saveGenerated(t, db, storetest.NewGen(7, 40, 8, 6), 0, 120)
				if _, err := db.Resolve(ctx); err != nil {
					t.Fatal(err)
				}
				db.Close()
				db = openFresh(t, path)
				g := storetest.NewGen(7, 400, 8, 6)
				saveGenerated(t, db, g, 120, 170)
				if tc.other != nil {
					tc.other(t, path)
				}
				saveGenerated(t, db, g, 170, 230)
				kept := db.fresh.names != nil
				rows, err := db.SQL().QueryContext(ctx, `SELECT o.id, o.entity_id, e.merged_into FROM occurrences o JOIN entities e ON e.id = o.entity_id WHERE o.article_id IN (SELECT id FROM articles WHERE NOT resolved) ORDER BY o.id`)
				if err != nil {
					t.Fatal(err)
				}
				defer rows.Close()
				var out []string
				for rows.Next() {
					var occ, ent int64
					var merged *int64
					if err := rows.Scan(&occ, &ent, &merged); err != nil {
						t.Fatal(err)
					}
					if merged != nil {
						t.Errorf("occurrence %d saved in entity %d, merged into %d", occ, ent, *merged)
					}
					out = append(out, fmt.Sprintf("%d:%d", occ, ent))
				}
				return out, kept
			}
			want, lookedKept := run(0)
			got, kept := run(1 << 20)
			if len(want) == 0 {
				t.Fatal("no new occurrences")
			}
			if !slices.Equal(got, want) {
				t.Errorf("batches reading every name give %d occurrences other entities than batches that look them up", diff(got, want))
				for i := range min(len(got), len(want)) {
					if got[i] != want[i] {
						t.Logf("first: occurrence:entity %s, want %s", got[i], want[i])
						break
					}
				}
			}
			if lookedKept {
				t.Error("the log kept every name when the batches looked their names up")
			}
			if kept != tc.kept {
				t.Errorf("the log kept every name: %v, want %v", kept, tc.kept)
			}
		})
	}
}

// diff returns how many of a and b differ, place by place, and by length.
func diff(a, b []string) int {
	n := max(len(a), len(b)) - min(len(a), len(b))
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			n++
		}
	}
	return n
}

// TestAliasIndex checks that the aliases a grown store's first look-up
// reads (readAliases) find what findCandidates finds in the store, by
// norm and by vkey, for the keys of new articles' names.
func TestAliasIndex(t *testing.T) {
	ctx := context.Background()
	db := openFresh(t, filepath.Join(t.TempDir(), "kb.db"))
	saveGenerated(t, db, storetest.NewGen(7, 40, 8, 6), 0, 120)
	if _, err := db.Resolve(ctx); err != nil {
		t.Fatal(err)
	}
	g := storetest.NewGen(7, 400, 8, 6)
	var saves []*saving
	for i := 120; i < 200; i++ {
		a, x := g.Article(i)
		s, err := db.prepareSave(a, x)
		if err != nil {
			t.Fatal(err)
		}
		saves = append(saves, s)
	}
	keys := keysOf(planOccs(saves, false))
	conn, err := db.SQL().Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	ix, err := db.readAliases(ctx, conn, 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range []struct {
		col  string
		keys map[string]typeSet
		in   map[string][]candidate
	}{{"norm", keys.norm, ix.norm}, {"vkey", keys.vkey, ix.vkey}} {
		want, got := map[candidate]bool{}, map[candidate]bool{}
		var wantRows, gotRows []aliasRow
		if err := db.findCandidates(ctx, conn, k.col, k.keys, want, &wantRows); err != nil {
			t.Fatal(err)
		}
		ix.find(k.in, k.keys, got, &gotRows)
		if len(want) == 0 {
			t.Fatalf("%s: the store finds no candidate of %d keys", k.col, len(k.keys))
		}
		if !maps.Equal(got, want) {
			t.Errorf("%s: the aliases read find %d candidates, the store %d", k.col, len(got), len(want))
		}
		order := func(a, b aliasRow) int { return cmp.Or(strings.Compare(a.key, b.key), cmp.Compare(a.c.id, b.c.id)) }
		slices.SortFunc(wantRows, order)
		slices.SortFunc(gotRows, order)
		if !slices.Equal(gotRows, wantRows) {
			t.Errorf("%s: the aliases read give %d rows, the store %d", k.col, len(gotRows), len(wantRows))
		}
	}
}
