package sqlite_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"testing"
	"time"

	"github.com/factions/factions/sqlite"
)

// TestOpenAfterCleanClose checks that Open skips the integrity check of a
// file as a clean close left it, and runs it on a file changed since or
// with a write-ahead log beside it (a process killed while writing).
func TestOpenAfterCleanClose(t *testing.T) {
	ctx := context.Background()
	// made returns a database closed cleanly, damaged in the pages of
	// the articles' texts with its time put back as the close left it:
	// only the check finds the damage.
	made := func(t *testing.T) string {
		path := storedFile(t)
		if _, err := os.Stat(path + "-clean"); err != nil {
			t.Fatalf("no stamp of the clean close: %v", err)
		}
		fi, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		damage(t, path, fi.Size()-3*4096+8, bytes.Repeat([]byte{0xff}, 2*4096))
		if err := os.Chtimes(path, fi.ModTime(), fi.ModTime()); err != nil {
			t.Fatal(err)
		}
		return path
	}
	t.Run("Clean", func(t *testing.T) {
		db, err := sqlite.Open(ctx, made(t))
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		if err := db.Check(ctx); err != nil {
			t.Fatalf("Check = %v, want nil: a file as a clean close left it is not checked", err)
		}
	})
	for _, tc := range []struct {
		name   string
		change func(t *testing.T, path string)
	}{
		{"Log", func(t *testing.T, path string) {
			if err := os.WriteFile(path+"-wal", nil, 0o644); err != nil {
				t.Fatal(err)
			}
		}},
		{"Touched", func(t *testing.T, path string) {
			if err := os.Chtimes(path, time.Unix(1e9, 0), time.Unix(1e9, 0)); err != nil {
				t.Fatal(err)
			}
		}},
		{"NoStamp", func(t *testing.T, path string) {
			if err := os.Remove(path + "-clean"); err != nil {
				t.Fatal(err)
			}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := made(t)
			tc.change(t, path)
			db, err := sqlite.Open(ctx, path)
			if err == nil {
				err = db.Check(ctx)
				db.Close()
			}
			if !errors.Is(err, sqlite.ErrCorrupt) {
				t.Fatalf("Open, Check = %v, want ErrCorrupt", err)
			}
			if _, err := os.Stat(path + "-clean"); err == nil {
				t.Error("the close of a corrupt database left a stamp of a clean close")
			}
		})
	}
}
