package extract

import (
	"sync"

	"github.com/factions/factions/extract/lexicon"
)

// The word lists are compiled into lextables.go by `go generate` (see
// lexgen_test.go): each is a strTable, an open-addressing hash table laid
// out in static arrays, so that starting the extractor builds no map and
// parses no file. The lexicon files stay the source of the lists;
// TestLexTables fails when lextables.go is not what they give. The
// generator is compiled with the package: after changing the table types
// below, replace lextables.go by a stub
// (func lexTables() *lexicons { return &lexicons{words: &wordTable{}} })
// before running go generate.
//
//go:generate go generate ./lexicon
//go:generate go test -run ^TestLexTables$ -genlex

// strTable is a set of strings found without a map: the keys, sorted, end to
// end in one string, and a hash table of their indexes.
type strTable struct {
	keys string   // the keys end to end
	offs []uint32 // key i is keys[offs[i]:offs[i+1]]
	// by strHash, with linear probing, a power of two long: a key's index
	// + 1 in the low 16 bits and the top 16 bits of its hash above them, or 0
	slots []uint32
}

// len returns the number of keys.
func (t *strTable) len() int { return max(len(t.offs)-1, 0) }

// key returns the key i.
func (t *strTable) key(i int) string { return t.keys[t.offs[i]:t.offs[i+1]] }

// find returns the index of the key s, or -1.
func (t *strTable) find(s string) int {
	if len(t.slots) == 0 {
		return -1
	}
	var h uint32
	if n := len(s); n >= 4 && n <= 8 {
		h = uint32((uint64(n)*hashK ^ (le32(s)<<32 | le32(s[n-4:]))) * hashK >> 32) // strHash, written out (hashK)
	} else {
		h = strHash(s)
	}
	tag, mask := h&^0xffff, uint32(len(t.slots)-1)
	for i := h & mask; ; i = (i + 1) & mask {
		k := t.slots[i]
		if k == 0 {
			return -1
		}
		if k&^0xffff == tag && t.key(int(k&0xffff)-1) == s {
			return int(k&0xffff) - 1
		}
	}
}

// findBytes is find for a key in a byte slice: looking it up copies nothing.
func (t *strTable) findBytes(b []byte) int {
	if len(t.slots) == 0 {
		return -1
	}
	var h uint32
	if n := len(b); n >= 4 && n <= 8 {
		h = uint32((uint64(n)*hashK ^ (le32(b)<<32 | le32(b[n-4:]))) * hashK >> 32) // strHash, written out (hashK)
	} else {
		h = strHash(b)
	}
	tag, mask := h&^0xffff, uint32(len(t.slots)-1)
	for i := h & mask; ; i = (i + 1) & mask {
		k := t.slots[i]
		if k == 0 {
			return -1
		}
		if k&^0xffff == tag && t.key(int(k&0xffff)-1) == string(b) {
			return int(k&0xffff) - 1
		}
	}
}

// hashK is strHash's multiplier. strHash is not inlined, and a call costs
// a look-up more than the hash: the look-ups write out its case of 4 to 8
// bytes, most words', where they call it (find, findBytes, setEntry).
const hashK = 0x9e3779b97f4a7c15

// strHash hashes s a word at a time: the generator lays the tables out
// with it, so it must not change without regenerating them.
func strHash[S string | []byte](s S) uint32 {
	const k = hashK
	n := len(s)
	h := uint64(n) * k
	switch {
	case n > 8:
		for i := 0; i < n-8; i += 8 {
			h = (h ^ le64(s[i:])) * k
			h ^= h >> 29
		}
		h ^= le64(s[n-8:])
	case n >= 4:
		h ^= le32(s)<<32 | le32(s[n-4:])
	case n > 0:
		h ^= uint64(s[0])<<16 | uint64(s[n>>1])<<8 | uint64(s[n-1])
	}
	h *= k
	return uint32(h >> 32)
}

// le64 reads the first 8 bytes of s as a little-endian number.
func le64[S string | []byte](s S) uint64 {
	_ = s[7]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// le32 reads the first 4 bytes of s as a little-endian number.
func le32[S string | []byte](s S) uint64 {
	_ = s[3]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24
}

// wordTable gives the lexicons' words their class masks.
type wordTable struct {
	strTable
	masks []classMask // of each key
	// what each key is to the phrase lists whose bits its mask has, as
	// the phrases steps of the key in those lists: key i's steps start at
	// firstAt[i], one for each phrase class bit of its mask, in the order
	// of the bits (0 for a phrase class that is no list). A token carries
	// its key, so that the first step of a phrase costs no look-up.
	firstAt    []uint32
	firstSteps []uint16
}

// lookup returns the word s with its classes; its norm is the table's copy of s.
func (w *wordTable) lookup(s string) (lexWord, bool) {
	i := w.find(s)
	if i < 0 {
		return lexWord{}, false
	}
	return lexWord{norm: w.key(i), mask: w.masks[i], id: uint16(i + 1)}, true
}

// lookupBytes is lookup for a word in a byte slice.
func (w *wordTable) lookupBytes(b []byte) (lexWord, bool) {
	i := w.findBytes(b)
	if i < 0 {
		return lexWord{}, false
	}
	return lexWord{norm: w.key(i), mask: w.masks[i], id: uint16(i + 1)}, true
}

// shortCodes is the number of shortCode values.
const shortCodes = 27 * 27 * 27

// shortCode numbers the words of one to three lower-case ASCII letters:
// most words of a text are such, and short words are found in a table
// (shortWords) with no hashing. ok is false for any other s.
func shortCode(s string) (code int, ok bool) {
	if len(s) == 0 || len(s) > 3 {
		return 0, false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 'a' || c > 'z' {
			return 0, false
		}
		code = code*27 + int(c-'a'+1)
	}
	return code, true
}

// placeTable is the gazetteer as the extractor reads it: each lower-case
// name's usual reading and the countries of all its readings.
type placeTable struct {
	strTable
	vals  []place // of each key
	words int     // the most words in a name
}

// get returns the reading of a lower-case name.
func (t *placeTable) get(s string) (place, bool) {
	i := t.find(s)
	if i < 0 {
		return place{}, false
	}
	return t.vals[i], true
}

// partyTable maps the lexicon.PartyKey of every name and variant of
// parties.tsv to the parties it names. The parties themselves are read from
// parties.tsv (lexicon.Parties) the first time a key is found.
type partyTable struct {
	strTable
	formEnds []uint16   // where each key's forms end in refs
	refs     []partyRef // the forms of all keys, in order

	once  sync.Once
	forms []partyForm // refs with their parties, made by once
}

// partyRef is a partyForm with its party as an index into lexicon.Parties().
type partyRef struct {
	party     uint16
	ambiguous bool
	caps      bool
}

// get returns the parties a PartyKey names; nil when it names none.
func (t *partyTable) get(key string) []partyForm {
	return t.formsOf(t.find(key))
}

// getBytes is get for a key in a byte slice.
func (t *partyTable) getBytes(key []byte) []partyForm {
	return t.formsOf(t.findBytes(key))
}

// formsOf returns the parties of the key i, or nil when i < 0.
func (t *partyTable) formsOf(i int) []partyForm {
	if i < 0 {
		return nil
	}
	t.once.Do(t.resolve)
	if len(t.forms) != len(t.refs) {
		return nil
	}
	start, end := uint16(0), t.formEnds[i]
	if i > 0 {
		start = t.formEnds[i-1]
	}
	return t.forms[start:end:end]
}

// resolve gives the refs their parties.
func (t *partyTable) resolve() {
	ps, err := lexicon.Parties()
	if err != nil {
		return
	}
	forms := make([]partyForm, len(t.refs))
	for i, r := range t.refs {
		if int(r.party) >= len(ps) {
			return
		}
		forms[i] = partyForm{party: &ps[r.party], ambiguous: r.ambiguous, caps: r.caps}
	}
	t.forms = forms
}
