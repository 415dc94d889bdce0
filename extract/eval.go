package extract

import (
	"bufio"
	"io"
	"strconv"
	"unicode/utf8"

	"github.com/factions/factions"
)

// EvalEntity, EvalFact and EvalStatement are the items of the interchange
// format of ../shared/eval/FORMAT.md.
type (
	EvalEntity struct {
		Name    string              `json:"name"`
		Type    factions.EntityType `json:"type"`
		Aliases []string            `json:"aliases"`
	}
	EvalFact struct {
		Subject      string             `json:"subject"`
		Predicate    factions.Predicate `json:"predicate"`
		Role         string             `json:"role,omitempty"`
		Object       string             `json:"object"`
		Former       bool               `json:"former"`
		Stance       factions.Stance    `json:"stance"`
		AttributedTo *string            `json:"attributed_to"`
	}
	EvalStatement struct {
		Speaker string                 `json:"speaker"`
		Kind    factions.StatementKind `json:"kind"`
		Text    string                 `json:"text"`
	}
	// Eval is one article in the interchange format.
	Eval struct {
		Entities   []EvalEntity    `json:"entities"`
		Facts      []EvalFact      `json:"facts"`
		Statements []EvalStatement `json:"statements"`
	}
)

// ToEval converts an extraction to the interchange format.
func ToEval(x *factions.Extraction) *Eval {
	ev := &Eval{Entities: []EvalEntity{}, Facts: []EvalFact{}, Statements: []EvalStatement{}}
	for _, e := range x.Entities {
		aliases := e.Aliases
		if aliases == nil {
			aliases = []string{}
		}
		ev.Entities = append(ev.Entities, EvalEntity{Name: e.Name, Type: e.Type, Aliases: aliases})
	}
	for _, c := range x.Claims {
		f := EvalFact{Subject: c.Subject, Predicate: c.Predicate, Role: c.Role, Object: c.Object,
			Former: c.Former, Stance: c.Stance}
		if c.AttributedTo != "" {
			a := c.AttributedTo
			f.AttributedTo = &a
		}
		ev.Facts = append(ev.Facts, f)
	}
	for _, s := range x.Statements {
		ev.Statements = append(ev.Statements, EvalStatement{Speaker: s.Speaker, Kind: s.Kind, Text: s.Text})
	}
	return ev
}

// WriteEval writes the extraction to w in the interchange format, indented
// by two spaces, byte for byte as encoding/json's Encoder writes it with
// SetIndent("", "  ") and SetEscapeHTML(false) (FuzzWriteEval checks it). It
// appends each item to one small buffer rather than reflecting over the
// whole, so that a long article's output costs no more than its bytes. It
// returns the error of the write.
func WriteEval(w io.Writer, x *factions.Extraction) error {
	ev := ToEval(x)
	bw := bufio.NewWriter(w)
	b := make([]byte, 0, 1024)
	b = append(b, "{\n  \"entities\": ["...)
	for i := range ev.Entities {
		b = appendEvalEntity(appendItemStart(b, i), &ev.Entities[i])
		b = flushFull(bw, b)
	}
	b = append(appendListEnd(b, len(ev.Entities)), ",\n  \"facts\": ["...)
	for i := range ev.Facts {
		b = appendEvalFact(appendItemStart(b, i), &ev.Facts[i])
		b = flushFull(bw, b)
	}
	b = append(appendListEnd(b, len(ev.Facts)), ",\n  \"statements\": ["...)
	for i := range ev.Statements {
		b = appendEvalStatement(appendItemStart(b, i), &ev.Statements[i])
		b = flushFull(bw, b)
	}
	b = append(appendListEnd(b, len(ev.Statements)), "\n}\n"...)
	bw.Write(b)
	return bw.Flush()
}

// flushFull writes b to w once it holds more than a few kilobytes and
// returns it emptied, else returns it as it is.
func flushFull(w *bufio.Writer, b []byte) []byte {
	if len(b) < 4096 {
		return b
	}
	w.Write(b) // the error is kept by w and returned by its Flush
	return b[:0]
}

// appendItemStart appends what comes before the i-th item of a list.
func appendItemStart(b []byte, i int) []byte {
	if i > 0 {
		b = append(b, ',')
	}
	return append(b, "\n    "...)
}

// appendListEnd appends the end of a list of n items.
func appendListEnd(b []byte, n int) []byte {
	if n > 0 {
		b = append(b, "\n  "...)
	}
	return append(b, ']')
}

// appendField appends a member of an item, key and string value, after a
// comma unless it is the first.
func appendField(b []byte, first bool, key, value string) []byte {
	if !first {
		b = append(b, ',')
	}
	b = append(b, "\n      \""...)
	b = append(b, key...)
	b = append(b, "\": "...)
	return appendJSONString(b, value)
}

func appendEvalEntity(b []byte, e *EvalEntity) []byte {
	b = append(b, '{')
	b = appendField(b, true, "name", e.Name)
	b = appendField(b, false, "type", string(e.Type))
	b = append(b, ",\n      \"aliases\": ["...)
	for i, a := range e.Aliases {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, "\n        "...)
		b = appendJSONString(b, a)
	}
	if len(e.Aliases) > 0 {
		b = append(b, "\n      "...)
	}
	return append(b, "]\n    }"...)
}

func appendEvalFact(b []byte, f *EvalFact) []byte {
	b = append(b, '{')
	b = appendField(b, true, "subject", f.Subject)
	b = appendField(b, false, "predicate", string(f.Predicate))
	if f.Role != "" {
		b = appendField(b, false, "role", f.Role)
	}
	b = appendField(b, false, "object", f.Object)
	b = append(b, ",\n      \"former\": "...)
	b = strconv.AppendBool(b, f.Former)
	b = appendField(b, false, "stance", string(f.Stance))
	if f.AttributedTo != nil {
		b = appendField(b, false, "attributed_to", *f.AttributedTo)
	} else {
		b = append(b, ",\n      \"attributed_to\": null"...)
	}
	return append(b, "\n    }"...)
}

func appendEvalStatement(b []byte, s *EvalStatement) []byte {
	b = append(b, '{')
	b = appendField(b, true, "speaker", s.Speaker)
	b = appendField(b, false, "kind", string(s.Kind))
	b = appendField(b, false, "text", s.Text)
	return append(b, "\n    }"...)
}

// appendJSONString appends s as a JSON string, escaped as encoding/json
// escapes it without HTML escaping: quote, backslash and control
// characters, U+2028 and U+2029, and each byte of invalid UTF-8 as U+FFFD.
func appendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' && c < utf8.RuneSelf {
			i++
			continue
		}
		if c < utf8.RuneSelf {
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hex[r&0xF])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
