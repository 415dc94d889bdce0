package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// BenchmarkExtractProcess runs "factions extract --format eval" as a whole
// process on two long inputs made from ../shared: the seed article of the
// dev set repeated 100 times (331 KB, the comparison with other
// extractors) and 32 MB of corpus articles in one file. It reports the
// milliseconds and the peak resident memory of a run of each, beside a
// hello-world's milliseconds from the same loop, so that a figure can be
// read against the machine of the day. The peak is the child's VmHWM, read
// from /proc while it runs (the kernel's count at exit starts from this
// process's own peak, as the child is cloned from it).
func BenchmarkExtractProcess(b *testing.B) {
	goCmd, err := exec.LookPath("go")
	if err != nil {
		b.Skip("the go command is not found: BenchmarkExtractProcess builds the binary it runs")
	}
	seed, err := os.ReadFile(filepath.Join(cliShared, "eval", "dev", "mqm-new-faction.txt"))
	if err != nil {
		b.Skipf("../shared/eval/dev is absent: the benchmark reads its seed article (%v)", err)
	}
	files, _ := filepath.Glob(filepath.Join(cliShared, "corpus", "*", "*.txt"))
	if len(files) == 0 {
		b.Skip("../shared/corpus is absent: the benchmark's 32 MB input is made of its articles")
	}
	dir := b.TempDir()
	bin := filepath.Join(dir, "factions")
	buildGo(b, goCmd, ".", "-o", bin, ".")
	hello := buildHello(b, goCmd, dir)

	inputs := []struct{ name, path string }{
		{"seed100", filepath.Join(dir, "seed100.txt")},
		{"32MB", filepath.Join(dir, "big.txt")},
	}
	writeInputs(b, seed, files, inputs[0].path, inputs[1].path)
	for _, in := range inputs {
		b.Run(in.name, func(b *testing.B) {
			var ext, base procStat
			var rss int64
			for b.Loop() {
				r, peak := runPeak(b, bin, "extract", "--format", "eval", in.path)
				if !bytes.Contains(r.out, []byte(`"facts"`)) {
					b.Fatalf("extract printed %.200q, want the eval format", r.out)
				}
				ext.add(r)
				rss = max(rss, peak)
				base.add(runProc(b, hello))
			}
			b.ReportMetric(ext.ms(), "extract-ms/op")
			b.ReportMetric(base.ms(), "hello-ms/op")
			b.ReportMetric(float64(rss)/(1<<20), "peak-MB")
		})
	}
}

// writeInputs writes the seed article 100 times over to seedPath and 32 MB
// of the corpus files, over and over, to bigPath.
func writeInputs(b *testing.B, seed []byte, files []string, seedPath, bigPath string) {
	b.Helper()
	var seed100 bytes.Buffer
	for range 100 {
		seed100.Write(seed)
		seed100.WriteString("\n")
	}
	var big bytes.Buffer
	for big.Len() < 32<<20 {
		for _, f := range files {
			t, err := os.ReadFile(f)
			if err != nil {
				b.Fatal(err)
			}
			big.Write(t)
			big.WriteString("\n\n")
		}
	}
	big.Truncate(32 << 20)
	mustWrite(b, seedPath, seed100.String())
	mustWrite(b, bigPath, big.String())
}

// runPeak runs the program as runProc does and also returns its peak
// resident memory in bytes: the largest VmHWM of /proc/PID/status read
// every 2 ms while it runs, which misses at most its last 2 ms.
func runPeak(b *testing.B, path string, args ...string) (procStat, int64) {
	b.Helper()
	var out, errs bytes.Buffer
	cmd := exec.Command(path, args...)
	cmd.Stdout, cmd.Stderr = &out, &errs
	start := time.Now()
	if err := cmd.Start(); err != nil {
		b.Fatal(err)
	}
	status := fmt.Sprintf("/proc/%d/status", cmd.Process.Pid)
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	var peak int64
	tick := time.NewTicker(2 * time.Millisecond)
	defer tick.Stop()
	for {
		if t, err := os.ReadFile(status); err == nil {
			peak = max(peak, vmHWM(t))
		}
		select {
		case err := <-done:
			if err != nil {
				b.Fatalf("%s: %v\n%s", path, err, errs.Bytes())
			}
			return procStat{wall: time.Since(start), out: out.Bytes()}, peak
		case <-tick.C:
		}
	}
}

// vmHWM returns the VmHWM line of a /proc status file in bytes, or 0.
func vmHWM(status []byte) int64 {
	for line := range bytes.Lines(status) {
		if rest, ok := bytes.CutPrefix(line, []byte("VmHWM:")); ok {
			var kb int64
			fmt.Sscan(string(rest), &kb)
			return kb << 10
		}
	}
	return 0
}
