package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/factions/factions"
	"github.com/factions/factions/server"
)

// ServeCommand serves the web UI and the JSON API over the knowledge base.
type ServeCommand struct{ *Main }

// serveFlags are the flags serve and demo share.
type serveFlags struct {
	addr, token *string
	maxBody     *int64
	cache       *time.Duration
	quiet       *bool
}

func addServeFlags(fs interface {
	String(string, string, string) *string
	Int64(string, int64, string) *int64
	Duration(string, time.Duration, string) *time.Duration
	Bool(string, bool, string) *bool
}, addr string) *serveFlags {
	return &serveFlags{
		addr:    fs.String("addr", addr, "the address to listen on (host:port; port 0 picks a free one)"),
		token:   fs.String("token", "", "curators' bearer tokens: SECRET or NAME:SECRET, comma-separated (default $FACTIONS_TOKEN); none: curation is refused"),
		maxBody: fs.Int64("max-body", 64<<10, "the largest request body accepted, in bytes"),
		cache:   fs.Duration("cache", 10*time.Second, "how long read data is served before it is read again (negative: no cache)"),
		quiet:   fs.Bool("quiet", false, "log no requests"),
	}
}

// Run opens the store and serves it until SIGINT or SIGTERM.
func (c *ServeCommand) Run(ctx context.Context, args []string) error {
	fs := c.newFlagSet("serve", "[--db PATH] [--addr HOST:PORT] [--token NAME:SECRET,...]")
	db := dbFlag(fs)
	sf := addServeFlags(fs, "127.0.0.1:8080")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return fmt.Errorf("serve: unexpected argument %q", fs.Arg(0))
	}
	// Curators' changes need a store that can be written; with no token
	// the store is only read.
	open := c.openStore
	if *sf.token != "" || c.Getenv("FACTIONS_TOKEN") != "" {
		open = c.openWritable
	}
	s, err := open(ctx, *db)
	if err != nil {
		return err
	}
	defer s.Close()
	return c.serve(ctx, s, sf, "")
}

// serve serves s as sf says until ctx is done or SIGINT or SIGTERM comes,
// printing the address (and demoToken, when given) first.
func (m *Main) serve(ctx context.Context, s factions.Store, sf *serveFlags, demoToken string) error {
	spec := *sf.token
	if spec == "" {
		spec = m.Getenv("FACTIONS_TOKEN")
	}
	if demoToken != "" && spec == "" {
		spec = "demo:" + demoToken
	}
	tokens, err := server.ParseTokens(spec)
	if err != nil {
		return err
	}
	var logw io.Writer = m.Stderr
	if *sf.quiet {
		logw = io.Discard
	}
	logger := slog.New(slog.NewTextHandler(logw, nil))
	srv, err := server.New(server.Config{Store: s, Tokens: tokens, Logger: logger, MaxBody: *sf.maxBody, CacheTTL: *sf.cache})
	if err != nil {
		return err
	}
	l, err := net.Listen("tcp", *sf.addr)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	url := "http://" + l.Addr().String() + "/"
	fmt.Fprintf(m.Stdout, "Serving %s (API: %sapi/openapi.json). Ctrl-C stops.\n", url, url)
	switch {
	case demoToken != "" && *sf.token == "" && m.Getenv("FACTIONS_TOKEN") == "":
		fmt.Fprintf(m.Stdout, "Curator token for this demo: %s (sign in at %slogin)\n", demoToken, url)
	case len(tokens) == 0:
		fmt.Fprintf(m.Stdout, "No curator token (--token or FACTIONS_TOKEN): reading only, every change is refused.\n")
	}
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	err = server.Serve(ctx, l, srv.Handler(), logger, 10*time.Second)
	if errors.Is(err, net.ErrClosed) {
		return nil
	}
	return err
}
