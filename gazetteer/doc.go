// Package gazetteer implements factions.Gazetteer over the extractor's word
// lists (extract/lexicon): the parties of parties.tsv with their variants
// and countries, the places of places.tsv with their kinds and countries,
// and, in its own places.tsv, the forms of one place that list gives apart
// (KP, K-P and Khyber Pakhtunkhwa). The command line wires it into the
// store, so that the store itself imports no word list.
package gazetteer
