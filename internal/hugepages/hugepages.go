// Package hugepages asks the system to back memory with huge pages where
// it gives them only on request (Linux with transparent huge pages set to
// "madvise", the default of Debian and Ubuntu).
//
// A batch job that builds a heap of a hundred megabytes or more touches
// tens of thousands of fresh 4 KiB pages, and on a virtual machine each
// first touch is a page fault of several microseconds: a fifth of an
// ingest's CPU on the machine issue 13 was measured on. With huge pages a
// fault brings in 2 MiB. The Go runtime no longer advises huge pages for
// its heap (it did in Go 1.21.0 only), so Reserve maps a stretch of heap
// at once, advises huge pages for it and hands it back to the runtime,
// which allocates from it from then on. Nothing else changes: the memory
// is the runtime's, freed and reused as before. Block maps memory outside
// the heap (SQLite's page cache) the same way.
package hugepages

// Reserve maps n bytes of Go heap, advises the system to back them with
// huge pages, and frees them again, running a garbage collection so that
// the collector's pacing starts from the heap as it was. It reports
// whether the advice was taken (false where the system has no such
// advice). Call it once, early, in a command whose heap grows large.
func Reserve(n int) bool { return reserve(n) }

// Block returns n bytes of zeroed memory outside the Go heap, never
// freed, and whether the system was advised to back them with huge
// pages (aligned to 2 MiB for that). It returns nil where the system
// maps no such memory (then the caller allocates its own).
func Block(n int) (mem []byte, advised bool) { return block(n) }
