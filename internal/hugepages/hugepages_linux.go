//go:build linux

package hugepages

import (
	"math"
	"runtime"
	"syscall"
	"unsafe"
)

func reserve(n int) bool {
	if math.MaxInt == math.MaxInt32 {
		// a 32-bit address space may have no room for the stretch
		return false
	}
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

// hugePage is the size of a huge page on the architectures Go supports
// on Linux with 4 KiB pages.
const hugePage = 2 << 20

func block(n int) ([]byte, bool) {
	// mapped with a huge page to spare, the block starts at the first
	// boundary of one; the pages before and after are never touched
	m, err := syscall.Mmap(-1, 0, n+hugePage, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_ANON|syscall.MAP_PRIVATE)
	if err != nil {
		return nil, false
	}
	skip := 0
	if r := addr(m) % hugePage; r != 0 {
		skip = int(hugePage - r)
	}
	b := m[skip : skip+n : skip+n]
	return b, syscall.Madvise(b, syscall.MADV_HUGEPAGE) == nil
}

// addr is the address of b's first byte.
func addr(b []byte) uintptr { return uintptr(unsafe.Pointer(unsafe.SliceData(b))) }
