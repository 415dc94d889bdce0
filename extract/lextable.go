package extract

import (
	"sync"

	"github.com/factions/factions/extract/lexicon"
)

// The word lists are compiled into lextables.go by `go generate` (see
// lexgen_test.go): each is a strTable, an open-addressing hash table laid
// out in static arrays, so that starting the extractor builds no map and
// parses no file. The lexicon files stay the source of the lists;
// TestLexTables fails when lextables.go is not what they give.
//
//go:generate go test -run ^TestLexTables$ -genlex

// strTable is a set of strings found without a map: the keys, sorted, end to
// end in one string, and a hash table of their indexes.
type strTable struct {
	keys  string   // the keys end to end
	ends  []uint32 // where each key ends in keys; it starts where the one before ends
	slots []uint16 // by strHash, with linear probing: a key's index + 1, or 0; a power of two long
}

// len returns the number of keys.
func (t *strTable) len() int { return len(t.ends) }

// key returns the key i.
func (t *strTable) key(i int) string {
	start := uint32(0)
	if i > 0 {
		start = t.ends[i-1]
	}
	return t.keys[start:t.ends[i]]
}

// find returns the index of the key s, or -1.
func (t *strTable) find(s string) int {
	if len(t.slots) == 0 {
		return -1
	}
	mask := uint32(len(t.slots) - 1)
	for h := strHash(s) & mask; ; h = (h + 1) & mask {
		k := int(t.slots[h])
		if k == 0 {
			return -1
		}
		if t.key(k-1) == s {
			return k - 1
		}
	}
}

// findBytes is find for a key in a byte slice: looking it up copies nothing.
func (t *strTable) findBytes(b []byte) int {
	if len(t.slots) == 0 {
		return -1
	}
	h := uint32(2166136261)
	for _, c := range b {
		h ^= uint32(c)
		h *= 16777619
	}
	mask := uint32(len(t.slots) - 1)
	for h &= mask; ; h = (h + 1) & mask {
		k := int(t.slots[h])
		if k == 0 {
			return -1
		}
		if t.key(k-1) == string(b) {
			return k - 1
		}
	}
}

// strHash is the 32-bit FNV-1a hash of s.
func strHash(s string) uint32 {
	h := uint32(2166136261)
	for i := 0; i < len(s); i++ {
		h ^= uint32(s[i])
		h *= 16777619
	}
	return h
}

// wordTable gives the lexicons' words their class masks.
type wordTable struct {
	strTable
	masks []classMask // of each key
}

// lookup returns the word s with its classes; its norm is the table's copy of s.
func (w *wordTable) lookup(s string) (lexWord, bool) {
	i := w.find(s)
	if i < 0 {
		return lexWord{}, false
	}
	return lexWord{norm: w.key(i), mask: w.masks[i]}, true
}

// lookupBytes is lookup for a word in a byte slice.
func (w *wordTable) lookupBytes(b []byte) (lexWord, bool) {
	i := w.findBytes(b)
	if i < 0 {
		return lexWord{}, false
	}
	return lexWord{norm: w.key(i), mask: w.masks[i]}, true
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
	i := t.find(key)
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
