package server

import (
	"net/http"
)

type pages struct{}

func parsePages() (*pages, error) { return &pages{}, nil }

func (s *Server) registerPages() {}

// pageError writes err as an HTML page with its status.
func (s *Server) pageError(w http.ResponseWriter, r *http.Request, err error) {
	st, _ := status(err)
	if st == http.StatusInternalServerError {
		s.log.ErrorContext(r.Context(), "internal error", "method", r.Method, "path", r.URL.Path, "err", err)
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.WriteHeader(st)
	w.Write([]byte(message(err) + "\n"))
}
