package ingest

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strings"

	"golang.org/x/net/html/charset"

	"github.com/factions/factions"
)

// The namespaces of the feed elements read: those of RSS 0.9 and 1.0 (RDF
// feeds), of Atom, and of the extensions whose elements stand in for an
// item's own (Dublin Core, RSS 1.0's content module, iTunes).
const (
	nsRDF      = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
	nsRSS10    = "http://purl.org/rss/1.0/"
	nsRSS09    = "http://channel.netscape.com/rdf/simple/0.9/"
	nsRSS09Alt = "http://my.netscape.com/rdf/simple/0.9/"
	nsAtom10   = "http://www.w3.org/2005/Atom"
	nsAtom03   = "http://purl.org/atom/ns#"
	nsDC       = "http://purl.org/dc/elements/1.1/"
	nsContent  = "http://purl.org/rss/1.0/modules/content/"
	nsITunes   = "http://www.itunes.com/dtds/podcast-1.0.dtd"
)

// looksFeed reports whether data is XML whose root element is that of an RSS
// or Atom feed, as far as its first 4 KiB tell.
func looksFeed(data []byte) bool {
	d := bytes.TrimLeft(data, " \t\r\n\f")
	if len(d) == 0 || d[0] != '<' {
		return false
	}
	if len(d) > 4096 {
		d = d[:4096]
	}
	root, err := feedRoot(feedDecoder(bytes.NewReader(d)))
	return err == nil && feedKind(root) != ""
}

// feedKind returns "rss" for the root element of an RSS feed (rss, or
// rdf:RDF for RSS 0.9 and 1.0), "atom" for that of an Atom feed, else "".
func feedKind(root xml.StartElement) string {
	switch strings.ToLower(root.Name.Local) {
	case "rss", "rdf":
		return "rss"
	case "feed":
		return "atom"
	}
	return ""
}

// feedDecoder returns a decoder of the XML in r as feeds are read: lenient
// (unknown entities are left as they are, a missing end tag is made up),
// converting the character set its declaration names, and dropping the
// control characters XML does not allow (all below U+0020 but tab and line
// breaks), which feeds carry more often than they should.
func feedDecoder(r io.Reader) *xml.Decoder {
	d := xml.NewDecoder(&controlFilter{r: r})
	d.Strict = false
	d.CharsetReader = charset.NewReaderLabel
	return d
}

// controlFilter reads r without the bytes below 0x20 other than tab, line
// feed and carriage return.
type controlFilter struct{ r io.Reader }

func (c *controlFilter) Read(p []byte) (int, error) {
	for {
		n, err := c.r.Read(p)
		w := 0
		for _, b := range p[:n] {
			if b < 0x20 && b != '\t' && b != '\n' && b != '\r' {
				continue
			}
			p[w] = b
			w++
		}
		if w > 0 || err != nil || n == 0 {
			return w, err
		}
	}
}

// feedRoot reads d up to its root element and returns it.
func feedRoot(d *xml.Decoder) (xml.StartElement, error) {
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			return xml.StartElement{}, errors.New("no root element")
		} else if err != nil {
			return xml.StartElement{}, err
		}
		if se, ok := tok.(xml.StartElement); ok {
			return se, nil
		}
	}
}

// scanFeed reads an RSS (0.9x, 1.0, 2.0) or Atom feed an item at a time
// and calls yield with the article of each item that has text, as soon as
// the item is read: memory does not grow with the items. Title is the
// item's title, Source the feed's title, URL the item's link, Published
// its publication date or else the date it was updated, and Text the text
// of its content or, when it has none, of its description (summary), HTML
// read as HTML. A feed that cannot be parsed is EINVALID; the items before
// the fault have been handed to yield then. A feed with no item, or with
// no item with text, is EINVALID too. An error of yield stops the reading
// and is returned as it is.
func scanFeed(data []byte, yield func(*factions.Article) error) error {
	if !looksFeed(data) {
		return invalid("not an RSS or Atom feed")
	}
	d := feedDecoder(bytes.NewReader(data))
	root, err := feedRoot(d)
	if err != nil {
		return invalid("cannot parse feed: %v", err)
	}
	s := &feedScan{d: d, data: data, yield: yield, atom: feedKind(root) == "atom", native: map[string]bool{"": true}}
	if s.atom {
		s.native[nsAtom10], s.native[nsAtom03] = true, true
	} else {
		for _, ns := range []string{"rss", "rdf", nsRDF, nsRSS10, nsRSS09, nsRSS09Alt} {
			s.native[ns] = true
		}
		if sp := strings.TrimSpace(root.Name.Space); !isDCSpace(sp) && !isContentSpace(sp) && !isITunesSpace(sp) && !isAtomSpace(sp) {
			s.native[sp] = true // a root of its own namespace: its children are the feed's
		}
	}
	err = s.children(s.rootChild)
	switch {
	case s.stopped != nil:
		return s.stopped
	case err != nil:
		return invalid("cannot parse feed: %v", err)
	case s.items == 0:
		return invalid("feed has no items")
	case s.kept == 0:
		return invalid("feed has no items with text (%d without)", s.items)
	}
	return nil
}

// feedScan is the state of scanFeed.
type feedScan struct {
	d      *xml.Decoder
	data   []byte
	atom   bool
	native map[string]bool // the namespaces of the feed's own elements

	title   string // the feed's title, once read (titled)
	dcTitle string // an RSS channel's dc:title, the title when it has none
	titled  bool

	items, kept int
	yield       func(*factions.Article) error
	stopped     error // yield's
}

// children calls fn with each child element of the element last read,
// which fn reads to its end, and returns at the element's end.
func (s *feedScan) children(fn func(xml.StartElement) error) error {
	for {
		tok, err := s.d.Token()
		if errors.Is(err, io.EOF) {
			return io.ErrUnexpectedEOF
		} else if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if err := fn(t); err != nil {
				return err
			}
		case xml.EndElement:
			return nil
		}
	}
}

// rootChild reads a child of the feed's root element: an RSS channel or
// item (RSS 0.9 and 1.0 put items beside the channel), an Atom feed's
// title or entry.
func (s *feedScan) rootChild(se xml.StartElement) error {
	if !s.native[strings.TrimSpace(se.Name.Space)] {
		return s.d.Skip()
	}
	switch name := strings.ToLower(se.Name.Local); {
	case s.atom && name == "title":
		var e feedElem
		if err := s.d.DecodeElement(&e, &se); err != nil {
			return err
		}
		s.title, s.titled = clean(atomText(&e)), true
		return nil
	case s.atom && name == "entry", !s.atom && name == "item":
		return s.item(se)
	case !s.atom && name == "channel":
		return s.children(s.channelChild)
	}
	return s.d.Skip()
}

// channelChild reads a child of an RSS channel: its title, dc:title or an
// item.
func (s *feedScan) channelChild(se xml.StartElement) error {
	name := strings.ToLower(se.Name.Local)
	sp := strings.TrimSpace(se.Name.Space)
	switch {
	case s.native[sp] && name == "item":
		return s.item(se)
	case s.native[sp] && name == "title", isDCSpace(sp) && name == "title":
		var e feedElem
		if err := s.d.DecodeElement(&e, &se); err != nil {
			return err
		}
		if s.native[sp] {
			s.title, s.titled = clean(rssText(e.Inner)), true
		} else if s.dcTitle == "" {
			s.dcTitle = clean(strings.TrimSpace(e.Text))
		}
		return nil
	}
	return s.d.Skip()
}

// item reads an RSS item or an Atom entry and hands its article, if it
// has text, to yield.
func (s *feedScan) item(se xml.StartElement) error {
	var it feedItem
	if err := s.d.DecodeElement(&it, &se); err != nil {
		return err
	}
	s.items++
	var a *factions.Article
	if s.atom {
		a = s.atomArticle(&it)
	} else {
		a = s.rssArticle(&it)
	}
	if a == nil {
		return nil
	}
	if !s.titled {
		// The feed's title comes after its first item, or nowhere:
		// look for it once in the rest of the feed.
		s.title, s.dcTitle = feedTitle(s.data, s.atom, s.native)
		s.titled = true
	}
	a.Source = s.title
	if a.Source == "" {
		a.Source = s.dcTitle
	}
	s.kept++
	if err := s.yield(a); err != nil {
		s.stopped = err
		return err
	}
	return nil
}

// feedTitle returns the title of the feed in data and, for RSS, its
// channel's dc:title, reading the whole feed but keeping no item.
func feedTitle(data []byte, atom bool, native map[string]bool) (title, dcTitle string) {
	s := &feedScan{d: feedDecoder(bytes.NewReader(data)), atom: atom, native: native}
	if _, err := feedRoot(s.d); err != nil {
		return "", ""
	}
	isItem := func(se xml.StartElement) bool {
		name := strings.ToLower(se.Name.Local)
		return native[strings.TrimSpace(se.Name.Space)] && (atom && name == "entry" || !atom && name == "item")
	}
	inChannel := func(se xml.StartElement) error {
		if isItem(se) {
			return s.d.Skip()
		}
		return s.channelChild(se)
	}
	s.children(func(se xml.StartElement) error { // a fault after the title keeps what was read
		switch {
		case isItem(se):
			return s.d.Skip()
		case !atom && native[strings.TrimSpace(se.Name.Space)] && strings.EqualFold(se.Name.Local, "channel"):
			return s.children(inChannel)
		case atom:
			return s.rootChild(se)
		}
		return s.d.Skip()
	})
	return s.title, s.dcTitle
}
