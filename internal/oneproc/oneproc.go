// Package oneproc runs the initialization of the packages of a program on
// one processor, and gives the program its processors back before main.
//
// A Go program starts with GOMAXPROCS processors, each with its own cache
// of memory spans to allocate from. With two, the package inits of
// cmd/factions touch some 60 more pages of the Go heap than with one (360
// page faults in the heap against 300, of a one-line extract's 750), and on
// a machine where a page fault is dear that is a millisecond. Imported by
// the main package for its side effect, this package sets GOMAXPROCS to 1
// when it is initialized: it imports only the runtime, so it is among the
// first, before the packages that allocate in their inits. The main
// package's init calls Restore.
package oneproc

import "runtime"

// procs is the GOMAXPROCS setting of the program before its package inits.
var procs = runtime.GOMAXPROCS(1)

// Restore gives the program the processors it had before the package
// inits: the GOMAXPROCS environment variable's setting when it was set
// (envSet), else the runtime's default, which the runtime keeps updated
// as it does when nothing set it.
func Restore(envSet bool) {
	if envSet {
		runtime.GOMAXPROCS(procs)
		return
	}
	runtime.SetDefaultGOMAXPROCS()
}
