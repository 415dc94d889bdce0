package main

import (
	"bytes"
	"database/sql"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/factions/factions/internal/pgtest"
	"github.com/factions/factions/queue"
)

// workerChildEnv, set, makes TestWorkerChild the factions program that
// TestWorkerSIGTERM starts and stops: its value is the program's
// arguments, one a line.
const workerChildEnv = "FACTIONS_WORKER_CHILD"

// workerStop bounds how long the worker may take to exit once it has
// SIGTERM: the running jobs finish first, each one article.
const workerStop = 30 * time.Second

// TestWorkerChild is not a test: it is the process TestWorkerSIGTERM
// starts, the program's own main with the arguments of workerChildEnv, so
// that SIGTERM meets the command's signal handling as it does in the
// installed program.
func TestWorkerChild(t *testing.T) {
	args := os.Getenv(workerChildEnv)
	if args == "" {
		t.Skip("the child process of TestWorkerSIGTERM")
	}
	os.Args = append([]string{"factions"}, strings.Split(args, "\n")...)
	main() // exits
}

// workerFolder returns the folder of the crash test (crashFolder) with,
// when it holds fewer than minArticles files, each file again under
// another name with a line of its own added, so that the queue holds
// enough articles for SIGTERM to find a worker half-way through them.
func workerFolder(t *testing.T) string {
	t.Helper()
	const minArticles = 40
	dir := crashFolder(t)
	files, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no articles in %s (%v)", dir, err)
	}
	for copy, n := 1, len(files); n < minArticles; copy++ {
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			b = fmt.Appendf(b, "\nFiled from desk %d.\n", copy)
			name := fmt.Sprintf("copy%d-%s", copy, filepath.Base(f))
			if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
				t.Fatal(err)
			}
			n++
		}
	}
	return dir
}

// workerProcess is a `factions worker` running as a child process.
type workerProcess struct {
	cmd            *exec.Cmd
	stdout, stderr bytes.Buffer
	done           chan error
}

// startWorker starts `factions worker --db dsn --concurrency 2`.
func startWorker(t *testing.T, dsn string) *workerProcess {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	w := &workerProcess{done: make(chan error, 1)}
	w.cmd = exec.Command(exe, "-test.run=^TestWorkerChild$")
	w.cmd.Env = append(os.Environ(), workerChildEnv+"=worker\n--db\n"+dsn+"\n--concurrency\n2", "FACTIONS_DB=")
	w.cmd.Stdout, w.cmd.Stderr = &w.stdout, &w.stderr
	if err := w.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { w.done <- w.cmd.Wait() }()
	t.Cleanup(func() {
		if w.cmd.ProcessState == nil {
			w.cmd.Process.Kill()
			<-w.done
		}
	})
	return w
}

// stop sends SIGTERM and returns the articles the worker says it stored
// new; it fails t unless the process exits 0 within workerStop.
func (w *workerProcess) stop(t *testing.T) int {
	t.Helper()
	if err := w.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-w.done:
		if err != nil {
			t.Fatalf("worker after SIGTERM: %v\nstdout: %s\nstderr: %s", err, w.stdout.String(), w.stderr.String())
		}
	case <-time.After(workerStop):
		w.cmd.Process.Kill()
		<-w.done
		t.Fatalf("worker still running %v after SIGTERM\nstderr: %s", workerStop, w.stderr.String())
	}
	m := regexp.MustCompile(`^worker stopped: stored (\d+) new, 0 unchanged, 0 failed attempts, \d+ resolutions\n$`).
		FindStringSubmatch(w.stdout.String())
	if m == nil {
		t.Fatalf("worker's output: got %q, want \"worker stopped: stored N new, 0 unchanged, 0 failed attempts, ...\"\nstderr: %s",
			w.stdout.String(), w.stderr.String())
	}
	n, _ := strconv.Atoi(m[1])
	return n
}

// articleJobs returns the number of article jobs in each state.
func articleJobs(t *testing.T, db *sql.DB) map[string]int {
	t.Helper()
	rows, err := db.Query(`SELECT state, count(*) FROM river_job WHERE kind = $1 GROUP BY state`, queue.ArticleArgs{}.Kind())
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var s string
		var n int
		if err := rows.Scan(&s, &n); err != nil {
			t.Fatal(err)
		}
		out[s] = n
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// waitJobs polls the article jobs until ok says they are as wanted, and
// fails t after two minutes.
func waitJobs(t *testing.T, db *sql.DB, what string, ok func(map[string]int) bool) {
	t.Helper()
	deadline := time.Now().Add(2 * time.Minute)
	for {
		jobs := articleJobs(t, db)
		if ok(jobs) {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("waited two minutes for %s; article jobs %v", what, jobs)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// TestWorkerSIGTERM queues articles, starts `factions worker` as a child
// process and sends it SIGTERM while it works them: it exits 0 within
// workerStop, says how many articles it stored, leaves no job running
// (those it took are completed, the others still available), and every
// article it stored is whole (its claims, statements, mentions and
// occurrences those of a plain ingest of the same files); a second worker
// stores the rest, each article once.
func TestWorkerSIGTERM(t *testing.T) {
	if os.Getenv(workerChildEnv) != "" {
		t.Skip("in the child")
	}
	folder := workerFolder(t)
	ref, dsn := pgtest.NewDatabase(t), pgtest.NewDatabase(t)

	// The reference: a plain ingest of the same files.
	if _, errs, err := run(t, ref, "ingest", "-q", folder); err != nil {
		t.Fatalf("ingest: %v\n%s", err, errs)
	}
	refDB, err := sql.Open("pgx", ref)
	if err != nil {
		t.Fatal(err)
	}
	defer refDB.Close()
	want := counts(t, refDB)

	out, errs, err := run(t, dsn, "ingest", "--queue", folder)
	if err != nil {
		t.Fatalf("ingest --queue: %v\n%s", err, errs)
	}
	var queued int
	if _, err := fmt.Sscanf(out, "queued %d articles", &queued); err != nil || queued != len(want) {
		t.Fatalf("ingest --queue: %q; want %d articles queued", out, len(want))
	}
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()

	// whole checks that every stored article is as in the reference, and
	// returns how many are stored.
	whole := func(when string) int {
		t.Helper()
		got := counts(t, db)
		for h, c := range got {
			if w, ok := want[h]; !ok || c != w {
				t.Errorf("%s: article %.12s stored with (claims, statements, mentions, occurrences) %v, want %v", when, h, c, w)
			}
		}
		return len(got)
	}

	// First run: SIGTERM once an article is stored while others are
	// being worked.
	w := startWorker(t, dsn)
	waitJobs(t, db, "a completed job and a running one", func(j map[string]int) bool {
		return j["completed"] > 0 && j["running"] > 0 && j["available"] > 0
	})
	first := w.stop(t)
	jobs := articleJobs(t, db)
	if jobs["running"] != 0 || jobs["completed"]+jobs["available"]+jobs["retryable"] != queued {
		t.Errorf("after SIGTERM: article jobs %v; want none running, %d completed, available or retryable", jobs, queued)
	}
	var running int
	if err := db.QueryRow(`SELECT count(*) FROM river_job WHERE state = 'running'`).Scan(&running); err != nil || running != 0 {
		t.Errorf("after SIGTERM: %d jobs running (%v), want 0", running, err)
	}
	stored := whole("after SIGTERM")
	if first != stored || jobs["completed"] != stored {
		t.Errorf("after SIGTERM: the worker says it stored %d, the store holds %d articles, %d jobs completed; want them equal",
			first, stored, jobs["completed"])
	}
	if first == 0 || first == queued {
		t.Errorf("after SIGTERM: %d of %d articles stored; want the worker stopped half-way", first, queued)
	}

	// Second run: the rest.
	w = startWorker(t, dsn)
	waitJobs(t, db, "every article job completed", func(j map[string]int) bool { return j["completed"] == queued })
	second := w.stop(t)
	if got := whole("after the second run"); got != queued || first+second != queued {
		t.Errorf("after the second run: %d articles stored (%d, then %d new), want %d", got, first, second, queued)
	}
	t.Logf("%d articles queued: %d stored before SIGTERM, %d by the second worker; every one whole", queued, first, second)
}
