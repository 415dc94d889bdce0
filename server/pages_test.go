package server_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// markupProblems parses a page and returns what a strict CSP would block
// or what hostile text would have made: a script without src, a style
// element or attribute, an event-handler attribute, an img element.
func markupProblems(body string) []string {
	var out []string
	z := html.NewTokenizer(strings.NewReader(body))
	inScript := false
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return out
		case html.TextToken:
			if inScript && strings.TrimSpace(string(z.Text())) != "" {
				out = append(out, "inline script")
			}
		case html.EndTagToken:
			inScript = false
		case html.StartTagToken, html.SelfClosingTagToken:
			tok := z.Token()
			switch tok.Data {
			case "style", "img", "iframe", "object":
				out = append(out, "element "+tok.Data)
			case "script":
				inScript = true
				src := false
				for _, a := range tok.Attr {
					src = src || a.Key == "src"
				}
				if !src {
					out = append(out, "script without src")
				}
			}
			for _, a := range tok.Attr {
				if a.Key == "style" || strings.HasPrefix(a.Key, "on") {
					out = append(out, "attribute "+a.Key+" on "+tok.Data)
				}
				if (a.Key == "href" || a.Key == "src" || a.Key == "action") && strings.HasPrefix(strings.ToLower(strings.TrimSpace(a.Val)), "javascript:") {
					out = append(out, "javascript: URL")
				}
			}
		}
	}
}

// pagePaths returns a path for every page, the hostile entities' too.
func pagePaths(t *testing.T, f *fixture) map[string]string {
	jnd := f.find(t, "Jatiya Nabajagaran Dal")
	talukder := f.find(t, "Mohammad Jalal Uddin Talukder")
	bad := f.find(t, hostileImg)
	badOrg := f.find(t, hostileOrg)
	return map[string]string{
		"home":            "/",
		"search":          "/search?q=" + url.QueryEscape("Jatiya"),
		"search hostile":  "/search?q=" + url.QueryEscape(hostileImg),
		"organization":    fmt.Sprintf("/entities/%d", jnd),
		"organization as": fmt.Sprintf("/entities/%d?as_of=2024-01-01", jnd),
		"person":          fmt.Sprintf("/entities/%d", talukder),
		"hostile person":  fmt.Sprintf("/entities/%d", bad),
		"hostile org":     fmt.Sprintf("/entities/%d", badOrg),
		"timeline":        fmt.Sprintf("/entities/%d/timeline", talukder),
		"hostile tl":      fmt.Sprintf("/entities/%d/timeline", bad),
		"graph":           fmt.Sprintf("/entities/%d/graph", jnd),
		"graph 2":         fmt.Sprintf("/entities/%d/graph?depth=2", talukder),
		"hostile graph":   fmt.Sprintf("/entities/%d/graph?depth=2", bad),
		"articles":        "/articles",
		"article":         fmt.Sprintf("/articles/%d", f.hostile),
		"sample article":  "/articles/1",
		"claims":          "/claims",
		"audit":           "/audit",
		"login":           "/login",
	}
}

// TestPages renders every page: 200, HTML, the security headers, no inline
// script or style, and the hostile text shown as text, never as markup.
func TestPages(t *testing.T) {
	f := newFixture(t)
	for name, path := range pagePaths(t, f) {
		t.Run(name, func(t *testing.T) {
			resp, b := f.do(t, "GET", path, "", nil)
			body := string(b)
			if resp.StatusCode != 200 {
				t.Fatalf("GET %s: %d\n%s", path, resp.StatusCode, clipBytes(b))
			}
			checkPage(t, resp, body)
			if strings.Contains(name, "hostile") || name == "article" || name == "claims" {
				if !strings.Contains(body, "&lt;script&gt;alert(1)&lt;/script&gt;") && !strings.Contains(body, "&#34;&gt;&lt;img src=x onerror=alert(1)&gt;") {
					t.Errorf("the hostile text is not shown escaped")
				}
			}
		})
	}
}

// checkPage checks a page's headers and that no hostile text became markup.
func checkPage(t *testing.T, resp *http.Response, body string) {
	t.Helper()
	if ct := resp.Header.Get("Content-Type"); ct != "text/html; charset=utf-8" {
		t.Errorf("Content-Type %q", ct)
	}
	csp := resp.Header.Get("Content-Security-Policy")
	if !contains(csp, "default-src 'none'", "script-src 'self'", "style-src 'self'", "frame-ancestors 'none'") || strings.Contains(csp, "unsafe") {
		t.Errorf("CSP %q", csp)
	}
	for _, h := range []string{"X-Content-Type-Options", "X-Frame-Options", "Referrer-Policy"} {
		if resp.Header.Get(h) == "" {
			t.Errorf("no %s header", h)
		}
	}
	if strings.Contains(body, hostileScript) || strings.Contains(body, "<img src=x") {
		t.Errorf("hostile text became markup")
	}
	if ps := markupProblems(body); len(ps) > 0 {
		t.Errorf("markup a strict CSP would block, or hostile text made: %v", ps)
	}
}

// TestPageErrors: pages answer errors as pages with their status.
func TestPageErrors(t *testing.T) {
	f := newFixture(t)
	for _, tc := range []struct {
		method, path string
		status       int
	}{
		{"GET", "/entities/999999", 404},
		{"GET", "/entities/x", 400},
		{"GET", "/entities/1?as_of=never", 400},
		{"GET", "/articles/999999", 404},
		{"GET", "/nothing", 404},
		{"DELETE", "/claims", 405},
		{"POST", "/curate/merge", 401},
	} {
		resp, b := f.do(t, tc.method, tc.path, "", nil)
		if resp.StatusCode != tc.status {
			t.Errorf("%s %s: %d, want %d", tc.method, tc.path, resp.StatusCode, tc.status)
			continue
		}
		checkPage(t, resp, string(b))
	}
}

// TestStatic serves the stylesheet and the script with their types.
func TestStatic(t *testing.T) {
	f := newFixture(t)
	for path, ct := range map[string]string{"/static/style.css": "text/css", "/static/app.js": "text/javascript", "/static/favicon.svg": "image/svg+xml"} {
		resp, b := f.do(t, "GET", path, "", nil)
		if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), ct) || len(b) < 100 {
			t.Errorf("GET %s: %d %q %d bytes", path, resp.StatusCode, resp.Header.Get("Content-Type"), len(b))
		}
	}
}
