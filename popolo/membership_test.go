package popolo

import (
	"slices"
	"testing"
	"time"

	"github.com/factions/factions"
)

// TestNumberPosts checks that posts are numbered by the claim that first
// names each, then by their entity and role when one claim first names
// several, whatever the order the map of posts gives them in.
func TestNumberPosts(t *testing.T) {
	early := &factions.Claim{ID: 1, Date: time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)}
	late := &factions.Claim{ID: 2, Date: time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC)}
	for range 20 { // a map's order changes from one range to the next
		x := &exporter{posts: map[postKey]*post{
			{obj: 9, role: "treasurer"}:           {first: early, p: &Post{Label: "9 treasurer"}},
			{obj: 3, role: "secretary"}:           {first: early, p: &Post{Label: "3 secretary"}},
			{obj: 3, role: "general secretary"}:   {first: early, p: &Post{Label: "3 general secretary"}},
			{obj: 1, role: "information officer"}: {first: late, p: &Post{Label: "1 information officer"}},
		}}
		var got []string
		for _, p := range x.numberPosts() {
			got = append(got, p.ID+" "+p.Label)
		}
		want := []string{"post/1 3 general secretary", "post/2 3 secretary", "post/3 9 treasurer", "post/4 1 information officer"}
		if !slices.Equal(got, want) {
			t.Fatalf("posts numbered %q, want %q", got, want)
		}
	}
}
