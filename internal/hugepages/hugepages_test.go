package hugepages

import (
	"bufio"
	"fmt"
	"math"
	"os"
	"runtime"
	"slices"
	"strings"
	"testing"
	"unsafe"
)

// TestReserve checks that, after Reserve, the heap's new objects come to
// lie in a mapping marked for huge pages ("hg" in /proc/self/smaps): the
// allocator fills the heap's lowest free pages first, so a few objects may
// lie below the advised stretch, not all of 16 MiB of them.
func TestReserve(t *testing.T) {
	if runtime.GOOS != "linux" && Reserve(1<<20) {
		t.Fatal("Reserve took advice on a system without it")
	}
	needTHP(t)
	if math.MaxInt == math.MaxInt32 {
		if Reserve(1 << 20) {
			t.Fatal("Reserve took advice in a 32-bit address space")
		}
		t.Skip("Reserve leaves a 32-bit address space alone")
	}
	if !Reserve(64 << 20) {
		t.Fatal("Reserve: madvise refused")
	}
	var kept [][]byte
	for range 256 {
		kept = append(kept, make([]byte, 64<<10))
	}
	advised := 0
	for _, b := range kept {
		if _, hg := hugeFlag(t, b); hg {
			advised++
		}
	}
	t.Logf("%d of %d new objects of 64 KiB lie in a mapping advised for huge pages", advised, len(kept))
	if advised == 0 {
		t.Errorf("none of %d new objects of 64 KiB lies in a mapping advised for huge pages", len(kept))
	}
}

// TestBlock checks that Block's memory is aligned to a huge page, zeroed,
// writable and advised for huge pages.
func TestBlock(t *testing.T) {
	needTHP(t)
	b, advised := Block(3 << 20)
	if len(b) != 3<<20 || !advised {
		t.Fatalf("Block: %d bytes, advised %v", len(b), advised)
	}
	if p := uintptr(unsafe.Pointer(&b[0])); p%(2<<20) != 0 {
		t.Errorf("Block's memory starts at %#x, not at a huge page's boundary", p)
	}
	for i := 0; i < len(b); i += 4096 {
		if b[i] != 0 {
			t.Fatalf("byte %d is %d, want 0", i, b[i])
		}
		b[i] = 1
	}
	if flags, hg := hugeFlag(t, b); !hg {
		t.Errorf("Block's mapping has flags %q, want hg among them", flags)
	}
}

// needTHP skips t unless the system is Linux with transparent huge pages.
func needTHP(t *testing.T) {
	t.Helper()
	if runtime.GOOS != "linux" {
		t.Skip("huge-page advice is Linux's")
	}
	if _, err := os.Stat("/sys/kernel/mm/transparent_hugepage/enabled"); err != nil {
		t.Skip("this kernel has no transparent huge pages")
	}
}

// hugeFlag returns the flags of the mapping that holds b's first byte and
// whether they mark it for huge pages ("hg").
func hugeFlag(t *testing.T, b []byte) (flags string, hg bool) {
	t.Helper()
	flags, err := vmFlags(uintptr(unsafe.Pointer(&b[0])))
	if err != nil {
		t.Fatal(err)
	}
	return flags, slices.Contains(strings.Fields(flags), "hg")
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
