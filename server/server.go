package server

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"runtime/debug"
	"sort"
	"strings"
	"time"

	"github.com/factions/factions"
)

// Config configures a Server. Store is required; the rest have defaults.
type Config struct {
	Store factions.Store
	// Tokens are the curators allowed to write; none means every write is
	// refused (401).
	Tokens []Token
	// Logger logs requests and internal errors (default: discard).
	Logger *slog.Logger
	// MaxBody is the largest request body accepted, in bytes (default 64 KiB).
	MaxBody int64
	// CacheTTL is how long data read from the store (lists, cards, graphs)
	// is served before it is read again; curation through this server
	// clears it at once. Zero means the default (10 s), negative no cache.
	CacheTTL time.Duration
	// Now is the clock (default time.Now).
	Now func() time.Time
}

// Server serves the web UI and the API over one store.
type Server struct {
	store   factions.Store
	tokens  []Token
	log     *slog.Logger
	maxBody int64
	now     func() time.Time
	mux     *http.ServeMux
	routes  []Route
	cache   *cache
	names   *cache // the name index alone
	keys    *keys
	pages   *pages
}

// Route is one registered route: its method and path pattern as
// net/http's ServeMux reads them, and whether it is part of the API.
type Route struct {
	Method, Path string
	API          bool
}

// New returns a Server for cfg, or an error when cfg has no store or the
// templates do not parse.
func New(cfg Config) (*Server, error) {
	if cfg.Store == nil {
		return nil, errors.New("server: no store")
	}
	s := &Server{store: cfg.Store, tokens: cfg.Tokens, log: cfg.Logger, maxBody: cfg.MaxBody, now: cfg.Now}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	if s.maxBody <= 0 {
		s.maxBody = 64 << 10
	}
	if s.now == nil {
		s.now = time.Now
	}
	ttl := cfg.CacheTTL
	if ttl == 0 {
		ttl = 10 * time.Second
	}
	s.cache = newCache(ttl, s.now)
	s.names = newCache(max(ttl, 30*time.Second), s.now)
	var err error
	if s.keys, err = newKeys(); err != nil {
		return nil, err
	}
	if s.pages, err = parsePages(); err != nil {
		return nil, err
	}
	s.mux = http.NewServeMux()
	s.registerAPI()
	s.registerPages()
	return s, nil
}

// Routes returns the registered routes, sorted by path then method.
func (s *Server) Routes() []Route {
	out := append([]Route(nil), s.routes...)
	sort.Slice(out, func(i, j int) bool {
		if out[i].Path != out[j].Path {
			return out[i].Path < out[j].Path
		}
		return out[i].Method < out[j].Method
	})
	return out
}

// handle registers h for method and path.
func (s *Server) handle(method, path string, h http.HandlerFunc) {
	s.routes = append(s.routes, Route{Method: method, Path: path, API: strings.HasPrefix(path, "/api/")})
	s.mux.HandleFunc(method+" "+path, h)
}

// apiFunc is an API handler: it returns the value to write as JSON with
// status 200, or an error.
type apiFunc func(r *http.Request) (any, error)

// api registers an API handler.
func (s *Server) api(method, path string, f apiFunc) {
	s.handle(method, path, func(w http.ResponseWriter, r *http.Request) {
		v, err := f(r)
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		writeJSON(w, http.StatusOK, v)
	})
}

// encoded is a response already encoded as JSON, as the cache keeps the
// large ones.
type encoded []byte

// encode returns v as indented JSON, as writeJSON writes it.
func encode(v any) (encoded, error) {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}

// writeJSON writes v as indented JSON with the given status.
func writeJSON(w http.ResponseWriter, status int, v any) {
	if e, ok := v.(encoded); ok {
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		w.WriteHeader(status)
		w.Write(e)
		return
	}
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		http.Error(w, `{"error":{"code":"internal","message":"Internal error."}}`, http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	w.Write(append(b, '\n'))
}

// methods are those a route may be registered with.
var methods = []string{http.MethodGet, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete}

// Handler returns the server's handler: routes behind panic recovery,
// request logging, security headers and the body limit.
func (s *Server) Handler() http.Handler {
	var h http.Handler = http.HandlerFunc(s.route)
	h = s.limitBody(h)
	h = securityHeaders(h)
	h = s.logRequests(h)
	return s.recoverPanics(h)
}

// route dispatches to the mux, answering unknown paths (404) and known
// paths with the wrong method (405, with Allow) itself: as JSON under
// /api/, as a page elsewhere.
func (s *Server) route(w http.ResponseWriter, r *http.Request) {
	if _, pattern := s.mux.Handler(r); pattern != "" {
		s.mux.ServeHTTP(w, r)
		return
	}
	var allow []string
	for _, m := range methods {
		r2 := r.Clone(r.Context())
		r2.Method = m
		if _, p := s.mux.Handler(r2); p != "" {
			allow = append(allow, m)
			if m == http.MethodGet {
				allow = append(allow, http.MethodHead)
			}
		}
	}
	err := error(factions.Errorf(factions.ENOTFOUND, "No such page: %s", r.URL.Path))
	if len(allow) > 0 {
		w.Header().Set("Allow", strings.Join(allow, ", "))
		err = &factions.Error{Code: eMethod, Message: fmt.Sprintf("%s is not allowed here; use %s.", r.Method, strings.Join(allow, " or "))}
	}
	if strings.HasPrefix(r.URL.Path, "/api/") {
		s.writeError(w, r, err)
		return
	}
	s.pageError(w, r, err)
}

// limitBody caps every request body at s.maxBody; reading past it fails
// with *http.MaxBytesError (413).
func (s *Server) limitBody(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.ContentLength > s.maxBody {
			err := &http.MaxBytesError{Limit: s.maxBody}
			if strings.HasPrefix(r.URL.Path, "/api/") {
				s.writeError(w, r, err)
			} else {
				s.pageError(w, r, err)
			}
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, s.maxBody)
		next.ServeHTTP(w, r)
	})
}

// csp is the Content-Security-Policy of every response: scripts, styles
// and images only from this server's own files (inline SVG is part of the
// document), no inline script or style, no framing, forms posting only
// here.
const csp = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; " +
	"font-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"

// securityHeaders sets the security headers of every response.
func securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", csp)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		h.Set("Cross-Origin-Resource-Policy", "same-origin")
		h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()")
		next.ServeHTTP(w, r)
	})
}

// statusWriter records the status and size of a response.
type statusWriter struct {
	http.ResponseWriter
	status int
	bytes  int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	n, err := w.ResponseWriter.Write(b)
	w.bytes += n
	return n, err
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// logRequests logs one line per request with log/slog.
func (s *Server) logRequests(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w}
		next.ServeHTTP(sw, r)
		if sw.status == 0 {
			sw.status = http.StatusOK
		}
		s.log.LogAttrs(r.Context(), slog.LevelInfo, "request",
			slog.String("method", r.Method), slog.String("path", r.URL.Path), slog.Int("status", sw.status),
			slog.Int("bytes", sw.bytes), slog.Duration("took", time.Since(start)), slog.String("remote", r.RemoteAddr))
	})
}

// recoverPanics turns a panic in a handler into a logged 500.
func (s *Server) recoverPanics(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				s.log.ErrorContext(r.Context(), "panic", "path", r.URL.Path, "panic", v, "stack", string(debug.Stack()))
				s.writeError(w, r, fmt.Errorf("panic: %v", v))
			}
		}()
		next.ServeHTTP(w, r)
	})
}

// Serve serves h on l until ctx is done, then shuts down gracefully,
// letting requests under way finish for up to grace. It sets read, write
// and idle timeouts. It returns the server's error, nil after a clean
// shutdown.
func Serve(ctx context.Context, l net.Listener, h http.Handler, logger *slog.Logger, grace time.Duration) error {
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       15 * time.Second,
		WriteTimeout:      30 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
		BaseContext:       func(net.Listener) context.Context { return context.WithoutCancel(ctx) },
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(l) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	logger.Info("shutting down", "grace", grace)
	sctx, cancel := context.WithTimeout(context.Background(), grace)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
