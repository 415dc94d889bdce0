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
//	          (--queue: queue them for workers, PostgreSQL only)
//	worker    store the queued articles, until SIGINT or SIGTERM
//	jobs      the job queue: jobs by state, failed jobs and their errors
//	entities  list what the knowledge base knows, most named first
//	show      print an entity's card: posts, memberships, leaders, claims
//	claims    list claims, contested ones side by side
//	lineage   print an organization's tree of factions and bodies
//	quotes    print what a person said, newest first
//	export    write the knowledge base as Popolo JSON
//	merge, split, rename, reject, undo, log
//	          curate entities and claims; every change is logged and reversible
//	resolutions
//	          why each article's name was taken to be an entity
//	serve     serve the web UI and the JSON API over the knowledge base
//	demo      ingest the bundled sample articles into a temporary database, show and serve them
//	help      this text, or a command's usage and flags (help COMMAND, or COMMAND -h)
//	version   the program's version
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
	"github.com/factions/factions/sqlite"
)

func main() {
	ctx := context.Background()
	if interruptible(os.Args[1:]) {
		var stop context.CancelFunc
		ctx, stop = signal.NotifyContext(ctx, os.Interrupt)
		defer stop()
	}
	m := NewMain()
	err := m.Run(ctx, os.Args[1:])
	if err != nil && !errors.Is(err, flag.ErrHelp) && !errors.Is(err, errReported) {
		fmt.Fprintln(os.Stderr, "factions:", safeText(userMessage(err)))
	}
	os.Exit(exitCode(err, os.Args[1:]))
}

// interruptible reports whether the command of args is to see an interrupt
// (SIGINT) as its context's cancellation, to stop cleanly. The commands that
// only read and print (extract, help, version) are left to end at once, as
// programs do by default: that spares the goroutine and the thread that
// watch for the signal, in a run of a few milliseconds.
func interruptible(args []string) bool {
	if len(args) == 0 {
		return false
	}
	switch args[0] {
	case "extract", "help", "version":
		return false
	}
	return true
}

// exitCode is the status the program exits with after Run(args) returned
// err: 0 for success and for a command's usage asked for (-h), 2 for no
// command at all, 1 for any other error.
func exitCode(err error, args []string) int {
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp) && len(args) > 0:
		return 0
	case errors.Is(err, flag.ErrHelp):
		return 2
	}
	return 1
}

// errReported is returned by a command that has already printed its errors.
var errReported = errors.New("errors reported")

// userMessage returns the error as a user should read it: a coded error's
// message (factions.ErrorMessage) after the context it was wrapped in
// ("file.txt: empty file"), any other error as it is.
func userMessage(err error) string {
	if factions.ErrorCode(err) == factions.EINTERNAL {
		return err.Error()
	}
	msg := factions.ErrorMessage(err)
	if s := err.Error(); strings.Contains(s, "factions error: ") {
		return s[:strings.Index(s, "factions error: ")] + msg
	}
	return msg
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
	name, rest := args[0], args[1:]
	switch name {
	case "-h", "--help":
		m.usage()
		return nil
	}
	for _, c := range commands {
		if c.name == name {
			return sqlite.Explain(c.new(m).Run(ctx, rest))
		}
	}
	m.usage()
	return fmt.Errorf("unknown command %q", name)
}

// runner is a subcommand.
type runner interface {
	Run(ctx context.Context, args []string) error
}

// command is one subcommand: its name, what follows it in the usage text
// and the line saying what it does (empty for a command the usage lists
// with the one before it), and what makes it for a Main.
type command struct {
	name, args, help string
	new              func(*Main) runner
}

// commands are the subcommands, in the order of the usage text. A new one
// is a row here (and a file with its runner).
var commands = []command{
	{"extract", "[--format eval|json|text] FILE|-", "what one article says", func(m *Main) runner { return &ExtractCommand{m} }},
	{"ingest", "[--db PATH] FILE|DIR|FEED|- ...", "store articles in the knowledge base", func(m *Main) runner { return &IngestCommand{Main: m} }},
	{"resolve", "[--db PATH]", "settle the entities from all articles at once", func(m *Main) runner { return &ResolveCommand{m} }},
	{"worker", "--db URL [--concurrency N]", "store the articles ingest --queue queued", func(m *Main) runner { return &WorkerCommand{m} }},
	{"jobs", "--db URL [--json]", "the job queue: counts by state, failed jobs", func(m *Main) runner { return &JobsCommand{m} }},
	{"entities", "[--type T] [--limit N]", "what the knowledge base knows, most named first", func(m *Main) runner { return &EntitiesCommand{m} }},
	{"show", "[--db PATH] [--as-of DATE] NAME", "an entity's card", func(m *Main) runner { return &ShowCommand{m} }},
	{"claims", "[--contested] [NAME]", "claims, contested ones side by side", func(m *Main) runner { return &ClaimsCommand{m} }},
	{"lineage", "ORG", "an organization's factions and bodies", func(m *Main) runner { return &LineageCommand{m} }},
	{"quotes", "NAME", "what a person said, newest first", func(m *Main) runner { return &QuotesCommand{m} }},
	{"export", "--popolo", "Popolo JSON", func(m *Main) runner { return &ExportCommand{m} }},
	{"merge", "", "curation, logged and reversible", curate("merge")},
	{"split", "", "", curate("split")},
	{"rename", "", "", curate("rename")},
	{"reject", "", "", curate("reject")},
	{"undo", "", "", curate("undo")},
	{"log", "", "", curate("log")},
	{"resolutions", "NAME", "why each article's name was taken to be this entity", curate("resolutions")},
	{"serve", "[--addr HOST:PORT] [--token T]", "the web UI and JSON API (token: $FACTIONS_TOKEN)", func(m *Main) runner { return &ServeCommand{m} }},
	{"demo", "[--no-serve]", "the bundled sample articles, end to end, served", func(m *Main) runner { return &DemoCommand{m} }},
	{"help", "[COMMAND]", "this text, or a command's usage and flags", func(m *Main) runner { return &HelpCommand{m} }},
	{"version", "", "the program's version", func(m *Main) runner { return &VersionCommand{m} }},
}

// curate returns what makes the curation command of action.
func curate(action string) func(*Main) runner {
	return func(m *Main) runner { return &CurateCommand{m, action} }
}

// usage prints what the program does and its commands (the table above).
func (m *Main) usage() {
	var b strings.Builder
	b.WriteString(`factions turns news reports about political organizations into a sourced,
time-aware map of who leads what, who split from whom and who claims or denies what.

Usage: factions <command> [flags] [arguments]

`)
	for i := 0; i < len(commands); {
		c := commands[i]
		names := []string{c.name}
		for i++; i < len(commands) && commands[i].help == ""; i++ {
			names = append(names, commands[i].name)
		}
		left := strings.Join(names, ", ")
		if c.args != "" {
			left += " " + c.args
		}
		fmt.Fprintf(&b, "  %-41s  %s\n", left, c.help)
	}
	b.WriteString(`
The database is SQLite at $FACTIONS_DB or in the user's data directory;
--db takes another file or a postgres:// URL.
`)
	fmt.Fprint(m.Stderr, b.String())
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
