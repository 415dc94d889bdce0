package ingest

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
)

// Manifest holds the metadata of articles kept beside them in a table, as
// corpora and scrapes often have: a CSV or TSV file with a header row and
// one row per article file.
type Manifest struct {
	path   string          // the sheet's own
	byPath map[string]Meta // by the file's absolute, cleaned path
}

// manifestColumns are the header names a manifest's columns are known by,
// in lower case without spaces, hyphens or underscores.
var manifestColumns = sync.OnceValue(func() map[string]string {
	return map[string]string{
		"file": "file", "path": "file", "filename": "file", "filepath": "file", "name": "file",
		"date": "date", "published": "date", "pubdate": "date", "publishdate": "date", "publishedat": "date",
		"publicationdate": "date", "datepublished": "date", "publisheddate": "date",
		"title": "title", "headline": "title",
		"source": "source", "outlet": "source", "publisher": "source", "paper": "source", "newspaper": "source", "site": "source",
		"url": "url", "link": "url",
	}
})

// columnKey returns a header cell as manifestColumns knows it.
func columnKey(h string) string {
	h = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))
	return strings.NewReplacer(" ", "", "_", "", "-", "").Replace(h)
}

// ReadManifest reads the manifest at path: tab-separated unless its name
// ends in .csv. Its first row names the columns (case, spaces, hyphens and
// underscores do not matter): file (or path, filename, name), which is
// required, and any of date (published, pubdate, date_published...), title
// (headline), source (outlet, publisher, paper) and url (link); other
// columns are ignored. A file is named relative to
// the manifest's folder. An empty cell leaves that field to the file itself.
// A missing column, a row without a file, a file named twice and a date in
// no known form are EINVALID errors that name the manifest and the line.
func ReadManifest(path string) (*Manifest, error) {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fileError(path, invalid("no such file"))
	} else if err != nil {
		return nil, fileError(path, err)
	}
	defer f.Close()
	r := csv.NewReader(io.LimitReader(f, MaxSize))
	if !strings.EqualFold(filepath.Ext(path), ".csv") {
		r.Comma = '\t'
		r.LazyQuotes = true
	}
	r.FieldsPerRecord = -1
	r.ReuseRecord = true
	head, err := r.Read()
	if err == io.EOF {
		return nil, fileError(path, invalid("empty manifest"))
	} else if err != nil {
		return nil, fileError(path, invalid("%s", manifestErr(err)))
	}
	col := map[string]int{}
	for i, h := range head {
		if k, ok := manifestColumns()[columnKey(h)]; ok {
			if _, dup := col[k]; !dup {
				col[k] = i
			}
		}
	}
	if _, ok := col["file"]; !ok {
		return nil, fileError(path, invalid("no file column in the header (want file, path or filename)"))
	}
	dir, err := filepath.Abs(filepath.Dir(path))
	if err != nil {
		return nil, fileError(path, err)
	}
	m := &Manifest{path: path, byPath: map[string]Meta{}}
	cell := func(rec []string, k string) string {
		i, ok := col[k]
		if !ok || i >= len(rec) {
			return ""
		}
		return strings.TrimSpace(rec[i])
	}
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fileError(path, invalid("%s", manifestErr(err)))
		}
		line, _ := r.FieldPos(0)
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue // a blank line
		}
		name := cell(rec, "file")
		if name == "" {
			return nil, fileError(path, invalid("line %d: no file named", line))
		}
		p := filepath.FromSlash(name)
		if !filepath.IsAbs(p) {
			p = filepath.Join(dir, p)
		}
		p = filepath.Clean(p)
		if _, dup := m.byPath[p]; dup {
			return nil, fileError(path, invalid("line %d: %s is named twice", line, name))
		}
		meta := Meta{Title: cell(rec, "title"), Source: cell(rec, "source"), URL: cell(rec, "url")}
		if d := cell(rec, "date"); d != "" {
			var ok bool
			if meta.Published, ok = parseDate(d); !ok {
				return nil, fileError(path, invalid("line %d: date %q is in no known form (want YYYY-MM-DD)", line, d))
			}
		}
		m.byPath[p] = meta
	}
	return m, nil
}

// manifestErr returns the message of a CSV error without its own prefix.
func manifestErr(err error) string {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return fmt.Sprintf("line %d: %v", pe.Line, pe.Err)
	}
	return err.Error()
}

// Missing returns, sorted, the files the manifest names that do not exist,
// each as an EINVALID error naming the sheet and the file; none for a nil
// Manifest.
func (m *Manifest) Missing() []error {
	if m == nil {
		return nil
	}
	var paths []string
	for p := range m.byPath {
		if _, err := os.Stat(p); errors.Is(err, fs.ErrNotExist) {
			paths = append(paths, p)
		}
	}
	sort.Strings(paths)
	out := make([]error, len(paths))
	for i, p := range paths {
		out[i] = fileError(m.path, invalid("names %s, which does not exist", p))
	}
	return out
}

// Meta returns the metadata the manifest gives the file at path, and
// whether it names the file at all. A nil Manifest names none.
func (m *Manifest) Meta(path string) (Meta, bool) {
	if m == nil {
		return Meta{}, false
	}
	p, err := filepath.Abs(path)
	if err != nil {
		return Meta{}, false
	}
	meta, ok := m.byPath[filepath.Clean(p)]
	return meta, ok
}

// Over returns m with the fields it leaves empty taken from base: the
// metadata given on the command line over a manifest's.
func (m Meta) Over(base Meta) Meta {
	if m.Source == "" {
		m.Source = base.Source
	}
	if m.URL == "" {
		m.URL = base.URL
	}
	if m.Published.IsZero() {
		m.Published = base.Published
	}
	if m.Title == "" {
		m.Title = base.Title
	}
	if m.DateFrom.IsZero() {
		m.DateFrom, m.DateUntil = base.DateFrom, base.DateUntil
	}
	return m
}
