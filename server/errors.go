package server

import (
	"errors"
	"net/http"

	"github.com/factions/factions"
)

// Error codes of the server's own, beside the root's coded errors.
const (
	eUnauthorized = "unauthorized"       // no or a wrong bearer token
	eForbidden    = "forbidden"          // a form without its CSRF token, or from another site
	eTooLarge     = "too_large"          // a request body over the limit
	eMethod       = "method_not_allowed" // a route that exists, with another method
)

// status maps an error to its HTTP status and the code shown to the client:
// the root's coded errors, the server's own, and a request body over the
// limit. It is the one place that does. Unknown errors are internal: 500,
// with the message hidden.
func status(err error) (int, string) {
	var mb *http.MaxBytesError
	if errors.As(err, &mb) {
		return http.StatusRequestEntityTooLarge, eTooLarge
	}
	code := factions.ErrorCode(err)
	switch code {
	case factions.EINVALID:
		return http.StatusBadRequest, code
	case factions.ENOTFOUND:
		return http.StatusNotFound, code
	case factions.ECONFLICT:
		return http.StatusConflict, code
	case eUnauthorized:
		return http.StatusUnauthorized, code
	case eForbidden:
		return http.StatusForbidden, code
	case eTooLarge:
		return http.StatusRequestEntityTooLarge, code
	case eMethod:
		return http.StatusMethodNotAllowed, code
	}
	return http.StatusInternalServerError, factions.EINTERNAL
}

// message returns what a client is told of err: the coded error's message,
// "Internal error." for anything else.
func message(err error) string {
	var mb *http.MaxBytesError
	if errors.As(err, &mb) {
		return "The request body is too large."
	}
	return factions.ErrorMessage(err)
}

// errorBody is the JSON of an API error.
type errorBody struct {
	Error struct {
		Code    string `json:"code"`
		Message string `json:"message"`
	} `json:"error"`
}

// writeError writes err as the API's JSON error and logs internal ones.
func (s *Server) writeError(w http.ResponseWriter, r *http.Request, err error) {
	st, code := status(err)
	if st == http.StatusInternalServerError {
		s.log.ErrorContext(r.Context(), "internal error", "method", r.Method, "path", r.URL.Path, "err", err)
	}
	if st == http.StatusUnauthorized {
		w.Header().Set("WWW-Authenticate", `Bearer realm="factions"`)
	}
	var b errorBody
	b.Error.Code, b.Error.Message = code, message(err)
	writeJSON(w, st, b)
}
