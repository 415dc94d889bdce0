package sqlite

import (
	"unsafe"

	"modernc.org/libc"
	"modernc.org/libc/sys/types"
	sqlite3 "modernc.org/sqlite/lib"
)

// pageSlots is how many pages of 4 KiB the page caches of all connections
// hold in the memory set aside for them (SQLITE_CONFIG_PAGECACHE): a
// writer's 8 MiB twice over. A page beyond them is allocated on its own,
// as every page is without it.
const pageSlots = 4096

// pageCache, set when the package is loaded, before any connection is
// opened, makes SQLite keep the pages it caches in one block of memory
// set aside for them, rather than allocating and freeing each one: a
// connection that closes gives its pages back to the block, where the
// allocator would hand each page's memory back to the system one call at
// a time (two thirds of the time of closing a store after an ingest). The
// block is reserved, not used: only the pages a cache fills take memory.
// When SQLite refuses (it was started already), pages are allocated as
// before.
var pageCache = setPageCache()

// pageHeader is what SQLite says it keeps beside each cached page.
var pageHeader int32

func setPageCache() bool {
	tls := libc.NewTLS()
	defer tls.Close()
	// the bytes SQLite keeps beside each page, written to a variable of
	// the package (which does not move)
	va := libc.NewVaList(uintptr(unsafe.Pointer(&pageHeader)))
	if va == 0 {
		return false
	}
	rc := sqlite3.Xsqlite3_config(tls, sqlite3.SQLITE_CONFIG_PCACHE_HDRSZ, va)
	libc.Xfree(tls, va)
	if rc != sqlite3.SQLITE_OK {
		return false
	}
	size := (4096 + int(pageHeader) + 7) &^ 7
	buf := libc.Xmalloc(tls, types.Size_t(size*pageSlots))
	if buf == 0 {
		return false
	}
	va = libc.NewVaList(buf, int32(size), int32(pageSlots))
	if va == 0 {
		libc.Xfree(tls, buf)
		return false
	}
	rc = sqlite3.Xsqlite3_config(tls, sqlite3.SQLITE_CONFIG_PAGECACHE, va)
	libc.Xfree(tls, va)
	if rc != sqlite3.SQLITE_OK {
		libc.Xfree(tls, buf)
		return false
	}
	return true
}
