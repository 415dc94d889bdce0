package ingest_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/factions/factions"
	"github.com/factions/factions/ingest"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden.txt from the output")

// want is what a test expects of one article, less its Text, which is kept
// in a golden file.
type want struct {
	Title, Source, URL string
	Published          time.Time
}

func date(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestReadFile(t *testing.T) {
	for _, tt := range []struct {
		file string
		want []want
	}{
		{"article.html", []want{{
			Title:     "Harbour Party names Ilsa Varden as leader",
			Source:    "The Lowland Courier",
			URL:       "https://courier.example/politics/harbour-party-leader",
			Published: date("2023-11-14T08:30:00+01:00"),
		}}},
		{"jsonld.html", []want{{
			Title:     "Assembly vote delayed again",
			Source:    "Riverton Daily",
			URL:       "https://riverton.example/news/2024/02/assembly-vote",
			Published: date("2024-02-03T17:05:00Z"),
		}}},
		{"rss2.xml", []want{{
			Title:     "Agrarian League & Green Alliance agree pact",
			Source:    "The Lowland Courier: Politics",
			URL:       "https://courier.example/politics/pact",
			Published: date("2024-03-05T09:15:00Z"),
		}, {
			Title:     "Treasurer resigns from Harbour Party",
			Source:    "The Lowland Courier: Politics",
			URL:       "https://courier.example/politics/treasurer",
			Published: date("2024-03-06T18:40:00+01:00"),
		}}},
		{"feed.atom", []want{{
			Title:     "Workers' Front elects new chair",
			Source:    "Riverton Daily",
			URL:       "https://riverton.example/news/front-chair",
			Published: date("2024-04-01T10:00:00+02:00"),
		}, {
			Title:     "Civic Union ends boycott",
			Source:    "Riverton Daily",
			URL:       "https://riverton.example/news/boycott-ends",
			Published: date("2024-03-28T16:45:00Z"), // only <updated>
		}}},
		{"frontmatter.txt", []want{{
			Title:     "Coalition talks collapse in Eastquay",
			Source:    "The Lowland Courier",
			URL:       "https://courier.example/politics/talks",
			Published: date("2024-01-09T00:00:00Z"),
		}}},
		{"header.txt", []want{{
			Title:     "Minister quits over ferry contract",
			Source:    "Riverton Daily",
			Published: date("2024-03-12T00:00:00Z"),
		}}},
		{"headline.txt", []want{{Title: "Agrarian League wins by-election in Moorfield"}}},
		{"noheadline.txt", []want{{}}},
	} {
		t.Run(tt.file, func(t *testing.T) {
			path := filepath.Join("testdata", tt.file)
			arts, err := ingest.ReadFile(path, ingest.Meta{})
			if err != nil {
				t.Fatal(err)
			}
			if len(arts) != len(tt.want) {
				t.Fatalf("got %d articles, want %d", len(arts), len(tt.want))
			}
			for i, a := range arts {
				w := tt.want[i]
				if a.Title != w.Title {
					t.Errorf("article %d: Title: got %q, want %q", i+1, a.Title, w.Title)
				}
				if a.Source != w.Source {
					t.Errorf("article %d: Source: got %q, want %q", i+1, a.Source, w.Source)
				}
				if a.URL != w.URL {
					t.Errorf("article %d: URL: got %q, want %q", i+1, a.URL, w.URL)
				}
				if !a.Published.Equal(w.Published) {
					t.Errorf("article %d: Published: got %v, want %v", i+1, a.Published, w.Published)
				}
				if a.Path != path {
					t.Errorf("article %d: Path: got %q, want %q", i+1, a.Path, path)
				}
				checkHash(t, a)
				golden := strings.TrimSuffix(path, filepath.Ext(path))
				if len(arts) > 1 {
					golden += fmt.Sprintf(".%d", i+1)
				}
				checkGolden(t, golden+".golden.txt", a.Text)
			}
		})
	}
}

// checkGolden compares got with the golden file, or rewrites the file under
// -update. The file holds the text and a final newline.
func checkGolden(t *testing.T, golden, got string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(golden, []byte(got+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	b, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if want := strings.TrimSuffix(string(b), "\n"); got != want {
		t.Errorf("Text differs from %s:\ngot:\n%s\nwant:\n%s", golden, got, want)
	}
}

func checkHash(t *testing.T, a *factions.Article) {
	t.Helper()
	sum := sha256.Sum256([]byte(a.Text))
	if want := hex.EncodeToString(sum[:]); a.Hash != want {
		t.Errorf("Hash: got %s, want %s", a.Hash, want)
	}
}

func TestRead_Text(t *testing.T) {
	for _, tt := range []struct {
		name, in      string
		title, source string
		url, text     string
		published     time.Time
	}{
		{name: "NoFrontMatter", in: "  \n\nThe league met.\nIt agreed.\n\n",
			text: "The league met.\nIt agreed."},
		{name: "CRLF", in: "Party splits\r\n\r\nThe party split.\r\nTwo groups\rremain.\r\n",
			title: "Party splits", text: "Party splits\n\nThe party split.\nTwo groups\nremain."},
		{name: "BOM", in: "\uFEFFParty splits\n\nThe party split.",
			title: "Party splits", text: "Party splits\n\nThe party split."},
		{name: "KeepsEntitiesAndSoftHyphens", in: "A &amp; B met at the Rat\u00adhaus.&nbsp;<b>x</b>",
			text: "A &amp; B met at the Rat\u00adhaus.&nbsp;<b>x</b>"},
		{name: "YAML", in: "---\ntitle: A vote\nsource: The Courier\nurl: https://c.example/a?b=c:d\ndate: 2024-05-06\n---\nThe text.",
			title: "A vote", source: "The Courier", url: "https://c.example/a?b=c:d",
			published: date("2024-05-06T00:00:00Z"), text: "The text."},
		{name: "DotsClose", in: "---\ntitle: A vote\n...\nThe text.", title: "A vote", text: "The text."},
		{name: "EmptyBlock", in: "---\n---\nThe text.", text: "The text."},
		{name: "BlankLineClose", in: "---\nTitle: A vote\nSource: The Courier\nDate: January 2, 2006\n\nThe text.\n---\nMore.",
			title: "A vote", source: "The Courier", published: date("2006-01-02T00:00:00Z"),
			text: "The text.\n---\nMore."},
		{name: "KeysAnyCase", in: "---\nTITLE: A vote\nPublished: 2 January 2006\nURL: https://c.example\n---\nThe text.",
			title: "A vote", url: "https://c.example", published: date("2006-01-02T00:00:00Z"), text: "The text."},
		{name: "Quotes", in: "---\ntitle: 'A \"quoted\" vote'\nsource: \"The Courier\"\n---\nThe text.",
			title: `A "quoted" vote`, source: "The Courier", text: "The text."},
		{name: "ColonInValue", in: "---\ntitle: Vote: the result\n---\nThe text.", title: "Vote: the result", text: "The text."},
		{name: "RFC3339", in: "---\ndate: 2024-05-06T10:11:12+02:00\n---\nThe text.",
			published: date("2024-05-06T10:11:12+02:00"), text: "The text."},
		{name: "IgnoredLines", in: "---\n# comment\nauthor: Someone\ntags:\n  - a\n  - b\ntitle: A vote\n---\nThe text.",
			title: "A vote", text: "The text."},
		{name: "CRLFFrontMatter", in: "---\r\ntitle: A vote\r\n---\r\nThe text.\r\nMore.",
			title: "A vote", text: "The text.\nMore."},
		{name: "FrontMatterNoTitleHeadline", in: "---\nsource: The Courier\n---\nA headline\n\nThe text.",
			title: "A headline", source: "The Courier", text: "A headline\n\nThe text."},
		{name: "NotFrontMatter", in: "---\nThis is a separator, not a header\n\nThe text.",
			text: "---\nThis is a separator, not a header\n\nThe text."},
		{name: "NotFrontMatterBlank", in: "---\n\nThe text.", text: "---\n\nThe text."},
		{name: "DashesNotFirst", in: "\n---\ntitle: A vote\n---\nThe text.",
			text: "---\ntitle: A vote\n---\nThe text."},
		{name: "HeadlineNeedsBlankLine", in: "The party said on Monday that its leader would\nstand down in May.",
			text: "The party said on Monday that its leader would\nstand down in May."},
		{name: "HeadlineNoPeriod", in: "The party split.\n\nThe text.", text: "The party split.\n\nThe text."},
		{name: "HeadlineTooLong", in: strings.Repeat("word ", 24) + "end\n\nThe text.",
			text: strings.Repeat("word ", 24) + "end\n\nThe text."},
		{name: "HeadlineLimit", in: strings.Repeat("word ", 23) + "endx\n\nThe text.",
			title: strings.Repeat("word ", 23) + "endx", text: strings.Repeat("word ", 23) + "endx\n\nThe text."},
		{name: "HeadlineNeedsLetter", in: "2024\n\nThe text.", text: "2024\n\nThe text."},
		{name: "HeadlineQuestion", in: "Who leads the party?\n\nThe text.",
			title: "Who leads the party?", text: "Who leads the party?\n\nThe text."},
		{name: "SingleLine", in: "The text", text: "The text"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			arts, err := ingest.Read("in.txt", []byte(tt.in), ingest.Meta{})
			if err != nil {
				t.Fatal(err)
			}
			if len(arts) != 1 {
				t.Fatalf("got %d articles, want 1", len(arts))
			}
			a := arts[0]
			if a.Title != tt.title {
				t.Errorf("Title: got %q, want %q", a.Title, tt.title)
			}
			if a.Source != tt.source {
				t.Errorf("Source: got %q, want %q", a.Source, tt.source)
			}
			if a.URL != tt.url {
				t.Errorf("URL: got %q, want %q", a.URL, tt.url)
			}
			if !a.Published.Equal(tt.published) {
				t.Errorf("Published: got %v, want %v", a.Published, tt.published)
			}
			if a.Text != tt.text {
				t.Errorf("Text: got %q, want %q", a.Text, tt.text)
			}
			checkHash(t, a)
		})
	}
}

func TestRead_Meta(t *testing.T) {
	meta := ingest.Meta{
		Source:    "Flag Source",
		URL:       "https://flag.example/",
		Published: date("2020-02-02T00:00:00Z"),
		Title:     "Flag Title",
	}
	for _, file := range []string{"frontmatter.txt", "article.html", "rss2.xml"} {
		t.Run(file, func(t *testing.T) {
			arts, err := ingest.ReadFile(filepath.Join("testdata", file), meta)
			if err != nil {
				t.Fatal(err)
			}
			for _, a := range arts {
				if a.Source != meta.Source || a.URL != meta.URL || a.Title != meta.Title || !a.Published.Equal(meta.Published) {
					t.Errorf("got %q %q %q %v, want the Meta's values", a.Title, a.Source, a.URL, a.Published)
				}
			}
		})
	}

	t.Run("Partial", func(t *testing.T) {
		arts, err := ingest.ReadFile("testdata/frontmatter.txt", ingest.Meta{Source: "Flag Source"})
		if err != nil {
			t.Fatal(err)
		}
		a := arts[0]
		if a.Source != "Flag Source" {
			t.Errorf("Source: got %q, want %q", a.Source, "Flag Source")
		}
		if want := "Coalition talks collapse in Eastquay"; a.Title != want {
			t.Errorf("Title: got %q, want %q", a.Title, want)
		}
	})
}

func TestRead_Detect(t *testing.T) {
	page, err := os.ReadFile("testdata/article.html")
	if err != nil {
		t.Fatal(err)
	}
	rss, err := os.ReadFile("testdata/rss2.xml")
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name  string
		data  []byte
		title string // of the first article
		n     int
	}{
		{"page", page, "Harbour Party names Ilsa Varden as leader", 1},
		{"-", page, "Harbour Party names Ilsa Varden as leader", 1},
		{"page.xml", page, "Harbour Party names Ilsa Varden as leader", 1},
		{"page.HTM", page, "Harbour Party names Ilsa Varden as leader", 1},
		{"feed", rss, "Agrarian League & Green Alliance agree pact", 2},
		{"feed.rss", rss, "Agrarian League & Green Alliance agree pact", 2},
		{"-", rss, "Agrarian League & Green Alliance agree pact", 2},
		// A known text extension keeps the markup as text.
		{"page.txt", page, "", 1},
		{"feed.md", rss, "", 1},
	} {
		t.Run(tt.name, func(t *testing.T) {
			arts, err := ingest.ReadReader(tt.name, bytes.NewReader(tt.data), ingest.Meta{})
			if err != nil {
				t.Fatal(err)
			}
			if len(arts) != tt.n {
				t.Fatalf("got %d articles, want %d", len(arts), tt.n)
			}
			if arts[0].Title != tt.title {
				t.Errorf("Title: got %q, want %q", arts[0].Title, tt.title)
			}
			wantPath := tt.name
			if tt.name == "-" {
				wantPath = ""
			}
			if arts[0].Path != wantPath {
				t.Errorf("Path: got %q, want %q", arts[0].Path, wantPath)
			}
		})
	}
}

func TestRead_Charset(t *testing.T) {
	// Windows-1252: 0xE9 is é, 0x93 and 0x94 are curly double quotes.
	page := "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\">" +
		"<title>Caf\xe9 meeting</title></head><body><article>" +
		"<p>The leaders of the Civic Union met at the Caf\xe9 Lind on Monday to agree a \x93common list\x94 for the spring elections in Riverton.</p>" +
		"<p>The Workers' Front was not invited to the meeting, its spokesman said, and would stand its own candidates in every district.</p>" +
		"</article></body></html>"
	arts, err := ingest.Read("page.html", []byte(page), ingest.Meta{})
	if err != nil {
		t.Fatal(err)
	}
	if want := "Caf\u00e9 meeting"; arts[0].Title != want {
		t.Errorf("Title: got %q, want %q", arts[0].Title, want)
	}
	if want := "Caf\u00e9 Lind on Monday to agree a \u201ccommon list\u201d"; !strings.Contains(arts[0].Text, want) {
		t.Errorf("Text: got %q, want it to contain %q", arts[0].Text, want)
	}

	feed := "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss version=\"2.0\"><channel><title>Courier</title>" +
		"<item><title>Caf\xe9 pact</title><description>The pact was signed at the Caf\xe9 Lind.</description></item></channel></rss>"
	arts, err = ingest.Read("feed.xml", []byte(feed), ingest.Meta{})
	if err != nil {
		t.Fatal(err)
	}
	if want := "The pact was signed at the Caf\u00e9 Lind."; arts[0].Text != want {
		t.Errorf("Text: got %q, want %q", arts[0].Text, want)
	}
}

// endless reads as an endless run of the letter a.
type endless struct{}

func (endless) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = 'a'
	}
	return len(p), nil
}

// failing fails every read.
type failing struct{}

func (failing) Read([]byte) (int, error) { return 0, fmt.Errorf("disk on fire") }

// badInputs are inputs Read must refuse, with the reason it must give.
var badInputs = []struct {
	file, data, reason string
}{
	{"empty.txt", "", "empty"},
	{"blank.txt", " \n\t\r\n ", "empty"},
	{"bom.txt", "\uFEFF\n", "empty"},
	{"image.txt", "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00", "binary file"},
	{"controls.txt", "\x01\x02\x03\x04\x05\x06\x07\x08 abc \x0e\x0f\x10\x11", "binary file"},
	{"latin1.txt", "The Caf\xe9 Lind is on the square, where the party met.", "invalid UTF-8 at byte 7"},
	{"bomlatin1.txt", "\uFEFFThe Caf\xe9 Lind is on the square, where the party met.", "invalid UTF-8 at byte 10"},
	{"latin1.html", "<html><body><p>The Caf\xe9 Lind is on the square.</p></body></html>", "invalid UTF-8 at byte 22"},
	{"utf16.txt", "\xff\xfeT\x00h\x00e\x00", "UTF-16"},
	{"nobody.html", "<!doctype html><html><head><title>Nothing here</title></head><body></body></html>", "no readable text in HTML"},
	{"scripts.html", "<html><body><script>var a = 1;</script><style>p {}</style></body></html>", "no readable text in HTML"},
	{"noitems.xml", `<?xml version="1.0"?><rss version="2.0"><channel><title>Courier</title></channel></rss>`, "feed has no items"},
	{"noitems.atom", `<feed xmlns="http://www.w3.org/2005/Atom"><title>Courier</title></feed>`, "feed has no items"},
	{"notext.rss", `<rss version="2.0"><channel><item><title>Only a title</title></item></channel></rss>`, "feed has no items with text"},
	{"notfeed.xml", `<?xml version="1.0"?><catalog><book>x</book></catalog>`, "not an RSS or Atom feed"},
	{"prose.xml", "Just some text.", "not an RSS or Atom feed"},
	{"onlyfront.txt", "---\ntitle: A vote\n---\n\n", "no text after the front matter"},
	{"unclosed.txt", "---\ntitle: A vote\n", "no text after the front matter"},
	{"baddate.txt", "---\ntitle: A vote\ndate: last Tuesday\n---\nThe text.", `front matter line 3: cannot read date "last Tuesday"`},
}

func TestReadFile_Errors(t *testing.T) {
	dir := t.TempDir()
	for _, tt := range badInputs {
		t.Run(tt.file, func(t *testing.T) {
			path := filepath.Join(dir, tt.file)
			if err := os.WriteFile(path, []byte(tt.data), 0o644); err != nil {
				t.Fatal(err)
			}
			arts, err := ingest.ReadFile(path, ingest.Meta{})
			checkError(t, arts, err, path, tt.reason)
		})
	}

	t.Run("NoSuchFile", func(t *testing.T) {
		path := filepath.Join(dir, "missing.txt")
		arts, err := ingest.ReadFile(path, ingest.Meta{})
		checkError(t, arts, err, path, "no such file")
	})
	t.Run("Directory", func(t *testing.T) {
		arts, err := ingest.ReadFile(dir, ingest.Meta{})
		checkError(t, arts, err, dir, "is a directory")
	})
	t.Run("TooLarge", func(t *testing.T) {
		arts, err := ingest.ReadReader("big.txt", endless{}, ingest.Meta{})
		checkError(t, arts, err, "big.txt", "larger than 32 MiB")
	})
	t.Run("TooLargeFile", func(t *testing.T) {
		// a sparse file: told by its size, before anything is read
		path := filepath.Join(dir, "big.txt")
		if err := os.WriteFile(path, nil, 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Truncate(path, ingest.MaxSize+1); err != nil {
			t.Fatal(err)
		}
		arts, err := ingest.ReadFile(path, ingest.Meta{})
		checkError(t, arts, err, path, "larger than 32 MiB")
	})
	t.Run("ExactSize", func(t *testing.T) {
		// read into a buffer of the file's size: the end is still found
		path := filepath.Join(dir, "exact.txt")
		if err := os.WriteFile(path, []byte("The party met on Monday."), 0o644); err != nil {
			t.Fatal(err)
		}
		arts, err := ingest.ReadFile(path, ingest.Meta{})
		if err != nil || len(arts) != 1 || arts[0].Text != "The party met on Monday." {
			t.Fatalf("got %v, %v; want the one sentence", arts, err)
		}
	})
	t.Run("Stdin", func(t *testing.T) {
		arts, err := ingest.ReadReader("-", strings.NewReader(""), ingest.Meta{})
		checkError(t, arts, err, "stdin", "empty")
	})
	t.Run("ReadError", func(t *testing.T) {
		arts, err := ingest.ReadReader("x.txt", failing{}, ingest.Meta{})
		if err == nil || len(arts) != 0 {
			t.Fatalf("got %d articles and error %v, want an error", len(arts), err)
		}
		if got, want := err.Error(), "x.txt: disk on fire"; got != want {
			t.Errorf("got %q, want %q", got, want)
		}
	})
}

// checkError checks err is a one-line EINVALID error naming the file and
// giving the reason.
func checkError(t *testing.T, arts []*factions.Article, err error, name, reason string) {
	t.Helper()
	if err == nil {
		t.Fatalf("got %d articles and no error, want an error saying %q", len(arts), reason)
	}
	if arts != nil {
		t.Errorf("got %d articles with the error, want none", len(arts))
	}
	if code := factions.ErrorCode(err); code != factions.EINVALID {
		t.Errorf("code: got %q, want %q (%v)", code, factions.EINVALID, err)
	}
	msg := factions.ErrorMessage(err)
	if want := name + ": "; !strings.HasPrefix(msg, want) {
		t.Errorf("message: got %q, want it to start with %q", msg, want)
	}
	if !strings.Contains(msg, reason) {
		t.Errorf("message: got %q, want it to contain %q", msg, reason)
	}
	if strings.ContainsAny(err.Error(), "\r\n") {
		t.Errorf("got %q, want one line", err.Error())
	}
}

func TestReadFile_Stdin(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	stdin := os.Stdin
	os.Stdin = r
	t.Cleanup(func() { os.Stdin = stdin; r.Close() })
	go func() {
		io.WriteString(w, "---\ntitle: From a pipe\n---\nThe text.\n")
		w.Close()
	}()
	arts, err := ingest.ReadFile("-", ingest.Meta{Source: "Pipe"})
	if err != nil {
		t.Fatal(err)
	}
	if len(arts) != 1 {
		t.Fatalf("got %d articles, want 1", len(arts))
	}
	a := arts[0]
	if a.Title != "From a pipe" || a.Source != "Pipe" || a.Text != "The text." || a.Path != "" {
		t.Errorf("got Title %q, Source %q, Text %q, Path %q; want %q, %q, %q, %q",
			a.Title, a.Source, a.Text, a.Path, "From a pipe", "Pipe", "The text.", "")
	}
}

func TestParsePeriod(t *testing.T) {
	day := func(s string) time.Time {
		d, err := time.Parse("2006-01-02", s)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	for _, tc := range []struct {
		in          string
		from, until string
		err         string
	}{
		{"2004..2005", "2004-01-01", "2005-12-31", ""},
		{"2004", "2004-01-01", "2004-12-31", ""},
		{"2004-02..2004-02", "2004-02-01", "2004-02-29", ""},
		{"2004-03-14..2004-06-01", "2004-03-14", "2004-06-01", ""},
		{" 2004 .. 2005-06 ", "2004-01-01", "2005-06-30", ""},
		{"2005..2004", "", "", "ends before it starts"},
		{"spring..2004", "", "", `"spring" is no year`},
		{"", "", "", `"" is no year`},
	} {
		from, until, err := ingest.ParsePeriod(tc.in)
		if tc.err != "" {
			if factions.ErrorCode(err) != factions.EINVALID || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("ParsePeriod(%q): error %v, want EINVALID saying %q", tc.in, err, tc.err)
			}
			continue
		}
		if err != nil || !from.Equal(day(tc.from)) || !until.Equal(day(tc.until)) {
			t.Errorf("ParsePeriod(%q) = %v, %v, %v; want %s..%s", tc.in, from, until, err, tc.from, tc.until)
		}
	}
	// a period dates only articles of no date
	arts, err := ingest.Read("a.txt", []byte("---\ndate: 2020-01-02\n---\nText."), ingest.Meta{DateFrom: day("2004-01-01"), DateUntil: day("2005-12-31")})
	if err != nil || !arts[0].DateFrom.IsZero() || !arts[0].Published.Equal(day("2020-01-02")) {
		t.Errorf("a dated article: %+v, %v", arts, err)
	}
	arts, err = ingest.Read("b.txt", []byte("Text."), ingest.Meta{DateFrom: day("2004-01-01"), DateUntil: day("2005-12-31")})
	if err != nil || !arts[0].DateFrom.Equal(day("2004-01-01")) || !arts[0].DateUntil.Equal(day("2005-12-31")) {
		t.Errorf("an article of no date: %+v, %v", arts, err)
	}
}

// TestHash checks Hash against the SHA-256 of the whole text at lengths
// around its buffer's size.
func TestHash(t *testing.T) {
	for _, n := range []int{0, 1, 4095, 4096, 4097, 100_000} {
		s := strings.Repeat("é", n)[:n]
		sum := sha256.Sum256([]byte(s))
		if got, want := ingest.Hash(s), hex.EncodeToString(sum[:]); got != want {
			t.Errorf("length %d: got %s, want %s", n, got, want)
		}
	}
}
