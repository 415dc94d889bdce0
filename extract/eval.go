package extract

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"

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
// as json.Encoder indents it with two spaces. It writes one item at a time,
// so that a long article's output is never held twice in memory. It
// returns the error of the write.
func WriteEval(w io.Writer, x *factions.Extraction) error {
	ev := ToEval(x)
	bw := bufio.NewWriter(w)
	e := itemEncoder{w: bw}
	e.enc = json.NewEncoder(&e.buf)
	e.enc.SetEscapeHTML(false)
	e.enc.SetIndent("    ", "  ")
	bw.WriteString("{\n")
	writeEvalList(&e, "entities", ev.Entities, ",")
	writeEvalList(&e, "facts", ev.Facts, ",")
	writeEvalList(&e, "statements", ev.Statements, "")
	bw.WriteString("}\n")
	if e.err != nil {
		return e.err
	}
	return bw.Flush()
}

// itemEncoder encodes one item of a list at a time into buf and copies it
// to w, keeping the first error.
type itemEncoder struct {
	w   *bufio.Writer
	buf bytes.Buffer
	enc *json.Encoder
	err error
}

// writeEvalList writes the key and its list of items, then sep and a new
// line; an empty list is "[]".
func writeEvalList[T any](e *itemEncoder, key string, items []T, sep string) {
	e.w.WriteString(`  "` + key + `": [`)
	for i := range items {
		if i > 0 {
			e.w.WriteByte(',')
		}
		e.w.WriteString("\n    ")
		e.buf.Reset()
		if err := e.enc.Encode(&items[i]); err != nil && e.err == nil {
			e.err = err
		}
		e.w.Write(bytes.TrimSuffix(e.buf.Bytes(), []byte("\n")))
	}
	if len(items) > 0 {
		e.w.WriteString("\n  ")
	}
	e.w.WriteString("]" + sep + "\n")
}
