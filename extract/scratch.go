package extract

import "strings"

// scratch holds the values an extraction makes many of: the tokens, and
// the mentions, references, entities and statements the stages point at.
// They are allocated in blocks that are never grown, so that pointers to
// them stay valid; an Extractor reuses a scratch from one article to the
// next once nothing points into it (the Extraction it returns holds
// copies).
type scratch struct {
	paras        []Span
	sents        []Sentence
	quotes       []QuoteSpan
	longQuotes   []bool
	tokens       slab[Token]   // of all sentences, each sentence's contiguous
	tokLists     slab[[]Token] // per sentence
	sentMasks    slab[classMask]
	bytes        slab[uint8]
	byteLists    slab[[]uint8]
	mentions     slab[mention]
	mentionLists slab[[]*mention] // per sentence
	mentionPtrs  slab[*mention]   // the lists' elements
	sentMentions []*mention       // one sentence's mentions as they are found
	split        []*mention       // the names of one capitalised run
	refPtrs      slab[*ref]
	refLists     slab[[]*ref] // per sentence
	refs         slab[ref]
	entities     slab[entity]
	stmts        slab[stmt]
	reports      slab[report]
	// the coreference stage's tables and lists
	pronouns map[int]referent
	descs    map[int]*entity
	subjects map[int]referent
	speakers []speakerEvent
	reported []Span
	// the entities stage's index by type and lower-case name
	byKey map[entityKey]*entity
	// lower-case forms of names (document.lower), their bytes in text
	lowers map[string]string
	// the bytes of the strings an article makes many small ones of
	text   textArena
	fields map[string][]string // words of names (document.fields)
	strs   slab[string]        // the words of fields and personWords
	// the lists of byWord
	entPtrs slab[*entity]
	// one name's words as they are found (document.fields)
	fieldBuf []string
	// the party forms of names (document.partiesOf)
	parties map[string][]partyForm
	// the tables the entities and relations stages build once per
	// article, emptied when they are built again (emptied)
	nameWords map[string]bool
	words     map[*entity][]string
	bare      map[*entity]bool
	byWord    map[string][]*entity
	byFirst   map[string][]*entity // personVariants' persons by first word
	orgHeads  map[string]*entity
	acrCount  map[string]int
	orgNames  map[string]*entity
	orgFirst  map[string]*entity
	isFaction map[*entity]bool
	factKeys  [][]factKey
}

// emptied returns the map *m, empty, making it first when there is none.
func emptied[K comparable, V any](m *map[K]V) map[K]V {
	if *m == nil {
		*m = map[K]V{}
	} else {
		clear(*m)
	}
	return *m
}

// emptiedLists returns *l with n lists, each empty, keeping the room of the
// lists it had.
func emptiedLists[T any](l *[][]T, n int) [][]T {
	if cap(*l) < n {
		*l = append((*l)[:cap(*l)], make([][]T, n-cap(*l))...)
	}
	*l = (*l)[:n]
	for i := range *l {
		(*l)[i] = (*l)[i][:0]
	}
	return *l
}

// reset empties s for the next article, dropping its references to the
// last one.
func (s *scratch) reset() {
	s.paras = s.paras[:0]
	s.sents = s.sents[:0]
	s.quotes = s.quotes[:0]
	s.tokens.reset()
	s.tokLists.reset()
	s.sentMasks.reset()
	s.bytes.reset()
	s.byteLists.reset()
	s.mentions.reset()
	s.mentionLists.reset()
	s.mentionPtrs.reset()
	clear(s.sentMentions[:cap(s.sentMentions)])
	s.sentMentions = s.sentMentions[:0]
	clear(s.split[:cap(s.split)])
	s.split = s.split[:0]
	s.refs.reset()
	s.refPtrs.reset()
	s.refLists.reset()
	s.entities.reset()
	s.stmts.reset()
	s.reports.reset()
	clear(s.pronouns)
	clear(s.descs)
	clear(s.subjects)
	clear(s.speakers[:cap(s.speakers)])
	s.speakers = s.speakers[:0]
	s.reported = s.reported[:0]
	clear(s.byKey)
	clear(s.lowers)
	s.text = textArena{} // its strings may outlive the article: never reused
	clear(s.fields)
	s.strs.reset()
	s.entPtrs.reset()
	clear(s.parties)
	for i := range s.factKeys {
		clear(s.factKeys[i])
	}
}

// slabBlock is the most values in a block of a slab: the first block holds
// 256, each next one twice as many up to this.
const slabBlock = 1 << 13

// slab hands out values of T from blocks of slabBlock values.
type slab[T any] struct {
	blocks [][]T
	used   int // blocks in use, the last one being filled
}

// new returns a pointer to a copy of v.
func (s *slab[T]) new(v T) *T {
	p := &s.take(1)[0]
	*p = v
	return p
}

// take returns n zero values, contiguous, with no room to append.
func (s *slab[T]) take(n int) []T {
	b := s.room(n)
	k := len(*b)
	*b = (*b)[:k+n]
	return (*b)[k : k+n : k+n]
}

// room returns the block being filled with room for n more values, which
// the caller appends to it: what it appends within that room stays where
// it is until reset.
func (s *slab[T]) room(n int) *[]T {
	if s.used == 0 || len(s.blocks[s.used-1])+n > cap(s.blocks[s.used-1]) {
		size := max(min(slabBlock, 256<<min(s.used, 5)), n)
		if s.used == len(s.blocks) {
			s.blocks = append(s.blocks, nil)
		}
		if cap(s.blocks[s.used]) < size {
			s.blocks[s.used] = make([]T, 0, size)
		}
		s.used++
	}
	return &s.blocks[s.used-1]
}

// reset zeroes the values handed out and makes the slab empty.
func (s *slab[T]) reset() {
	for i := range s.blocks[:s.used] {
		clear(s.blocks[i])
		s.blocks[i] = s.blocks[i][:0]
	}
	s.used = 0
}

// arenaChunk is the size of a textArena's blocks.
const arenaChunk = 512

// textArena makes strings of bytes, copying them into blocks of arenaChunk
// bytes: many small strings cost an allocation a block, not one each. A
// block is a strings.Builder, whose bytes never change once written, so
// that the strings stay valid however long they are kept.
type textArena struct {
	b strings.Builder
}

// string returns the bytes p as a string; one of its own when a is nil.
func (a *textArena) string(p []byte) string {
	if a == nil {
		return string(p)
	}
	if a.b.Cap()-a.b.Len() < len(p) {
		a.b = strings.Builder{} // the full block stays with its strings
		a.b.Grow(max(arenaChunk, len(p)))
	}
	n := a.b.Len()
	a.b.Write(p)
	return a.b.String()[n:]
}
