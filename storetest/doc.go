// Package storetest is the contract every factions.Store implementation
// must meet: Run runs the same subtests against any store, so that the
// sqlite and postgres packages (and any later backend) behave alike. It also
// holds the benchmarks both backends run (BenchmarkSaveArticle,
// BenchmarkCardAsOf) and the generator of synthetic articles they use.
//
// The fixtures are built by hand as factions.Extraction values about
// fictional people and parties; spans are computed from the article text, so
// the fixtures read like what the extractor produces.
package storetest
