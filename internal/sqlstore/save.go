package sqlstore

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"github.com/factions/factions"
)

// SaveArticle stores a and what x extracted from it in one transaction,
// each entity of x under the stored entity of its name, if any (Resolve
// settles them). It sets a.ID,
// a.Hash (computed from the text when empty) and a.Ingested. When an article
// of the same hash is stored it changes nothing and returns that article's
// ID with created false. An article with no text, or an extraction with an
// invalid type, predicate, stance or kind or a span outside the text, is
// EINVALID and nothing is written. A transaction that another one running
// at once ends (a deadlock: see Dialect.Retryable) is run again, up to
// maxAttempts times.
func (db *DB) SaveArticle(ctx context.Context, a *factions.Article, x *factions.Extraction) (id int64, created bool, err error) {
	s, err := db.prepareSave(a, x)
	if err != nil {
		return 0, false, err
	}
	s.now = db.now()
	err = db.retry(ctx, func(bool) error {
		s.reset()
		tx, err := db.beginWrite(ctx)
		if err != nil {
			return err
		}
		defer tx.Rollback()
		if err := db.save(ctx, tx, s, nil); err != nil {
			return err
		}
		return tx.Commit()
	})
	if err != nil {
		return 0, false, err
	}
	s.done()
	return s.id, s.created, nil
}

// SaveArticles stores a batch of articles as SaveArticle would, in one
// database transaction with a savepoint around each article: an article
// that fails is rolled back to its savepoint, so that it is absent and the
// others are stored, and its error is in its result. One commit for the
// batch is what makes a batch faster than as many SaveArticle calls. The
// error returned is for what fails the whole batch (beginning or committing
// the transaction); then nothing of the batch is stored.
//
// When another transaction running at once ends this one (a deadlock, as
// two batches of the same articles in opposite orders meet: see
// Dialect.Retryable), whether in an article or at the commit, the whole
// batch is run again after a short random wait, up to maxAttempts times;
// articles are keyed by their hash, so those the other transaction stored
// meanwhile are found and not stored twice. In the last attempt such an
// error fails the article it is met in, as any other error would.
func (db *DB) SaveArticles(ctx context.Context, batch []factions.SaveItem) ([]factions.SaveResult, error) {
	return db.saveArticles(ctx, batch, false)
}

// SaveLastArticles is SaveArticles for the last batch of an ingest, which
// Resolve follows (factions.LastSaver): into a new store, whose batches
// the freshLog holds, the resolution of every article, this batch's with
// them, is worked out on another goroutine while the batch is written,
// and Resolve takes it once the batch has committed.
func (db *DB) SaveLastArticles(ctx context.Context, batch []factions.SaveItem) ([]factions.SaveResult, error) {
	return db.saveArticles(ctx, batch, true)
}

// saveArticles is SaveArticles, and SaveLastArticles when final.
func (db *DB) saveArticles(ctx context.Context, batch []factions.SaveItem, final bool) ([]factions.SaveResult, error) {
	res := make([]factions.SaveResult, len(batch))
	saves := make([]*saving, len(batch))
	now := db.now()
	for i, it := range batch {
		saves[i], res[i].Err = db.prepared(it)
		if saves[i] != nil {
			saves[i].now = now
		}
	}
	errs := make([]error, len(batch)) // of the last attempt
	err := db.retry(ctx, func(last bool) error {
		if db.d.LockNames == nil {
			// one writer at a time: the batch is first tried whole,
			// without a savepoint an article (see saveWhole)
			if done, err := db.saveWhole(ctx, saves, errs, final); done || err != nil {
				return err
			}
		}
		return db.saveBatch(ctx, saves, errs, last)
	})
	if err != nil {
		return nil, err
	}
	for i, s := range saves {
		switch {
		case s == nil:
		case errs[i] != nil:
			res[i].Err = errs[i]
		default:
			s.done()
			res[i].ID, res[i].Created = s.id, s.created
		}
	}
	return res, nil
}

// saveWhole saves each of saves that is not nil in one transaction with no
// savepoint, and commits: a savepoint makes SQLite copy every page an
// article changes first (its sub-journal), a tenth of the time of saving.
// When an article fails, it rolls the transaction back and returns false,
// for saveBatch to save the articles again each in its savepoint; it returns
// an error only for what fails the batch as a whole (the transaction's
// beginning or commit, or ctx done).
func (db *DB) saveWhole(ctx context.Context, saves []*saving, errs []error, final bool) (done bool, err error) {
	// every row names the article, entities and occurrences the batch
	// makes, or entities it reads: no foreign key to check
	tx, end, err := db.beginUnchecked(ctx)
	if err != nil {
		return false, err
	}
	defer end()
	defer db.keepStmts(tx)()
	// no savepoint gives back IDs: the batch numbers its rows itself, and
	// inserts them a table at a time once every article is planned
	seq, err := db.loadSeq(ctx, tx)
	if err != nil {
		return false, nil
	}
	logged, grown := db.fresh.starts(seq)
	var mark *auditMark
	if grown {
		m, err := db.readAuditMark(ctx, tx)
		if err != nil {
			return false, nil
		}
		mark = &m
	}
	scoped := logged && (grown || db.fresh.grownLog()) && db.sideReads()
	var early *lookup
	var meta map[string]string // (only resolution writes it)
	if scoped {
		if meta, err = db.readMeta(ctx, tx); err != nil {
			return false, nil
		}
		// the names looked up from now on, as if every article were new
		// (most often so), while the batch is planned
		early = db.lookEarly(ctx, saves, *seq, meta)
	}
	memo, whole, err := db.wholeMemo(ctx, tx, saves, seq, grown)
	if err != nil {
		return false, nil
	}
	for i, s := range saves {
		errs[i] = nil
		if s == nil {
			continue
		}
		s.reset()
		if err := ctx.Err(); err != nil {
			return false, err
		}
		if err := db.save(ctx, tx, s, memo); err != nil {
			return false, nil // saveBatch tells which article fails
		}
		memo.saved(true)
	}
	var lk *lookup
	if scoped {
		// the names looked up on the CPU the writer leaves, for the
		// scoped resolution that follows, unless the store is to be
		// resolved whole (small, or grown by an eighth): those looked up
		// early when every article was new, else the batch's new ones
		if !dueAt(meta, memo.seq.occ) {
			lk = early
			if lk == nil || slices.ContainsFunc(saves, func(s *saving) bool { return s != nil && !s.created }) {
				lk = db.lookAhead(ctx, batchOccs(saves), false, early)
			}
		}
	}
	var ahead *resolveAhead
	var placing *placeAhead
	switch {
	case logged && final && !grown && !db.fresh.grownLog():
		// the log of a new store whole, this batch with it, resolved
		// while the batch is written; kept once it commits
		db.fresh.add(saves, nil, *memo.seq, nil, nil)
		ahead = db.fresh.startAhead(db.Gazetteer)
	case logged && final && lk != nil:
		// that of a grown store placed (a scoped resolution) while the
		// batch is written
		db.fresh.add(saves, nil, *memo.seq, mark, lk)
		placing = db.startPlaceAhead(ctx)
	}
	if err := db.flush(ctx, tx, memo.rows); err != nil {
		return false, nil
	}
	if err := tx.Commit(); err != nil {
		return true, err
	}
	if ahead != nil {
		db.fresh.keepAhead(ahead)
	} else if placing != nil {
		db.fresh.keepPlacing(placing)
	} else if logged {
		var names map[string]int64 // every name of the store, when memo had them all
		if whole {
			names = memo.found
		}
		db.fresh.add(saves, names, *memo.seq, mark, lk)
		if lk != nil {
			// its part of the scoped resolution to come read beside
			// the next batch
			db.stepScope(ctx)
		}
	}
	return true, nil
}

// batchNames returns what the store has of the names of saves, a batch
// saved whole that found the greatest IDs seq: what the freshLog knows of
// a store only its batches wrote since it was empty or since the first of
// them read all its names (whole: every name of the store); for the first
// batch logged of a store that holds rows (grown), every name of the
// store, when they are few enough (aliasesFor, whose reading the look-ups
// share); else what lookupNames reads (the names of saves).
func (db *DB) batchNames(ctx context.Context, tx *sql.Tx, saves []*saving, seq rowSeq, grown bool) (memo *batchMemo, whole bool, err error) {
	if names := db.fresh.takeNames(seq); names != nil {
		if others, err := db.othersWrote(ctx, tx); err != nil {
			return nil, false, err
		} else if !others {
			return &batchMemo{found: names}, true, nil
		}
	}
	norms := batchNorms(saves)
	if grown {
		// the aliases the look-ups read once, or this batch for them
		if ix, err := db.aliasesFor(ctx, tx, len(norms)); err != nil {
			return nil, false, err
		} else if ix != nil {
			return &batchMemo{found: ix.names()}, true, nil
		}
	}
	memo = &batchMemo{found: map[string]int64{}}
	return memo, false, db.findNames(ctx, tx, norms, memo.found)
}

// wholeNamesPer is how many aliases a store may hold for each name (or
// key) the first batch logged into it looks up for every alias of the
// store to be read once (aliasesFor) rather than the batches' own looked
// up (findNames, findCandidates): a name looked up by an index costs
// several rows read in order, and the aliases read once serve every batch
// after it, so that reading them pays within two or three batches.
var wholeNamesPer = 20

// saveBatch is one attempt of SaveArticles: it saves each of saves that is
// not nil in one transaction, a savepoint around each, setting errs[i] to
// the error of saves[i] that was rolled back to its savepoint, and commits.
// An error the dialect calls retryable ends the attempt with it, unless the
// attempt is the last.
func (db *DB) saveBatch(ctx context.Context, saves []*saving, errs []error, last bool) error {
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	defer db.keepStmts(tx)()
	var memo *batchMemo
	if db.d.LockNames == nil {
		// one writer at a time: the names are read once for the batch
		if memo, err = db.lookupNames(ctx, tx, saves); err != nil {
			return err
		}
	}
	for i, s := range saves {
		errs[i] = nil
		if s == nil {
			continue
		}
		s.reset()
		if err := ctx.Err(); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `SAVEPOINT article`); err != nil {
			return err
		}
		err := db.save(ctx, tx, s, memo)
		if memo != nil {
			memo.saved(err == nil)
		}
		if err != nil {
			if !last && db.retryable(err) {
				return err
			}
			if _, rerr := tx.ExecContext(ctx, `ROLLBACK TO SAVEPOINT article`); rerr != nil {
				return fmt.Errorf("roll back article: %w (after %v)", rerr, err)
			}
			errs[i] = err
		}
		if _, err := tx.ExecContext(ctx, `RELEASE SAVEPOINT article`); err != nil {
			return err
		}
	}
	return tx.Commit()
}

// maxAttempts bounds how many times a writing transaction is run when it
// keeps meeting errors the dialect calls retryable.
const maxAttempts = 5

// retryWait is the mean wait before the second attempt; it doubles with
// each attempt after (10, 20, 40, 80 ms), so that the attempts of a batch
// span about 150 ms, several times what a deadlocked batch of articles
// waits for the one it met.
const retryWait = 10 * time.Millisecond

// retry runs attempt until it returns nil or an error the dialect does not
// call retryable, or maxAttempts times, waiting between attempts for a
// random time around a wait that doubles (retryWait), so that two
// transactions that ended each other do not meet again in step. last tells
// attempt that it is the final one. It returns the last attempt's error,
// or ctx's when ctx is done while it waits.
func (db *DB) retry(ctx context.Context, attempt func(last bool) error) error {
	for n := 1; ; n++ {
		err := attempt(n == maxAttempts)
		if n == maxAttempts || !db.retryable(err) {
			return err
		}
		wait := retryWait << (n - 1)
		t := time.NewTimer(wait/2 + rand.N(wait)) // half to one and a half times wait
		select {
		case <-ctx.Done():
			t.Stop()
			return ctx.Err()
		case <-t.C:
		}
	}
}

// undatedSort is the date column of an article with no date: before every
// dated one, so that it is never the newest.
const undatedSort = math.MinInt64

// saving is one article on its way into the store.
type saving struct {
	a         *factions.Article
	p         *plan
	hash      string
	now       time.Time
	date      int64 // what claims sort by: see undatedSort
	published any
	from, til any // the period of an undated article
	dateline  string

	id      int64 // set by save
	created bool
}

// PrepareSave checks the item and plans its rows, touching no table, so
// that SaveArticles need not (factions.SavePreparer). It may be called on
// many goroutines at once.
func (db *DB) PrepareSave(it *factions.SaveItem) {
	s, err := db.prepareSave(it.Article, it.Extraction)
	it.Prepared = &preparedSave{db: db, a: it.Article, x: it.Extraction, s: s, err: err}
}

// preparedSave is what PrepareSave made of an item.
type preparedSave struct {
	db  *DB
	a   *factions.Article
	x   *factions.Extraction
	s   *saving
	err error
}

// prepared returns what PrepareSave made of it when it is this DB's and
// for its article and extraction, else prepares it now.
func (db *DB) prepared(it factions.SaveItem) (*saving, error) {
	if p, ok := it.Prepared.(*preparedSave); ok && p.db == db && p.a == it.Article && p.x == it.Extraction {
		return p.s, p.err
	}
	return db.prepareSave(it.Article, it.Extraction)
}

// now is the time ingestion is dated by.
func (db *DB) now() time.Time { return db.Now().UTC().Truncate(1000) }

// prepareSave checks a and x and plans their rows, touching no table; the
// time it is saved at is the caller's to set.
func (db *DB) prepareSave(a *factions.Article, x *factions.Extraction) (*saving, error) {
	if a == nil || strings.TrimSpace(a.Text) == "" {
		return nil, invalid("article has no text")
	}
	if x == nil {
		x = &factions.Extraction{}
	}
	p, err := newPlan(a.Text, x)
	if err != nil {
		return nil, err
	}
	s := &saving{a: a, p: p, hash: a.Hash, dateline: a.Dateline}
	if s.hash == "" {
		sum := sha256.Sum256([]byte(a.Text))
		s.hash = hex.EncodeToString(sum[:])
	}
	if s.dateline == "" {
		s.dateline = x.Dateline
	}
	s.date = undatedSort
	switch {
	case !a.Published.IsZero():
		s.published = micros(a.Published)
		s.date = micros(a.Published)
	case !a.DateFrom.IsZero():
		s.from, s.til = micros(a.DateFrom), micros(a.DateFrom)
		if a.DateUntil.After(a.DateFrom) {
			s.til = micros(a.DateUntil)
		}
		s.date = micros(a.DateFrom)
	}
	return s, nil
}

// save writes s in tx: the article, unless one of its hash is stored, and
// its entities, resolved against the store, claims and statements; memo,
// when not nil, holds what the store has of the article's names and learns
// the names of the entities it makes.
func (db *DB) save(ctx context.Context, tx *sql.Tx, s *saving, memo *batchMemo) error {
	var stored bool
	var err error
	if memo != nil && memo.rows != nil {
		stored = gatherArticle(s, memo)
	} else {
		stored, err = db.insertArticle(ctx, tx, s)
	}
	if stored || err != nil {
		return err
	}
	if err := db.putText(ctx, tx, s.id, s.a.Text, memo); err != nil {
		return fmt.Errorf("insert article: %w", err)
	}
	if err := db.provisional(ctx, tx, s.p, memo); err != nil {
		return fmt.Errorf("resolve entities: %w", err)
	}
	if err := db.write(ctx, tx, s.p, s.id, s.now, memo); err != nil {
		return err
	}
	s.created = true
	return nil
}

// insertArticle inserts the row of s's article, setting s.id, unless one
// of its hash is stored: s.id is then that one's, and it reports so.
func (db *DB) insertArticle(ctx context.Context, tx *sql.Tx, s *saving) (stored bool, err error) {
	a := s.a
	err = db.queryRow(ctx, tx, `INSERT INTO articles (hash, title, source, url, path, published, date_from, date_until, dateline, ingested, date)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (hash) DO NOTHING RETURNING id`,
		s.hash, a.Title, a.Source, a.URL, a.Path, s.published, s.from, s.til, s.dateline, micros(s.now), s.date).Scan(&s.id)
	if errors.Is(err, sql.ErrNoRows) {
		if err := db.queryRow(ctx, tx, `SELECT id FROM articles WHERE hash = ?`, s.hash).Scan(&s.id); err != nil {
			return false, fmt.Errorf("find article: %w", err)
		}
		return true, nil
	} else if err != nil {
		return false, fmt.Errorf("insert article: %w", err)
	}
	return false, nil
}

// gatherArticle is insertArticle for a batch whose rows are gathered
// (saveWhole), which reports whether the article is stored: its hash was
// stored before the batch (storedArticles) or by an article before it in
// the batch, whose ID it takes; else its row is gathered, numbered after
// the greatest article ID as SQLite would number it. A batch's articles are
// so inserted a few statements a table rather than one each.
func gatherArticle(s *saving, memo *batchMemo) (stored bool) {
	if id, ok := memo.articles[s.hash]; ok {
		s.id = id
		return true
	}
	memo.seq.article++
	s.id = memo.seq.article
	memo.articles[s.hash] = s.id
	a := s.a
	memo.rows[articlesTable] = append(memo.rows[articlesTable], s.id, s.hash, a.Title, a.Source, a.URL, a.Path,
		s.published, s.from, s.til, s.dateline, micros(s.now), s.date)
	return false
}

// wholeMemo returns the memo of a batch saved whole: what the store has of
// its names (batchNames) and of its articles' hashes (storedArticles), the
// IDs its rows are numbered after, and room for its rows.
func (db *DB) wholeMemo(ctx context.Context, tx *sql.Tx, saves []*saving, seq *rowSeq, grown bool) (memo *batchMemo, whole bool, err error) {
	if memo, whole, err = db.batchNames(ctx, tx, saves, *seq, grown); err != nil {
		return nil, false, err
	}
	memo.seq, memo.rows = seq, newRowBuf(saves)
	memo.articles, err = db.storedArticles(ctx, tx, saves)
	return memo, whole, err
}

// storedArticles returns the IDs of the articles stored with the hashes of
// saves, by hash.
func (db *DB) storedArticles(ctx context.Context, tx *sql.Tx, saves []*saving) (map[string]int64, error) {
	var hashes []string
	for _, s := range saves {
		if s != nil {
			hashes = append(hashes, s.hash)
		}
	}
	slices.Sort(hashes)
	hashes = slices.Compact(hashes)
	ids := make(map[string]int64, len(hashes))
	args := make([]any, len(hashes))
	for i, h := range hashes {
		args[i] = h
	}
	for len(args) > 0 {
		n := min(len(args), chunk)
		rows, err := db.query(ctx, tx, `SELECT hash, id FROM articles WHERE hash IN (`+placeholders(n)+`)`, args[:n]...)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var h string
			var id int64
			if err := rows.Scan(&h, &id); err != nil {
				rows.Close()
				return nil, err
			}
			ids[h] = id
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
		args = args[n:]
	}
	return ids, nil
}

// putText stores the text of the article id, or gathers it with the
// batch's rows when memo gathers them.
func (db *DB) putText(ctx context.Context, tx *sql.Tx, id int64, text string, memo *batchMemo) error {
	if memo != nil && memo.rows != nil {
		memo.rows[textsTable] = append(memo.rows[textsTable], id, text)
		return nil
	}
	return db.insertFlat(ctx, tx, tables[textsTable].head, tables[textsTable].ncols, []any{id, text})
}

// reset forgets what an attempt to save s that was rolled back set: the
// article's ID and the stored entities and occurrences of its plan.
func (s *saving) reset() {
	s.id, s.created = 0, false
	for _, e := range s.p.ents {
		e.id, e.existing, e.occ = 0, false, 0
	}
}

// done sets the article's ID, hash and, when it was stored now, its
// ingestion time, once its transaction is committed.
func (s *saving) done() {
	s.a.ID, s.a.Hash = s.id, s.hash
	if s.created {
		s.a.Ingested = s.now
	}
}
