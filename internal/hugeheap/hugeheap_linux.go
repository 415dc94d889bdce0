//go:build linux

package hugeheap

import (
	"runtime"
	"syscall"
)

func reserve(n int) bool {
	// A large object is mapped fresh and not touched (the runtime knows
	// fresh memory is zero): the advice marks the mapping, which stays
	// when the object is freed and its pages are handed out again.
	b := make([]byte, n)
	err := syscall.Madvise(b, syscall.MADV_HUGEPAGE)
	runtime.KeepAlive(b)
	b = nil
	// without it the next collection's goal would count the object
	runtime.GC()
	return err == nil
}
