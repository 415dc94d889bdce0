package factions_test

import (
	"context"
	"testing"

	"github.com/factions/factions"
)

func TestResolveStateFullDue(t *testing.T) {
	for _, tc := range []struct {
		name                string
		occurrences, atFull int64
		want                bool
	}{
		{"Small", 19_999, 19_000, true},
		{"NeverFull", 500_000, 0, true},
		{"GrownLittle", 110_000, 100_000, false},
		{"GrownAnEighth", 112_500, 100_000, false},
		{"GrownMore", 112_501, 100_000, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			st := &factions.ResolveState{Occurrences: tc.occurrences, AtFull: tc.atFull}
			if got := st.FullDue(); got != tc.want {
				t.Errorf("FullDue() = %v, want %v", got, tc.want)
			}
		})
	}
}

// fakeResolver records which resolution ResolveNew asked for.
type fakeResolver struct {
	state  factions.ResolveState
	called string
	ids    []int64
}

func (f *fakeResolver) Resolve(context.Context) (*factions.ResolveStats, error) {
	f.called = "full"
	return &factions.ResolveStats{}, nil
}

func (f *fakeResolver) ResolveArticles(_ context.Context, ids []int64) (*factions.ResolveStats, error) {
	f.called, f.ids = "new", ids
	return &factions.ResolveStats{}, nil
}

func (f *fakeResolver) ResolveState(context.Context) (*factions.ResolveState, error) {
	st := f.state
	return &st, nil
}

func TestResolveNew(t *testing.T) {
	big := factions.ResolveState{Unresolved: []int64{7, 9}, Occurrences: 105_000, AtFull: 100_000}
	grown := factions.ResolveState{Unresolved: []int64{7, 9}, Occurrences: 150_000, AtFull: 100_000}
	for _, tc := range []struct {
		name  string
		state factions.ResolveState
		mode  factions.ResolveMode
		want  string
	}{
		{"AutoBig", big, factions.ResolveAuto, "new"},
		{"AutoGrown", grown, factions.ResolveAuto, "full"},
		{"Full", big, factions.ResolveFull, "full"},
		{"Scoped", grown, factions.ResolveScoped, "new"},
		{"NothingNew", factions.ResolveState{Occurrences: 105_000, AtFull: 100_000}, factions.ResolveAuto, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := &fakeResolver{state: tc.state}
			if _, err := factions.ResolveNew(context.Background(), f, tc.mode); err != nil {
				t.Fatal(err)
			}
			if f.called != tc.want {
				t.Errorf("called %q, want %q", f.called, tc.want)
			}
			if f.called == "new" && len(f.ids) != len(tc.state.Unresolved) {
				t.Errorf("resolved articles %v, want %v", f.ids, tc.state.Unresolved)
			}
		})
	}
}
