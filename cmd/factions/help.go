package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"runtime/debug"
	"strings"
)

// HelpCommand prints the usage text, or a command's usage and flags.
type HelpCommand struct{ *Main }

// Run prints the program's usage with no argument, else the usage of the
// command named (its -h), and succeeds; an unknown command is an error.
func (c *HelpCommand) Run(ctx context.Context, args []string) error {
	fs := c.newFlagSet("help", "[COMMAND]")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		c.usage()
		return nil
	}
	name := fs.Arg(0)
	for _, cmd := range commands {
		if cmd.name == name {
			if err := cmd.new(c.Main).Run(ctx, []string{"-h"}); err != nil && !errors.Is(err, flag.ErrHelp) {
				return err
			}
			return nil
		}
	}
	c.usage()
	return fmt.Errorf("help: unknown command %q", name)
}

// VersionCommand prints the program's version.
type VersionCommand struct{ *Main }

// Run prints the module's version and, for a build from a repository, its
// revision and time (with "+dirty" for uncommitted changes), and the Go
// version it was built with.
func (c *VersionCommand) Run(ctx context.Context, args []string) error {
	fs := c.newFlagSet("version", "")
	if err := fs.Parse(args); err != nil {
		return err
	}
	_, err := fmt.Fprintln(c.Stdout, version())
	return err
}

// version describes the running binary from its build information.
func version() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "factions (unknown version)"
	}
	parts := []string{"factions", bi.Main.Version}
	var rev, at string
	dirty := false
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.time":
			at = s.Value
		case "vcs.modified":
			dirty = s.Value == "true"
		}
	}
	if rev != "" {
		if len(rev) > 12 {
			rev = rev[:12]
		}
		if dirty {
			rev += "+dirty"
		}
		parts = append(parts, rev)
	}
	if at != "" {
		parts = append(parts, at)
	}
	return strings.Join(append(parts, bi.GoVersion), " ")
}
