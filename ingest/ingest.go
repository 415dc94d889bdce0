package ingest

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/factions/factions"
)

// MaxSize is the largest input, in bytes, that ReadFile and ReadReader read.
const MaxSize = 32 << 20

// Meta holds values given from outside the file, typically on the command
// line. A field that is set overrides what the file says.
type Meta struct {
	Source    string    // the paper or site
	URL       string    // where the article was published
	Published time.Time // when it was published
	Title     string    // its headline
	// DateFrom and DateUntil bound the period articles of no publication
	// date are known to fall in ("the corpus is of 2004 and 2005"); they
	// date no article that has a date.
	DateFrom, DateUntil time.Time
}

// ReadFile reads the file at path and returns its articles: one for a text
// file or an HTML page, one per item for a feed. The path "-" reads standard
// input. A missing file, a directory and bad content are errors with the code
// factions.EINVALID whose message names the file and the reason; a failure to
// read is wrapped with the file's name.
func ReadFile(path string, meta Meta) ([]*factions.Article, error) {
	return collect(func(yield func(*factions.Article) error) error { return ReadFileEach(path, meta, yield) })
}

// ReadFileEach reads the file at path as ReadFile does and calls yield with
// each article as soon as it is read: a feed's items one at a time, so
// that no more than one of them is held (see ReadEach).
func ReadFileEach(path string, meta Meta, yield func(*factions.Article) error) error {
	if path == "-" {
		return ReadReaderEach(path, os.Stdin, meta, yield)
	}
	fi, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return fileError(path, invalid("no such file"))
	case errors.Is(err, fs.ErrPermission):
		return fileError(path, invalid("permission denied"))
	case err != nil:
		return fileError(path, err)
	case fi.IsDir():
		return fileError(path, invalid("is a directory, not a file"))
	case fi.Mode().IsRegular() && fi.Size() > MaxSize:
		return fileError(path, invalid("larger than %d MiB", MaxSize>>20))
	}
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrPermission) {
		return fileError(path, invalid("permission denied"))
	} else if err != nil {
		return fileError(path, err)
	}
	defer f.Close()
	if kindByName(path) == kindText {
		// read straight into the string the article's text is cut from
		text, err := readAllString(f, fi.Size())
		if err != nil {
			return fileError(path, err)
		}
		return each(path, yield, meta, func(yield func(*factions.Article) error) error { return readTextFile(text, yield) })
	}
	data, err := readAll(f, fi.Size())
	if err != nil {
		return fileError(path, err)
	}
	return ReadEach(path, data, meta, yield)
}

// ReadReader reads up to MaxSize bytes from r and returns the articles in
// them as Read does for name. The name "-" stands for standard input: errors
// call it stdin and the articles have no Path. Input larger than MaxSize is an
// EINVALID error; a read error is returned wrapped with the name.
func ReadReader(name string, r io.Reader, meta Meta) ([]*factions.Article, error) {
	return collect(func(yield func(*factions.Article) error) error { return ReadReaderEach(name, r, meta, yield) })
}

// ReadReaderEach reads r as ReadReader does and calls yield with each
// article as soon as it is read (see ReadEach).
func ReadReaderEach(name string, r io.Reader, meta Meta, yield func(*factions.Article) error) error {
	data, err := readAll(r, 0)
	if err != nil {
		return fileError(name, err)
	}
	return ReadEach(name, data, meta, yield)
}

// readAll reads r to its end, up to MaxSize bytes: more is an error. size is
// what r is expected to hold (a file's size, 0 when unknown), read into one
// buffer of that size rather than one grown and copied as it fills.
func readAll(r io.Reader, size int64) ([]byte, error) {
	if size <= 0 || size > MaxSize {
		size = 512
	}
	data := make([]byte, 0, size+1) // +1: the end is seen without growing
	for {
		n, err := r.Read(data[len(data):cap(data)])
		data = data[:len(data)+n]
		if len(data) > MaxSize {
			return nil, invalid("larger than %d MiB", MaxSize>>20)
		}
		if err == io.EOF {
			return data, nil
		}
		if err != nil {
			return nil, err
		}
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)]
		}
	}
}

// readAllString is readAll into a string, which a text file's article is
// cut from without another copy.
func readAllString(r io.Reader, size int64) (string, error) {
	if size <= 0 || size > MaxSize {
		size = 512
	}
	var sb strings.Builder
	sb.Grow(int(size) + 1)
	buf := copyBufs.Get().(*[]byte)
	defer copyBufs.Put(buf)
	if _, err := io.CopyBuffer(&sb, io.LimitReader(r, MaxSize+1), *buf); err != nil {
		return "", err
	}
	if sb.Len() > MaxSize {
		return "", invalid("larger than %d MiB", MaxSize>>20)
	}
	return sb.String(), nil
}

// copyBufs holds the buffers readAllString copies through, which io.Copy
// would allocate for each file (32 KiB: a tenth of what an ingest of text
// files allocated).
var copyBufs = sync.Pool{New: func() any { b := make([]byte, 32<<10); return &b }}

// Read returns the articles in data, read from the file called name: one for
// plain text or an HTML page, one per item with text for a feed. The kind is
// told by name's extension, or by the content when the extension is not one
// the package knows (see the package documentation). Each article's Path is
// name ("" for "-"), its Hash the hex SHA-256 of its Text, and the fields set
// in meta override what data says. Bad content is an error with the code
// factions.EINVALID whose message names the file and the reason, and no
// article; Read never returns an article with empty or invalid UTF-8 Text.
func Read(name string, data []byte, meta Meta) ([]*factions.Article, error) {
	return collect(func(yield func(*factions.Article) error) error { return ReadEach(name, data, meta, yield) })
}

// ReadEach reads data as Read does and calls yield with each article, its
// Path, Hash and meta set, as soon as it is read: a feed's items are read
// one at a time (encoding/xml), so that memory does not grow with them. A
// feed that turns out bad after some items (cut short, not well formed)
// has handed those items to yield before ReadEach returns its EINVALID
// error. An error of yield stops the reading and is returned as it is.
func ReadEach(name string, data []byte, meta Meta, yield func(*factions.Article) error) error {
	return each(name, yield, meta, func(yield func(*factions.Article) error) error { return read(name, data, yield) })
}

// each runs read over the file called name, giving each article it reads
// its Path, meta and Hash before yield; an error of read names the file, an
// error of yield is returned as it is.
func each(name string, yield func(*factions.Article) error, meta Meta, read func(yield func(*factions.Article) error) error) error {
	path := name
	if name == "-" {
		path = ""
	}
	var yerr error
	err := read(func(a *factions.Article) error {
		a.Path = path
		applyMeta(a, meta)
		a.Hash = Hash(a.Text)
		yerr = yield(a)
		return yerr
	})
	if yerr != nil {
		return yerr
	}
	if err != nil {
		return fileError(name, err)
	}
	return nil
}

// collect returns the articles each hands to its yield, or none and its
// error.
func collect(each func(yield func(*factions.Article) error) error) ([]*factions.Article, error) {
	var arts []*factions.Article
	if err := each(func(a *factions.Article) error { arts = append(arts, a); return nil }); err != nil {
		return nil, err
	}
	return arts, nil
}

// Hash returns the hex SHA-256 of text, the value of an Article's Hash.
func Hash(text string) string {
	// through a small buffer: []byte(text) would copy a long text whole
	h := sha256.New()
	var buf [4096]byte
	for len(text) > 0 {
		n := copy(buf[:], text)
		h.Write(buf[:n])
		text = text[n:]
	}
	return hex.EncodeToString(h.Sum(nil))
}

func applyMeta(a *factions.Article, m Meta) {
	if m.Source != "" {
		a.Source = m.Source
	}
	if m.URL != "" {
		a.URL = m.URL
	}
	if !m.Published.IsZero() {
		a.Published = m.Published
	}
	if m.Title != "" {
		a.Title = m.Title
	}
	if a.Published.IsZero() && !m.DateFrom.IsZero() {
		a.DateFrom, a.DateUntil = m.DateFrom, m.DateUntil
	}
}

// ParsePeriod reads a period given as FROM..UNTIL, each a year (2004), a
// month (2004-03) or a day (2004-03-14): from the first day of FROM to the
// last day of UNTIL; a single date is a period of its own ("2004" is the
// year). A period that ends before it starts, or a date in no such form,
// is EINVALID.
func ParsePeriod(s string) (from, until time.Time, err error) {
	a, b, ok := strings.Cut(strings.TrimSpace(s), "..")
	if !ok {
		b = a
	}
	from, _, err = periodBound(a)
	if err != nil {
		return from, until, err
	}
	_, until, err = periodBound(b)
	if err != nil {
		return from, until, err
	}
	if until.Before(from) {
		return from, until, invalid("period %q ends before it starts", s)
	}
	return from, until, nil
}

// periodBound returns the first and last day of a year, month or day.
func periodBound(s string) (first, last time.Time, err error) {
	s = strings.TrimSpace(s)
	for _, f := range []struct {
		layout string
		years  int
		months int
		days   int
	}{{"2006", 1, 0, 0}, {"2006-01", 0, 1, 0}, {"2006-01-02", 0, 0, 1}} {
		if t, err := time.Parse(f.layout, s); err == nil {
			return t, t.AddDate(f.years, f.months, f.days).AddDate(0, 0, -1), nil
		}
	}
	return first, last, invalid("%q is no year, month or day (want YYYY, YYYY-MM or YYYY-MM-DD)", s)
}

// kind is the kind of an input.
type kind int

const (
	kindText kind = iota
	kindHTML
	kindFeed
)

const utf8BOM = "\xEF\xBB\xBF"

// read calls yield with each article of data, the file called name.
func read(name string, data []byte, yield func(*factions.Article) error) error {
	data, off, err := precheck(data)
	if err != nil {
		return err
	}
	var a *factions.Article
	switch detect(name, data) {
	case kindHTML:
		if label := htmlCharset(data); !utf8.Valid(data) && label != "" {
			if data, err = decodeCharset(label, data); err != nil {
				return err
			}
		}
		if err := checkUTF8(data, off); err != nil {
			return err
		}
		a, err = readHTML(data)
	case kindFeed:
		// A feed may declare another character set; the feed parser
		// converts it.
		if label := xmlEncoding(data); label == "" || isUTF8Label(label) {
			if err := checkUTF8(data, off); err != nil {
				return err
			}
		}
		return scanFeed(data, yield)
	default:
		if err := checkUTF8(data, off); err != nil {
			return err
		}
		a, err = readText(string(data))
	}
	if err != nil {
		return err
	}
	return yield(a)
}

// readTextFile reads text, the content of a file whose name says it is
// plain text, as read does.
func readTextFile(text string, yield func(*factions.Article) error) error {
	text, off, err := precheck(text)
	if err != nil {
		return err
	}
	if err := checkUTF8(text, off); err != nil {
		return err
	}
	a, err := readText(text)
	if err != nil {
		return err
	}
	return yield(a)
}

// precheck returns data without its UTF-8 byte order mark and the length
// of the mark, or an error when data is empty, UTF-16 or binary.
func precheck[T string | []byte](data T) (T, int, error) {
	// Offsets in errors count in the data as given, BOM included.
	off := 0
	if hasPrefix(data, utf8BOM) {
		data, off = data[len(utf8BOM):], len(utf8BOM)
	}
	if blank(data) {
		return data, off, invalid("empty file")
	}
	if hasPrefix(data, "\xFF\xFE") || hasPrefix(data, "\xFE\xFF") {
		return data, off, invalid("UTF-16 text; convert it to UTF-8")
	}
	if isBinary(data) {
		return data, off, invalid("binary file")
	}
	return data, off, nil
}

func hasPrefix[T string | []byte](data T, prefix string) bool {
	return len(data) >= len(prefix) && string(data[:len(prefix)]) == prefix
}

// blank reports whether data is all white space.
func blank[T string | []byte](data T) bool {
	for _, r := range string(data) {
		if !unicode.IsSpace(r) {
			return false
		}
	}
	return true
}

// kindByName tells the kind of an input from its name's extension; -1 when
// the extension is none the package knows.
func kindByName(name string) kind {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".txt", ".text", ".md":
		return kindText
	case ".html", ".htm":
		return kindHTML
	case ".xml", ".rss", ".atom":
		return kindFeed
	}
	return -1
}

// detect tells the kind of an input from its name and, when the extension is
// not a known one, its content.
func detect(name string, data []byte) kind {
	switch k := kindByName(name); k {
	case kindText, kindHTML:
		return k
	case kindFeed:
		if looksHTML(data) {
			return kindHTML
		}
		return kindFeed
	}
	switch {
	case looksHTML(data):
		return kindHTML
	case looksFeed(data):
		return kindFeed
	}
	return kindText
}

// isBinary reports whether data holds a NUL byte or, in its first 8 KiB, more
// than one byte in ten that is a control character or not part of a UTF-8
// sequence.
func isBinary[T string | []byte](data T) bool {
	if indexNUL(data) >= 0 {
		return true
	}
	sample := data
	if len(sample) > 8<<10 {
		sample = sample[:8<<10]
	}
	cut := len(sample) < len(data)
	s := string(sample) // 8 KiB at most
	bad := 0
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if controlBytes[c] {
				bad++
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 && !(cut && len(s)-i < utf8.UTFMax) {
			// An invalid byte; a sequence cut at the end of the
			// sample does not count.
			bad++
		}
		i += size
	}
	return bad*10 > len(s)
}

// controlBytes marks the ASCII control characters a text file does not
// hold: all but tab, the line and page breaks and escape (of terminal
// colours).
var controlBytes = func() (t [utf8.RuneSelf]bool) {
	for c := range t {
		t[c] = c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v' && c != 0x1b || c == 0x7f
	}
	return t
}()

// indexNUL returns the offset of the first NUL byte of data, or -1.
func indexNUL[T string | []byte](data T) int {
	switch d := any(data).(type) {
	case string:
		return strings.IndexByte(d, 0)
	case []byte:
		return bytes.IndexByte(d, 0)
	}
	return -1
}

// checkUTF8 returns an error naming the offset of the first byte of data that
// is not valid UTF-8; off is added to it.
func checkUTF8[T string | []byte](data T, off int) error {
	switch d := any(data).(type) {
	case string:
		if utf8.ValidString(d) {
			return nil
		}
	case []byte:
		if utf8.Valid(d) {
			return nil
		}
	}
	s := string(data)
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			return invalid("invalid UTF-8 at byte %d", off+i)
		}
		i += size
	}
	return nil
}

// invalid returns an EINVALID error with the formatted message.
func invalid(format string, args ...any) error {
	return factions.Errorf(factions.EINVALID, format, args...)
}

// fileError puts the name of the file in err's message, keeping its code when
// it has one, and makes the message one line.
func fileError(name string, err error) error {
	switch name {
	case "-":
		name = "stdin"
	case "":
		name = "input"
	}
	var e *factions.Error
	if errors.As(err, &e) {
		return factions.Errorf(e.Code, "%s: %s", name, oneLine(e.Message))
	}
	return fmt.Errorf("%s: %w", name, err)
}

// oneLine collapses the white space in s, line breaks included.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
