package server

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/factions/factions"
)

// Token is a curator's bearer token: who the curator is (kept in the audit
// log) and the secret.
type Token struct {
	Name   string
	Secret string
}

// minSecret is the shortest secret ParseTokens accepts.
const minSecret = 12

// ParseTokens reads tokens from spec: comma-separated entries, each
// NAME:SECRET or a bare SECRET (named "curator"). Secrets must be at least
// 12 characters. An empty spec gives no tokens. It returns an EINVALID error
// for a short secret, an empty or repeated name, or a name with characters
// other than letters, digits, '.', '-' and '_'.
func ParseTokens(spec string) ([]Token, error) {
	var out []Token
	seen := map[string]bool{}
	for _, part := range strings.Split(spec, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		t := Token{Name: "curator", Secret: part}
		if name, secret, ok := strings.Cut(part, ":"); ok {
			t = Token{Name: name, Secret: secret}
		}
		if !validName(t.Name) {
			return nil, factions.Errorf(factions.EINVALID, "token name %q: use letters, digits, '.', '-' or '_'", t.Name)
		}
		if seen[t.Name] {
			return nil, factions.Errorf(factions.EINVALID, "token name %q given twice", t.Name)
		}
		if len(t.Secret) < minSecret {
			return nil, factions.Errorf(factions.EINVALID, "the token of %q is shorter than %d characters", t.Name, minSecret)
		}
		seen[t.Name] = true
		out = append(out, t)
	}
	return out, nil
}

func validName(s string) bool {
	if s == "" || len(s) > 64 {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '.' || r == '-' || r == '_') {
			return false
		}
	}
	return true
}

// NewSecret returns a random token secret, for a demo or a first start.
func NewSecret() (string, error) {
	b := make([]byte, 18)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}

// curator returns the name of the token secret matches, comparing in
// constant time with every token (the digests, so lengths leak nothing);
// ok is false when none matches.
func (s *Server) curator(secret string) (name string, ok bool) {
	got := sha256.Sum256([]byte(secret))
	for _, t := range s.tokens {
		want := sha256.Sum256([]byte(t.Secret))
		if subtle.ConstantTimeCompare(got[:], want[:]) == 1 && !ok {
			name, ok = t.Name, true
		}
	}
	return name, ok
}

var errUnauthorized = &factions.Error{Code: eUnauthorized, Message: "Curation needs a valid bearer token (Authorization: Bearer TOKEN)."}

// bearer returns the curator a request's Authorization header names, or a
// 401 error.
func (s *Server) bearer(r *http.Request) (string, error) {
	h := r.Header.Get("Authorization")
	scheme, secret, ok := strings.Cut(h, " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") || secret == "" {
		return "", errUnauthorized
	}
	name, ok := s.curator(strings.TrimSpace(secret))
	if !ok {
		return "", errUnauthorized
	}
	return name, nil
}

// keys are the per-process secrets that sign session cookies and CSRF
// tokens; a restart signs everyone out.
type keys struct{ session []byte }

func newKeys() (*keys, error) {
	k := &keys{session: make([]byte, 32)}
	if _, err := rand.Read(k.session); err != nil {
		return nil, fmt.Errorf("server: keys: %w", err)
	}
	return k, nil
}

func (k *keys) mac(parts ...string) string {
	m := hmac.New(sha256.New, k.session)
	for _, p := range parts {
		m.Write([]byte(p))
		m.Write([]byte{0})
	}
	return hex.EncodeToString(m.Sum(nil))
}

const (
	sessionCookie = "factions_session"
	sessionLife   = 12 * time.Hour
)

// sessionValue returns a signed session cookie value for curator name,
// valid until exp.
func (k *keys) sessionValue(name string, exp time.Time) string {
	e := strconv.FormatInt(exp.Unix(), 10)
	return name + "." + e + "." + k.mac("session", name, e)
}

// session returns the curator of a request's session cookie, and the
// cookie's value (what its CSRF token is bound to); ok is false without a
// valid, unexpired cookie.
func (s *Server) session(r *http.Request) (name, value string, ok bool) {
	c, err := r.Cookie(sessionCookie)
	if err != nil {
		return "", "", false
	}
	parts := strings.Split(c.Value, ".")
	if len(parts) != 3 || !validName(parts[0]) {
		return "", "", false
	}
	want := s.keys.mac("session", parts[0], parts[1])
	if !hmac.Equal([]byte(parts[2]), []byte(want)) {
		return "", "", false
	}
	exp, err := strconv.ParseInt(parts[1], 10, 64)
	if err != nil || s.now().Unix() > exp {
		return "", "", false
	}
	return parts[0], c.Value, true
}

// csrfToken is the token a signed-in page's forms carry: an HMAC of the
// session cookie, so it cannot be read or made by another site, and is
// worthless without the cookie it is bound to.
func (s *Server) csrfToken(sessionValue string) string {
	if sessionValue == "" {
		return ""
	}
	return s.keys.mac("csrf", sessionValue)
}

var (
	errCrossSite = &factions.Error{Code: eForbidden, Message: "This form was not sent from this site."}
	errNoCSRF    = &factions.Error{Code: eForbidden, Message: "The form has expired or was not sent from this site; reload the page and try again."}
	errSignedOut = &factions.Error{Code: eUnauthorized, Message: "Sign in with a curator's token to change the knowledge base."}
)

// sameOrigin checks that a form post comes from this site: its Origin
// header, when sent, names this host; else Sec-Fetch-Site, when sent, is
// same-origin; else its Referer, when sent, is on this host.
func sameOrigin(r *http.Request) error {
	if o := r.Header.Get("Origin"); o != "" {
		u, err := url.Parse(o)
		if err != nil || u.Host != r.Host {
			return errCrossSite
		}
		return nil
	}
	if sf := r.Header.Get("Sec-Fetch-Site"); sf != "" {
		if sf != "same-origin" && sf != "none" {
			return errCrossSite
		}
		return nil
	}
	if ref := r.Header.Get("Referer"); ref != "" {
		u, err := url.Parse(ref)
		if err != nil || u.Host != r.Host {
			return errCrossSite
		}
	}
	return nil
}

// formCurator checks a page form's post: from this site, by a signed-in
// curator, carrying the CSRF token bound to the session. It returns the
// curator's name.
func (s *Server) formCurator(r *http.Request) (string, error) {
	if err := sameOrigin(r); err != nil {
		return "", err
	}
	name, value, ok := s.session(r)
	if !ok {
		return "", errSignedOut
	}
	if err := r.ParseForm(); err != nil {
		return "", factions.Errorf(factions.EINVALID, "The form could not be read.")
	}
	got, want := r.PostForm.Get("csrf"), s.csrfToken(value)
	if subtle.ConstantTimeCompare([]byte(got), []byte(want)) != 1 {
		return "", errNoCSRF
	}
	return name, nil
}

// auditNote is the note kept in the audit log for a change: who made it
// and through what, then the curator's own note. The store's audit entries
// have no field for who, so it goes in the note.
func auditNote(who, via, note string) string {
	n := "by " + who + " via " + via
	if note = strings.TrimSpace(note); note != "" {
		n += ": " + note
	}
	return n
}
