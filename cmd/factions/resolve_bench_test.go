package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"
)

// growthArticles is how many corpus articles BenchmarkIngestGrowth adds to
// each store; the big store holds growthTimes as many.
const (
	growthArticles = 100
	growthTimes    = 10
)

// BenchmarkIngestGrowth ingests the first 100 articles of
// ../shared/corpus/south-asia-news (with their manifest) into an empty
// SQLite database and into one already holding ten times as many (ten
// copies of them, each with a line added so that they are new articles),
// alternately (each first in turn), with --resolve auto, and reports the
// time per article of each and their ratio: ingest's cost must not grow
// with the store (the ratio within 1.1). The big store is made once, outside the timer, and
// copied for each iteration as it was left (with the stamp of its clean
// close and its time, as a store is found by the next ingest into it).
func BenchmarkIngestGrowth(b *testing.B) {
	news, big := growthStores(b)
	growthRounds(b, big, growthArticles, func(db string) { growthIngest(b, db, news, "auto") })
}

// growthRounds ingests with ingest (the path of a database) into an
// empty store and into a copy of big (made outside the timer), b.N
// times, the empty one first and the grown one first in turn, and
// reports the time per article of each (articles an ingest) and their
// ratio.
func growthRounds(b *testing.B, big string, articles int, ingest func(db string)) {
	var empty, grown time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		dir := b.TempDir()
		e, g := filepath.Join(dir, "empty.db"), filepath.Join(dir, "big.db")
		copyStore(b, big, g)
		b.StartTimer()
		order := []string{e, g}
		if i%2 == 1 {
			order = []string{g, e}
		}
		for _, path := range order {
			start := time.Now()
			ingest(path)
			if path == e {
				empty += time.Since(start)
			} else {
				grown += time.Since(start)
			}
		}
	}
	per := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 / float64(articles*b.N) }
	b.ReportMetric(per(empty), "ms/article-empty")
	b.ReportMetric(per(grown), "ms/article-10x")
	b.ReportMetric(per(grown)/per(empty), "ratio")
}

// BenchmarkIngestGrowthCorpus is BenchmarkIngestGrowth at the scale of
// issue 13's bar: the whole of ../shared/corpus (988 new articles) into
// an empty store and into one holding ten altered copies of it (9,880
// articles), alternately, whole ingests as the command runs them (the
// store opened and closed), with --resolve auto (a scoped resolution of
// the grown store). Every name of the new articles is in the big store,
// ten times over: the most a scoped resolution has to read. Making the
// big store takes some 20 s, outside the timer.
func BenchmarkIngestGrowthCorpus(b *testing.B) {
	news, big, articles := growthCorpus(b)
	growthRounds(b, big, articles, func(db string) { corpusIngest(b, db, "auto", news...) })
}

// growthCorpus makes, outside the timer, a store of growthTimes altered
// copies of every folder of ../shared/corpus (some 20 s), and returns the
// folders, the store and how many article files the folders hold; it
// skips b when the shared folder is absent.
func growthCorpus(b *testing.B) (news []string, big string, articles int) {
	b.Helper()
	news = corpusFolders(b, "growth")
	corpus := filepath.Join(cliShared, "corpus")
	tmp := b.TempDir()
	big = filepath.Join(tmp, "big.db")
	for k := 0; k < growthTimes; k++ {
		copies := filepath.Join(tmp, fmt.Sprintf("copy%d", k))
		for _, d := range news {
			files, _ := filepath.Glob(filepath.Join(d, "*.txt"))
			growthCopy(b, d, files, filepath.Join(copies, filepath.Base(d)), fmt.Sprintf("\n\n(archived copy %d)\n", k))
		}
		corpusIngest(b, big, "full", copies)
	}
	n, _ := filepath.Glob(filepath.Join(corpus, "*", "*.txt"))
	return news, big, len(n)
}

// corpusFolders returns the folders of ../shared/corpus that hold articles;
// it skips b, for the benchmark named what, when there are none.
func corpusFolders(b *testing.B, what string) []string {
	b.Helper()
	corpus := filepath.Join(cliShared, "corpus")
	dirs, _ := filepath.Glob(filepath.Join(corpus, "*"))
	var news []string
	for _, d := range dirs {
		if fs, _ := filepath.Glob(filepath.Join(d, "*.txt")); len(fs) > 0 {
			news = append(news, d)
		}
	}
	if len(news) == 0 {
		b.Skipf("%s is absent: the %s benchmark needs the shared folder beside the repo", corpus, what)
	}
	return news
}

// corpusIngest ingests the folders dirs into the SQLite database db,
// resolving as mode says (no manifest: a folder's sheet is not read).
func corpusIngest(tb testing.TB, db, mode string, dirs ...string) {
	tb.Helper()
	var out, errs bytes.Buffer
	m := &Main{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errs, Getenv: func(string) string { return "" }}
	c := &IngestCommand{Main: m}
	if err := c.Run(context.Background(), append([]string{"--db", db, "-q", "--resolve", mode}, dirs...)); err != nil {
		tb.Fatalf("ingest: %v\n%s", err, errs.String())
	}
}

// growthStores makes, outside the timer, the folder of the first
// growthArticles articles of ../shared/corpus/south-asia-news (with their
// manifest) and a store holding growthTimes altered copies of them; it
// skips b when the shared folder is absent.
func growthStores(b *testing.B) (news, big string) {
	b.Helper()
	src := filepath.Join(cliShared, "corpus", "south-asia-news")
	files, _ := filepath.Glob(filepath.Join(src, "*.txt"))
	if len(files) < growthArticles {
		b.Skipf("%s is absent or small: the growth benchmark needs the shared folder beside the repo", src)
	}
	sort.Strings(files)
	files = files[:growthArticles]
	tmp := b.TempDir()
	news = growthCopy(b, src, files, filepath.Join(tmp, "new"), "")
	big = filepath.Join(tmp, "big.db")
	for k := 0; k < growthTimes; k++ {
		dir := growthCopy(b, src, files, filepath.Join(tmp, fmt.Sprintf("copy%d", k)), fmt.Sprintf("\n\n(archived copy %d)\n", k))
		growthIngest(b, big, dir, "full")
	}
	return news, big
}

// growthCopy writes files (of the folder src) to dir, each with extra
// appended, with the rows of src's manifest that name them, and returns
// dir.
func growthCopy(tb testing.TB, src string, files []string, dir, extra string) string {
	tb.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		tb.Fatal(err)
	}
	keep := map[string]bool{}
	for _, f := range files {
		body, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		keep[filepath.Base(f)] = true
		if err := os.WriteFile(filepath.Join(dir, filepath.Base(f)), append(body, extra...), 0o644); err != nil {
			tb.Fatal(err)
		}
	}
	sheet, err := os.ReadFile(filepath.Join(src, "SOURCES.tsv"))
	if errors.Is(err, fs.ErrNotExist) {
		return dir // a folder without a manifest
	} else if err != nil {
		tb.Fatal(err)
	}
	lines := strings.SplitAfter(string(sheet), "\n")
	out := []string{lines[0]}
	for _, l := range lines[1:] {
		if name, _, _ := strings.Cut(l, "\t"); keep[name] {
			out = append(out, l)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "SOURCES.tsv"), []byte(strings.Join(out, "")), 0o644); err != nil {
		tb.Fatal(err)
	}
	return dir
}

// growthIngest ingests the folder dir, with its manifest, into the SQLite
// database db, resolving as mode says.
func growthIngest(tb testing.TB, db, dir, mode string) {
	tb.Helper()
	var out, errs bytes.Buffer
	m := &Main{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errs, Getenv: func(string) string { return "" }}
	c := &IngestCommand{Main: m}
	args := []string{"--db", db, "-q", "--resolve", mode, "--manifest", filepath.Join(dir, "SOURCES.tsv"), dir}
	if err := c.Run(context.Background(), args); err != nil {
		tb.Fatalf("ingest: %v\n%s", err, errs.String())
	}
}

// copyStore copies the SQLite database from, closed cleanly, to the path
// to, with the stamp of its clean close and its modification time.
func copyStore(tb testing.TB, from, to string) {
	tb.Helper()
	copyFile(tb, from, to)
	copyFile(tb, from+"-clean", to+"-clean")
	fi, err := os.Stat(from)
	if err != nil {
		tb.Fatal(err)
	}
	if err := os.Chtimes(to, fi.ModTime(), fi.ModTime()); err != nil {
		tb.Fatal(err)
	}
}

// copyFile copies the file from to the path to.
func copyFile(tb testing.TB, from, to string) {
	tb.Helper()
	in, err := os.Open(from)
	if err != nil {
		tb.Fatal(err)
	}
	defer in.Close()
	out, err := os.Create(to)
	if err != nil {
		tb.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		tb.Fatal(err)
	}
	if err := out.Close(); err != nil {
		tb.Fatal(err)
	}
}
