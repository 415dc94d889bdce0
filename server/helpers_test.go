package server_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/factions/factions"
	"github.com/factions/factions/extract"
	"github.com/factions/factions/ingest"
	"github.com/factions/factions/samples"
	"github.com/factions/factions/server"
	"github.com/factions/factions/sqlite"
	"github.com/factions/factions/storetest"
)

// Hostile text: a title, a source, names and a quotation that would run
// script if any page or the API's consumers took them for markup.
const (
	hostileScript = `<script>alert(1)</script>`
	hostileImg    = `"><img src=x onerror=alert(1)>`
	hostileOrg    = `<script>alert(1)</script> Front`
	hostileSource = `<img src=x onerror=alert(2)> Gazette`
)

// hostileText is the text of the hostile article.
const hostileText = `KARANPUR - ` + hostileImg + ` leads the ` + hostileOrg + `, its spokesman said on Monday. ` +
	`"We will not be silenced ` + hostileScript + `," ` + hostileImg + ` said. ` +
	`Rivals denied that ` + hostileImg + ` leads the ` + hostileOrg + `.`

// loadSamples stores the bundled sample articles in s as the demo does.
func loadSamples(tb testing.TB, ctx context.Context, s factions.Store) {
	tb.Helper()
	arts, err := samples.Articles()
	if err != nil {
		tb.Fatal(err)
	}
	x := extract.New()
	for _, sa := range arts {
		as, err := ingest.Read(sa.Name, []byte(sa.Text), ingest.Meta{})
		if err != nil {
			tb.Fatal(err)
		}
		for _, a := range as {
			ex, err := x.Extract(ctx, a.Text)
			if err != nil {
				tb.Fatal(err)
			}
			if _, _, err := s.SaveArticle(ctx, a, ex); err != nil {
				tb.Fatal(err)
			}
		}
	}
}

// saveHostile stores the hostile article and returns its ID.
func saveHostile(tb testing.TB, ctx context.Context, s factions.Store) int64 {
	tb.Helper()
	d := storetest.NewDoc(tb, hostileScript+" headline", hostileSource, "2024-05-06", hostileText).
		Entity(hostileImg, factions.Person).
		Entity(hostileOrg, factions.Organization).
		Claim(factions.Claim{Subject: hostileImg, Predicate: factions.Leads, Object: hostileOrg},
			"KARANPUR - "+hostileImg+" leads the "+hostileOrg+", its spokesman said on Monday.").
		Claim(factions.Claim{Subject: hostileImg, Predicate: factions.Leads, Object: hostileOrg, Stance: factions.Denied, AttributedTo: "Rivals"},
			"Rivals denied that "+hostileImg+" leads the "+hostileOrg+".").
		Statement(hostileImg, factions.Direct, "We will not be silenced "+hostileScript+",",
			`"We will not be silenced `+hostileScript+`," `+hostileImg+` said.`)
	d.A.Hash = ingest.Hash(d.A.Text)
	return d.Save(ctx, s)
}

// fixture is a store with the samples and the hostile article, and a
// server over it.
type fixture struct {
	store   *sqlite.DB
	srv     *server.Server
	ts      *httptest.Server
	hostile int64
}

const testToken = "test-token-0123456789"

// newFixture opens a new store in a temporary folder, fills it and serves
// it; the token "tester:"+testToken may write.
func newFixture(t *testing.T) *fixture {
	t.Helper()
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "test.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	loadSamples(t, ctx, st)
	f := &fixture{store: st, hostile: saveHostile(t, ctx, st)}
	tokens, err := server.ParseTokens("tester:" + testToken)
	if err != nil {
		t.Fatal(err)
	}
	f.srv, err = server.New(server.Config{Store: st, Tokens: tokens, MaxBody: 4 << 10})
	if err != nil {
		t.Fatal(err)
	}
	f.ts = httptest.NewServer(f.srv.Handler())
	t.Cleanup(f.ts.Close)
	return f
}

// find returns the ID of the entity best matching name.
func (f *fixture) find(t *testing.T, name string) int64 {
	t.Helper()
	es, err := f.store.FindEntities(context.Background(), name)
	if err != nil || len(es) == 0 {
		t.Fatalf("find %q: %v, %d found", name, err, len(es))
	}
	return es[0].ID
}

// do sends a request and returns the response with its body read.
func (f *fixture) do(t *testing.T, method, path, token string, body io.Reader, header ...string) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, f.ts.URL+path, body)
	if err != nil {
		t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	client := &http.Client{Timeout: 30 * time.Second, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, b
}

func contains(s string, subs ...string) bool {
	for _, sub := range subs {
		if !strings.Contains(s, sub) {
			return false
		}
	}
	return true
}

func factionsClaimsOf(id int64) factions.ClaimFilter { return factions.ClaimFilter{EntityID: id} }
