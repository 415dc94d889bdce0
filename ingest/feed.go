package ingest

import (
	"bytes"
	"errors"
	"strings"

	"github.com/mmcdole/gofeed"

	"github.com/factions/factions"
)

// looksFeed reports whether data is XML whose root element is that of an RSS
// or Atom feed.
func looksFeed(data []byte) bool {
	d := bytes.TrimLeft(data, " \t\r\n\f")
	if len(d) == 0 || d[0] != '<' {
		return false
	}
	if len(d) > 4096 {
		d = d[:4096]
	}
	switch gofeed.DetectFeedType(bytes.NewReader(d)) {
	case gofeed.FeedTypeRSS, gofeed.FeedTypeAtom:
		return true
	}
	return false
}

// readFeed returns one article for each item with text in an RSS or Atom
// feed.
func readFeed(data []byte) (arts []*factions.Article, err error) {
	if !looksFeed(data) {
		return nil, invalid("not an RSS or Atom feed")
	}
	defer func() {
		if p := recover(); p != nil {
			arts, err = nil, invalid("cannot parse feed: %v", p)
		}
	}()
	feed, err := gofeed.NewParser().Parse(bytes.NewReader(data))
	if errors.Is(err, gofeed.ErrFeedTypeNotDetected) {
		return nil, invalid("not an RSS or Atom feed")
	} else if err != nil {
		return nil, invalid("cannot parse feed: %v", err)
	}
	if len(feed.Items) == 0 {
		return nil, invalid("feed has no items")
	}
	source := clean(feed.Title)
	for _, it := range feed.Items {
		if it == nil {
			continue
		}
		text := fragmentText(firstOf(it.Content, it.Description))
		if text == "" {
			continue
		}
		a := &factions.Article{
			Title:  clean(it.Title),
			Source: source,
			URL:    strings.TrimSpace(strings.ToValidUTF8(it.Link, "")),
			Text:   text,
		}
		if a.URL == "" && len(it.Links) > 0 {
			a.URL = strings.TrimSpace(strings.ToValidUTF8(it.Links[0], ""))
		}
		switch {
		case it.PublishedParsed != nil:
			a.Published = *it.PublishedParsed
		case it.UpdatedParsed != nil:
			a.Published = *it.UpdatedParsed
		}
		arts = append(arts, a)
	}
	if len(arts) == 0 {
		return nil, invalid("feed has no items with text (%d without)", len(feed.Items))
	}
	return arts, nil
}

// clean returns a title or name from a feed as one line of text, markup and
// entities read as HTML when it has any.
func clean(s string) string {
	if strings.ContainsAny(s, "<&") {
		s = fragmentText(s)
	}
	return oneLine(strings.ToValidUTF8(s, "\uFFFD"))
}
