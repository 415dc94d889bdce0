package server_test

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// chromium returns the browser to drive: $FACTIONS_CHROMIUM, or Debian's
// chromium. The test skips when there is none, unless
// FACTIONS_REQUIRE_BROWSER=1 (as CI sets after installing it).
func chromium(t *testing.T) string {
	t.Helper()
	for _, p := range []string{os.Getenv("FACTIONS_CHROMIUM"), "/usr/bin/chromium", "chromium", "chromium-browser"} {
		if p == "" {
			continue
		}
		if path, err := exec.LookPath(p); err == nil {
			return path
		}
	}
	if os.Getenv("FACTIONS_REQUIRE_BROWSER") == "1" {
		t.Fatal("no chromium found and FACTIONS_REQUIRE_BROWSER=1")
	}
	t.Skip("no chromium found (apt-get install chromium); browser tests skipped")
	return ""
}

// artifacts returns the folder screenshots go to: $FACTIONS_ARTIFACTS, or
// testdata/artifacts (ignored by git).
func artifacts(t *testing.T) string {
	dir := os.Getenv("FACTIONS_ARTIFACTS")
	if dir == "" {
		dir = filepath.Join("testdata", "artifacts")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// browser is a headless Chromium tab that records console errors, CSP
// violations, exceptions and dialogs.
type browser struct {
	ctx  context.Context
	dir  string
	mu   sync.Mutex
	logs []string // errors, warnings and CSP violations
	dias []string // dialogs opened (alert, confirm...)
}

func newBrowser(t *testing.T) *browser {
	t.Helper()
	exe := chromium(t)
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(exe), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck, chromedp.UserDataDir(t.TempDir()), chromedp.WindowSize(1280, 900),
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.Flag("disable-quic", true), chromedp.Flag("disable-extensions", true),
		chromedp.Flag("hide-scrollbars", true),
	}
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelC := chromedp.NewContext(actx)
	ctx, cancelT := context.WithTimeout(ctx, 3*time.Minute)
	t.Cleanup(func() { cancelT(); cancelC(); cancelA() })
	b := &browser{ctx: ctx, dir: artifacts(t)}
	if err := chromedp.Do(ctx, chromedp.Navigate("about:blank")); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	msgs := chromedp.Console(ctx)
	go func() {
		for m, err := range msgs {
			if err != nil {
				return
			}
			if m.Type == chromedp.ConsoleError || m.Type == chromedp.ConsoleWarning || m.Type == chromedp.ConsoleException ||
				strings.Contains(m.Text, "Content Security Policy") {
				b.mu.Lock()
				b.logs = append(b.logs, fmt.Sprintf("%s %s: %s", m.Type, m.URL, m.Text))
				b.mu.Unlock()
			}
		}
	}()
	dialogs := chromedp.Events(ctx, page.JavascriptDialogOpening)
	go func() {
		for ev, err := range dialogs {
			if err != nil {
				return
			}
			b.mu.Lock()
			b.dias = append(b.dias, string(ev.Type)+": "+ev.Message)
			b.mu.Unlock()
			chromedp.Call(ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: false})
		}
	}()
	return b
}

func (b *browser) run(t *testing.T, what string, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(b.ctx, actions...); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

// loaded runs trigger and waits for the page it leads to to load.
func loaded(trigger chromedp.Action[chromedp.Void]) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := chromedp.WaitEvent(page.LoadEventFired, func(page.EventLoadEventFired) bool { return true }, trigger)(ctx, tg)
		return err
	})
}

// shot saves a full-page screenshot as name.png (quality 100: PNG).
func (b *browser) shot(t *testing.T, name string) {
	t.Helper()
	var png []byte
	var err error
	for try := 0; try < 3; try++ {
		ctx, cancel := context.WithTimeout(b.ctx, 20*time.Second)
		t0 := time.Now()
		png, err = chromedp.Run(ctx, chromedp.FullScreenshot(100))
		cancel()
		if err == nil {
			break
		}
		t.Logf("screenshot %s: %v after %v; trying again", name, err, time.Since(t0).Round(time.Millisecond))
	}
	if err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	if err := os.WriteFile(filepath.Join(b.dir, name+".png"), png, 0o644); err != nil {
		t.Fatal(err)
	}
}

func (b *browser) text(t *testing.T, sel string) string {
	t.Helper()
	s, err := chromedp.Run(b.ctx, chromedp.Text(chromedp.CSS(sel)))
	if err != nil {
		t.Fatalf("text of %s: %v", sel, err)
	}
	return s
}

func eval[T any](t *testing.T, b *browser, js string, opts ...chromedp.EvaluateOption) T {
	t.Helper()
	v, err := chromedp.Run(b.ctx, chromedp.Evaluate[T](js, opts...))
	if err != nil {
		t.Fatalf("evaluate %s: %v", js, err)
	}
	return v
}

// graphFaults returns what makes the graph drawn in sel hard to read, as
// the browser draws it: a text wider than its node, two nodes that overlap.
func graphFaults(t *testing.T, b *browser, sel string) []string {
	t.Helper()
	return eval[[]string](t, b, fmt.Sprintf(`(function(){
  var out = [], boxes = [];
  document.querySelectorAll(%q).forEach(function(a){
    var shape = a.querySelector("rect, ellipse"), bb = shape.getBBox();
    var inner = shape.tagName == "ellipse" ? bb.width / 1.2 : bb.width;
    a.querySelectorAll("text").forEach(function(t){
      if (t.getComputedTextLength() > inner - 4) out.push("text wider than its node: " + t.textContent);
    });
    boxes.push([bb, a.querySelector("text").textContent]);
  });
  for (var i = 0; i < boxes.length; i++) for (var j = i + 1; j < boxes.length; j++) {
    var p = boxes[i][0], q = boxes[j][0];
    if (p.x < q.x + q.width && q.x < p.x + p.width && p.y < q.y + q.height && q.y < p.y + p.height)
      out.push("overlapping nodes: " + boxes[i][1] + " / " + boxes[j][1]);
  }
  return out;
})()`, sel+" svg.graph a.node"))
}

// clear forgets the problems recorded so far.
func (b *browser) clear() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.logs, b.dias = nil, nil
}

// problems returns the console errors, CSP violations and dialogs so far.
func (b *browser) problems() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	var out []string
	for _, l := range b.logs {
		if strings.Contains(l, "favicon") {
			continue
		}
		out = append(out, l)
	}
	for _, d := range b.dias {
		out = append(out, "dialog "+d)
	}
	return out
}

// TestBrowser drives the UI over the samples (and the hostile article) in
// headless Chromium: search and open a party, change the as-of date and see
// its head change, follow a link to a person, open the timeline and an
// article and check its highlights, see a write refused without the token,
// sign in and merge two entities. Every page is saved as a screenshot; no
// page may log a CSP violation or an error, and no dialog may open.
func TestBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test skipped in -short")
	}
	f := newFixture(t)
	b := newBrowser(t)
	u := f.ts.URL
	jnd := f.find(t, "Jatiya Nabajagaran Dal")
	jndg := f.find(t, "Jatiya Nabajagaran Dal (Gonotantrik)")

	// home
	b.run(t, "home", chromedp.Navigate(u+"/"), chromedp.WaitVisible(chromedp.CSS("section.hero")))
	b.shot(t, "01-home")
	if s := strings.ToLower(b.text(t, "main")); !contains(s, "most-named parties", "jatiya nabajagaran dal", "latest contested claims") {
		t.Errorf("home: %q", s)
	}

	// search with suggestions, then open the party
	b.run(t, "type a search", chromedp.SendKeys(chromedp.CSS("#q"), "Jatiya Naba"))
	if _, err := chromedp.Run(b.ctx, chromedp.Poll[bool](`document.querySelectorAll("#suggestions option").length > 0`,
		chromedp.WithPollingTimeout(10*time.Second))); err != nil {
		t.Fatalf("no suggestions: %v", err)
	}
	first := eval[string](t, b, `document.querySelector("#suggestions option").value`)
	if first != "Jatiya Nabajagaran Dal" {
		t.Errorf("first suggestion %q", first)
	}
	b.run(t, "search", loaded(chromedp.Submit(chromedp.CSS("#q"))), chromedp.WaitVisible(chromedp.CSS("ul.results")))
	b.shot(t, "02-search")
	b.run(t, "open the party", loaded(chromedp.Click(chromedp.CSS(`ul.results a[href="/entities/`+fmt.Sprint(jnd)+`"]`))),
		chromedp.WaitVisible(chromedp.CSS("#head")))
	b.shot(t, "03-organization")
	if s := b.text(t, "#head"); !strings.Contains(s, "Shahidul Karim Patwary") {
		t.Errorf("head now: %q, want Patwary", s)
	}
	lineageNodes := eval[int](t, b, `document.querySelectorAll("#lineage svg a.node").length`)
	if lineageNodes < 4 {
		t.Errorf("lineage graph of %d nodes", lineageNodes)
	}
	if fs := graphFaults(t, b, "#lineage"); len(fs) > 0 {
		t.Errorf("lineage graph:\n%s", strings.Join(fs, "\n"))
	}

	// as of a date before the founder died: he heads it
	eval[chromedp.Void](t, b, `document.getElementById("as_of").value = "2024-01-01"`) // as a date picker leaves it
	b.run(t, "as of",
		loaded(chromedp.Click(chromedp.CSS("form.asof button"))), chromedp.WaitVisible(chromedp.CSS("#asof-note strong")))
	b.shot(t, "04-organization-as-of")
	if s := b.text(t, "#head"); !strings.Contains(s, "Mohammad Jalal Uddin Talukder") || strings.Contains(s, "Patwary") {
		t.Errorf("head as of 2024-01-01: %q, want Talukder", s)
	}

	// follow the head to the person, then the timeline
	b.run(t, "person", loaded(chromedp.Click(chromedp.CSS("#head a.ent"))), chromedp.WaitVisible(chromedp.CSS("#timeline svg")))
	b.shot(t, "05-person")
	if s := b.text(t, "h1"); s != "Mohammad Jalal Uddin Talukder" {
		t.Errorf("person page h1 %q", s)
	}
	b.run(t, "timeline", loaded(chromedp.Click(chromedp.CSS(`.links a[href$="/timeline"]`))), chromedp.WaitVisible(chromedp.CSS("ol.events")))
	b.shot(t, "06-timeline")
	marks := eval[int](t, b, `document.querySelectorAll("svg.timeline a.mark").length`)
	bars := eval[int](t, b, `document.querySelectorAll("svg.timeline a.bar").length`)
	if marks < 10 || bars < 1 {
		t.Errorf("timeline: %d marks, %d bars", marks, bars)
	}

	// a mark leads to its article, where the sentence is highlighted
	b.run(t, "article", loaded(chromedp.Click(chromedp.CSS(`svg.timeline a.mark.pred-left`))), chromedp.WaitVisible(chromedp.CSS("article.story")))
	mentions := eval[int](t, b, `document.querySelectorAll(".body a.mention").length`)
	evs := eval[int](t, b, `document.querySelectorAll(".body mark.ev").length`)
	refs := eval[int](t, b, `document.querySelectorAll(".body a.ref.claim").length`)
	stmts := eval[int](t, b, `document.querySelectorAll(".body .stmt").length`)
	if mentions < 5 || evs < 3 || refs < 3 || stmts < 1 {
		t.Errorf("article highlights: %d mentions, %d evidence marks, %d claim refs, %d statements", mentions, evs, refs, stmts)
	}
	hash := eval[string](t, b, `location.hash`)
	if !strings.HasPrefix(hash, "#claim-") {
		t.Errorf("the mark did not lead to its claim: %q", hash)
	}
	// a claim's stance and attribution show on focus
	b.run(t, "focus a claim", chromedp.Focus(chromedp.CSS(`.body a.ref.claim`)))
	tip := eval[string](t, b, `(function(){var t=document.activeElement.querySelector(".tip");return getComputedStyle(t).display+"|"+t.textContent})()`)
	if !strings.HasPrefix(tip, "block|") || !contains(tip, " by ") {
		t.Errorf("tooltip on focus: %q", tip)
	}
	b.shot(t, "07-article")

	// the relationship graph and the claims board
	b.run(t, "graph", chromedp.Navigate(fmt.Sprintf("%s/entities/%d/graph?depth=2", u, jnd)), chromedp.WaitVisible(chromedp.CSS("svg.graph")))
	b.shot(t, "08-graph")
	gnodes := eval[int](t, b, `document.querySelectorAll("svg.graph a.node").length`)
	if gnodes < 8 {
		t.Errorf("graph of %d nodes", gnodes)
	}
	if fs := graphFaults(t, b, "main"); len(fs) > 0 {
		t.Errorf("relationship graph:\n%s", strings.Join(fs, "\n"))
	}
	b.run(t, "graph one step out", chromedp.Navigate(fmt.Sprintf("%s/entities/%d/graph?depth=1", u, jnd)), chromedp.WaitVisible(chromedp.CSS("svg.graph")))
	b.shot(t, "08b-graph-one-step")
	if fs := graphFaults(t, b, "main"); len(fs) > 0 {
		t.Errorf("relationship graph one step out:\n%s", strings.Join(fs, "\n"))
	}
	b.run(t, "claims", chromedp.Navigate(u+"/claims"), chromedp.WaitVisible(chromedp.CSS("article.fact")))
	b.shot(t, "09-claims")

	// hostile text stays text
	bad := f.find(t, hostileImg)
	for i, p := range []string{fmt.Sprintf("/articles/%d", f.hostile), fmt.Sprintf("/entities/%d", bad), fmt.Sprintf("/entities/%d/timeline", bad),
		fmt.Sprintf("/entities/%d/graph?depth=2", bad), "/search?q=" + strings.ReplaceAll(hostileImg, " ", "+")} {
		b.run(t, "hostile "+p, chromedp.Navigate(u+p), chromedp.WaitReady(chromedp.CSS("main")))
		body := eval[string](t, b, `document.body.innerText`)
		imgs := eval[int](t, b, `document.querySelectorAll("img, script:not([src])").length`)
		if !strings.Contains(strings.ToLower(body), `img src=x onerror=alert(1)>`) {
			t.Errorf("%s: the hostile name is not shown as text", p)
		}
		if imgs != 0 {
			t.Errorf("%s: %d img or inline script elements", p, imgs)
		}
		if i == 0 {
			if !strings.Contains(body, hostileScript) {
				t.Errorf("%s: the hostile script is not shown as text", p)
			}
			b.shot(t, "10-hostile-article")
		}
	}

	if ps := b.problems(); len(ps) > 0 {
		t.Errorf("console errors, CSP violations or dialogs:\n%s", strings.Join(ps, "\n"))
	}

	// a write without the token is refused, by the page and by the API
	// (the browser logs both 401s: expected here, and cleared after)
	b.run(t, "merge signed out", chromedp.Navigate(fmt.Sprintf("%s/entities/%d", u, jnd)),
		chromedp.SendKeys(chromedp.CSS(`#merge-form input[name=drop]`), fmt.Sprintf("#%d", jndg)),
		loaded(chromedp.Submit(chromedp.CSS(`#merge-form input[name=drop]`))), chromedp.WaitVisible(chromedp.CSS("p.error")))
	b.shot(t, "11-refused")
	if s := b.text(t, "main"); !contains(s, "Unauthorized", "Sign in") {
		t.Errorf("refused merge page: %q", s)
	}
	apiStatus := eval[int](t, b, fmt.Sprintf(`fetch("/api/entities/%d/merge",{method:"POST",headers:{"Content-Type":"application/json"},body:JSON.stringify({drop:%d})}).then(r=>r.status)`, jnd, jndg),
		chromedp.EvalAwaitPromise)
	if apiStatus != 401 {
		t.Errorf("API merge without token: %d, want 401", apiStatus)
	}
	if _, err := f.store.Entity(context.Background(), jndg); err != nil {
		t.Fatalf("the refused merge happened: %v", err)
	}
	for end := time.Now().Add(3 * time.Second); len(b.problems()) < 2 && time.Now().Before(end); {
		time.Sleep(50 * time.Millisecond)
	}
	for _, p := range b.problems() {
		if !strings.Contains(p, "401") {
			t.Errorf("unexpected: %s", p)
		}
	}
	b.clear()

	// sign in with the token and merge
	b.run(t, "sign in", chromedp.Navigate(u+"/login?back=/entities/"+fmt.Sprint(jnd)),
		chromedp.SendKeys(chromedp.CSS(`input[name=token]`), testToken), loaded(chromedp.Submit(chromedp.CSS(`input[name=token]`))),
		chromedp.WaitVisible(chromedp.CSS(".flash")))
	if s := b.text(t, ".flash"); s != "Signed in as tester." {
		t.Errorf("flash %q", s)
	}
	b.run(t, "merge", chromedp.SendKeys(chromedp.CSS(`#merge-form input[name=drop]`), fmt.Sprintf("#%d", jndg)),
		chromedp.SendKeys(chromedp.CSS(`#merge-form input[name=note]`), "same party, says the desk"),
		loaded(chromedp.Submit(chromedp.CSS(`#merge-form input[name=drop]`))), chromedp.WaitVisible(chromedp.CSS(".flash")))
	b.shot(t, "12-merged")
	if s := b.text(t, ".flash"); !strings.HasPrefix(s, "Merged #") {
		t.Errorf("flash after merge %q", s)
	}
	if s := b.text(t, ".aliases"); !strings.Contains(s, "Gonotantrik") {
		t.Errorf("aliases after merge %q, want the faction's names", s)
	}
	if _, err := f.store.Entity(context.Background(), jndg); err == nil {
		t.Error("the merged entity is still found")
	}
	b.run(t, "audit", chromedp.Navigate(u+"/audit"), chromedp.WaitVisible(chromedp.CSS("table.audit")))
	b.shot(t, "13-audit")
	if s := b.text(t, "table.audit"); !contains(s, "merge", "by tester via web: same party, says the desk") {
		t.Errorf("audit log: %q", s)
	}

	if ps := b.problems(); len(ps) > 0 {
		t.Errorf("console errors, CSP violations or dialogs:\n%s", strings.Join(ps, "\n"))
	}

	// the check sees a violation: an inline style added to a page is blocked
	b.clear()
	eval[chromedp.Void](t, b, `document.head.insertAdjacentHTML("beforeend", "<style>body{color:red}</style>")`)
	deadline := time.Now().Add(5 * time.Second)
	for len(b.problems()) == 0 && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	if ps := b.problems(); len(ps) == 0 || !strings.Contains(strings.Join(ps, " "), "Content Security Policy") {
		t.Errorf("an inline style was not reported as a CSP violation: %v", ps)
	}
}

// TestBrowserTimelinePages opens the timeline of a person with more events
// than a page lists and follows the link to the earlier ones.
func TestBrowserTimelinePages(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test skipped in -short")
	}
	f, id := dispatches(t, 450)
	b := newBrowser(t)
	b.run(t, "timeline", chromedp.Navigate(fmt.Sprintf("%s/entities/%d/timeline", f.ts.URL, id)), chromedp.WaitVisible(chromedp.CSS("ol.events")))
	if s := b.text(t, "p.tl-pager"); !strings.Contains(s, "events 251–450 of 450") {
		t.Errorf("pager of the latest page: %q", s)
	}
	b.run(t, "earlier", loaded(chromedp.Click(chromedp.CSS("p.tl-pager a.earlier"))), chromedp.WaitVisible(chromedp.CSS("ol.events")))
	b.shot(t, "12-timeline-earlier")
	if q := eval[string](t, b, `location.search`); q != "?page=2" {
		t.Errorf("the earlier link led to %q, want ?page=2", q)
	}
	n := eval[int](t, b, `document.querySelectorAll("ol.events li.event").length`)
	start := eval[int](t, b, `document.querySelector("ol.events").start`)
	if s := b.text(t, "p.tl-pager"); n != 200 || start != 51 || !strings.Contains(s, "events 51–250 of 450") {
		t.Errorf("page 2: %d events from %d, pager %q; want 200 from 51", n, start, s)
	}
	if ps := b.problems(); len(ps) > 0 {
		t.Errorf("console errors, CSP violations or dialogs:\n%s", strings.Join(ps, "\n"))
	}
}
