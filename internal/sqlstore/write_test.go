package sqlstore

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/factions/factions"
	"github.com/factions/factions/resolve"
)

// TestEachInsert checks how rows are split into multi-row inserts: up to
// maxRows a statement, each a multiple of rowStep or fewer, in order.
func TestEachInsert(t *testing.T) {
	for _, tc := range []struct {
		name string
		rows int
		want []int
	}{
		{"None", 0, nil},
		{"One", 1, []int{1}},
		{"UnderStep", 7, []int{7}},
		{"Step", 8, []int{8}},
		{"StepAndRest", 45, []int{40, 5}},
		{"Max", 64, []int{64}},
		{"MaxAndOne", 65, []int{64, 1}},
		{"MaxStepAndRest", 77, []int{64, 8, 5}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var rows []any // two values a row
			for i := range tc.rows {
				rows = append(rows, i, "x")
			}
			var got []int
			next := 0
			err := (&DB{}).eachInsert("INSERT INTO t (a, b) VALUES ", 2, rows, func(q string, args []any) error {
				n := strings.Count(q, "(?, ?)")
				if len(args) != 2*n {
					t.Errorf("%d arguments for %d rows", len(args), n)
				}
				for i := 0; i < len(args); i += 2 {
					if args[i] != next {
						t.Errorf("got row %v, want row %d", args[i], next)
					}
					next++
				}
				got = append(got, n)
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got statements of %v rows, want %v", got, tc.want)
			}
		})
	}
}

// TestProvisionalReason checks that the reasons occurrences are saved with
// are those resolution gives two occurrences of one name in two articles:
// none for the first, sameName for the second. (Were they not, every
// occurrence's reason would be written again by resolution.)
func TestProvisionalReason(t *testing.T) {
	day := time.Date(2020, 3, 1, 0, 0, 0, 0, time.UTC)
	in := &resolve.Input{
		Articles: []resolve.Article{{ID: 1, Hash: "a", Date: day}, {ID: 2, Hash: "b", Date: day.AddDate(0, 0, 1)}},
		Occurrences: []resolve.Occurrence{
			{ID: 1, Article: 1, Type: factions.Person, Name: "Ilse Varga", Names: []string{"Ilse Varga"}},
			{ID: 2, Article: 2, Type: factions.Person, Name: "Ilse Varga", Names: []string{"Ilse Varga"}},
		},
	}
	res := resolve.Resolve(in, nil)
	if len(res.Entities) != 1 {
		t.Fatalf("%d entities: want one", len(res.Entities))
	}
	for id, made := range map[int64]bool{1: true, 2: false} {
		if got, want := res.Entities[0].Reasons[id], provisionalReason(made); got != want {
			t.Errorf("occurrence %d: resolution gives %q, saved with %q", id, got, want)
		}
	}
}
