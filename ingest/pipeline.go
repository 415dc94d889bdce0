package ingest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"runtime"
	"sync"
	"time"

	"github.com/factions/factions"
)

// DefaultBatch is how many articles an Ingester stores in one transaction
// at most (each with a savepoint of its own; see factions.Store.SaveArticles).
const DefaultBatch = 100

// Ingester reads files, extracts their articles and stores them: files are
// read and extracted on every CPU and stored in their order, in batches of
// up to Batch articles a transaction while extraction keeps ahead, fewer
// when the store would otherwise wait.
type Ingester struct {
	// NewExtractor returns the extractor of one worker; each worker makes
	// its own.
	NewExtractor func() factions.Extractor
	// Store keeps the articles.
	Store factions.Store
	// Open, when Store is nil, opens the store: Ingest calls it once, on
	// a goroutine of its own, while the files are listed and the first of
	// them read and extracted (making a new SQLite file, its schema and
	// its syncs, takes tens of milliseconds), and sets Store to what it
	// returns before it stores any article. Its error is Ingest's, with
	// nothing stored and Store left nil.
	Open func(ctx context.Context) (factions.Store, error)
	// Meta is given on the command line: it overrides what the manifest
	// says of a file, which overrides what the file says of itself.
	Meta Meta
	// Manifest, when not nil, gives the metadata of the files it names.
	Manifest *Manifest
	// Stdin is read for the name "-" (nil: os.Stdin).
	Stdin io.Reader
	// Batch is the most articles stored in one transaction (zero:
	// DefaultBatch); Workers the number of articles extracted at once
	// (zero: GOMAXPROCS): as many files are read and extracted at once,
	// and the articles of a file of several (a feed) are extracted by
	// Workers-1 more goroutines while it is read.
	Batch, Workers int
	// MaxBatch, when above Batch, is the most articles a batch holds
	// when they were extracted before the writer came for them: it then
	// writes slower than they are extracted, most often into a large
	// store, where each transaction writes again the leaves it changed
	// of the indexes whose keys are not in the order of insertion (see
	// earlyWait), and fewer, larger batches write them fewer times. (The
	// corpus into a store of ten copies of it, batches of up to 200
	// rather than 100: 0.9 times the time.) Extraction runs ahead by
	// MaxBatch files, or twice Batch if more. It does not apply when
	// each batch is placed as it is stored (factions.ResolveScoped).
	MaxBatch int
	// OnError, when set, is told of each file or article that fails and
	// is left out, in the order of the files.
	OnError func(error)
	// Resolve says how the store's entities are resolved after the
	// articles are stored (factions.ResolveNew; "": factions.ResolveAuto).
	Resolve factions.ResolveMode
	// Progress, when set, is told how many of the total files are done:
	// once with none done when they are listed, then after each batch is
	// stored.
	Progress func(done, total int)

	opened chan struct{} // closed once Open has returned, when Ingest calls it
}

// Stats counts what an ingest did: articles stored new, articles stored
// before (the same text), and files or articles that failed; and what
// resolving the store's entities changed, when it was resolved.
type Stats struct {
	New, Unchanged, Failed int
	Resolved               *factions.ResolveStats
}

// input is a part of one file (or stdin) read and extracted: up to a batch
// of its articles, or the error of reading it or of extracting one of its
// articles.
type input struct {
	items []factions.SaveItem
	err   error // reading the file or extracting an article failed: it is not stored
}

// Ingest stores every article of the files, folders (Walk), feeds or "-"
// named (WalkReport), in batches of at most Batch articles a transaction (each article
// whole or absent: a batch the store fails leaves out its articles only),
// then, when any is new and the store is a factions.Resolver, resolves the
// store's entities as Resolve says (factions.ResolveNew: by default all
// articles at once while that is cheap, else the new articles against the
// entities stored). A feed's articles are read,
// extracted and stored a batch at a time, so that memory does not grow with
// their number. A name that cannot be walked, a folder or file below it
// that cannot be read, a file the manifest names that does not exist, a
// file that cannot be read or extracted and an article the store refuses
// are told to OnError and counted as failed, and the others go on. The
// error returned is for what stops the ingest: a batch the store fails as a
// whole, resolution failing, or ctx done; the Stats then count what was
// stored before (and resolved: the articles stored before ctx was done are
// resolved all the same).
func (in *Ingester) Ingest(ctx context.Context, names []string) (Stats, error) {
	var st Stats
	open := in.openStore(ctx)
	report := func(err error) {
		st.Failed++
		if in.OnError != nil {
			in.OnError(err)
		}
	}
	var files []string
	for _, n := range names {
		if err := WalkReport(n, func(p string) error { files = append(files, p); return nil }, report); err != nil {
			report(err)
		}
	}
	for _, err := range in.Manifest.Missing() {
		report(err)
	}
	done := 0
	progress := func(n int) {
		done += n
		if in.Progress != nil {
			in.Progress(done, len(files))
		}
	}
	progress(0)

	err := in.store(ctx, files, &st, report, progress, open)
	if r, ok := in.Store.(factions.Resolver); ok && st.New > 0 && (err == nil || ctx.Err() != nil) {
		// Articles stored before an interruption are resolved too: they
		// are in the store, and their entities are to be settled.
		rs, rerr := factions.ResolveNew(context.WithoutCancel(ctx), r, in.resolveMode())
		if rerr != nil {
			return st, errors.Join(err, rerr)
		}
		if rs != nil {
			st.Resolved = rs // else the batches placed them all (ResolveScoped)
		}
	}
	return st, err
}

// resolveMode returns how the store is resolved after an ingest.
func (in *Ingester) resolveMode() factions.ResolveMode {
	if in.Resolve == "" {
		return factions.ResolveAuto
	}
	return in.Resolve
}

// openStore starts opening the store with Open when Store is nil, and
// returns what waits until it is open, with Open's error.
func (in *Ingester) openStore(ctx context.Context) (wait func() error) {
	if in.Store != nil || in.Open == nil {
		return func() error {
			if in.Store == nil {
				return errors.New("ingest: no store to keep the articles in")
			}
			return nil
		}
	}
	in.opened = make(chan struct{})
	var err error
	go func() {
		defer close(in.opened)
		var s factions.Store
		if s, err = in.Open(ctx); err == nil {
			in.Store = s
		}
	}()
	return func() error {
		<-in.opened
		return err
	}
}

// preparer returns the store as a factions.SavePreparer, or nil when it
// is none or not open yet (the writer then prepares the items itself).
func (in *Ingester) preparer() factions.SavePreparer {
	if in.opened != nil {
		select {
		case <-in.opened:
		default:
			return nil
		}
	}
	p, _ := in.Store.(factions.SavePreparer)
	return p
}

// store extracts and stores the articles of files in order, in batches,
// once open has the store open.
func (in *Ingester) store(ctx context.Context, files []string, st *Stats, report func(error), progress func(int), open func() error) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	order := in.extractAll(ctx, files)
	if err := open(); err != nil {
		return err
	}
	b := &batcher{save: in.Store.SaveArticles, report: report, stats: st, progress: progress}
	if ar, ok := in.Store.(factions.ArticleResolver); ok && in.resolveMode() == factions.ResolveScoped {
		// each batch placed as it is stored: what resolution holds is
		// one batch and its samples, however many articles stream in
		b.resolve = ar.ResolveArticles
	}
	// Each batch placed as it is stored is placed against what the batches
	// before it placed, so the batches' bounds are part of the result:
	// they are then set by count alone (a batch full, or the last), not
	// by how fast the articles are extracted, and the same files give the
	// same store however loaded the machine is.
	wait, most := earlyWait, in.MaxBatch
	if b.resolve != nil {
		wait, most = forever, 0
	}
	for next := range order {
		for {
			x, ok, ready := receive(next, 0)
			waiting := ready && ok // extracted before the writer came for it
			if !ready {
				x, ok, ready = receive(next, wait)
			}
			if !ready { // not extracted yet: store what is ready meanwhile
				if err := b.flush(ctx); err != nil {
					return err
				}
				x, ok = <-next
			}
			if !ok {
				break
			}
			if err := ctx.Err(); err != nil {
				return err
			}
			if x.err != nil {
				report(x.err)
			}
			for _, it := range x.items {
				// a full batch is stored once another article comes (or
				// none does in time), so that the last batch, full or
				// not, is stored as the last (LastSaver); while the
				// writer is behind, it takes what is waiting, up to
				// MaxBatch
				if len(b.items) >= in.batch() && !(waiting && len(b.items) < most) {
					if err := b.flush(ctx); err != nil {
						return err
					}
				}
				b.items = append(b.items, it)
			}
		}
		b.files++
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	// the last batch: a full resolution comes next, which the store
	// may start on while it writes the batch
	if ls, ok := in.Store.(factions.LastSaver); ok && b.resolve == nil && in.resolveMode() != factions.ResolveScoped {
		b.save = ls.SaveLastArticles
	}
	return b.flush(ctx)
}

// earlyWait is how long the writer waits for an article not extracted
// yet before it stores the batch it has, not full: each transaction
// writes every page it changed of every index (most leaves of the random
// ones, aliases_norm or occurrences_entity) to the log again, so that the
// corpus stored in 30 transactions rather than 10 costs the one writer
// (what ingest waits for) a fifth to a third more time; a pause in the
// input longer than this still has what came before it stored, except
// when each batch is placed as it is stored (store waits then for a full
// batch or the end, so that the batches do not depend on the timing).
const earlyWait = 50 * time.Millisecond

// forever is the wait of receive that waits for the next input however
// long it takes.
const forever time.Duration = -1

// receive returns the next input of next when it comes within wait (at
// once when wait is 0, whenever it comes when wait is forever), or ready
// false.
func receive(next <-chan input, wait time.Duration) (x input, ok, ready bool) {
	select {
	case x, ok = <-next:
		return x, ok, true
	default:
	}
	if wait == forever {
		x, ok = <-next
		return x, ok, true
	}
	if wait <= 0 {
		return x, false, false
	}
	t := time.NewTimer(wait)
	defer t.Stop()
	select {
	case x, ok = <-next:
		return x, ok, true
	case <-t.C:
		return x, false, false
	}
}

func (in *Ingester) batch() int {
	if in.Batch > 0 {
		return in.Batch
	}
	return DefaultBatch
}

// batcher stores the articles of the files read so far in one transaction.
type batcher struct {
	save     func(context.Context, []factions.SaveItem) ([]factions.SaveResult, error) // the store's SaveArticles
	items    []factions.SaveItem
	files    int // the files items come from
	report   func(error)
	stats    *Stats
	progress func(files int)
	// resolve, when set, places the new articles of each batch stored
	// (ArticleResolver.ResolveArticles)
	resolve func(ctx context.Context, ids []int64) (*factions.ResolveStats, error)
}

// flush stores the batch, counting each article, and reports the files
// done.
func (b *batcher) flush(ctx context.Context) error {
	if len(b.items) > 0 {
		res, err := b.save(ctx, b.items)
		if err != nil {
			return err
		}
		var created []int64
		for i, r := range res {
			switch {
			case r.Err != nil:
				b.report(fmt.Errorf("%s: %w", b.items[i].Article.Path, r.Err))
			case r.Created:
				b.stats.New++
				created = append(created, r.ID)
			default:
				b.stats.Unchanged++
			}
		}
		if err := b.resolveBatch(ctx, created); err != nil {
			return err
		}
	}
	b.progress(b.files)
	b.items, b.files = b.items[:0], 0
	return nil
}

// resolveBatch places the articles a batch created, when the batcher
// resolves each batch, adding what it changed to the stats. Articles it
// leaves unplaced (ctx done) are placed by the next resolution.
func (b *batcher) resolveBatch(ctx context.Context, created []int64) error {
	if b.resolve == nil || len(created) == 0 {
		return nil
	}
	rs, err := b.resolve(context.WithoutCancel(ctx), created)
	if err != nil {
		return err
	}
	if b.stats.Resolved == nil {
		b.stats.Resolved = &factions.ResolveStats{}
	}
	b.stats.Resolved.Moved += rs.Moved
	b.stats.Resolved.Created += rs.Created
	b.stats.Resolved.Renamed += rs.Renamed
	b.stats.Resolved.Gone += rs.Gone
	b.stats.Resolved.Entities = rs.Entities
	return nil
}

// extractAll reads and extracts files on Workers goroutines. It returns, in
// the order of files, one channel each that delivers the file's articles,
// a batch at most at a time, once they are extracted, and is closed after
// the last; it stops early when ctx is done. A file of many articles (a
// feed) has them extracted on the other CPUs too, those a file each leaves
// idle (see items).
func (in *Ingester) extractAll(ctx context.Context, files []string) <-chan chan input {
	cpus := runtime.GOMAXPROCS(0)
	if in.Workers > 0 {
		cpus = in.Workers
	}
	workers := max(1, min(cpus, len(files)))
	type job struct {
		name string
		out  chan input
	}
	jobs := make(chan job)
	order := make(chan chan input, max(2*in.batch(), in.MaxBatch)) // how far extraction may run ahead
	pool := in.items(ctx, cpus-1)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Go(func() {
			x := in.NewExtractor()
			for j := range jobs {
				in.read(ctx, x, pool, j.name, j.out)
				close(j.out)
			}
		})
	}
	go func() {
		defer close(order)
		defer func() {
			close(jobs)
			wg.Wait()
			close(pool) // no reader sends to it any more
		}()
		for _, f := range files {
			out := make(chan input, 1)
			select {
			case order <- out:
			case <-ctx.Done():
				return
			}
			select {
			case jobs <- job{f, out}:
			case <-ctx.Done():
				out <- input{err: ctx.Err()}
				close(out)
				return
			}
		}
	}()
	return order
}

// item is an article of a file of several handed to another goroutine to
// extract, with where its result goes.
type item struct {
	a    *factions.Article
	done chan extracted
}

// extracted is an article extracted, or the error it gave.
type extracted struct {
	it  factions.SaveItem
	err error
}

// items starts n goroutines, each with an extractor made when it is first
// needed, that extract the articles sent to the channel returned, until it
// is closed. The channel holds n articles waiting: a reader hands an
// article over when there is room and extracts it itself otherwise, so
// that it reads on while the others extract.
func (in *Ingester) items(ctx context.Context, n int) chan item {
	pool := make(chan item, n)
	for range n {
		go func() {
			var x factions.Extractor
			for it := range pool {
				if x == nil {
					x = in.NewExtractor()
				}
				it.done <- in.extractOne(ctx, x, it.a)
			}
		}()
	}
	return pool
}

// extractOne extracts a and prepares it to be saved.
func (in *Ingester) extractOne(ctx context.Context, x factions.Extractor, a *factions.Article) extracted {
	ex, err := x.Extract(ctx, a.Text)
	if err != nil {
		return extracted{err: fmt.Errorf("%s: %w", a.Path, err)}
	}
	it := factions.SaveItem{Article: a, Extraction: ex}
	if p := in.preparer(); p != nil {
		p.PrepareSave(&it) // here, on every CPU, rather than in the one writer
	}
	return extracted{it: it}
}

// read reads one file (or Stdin for "-") and sends its articles to out,
// extracted, in order, a batch at most at a time; an article that cannot
// be extracted is sent as an error, and the others go on. The second
// article of a file and those after it go to pool when it has room.
func (in *Ingester) read(ctx context.Context, x factions.Extractor, pool chan<- item, name string, out chan<- input) {
	send := func(r input) bool {
		select {
		case out <- r:
			return true
		case <-ctx.Done():
			return false
		}
	}
	// The articles are extracted as the file is read, a feed's an item
	// at a time, and sent a batch at a time: a feed's items are not all
	// held at once. pending holds, in the file's order, the results not
	// taken yet: of the pool's goroutines, or of x, filled at once.
	var r input
	var pending []chan extracted
	// the reader waits for the head once this many are pending: a long
	// article at the head (on the pool) while the reader extracts the
	// short ones after it would otherwise let them pile up
	maxPending := 2 * in.batch()
	// take moves the results at the head of pending that are done (all,
	// when wait) into r, sending each full batch.
	take := func(wait bool) error {
		for len(pending) > 0 {
			var e extracted
			if wait || len(pending) > maxPending {
				e = <-pending[0]
			} else {
				select {
				case e = <-pending[0]:
				default:
					return nil
				}
			}
			pending[0] = nil
			pending = pending[1:]
			if e.err != nil {
				if !send(input{err: e.err}) {
					return ctx.Err()
				}
				continue
			}
			r.items = append(r.items, e.it)
			if len(r.items) >= in.batch() {
				if !send(r) {
					return ctx.Err()
				}
				r = input{}
			}
		}
		return nil
	}
	n := 0 // the articles of the file so far
	each := func(a *factions.Article) error {
		n++
		done := make(chan extracted, 1)
		pending = append(pending, done)
		handed := false
		if n > 1 {
			select {
			case pool <- item{a, done}:
				handed = true
			default:
			}
		}
		if !handed {
			done <- in.extractOne(ctx, x, a)
		}
		return take(false)
	}
	var err error
	switch {
	case name == "-" && in.Stdin != nil:
		err = ReadReaderEach("-", in.Stdin, in.Meta, each)
	case name == "-":
		err = ReadFileEach("-", in.Meta, each)
	default:
		meta := in.Meta
		if m, ok := in.Manifest.Meta(name); ok {
			meta = meta.Over(m)
		}
		err = ReadFileEach(name, meta, each)
	}
	// the results still pending; take fails only when ctx is done
	if take(true) != nil || ctx.Err() != nil {
		return
	}
	// What was read before a fault (a feed cut short) is stored, and
	// the fault reported after it.
	if len(r.items) > 0 && !send(r) {
		return
	}
	if err != nil {
		send(input{err: err})
	}
}
