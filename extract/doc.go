// Package extract reads entities, claims and statements out of the text of a
// news article about political organizations.
//
// It is a pipeline of small stages over one token type that carries byte
// offsets into the original text: segment (sentences and paragraphs),
// tokenize, recognise mentions, resolve aliases and coreference, and read
// relations, statements and stance. The lexicons it uses are data files under
// lexicon/, embedded in the binary, each with a header saying where its facts
// came from.
package extract
