package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/factions/factions/sqlite"
)

// syncBuffer is a bytes.Buffer safe for a command writing while a test reads.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

var servingRe = regexp.MustCompile(`Serving (http://127\.0\.0\.1:\d+/) `)

// startServing runs the command line in the background and returns the
// address it prints, its output, and a func that stops it (as SIGINT
// would) and returns its error.
func startServing(t *testing.T, env map[string]string, args ...string) (url string, out *syncBuffer, stop func() error) {
	t.Helper()
	out = &syncBuffer{}
	m := &Main{Stdin: strings.NewReader(""), Stdout: out, Stderr: io.Discard, Getenv: func(k string) string { return env[k] }}
	ctx, cancel := context.WithCancel(context.Background())
	errc := make(chan error, 1)
	go func() { errc <- m.Run(ctx, args) }()
	deadline := time.Now().Add(60 * time.Second)
	for {
		if m := servingRe.FindStringSubmatch(out.String()); m != nil {
			url = m[1]
			break
		}
		select {
		case err := <-errc:
			cancel()
			t.Fatalf("%v stopped before serving: %v\n%s", args, err, out.String())
		default:
		}
		if time.Now().After(deadline) {
			cancel()
			t.Fatalf("%v printed no address:\n%s", args, out.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
	var once sync.Once
	var err error
	stop = func() error {
		once.Do(func() {
			cancel()
			select {
			case err = <-errc:
			case <-time.After(20 * time.Second):
				err = context.DeadlineExceeded
			}
		})
		return err
	}
	t.Cleanup(func() { stop() })
	return url, out, stop
}

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// TestDemoServes: the demo ingests the samples, prints the address and its
// token, serves the pages until stopped, and stops cleanly.
func TestDemoServes(t *testing.T) {
	url, out, stop := startServing(t, nil, "demo", "--addr", "127.0.0.1:0", "--quiet")
	if !strings.Contains(out.String(), "Ingesting 8 sample articles") || !strings.Contains(out.String(), "Curator token for this demo: ") {
		t.Errorf("demo output:\n%s", out.String())
	}
	st, body := get(t, url)
	if st != 200 || !strings.Contains(body, "Jatiya Nabajagaran Dal") {
		t.Errorf("GET %s: %d\n%.300s", url, st, body)
	}
	st, body = get(t, url+"api/search?q=JND")
	if st != 200 || !strings.Contains(body, `"Jatiya Nabajagaran Dal"`) {
		t.Errorf("API search: %d %.300s", st, body)
	}
	if err := stop(); err != nil {
		t.Errorf("demo stopped with %v, want nil", err)
	}
	if _, err := http.Get(url); err == nil {
		t.Error("still serving after the stop")
	}
}

// TestDemoNoServe keeps the print-only demo.
func TestDemoNoServe(t *testing.T) {
	out, _, err := run(t, "", "demo", "--no-serve")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "Jatiya Nabajagaran Dal (organization)") || strings.Contains(out, "Serving") {
		t.Errorf("demo --no-serve:\n%.500s", out)
	}
}

// TestServe serves a database made by ingest: reads are open, writes need
// the token from FACTIONS_TOKEN.
func TestServe(t *testing.T) {
	_, files := badInputs(t)
	db := filepath.Join(t.TempDir(), "kb.db")
	if _, _, err := run(t, "", "ingest", "--db", db, files["good"]); err != nil {
		t.Fatal(err)
	}
	url, _, stop := startServing(t, map[string]string{"FACTIONS_TOKEN": "alice:serve-test-secret"}, "serve", "--db", db, "--addr", "127.0.0.1:0", "--quiet")
	st, body := get(t, url+"api/entities?type=person")
	if st != 200 || !strings.Contains(body, "Tariq Lodhi") {
		t.Errorf("entities: %d %s", st, body)
	}
	var es []struct {
		ID   int64
		Name string
	}
	if err := json.Unmarshal([]byte(body), &es); err != nil || len(es) == 0 {
		t.Fatalf("entities: %v %s", err, body)
	}
	post := func(token string) int {
		req, _ := http.NewRequest("POST", fmt.Sprintf("%sapi/entities/%d/rename", url, es[0].ID), strings.NewReader(`{"name": "T. Lodhi"}`))
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	if st := post(""); st != 401 {
		t.Errorf("rename without token: %d, want 401", st)
	}
	if st := post("serve-test-secret"); st != 200 {
		t.Errorf("rename with token: %d, want 200", st)
	}
	if st, body := get(t, fmt.Sprintf("%sapi/audit", url)); st != 200 || !strings.Contains(body, "by alice via api") {
		t.Errorf("audit: %d %s", st, body)
	}
	if err := stop(); err != nil {
		t.Errorf("serve stopped with %v", err)
	}
}

// TestServeBadToken refuses a token too short to be safe.
func TestServeBadToken(t *testing.T) {
	db := filepath.Join(t.TempDir(), "x.db")
	s, err := sqlite.Open(context.Background(), db) // serve reads a knowledge base that exists
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	_, _, err = run(t, db, "serve", "--token", "short", "--addr", "127.0.0.1:0")
	if err == nil || !strings.Contains(userMessage(err), "shorter than") {
		t.Errorf("got %v, want a short-token error", err)
	}
}
