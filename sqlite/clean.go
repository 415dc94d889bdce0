package sqlite

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// A database closed cleanly is left whole in its file (the last
// connection's close copies the write-ahead log into it and removes the
// log), and Close then writes beside it, in PATH-clean, the file's size
// and modification time. An Open that finds the file as that stamp says,
// and no log beside it, skips the integrity check: nothing has written to
// the file since a close that ended every write. A process killed while
// writing leaves its log, and anything that writes to the file after the
// close (another program, a damaged copy put in its place) changes its
// time: the check runs then, as it does for a file that has no stamp (made
// by an older version, copied without it) or a "file:" URI.

// stampSuffix names the stamp of a clean close beside the database.
const stampSuffix = "-clean"

// stampPath returns the file of the stamp of a clean close of the database
// path, or "" for one in memory or named by a "file:" URI.
func stampPath(path string) string {
	if path == ":memory:" || strings.HasPrefix(path, "file:") {
		return ""
	}
	return path + stampSuffix
}

// stamp returns what the stamp of a clean close of the file path says of
// it, or "" when it cannot be read.
func stamp(path string) string {
	fi, err := os.Stat(path)
	if err != nil || !fi.Mode().IsRegular() {
		return ""
	}
	return fmt.Sprintf("factions clean close: size %d, modified %d\n", fi.Size(), fi.ModTime().UnixNano())
}

// closedCleanly reports whether the database file path is as a clean
// close left it: its stamp matches it and no write-ahead log is beside it.
func closedCleanly(path string) bool {
	sp := stampPath(path)
	if sp == "" || hasLog(path) {
		return false
	}
	want := stamp(path)
	got, err := os.ReadFile(sp)
	return err == nil && want != "" && string(got) == want
}

// hasLog reports whether a write-ahead log (or a rollback journal) is
// beside the database file path, or beside the file it links to (where
// SQLite makes it), or may be.
func hasLog(path string) bool {
	for _, p := range []string{path, realPath(path)} {
		for _, suffix := range []string{"-wal", "-journal"} {
			if _, err := os.Lstat(p + suffix); !os.IsNotExist(err) {
				return true
			}
		}
	}
	return false
}

// realPath returns path with its symbolic links followed, or path.
func realPath(path string) string {
	if p, err := filepath.EvalSymlinks(path); err == nil {
		return p
	}
	return path
}

// markClean writes the stamp of a clean close of the database file path,
// when its close left no write-ahead log (else another connection may
// still write to it). It is best effort: a
// stamp that cannot be written only makes the next Open check the file.
func markClean(path string) {
	sp := stampPath(path)
	if sp == "" {
		return
	}
	s := stamp(path)
	if s == "" || hasLog(path) {
		return
	}
	tmp := sp + ".tmp"
	if err := os.WriteFile(tmp, []byte(s), 0o644); err != nil {
		os.Remove(tmp)
		return
	}
	if err := os.Rename(tmp, sp); err != nil {
		os.Remove(tmp)
	}
}

// unmarkClean removes the stamp of a clean close of the database path.
func unmarkClean(path string) {
	if sp := stampPath(path); sp != "" {
		os.Remove(sp)
	}
}
