package storetest

import "github.com/factions/factions"

// Gazetteer is the gazetteer the stores under test resolve names with (set
// it as their Gazetteer): the invented parties and places of the contract
// suite, in two invented countries, Eastmark and Westmark.
type Gazetteer struct{}

var _ factions.Gazetteer = Gazetteer{}

// gazParties are its parties, by normalized name.
var gazParties = map[string]factions.Known{
	"people unity front":     {Name: "People's Unity Front", Countries: []string{"Eastmark"}},
	"puf":                    {Name: "People's Unity Front", Countries: []string{"Eastmark"}},
	"green dawn alliance":    {Name: "Green Dawn Alliance", Countries: []string{"Eastmark"}},
	"gda":                    {Name: "Green Dawn Alliance", Countries: []string{"Eastmark"}},
	"westmark labour league": {Name: "Westmark Labour League", Countries: []string{"Westmark"}},
	"wll":                    {Name: "Westmark Labour League", Countries: []string{"Westmark"}},
}

// gazPlaces are its places, by normalized name.
var gazPlaces = map[string]factions.Known{
	"valdora": {Name: "Valdora", Countries: []string{"Eastmark"}, Kind: "city"},
	"korvin":  {Name: "Korvin", Countries: []string{"Westmark"}, Kind: "city"},
}

// Parties returns the party name is, if any.
func (Gazetteer) Parties(name string) []factions.Known {
	if k, ok := gazParties[factions.NormalizeName(name)]; ok {
		return []factions.Known{k}
	}
	return nil
}

// Places returns the place name is, if any.
func (Gazetteer) Places(name string) []factions.Known {
	if k, ok := gazPlaces[factions.NormalizeName(name)]; ok {
		return []factions.Known{k}
	}
	return nil
}
