package ingest_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/factions/factions"
	"github.com/factions/factions/ingest"
)

func writeManifest(t testing.TB, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func day(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestReadManifest(t *testing.T) {
	tests := []struct {
		name, file, content string
		want                map[string]ingest.Meta // by file name relative to the manifest
		err                 string                 // part of the error message
	}{
		{
			name: "TSV", file: "SOURCES.tsv",
			content: "file\tscore\tdate\toutlet\ttitle\n" +
				"0001.txt\t12.8\t1950-01-20\tIndian Express\tPlanning Body\n" +
				"0002.txt\t8.5\t\tHindustan times\t\n" +
				"\n" +
				"sub/0003.txt\t1\t2024-02-09 10:30:00\t\tA \"quoted\" title\n",
			want: map[string]ingest.Meta{
				"0001.txt":     {Source: "Indian Express", Title: "Planning Body", Published: day("1950-01-20")},
				"0002.txt":     {Source: "Hindustan times"},
				"sub/0003.txt": {Title: `A "quoted" title`, Published: time.Date(2024, 2, 9, 10, 30, 0, 0, time.UTC)},
				"0004.txt":     {},
			},
		},
		{
			name: "ScrapeColumns", file: "SOURCES.tsv",
			content: "file\tsource_path\tlink\tdate_published\tdateList\toutlet\n" +
				"0001.txt\tdata/x.json\thttps://example.org/1\t2025-01-01T08:31:39.000Z\t2025-01-01\tDaily Example (example.org)\n",
			want: map[string]ingest.Meta{
				"0001.txt": {URL: "https://example.org/1", Published: time.Date(2025, 1, 1, 8, 31, 39, 0, time.UTC), Source: "Daily Example (example.org)"},
			},
		},
		{
			name: "CSV", file: "meta.csv",
			content: "\ufeffPath,Headline,Published,Link,Publisher\n" +
				"a.html,\"Party splits, again\",2 January 2023,https://example.org/a,Daily Ledger\n",
			want: map[string]ingest.Meta{
				"a.html": {Title: "Party splits, again", Published: day("2023-01-02"), URL: "https://example.org/a", Source: "Daily Ledger"},
			},
		},
		{name: "NoFileColumn", file: "m.tsv", content: "title\tdate\nx\t2020-01-01\n", err: "no file column"},
		{name: "Empty", file: "m.tsv", content: "", err: "empty manifest"},
		{name: "BadDate", file: "m.tsv", content: "file\tdate\na.txt\t2020-01-01\nb.txt\tyesterday\n", err: `line 3: date "yesterday"`},
		{name: "NoFile", file: "m.tsv", content: "file\tdate\n\t2020-01-01\n", err: "line 2: no file named"},
		{name: "Twice", file: "m.tsv", content: "file\na.txt\n./a.txt\n", err: "line 3: ./a.txt is named twice"},
		{name: "BadCSV", file: "m.csv", content: "file,title\na.txt,\"unclosed\n", err: "m.csv"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			m, err := ingest.ReadManifest(writeManifest(t, dir, tt.file, tt.content))
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) || !strings.Contains(err.Error(), tt.file) {
					t.Fatalf("got error %v, want one naming %s and saying %q", err, tt.file, tt.err)
				}
				if factions.ErrorCode(err) != factions.EINVALID {
					t.Errorf("error code %q, want %q", factions.ErrorCode(err), factions.EINVALID)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			for f, want := range tt.want {
				got, ok := m.Meta(filepath.Join(dir, filepath.FromSlash(f)))
				if ok != (want != ingest.Meta{}) {
					t.Errorf("%s: named = %v", f, ok)
				}
				if got != want {
					t.Errorf("%s: got %+v, want %+v", f, got, want)
				}
			}
			if _, ok := m.Meta(filepath.Join(dir, "unlisted.txt")); ok {
				t.Errorf("a file the manifest does not name has metadata")
			}
		})
	}
	t.Run("Missing", func(t *testing.T) {
		_, err := ingest.ReadManifest(filepath.Join(t.TempDir(), "none.tsv"))
		if err == nil || !strings.Contains(err.Error(), "no such file") {
			t.Fatalf("got %v, want no such file", err)
		}
	})
}

func TestMetaOver(t *testing.T) {
	base := ingest.Meta{Source: "Manifest Post", Title: "From the manifest", Published: day("2020-01-01")}
	got := ingest.Meta{Source: "Flag Daily"}.Over(base)
	want := ingest.Meta{Source: "Flag Daily", Title: "From the manifest", Published: day("2020-01-01")}
	if got != want {
		t.Fatalf("got %+v, want %+v", got, want)
	}
}

func FuzzReadManifest(f *testing.F) {
	f.Add("file\tdate\ttitle\na.txt\t2020-01-01\tT\n", false)
	f.Add("path,published\n\"b.txt\",2 Jan 2006\n", true)
	f.Add("file\n\n\n", false)
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, content string, csv bool) {
		name := "m.tsv"
		if csv {
			name = "m.csv"
		}
		m, err := ingest.ReadManifest(writeManifest(t, dir, name, content))
		if err != nil {
			if factions.ErrorCode(err) != factions.EINVALID || strings.Contains(err.Error(), "\n") {
				t.Fatalf("error %q: want a one-line EINVALID error", err)
			}
			return
		}
		if _, ok := m.Meta(filepath.Join(dir, "unlisted.txt")); ok {
			t.Fatal("a file the manifest does not name has metadata")
		}
	})
}

func TestManifestMissing(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "0001.txt"), []byte("An article."), 0o644); err != nil {
		t.Fatal(err)
	}
	sheet := writeManifest(t, dir, "SOURCES.tsv", "file\tdate\n0001.txt\t2024-01-01\n0003.txt\t2024-01-03\n0002.txt\t2024-01-02\n")
	m, err := ingest.ReadManifest(sheet)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, err := range m.Missing() {
		if factions.ErrorCode(err) != factions.EINVALID || !strings.Contains(err.Error(), sheet) {
			t.Errorf("%v: want an EINVALID error naming the sheet", err)
		}
		got = append(got, factions.ErrorMessage(err))
	}
	want := []string{sheet + ": names " + filepath.Join(dir, "0002.txt") + ", which does not exist",
		sheet + ": names " + filepath.Join(dir, "0003.txt") + ", which does not exist"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("Missing() = %q, want %q", got, want)
	}
	var none *ingest.Manifest
	if len(none.Missing()) != 0 {
		t.Error("a nil Manifest names missing files")
	}
}
