package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"runtime/debug"
	"strings"

	"github.com/factions/factions"
	"github.com/factions/factions/extract"
	"github.com/factions/factions/ingest"
	"github.com/factions/factions/internal/hugepages"
)

// ExtractCommand prints what one article says.
type ExtractCommand struct{ *Main }

// extractMemoryLimit is the soft memory limit of the extract command, unless
// GOMEMLIMIT sets one: a 32 MB text peaks at about 275 MB with it and 400 MB
// without.
const extractMemoryLimit = 256 << 20

// extractHugeFrom is the length of text from which the extract command's
// heap is advised to be backed by huge pages (hugepages.Reserve, up to
// extractMemoryLimit): the seed article 100 times over (331 KB) took
// 0.78–0.92x the time in alternating runs, with 1,650–1,825 page faults
// against 2,610; 32 MB 0.78–0.87x, peak 275–286 MB against 268–272. A
// one-line file, whose heap is a few pages, is left as it was.
const extractHugeFrom = 64 << 10

// Run parses the flags, reads the article and prints the extraction.
func (c *ExtractCommand) Run(ctx context.Context, args []string) error {
	fs := c.newFlagSet("extract", "[--format eval|json|text] FILE|-")
	format := fs.String("format", "text", "output format: eval (../shared/eval/FORMAT.md), json (with spans) or text")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return fmt.Errorf("extract: want one FILE or -")
	}
	switch *format {
	case "eval", "json", "text":
	default:
		return fmt.Errorf("extract: unknown format %q (want eval, json or text)", *format)
	}
	var arts []*factions.Article
	var err error
	if name := fs.Arg(0); name == "-" {
		arts, err = ingest.ReadReader("-", c.Stdin, ingest.Meta{})
	} else {
		arts, err = ingest.ReadFile(name, ingest.Meta{})
	}
	if err != nil {
		return err
	}
	if c.Getenv("GOMEMLIMIT") == "" {
		// a long input is read in pieces, and what is live stays well
		// under this; without a limit the garbage of the pieces would let
		// the heap grow to twice the live set
		defer debug.SetMemoryLimit(debug.SetMemoryLimit(extractMemoryLimit))
		if c.Getenv("GOGC") == "" {
			// one short-lived process: the garbage collector runs only as
			// the heap nears the limit, not each time it doubles, which on
			// an article means never (a sixth less CPU on a long one)
			defer debug.SetGCPercent(debug.SetGCPercent(-1))
		}
	}
	texts := make([]string, len(arts))
	size := 0
	for i, a := range arts {
		texts[i] = a.Text
		size += len(a.Text)
	}
	if size >= extractHugeFrom {
		// the heap's pages faulted in 2 MiB at a time
		hugepages.Reserve(extractMemoryLimit)
	}
	// a file of several articles (a feed) has them extracted on every CPU
	return extract.New().ExtractEach(ctx, texts, func(i int, ex *factions.Extraction, err error) error {
		a := arts[i]
		if err != nil {
			return fmt.Errorf("extract %s: %w", a.Path, err)
		}
		switch *format {
		case "eval":
			return extract.WriteEval(c.Stdout, ex)
		case "json":
			return writeJSON(c.Stdout, struct {
				Article *factions.Article    `json:"article"`
				Result  *factions.Extraction `json:"extraction"`
			}{a, ex})
		default:
			return writeText(safe(c.Stdout), a, ex)
		}
	})
}

func writeJSON(w io.Writer, v any) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return err
	}
	_, err := w.Write(escapeC1(buf.Bytes()))
	return err
}

// writeText prints an extraction for a person to read.
func writeText(w io.Writer, a *factions.Article, x *factions.Extraction) error {
	var b strings.Builder
	if a.Title != "" {
		fmt.Fprintf(&b, "%s\n", a.Title)
	}
	if x.Dateline != "" {
		fmt.Fprintf(&b, "Dateline: %s\n", x.Dateline)
	}
	fmt.Fprintf(&b, "\nEntities (%d)\n", len(x.Entities))
	for _, e := range x.Entities {
		fmt.Fprintf(&b, "  %-13s %s", e.Type, e.Name)
		if len(e.Aliases) > 0 {
			fmt.Fprintf(&b, "  (also %s)", strings.Join(e.Aliases, ", "))
		}
		b.WriteString("\n")
	}
	fmt.Fprintf(&b, "\nFacts (%d)\n", len(x.Claims))
	for _, c := range x.Claims {
		fmt.Fprintf(&b, "  %s\n", claimLine(&c))
		fmt.Fprintf(&b, "      “%s”\n", oneLine(c.Sentence, 160))
	}
	fmt.Fprintf(&b, "\nStatements (%d)\n", len(x.Statements))
	for _, s := range x.Statements {
		fmt.Fprintf(&b, "  %s (%s): %s\n", s.Speaker, s.Kind, oneLine(s.Text, 160))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// claimLine renders a claim as one line: subject, predicate, object, role,
// stance and attribution.
func claimLine(c *factions.Claim) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s %s", c.Subject, c.Predicate, c.Object)
	if c.Role != "" {
		fmt.Fprintf(&b, " [%s]", c.Role)
	}
	if c.Former {
		b.WriteString(" (former)")
	}
	if c.Stance != factions.Asserted {
		fmt.Fprintf(&b, " — %s", c.Stance)
	}
	if c.AttributedTo != "" {
		fmt.Fprintf(&b, " — according to %s", c.AttributedTo)
	}
	return b.String()
}

// oneLine collapses white space and cuts s to at most n runes.
func oneLine(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	r := []rune(s)
	if len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}
