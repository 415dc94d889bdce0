package lexicon

import "strings"

// Outlet is a row of outlets.tsv: a news outlet whose name has no media
// word in it.
type Outlet struct {
	Name    string // as written, without a leading "The", e.g. "Dawn"
	Country string // as places.tsv names it, "-" for an international one
}

var outlets cached[map[string]Outlet]

// Outlets returns outlets.tsv keyed by the lower-cased name. It returns an
// error when a line does not have two fields.
func Outlets() (map[string]Outlet, error) {
	return outlets.get(func() (map[string]Outlet, error) {
		const name = "outlets.tsv"
		rows, err := Lines(name)
		if err != nil {
			return nil, err
		}
		m := make(map[string]Outlet, len(rows))
		for _, r := range rows {
			if err := fieldsErr(name, r, 2, 2); err != nil {
				return nil, err
			}
			m[strings.ToLower(r[0])] = Outlet{Name: r[0], Country: r[1]}
		}
		return m, nil
	})
}
