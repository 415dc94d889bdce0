// Command factions turns news reports about political organizations into a
// sourced, time-aware map of who leads what, who split from whom, who holds
// which post, and who claims or denies what.
//
// Usage:
//
//	factions <command> [flags] [arguments]
//
// Commands:
//
//	extract   read one article and print what it says (eval, json or text)
//	ingest    extract articles and store them in the knowledge base
//	show      print an entity's card: posts, memberships, leaders, claims
//	claims    list claims, contested ones side by side
//	lineage   print an organization's tree of factions and bodies
//	quotes    print what a person said, newest first
//	export    write the knowledge base as Popolo JSON
//	merge, split, rename, reject, undo, log
//	          curate entities and claims; every change is logged and reversible
//	serve     serve the web UI and the JSON API over the knowledge base
//	demo      ingest the bundled sample articles into a temporary database, show and serve them
//
// The database is SQLite at $FACTIONS_DB or the user's data directory unless
// --db names another file, or a postgres:// URL for PostgreSQL.
// Run "factions <command> -h" for a command's flags.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"

	"github.com/factions/factions"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	m := NewMain()
	if err := m.Run(ctx, os.Args[1:]); err != nil {
		if !errors.Is(err, flag.ErrHelp) && !errors.Is(err, errReported) {
			fmt.Fprintln(os.Stderr, "factions:", userMessage(err))
		}
		os.Exit(1)
	}
}

// errReported is returned by a command that has already printed its errors.
var errReported = errors.New("errors reported")

// userMessage returns the error as a user should read it.
func userMessage(err error) string {
	var e *factions.Error
	if errors.As(err, &e) {
		s := err.Error()
		// keep the context of wrapped coded errors: "file.txt: empty file"
		if i := strings.Index(s, "factions error: "); i > 0 {
			return s[:i] + e.Message
		}
		return e.Message
	}
	return err.Error()
}

// Main holds the program's streams and environment, so tests can replace them.
type Main struct {
	Stdin          io.Reader
	Stdout, Stderr io.Writer
	Getenv         func(string) string
	IsTerminal     bool
}

// NewMain returns a Main on the process's streams.
func NewMain() *Main {
	fi, err := os.Stderr.Stat()
	tty := err == nil && fi.Mode()&os.ModeCharDevice != 0
	return &Main{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv, IsTerminal: tty}
}

// Run runs the command named by args[0].
func (m *Main) Run(ctx context.Context, args []string) error {
	if len(args) == 0 {
		m.usage()
		return flag.ErrHelp
	}
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "extract":
		return (&ExtractCommand{m}).Run(ctx, rest)
	case "ingest":
		return (&IngestCommand{Main: m}).Run(ctx, rest)
	case "show":
		return (&ShowCommand{m}).Run(ctx, rest)
	case "demo":
		return (&DemoCommand{m}).Run(ctx, rest)
	case "help", "-h", "--help":
		m.usage()
		return nil
	}
	if c, ok := extraCommands[cmd]; ok {
		return c(m).Run(ctx, rest)
	}
	m.usage()
	return fmt.Errorf("unknown command %q", cmd)
}

// runner is a subcommand.
type runner interface {
	Run(ctx context.Context, args []string) error
}

// extraCommands are registered by the files of the knowledge-base commands.
var extraCommands = map[string]func(*Main) runner{}

func (m *Main) usage() {
	fmt.Fprint(m.Stderr, `factions turns news reports about political organizations into a sourced,
time-aware map of who leads what, who split from whom and who claims or denies what.

Usage: factions <command> [flags] [arguments]

  extract [--format eval|json|text] FILE|-   what one article says
  ingest [--db PATH] FILE|DIR|FEED|- ...     store articles in the knowledge base
  entities [--type T] [--limit N]           what the knowledge base knows, most named first
  show [--db PATH] [--as-of DATE] NAME       an entity's card
  claims [--contested] [NAME]                claims, contested ones side by side
  lineage ORG                                an organization's factions and bodies
  quotes NAME                                what a person said, newest first
  export --popolo                            Popolo JSON
  merge, split, rename, reject, undo, log    curation, logged and reversible
  resolutions NAME                           why each article's name was taken to be this entity
  serve [--addr HOST:PORT] [--token T]      the web UI and JSON API (token: $FACTIONS_TOKEN)
  demo [--no-serve]                          the bundled sample articles, end to end, served

The database is SQLite at $FACTIONS_DB or in the user's data directory;
--db takes another file or a postgres:// URL.
`)
}

// newFlagSet returns a flag set that prints its usage to m.Stderr.
func (m *Main) newFlagSet(name, usage string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(m.Stderr)
	fs.Usage = func() {
		fmt.Fprintf(m.Stderr, "Usage: factions %s %s\n", name, usage)
		fs.PrintDefaults()
	}
	return fs
}
