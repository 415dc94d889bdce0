package sqlstore

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/binary"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/factions/factions"
	"github.com/factions/factions/resolve"
)

// A scoped resolution reads, of each stored entity the new names may be,
// a sample of its resolved occurrences (SampleSize by type: the latest
// half and the earliest), their ties and the occurrences those tie them to,
// and for a person how many occurrences it has beyond the sample. Rather
// than sampling them again from the occurrences and claims each time, it
// reads them from entity_samples, one row an entity, kept as resolution
// changes them: a full resolution of a store past the size of stores
// resolved whole writes every entity's (rebuildSamples), and a scoped one
// those of the entities it adds occurrences to (sampleUpdates), from what
// it read. Stored occurrences move only in a full resolution or by a
// curator, whose change marks the rows stale (staleSamples) until the next
// full resolution; the articles' countries, which also change only then,
// are read from the articles. What a scoped resolution reads, and so what
// it finds, is the same either way. Only a dialect of one writer at a time
// keeps them (Dialect.KeepsSamples).

// metaSamples is the key of resolve_meta that says entity_samples is
// whole; its value is the sample sizes it was made with.
const metaSamples = "samples"

// sampleSizes returns SampleSize as metaSamples records it.
func sampleSizes() string {
	var b []byte
	for _, t := range []factions.EntityType{factions.Person, factions.Organization, factions.Place} {
		b = strconv.AppendInt(append(b, t[0]), int64(SampleSize[t]), 10)
	}
	return string(b)
}

// samplesFrom is the fewest occurrences a store resolved whole must have,
// with an eighth more, for entity_samples to be written: a smaller one is
// resolved whole again next time (factions.ResolveState.FullDue).
var samplesFrom = factions.SmallStore

// sampleK is how many occurrences the sample of an entity of type t holds.
func sampleK(t factions.EntityType) int { return max(SampleSize[t], 1) }

// entitySample is an entity's row of entity_samples.
type entitySample struct {
	stored int64                // its resolved occurrences
	occs   []resolve.Occurrence // the sampled ones
	ties   []resolve.Tie        // theirs, by subject, each's in the order stored
	tied   []resolve.Occurrence // the occurrences the ties name as object
}

// find returns the occurrence id among s's, or nil: the last of its
// sampled ones, else of its tied ones. (A sample holds a few dozen: no
// map.)
func (s *entitySample) find(id int64) *resolve.Occurrence {
	for _, os := range [2][]resolve.Occurrence{s.occs, s.tied} {
		for i := len(os) - 1; i >= 0; i-- {
			if os[i].ID == id {
				return &os[i]
			}
		}
	}
	return nil
}

// staleSamples marks entity_samples stale: a curator moved occurrences,
// or rejected a claim that may tie one, or a scoped resolution did not
// keep them.
func (db *DB) staleSamples(ctx context.Context, tx *sql.Tx) error {
	if !db.d.KeepsSamples {
		return nil
	}
	if _, err := db.exec(ctx, tx, `DELETE FROM resolve_meta WHERE key = ?`, metaSamples); err != nil {
		return fmt.Errorf("entity samples: %w", err)
	}
	return nil
}

// samplesUsable reports whether a scoped resolution of the articles ids
// may read entity_samples: the rows are whole, of the sample sizes of
// now, and ids are every article not resolved yet (the samples hold
// resolved occurrences only, and a scoped resolution of some of the new
// articles samples the others' as stored ones).
func (db *DB) samplesUsable(ctx context.Context, r runner, ids []int64) (bool, error) {
	if ok, err := db.samplesWhole(ctx, r); !ok || err != nil {
		return false, err
	}
	want := map[int64]bool{}
	for _, id := range ids {
		want[id] = true
	}
	return db.unresolvedAre(ctx, r, want)
}

// samplesWhole reports whether entity_samples is kept whole, of the
// sample sizes of now.
func (db *DB) samplesWhole(ctx context.Context, r runner) (bool, error) {
	if !db.d.KeepsSamples {
		return false, nil
	}
	var v string
	err := db.queryRow(ctx, r, `SELECT value FROM resolve_meta WHERE key = ?`, metaSamples).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) || err == nil && v != sampleSizes() {
		return false, nil
	}
	return err == nil, err
}

// unresolvedAre reports whether the articles not resolved yet in r are
// just those of want.
func (db *DB) unresolvedAre(ctx context.Context, r runner, want map[int64]bool) (bool, error) {
	rows, err := db.query(ctx, r, `SELECT id FROM articles WHERE NOT resolved`)
	if err != nil {
		return false, err
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return false, err
		}
		if !want[id] {
			return false, nil
		}
		n++
	}
	return n == len(want), rows.Err()
}

// readSamples returns the rows of entity_samples of the entities ids.
func (db *DB) readSamples(ctx context.Context, r runner, ids []int64) (map[int64]*entitySample, error) {
	out := make(map[int64]*entitySample, len(ids))
	var blocks sampleBlocks
	err := db.eachChunk(ids, func(args []any) error {
		rows, err := db.query(ctx, r, `SELECT entity_id, stored, sample FROM entity_samples WHERE entity_id IN (`+placeholders(len(args))+`)`, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var id, stored int64
			var buf sql.RawBytes // decodeSample copies it
			if err := rows.Scan(&id, &stored, &buf); err != nil {
				return err
			}
			s, err := decodeSample(buf, &blocks)
			if err != nil {
				return fmt.Errorf("entity sample %d: %w", id, err)
			}
			s.stored = stored
			out[id] = s
		}
		return rows.Err()
	})
	return out, err
}

// readSamplesBeside is readSamples with the first half of the statements
// read beside (another connection), while tx reads the others. tx must
// have written nothing yet.
func (db *DB) readSamplesBeside(ctx context.Context, tx *sql.Tx, ids []int64) (map[int64]*entitySample, error) {
	first, out, err := besideHalves(ctx, db, tx, ids, func(r runner, ids []int64) (map[int64]*entitySample, error) {
		return db.readSamples(ctx, r, ids)
	})
	if err != nil {
		return nil, err
	}
	maps.Copy(out, first)
	return out, nil
}

// loadSamples reads what sample and loadNeighbours read of the
// candidates, from their rows of entity_samples, and returns those rows:
// the sampled occurrences, their ties, the occurrences those tie them to
// and the articles of all, with the countries stored for them; a
// candidate without a row has no resolved occurrence (fresh). The rows
// are read unless read is not nil: then it holds them.
func (db *DB) loadSamples(ctx context.Context, tx *sql.Tx, sc *scope, cands []candidate, read map[int64]*entitySample) (map[int64]*entitySample, error) {
	samples := read
	if samples == nil {
		ids := make([]int64, len(cands))
		for i, c := range cands {
			ids[i] = c.id
		}
		var err error
		if samples, err = db.readSamplesBeside(ctx, tx, ids); err != nil {
			return nil, err
		}
	}
	return samples, db.loadArticlesBeside(ctx, tx, sc, takeSamples(sc, cands, samples))
}

// takeSamples puts into sc's input the occurrences and ties of the
// samples of cands (their rows of entity_samples), and returns the
// articles of its occurrences not loaded yet, which it needs too: of
// those it put there (the articles of those there before are loaded, as
// the scope is read). It takes the sampled occurrences in order of ID,
// each with its ties, then the tied ones in order of ID: an occurrence is
// in the sample of its entity only, and the tied ones of a sample are the
// objects of its ties that it does not sample (sampleBuilder.build).
func takeSamples(sc *scope, cands []candidate, samples map[int64]*entitySample) []int64 {
	nOccs, nTied, nTies := 0, 0, 0 // (of cands: samples may hold others)
	for _, c := range cands {
		if s := samples[c.id]; s != nil {
			nOccs, nTied, nTies = nOccs+len(s.occs), nTied+len(s.tied), nTies+len(s.ties)
		}
	}
	sampled := make([]sampleOcc, 0, nOccs)
	tied := make([]sampleOcc, 0, nTied)
	for _, c := range cands {
		sc.types[c.id] = c.typ
		s := samples[c.id]
		if s == nil || len(s.occs) == 0 {
			sc.fresh[c.id] = true
			continue
		}
		for i := range s.occs {
			sampled = append(sampled, sampleOcc{s.occs[i].ID, &s.occs[i], s})
		}
		for i := range s.tied {
			tied = append(tied, sampleOcc{s.tied[i].ID, &s.tied[i], s})
		}
		// as countUnsampled counts them
		if k := sampleK(c.typ); len(s.occs) == k && c.typ == factions.Person {
			if n := min(s.stored, int64(unsampledCap+k)) - int64(k); n > 0 {
				if sc.in.Unsampled == nil {
					sc.in.Unsampled = map[int64]int{}
				}
				sc.in.Unsampled[c.id] = int(n)
			}
		}
	}
	slices.SortFunc(sampled, func(a, b sampleOcc) int { return cmp.Compare(a.id, b.id) })
	// of an occurrence tied in several samples, the first candidate's
	slices.SortStableFunc(tied, func(a, b sampleOcc) int { return cmp.Compare(a.id, b.id) })
	tied = slices.CompactFunc(tied, func(a, b sampleOcc) bool { return a.id == b.id })
	had := len(sc.in.Occurrences)
	sc.in.Occurrences = grow(sc.in.Occurrences, len(sampled)+len(tied))
	sc.in.Ties = grow(sc.in.Ties, nTies)
	add := func(o *resolve.Occurrence) {
		if !sc.loaded.has(o.ID) {
			sc.loaded.add(o.ID)
			sc.in.Occurrences = append(sc.in.Occurrences, *o)
		}
	}
	for _, x := range sampled {
		add(x.occ)
		for _, t := range x.in.ties {
			if t.Subject == x.id {
				sc.in.Ties = append(sc.in.Ties, t)
			}
		}
	}
	for _, x := range tied {
		add(x.occ)
	}
	var arts []int64
	for _, o := range sc.in.Occurrences[had:] {
		if !sc.arts.has(o.Article) {
			arts = append(arts, o.Article)
		}
	}
	return arts
}

// sampleOcc is an occurrence of a sample, with its ID.
type sampleOcc struct {
	id  int64
	occ *resolve.Occurrence
	in  *entitySample
}

// occurrenceTypes returns the type of each occurrence of in, in order:
// resolve.Resolve changes that of a person it reads as a party, which is
// stored as it was (restoreTypes).
func occurrenceTypes(in *resolve.Input) []factions.EntityType {
	out := make([]factions.EntityType, len(in.Occurrences))
	for i, o := range in.Occurrences {
		out[i] = o.Type
	}
	return out
}

// restoreTypes gives the occurrences of in the types occurrenceTypes
// returned.
func restoreTypes(in *resolve.Input, types []factions.EntityType) {
	for i := range in.Occurrences {
		in.Occurrences[i].Type = types[i]
	}
}

// pickIDs returns the sample of k of the occurrences ids (sorted) that
// sample takes: the latest (k+1)/2, then the earliest of the others.
func pickIDs(ids []int64, k int) []int64 {
	if len(ids) <= k {
		return ids
	}
	l := (k + 1) / 2
	out := make([]int64, 0, k)
	out = append(out, ids[:k-l]...)
	return append(out, ids[len(ids)-l:]...)
}

// sampleBuilder makes the rows of entity_samples of entities whose
// occurrences it is given, encoded one after another in blocks of
// sampleBlock bytes: a few thousand rows of some hundred bytes each, not
// one allocation each.
type sampleBuilder struct {
	occ func(id int64) *resolve.Occurrence // an occurrence by ID, with the entity it is in
	// ties returns ts with an occurrence's ties appended, in order
	ties func(ts []resolve.Tie, id int64) []resolve.Tie

	buf []byte // the block the rows are encoded in
	// what build takes of an entity, kept for the next one
	occs, tied []*resolve.Occurrence
	tieList    []resolve.Tie
	seen       []int64
}

// sampleBlock is the size of the blocks a sampleBuilder encodes in.
const sampleBlock = 64 << 10

// build returns the encoded sample of an entity of type t of which ids
// (sorted) are the occurrences the sample may take.
func (b *sampleBuilder) build(t factions.EntityType, ids []int64) ([]byte, error) {
	pick := pickIDs(ids, sampleK(t))
	b.occs, b.tied, b.tieList = b.occs[:0], b.tied[:0], b.tieList[:0]
	b.seen = append(b.seen[:0], pick...) // (a few dozen: no map)
	for _, id := range pick {
		o := b.occ(id)
		if o == nil {
			return nil, fmt.Errorf("entity sample: occurrence %d not read", id)
		}
		b.occs = append(b.occs, o)
	}
	for _, o := range b.occs {
		from := len(b.tieList)
		b.tieList = b.ties(b.tieList, o.ID)
		for _, tie := range b.tieList[from:] {
			if slices.Contains(b.seen, tie.Object) {
				continue
			}
			b.seen = append(b.seen, tie.Object)
			x := b.occ(tie.Object)
			if x == nil {
				return nil, fmt.Errorf("entity sample: occurrence %d not read", tie.Object)
			}
			b.tied = append(b.tied, x)
		}
	}
	if cap(b.buf)-len(b.buf) < sampleBlock/8 {
		b.buf = make([]byte, 0, sampleBlock)
	}
	start := len(b.buf)
	b.buf = appendSample(b.buf, b.occs, b.tieList, b.tied)
	return b.buf[start:len(b.buf):len(b.buf)], nil
}

// writeSampleRows writes rows of entity_samples, three values each (the
// entity's ID, its stored occurrences and its sample as sampleBuilder
// encodes it), by ID, in place of those their entities have.
func (db *DB) writeSampleRows(ctx context.Context, tx *sql.Tx, add []any) error {
	err := db.eachInsert(`INSERT INTO entity_samples (entity_id, stored, sample) VALUES `, 3, add, func(q string, args []any) error {
		_, err := db.exec(ctx, tx, q+` ON CONFLICT (entity_id) DO UPDATE SET stored = excluded.stored, sample = excluded.sample`, args...)
		return err
	})
	if err != nil {
		return fmt.Errorf("entity samples: %w", err)
	}
	return nil
}

// rebuildSamples writes entity_samples anew after a full resolution of in
// into res (applied: every entity has its ID), when the store is large
// enough for the next resolution to be a scoped one (factions.SmallStore
// occurrences, once grown by an eighth), and marks it whole; for a smaller
// store it empties it and marks it stale, and a scoped resolution samples
// the occurrences.
func (db *DB) rebuildSamples(ctx context.Context, tx *sql.Tx, in *resolve.Input, res *resolve.Result) error {
	if !db.d.KeepsSamples {
		return nil
	}
	if _, err := db.exec(ctx, tx, `DELETE FROM entity_samples`); err != nil {
		return fmt.Errorf("entity samples: %w", err)
	}
	n := len(in.Occurrences)
	if n+n/8 < samplesFrom {
		return db.staleSamples(ctx, tx)
	}
	final := map[int64]int64{} // occurrence → entity, where res puts it
	for _, e := range res.Entities {
		for _, id := range e.Occurrences {
			final[id] = e.ID
		}
	}
	occs := make(map[int64]*resolve.Occurrence, n)
	byEntity := map[int64][]int64{}
	for i := range in.Occurrences {
		o := &in.Occurrences[i]
		if e, ok := final[o.ID]; ok {
			o.Entity = e
		}
		occs[o.ID] = o
		byEntity[o.Entity] = append(byEntity[o.Entity], o.ID)
	}
	ties := map[int64][]resolve.Tie{}
	for _, t := range in.Ties {
		ties[t.Subject] = append(ties[t.Subject], t)
	}
	types, err := db.entityTypes(ctx, tx, nil)
	if err != nil {
		return err
	}
	b := &sampleBuilder{
		occ:  func(id int64) *resolve.Occurrence { return occs[id] },
		ties: func(ts []resolve.Tie, id int64) []resolve.Tie { return append(ts, ties[id]...) },
	}
	ents := sortedIDs(byEntity)
	rows := make([]any, 0, 3*len(ents)) // as writeSampleRows writes them
	for _, e := range ents {
		ids := byEntity[e]
		slices.Sort(ids)
		sample, err := b.build(types[e], ids)
		if err != nil {
			return err
		}
		rows = append(rows, e, int64(len(ids)), sample)
	}
	if err := db.writeSampleRows(ctx, tx, rows); err != nil {
		return err
	}
	_, err = db.exec(ctx, tx, `INSERT INTO resolve_meta (key, value) VALUES (?, ?)
		ON CONFLICT (key) DO UPDATE SET value = excluded.value`, metaSamples, sampleSizes())
	return err
}

// entityTypes returns the type of each of the entities ids (nil: all).
func (db *DB) entityTypes(ctx context.Context, tx *sql.Tx, ids []int64) (map[int64]factions.EntityType, error) {
	out := map[int64]factions.EntityType{}
	read := func(where string, args []any) error {
		rows, err := db.query(ctx, tx, `SELECT id, type FROM entities`+where, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var id int64
			var t factions.EntityType
			if err := rows.Scan(&id, &t); err != nil {
				return err
			}
			out[id] = t
		}
		return rows.Err()
	}
	if ids == nil {
		return out, read("", nil)
	}
	return out, db.eachChunk(ids, func(args []any) error {
		return read(` WHERE id IN (`+placeholders(len(args))+`)`, args)
	})
}

// A scoped resolution writes the rows of entity_samples of the entities
// it added occurrences to, from the rows it read (samples) and what it
// placed: an entity's new sample is taken from its old one and its new
// occurrences (an occurrence its old sample left out stays out, as its
// sample of all would leave it).

// sampleUpdates reads what the rows of entity_samples a scoped
// resolution writes are made of besides samples and sc, once it placed
// the new occurrences (placeScope), and returns what makes them, as
// writeSampleRows writes them: a function that reads neither tx nor what
// writeScope changes, which may run while tx writes.
func (db *DB) sampleUpdates(ctx context.Context, tx *sql.Tx, sc *scope, samples map[int64]*entitySample) (func() ([]any, error), error) {
	added := map[int64][]int64{} // entity → new occurrences now in it
	for id := range sc.news {
		e := sc.placedIn(id)
		added[e] = append(added[e], id)
	}
	ents := sortedIDs(added)
	var unread []int64 // entities no candidate (none so far)
	for _, e := range ents {
		if _, ok := sc.types[e]; !ok {
			unread = append(unread, e)
		}
	}
	more, err := db.readSamples(ctx, tx, unread)
	if err != nil {
		return nil, err
	}
	types := sc.types
	if len(unread) > 0 {
		// (entityTypes of none reads every entity's)
		if types, err = db.entityTypes(ctx, tx, unread); err != nil {
			return nil, err
		}
		maps.Copy(types, sc.types)
	}
	return func() ([]any, error) {
		return buildSamples(sc, samples, more, types, ents, added)
	}, nil
}

// placedIn returns the entity the new occurrence id is in, once
// placeScope placed it.
func (sc *scope) placedIn(id int64) int64 {
	if e, ok := sc.placed[id]; ok {
		return e
	}
	return sc.news[id].entity
}

// buildSamples returns the rows of entity_samples of the entities ents,
// as writeSampleRows writes them, each of which the new occurrences added
// went to, from their rows samples (else more) and sc.
func buildSamples(sc *scope, samples, more map[int64]*entitySample, types map[int64]factions.EntityType,
	ents []int64, added map[int64][]int64) ([]any, error) {
	news := make(map[int64]*resolve.Occurrence, len(sc.news))
	ties := map[int64][]resolve.Tie{}
	placed := make([]resolve.Occurrence, 0, len(sc.news)) // the new occurrences, each in its entity
	for i := range sc.in.Occurrences {
		if o := &sc.in.Occurrences[i]; sc.news[o.ID] != nil {
			placed = append(placed, *o)
			placed[len(placed)-1].Entity = sc.placedIn(o.ID)
		}
	}
	for i := range placed {
		news[placed[i].ID] = &placed[i]
	}
	for _, t := range sc.in.Ties {
		if news[t.Subject] != nil {
			ties[t.Subject] = append(ties[t.Subject], t)
		}
	}
	none := &entitySample{}
	old := none // the row of the entity being built
	b := &sampleBuilder{
		occ: func(id int64) *resolve.Occurrence {
			if o := news[id]; o != nil {
				return o
			}
			return old.find(id)
		},
		ties: func(ts []resolve.Tie, id int64) []resolve.Tie {
			if news[id] != nil {
				return append(ts, ties[id]...)
			}
			for _, t := range old.ties {
				if t.Subject == id {
					ts = append(ts, t)
				}
			}
			return ts
		},
	}
	rows := make([]any, 0, 3*len(ents))
	var ids []int64
	for _, e := range ents {
		if old = samples[e]; old == nil {
			old = more[e]
		}
		if old == nil {
			old = none
		}
		ids = append(ids[:0], added[e]...)
		for _, o := range old.occs {
			ids = append(ids, o.ID)
		}
		slices.Sort(ids)
		sample, err := b.build(types[e], ids)
		if err != nil {
			return nil, err
		}
		rows = append(rows, e, old.stored+int64(len(added[e])), sample)
	}
	return rows, nil
}

// sampleVersion is the first byte of an encoded sample.
const sampleVersion = 1

// appendSample returns b with a sample as entity_samples stores it
// appended: its occurrences, ties and tied occurrences, each a count and
// then each's fields, numbers as varints and strings after their length.
func appendSample(b []byte, occs []*resolve.Occurrence, ties []resolve.Tie, tied []*resolve.Occurrence) []byte {
	b = append(b, sampleVersion)
	str := func(v string) {
		b = binary.AppendUvarint(b, uint64(len(v)))
		b = append(b, v...)
	}
	names := func(ns []string) { // str(joinNames(ns)), not joined first
		n := max(len(ns)-1, 0) // (the newlines)
		for _, v := range ns {
			n += len(v)
		}
		b = binary.AppendUvarint(b, uint64(n))
		for i, v := range ns {
			if i > 0 {
				b = append(b, '\n')
			}
			b = append(b, v...)
		}
	}
	appendOccs := func(os []*resolve.Occurrence) {
		b = binary.AppendUvarint(b, uint64(len(os)))
		for _, o := range os {
			for _, v := range [...]int64{o.ID, o.Article, o.Entity, o.Pin} {
				b = binary.AppendVarint(b, v)
			}
			str(string(o.Type))
			str(o.Name)
			names(o.Names)
		}
	}
	appendOccs(occs)
	b = binary.AppendUvarint(b, uint64(len(ties)))
	for _, t := range ties {
		b = binary.AppendVarint(b, t.Subject)
		b = binary.AppendVarint(b, t.Object)
		str(string(t.Predicate))
		str(string(t.Stance))
	}
	appendOccs(tied)
	return b
}

// errSample is the error of a sample that cannot be read.
var errSample = errors.New("malformed sample")

// decodeSample reads a sample appendSample wrote, into blocks. Its
// strings are parts of one copy of b, made once: a sample holds a few
// dozen names, and a scoped resolution reads a sample of each of some
// thousand entities.
func decodeSample(buf []byte, blocks *sampleBlocks) (*entitySample, error) {
	if len(buf) == 0 || buf[0] != sampleVersion {
		return nil, errSample
	}
	whole := string(buf[1:])
	b := buf[1:]
	at := func() int { return len(whole) - len(b) } // offset of b in whole
	bad := false
	num := func() int64 {
		v, n := binary.Varint(b)
		if n <= 0 {
			bad = true
			return 0
		}
		b = b[n:]
		return v
	}
	count := func() int {
		v, n := binary.Uvarint(b)
		if n <= 0 || v > uint64(len(b)) {
			bad = true
			return 0
		}
		b = b[n:]
		return int(v)
	}
	str := func() string {
		l := count()
		if bad || l > len(b) {
			bad = true
			return ""
		}
		v := whole[at() : at()+l]
		b = b[l:]
		return v
	}
	occs := func() []resolve.Occurrence {
		out := takeBlock(&blocks.occs, count())
		for i := 0; i < len(out) && !bad; i++ {
			o := &out[i]
			o.ID, o.Article, o.Entity, o.Pin = num(), num(), num(), num()
			o.Type, o.Name, o.Names = factions.EntityType(str()), str(), blocks.names.split(str())
		}
		return out
	}
	s := &takeBlock(&blocks.rows, 1)[0]
	s.occs = occs()
	s.ties = takeBlock(&blocks.ties, count())
	for i := 0; i < len(s.ties) && !bad; i++ {
		t := &s.ties[i]
		t.Subject, t.Object = num(), num()
		t.Predicate, t.Stance = factions.Predicate(str()), factions.Stance(str())
	}
	s.tied = occs()
	if bad || len(b) != 0 {
		return nil, errSample
	}
	return s, nil
}

// sampleBlocks hand out what decodeSample reads of the samples of some
// thousand entities, from blocks allocated some hundred at a time,
// rather than a few allocations a sample.
type sampleBlocks struct {
	rows  []entitySample
	occs  []resolve.Occurrence
	ties  []resolve.Tie
	names nameBlock
}

// takeBlock returns n zero values from the block b, a slice of its own
// (appending to it copies it); nil when n is 0.
func takeBlock[E any](b *[]E, n int) []E {
	if n == 0 {
		return nil
	}
	if len(*b)+n > cap(*b) {
		*b = make([]E, 0, max(n, 256))
	}
	start := len(*b)
	*b = (*b)[:start+n]
	return (*b)[start : start+n : start+n]
}

// nameBlock hands out the name lists of decoded samples from blocks of
// strings allocated some hundred at a time, rather than one list each.
type nameBlock []string

// split returns splitNames(s), in the block.
func (b *nameBlock) split(s string) []string {
	if s == "" {
		return nil
	}
	n := strings.Count(s, "\n") + 1
	if len(*b)+n > cap(*b) {
		*b = make([]string, 0, max(n, 256))
	}
	start := len(*b)
	for {
		i := strings.IndexByte(s, '\n')
		if i < 0 {
			break
		}
		*b = append(*b, s[:i])
		s = s[i+1:]
	}
	*b = append(*b, s)
	return (*b)[start:len(*b):len(*b)] // (appending to it copies it)
}

// grow returns s with room for n more, its capacity at least doubled
// when it grows: a scope's input grows with each step of it.
func grow[S ~[]E, E any](s S, n int) S {
	if cap(s)-len(s) >= n {
		return s
	}
	return slices.Grow(s, max(n, cap(s)))
}
