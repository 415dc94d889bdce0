package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// BenchmarkStartup measures the whole process of a one-line extract, the
// case of "start in milliseconds": it builds this command and a hello-world
// program into a temporary folder once, then runs "factions extract
// --format eval" on a one-line file and the hello-world alternately, and
// reports the milliseconds and page faults of a run of each and the ratio
// of their milliseconds. The hello-world is the cost of starting any Go
// process on the machine, so the ratio says more than the milliseconds on
// a machine others share. It is skipped when the go command is absent.
func BenchmarkStartup(b *testing.B) {
	goCmd, err := exec.LookPath("go")
	if err != nil {
		b.Skip("the go command is not found: BenchmarkStartup builds the binaries it runs")
	}
	dir := b.TempDir()
	bin := filepath.Join(dir, "factions")
	buildGo(b, goCmd, ".", "-o", bin, ".")
	hello := buildHello(b, goCmd, dir)
	one := filepath.Join(dir, "one.txt")
	mustWrite(b, one, "The party leader resigned.\n")
	want := runProc(b, bin, "extract", "--format", "eval", one)
	if !bytes.Contains(want.out, []byte(`"facts"`)) {
		b.Fatalf("extract printed %q, want the eval format", want.out)
	}
	runProc(b, hello)

	var ext, base procStat
	for b.Loop() {
		ext.add(runProc(b, bin, "extract", "--format", "eval", one))
		base.add(runProc(b, hello))
	}
	b.ReportMetric(ext.ms(), "extract-ms/op")
	b.ReportMetric(base.ms(), "hello-ms/op")
	b.ReportMetric(ext.ms()/base.ms(), "extract/hello")
	b.ReportMetric(ext.faults(), "extract-faults/op")
	b.ReportMetric(base.faults(), "hello-faults/op")
}

// procStat sums the runs of a program: their wall time and page faults.
type procStat struct {
	n      int
	wall   time.Duration
	flt    int64
	maxRSS int64 // bytes, of the run (not summed)
	out    []byte
}

func (r *procStat) add(o procStat) { r.n++; r.wall += o.wall; r.flt += o.flt }

func (r *procStat) ms() float64 { return float64(r.wall) / float64(time.Millisecond) / float64(r.n) }

func (r *procStat) faults() float64 { return float64(r.flt) / float64(r.n) }

// runProc runs the program and returns its wall time, page faults and
// standard output; it fails the benchmark if the program does.
func runProc(b *testing.B, path string, args ...string) procStat {
	b.Helper()
	var out, errs bytes.Buffer
	cmd := exec.Command(path, args...)
	cmd.Stdout, cmd.Stderr = &out, &errs
	start := time.Now()
	if err := cmd.Run(); err != nil {
		b.Fatalf("%s: %v\n%s", path, err, errs.Bytes())
	}
	r := procStat{wall: time.Since(start), out: out.Bytes()}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		r.flt = ru.Minflt + ru.Majflt
		r.maxRSS = ru.Maxrss << 10 // Linux reports kilobytes
	}
	return r
}

// buildHello builds a Go hello-world into dir and returns its path.
func buildHello(b *testing.B, goCmd, dir string) string {
	b.Helper()
	helloDir := filepath.Join(dir, "hello")
	if err := os.Mkdir(helloDir, 0o755); err != nil {
		b.Fatal(err)
	}
	hello := filepath.Join(helloDir, "hello")
	mustWrite(b, filepath.Join(helloDir, "hello.go"), "package main\n\nimport \"fmt\"\n\nfunc main() { fmt.Println(\"hello\") }\n")
	buildGo(b, goCmd, helloDir, "-o", hello, "hello.go")
	return hello
}

// buildGo runs "go build args..." in dir, without cgo, as the README
// builds the command: a static binary, which starts without the dynamic
// loader.
func buildGo(b *testing.B, goCmd, dir string, args ...string) {
	b.Helper()
	cmd := exec.Command(goCmd, append([]string{"build"}, args...)...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := cmd.CombinedOutput(); err != nil {
		b.Fatalf("go build %v: %v\n%s", args, err, out)
	}
}

func mustWrite(b *testing.B, path, text string) {
	b.Helper()
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		b.Fatal(err)
	}
}
