package server_test

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/factions/factions"
	"github.com/factions/factions/extract"
	"github.com/factions/factions/ingest"
	"github.com/factions/factions/server"
	"github.com/factions/factions/sqlite"
)

// corpusDB is the whole ../shared/corpus ingested once into a temporary
// SQLite file, shared by the load benchmarks of one run.
var corpusDB struct {
	once     sync.Once
	path     string
	articles int
	err      error
	took     time.Duration
}

const corpus = "../../shared/corpus"

// ingestCorpus reads, extracts (on every CPU) and stores every article of
// the corpus folders, with the dates, titles and sources of each folder's
// SOURCES.tsv where it has one, in batches of 100 as the ingest command
// does.
func ingestCorpus(ctx context.Context, s factions.Store) (int, error) {
	dirs, err := filepath.Glob(filepath.Join(corpus, "*"))
	if err != nil {
		return 0, err
	}
	type job struct {
		path string
		meta ingest.Meta
	}
	var jobs []job
	for _, dir := range dirs {
		if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
			continue
		}
		var man *ingest.Manifest
		if _, err := os.Stat(filepath.Join(dir, "SOURCES.tsv")); err == nil {
			if man, err = ingest.ReadManifest(filepath.Join(dir, "SOURCES.tsv")); err != nil {
				return 0, err
			}
		}
		err := ingest.Walk(dir, func(p string) error {
			if filepath.Ext(p) != ".txt" || filepath.Base(p) == "README.TXT" {
				return nil
			}
			m, _ := man.Meta(p)
			jobs = append(jobs, job{p, m})
			return nil
		})
		if err != nil {
			return 0, err
		}
	}
	items := make([][]factions.SaveItem, len(jobs))
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			x := extract.New()
			for i := range next {
				arts, err := ingest.ReadFile(jobs[i].path, jobs[i].meta)
				if err != nil {
					continue // a file the ingest command would report; the rest go on
				}
				for _, a := range arts {
					if ex, err := x.Extract(ctx, a.Text); err == nil {
						items[i] = append(items[i], factions.SaveItem{Article: a, Extraction: ex})
					}
				}
			}
		}()
	}
	for i := range jobs {
		next <- i
	}
	close(next)
	wg.Wait()
	n := 0
	var batch []factions.SaveItem
	flush := func() error {
		res, err := s.SaveArticles(ctx, batch)
		for _, r := range res {
			if r.Err == nil && r.Created {
				n++
			}
		}
		batch = batch[:0]
		return err
	}
	for _, its := range items {
		batch = append(batch, its...)
		if len(batch) >= 100 {
			if err := flush(); err != nil {
				return n, err
			}
		}
	}
	return n, flush()
}

func loadCorpusDB(b *testing.B) string {
	b.Helper()
	if _, err := os.Stat(corpus); err != nil {
		b.Skipf("%s is absent: the load benchmark needs the shared folder beside the repo", corpus)
	}
	corpusDB.once.Do(func() {
		dir, err := os.MkdirTemp("", "factions-load-")
		if err != nil {
			corpusDB.err = err
			return
		}
		corpusDB.path = filepath.Join(dir, "corpus.db")
		start := time.Now()
		ctx := context.Background()
		s, err := sqlite.Open(ctx, corpusDB.path)
		if err != nil {
			corpusDB.err = err
			return
		}
		corpusDB.articles, corpusDB.err = ingestCorpus(ctx, s)
		if err := s.Close(); corpusDB.err == nil {
			corpusDB.err = err
		}
		corpusDB.took = time.Since(start)
	})
	if corpusDB.err != nil {
		b.Fatal(corpusDB.err)
	}
	return corpusDB.path
}

// loadResult is what one load run measured, by target kind.
type loadResult struct {
	lat    map[string][]time.Duration
	errors map[string]int
	sent   int
}

func pct(ds []time.Duration, p float64) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := append([]time.Duration(nil), ds...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	return s[min(len(s)-1, int(p*float64(len(s))))]
}

// drive sends rate requests a second for d, open loop (each on its own
// schedule, whatever the answers' latency), cycling through targets, to
// 127.0.0.1 only; at most 2,000 requests are in flight.
func drive(client *http.Client, targets [][2]string, rate int, d time.Duration) *loadResult {
	res := &loadResult{lat: map[string][]time.Duration{}, errors: map[string]int{}}
	var mu sync.Mutex
	var wg sync.WaitGroup
	sem := make(chan struct{}, 2000)
	interval := time.Second / time.Duration(rate)
	total := int(d / interval)
	start := time.Now()
	for i := 0; i < total; i++ {
		time.Sleep(time.Until(start.Add(time.Duration(i) * interval)))
		kind, url := targets[i%len(targets)][0], targets[i%len(targets)][1]
		sem <- struct{}{}
		wg.Add(1)
		res.sent++
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			t0 := time.Now()
			resp, err := client.Get(url)
			ok := err == nil && resp.StatusCode == 200
			if err == nil {
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
			}
			el := time.Since(t0)
			mu.Lock()
			res.lat[kind] = append(res.lat[kind], el)
			if !ok {
				res.errors[kind]++
			}
			mu.Unlock()
		}()
	}
	wg.Wait()
	return res
}

// BenchmarkServeLoad ingests the whole ../shared/corpus (once per run),
// serves it on 127.0.0.1 and drives 200 requests/s for
// $FACTIONS_LOAD_SECONDS (default 20) at the organization pages and the
// card API of the 40 most-named organizations and people, and reports the
// latencies' p50 and p99 (ms) and the errors, for each kind of target. The
// "cached" run serves as `factions serve` does (data read from the store
// kept for 10 s, refreshed in the background); "uncached" reads the store
// for every request, the baseline. Before each, one cold pass over every
// target is timed (cold-p99-ms). Run with -benchtime 1x:
//
//	go test ./server -run X -bench ServeLoad -benchtime 1x
func BenchmarkServeLoad(b *testing.B) {
	db := loadCorpusDB(b)
	b.Logf("corpus: %d articles ingested in %s", corpusDB.articles, corpusDB.took.Round(time.Millisecond))
	secs := 20
	if v, err := strconv.Atoi(os.Getenv("FACTIONS_LOAD_SECONDS")); err == nil && v > 0 && v <= 600 {
		secs = v
	}
	for _, bc := range []struct {
		name string
		ttl  time.Duration
	}{{"cached", 0}, {"uncached", -1}} {
		b.Run(bc.name, func(b *testing.B) {
			ctx := context.Background()
			s, err := sqlite.Open(ctx, db)
			if err != nil {
				b.Fatal(err)
			}
			defer s.Close()
			srv, err := server.New(server.Config{Store: s, CacheTTL: bc.ttl})
			if err != nil {
				b.Fatal(err)
			}
			l, err := net.Listen("tcp", "127.0.0.1:0")
			if err != nil {
				b.Fatal(err)
			}
			sctx, stop := context.WithCancel(ctx)
			done := make(chan error, 1)
			go func() { done <- server.Serve(sctx, l, srv.Handler(), nil, 5*time.Second) }()
			defer func() { stop(); <-done }()
			base := "http://" + l.Addr().String()
			orgs, err := s.Entities(ctx, factions.EntityFilter{Type: factions.Organization, Limit: 40})
			if err != nil {
				b.Fatal(err)
			}
			people, err := s.Entities(ctx, factions.EntityFilter{Type: factions.Person, Limit: 40})
			if err != nil {
				b.Fatal(err)
			}
			var targets [][2]string
			for i, o := range orgs {
				targets = append(targets, [2]string{"page", fmt.Sprintf("%s/entities/%d", base, o.ID)})
				targets = append(targets, [2]string{"card", fmt.Sprintf("%s/api/entities/%d/card", base, o.ID)})
				if i < len(people) {
					targets = append(targets, [2]string{"card", fmt.Sprintf("%s/api/entities/%d/card", base, people[i].ID)})
				}
			}
			client := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: 512, MaxConnsPerHost: 0}}
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				cold := drive(client, targets, 50, time.Duration(len(targets))*time.Second/50)
				b.ReportMetric(float64(pct(append(cold.lat["page"], cold.lat["card"]...), 0.99))/1e6, "cold-p99-ms")
				r := drive(client, targets, 200, time.Duration(secs)*time.Second)
				for _, k := range []string{"page", "card"} {
					b.ReportMetric(float64(pct(r.lat[k], 0.50))/1e6, k+"-p50-ms")
					b.ReportMetric(float64(pct(r.lat[k], 0.99))/1e6, k+"-p99-ms")
					b.ReportMetric(float64(r.errors[k]), k+"-errors")
				}
				b.Logf("%s: %d requests at 200/s for %ds; page p50 %v p99 %v (%d errors); card p50 %v p99 %v (%d errors); cold pass p99 %v",
					bc.name, r.sent, secs, pct(r.lat["page"], .5), pct(r.lat["page"], .99), r.errors["page"],
					pct(r.lat["card"], .5), pct(r.lat["card"], .99), r.errors["card"], pct(append(cold.lat["page"], cold.lat["card"]...), .99))
			}
		})
	}
}

// BenchmarkOrgPageParts times, without the cache, each store read the
// organization page makes for the five most-named organizations of the
// corpus, and reports the mean of each in ms: what the page costs when the
// cache is cold or off.
func BenchmarkOrgPageParts(b *testing.B) {
	db := loadCorpusDB(b)
	ctx := context.Background()
	s, err := sqlite.Open(ctx, db)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	srv, err := server.New(server.Config{Store: s, CacheTTL: -1})
	if err != nil {
		b.Fatal(err)
	}
	orgs, err := s.Entities(ctx, factions.EntityFilter{Type: factions.Organization, Limit: 5})
	if err != nil {
		b.Fatal(err)
	}
	sum := map[string]time.Duration{}
	n := 0
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, o := range orgs {
			parts, err := srv.Parts(ctx, o.ID)
			if err != nil {
				b.Fatal(err)
			}
			for k, d := range parts {
				sum[k] += d
			}
			n++
		}
	}
	for k, d := range sum {
		b.ReportMetric(float64(d)/float64(n)/1e6, k+"-ms")
	}
}
