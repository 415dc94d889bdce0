package extract

import (
	"context"
	"fmt"
	"reflect"
	"runtime"
	"strings"
	"testing"
)

// TestPiecesJoinInOrder checks that Extract, which reads the pieces of a
// long text several at once, gives what reading them one by one and
// joining their results in order gives: the same entities, in the same
// order, with the same mentions, claims and statements. The pieces differ
// (names and parties change from article to article) and are more than a
// round of workers, so that some rounds join results that finished out of
// order.
func TestPiecesJoinInOrder(t *testing.T) {
	if testing.Short() {
		t.Skip("extracts 3.5 MB twice")
	}
	first := []string{"Talia", "Oren", "Mira", "Dov", "Sela", "Ravi", "Ines", "Kofi"}
	last := []string{"Vantor", "Quell", "Brisk", "Amberly", "Tzoran", "Hollis", "Mercado", "Osei"}
	parties := []string{"Unity Front", "People's League", "Reform Alliance", "Green Union"}
	var b strings.Builder
	for i := 0; b.Len() < 7<<19; i++ {
		p, q := first[i%len(first)]+" "+last[(i/3)%len(last)], first[(i+3)%len(first)]+" "+last[(i/5)%len(last)]
		party := parties[(i/7)%len(parties)]
		fmt.Fprintf(&b, "%s was elected leader of the %s on Monday. "+
			"\"We will contest every seat,\" %s told reporters in Valdora.\n\n"+
			"%s, the party's general secretary, denied that the %s had split, a spokesman said.\n\n", p, party, p, q, party)
	}
	text := b.String()
	x := New()
	// one piece after another, as Extract read them before
	j := newJoiner()
	pieces := 0
	for start := 0; start < len(text); pieces++ {
		end := chunkEnd(text, start)
		r, err := x.extract(context.Background(), text[start:end])
		if err != nil {
			t.Fatal(err)
		}
		j.add(r, start)
		start = end
	}
	if pieces < 4 {
		t.Fatalf("%d pieces: the text is too short for the test", pieces)
	}
	// three workers a round, whatever the CPUs, so that a round holds
	// several pieces and the last round fewer
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(3))
	got, err := x.Extract(context.Background(), text)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, j.out) {
		t.Errorf("reading %d pieces at once differs from reading them in turn: %d entities, %d claims, %d statements against %d, %d, %d",
			pieces, len(got.Entities), len(got.Claims), len(got.Statements), len(j.out.Entities), len(j.out.Claims), len(j.out.Statements))
	}
	if len(got.Claims) == 0 || len(got.Statements) == 0 {
		t.Errorf("no claims or statements: the test text reads as nothing (%d entities)", len(got.Entities))
	}
}
