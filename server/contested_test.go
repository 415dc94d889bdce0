package server_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/factions/factions"
	"github.com/factions/factions/storetest"
)

// sideRE finds the two sides of a contested fact on a page: their class,
// their list of claims and what follows it up to the side's end.
var sideRE = regexp.MustCompile(`(?s)<section class="side (for|against)">.*?</section>`)

// sides returns, of each side of the contested facts of page in order,
// how many claims it lists and the target of its "and N more" link ("":
// none).
func sides(page string) (counts []int, more []string) {
	moreRE := regexp.MustCompile(`<p class="more-claims"><a href="([^"]*)">and (\d+) more</a>`)
	for _, s := range sideRE.FindAllString(page, -1) {
		counts = append(counts, strings.Count(s, `<li class="claim`))
		m := ""
		if sm := moreRE.FindStringSubmatch(s); sm != nil {
			m = sm[1] + " +" + sm[2]
		}
		more = append(more, m)
	}
	return counts, more
}

// TestContestedPages: a fact many articles assert and one denies shows
// five claims a side on its entity's page and ten on the page of every
// contested fact, each with a link to the page of its subject's contested
// facts, which shows every claim.
func TestContestedPages(t *testing.T) {
	leads := factions.Claim{Subject: tlPerson, Predicate: factions.Leads, Object: tlParty}
	denied := leads
	denied.Stance, denied.AttributedTo = factions.Denied, "Rivals"
	doc := func(i int, c factions.Claim, s string) *storetest.Doc {
		return storetest.NewDoc(t, fmt.Sprintf("Report %d", i), fmt.Sprintf("Paper %d", i), fmt.Sprintf("2024-03-%02d", i+1), s).
			Entity(tlPerson, factions.Person).Entity(tlParty, factions.Organization).Claim(c, s)
	}
	var docs []*storetest.Doc
	for i := range 12 {
		docs = append(docs, doc(i, leads, fmt.Sprintf("%s leads the %s, dispatch %d said.", tlPerson, tlParty, i)))
	}
	docs = append(docs, doc(12, denied, "Rivals denied that "+tlPerson+" leads the "+tlParty+"."))
	f := tlServe(t, docs)
	person, party := f.find(t, tlPerson), f.find(t, tlParty)
	all := fmt.Sprintf("/claims?entity=%d", person)
	for _, tc := range []struct {
		path   string
		status int
		counts []int    // claims listed a side (for, against)
		more   []string // the sides' links to the rest
		says   string
	}{
		{path: fmt.Sprintf("/entities/%d", person), status: 200, counts: []int{5, 1}, more: []string{all + " +7", ""}},
		{path: "/claims", status: 200, counts: []int{10, 1}, more: []string{all + " +2", ""}},
		{path: all, status: 200, counts: []int{12, 1}, more: []string{"", ""}, says: "These are the facts of " + tlPerson},
		{path: fmt.Sprintf("/claims?entity=%d", party), status: 200, counts: []int{12, 1}, more: []string{"", ""}, says: "These are the facts of " + tlParty},
		{path: "/claims?entity=99999", status: 404},
		{path: "/claims?entity=x", status: 400},
	} {
		t.Run(tc.path, func(t *testing.T) {
			resp, b := f.do(t, "GET", tc.path, "", nil)
			if resp.StatusCode != tc.status {
				t.Fatalf("status %d, want %d", resp.StatusCode, tc.status)
			}
			if tc.status != 200 {
				return
			}
			counts, more := sides(string(b))
			if fmt.Sprint(counts) != fmt.Sprint(tc.counts) || fmt.Sprint(more) != fmt.Sprint(tc.more) {
				t.Errorf("sides list %v claims, links %q; want %v, %q", counts, more, tc.counts, tc.more)
			}
			if !strings.Contains(string(b), tc.says) {
				t.Errorf("page does not say %q", tc.says)
			}
		})
	}
}
