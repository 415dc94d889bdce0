package factions

import (
	_ "embed"
	"strings"
	"sync"
)

// offices.tsv lists the posts one person holds at a time (see its
// header); roles.txt the nouns that name a post.
var (
	//go:embed offices.tsv
	officesTSV string
	//go:embed roles.txt
	rolesTXT string
)

// roleWords returns the nouns of roles.txt, read on first use.
var roleWords = sync.OnceValue(func() map[string]bool {
	m := map[string]bool{}
	for _, line := range strings.Split(rolesTXT, "\n") {
		if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "#") {
			m[NormalizeName(line)] = true
		}
	}
	return m
})

// IsPost reports whether role names a post: its last word is a noun of a
// post (roles.txt: "secretary", "minister", "spokesman"), or it is a post
// of one holder (SolePost). "decries" and "without" name none.
func IsPost(role string) bool {
	if _, ok := SolePost(role); ok {
		return true
	}
	ws := strings.Fields(NormalizeName(role))
	for len(ws) > 0 && tenureWords[ws[len(ws)-1]] {
		ws = ws[:len(ws)-1]
	}
	return len(ws) > 0 && (roleWords()[ws[len(ws)-1]] || roleWords()[strings.Join(ws[max(0, len(ws)-2):], " ")])
}

// soleForms returns the map of each form of offices.tsv to its post, read
// on first use.
var soleForms = sync.OnceValue(func() map[string]string {
	m := map[string]string{}
	for _, line := range strings.Split(officesTSV, "\n") {
		line = strings.TrimRight(line, "\r")
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		form, post, ok := strings.Cut(line, "\t")
		if ok && form != "" && post != "" { // TestOffices checks every line
			m[NormalizeName(form)] = post
		}
	}
	return m
})

// tenureWords are the words before a role that tell how or since when it
// is held, not which post it is.
var tenureWords = map[string]bool{
	"former": true, "ex": true, "acting": true, "interim": true, "caretaker": true, "incumbent": true,
	"current": true, "outgoing": true, "newly": true, "elected": true, "appointed": true, "then": true,
	"sitting": true, "serving": true, "designate": true, "elect": true,
}

// ordinalWords, before a post, name one holder of a line of them ("the
// first prime minister", "its last governor"): a holder of the past.
var ordinalWords = map[string]bool{
	"first": true, "second": true, "third": true, "fourth": true, "fifth": true, "sixth": true, "seventh": true,
	"eighth": true, "ninth": true, "tenth": true, "last": true, "founding": true,
}

// Historic reports whether role names its holder by his place in the line
// of holders ("first prime minister"): a post held in the past. A post
// whose name has such a word is none ("first minister").
func Historic(role string) bool {
	ws := postWords(role)
	if _, ok := soleForms()[strings.Join(ws, " ")]; ok {
		return false
	}
	return len(ws) > 1 && ordinalWords[ws[0]]
}

// postWords returns the words of role without those telling how or since
// when it is held (tenureWords).
func postWords(role string) []string {
	ws := strings.Fields(NormalizeName(role))
	for len(ws) > 0 && tenureWords[ws[0]] {
		ws = ws[1:]
	}
	for len(ws) > 0 && tenureWords[ws[len(ws)-1]] {
		ws = ws[:len(ws)-1]
	}
	return ws
}

// SolePost returns the post role names when one person holds it at a time
// in the organization or place it is of (offices.tsv: "chief minister",
// "secretary general" for "general secretary", "prime minister" for "first
// prime minister"), and ok false for a post of several holders or no post
// known.
func SolePost(role string) (post string, ok bool) {
	ws := postWords(role)
	if post, ok = soleForms()[strings.Join(ws, " ")]; ok {
		return post, true
	}
	for len(ws) > 1 && ordinalWords[ws[0]] {
		ws = ws[1:] // "first prime minister": a prime minister
	}
	post, ok = soleForms()[strings.Join(ws, " ")]
	return post, ok
}
