package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/factions/factions"
	"github.com/factions/factions/ingest"
	"github.com/factions/factions/sqlite"
)

// entitiesOf returns the entities command's lines of db, without counts.
func entitiesOf(t *testing.T, db string) []string {
	t.Helper()
	out, errs, err := run(t, "", "entities", "--db", db)
	if err != nil {
		t.Fatalf("entities: %v\n%s", err, errs)
	}
	var names []string
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			names = append(names, strings.TrimSpace(strings.SplitN(l, "  ", 2)[1]))
		}
	}
	return names
}

// TestBadInput ingests bad and unusual inputs, one a row, into a new
// knowledge base each, and checks what the command says and what is
// stored.
func TestBadInput(t *testing.T) {
	const leader = "Tovar Denkin, the leader of the Silver Valley Party, spoke in Eastmoor."
	type row struct {
		name string
		// file writes the input in dir and returns the paths to ingest
		file func(t *testing.T, dir string) []string
		// errHas: what the command's error lines say ("": it succeeds)
		errHas string
		// stored: the entities then stored (nil: none, no knowledge base
		// needed)
		stored []string
		slow   bool // not under -short
		asRoot bool // meaningless for root, who reads every file
	}
	write := func(name string, data []byte) func(t *testing.T, dir string) []string {
		return func(t *testing.T, dir string) []string {
			p := filepath.Join(dir, name)
			if err := os.WriteFile(p, data, 0o644); err != nil {
				t.Fatal(err)
			}
			return []string{p}
		}
	}
	feed := func(n int) []byte {
		var b bytes.Buffer
		b.WriteString("<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel><title>Valley Courier</title>\n")
		for i := 0; i < n; i++ {
			fmt.Fprintf(&b, "<item><title>Report %d</title><description>Tovar Denkin, the leader of the Silver Valley Party, said on day %d that it would win.</description></item>\n", i, i)
		}
		b.WriteString("</channel></rss>\n")
		return b.Bytes()
	}
	utf16 := []byte{0xff, 0xfe}
	for _, r := range leader {
		utf16 = append(utf16, byte(r), 0)
	}
	good := []string{"Tovar Denkin (person)", "Silver Valley Party (organization)", "Eastmoor (place)"}
	rows := []row{
		{name: "empty", file: write("empty.txt", nil), errHas: "empty.txt: empty file"},
		{name: "binary", file: write("bin.txt", []byte("\x7fELF\x02\x01\x01\x00\x00\x00\x00binary\x00\x00")), errHas: "bin.txt: binary file"},
		{name: "invalid UTF-8", file: write("latin1.txt", []byte("Tovar Denkin said caf\xe9 politics.")), errHas: "latin1.txt: invalid UTF-8 at byte 21"},
		{name: "UTF-16", file: write("utf16.txt", utf16), errHas: "utf16.txt: UTF-16 text; convert it to UTF-8"},
		{name: "over the size limit", file: write("big.txt", bytes.Repeat([]byte("a "), ingest.MaxSize/2+1)), errHas: "big.txt: larger than 32 MiB"},
		{name: "10 MB single line of sentences", slow: true,
			file:   write("line.txt", []byte(strings.Repeat("Tovar Denkin leads the Silver Valley Party. ", 10<<20/44))),
			stored: []string{"Tovar Denkin (person)", "Silver Valley Party (organization)"}},
		// the extractor reads a sentence of more than 4 KB in pieces: in time linear in its length
		{name: "a 64 KB sentence", file: write("sentence.txt", []byte(strings.Repeat("Tovar Denkin, the leader of the Silver Valley Party, spoke and ", 1000))),
			stored: []string{"Tovar Denkin (person)", "Silver Valley Party (organization)"}},
		{name: "100k nested elements", file: write("nested.html", []byte("<html><body>"+strings.Repeat("<div>", 100_000)+leader+strings.Repeat("</div>", 100_000)+"</body></html>")),
			errHas: "nested.html: cannot parse HTML: html: open stack of elements exceeds 512 nodes"},
		{name: "100,000-item feed", slow: true, file: write("feed.xml", feed(100_000)),
			stored: []string{"Tovar Denkin (person)", "Silver Valley Party (organization)"}},
		{name: "feed that is not XML", file: write("feed.rss", []byte("{\"items\": [1, 2, 3]}\n")), errHas: "feed.rss: not an RSS or Atom feed"},
		{name: "feed cut short", file: write("cut.rss", feed(3)[:200]), errHas: "cut.rss: cannot parse feed: XML syntax error"},
		{name: "Urdu", file: write("urdu.txt", []byte("حکومت نے کہا کہ انتخابات ہوں گے۔ "+leader)), stored: good},
		{name: "Hindi", file: write("hindi.txt", []byte("सरकार ने कहा कि चुनाव होंगे। "+leader)), stored: good},
		{name: "names with markup", file: write("markup.txt", []byte("<b>Tovar Denkin</b>, the leader of the <i>Silver Valley Party</i>, spoke in <script>alert(1)</script> Eastmoor.")),
			stored: []string{"Tovar Denkin (person)", "Silver Valley Party (organization)"}},
		{name: "SQL metacharacters and escapes", file: write("sql.txt", []byte("Tovar O'Denkin\"; DROP TABLE articles;--, the leader of the Silver Valley Party, spoke in Eastmoor. Mira Qasr-\x1b[31mRed\x1b[0m joined the Lantern Front.")),
			stored: []string{"Tovar O'Denkin (person)", "DROP TABLE (organization)", "Silver Valley Party (organization)", "Eastmoor (place)", "Mira Qasr (person)", "Lantern Front (organization)"}},
		{name: "file that fails to read", file: func(t *testing.T, dir string) []string {
			// /proc/self/mem cannot be read from its start, whoever reads it
			if runtime.GOOS != "linux" {
				t.Skip("needs /proc/self/mem")
			}
			sub := filepath.Join(dir, "in")
			os.Mkdir(sub, 0o755)
			os.WriteFile(filepath.Join(sub, "a.txt"), []byte(leader), 0o644)
			if err := os.Symlink("/proc/self/mem", filepath.Join(sub, "b.txt")); err != nil {
				t.Fatal(err)
			}
			return []string{sub}
		}, errHas: "b.txt: read", stored: good},
		{name: "unreadable file and folder", asRoot: true, file: func(t *testing.T, dir string) []string {
			sub := filepath.Join(dir, "in")
			for _, d := range []string{"a", "b", "c"} {
				os.MkdirAll(filepath.Join(sub, d), 0o755)
			}
			os.WriteFile(filepath.Join(sub, "a", "1.txt"), []byte(leader), 0o644)
			os.WriteFile(filepath.Join(sub, "b", "2.txt"), []byte("Mira Qasr joined the Lantern Front."), 0o644)
			os.WriteFile(filepath.Join(sub, "c", "3.txt"), []byte("Mira Qasr joined the Lantern Front."), 0o644)
			os.Chmod(filepath.Join(sub, "b"), 0)
			os.Chmod(filepath.Join(sub, "c", "3.txt"), 0)
			t.Cleanup(func() { os.Chmod(filepath.Join(sub, "b"), 0o755) })
			return []string{sub}
		}, errHas: "b: cannot be read: permission denied", stored: good},
	}
	for _, r := range rows {
		t.Run(r.name, func(t *testing.T) {
			if r.slow && testing.Short() {
				t.Skip("slow: not under -short")
			}
			if r.asRoot && os.Getuid() == 0 {
				t.Skip("run as root, who reads every file: run the suite as another user to test permissions")
			}
			dir := t.TempDir()
			db := filepath.Join(dir, "kb.db")
			paths := r.file(t, dir)
			out, errs, err := run(t, "", append([]string{"ingest", "--db", db}, paths...)...)
			if r.errHas == "" && err != nil {
				t.Fatalf("ingest: %v\n%s", err, errs)
			}
			if r.errHas != "" && (!errors.Is(err, errReported) || !strings.Contains(errs, r.errHas)) {
				t.Fatalf("ingest: %v, stderr %q; want it to say %q", err, errs, r.errHas)
			}
			if !strings.HasPrefix(out, "ingested ") {
				t.Errorf("ingest printed %q, want its summary", out)
			}
			got := entitiesOf(t, db)
			if strings.Join(got, "\n") != strings.Join(r.stored, "\n") {
				t.Errorf("stored %q, want %q", got, r.stored)
			}
		})
	}
}

// TestDatabaseFaults reads and writes read-only, damaged and missing
// knowledge bases.
func TestDatabaseFaults(t *testing.T) {
	article := func(t *testing.T, dir string) string {
		p := filepath.Join(dir, "a.txt")
		if err := os.WriteFile(p, []byte("Tovar Denkin, the leader of the Silver Valley Party, spoke in Eastmoor."), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	made := func(t *testing.T) (dir, db string) {
		dir = t.TempDir()
		db = filepath.Join(dir, "kb.db")
		if _, errs, err := run(t, "", "ingest", "--db", db, "-q", article(t, dir)); err != nil {
			t.Fatalf("ingest: %v\n%s", err, errs)
		}
		return dir, db
	}
	t.Run("read-only file and folder", func(t *testing.T) {
		dir, db := made(t)
		if err := os.Chmod(db, 0o444); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(dir, 0o555); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { os.Chmod(dir, 0o755) })
		out, errs, err := run(t, "", "show", "--db", db, "Tovar Denkin")
		if err != nil || !strings.HasPrefix(out, "Tovar Denkin (person)\n") {
			t.Fatalf("show of a read-only knowledge base: %v %q %s", err, out, errs)
		}
		if os.Getuid() == 0 {
			t.Log("run as root: the file and folder are writable all the same")
			return
		}
		_, _, err = run(t, "", "ingest", "--db", db, "-q", article(t, t.TempDir()))
		if err == nil || !strings.Contains(err.Error(), "cannot be written") {
			t.Fatalf("ingest into a read-only knowledge base: %v, want it to say it cannot be written", err)
		}
	})
	t.Run("corrupt", func(t *testing.T) {
		_, db := made(t)
		f, err := os.OpenFile(db, os.O_RDWR, 0)
		if err != nil {
			t.Fatal(err)
		}
		f.WriteAt(bytes.Repeat([]byte{0xff}, 3*4096), 4096+8)
		f.Close()
		before, _ := os.ReadFile(db)
		_, _, err = run(t, "", "ingest", "--db", db, "-q", article(t, t.TempDir()))
		if !errors.Is(err, sqlite.ErrCorrupt) || !strings.Contains(userMessage(err), "the database is corrupt") ||
			!strings.Contains(userMessage(err), "nothing was written") {
			t.Fatalf("ingest into a corrupt knowledge base: %v, want ErrCorrupt", err)
		}
		if after, _ := os.ReadFile(db); !bytes.Equal(before, after) {
			t.Error("ingest changed a corrupt knowledge base")
		}
		for _, args := range [][]string{{"entities"}, {"show", "Tovar Denkin"}, {"export", "--popolo"}} {
			_, _, err = run(t, "", append([]string{args[0], "--db", db}, args[1:]...)...)
			if err == nil || !strings.Contains(userMessage(err), "the database is corrupt") {
				t.Errorf("%s of a corrupt knowledge base: %v, want it to say it is corrupt", args[0], err)
			}
		}
	})
	t.Run("missing path", func(t *testing.T) {
		db := filepath.Join(t.TempDir(), "none", "kb.db")
		_, _, err := run(t, "", "show", "--db", db, "Tovar Denkin")
		if factions.ErrorCode(err) != factions.ENOTFOUND || !strings.Contains(userMessage(err), "no knowledge base at "+db) {
			t.Fatalf("show: %v, want ENOTFOUND", err)
		}
		if _, err := os.Stat(filepath.Dir(db)); !errors.Is(err, os.ErrNotExist) {
			t.Error("show made the folder of a missing knowledge base")
		}
	})
}

// TestOutputSafety prints an article's escape sequences, control
// characters and markup through every command that shows its text.
func TestOutputSafety(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "kb.db")
	p := filepath.Join(dir, "esc.txt")
	text := "Tovar Denkin, the leader of the Silver Valley Party, said: \"We will win the vote\x1b[2J\x1b]0;owned\x07 in <b>Eastmoor</b> & beyond\u009b31m\r.\"\n"
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, errs, err := run(t, "", "ingest", "--db", db, "-q", p); err != nil {
		t.Fatalf("ingest: %v\n%s", err, errs)
	}
	for _, args := range [][]string{{"show", "Tovar Denkin"}, {"claims"}, {"quotes", "Tovar Denkin"}, {"extract", "--format", "text", p}} {
		t.Run(args[0], func(t *testing.T) {
			if args[0] != "extract" {
				args = append([]string{args[0], "--db", db}, args[1:]...)
			}
			out, errs, err := run(t, "", args...)
			if err != nil {
				t.Fatalf("%v\n%s", err, errs)
			}
			for _, bad := range []string{"\x1b", "\x07", "\r", "\u009b"} {
				if strings.Contains(out, bad) {
					t.Errorf("the output holds %q:\n%s", bad, out)
				}
			}
			if !strings.Contains(out, "vote␛[2J␛]0;owned␇ in") || !strings.Contains(out, "beyond<U+009B>31m") {
				t.Errorf("the control characters are not shown:\n%s", out)
			}
		})
	}
	for _, args := range [][]string{{"export", "--popolo"}, {"claims", "--json"}, {"show", "--json", "Tovar Denkin"}} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			out, errs, err := run(t, "", append([]string{args[0], "--db", db}, args[1:]...)...)
			if err != nil {
				t.Fatalf("%v\n%s", err, errs)
			}
			for _, bad := range []string{"<", ">", "&", "\x1b", "\u009b"} {
				if strings.Contains(out, bad) {
					t.Errorf("the JSON holds %q", bad)
				}
			}
			if !strings.Contains(out, `\u003cb\u003eEastmoor\u003c/b\u003e \u0026 beyond\u009b31m`) {
				t.Errorf("the JSON does not escape the quote's markup and controls:\n%s", out)
			}
		})
	}
}
