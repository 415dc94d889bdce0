package ingest

import (
	"bytes"
	"encoding/json"
	"regexp"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	readability "github.com/go-shiori/go-readability"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/text/encoding/htmlindex"

	"github.com/factions/factions"
)

// readHTML returns the article in an HTML page, data, valid UTF-8.
func readHTML(data []byte) (*factions.Article, error) {
	doc, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		return nil, invalid("cannot parse HTML: %v", err)
	}
	m := pageMeta(doc)

	r, err := readable(doc)
	if err != nil {
		return nil, err
	}
	text := ""
	if r.Content != "" {
		body, err := html.Parse(strings.NewReader(r.Content))
		if err != nil {
			return nil, invalid("cannot parse the readable part: %v", err)
		}
		text = htmlText(body)
	}
	if text == "" {
		return nil, invalid("no readable text in HTML")
	}

	a := &factions.Article{
		Title:     oneLine(firstOf(m.title, r.Title)),
		Source:    oneLine(firstOf(m.siteName, m.publisher)),
		URL:       firstOf(m.url, m.canonical),
		Published: m.published,
		Text:      text,
	}
	if a.Published.IsZero() && r.PublishedTime != nil {
		a.Published = *r.PublishedTime
	}
	a.Title = strings.ToValidUTF8(a.Title, "\uFFFD")
	a.Source = strings.ToValidUTF8(a.Source, "\uFFFD")
	return a, nil
}

// readable runs go-readability on doc, turning a panic in it into an error.
func readable(doc *html.Node) (a readability.Article, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = invalid("cannot find the readable part of the HTML: %v", p)
		}
	}()
	a, err = readability.FromDocument(doc, nil)
	if err != nil {
		return a, invalid("cannot find the readable part of the HTML: %v", err)
	}
	return a, nil
}

// firstOf returns the first of ss that is not blank, trimmed.
func firstOf(ss ...string) string {
	for _, s := range ss {
		if s = strings.TrimSpace(s); s != "" {
			return s
		}
	}
	return ""
}

// meta is the metadata of an HTML page.
type meta struct {
	title, siteName, publisher, url, canonical string
	published                                  time.Time
}

// pageMeta reads the metadata of a page: Open Graph and article meta tags,
// the canonical link, <time datetime> and JSON-LD. The first value found for
// each wins.
func pageMeta(doc *html.Node) meta {
	var (
		m                                  meta
		ogPublished, ldPublished, itemprop string
		timePub, timeFirst                 string
		setOnce                            = func(p *string, v string) {
			if *p == "" {
				*p = strings.TrimSpace(v)
			}
		}
	)
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Meta:
				content := attr(n, "content")
				switch strings.ToLower(firstOf(attr(n, "property"), attr(n, "name"))) {
				case "og:title":
					setOnce(&m.title, content)
				case "og:site_name":
					setOnce(&m.siteName, content)
				case "og:url":
					setOnce(&m.url, content)
				case "article:published_time":
					setOnce(&ogPublished, content)
				}
				if strings.EqualFold(attr(n, "itemprop"), "datePublished") {
					setOnce(&itemprop, firstOf(content, attr(n, "datetime")))
				}
			case atom.Link:
				if hasToken(attr(n, "rel"), "canonical") {
					setOnce(&m.canonical, attr(n, "href"))
				}
			case atom.Time:
				if dt := attr(n, "datetime"); dt != "" {
					if hasAttr(n, "pubdate") || strings.EqualFold(attr(n, "itemprop"), "datePublished") {
						setOnce(&timePub, dt)
					}
					setOnce(&timeFirst, dt)
				}
			case atom.Script:
				if strings.EqualFold(strings.TrimSpace(attr(n, "type")), "application/ld+json") {
					var b strings.Builder
					for c := n.FirstChild; c != nil; c = c.NextSibling {
						if c.Type == html.TextNode {
							b.WriteString(c.Data)
						}
					}
					date, publisher := jsonLD(b.String())
					setOnce(&ldPublished, date)
					setOnce(&m.publisher, publisher)
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	for _, s := range []string{ogPublished, ldPublished, itemprop, timePub, timeFirst} {
		if t, ok := parseDate(s); ok {
			m.published = t
			break
		}
	}
	return m
}

// jsonLD returns the first datePublished and publisher name in a JSON-LD
// script: an object, an array of objects or an object with a @graph.
func jsonLD(s string) (date, publisher string) {
	s = strings.TrimSpace(s)
	s = strings.TrimPrefix(s, "<![CDATA[")
	s = strings.TrimSuffix(s, "]]>")
	var v any
	if json.Unmarshal([]byte(s), &v) != nil {
		return "", ""
	}
	var objs []map[string]any
	var collect func(v any, depth int)
	collect = func(v any, depth int) {
		if depth > 2 {
			return
		}
		switch v := v.(type) {
		case []any:
			for _, x := range v {
				collect(x, depth+1)
			}
		case map[string]any:
			objs = append(objs, v)
			collect(v["@graph"], depth+1)
		}
	}
	collect(v, 0)
	for _, o := range objs {
		if d, ok := o["datePublished"].(string); ok && date == "" {
			date = d
			if p, ok := o["publisher"].(map[string]any); ok {
				publisher, _ = p["name"].(string)
			}
		}
	}
	return date, publisher
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Namespace == "" && strings.EqualFold(a.Key, key) {
			return a.Val
		}
	}
	return ""
}

func hasAttr(n *html.Node, key string) bool {
	for _, a := range n.Attr {
		if a.Namespace == "" && strings.EqualFold(a.Key, key) {
			return true
		}
	}
	return false
}

// hasToken reports whether the space-separated list s holds tok.
func hasToken(s, tok string) bool {
	for _, f := range strings.Fields(s) {
		if strings.EqualFold(f, tok) {
			return true
		}
	}
	return false
}

// skipped reports whether a is an element whose content is not text to
// read.
func skipped(a atom.Atom) bool {
	switch a {
	case atom.Head, atom.Script, atom.Style, atom.Noscript, atom.Template, atom.Iframe,
		atom.Svg, atom.Math, atom.Object, atom.Canvas, atom.Select, atom.Button,
		atom.Textarea, atom.Input:
		return true
	}
	return false
}

// blocks reports whether a is an element that starts and ends a paragraph.
func blocks(a atom.Atom) bool {
	switch a {
	case atom.Address, atom.Article, atom.Aside, atom.Blockquote, atom.Body, atom.Caption,
		atom.Dd, atom.Details, atom.Div, atom.Dl, atom.Dt, atom.Fieldset,
		atom.Figcaption, atom.Figure, atom.Footer, atom.Form, atom.H1, atom.H2,
		atom.H3, atom.H4, atom.H5, atom.H6, atom.Header, atom.Hr,
		atom.Li, atom.Main, atom.Nav, atom.Ol, atom.P, atom.Pre,
		atom.Section, atom.Summary, atom.Table, atom.Tbody, atom.Thead, atom.Tfoot,
		atom.Tr, atom.Ul, atom.Html:
		return true
	}
	return false
}

// htmlText returns the text of the HTML tree n: one paragraph per block
// element, paragraphs separated by a blank line, white space collapsed
// within them, <br> kept as a line break. Entities are decoded (the parser
// does that), soft hyphens dropped, no-break spaces made spaces, and
// invalid UTF-8 replaced.
func htmlText(n *html.Node) string {
	var t textWriter
	t.node(n)
	t.flush()
	return strings.Join(t.paras, "\n\n")
}

type textWriter struct {
	paras []string
	buf   strings.Builder
	space bool // white space is pending
	pre   int  // depth of <pre>
}

func (t *textWriter) node(n *html.Node) {
	switch n.Type {
	case html.TextNode:
		t.text(n.Data)
		return
	case html.ElementNode:
		if skipped(n.DataAtom) {
			return
		}
		switch n.DataAtom {
		case atom.Br:
			t.buf.WriteByte('\n')
			t.space = false
			return
		case atom.Td, atom.Th:
			t.space = t.buf.Len() > 0
		}
		if blocks(n.DataAtom) {
			t.flush()
			if n.DataAtom == atom.Pre {
				t.pre++
				defer func() { t.pre-- }()
			}
			defer t.flush()
		}
	case html.DocumentNode:
	default:
		return
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		t.node(c)
	}
}

func (t *textWriter) text(s string) {
	s = strings.ToValidUTF8(s, "\uFFFD")
	for _, r := range s {
		switch r {
		case '\u00AD':
			continue
		case '\u00A0':
			r = ' '
		}
		if t.pre > 0 {
			if r == '\n' {
				t.buf.WriteByte('\n')
				t.space = false
			} else {
				t.buf.WriteRune(r)
			}
			continue
		}
		if r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\f' {
			t.space = t.buf.Len() > 0
			continue
		}
		if t.space {
			t.buf.WriteByte(' ')
			t.space = false
		}
		t.buf.WriteRune(r)
	}
}

// flush ends the paragraph being written.
func (t *textWriter) flush() {
	lines := strings.Split(t.buf.String(), "\n")
	t.buf.Reset()
	t.space = false
	kept := lines[:0]
	for _, l := range lines {
		if l = strings.TrimSpace(l); l != "" {
			kept = append(kept, l)
		}
	}
	if len(kept) > 0 {
		t.paras = append(t.paras, strings.Join(kept, "\n"))
	}
}

// fragmentText returns the text of an HTML fragment, such as a feed item's
// content, as htmlText does.
func fragmentText(s string) string {
	doc, err := html.Parse(strings.NewReader(s))
	if err != nil {
		return strings.TrimSpace(strings.ToValidUTF8(s, "\uFFFD"))
	}
	return htmlText(doc)
}

// looksHTML reports whether data starts, after white space and comments,
// with "<!doctype html" or "<html".
func looksHTML(data []byte) bool {
	d := skipProlog(data)
	return hasPrefixFold(d, "<!doctype html") || hasPrefixFold(d, "<html")
}

// skipProlog returns data after leading white space, an XML declaration and
// comments.
func skipProlog(data []byte) []byte {
	for {
		data = bytes.TrimLeft(data, " \t\r\n\f")
		switch {
		case bytes.HasPrefix(data, []byte("<!--")):
			i := bytes.Index(data, []byte("-->"))
			if i < 0 {
				return nil
			}
			data = data[i+3:]
		case bytes.HasPrefix(data, []byte("<?")):
			i := bytes.Index(data, []byte("?>"))
			if i < 0 {
				return nil
			}
			data = data[i+2:]
		default:
			return data
		}
	}
}

func hasPrefixFold(data []byte, prefix string) bool {
	return len(data) >= len(prefix) && strings.EqualFold(string(data[:len(prefix)]), prefix)
}

// rxMetaCharset and rxXMLEncoding find a page's declared character set;
// they are compiled on first use.
var (
	rxMetaCharset = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`(?i)<meta[^>]*?charset\s*=\s*["']?\s*([a-z0-9._:-]+)`)
	})
	rxXMLEncoding = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']`)
	})
)

// htmlCharset returns the character set a page declares in its first 1024
// bytes, or "".
func htmlCharset(data []byte) string {
	if len(data) > 1024 {
		data = data[:1024]
	}
	if m := rxMetaCharset().FindSubmatch(data); m != nil {
		return string(m[1])
	}
	return ""
}

// xmlEncoding returns the encoding an XML declaration at the start of data
// names, or "".
func xmlEncoding(data []byte) string {
	if len(data) > 1024 {
		data = data[:1024]
	}
	if m := rxXMLEncoding().FindSubmatch(data); m != nil {
		return string(m[1])
	}
	return ""
}

func isUTF8Label(label string) bool {
	l := strings.ToLower(label)
	return l == "utf-8" || l == "utf8"
}

// decodeCharset converts data from the character set label names to UTF-8.
func decodeCharset(label string, data []byte) ([]byte, error) {
	enc, err := htmlindex.Get(label)
	if err != nil {
		return nil, invalid("unknown character set %q", label)
	}
	if name, _ := htmlindex.Name(enc); name == "utf-8" {
		return data, nil
	}
	out, err := enc.NewDecoder().Bytes(data)
	if err != nil {
		return nil, invalid("cannot decode %s: %v", label, err)
	}
	if !utf8.Valid(out) {
		out = bytes.ToValidUTF8(out, []byte("\uFFFD"))
	}
	return out, nil
}
