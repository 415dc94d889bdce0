package sqlstore

import (
	"reflect"
	"strings"
	"testing"
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
