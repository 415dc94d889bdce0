// Package queue spreads ingestion over any number of workers, on any
// machines, through a job queue kept in the PostgreSQL database of the
// knowledge base (River, github.com/riverqueue/river).
//
// An Enqueuer reads files, folders and feeds with the ingest package's
// readers and queues one job per article (ArticleArgs): the job carries the
// article's text and metadata, so a worker needs no access to the files. A
// Worker extracts each article and stores it in one transaction of the
// store, as ingest does; storing an article already stored changes nothing,
// so a job run twice does no harm. A job whose article fails is tried again
// after River's backoff (1 s, 16 s, 81 s, ...: the attempt to the fourth
// power) and is discarded after its MaxAttempts, with its errors kept for
// Status to list; it never loops. Every stored article also queues a
// resolution job (ResolveArgs) for the end of the current time window, one
// per window, that settles the store's entities (factions.ResolveNew: the
// whole store while that is cheap, else the articles stored since) once
// the articles of the window are in: at once when no article is waiting,
// else once a ResolveMaxWait (resolving holds up the workers storing
// meanwhile); a window that a later resolution covered is not resolved
// again.
//
// River's tables live in the same schema as the store's, migrated by
// Migrate, which the command runs under the store's migration lock, on
// the connection that holds it (postgres.Open).
package queue
