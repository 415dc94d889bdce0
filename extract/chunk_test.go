package extract_test

import (
	"context"
	"strings"
	"testing"

	"github.com/factions/factions"
	"github.com/factions/factions/extract"
)

// TestExtractLongText reads a text of many short articles run together,
// longer than Extract reads at once: its spans are the whole text's, an
// entity every article names is one entity with every mention, and each
// article's facts are there once.
func TestExtractLongText(t *testing.T) {
	article := "Rafiq Zardan founded the Unity Front in Valdora. " +
		"\"We will win,\" Zardan told reporters.\n\n" +
		"Noor Halvi, the general secretary of the Unity Front, said the party would contest every seat.\n\n"
	x := extract.New()
	one, err := x.Extract(context.Background(), article)
	if err != nil {
		t.Fatal(err)
	}
	n := (5<<18)/len(article) + 1 // 1.25 MB: two pieces
	text := strings.Repeat(article, n)
	all, err := x.Extract(context.Background(), text)
	if err != nil {
		t.Fatal(err)
	}
	checkSpans(t, text, all)
	seen := map[string]bool{}
	for _, e := range all.Entities {
		k := string(e.Type) + "|" + e.Name
		if seen[k] {
			t.Errorf("entity %s twice", k)
		}
		seen[k] = true
	}
	mentions := func(x *factions.Extraction, name string) int {
		for _, e := range x.Entities {
			if e.Name == name {
				return len(e.Mentions)
			}
		}
		return 0
	}
	if got, want := mentions(all, "Rafiq Zardan"), n*mentions(one, "Rafiq Zardan"); got != want || want == 0 {
		t.Errorf("Rafiq Zardan: %d mentions, want %d", got, want)
	}
	if len(all.Claims) != len(one.Claims) || len(one.Claims) == 0 {
		t.Errorf("%d claims, want the article's %d", len(all.Claims), len(one.Claims))
	}
	if got, want := len(all.Statements), n*len(one.Statements); got != want || want == 0 {
		t.Errorf("%d statements, want %d", got, want)
	}
}
