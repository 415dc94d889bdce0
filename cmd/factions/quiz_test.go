package main

// The reader's quiz of ../shared/eval/kbquiz.py, its three kinds of
// question asked of the knowledge base of our own samples (the storyline of
// ../../samples/STORY.md), through the commands kbquiz runs: export
// --popolo and show --json [--as-of].

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"
)

// quizTitles are the titles kbquiz drops from the front of a name.
var quizTitles = map[string]bool{"mr": true, "mrs": true, "ms": true, "dr": true, "sir": true, "lord": true, "lady": true,
	"baroness": true, "barrister": true, "the": true, "shri": true, "smt": true, "sardar": true, "maulana": true,
	"hafiz": true, "syed": true, "mian": true, "chaudhry": true, "prof": true}

var (
	quizPossessive = regexp.MustCompile(`'s\b`)
	quizNonWord    = regexp.MustCompile(`[^\pL\pN_]+`)
)

// quizNorm compares names as kbquiz's norm does.
func quizNorm(s string) string {
	s = strings.ReplaceAll(strings.ToLower(norm.NFKC.String(s)), "\u2019", "'")
	s = quizPossessive.ReplaceAllString(s, "")
	toks := strings.Fields(quizNonWord.ReplaceAllString(s, " "))
	for len(toks) > 0 && quizTitles[toks[0]] {
		toks = toks[1:]
	}
	return strings.Join(toks, " ")
}

// quizSubordinate are the words of a role that is not the post itself.
var quizSubordinate = map[string]bool{"vice": true, "deputy": true, "additional": true, "joint": true, "assistant": true,
	"former": true, "ex": true, "senior": true, "junior": true}

// quizSamePost reports whether role names the post want, as kbquiz's
// same_post does: its words, not a deputy's or a former holder's.
func quizSamePost(want, role string) bool {
	w, r := strings.Fields(quizNorm(want)), strings.Fields(quizNorm(role))
	if len(w) == 0 {
		return false
	}
	for _, x := range r {
		if quizSubordinate[x] {
			return false
		}
	}
	for i := 0; i+len(w) <= len(r); i++ {
		if strings.Join(r[i:i+len(w)], " ") == strings.Join(w, " ") {
			return true
		}
	}
	return false
}

// quizRow is what kbquiz reads of a row of a card.
type quizRow struct {
	Subject   string `json:"subject"`
	Role      string `json:"role"`
	Predicate string `json:"predicate"`
}

// quizCard is what kbquiz reads of a card.
type quizCard struct {
	Leaders  []quizRow `json:"leaders"`
	Officers []quizRow `json:"officers"`
	Former   []quizRow `json:"former"`
}

func TestCLIQuiz(t *testing.T) {
	kb := newCLIKB(t, false)
	card := func(t *testing.T, args ...string) quizCard {
		t.Helper()
		var c quizCard
		if err := json.Unmarshal([]byte(kb.run(t, append([]string{"show", "--json"}, args...)...)), &c); err != nil {
			t.Fatal(err)
		}
		return c
	}
	t.Run("one", func(t *testing.T) {
		var doc struct {
			Persons       []struct{ Name string } `json:"persons"`
			Organizations []struct{ Name string } `json:"organizations"`
		}
		if err := json.Unmarshal([]byte(kb.run(t, "export", "--popolo")), &doc); err != nil {
			t.Fatal(err)
		}
		names := map[string][]string{}
		for _, p := range doc.Persons {
			names["person"] = append(names["person"], quizNorm(p.Name))
		}
		for _, o := range doc.Organizations {
			names["organization"] = append(names["organization"], quizNorm(o.Name))
		}
		for _, q := range []struct {
			typ   string
			names []string
		}{
			{"person", []string{"Mohammad Jalal Uddin Talukder", "Muhammad Jalal Uddin Talukder"}},
			{"person", []string{"Abul Kashem Mridha"}},
			{"person", []string{"Rokeya Parveen Hawlader", "Dr Rokeya Parveen Hawlader"}},
			{"person", []string{"Shahidul Karim Patwary"}},
			{"person", []string{"Tanvir Ahmed Sikder"}},
			{"person", []string{"Wan Azhar Wan Ismail", "Wan Azhar"}},
			{"organization", []string{"Jatiya Nabajagaran Dal", "JND"}},
			{"organization", []string{"Sammilito Nagorik Dal", "SND"}},
			{"organization", []string{"Jatiya Nabajagaran Dal (Gonotantrik)", "JND-G", "JND (Gonotantrik)"}},
		} {
			want := map[string]bool{}
			for _, n := range q.names {
				want[quizNorm(n)] = true
			}
			var hits []string
			for _, n := range names[q.typ] {
				if want[n] {
					hits = append(hits, n)
				}
			}
			if len(hits) != 1 {
				t.Errorf("%s (%s): %d entities %q, want exactly one", q.names[0], q.typ, len(hits), hits)
			}
		}
	})
	t.Run("leaders", func(t *testing.T) {
		for _, q := range []struct {
			party string
			heads [][]string // the main head first
		}{
			{"Jatiya Nabajagaran Dal", [][]string{{"Shahidul Karim Patwary"}, {"Mohammad Jalal Uddin Talukder", "Muhammad Jalal Uddin Talukder"}}},
			{"Jatiya Nabajagaran Dal (Gonotantrik)", [][]string{{"Rokeya Parveen Hawlader"}}},
		} {
			c := card(t, q.party)
			real := map[string]bool{}
			for _, h := range q.heads {
				for _, v := range h {
					real[quizNorm(v)] = true
				}
			}
			rows := c.Leaders
			for _, f := range c.Former {
				if f.Predicate == "leads" {
					rows = append(rows, f)
				}
			}
			shown := map[string]bool{}
			for _, r := range rows {
				shown[quizNorm(r.Subject)] = true
			}
			for s := range shown {
				if !real[s] {
					t.Errorf("leaders of %s: %q did not lead it", q.party, s)
				}
			}
			if !shown[quizNorm(q.heads[0][0])] {
				t.Errorf("leaders of %s: main head %s not among %v", q.party, q.heads[0][0], shown)
			}
		}
	})
	t.Run("holder", func(t *testing.T) {
		for _, q := range []struct {
			entity, asOf, role string
			head               bool
			holder             []string
		}{
			{"Jatiya Nabajagaran Dal", "2023-06-01", "secretary general", false, []string{"Abul Kashem Mridha"}},
			{"Jatiya Nabajagaran Dal", "2024-06-01", "secretary general", false, []string{"Shahidul Karim Patwary"}},
			{"Jatiya Nabajagaran Dal", "2025-08-01", "secretary general", false, []string{"Imtiaz Hasan Khasru"}},
			{"Jatiya Nabajagaran Dal", "2024-01-01", "president", true, []string{"Mohammad Jalal Uddin Talukder"}},
			{"Jatiya Nabajagaran Dal", "2025-08-01", "president", true, []string{"Shahidul Karim Patwary"}},
		} {
			c := card(t, "--as-of", q.asOf, q.entity)
			var rows []quizRow
			for _, r := range c.Officers {
				if quizSamePost(q.role, r.Role) {
					rows = append(rows, r)
				}
			}
			if q.head {
				rows = append(rows, c.Leaders...)
			}
			want := map[string]bool{}
			for _, v := range q.holder {
				want[quizNorm(v)] = true
			}
			holders := map[string]bool{}
			for _, r := range rows {
				holders[quizNorm(r.Subject)] = true
			}
			ok := len(holders) > 0
			for h := range holders {
				ok = ok && want[h]
			}
			if !ok {
				t.Errorf("%s of %s on %s: want %s, card shows %v", q.role, q.entity, q.asOf, q.holder[0], holders)
			}
		}
	})
}
