package extract_test

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/factions/factions/extract"
	"github.com/factions/factions/samples"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// TestGolden extracts every sample article and compares the output in the
// interchange format with testdata/NAME.golden.json. Run with -update to
// rewrite them, then review the diff as you would code.
func TestGolden(t *testing.T) {
	arts, err := samples.Articles()
	if err != nil {
		t.Fatal(err)
	}
	if len(arts) == 0 {
		t.Fatal("no sample articles")
	}
	x := extract.New()
	for _, a := range arts {
		name := strings.TrimSuffix(a.Name, ".txt")
		t.Run(name, func(t *testing.T) {
			res, err := x.Extract(context.Background(), a.Text)
			if err != nil {
				t.Fatal(err)
			}
			checkSpans(t, a.Text, res)
			var got bytes.Buffer
			if err := extract.WriteEval(&got, res); err != nil {
				t.Fatal(err)
			}
			path := filepath.Join("testdata", name+".golden.json")
			if *update {
				if err := os.MkdirAll("testdata", 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, got.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test ./extract -run TestGolden -update to create it)", err)
			}
			if !bytes.Equal(got.Bytes(), want) {
				t.Errorf("extract %s: output differs from %s; run with -update and review the diff\n%s", a.Name, path, firstDiff(got.String(), string(want)))
			}
		})
	}
}

// firstDiff returns the first differing line of two texts.
func firstDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := 0; i < len(g) || i < len(w); i++ {
		var a, b string
		if i < len(g) {
			a = g[i]
		}
		if i < len(w) {
			b = w[i]
		}
		if a != b {
			return "line " + itoa(i+1) + ":\n got  " + a + "\n want " + b
		}
	}
	return ""
}
