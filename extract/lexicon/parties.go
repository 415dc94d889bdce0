package lexicon

//go:generate go test -run ^TestPartiesData$ -genparties

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Party is a row of parties.tsv: a political party, alliance, movement or
// party wing, with the names papers use for it.
type Party struct {
	Name      string   // canonical English name, e.g. "Pakistan Muslim League (N)"
	Country   string   // home country, as places.tsv names it
	Countries []string // every country listed, Country first (Sinn Féin: Ireland, United Kingdom)
	Variants  []string // the other names as written, without the "~" mark (PML-N, PML(N), Muslim League)
	// AmbiguousKeys holds the PartyKey of every form marked "~", sorted
	// (nil when none): such a form needs context to be taken as this party.
	AmbiguousKeys []string
	Kind          string // KindParty, KindAlliance, KindMovement or KindWing
	Defunct       bool   // dissolved, banned or merged into another
	Ended         int    // the year it ended when known, else 0
	From          string // Name of the party it split from, or ""
	Into          string // Name of the party it merged into or was succeeded by, or ""
	Of            string // Name of the party or movement it is a wing or affiliate of, or ""
}

// Kinds of organization in parties.tsv.
const (
	KindParty    = "party"    // contests elections in its own name (the default)
	KindAlliance = "alliance" // a coalition or electoral alliance of parties
	KindMovement = "movement" // a political organization that does not itself contest elections, or is banned or armed
	KindWing     = "wing"     // a party's student, youth, women's or armed wing
)

// Names returns the canonical name followed by the variants.
func (p *Party) Names() []string {
	return append([]string{p.Name}, p.Variants...)
}

// IsAmbiguous reports whether the form s (any spelling that has the same
// PartyKey) is marked as needing context to name this party.
func (p *Party) IsAmbiguous(s string) bool {
	_, found := slices.BinarySearch(p.AmbiguousKeys, PartyKey(s))
	return found
}

const partiesFile = "parties.tsv"

var partyIndex cached[map[string][]*Party]

// Parties returns every row of parties.tsv in file order (by country, then
// name). The rows are parsed when the package is built, not when it runs:
// `go generate` writes them into parties_data.go, and TestPartiesData fails
// when that file is not what parties.tsv gives or when parties.tsv is
// malformed. The error is always nil; it stays for callers that read the
// lexicon files at run time. The slice is shared: do not modify it.
func Parties() ([]Party, error) {
	return partyRows, nil
}

// parseParties reads parties.tsv. It returns an error when a line is
// malformed: a wrong number of fields, an unknown flag, or a relation naming
// no party of the same country.
func parseParties() ([]Party, error) {
	rows, err := Lines(partiesFile)
	if err != nil {
		return nil, err
	}
	out := make([]Party, 0, len(rows))
	for _, r := range rows {
		if err := fieldsErr(partiesFile, r, 4, 5); err != nil {
			return nil, err
		}
		p, err := parseParty(r)
		if err != nil {
			return nil, fmt.Errorf("lexicon: %s: %q: %w", partiesFile, r[0], err)
		}
		out = append(out, p)
	}
	// every relation names a party of a country the two share
	byName := map[string][]*Party{}
	for i := range out {
		byName[out[i].Name] = append(byName[out[i].Name], &out[i])
	}
	for i := range out {
		p := &out[i]
		for _, rel := range []struct{ kind, name string }{{"from", p.From}, {"into", p.Into}, {"of", p.Of}} {
			if rel.name == "" {
				continue
			}
			if !sharesCountry(p, byName[rel.name]) {
				return nil, fmt.Errorf("lexicon: %s: %q: %s:%s names no party of %s", partiesFile, p.Name, rel.kind, rel.name, strings.Join(p.Countries, "|"))
			}
		}
	}
	return out, nil
}

func sharesCountry(p *Party, others []*Party) bool {
	for _, o := range others {
		if o == p {
			continue
		}
		for _, c := range p.Countries {
			for _, d := range o.Countries {
				if c == d {
					return true
				}
			}
		}
	}
	return false
}

// parseParty reads one line's fields: name, countries, variants, flags and
// the optional relations.
func parseParty(r []string) (Party, error) {
	p := Party{Kind: KindParty}
	form := func(s string) (string, error) {
		amb := strings.HasPrefix(s, "~")
		s = strings.TrimSpace(strings.TrimPrefix(s, "~"))
		if s == "" {
			return "", fmt.Errorf("empty name")
		}
		key := PartyKey(s)
		if key == "" {
			return "", fmt.Errorf("%q has an empty key", s)
		}
		if amb {
			if i, found := slices.BinarySearch(p.AmbiguousKeys, key); !found {
				p.AmbiguousKeys = slices.Insert(p.AmbiguousKeys, i, key)
			}
		}
		return s, nil
	}
	var err error
	if p.Name, err = form(r[0]); err != nil {
		return p, err
	}
	for _, c := range strings.Split(r[1], "|") {
		if c = strings.TrimSpace(c); c == "" {
			return p, fmt.Errorf("empty country")
		}
		p.Countries = append(p.Countries, c)
	}
	p.Country = p.Countries[0]
	if r[2] != "-" {
		for _, v := range strings.Split(r[2], "|") {
			v, err := form(v)
			if err != nil {
				return p, err
			}
			p.Variants = append(p.Variants, v)
		}
	}
	if r[3] != "-" {
		for _, f := range strings.Split(r[3], ",") {
			f = strings.TrimSpace(f)
			switch {
			case f == KindAlliance || f == KindMovement || f == KindWing:
				if p.Kind != KindParty {
					return p, fmt.Errorf("two kinds: %s and %s", p.Kind, f)
				}
				p.Kind = f
			case f == "defunct":
				p.Defunct = true
			case strings.HasPrefix(f, "defunct:"):
				y, err := strconv.Atoi(strings.TrimPrefix(f, "defunct:"))
				if err != nil || y < 1600 || y > 2100 {
					return p, fmt.Errorf("bad year in %q", f)
				}
				p.Defunct, p.Ended = true, y
			default:
				return p, fmt.Errorf("unknown flag %q", f)
			}
		}
	}
	if len(r) == 5 {
		for _, rel := range strings.Split(r[4], "|") {
			kind, name, ok := strings.Cut(strings.TrimSpace(rel), ":")
			name = strings.TrimSpace(name)
			if !ok || name == "" {
				return p, fmt.Errorf("relation %q, want from:NAME, into:NAME or of:NAME", rel)
			}
			var dst *string
			switch kind {
			case "from":
				dst = &p.From
			case "into":
				dst = &p.Into
			case "of":
				dst = &p.Of
			default:
				return p, fmt.Errorf("unknown relation %q", kind)
			}
			if *dst != "" {
				return p, fmt.Errorf("two %s relations", kind)
			}
			*dst = name
		}
	}
	return p, nil
}

// PartyIndex returns the parties keyed by the PartyKey of their name and of
// every variant. Several parties may share a key (PPP: Pakistan, Indonesia,
// South Korea; Labour Party: several countries): all are returned, in file
// order, each once. The map is shared: do not modify it.
func PartyIndex() (map[string][]*Party, error) {
	return partyIndex.get(func() (map[string][]*Party, error) {
		ps, err := Parties()
		if err != nil {
			return nil, err
		}
		m := make(map[string][]*Party, len(ps)*4)
		for i := range ps {
			p := &ps[i]
			for _, n := range p.Names() {
				k := PartyKey(n)
				if l := m[k]; len(l) > 0 && l[len(l)-1] == p {
					continue
				}
				m[k] = append(m[k], p)
			}
		}
		return m, nil
	})
}

// translit folds common romanisations of the same Urdu, Persian, Arabic,
// Hindi and Bengali words in party names to one spelling.
var translit = map[string]string{
	"tehreek": "tehrik", "tahreek": "tehrik", "tahrik": "tehrik", "tehrique": "tehrik",
	"insaaf": "insaf",
	"ulama":  "ulema", "ulma": "ulema", "olama": "ulema",
	"jamiyat": "jamiat", "jamiyyat": "jamiat",
	"jamat":    "jamaat",
	"mutahida": "muttahida", "muttahidda": "muttahida", "muttehida": "muttahida", "mutahidda": "muttahida",
	"quami": "qaumi", "qoumi": "qaumi", "qomi": "qaumi",
	"itehad": "ittehad", "ittihad": "ittehad", "ittehaad": "ittehad",
	"muslimin": "muslimeen",
	"labaik":   "labbaik", "labbaek": "labbaik",
	"tahafuz":   "tahaffuz",
	"hezb":      "hizb",
	"hezbollah": "hizbullah", "hizbollah": "hizbullah", "hizballah": "hizbullah",
	"bhartiya":  "bharatiya",
	"janta":     "janata",
	"samajvadi": "samajwadi", "samajbadi": "samajwadi",
	"rashtreeya": "rashtriya", "rastriya": "rashtriya",
	"trinamul": "trinamool",
	"jatiyo":   "jatiya",
	"labor":    "labour",
}

// letterFold spells letters that have no Unicode decomposition.
var letterFold = map[rune]string{
	'ø': "o", 'Ø': "o", 'æ': "ae", 'Æ': "ae", 'œ': "oe", 'Œ': "oe", 'ß': "ss",
	'ł': "l", 'Ł': "l", 'đ': "d", 'Đ': "d", 'ı': "i", 'þ': "th",
}

// PartyKey normalises a party name for lookup, so that the spellings of one
// name share a key: it folds case and accents (Sinn Féin, Sinn Fein), drops
// dots and apostrophes (U.K.I.P., People's), reads "&" as "and", drops the
// word "the", drops the izafat "e" or "i" between two words (Tehreek-e-Insaf,
// Tehreek-i-Insaf), folds common transliterations of the same word
// (Tehreek/Tehrik/Tahreek, Ulema/Ulama, Bhartiya/Bharatiya, Labor/Labour),
// and removes every separator (spaces, hyphens, dashes, brackets, slashes,
// commas), so PML-N, PML(N), PML (N) and PMLN share one key, as do
// Congress (I) and Congress-I. A "+" is kept (FF+ is not FF).
// It returns "" for a string with no letters or digits.
func PartyKey(s string) string {
	var buf [64]byte
	return string(AppendPartyKey(buf[:0], s))
}

// AppendPartyKey appends the PartyKey of s to dst: a look-up by the key
// needs no string of it.
func AppendPartyKey(dst []byte, s string) []byte {
	var bufArr [128]byte
	var endsArr [24]int
	buf, ends := partyWords(s, bufArr[:0], endsArr[:0])
	out := dst
	start := 0
	for i, end := range ends {
		x := buf[start:end]
		start = end
		switch string(x) {
		case "the":
			continue
		case "e", "i":
			if i > 0 && i < len(ends)-1 {
				continue
			}
		}
		if t, ok := translit[string(x)]; ok {
			out = append(out, t...)
			continue
		}
		out = append(out, x...)
	}
	return out
}

// partyWords appends the words of a party name, folded as PartyKey folds
// them, one after another to buf, and where each ends to ends.
func partyWords(s string, buf []byte, ends []int) ([]byte, []int) {
	if !isASCII(s) {
		s = norm.NFKD.String(s)
	}
	flush := func() {
		if n := len(ends); n == 0 && len(buf) > 0 || n > 0 && len(buf) > ends[n-1] {
			ends = append(ends, len(buf))
		}
	}
	for _, r := range s {
		switch {
		case r < utf8.RuneSelf:
			switch c := byte(r); {
			case 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '+':
				buf = append(buf, c)
			case 'A' <= c && c <= 'Z':
				buf = append(buf, c+'a'-'A')
			case c == '.' || c == '\'' || c == '`' || c == '!':
				// dropped inside a word: U.K.I.P., People's
			case c == '&':
				flush()
				buf = append(buf, "and"...)
				flush()
			default:
				flush()
			}
		case unicode.Is(unicode.Mn, r):
			// accent left by the decomposition
		case r == '’' || r == '‘' || r == 'ʼ':
		case letterFold[r] != "":
			buf = append(buf, letterFold[r]...)
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			buf = utf8.AppendRune(buf, unicode.ToLower(r))
		default:
			flush()
		}
	}
	flush()
	return buf, ends
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}
