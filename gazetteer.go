package factions

// Gazetteer is general knowledge of names that name resolution reads: the
// parties of many countries and the places of the world, each with the
// forms papers write it in (acronyms, nicknames, transliterations, short
// forms) and the countries it belongs to. It tells "Tories" and
// "Conservative Party" to be one party, "KP" and "Khyber Pakhtunkhwa" one
// province, and the Punjab of India from the Punjab of Pakistan.
// Implementations: package gazetteer (over the extractor's word lists).
type Gazetteer interface {
	// Parties returns the parties name may stand for, best first; none
	// when it names no party known.
	Parties(name string) []Known
	// Places returns the places name may stand for, best first; none
	// when it names no place known.
	Places(name string) []Known
}

// Known is one reading of a name in a Gazetteer.
type Known struct {
	// Name is the canonical name of what the name stands for, the same
	// for all its forms ("Khyber Pakhtunkhwa" for "KP").
	Name string
	// Countries are the countries it belongs to, its home first; none for
	// a place that spans several (a continent, a region across borders).
	Countries []string
	// Kind is the kind of place (country, province, state, region, city,
	// continent) or of party (party, alliance, movement, wing).
	Kind string
	// Ambiguous tells that the form is also a common word, an office or
	// another kind of body ("Congress", "Labour"): it names this only in
	// the context of one of its countries.
	Ambiguous bool
}

// Country returns the home country of k, or "" when it has none.
func (k Known) Country() string {
	if len(k.Countries) == 0 {
		return ""
	}
	return k.Countries[0]
}

// Key returns the identity of what k names: its canonical name and home
// country. Two readings with one key name one thing.
func (k Known) Key() string {
	return NormalizeName(k.Name) + "|" + NormalizeName(k.Country())
}
