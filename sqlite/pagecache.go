package sqlite

import (
	"sync"
	"unsafe"

	"modernc.org/libc"
	"modernc.org/libc/sys/types"
	sqlite3 "modernc.org/sqlite/lib"

	"github.com/factions/factions/internal/hugepages"
)

// pageSlots is how many pages of 4 KiB the page caches of all connections
// hold in the memory set aside for them (SQLITE_CONFIG_PAGECACHE), about
// 4.5 MB: SQLite links every slot into its free list when it starts, so
// they are all resident from the first open (4,096 slots cost a one-file
// ingest 16 MB and 40 ms of page faults). A page beyond them is allocated
// on its own, as every page is without them. Measured on the corpus: peak
// RSS 77–80 MB against 89–90 MB without slots and with 4,096; into a store
// of ten times the corpus's first 100 articles, 0.42–0.45 s and 51 MB
// against 0.48–0.51 s and 61–64 MB. In huge pages (hugepages.Block),
// 4,096 slots were no quicker for a one-file ingest than 1,024.
const pageSlots = 1024

// pageCache tells that SQLite keeps the pages it caches in one block of
// memory set aside for them, up to pageSlots, rather than allocating and
// freeing each one: a connection that closes gives its pages back to the
// block, where the allocator hands each page's memory back to the system
// one call at a time (two thirds of the time of closing a store after an
// ingest). It is set up before the first connection is opened
// (reservePageCache), not when the package is loaded, so that a command
// that opens no store pays nothing. When SQLite refuses (it was started
// already), pages are allocated as before.
var (
	pageCache     bool
	pageCacheOnce sync.Once
)

// reservePageCache sets the page cache memory up, once, before SQLite is
// started by the first connection.
func reservePageCache() { pageCacheOnce.Do(func() { pageCache = setPageCache() }) }

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
	// memory of its own, in huge pages where the system gives them: the
	// slots are all touched at the first open, 1,150 faults of 4 KiB
	var buf uintptr
	free := func() {} // (a mapping of its own, never unmapped, is kept unused)
	if mem, _ := hugepages.Block(size * pageSlots); mem != nil {
		buf = uintptr(unsafe.Pointer(unsafe.SliceData(mem)))
	} else if buf = libc.Xmalloc(tls, types.Size_t(size*pageSlots)); buf == 0 {
		return false
	} else {
		free = func() { libc.Xfree(tls, buf) }
	}
	va = libc.NewVaList(buf, int32(size), int32(pageSlots))
	if va == 0 {
		free()
		return false
	}
	rc = sqlite3.Xsqlite3_config(tls, sqlite3.SQLITE_CONFIG_PAGECACHE, va)
	libc.Xfree(tls, va)
	if rc != sqlite3.SQLITE_OK {
		free()
		return false
	}
	return true
}
