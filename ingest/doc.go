// Package ingest turns files into articles: plain text, HTML pages and RSS or
// Atom feeds, read from a file, a folder or standard input.
//
// # Kinds of input
//
// The kind of an input is decided by its name's extension when that is one
// the package knows, and by its content otherwise (standard input, files with
// other or no extensions):
//
//   - .txt, .text, .md: plain text.
//   - .html, .htm: an HTML page, also any content that starts with
//     "<!doctype html" or "<html" (case does not matter).
//   - .xml, .rss, .atom: an RSS (0.9x, 1.0, 2.0) or Atom feed, also any content
//     that starts with "<" and whose root element is rss, rdf:RDF or feed.
//     A .xml file whose content starts like an HTML page is read as one.
//   - anything else is plain text.
//
// A plain-text article's Text is the file's text, less its front matter, with
// "\r\n" and lone "\r" turned into "\n" and surrounding white space trimmed.
// Nothing else changes: soft hyphens, entities and markup stay, so that byte
// offsets into Text point at what the author wrote. When no title is given by
// front matter or Meta, and the first line is followed by a blank line, is
// shorter than 120 characters, has a letter and does not end with a period,
// that line is taken as the Title; it stays in Text too.
//
// An HTML page's body is found with go-readability; its text is the text of
// the readable part, entities decoded, white space collapsed, one paragraph
// (p, h1–h6, li, blockquote, div, tr and the like) per block, paragraphs
// separated by a blank line, <br> kept as a line break. Soft hyphens are
// dropped and no-break spaces become spaces. The metadata comes from, in
// order of preference:
//
//   - Title: og:title, then the title go-readability finds (JSON-LD,
//     Dublin Core, Twitter and <title>, cleaned of the site's name).
//   - Source: og:site_name, then a JSON-LD publisher's name.
//   - URL: og:url, then <link rel="canonical">.
//   - Published: <meta property="article:published_time">, then a JSON-LD
//     datePublished, then <meta itemprop="datePublished">, then the first
//     <time datetime> (one marked pubdate or itemprop="datePublished" first).
//
// A page in another character set than UTF-8 is read when it says which in a
// <meta charset> or <meta http-equiv="Content-Type"> tag and is not valid
// UTF-8 as it stands.
//
// A feed gives one article per item that has text: Title is the item's title,
// URL its link, Published its published date or else its updated date, Source
// the feed's title, and Text the item's content or, when it has none, its
// description, turned from HTML into text as for a page (without looking for
// a readable part: the whole fragment is kept). Items with neither are left
// out. A feed may use any character set its XML declaration names. A feed
// is read an item at a time (encoding/xml), each item handed on as soon as
// it is read (ReadEach), so that a feed of many items takes no more memory
// than one of few; a feed that turns out bad after some items (cut short,
// not well formed) has handed those on before its error.
//
// # Front matter
//
// A plain-text file may begin with a block of metadata. The block opens with
// a line "---" as the file's very first line and closes with the next line
// that is "---" or "..." or blank; the block and its closing line are removed
// from Text. Between them, each line is "key: value":
//
//	---
//	title: Party splits over leadership
//	source: The Example Times
//	url: https://example.org/news/1
//	date: 2024-03-05
//	---
//	The article's text.
//
// Keys are matched without regard to case. The keys read are title, source,
// url, and date or published. A value may be put in matching single or double
// quotes, which are removed. Other keys, lines that start with a space or tab
// (continuations, YAML lists) and lines that start with "#" are ignored. A
// date is one of 2006-01-02, RFC 3339 (2006-01-02T15:04:05Z07:00, also without
// the zone, then UTC), "2 January 2006", "January 2, 2006", "2 Jan 2006",
// "Jan 2, 2006" or RFC 1123; a date in none of these is an error. A block
// closed by a blank line must hold at least one "key: value" line. When a line
// in the block is none of the above, or the block never closes and holds no
// key, the file has no front matter and its first line stays in Text.
//
// # Meta
//
// The Meta given to Read and its siblings carries values from the command
// line. Each field that is set overrides what the file says, for every
// article the file gives.
//
// # Ingesting into a store
//
// An Ingester runs the whole of it into a factions.Store with any
// factions.Extractor: it walks the names given (Walk), reads and extracts
// the files on every CPU, and stores their articles in the order of the
// files, up to DefaultBatch a transaction (SaveArticles, each article under
// a savepoint of its own), or up to MaxBatch when the writer is behind. A file or article that fails is reported and left
// out, and the others are stored. The package imports no store and no
// extractor of its own: the command line wires them.
//
// # Errors
//
// Bad input gives an error with the code factions.EINVALID whose message
// names the file (stdin for "-") and says what is wrong in one line, such as
// "a.txt: empty file", "b.txt: binary file", "c.txt: invalid UTF-8 at byte 17"
// (the offset counts from 0 in the file as given), "d.html: no readable text
// in HTML", "e.xml: feed has no items". Other failures, such as a read error,
// are wrapped as "name: reason".
package ingest
