package ingest_test

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/factions/factions"
	"github.com/factions/factions/ingest"
)

func TestWalk(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{
		"b.txt", "a.html", "A.TXT", "c.md", "d.xml", "e.rss", "f.atom", "g.htm", "h.text",
		"skip.json", "skip.png", "noext", ".hidden.txt",
		"README.TXT", "readme.md", "LICENSE.txt", "SOURCES.tsv", "sources.txt", "Notice.html",
		"sub/z.txt", "sub/deeper/y.html", "sub/.git/config.txt", ".hidden/x.txt",
	} {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte("text"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	os.Symlink(filepath.Join(dir, "b.txt"), filepath.Join(dir, "link.txt"))
	os.Symlink(filepath.Join(dir, "sub"), filepath.Join(dir, "linkdir"))

	walk := func(root string) ([]string, error) {
		var got []string
		err := ingest.Walk(root, func(path string) error {
			rel, err := filepath.Rel(dir, path)
			if err != nil {
				rel = path
			}
			got = append(got, filepath.ToSlash(rel))
			return nil
		})
		return got, err
	}

	t.Run("Folder", func(t *testing.T) {
		got, err := walk(dir)
		if err != nil {
			t.Fatal(err)
		}
		want := []string{"A.TXT", "a.html", "b.txt", "c.md", "d.xml", "e.rss", "f.atom", "g.htm", "h.text",
			"link.txt", "sub/deeper/y.html", "sub/z.txt"}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("got %q, want %q", got, want)
		}
	})
	t.Run("LinkedFolder", func(t *testing.T) {
		got, err := walk(filepath.Join(dir, "linkdir"))
		if err != nil {
			t.Fatal(err)
		}
		if want := []string{"linkdir/deeper/y.html", "linkdir/z.txt"}; !reflect.DeepEqual(got, want) {
			t.Errorf("got %q, want %q", got, want)
		}
	})
	t.Run("NamedNotesFile", func(t *testing.T) {
		// a file named outright is read, whatever its name
		got, err := walk(filepath.Join(dir, "README.TXT"))
		if err != nil || !reflect.DeepEqual(got, []string{"README.TXT"}) {
			t.Errorf("got %q, %v; want README.TXT", got, err)
		}
	})
	t.Run("NoArticles", func(t *testing.T) {
		empty := filepath.Join(dir, "empty")
		notes := filepath.Join(dir, "notes")
		for _, d := range []string{empty, notes} {
			if err := os.MkdirAll(d, 0o755); err != nil {
				t.Fatal(err)
			}
		}
		if err := os.WriteFile(filepath.Join(notes, "README.txt"), []byte("about"), 0o644); err != nil {
			t.Fatal(err)
		}
		for _, root := range []string{empty, notes} {
			n := 0
			err := ingest.Walk(root, func(string) error { n++; return nil })
			if factions.ErrorCode(err) != factions.EINVALID || !strings.Contains(err.Error(), root) || !strings.Contains(err.Error(), "no article files") || n != 0 {
				t.Errorf("Walk(%s): %v after %d files, want an EINVALID error naming it", root, err, n)
			}
		}
	})
	t.Run("File", func(t *testing.T) {
		got, err := walk(filepath.Join(dir, "skip.json"))
		if err != nil {
			t.Fatal(err)
		}
		if want := []string{"skip.json"}; !reflect.DeepEqual(got, want) {
			t.Errorf("got %q, want %q", got, want)
		}
	})
	t.Run("Stdin", func(t *testing.T) {
		got, err := walk("-")
		if err != nil {
			t.Fatal(err)
		}
		if want := []string{"-"}; !reflect.DeepEqual(got, want) {
			t.Errorf("got %q, want %q", got, want)
		}
	})
	t.Run("NoSuchFile", func(t *testing.T) {
		root := filepath.Join(dir, "missing")
		err := ingest.Walk(root, func(string) error { return nil })
		if factions.ErrorCode(err) != factions.EINVALID || !strings.Contains(err.Error(), root) {
			t.Errorf("got %v, want an EINVALID error naming %s", err, root)
		}
	})
	t.Run("StopsOnError", func(t *testing.T) {
		stop := errors.New("stop")
		n := 0
		err := ingest.Walk(dir, func(string) error { n++; return stop })
		if err != stop || n != 1 {
			t.Errorf("got %v after %d calls, want %v after 1", err, n, stop)
		}
	})
}
