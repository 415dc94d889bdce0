package sqlite

import (
	"context"
	"path/filepath"
	"testing"
	"unsafe"

	"modernc.org/libc"
	sqlite3 "modernc.org/sqlite/lib"
)

// statusNow and statusMost are what sqlite3_status writes (variables of
// the package, which do not move).
var statusNow, statusMost int32

// TestPageCache checks that the page caches of connections take their
// pages from the memory set aside for them.
func TestPageCache(t *testing.T) {
	db, err := Open(context.Background(), filepath.Join(t.TempDir(), "kb.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if !pageCache {
		t.Fatal("SQLite refused the page cache memory")
	}
	var n int
	if err := db.SQL().QueryRow(`SELECT count(*) FROM sqlite_schema`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	tls := libc.NewTLS()
	defer tls.Close()
	if rc := sqlite3.Xsqlite3_status(tls, sqlite3.SQLITE_STATUS_PAGECACHE_USED,
		uintptr(unsafe.Pointer(&statusNow)), uintptr(unsafe.Pointer(&statusMost)), 0); rc != sqlite3.SQLITE_OK {
		t.Fatalf("sqlite3_status: %d", rc)
	}
	if statusMost == 0 {
		t.Fatalf("no page taken from the page cache memory (%d tables)", n)
	}
}
