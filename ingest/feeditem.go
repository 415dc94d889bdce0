package ingest

import (
	"encoding/base64"
	"encoding/xml"
	"html"
	"strings"
	"sync"
	"time"

	"github.com/factions/factions"
)

// feedItem is an RSS item or an Atom entry as it was written: its child
// elements, in order.
type feedItem struct {
	Elems []feedElem `xml:",any"`
}

// feedElem is an element of a feed: its name, the attributes read, the
// markup inside it as written (Inner) and its own character data (Text).
type feedElem struct {
	XMLName xml.Name
	Type    string `xml:"type,attr"`
	Mode    string `xml:"mode,attr"`
	Href    string `xml:"href,attr"`
	Rel     string `xml:"rel,attr"`
	Inner   string `xml:",innerxml"`
	Text    string `xml:",chardata"`
}

// isDCSpace, isAtomSpace, isITunesSpace and isContentSpace tell an
// extension's namespace by its URI, which feeds write with or without a
// final slash and in any case, or by its usual prefix when the feed
// declares none.
func isDCSpace(sp string) bool      { return sameSpace(sp, nsDC) || sp == "dc" }
func isContentSpace(sp string) bool { return sameSpace(sp, nsContent) || sp == "content" }
func isITunesSpace(sp string) bool  { return sameSpace(sp, nsITunes) || sp == "itunes" }
func isAtomSpace(sp string) bool {
	return sameSpace(sp, nsAtom10) || sameSpace(sp, nsAtom03) || sp == "atom" || sp == "atom10" || sp == "atom03"
}

func sameSpace(sp, ns string) bool {
	return strings.EqualFold(strings.TrimSuffix(sp, "/"), strings.TrimSuffix(ns, "/"))
}

// rssArticle returns the article of an RSS item, or nil when it has no
// text. An item's own elements come first; Dublin Core's, iTunes' and
// Atom's stand in for those it lacks (the first of each).
func (s *feedScan) rssArticle(it *feedItem) *factions.Article {
	var title, desc, content, link, pubDate string
	var links []string
	var ext struct{ title, desc, date, summary, content, published, updated string }
	first := func(dst *string, v string) {
		if *dst == "" {
			*dst = strings.TrimSpace(v)
		}
	}
	for i := range it.Elems {
		e := &it.Elems[i]
		name := strings.ToLower(e.XMLName.Local)
		sp := strings.TrimSpace(e.XMLName.Space)
		switch {
		case name == "encoded" && isContentSpace(sp):
			content = rssText(e.Inner)
		case isDCSpace(sp):
			switch name {
			case "title":
				first(&ext.title, e.Text)
			case "description":
				first(&ext.desc, e.Text)
			case "date":
				first(&ext.date, e.Text)
			}
		case isITunesSpace(sp) && name == "summary":
			first(&ext.summary, e.Text)
		case isAtomSpace(sp):
			switch name {
			case "summary":
				first(&ext.summary, e.Text)
			case "content":
				first(&ext.content, e.Text)
			case "published":
				first(&ext.published, e.Text)
			case "updated":
				first(&ext.updated, e.Text)
			}
		case !s.native[sp]:
		case name == "title":
			title = rssText(e.Inner)
		case name == "description":
			desc = rssText(e.Inner)
		case name == "link":
			link = rssText(e.Inner)
			if link == "" {
				link = e.Href
			}
			links = append(links, link)
		case name == "pubdate":
			pubDate = rssText(e.Inner)
		}
	}
	text := fragmentText(firstOf(content, ext.content, desc, ext.desc, ext.summary))
	if text == "" {
		return nil
	}
	a := &factions.Article{Title: clean(firstOf(title, ext.title)), URL: feedURL(link, links), Text: text}
	// The publication date, or when it cannot be read another that
	// stands for it, or else the date of the last update.
	for _, d := range []string{pubDate, ext.date, ext.published, ext.updated} {
		if t, ok := feedDate(d); ok {
			a.Published = t
			break
		}
	}
	return a
}

// atomArticle returns the article of an Atom entry, or nil when it has no
// text.
func (s *feedScan) atomArticle(it *feedItem) *factions.Article {
	var title, summary, content, link, published, updated string
	var links []string
	for i := range it.Elems {
		e := &it.Elems[i]
		if !s.native[strings.TrimSpace(e.XMLName.Space)] {
			continue
		}
		switch strings.ToLower(e.XMLName.Local) {
		case "title":
			title = atomText(e)
		case "summary":
			summary = atomText(e)
		case "content":
			content = atomText(e)
		case "published", "issued":
			published = atomText(e)
		case "updated", "modified":
			updated = atomText(e)
		case "link":
			rel := e.Rel
			if rel == "" {
				rel = "alternate"
			}
			if rel == "alternate" && link == "" {
				link = e.Href
			}
			if rel == "alternate" || rel == "self" {
				links = append(links, e.Href)
			}
		}
	}
	text := fragmentText(firstOf(content, summary))
	if text == "" {
		return nil
	}
	a := &factions.Article{Title: clean(title), URL: feedURL(link, links), Text: text}
	for _, d := range []string{published, updated} {
		if t, ok := feedDate(d); ok {
			a.Published = t
			break
		}
	}
	return a
}

// feedURL returns an item's link, or else the first of its links, as
// valid UTF-8 with no white space around.
func feedURL(link string, links []string) string {
	u := strings.TrimSpace(strings.ToValidUTF8(link, ""))
	if u == "" && len(links) > 0 {
		u = strings.TrimSpace(strings.ToValidUTF8(links[0], ""))
	}
	return u
}

// clean returns a title or name from a feed as one line of text, markup and
// entities read as HTML when it has any.
func clean(s string) string {
	if strings.ContainsAny(s, "<&") {
		s = fragmentText(s)
	}
	return oneLine(strings.ToValidUTF8(s, "\uFFFD"))
}

// rssText returns the text of an RSS element from the markup inside it:
// trimmed, CDATA sections unwrapped, HTML character references outside
// them decoded (their text is often HTML escaped once more).
func rssText(inner string) string {
	s := strings.TrimSpace(inner)
	if strings.Contains(s, "<![CDATA[") {
		return stripCDATA(s)
	}
	return decodeEntities(s)
}

// atomText returns the text of an Atom text construct (RFC 4287 3.1) by
// its type: text and escaped HTML decoded, XHTML as written, base64 (Atom
// 0.3) or a binary media type decoded from base64.
func atomText(e *feedElem) string {
	s := strings.TrimSpace(e.Inner)
	if strings.Contains(s, "<![CDATA[") {
		return stripCDATA(s)
	}
	typ, mode := strings.ToLower(e.Type), strings.ToLower(e.Mode)
	switch {
	case typ == "text" || strings.HasPrefix(typ, "text/") || typ == "" && mode == "":
		return decodeEntities(s)
	case strings.Contains(typ, "xhtml"):
		return s
	case typ == "html":
		return decodeEntities(s)
	case mode == "base64" || binaryMediaType(typ):
		if b, err := base64.StdEncoding.DecodeString(s); err == nil {
			return string(b)
		}
	}
	return s
}

// binaryMediaType reports whether an Atom content type is one of data
// rather than text, whose content is base64.
func binaryMediaType(t string) bool {
	switch {
	case t == "", strings.HasPrefix(t, "text/"), strings.Contains(t, "xml"):
		return false
	case strings.HasPrefix(t, "image/"), strings.HasPrefix(t, "audio/"), strings.HasPrefix(t, "video/"):
		return true
	}
	switch t {
	case "application/octet-stream", "application/pdf", "application/zip", "application/gzip", "application/x-gzip", "application/ogg":
		return true
	}
	return false
}

// stripCDATA returns s with its CDATA sections unwrapped and the HTML
// character references outside them decoded; an unterminated section is
// read as text.
func stripCDATA(s string) string {
	var b strings.Builder
	for s != "" {
		start := strings.Index(s, "<![CDATA[")
		if start < 0 {
			break
		}
		end := strings.Index(s[start+len("<![CDATA["):], "]]>")
		if end < 0 {
			break
		}
		end += start + len("<![CDATA[")
		b.WriteString(decodeEntities(s[:start]))
		b.WriteString(s[start+len("<![CDATA[") : end])
		s = s[end+len("]]>"):]
	}
	b.WriteString(decodeEntities(s))
	return b.String()
}

// maxEntity bounds the length of a character reference decodeEntities
// reads.
const maxEntity = 64

// decodeEntities decodes the HTML character references in s that end in a
// semicolon ("&amp;", "&#39;", "&eacute;"); an ampersand that starts no
// such reference is left as it is ("AT&T", "&c", "&nbsp" with no
// semicolon).
func decodeEntities(s string) string {
	i := strings.IndexByte(s, '&')
	if i < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i >= 0 {
		b.WriteString(s[:i])
		s = s[i:]
		n := 0 // the length of the reference at s, 0 if none
		if end := strings.IndexByte(s[:min(len(s), maxEntity)], ';'); end > 1 && !strings.ContainsAny(s[1:end], " \t\r\n&") {
			ref := s[:end+1]
			// A reference the semicolon is part of: not one that
			// reads the same without it.
			if dec := html.UnescapeString(ref); dec != html.UnescapeString(ref[:end])+";" {
				b.WriteString(dec)
				n = end + 1
			}
		}
		if n == 0 {
			b.WriteByte('&')
			n = 1
		}
		s = s[n:]
		i = strings.IndexByte(s, '&')
	}
	b.WriteString(s)
	return b.String()
}

// feedDates are the layouts of the dates of feeds that feedDate reads,
// RSS's (RFC 822, often with a four-digit year) and Atom's (RFC 3339)
// first, then the variants feeds are seen to use.
var feedDates = []string{
	time.RFC1123Z,
	time.RFC3339,
	time.RFC822Z,
	"Mon, 2 Jan 2006 15:04:05 -0700",
	"Mon, 02 Jan 2006 15:04:05 -07:00",
	"Mon, 2 Jan 2006 15:04:05 -07:00",
	"Mon, 02 Jan 2006 15:04 -0700",
	"Mon, 2 Jan 2006 15:04 -0700",
	"Mon,02 Jan 2006 15:04:05 -0700",
	"Mon 02 Jan 2006 15:04:05 -0700",
	"02 Jan 2006 15:04:05 -0700",
	"2 Jan 2006 15:04:05 -0700",
	"Mon, 02 Jan 2006 15:04:05 Z",
	"Mon, 02 Jan 2006 15:04:05",
	"Mon, 2 Jan 2006 15:04:05",
	"Mon, 02 Jan 06 15:04:05 -0700",
	"Monday, 02 January 2006 15:04:05 -0700",
	"Mon, 02 January 2006 15:04:05 -0700",
	"Mon, 02 Jan 2006",
	"Mon, 2 Jan 2006",
	time.RubyDate,
	time.ANSIC,
	"2006-01-02T15:04:05-0700",
	"2006-01-02T15:04:05Z0700",
	"2006-01-02T15:04:05",
	"2006-01-02T15:04Z07:00",
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02 15:04:05 -0700",
	"2006-01-02 15:04:05",
	"2006-01-02 15:04",
	"2006-01-02",
	"2006/01/02",
	"January 2, 2006 15:04:05",
	"January 2, 2006",
	"2 January 2006",
	"02 Jan 2006",
	"Jan 2, 2006",
}

// feedDatesNamedZone are layouts with a zone's abbreviation, read with
// zoneOffsets.
var feedDatesNamedZone = []string{
	time.RFC1123,
	"Mon, 2 Jan 2006 15:04:05 MST",
	"Mon, 02 Jan 2006 15:04 MST",
	"Mon, 2 Jan 2006 15:04 MST",
	"02 Jan 2006 15:04:05 MST",
	"2 Jan 2006 15:04:05 MST",
	time.RFC850,
	time.RFC822,
	time.UnixDate,
	"2006-01-02 15:04:05 MST",
}

// zoneOffsets are the offsets of the zone abbreviations RFC 822 names and
// of a few others: time.Parse knows only the local zone's.
var zoneOffsets = sync.OnceValue(func() map[string]int {
	return map[string]int{
		"UT": 0, "GMT": 0, "UTC": 0, "Z": 0,
		"EST": -5 * 3600, "EDT": -4 * 3600, "CST": -6 * 3600, "CDT": -5 * 3600,
		"MST": -7 * 3600, "MDT": -6 * 3600, "PST": -8 * 3600, "PDT": -7 * 3600,
		"WET": 0, "WEST": 3600, "BST": 3600, "CET": 3600, "CEST": 2 * 3600, "EET": 2 * 3600, "EEST": 3 * 3600,
		"IST": 5*3600 + 1800, "PKT": 5 * 3600,
	}
})

// feedDate reads a feed's date in one of feedDates or feedDatesNamedZone,
// in UTC.
func feedDate(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, false
	}
	for _, layout := range feedDates {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), true
		}
	}
	for _, layout := range feedDatesNamedZone {
		t, err := time.Parse(layout, s)
		if err != nil {
			continue
		}
		if name, off := t.Zone(); name != "" {
			if want, ok := zoneOffsets()[name]; ok && want != off {
				t = time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), time.FixedZone(name, want))
			}
		}
		return t.UTC(), true
	}
	return time.Time{}, false
}
