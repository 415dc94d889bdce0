package ingest_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/factions/factions"
	"github.com/factions/factions/ingest"
)

// TestRead_Feeds reads feeds of the forms the feed parser knows, each item
// checked for its title, source, URL, date and text.
func TestRead_Feeds(t *testing.T) {
	type item struct{ title, source, url, published, text string }
	const (
		rdfHead  = `<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">`
		atomHead = `<feed xmlns="http://www.w3.org/2005/Atom">`
	)
	for _, tt := range []struct {
		name, feed string
		want       []item
	}{
		{"RSS1", rdfHead + `<channel rdf:about="https://c.example/"><title>Marsh Gazette</title></channel>` +
			`<item rdf:about="https://c.example/1"><title>Pact signed</title><link>https://c.example/1</link>` +
			`<description>The Fen Party signed the pact.</description><dc:date>2024-05-06T07:08:09+02:00</dc:date></item></rdf:RDF>`,
			[]item{{"Pact signed", "Marsh Gazette", "https://c.example/1", "2024-05-06T05:08:09Z", "The Fen Party signed the pact."}}},
		{"DublinCore", `<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><dc:title>Dune Herald</dc:title>` +
			`<item><dc:title>Vote today</dc:title><dc:description>The Dune League votes today.</dc:description>` +
			`<dc:date>2024-01-02</dc:date></item></channel></rss>`,
			[]item{{"Vote today", "Dune Herald", "", "2024-01-02T00:00:00Z", "The Dune League votes today."}}},
		{"ContentModuleNoSlash", `<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content"><channel><title>T</title>` +
			`<item><description>Summary only.</description><content:encoded>&lt;p&gt;The whole text.&lt;/p&gt;</content:encoded></item></channel></rss>`,
			[]item{{"", "T", "", "", "The whole text."}}},
		{"CDATAAndEntities", `<rss version="2.0"><channel><title>Bay &amp; Delta News</title><item>` +
			`<title><![CDATA[Reform <b>bloc</b> splits]]></title><link>  https://b.example/2  </link>` +
			`<pubDate>Tue, 05 Mar 2024 09:15:00 EST</pubDate>` +
			`<description>Its leader&nbsp;left &amp;c; AT&T &#8220;quoted&#8221;.</description></item></channel></rss>`,
			[]item{{"Reform bloc splits", "Bay & Delta News", "https://b.example/2", "2024-03-05T14:15:00Z",
				"Its leader left &c; AT&T \u201cquoted\u201d."}}},
		{"RawMarkupInDescription", `<rss version="2.0"><channel><title>T</title><item>` +
			`<description><p>First paragraph.</p><p>Second <i>one</i>.</p></description></item></channel></rss>`,
			[]item{{"", "T", "", "", "First paragraph.\n\nSecond one."}}},
		{"LinkHrefAndControlChars", "<rss version=\"2.0\"><channel><title>T\x01</title><item><link href=\"https://h.example/3\"/>" +
			"<description>Text\x02 with a stray control character.</description></item></channel></rss>",
			[]item{{"", "T", "https://h.example/3", "", "Text with a stray control character."}}},
		{"AtomSelfLinkOnly", atomHead + `<title type="html">Lake &amp;amp; Hill</title><entry><title>Chair elected</title>` +
			`<link rel="self" href="https://l.example/self"/><link rel="edit" href="https://l.example/edit"/>` +
			`<summary>The Lake Front elected a chair.</summary><issued>2024-02-03T04:05:06Z</issued></entry></feed>`,
			[]item{{"Chair elected", "Lake & Hill", "https://l.example/self", "2024-02-03T04:05:06Z", "The Lake Front elected a chair."}}},
		{"AtomXHTML", atomHead + `<title>T</title><entry><title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">A <b>bold</b> move</div></title>` +
			`<link href="https://x.example/4"/><link rel="alternate" href="https://x.example/other"/>` +
			`<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>The Moor Party moved.</p></div></content>` +
			`<updated>2024-03-28T16:45:00Z</updated></entry></feed>`,
			[]item{{"A bold move", "T", "https://x.example/4", "2024-03-28T16:45:00Z", "The Moor Party moved."}}},
		{"AtomBase64", atomHead + `<title>T</title><entry><content mode="base64">VGhlIENsaWZmIFBhcnR5IHNwbGl0Lg==</content></entry></feed>`,
			[]item{{"", "T", "", "", "The Cliff Party split."}}},
		{"TitleAfterItems", `<rss version="2.0"><channel><item><description>One.</description></item>` +
			`<item><description>Two.</description></item><title>Late Title</title></channel></rss>`,
			[]item{{"", "Late Title", "", "", "One."}, {"", "Late Title", "", "", "Two."}}},
		{"AtomTitleAfterEntries", atomHead + `<entry><summary>One.</summary></entry><title>Late Atom</title></feed>`,
			[]item{{"", "Late Atom", "", "", "One."}}},
		{"ItemsOutsideChannelAndExtensionsSkipped", `<rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/"><channel><title>T</title>` +
			`<image><title>Logo</title><item>not an item</item></image><media:title>not the title</media:title></channel>` +
			`<item><title>Root item</title><media:title>not the title</media:title><description>Beside the channel.</description></item></rss>`,
			[]item{{"Root item", "T", "", "", "Beside the channel."}}},
		{"ItemWithoutTextLeftOut", `<rss version="2.0"><channel><title>T</title><item><title>Empty</title><description> </description></item>` +
			`<item><title>Full</title><description>Text.</description></item></channel></rss>`,
			[]item{{"Full", "T", "", "", "Text."}}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			arts, err := ingest.Read("feed.xml", []byte(tt.feed), ingest.Meta{})
			if err != nil {
				t.Fatal(err)
			}
			var got []item
			for _, a := range arts {
				var p string
				if !a.Published.IsZero() {
					p = a.Published.UTC().Format("2006-01-02T15:04:05Z")
				}
				got = append(got, item{a.Title, a.Source, a.URL, p, a.Text})
			}
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}

// feedOf returns an RSS feed of n items, item i saying i.
func feedOf(n int) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0"?><rss version="2.0"><channel><title>Heath Courier</title>`)
	for i := range n {
		fmt.Fprintf(&b, "<item><title>Report %d</title><description>The Heath Party met for the %dth time.</description></item>\n", i, i)
	}
	b.WriteString("</channel></rss>\n")
	return b.String()
}

// TestReadEach_Feed reads feeds an item at a time: a feed cut short hands
// over the items before the cut and then its error (Read returns none of
// them), and an error of yield stops the reading and comes back as it is.
func TestReadEach_Feed(t *testing.T) {
	full := feedOf(5)
	cut := full[:strings.Index(full, "Report 3")] // inside the fourth item's title
	for _, tt := range []struct {
		name, feed string
		stopAt     int // yield fails at this article (0: never)
		want       int // articles handed to yield
		err        string
	}{
		{"Whole", full, 0, 5, ""},
		{"CutShort", cut, 0, 3, "feed.xml: cannot parse feed: XML syntax error on line 4: unexpected EOF"},
		{"NotWellFormed", strings.Replace(full, "<item><title>Report 2", "<item><title>Report 2 <=", 1), 0, 2, "feed.xml: cannot parse feed: XML syntax error on line 3: expected element name after <"},
		{"Stopped", full, 2, 2, "stop here"},
		{"NoItems", feedOf(0), 0, 0, "feed.xml: feed has no items"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var got []*factions.Article
			stop := errors.New("stop here")
			err := ingest.ReadEach("feed.xml", []byte(tt.feed), ingest.Meta{}, func(a *factions.Article) error {
				got = append(got, a)
				if len(got) == tt.stopAt {
					return stop
				}
				return nil
			})
			if len(got) != tt.want {
				t.Errorf("yield got %d articles, want %d", len(got), tt.want)
			}
			for i, a := range got {
				if want := fmt.Sprintf("Report %d", i); a.Title != want || a.Source != "Heath Courier" || a.Path != "feed.xml" || a.Hash != ingest.Hash(a.Text) {
					t.Errorf("article %d: got %q from %q (path %q), want %q from the Heath Courier, its path and hash", i, a.Title, a.Source, a.Path, want)
				}
			}
			switch {
			case tt.err == "" && err != nil:
				t.Errorf("got error %v, want none", err)
			case tt.err == "stop here" && err != stop:
				t.Errorf("got error %v, want yield's own", err)
			case tt.err != "" && tt.err != "stop here":
				if err == nil || factions.ErrorCode(err) != factions.EINVALID || !strings.HasPrefix(factions.ErrorMessage(err), tt.err) {
					t.Errorf("got error %v, want EINVALID %q", err, tt.err)
				}
				arts, rerr := ingest.Read("feed.xml", []byte(tt.feed), ingest.Meta{})
				if rerr == nil || arts != nil {
					t.Errorf("Read: got %d articles and error %v, want none and an error", len(arts), rerr)
				}
			}
		})
	}
}

// BenchmarkReadEachFeed reads a feed of 10,000 items an item at a time.
func BenchmarkReadEachFeed(b *testing.B) {
	feed := []byte(feedOf(10_000))
	b.SetBytes(int64(len(feed)))
	b.ReportAllocs()
	for b.Loop() {
		n := 0
		if err := ingest.ReadEach("feed.xml", feed, ingest.Meta{}, func(*factions.Article) error { n++; return nil }); err != nil || n != 10_000 {
			b.Fatalf("%d articles, %v", n, err)
		}
	}
}
