package ingest

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
)

// extensions are the extensions, lower case, of the files Walk visits in a
// folder.
var extensions = []string{".txt", ".text", ".md", ".html", ".htm", ".xml", ".rss", ".atom"}

// notArticles are the names, lower case and without their extension, of
// the files a folder of articles keeps beside them: notes on the corpus,
// its licence, its sheets.
var notArticles = sync.OnceValue(func() map[string]bool {
	return map[string]bool{
		"readme": true, "read me": true, "license": true, "licence": true, "copying": true, "copyright": true,
		"changelog": true, "changes": true, "history": true, "notice": true, "authors": true, "contributors": true,
		"contributing": true, "sources": true, "manifest": true, "metadata": true, "todo": true, "install": true,
	}
})

// Walk calls fn for root when it is a file (whatever its name) or "-"
// (standard input), and for every article file under root, in lexical
// order, when it is a folder: it skips files and folders whose names start
// with ".", files whose extension, in any case, is not one of .txt, .text,
// .md, .html, .htm, .xml, .rss or .atom, and the files a corpus keeps
// beside its articles (README, LICENSE, SOURCES and the like, in any case
// and with any extension); it follows links to files but not to folders
// below root. A root that does not exist, and a folder with no article
// file, are EINVALID errors naming it; an error from fn stops the walk and
// is returned as it is, as is the error of a folder below root that cannot
// be read (WalkReport goes on without it).
func Walk(root string, fn func(path string) error) error {
	return walk(root, fn, nil)
}

// WalkReport walks root as Walk does, except that a folder or file below
// root that cannot be read is given to report, with its path, and the walk
// goes on without it.
func WalkReport(root string, fn func(path string) error, report func(error)) error {
	return walk(root, fn, report)
}

func walk(root string, fn func(path string) error, report func(error)) error {
	if root == "-" {
		return fn(root)
	}
	fi, err := os.Stat(root)
	if errors.Is(err, fs.ErrNotExist) {
		return fileError(root, invalid("no such file or folder"))
	} else if err != nil {
		return fileError(root, err)
	}
	if !fi.IsDir() {
		return fn(root)
	}
	if lfi, err := os.Lstat(root); err == nil && lfi.Mode()&fs.ModeSymlink != 0 {
		// A link to a folder: a final separator makes WalkDir follow it.
		root += string(filepath.Separator)
	}
	found := 0
	err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			if path == root {
				return fileError(strings.TrimSuffix(root, string(filepath.Separator)), err)
			}
			if report == nil {
				return fileError(path, err)
			}
			report(fileError(path, unreadable(err)))
			if d != nil && d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if path == root {
			return nil
		}
		if strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() || !wanted(d.Name()) {
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			fi, err := os.Stat(path)
			if err != nil || !fi.Mode().IsRegular() {
				return nil
			}
		} else if !d.Type().IsRegular() {
			return nil
		}
		found++
		return fn(path)
	})
	if err == nil && found == 0 {
		return fileError(strings.TrimSuffix(root, string(filepath.Separator)), invalid("no article files (text, HTML or feeds) in this folder"))
	}
	return err
}

func wanted(name string) bool {
	ext := strings.ToLower(filepath.Ext(name))
	if notArticles()[strings.ToLower(strings.TrimSuffix(name, filepath.Ext(name)))] {
		return false
	}
	for _, e := range extensions {
		if ext == e {
			return true
		}
	}
	return false
}

// unreadable returns a folder's read error as a user reads it.
func unreadable(err error) error {
	if errors.Is(err, fs.ErrPermission) {
		return invalid("cannot be read: permission denied")
	}
	return err
}
