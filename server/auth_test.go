package server_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/factions/factions/server"
)

// signIn posts the token to /login and returns the session cookie.
func signIn(t *testing.T, f *fixture, token string) *http.Cookie {
	t.Helper()
	req, _ := http.NewRequest("POST", f.ts.URL+"/login", strings.NewReader(url.Values{"token": {token}, "back": {"/"}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", f.ts.URL)
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	r, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	r.Body.Close()
	for _, c := range r.Cookies() {
		if c.Name == "factions_session" && c.Value != "" {
			if !c.HttpOnly || c.SameSite != http.SameSiteStrictMode {
				t.Errorf("session cookie %+v: want HttpOnly and SameSite=Strict", c)
			}
			return c
		}
	}
	return nil
}

// csrfOf reads the CSRF token a signed-in page's forms carry.
func csrfOf(t *testing.T, f *fixture, session *http.Cookie) string {
	t.Helper()
	req, _ := http.NewRequest("GET", f.ts.URL+"/audit", nil)
	req.AddCookie(session)
	r, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Body.Close()
	var b strings.Builder
	buf := make([]byte, 1<<16)
	for {
		n, err := r.Body.Read(buf)
		b.Write(buf[:n])
		if err != nil {
			break
		}
	}
	const mark = `name="csrf" value="`
	i := strings.Index(b.String(), mark)
	if i < 0 {
		t.Fatal("no csrf field on a signed-in page")
	}
	rest := b.String()[i+len(mark):]
	return rest[:strings.IndexByte(rest, '"')]
}

// TestCurationForms: a page form changes the store only when it comes from
// this site, from a signed-in curator, with the CSRF token of the session.
func TestCurationForms(t *testing.T) {
	f := newFixture(t)
	if c := signIn(t, f, "wrong-token-123456"); c != nil {
		t.Fatal("signed in with a wrong token")
	}
	session := signIn(t, f, testToken)
	if session == nil {
		t.Fatal("no session cookie after signing in")
	}
	csrf := csrfOf(t, f, session)
	jndg := f.find(t, "Jatiya Nabajagaran Dal (Gonotantrik)")
	post := func(form url.Values, cookie *http.Cookie, origin string) int {
		req, _ := http.NewRequest("POST", f.ts.URL+"/curate/rename", strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		if origin != "" {
			req.Header.Set("Origin", origin)
		}
		if cookie != nil {
			req.AddCookie(cookie)
		}
		client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
		r, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		r.Body.Close()
		return r.StatusCode
	}
	form := func(csrf string) url.Values {
		return url.Values{"entity": {fmt.Sprint(jndg)}, "name": {"Renamed Faction"}, "csrf": {csrf}, "back": {"/"}}
	}
	forged := *session
	forged.Value = strings.Replace(session.Value, "tester", "mallory", 1)
	for _, tc := range []struct {
		name   string
		form   url.Values
		cookie *http.Cookie
		origin string
		want   int
	}{
		{"no session", form(csrf), nil, f.ts.URL, 401},
		{"forged session", form(csrf), &forged, f.ts.URL, 401},
		{"no csrf token", form(""), session, f.ts.URL, 403},
		{"wrong csrf token", form(csrf[:len(csrf)-2] + "00"), session, f.ts.URL, 403},
		{"from another site", form(csrf), session, "https://evil.example", 403},
	} {
		if got := post(tc.form, tc.cookie, tc.origin); got != tc.want {
			t.Errorf("%s: %d, want %d", tc.name, got, tc.want)
		}
	}
	if e, _ := f.store.Entity(t.Context(), jndg); e == nil || e.Name == "Renamed Faction" {
		t.Fatal("a refused form changed the store")
	}
	if got := post(form(csrf), session, f.ts.URL); got != http.StatusSeeOther {
		t.Fatalf("good form: %d, want 303", got)
	}
	e, err := f.store.Entity(t.Context(), jndg)
	if err != nil || e.Name != "Renamed Faction" {
		t.Fatalf("after the good form: %v, %v", e, err)
	}
	log, _ := f.store.AuditLog(t.Context())
	if len(log) != 1 || log[0].Note != "by tester via web" {
		t.Errorf("audit log %+v", log)
	}
}

// TestParseTokens reads token lists and refuses weak or ambiguous ones.
func TestParseTokens(t *testing.T) {
	for _, tc := range []struct {
		spec  string
		names string
		bad   bool
	}{
		{"", "", false},
		{"0123456789abcdef", "curator", false},
		{"alice:0123456789abcdef, bob:fedcba9876543210", "alice,bob", false},
		{"short", "", true},
		{"alice:0123456789abcdef,alice:fedcba9876543210", "", true},
		{"al ice:0123456789abcdef", "", true},
	} {
		ts, err := server.ParseTokens(tc.spec)
		if (err != nil) != tc.bad {
			t.Errorf("%q: error %v, want error %v", tc.spec, err, tc.bad)
			continue
		}
		var names []string
		for _, tk := range ts {
			names = append(names, tk.Name)
		}
		if got := strings.Join(names, ","); got != tc.names {
			t.Errorf("%q: names %q, want %q", tc.spec, got, tc.names)
		}
	}
}
