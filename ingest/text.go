package ingest

import (
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/factions/factions"
)

// readText returns the article in a plain text, s, valid UTF-8 without a BOM.
func readText(s string) (*factions.Article, error) {
	s = normalizeNewlines(s)
	fm, body, ok, err := parseFrontMatter(s)
	if err != nil {
		return nil, err
	}
	text := strings.TrimSpace(body)
	if text == "" {
		if ok {
			return nil, invalid("no text after the front matter")
		}
		return nil, invalid("empty file")
	}
	a := &factions.Article{
		Title:     fm.title,
		Source:    fm.source,
		URL:       fm.url,
		Published: fm.published,
		Text:      text,
	}
	if a.Title == "" {
		a.Title = headline(text)
	}
	return a, nil
}

// normalizeNewlines turns "\r\n" and lone "\r" into "\n".
func normalizeNewlines(s string) string {
	if !strings.Contains(s, "\r") {
		return s
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.ReplaceAll(s, "\r", "\n")
}

// headline returns the first line of text when it reads as a headline: it is
// followed by a blank line, is shorter than 120 characters, has a letter and
// does not end with a period. It returns "" otherwise.
func headline(text string) string {
	first, rest, ok := strings.Cut(text, "\n")
	if !ok {
		return ""
	}
	if next, _, _ := strings.Cut(rest, "\n"); strings.TrimSpace(next) != "" {
		return ""
	}
	first = strings.TrimSpace(first)
	if utf8.RuneCountInString(first) >= 120 || strings.HasSuffix(first, ".") ||
		strings.IndexFunc(first, unicode.IsLetter) < 0 {
		return ""
	}
	return oneLine(first)
}

// frontMatter is what a front-matter block says.
type frontMatter struct {
	title, source, url string
	published          time.Time
}

// parseFrontMatter reads the front matter at the top of s, whose newlines are
// "\n", and returns it with the rest of s; ok is false, and body s, when s
// has none (see the package documentation for the format). A date that cannot
// be parsed is an error.
func parseFrontMatter(s string) (fm frontMatter, body string, ok bool, err error) {
	line, rest, more := strings.Cut(s, "\n")
	if strings.TrimRight(line, " \t") != "---" || !more {
		return frontMatter{}, s, false, nil
	}
	keys := 0
	for n := 2; ; n++ {
		if rest == "" {
			// The block never closed: it is front matter if it says
			// something, and then there is no text.
			return fm, "", keys > 0, nil
		}
		line, rest, _ = strings.Cut(rest, "\n")
		trimmed := strings.TrimSpace(line)
		switch {
		case trimmed == "---" || trimmed == "...":
			return fm, rest, true, nil
		case trimmed == "":
			if keys == 0 {
				return frontMatter{}, s, false, nil
			}
			return fm, rest, true, nil
		case line[0] == ' ' || line[0] == '\t' || line[0] == '#':
			continue
		}
		key, value, found := strings.Cut(line, ":")
		if !found || !isKey(key) {
			return frontMatter{}, s, false, nil
		}
		keys++
		value = unquote(strings.TrimSpace(value))
		switch strings.ToLower(key) {
		case "title":
			fm.title = oneLine(value)
		case "source":
			fm.source = oneLine(value)
		case "url":
			fm.url = value
		case "date", "published":
			if value == "" {
				fm.published = time.Time{}
				continue
			}
			t, ok := parseDate(value)
			if !ok {
				return frontMatter{}, s, false, invalid(
					"front matter line %d: cannot read date %q (want 2006-01-02, RFC 3339, \"2 January 2006\" or \"January 2, 2006\")",
					n, value)
			}
			fm.published = t
		}
	}
}

// isKey reports whether s is a front-matter key: a letter followed by
// letters, digits, '_' or '-'.
func isKey(s string) bool {
	if s == "" {
		return false
	}
	for i, r := range s {
		switch {
		case r < utf8.RuneSelf && unicode.IsLetter(r):
		case i > 0 && (r >= '0' && r <= '9' || r == '_' || r == '-'):
		default:
			return false
		}
	}
	return true
}

// unquote removes matching single or double quotes around s.
func unquote(s string) string {
	if len(s) >= 2 && (s[0] == '"' || s[0] == '\'') && s[len(s)-1] == s[0] {
		return s[1 : len(s)-1]
	}
	return s
}

// dateLayouts are the layouts parseDate tries, in order.
var dateLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05Z0700",
	"2006-01-02T15:04:05",
	"2006-01-02T15:04Z07:00",
	"2006-01-02T15:04",
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02 15:04:05",
	"2006-01-02 15:04",
	"2006-01-02",
	"2 January 2006",
	"January 2, 2006",
	"2 Jan 2006",
	"Jan 2, 2006",
	time.RFC1123Z,
	time.RFC1123,
}

// parseDate reads s in one of dateLayouts; a time without a zone is in UTC.
func parseDate(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	for _, layout := range dateLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}
