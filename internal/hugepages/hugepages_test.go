package hugepages

import (
	"bufio"
	"fmt"
	"os"
	"runtime"
	"strings"
	"testing"
	"unsafe"
)

// TestReserve checks that, after Reserve, the heap's new objects lie in a
// mapping marked for huge pages ("hg" in /proc/self/smaps).
func TestReserve(t *testing.T) {
	if runtime.GOOS != "linux" {
		if Reserve(1 << 20) {
			t.Fatal("Reserve took advice on a system without it")
		}
		t.Skip("huge-page advice is Linux's")
	}
	if _, err := os.Stat("/sys/kernel/mm/transparent_hugepage/enabled"); err != nil {
		t.Skip("this kernel has no transparent huge pages")
	}
	if !Reserve(64 << 20) {
		t.Fatal("Reserve: madvise refused")
	}
	var kept [][]byte
	for range 64 {
		kept = append(kept, make([]byte, 64<<10))
	}
	flags, err := vmFlags(uintptr(unsafe.Pointer(&kept[len(kept)-1][0])))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(" "+flags+" ", " hg ") {
		t.Errorf("the mapping of a new object has flags %q, want hg among them", flags)
	}
}

// vmFlags returns the VmFlags line of the mapping of /proc/self/smaps that
// holds the address p.
func vmFlags(p uintptr) (string, error) {
	f, err := os.Open("/proc/self/smaps")
	if err != nil {
		return "", err
	}
	defer f.Close()
	in := false
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		var lo, hi uintptr
		if n, _ := fmt.Sscanf(line, "%x-%x ", &lo, &hi); n == 2 {
			in = lo <= p && p < hi
			continue
		}
		if in && strings.HasPrefix(line, "VmFlags:") {
			return strings.TrimSpace(strings.TrimPrefix(line, "VmFlags:")), nil
		}
	}
	if err := sc.Err(); err != nil {
		return "", err
	}
	return "", fmt.Errorf("no mapping of /proc/self/smaps holds %#x", p)
}
