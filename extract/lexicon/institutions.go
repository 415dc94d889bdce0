package lexicon

import "strings"

// Institution is a row of institutions.tsv: a building's, street's or
// district's name that news copy uses for the institution housed there.
type Institution struct {
	Name    string // as written, e.g. "Downing Street"
	Country string // as places.tsv names it
	Note    string // what it stands for
}

var institutions cached[map[string]Institution]

// Institutions returns institutions.tsv keyed by the lower-cased name. It
// returns an error when a line does not have three fields.
func Institutions() (map[string]Institution, error) {
	return institutions.get(func() (map[string]Institution, error) {
		const name = "institutions.tsv"
		rows, err := Lines(name)
		if err != nil {
			return nil, err
		}
		m := make(map[string]Institution, len(rows))
		for _, r := range rows {
			if err := fieldsErr(name, r, 3, 3); err != nil {
				return nil, err
			}
			m[strings.ToLower(r[0])] = Institution{Name: r[0], Country: r[1], Note: r[2]}
		}
		return m, nil
	})
}
