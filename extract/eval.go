package extract

import (
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

// WriteEval writes the extraction to w in the interchange format, indented.
// It returns the error of the write.
func WriteEval(w io.Writer, x *factions.Extraction) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(ToEval(x))
}
