package popolo

import (
	"strings"
	"testing"
	"time"

	"github.com/factions/factions"
)

func TestEventDay(t *testing.T) {
	day := time.Date(2024, 3, 9, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		sentence string
		undated  bool
		want     string
	}{
		{"Rafiq Zardan founded the People's Unity Front in 1998 and led it for years.", false, "1998"},
		{"The front, formed on 12 March 1998, won two seats.", false, "1998-03-12"},
		{"The party was established in March 1998 by lawyers.", false, "1998-03"},
		{"The front was formed on March 12, 1998.", false, "1998-03-12"},
		{"Rafiq Zardan on Saturday launched a new party, the Valdora Front.", false, "2024-03-09"},
		{"The reformers have formed PUF (Reform), a faction of the front.", false, "2024-03-09"},
		{"The league merged into the front last year.", false, "2023"},
		{"The league merged into the front last month.", false, "2024-02"},
		{"The faction that split from the front last year formally merged into the league (VL) on Monday.", false, "2024-03-09"},
		// a founder named: no date of the founding
		{"In 2023, the front's founder Rafiq Zardan was jailed.", false, ""},
		{"Front founder Rafiq Zardan spoke to reporters.", false, ""},
		{"The front's founder, ousted in 2022, spoke.", false, ""},
		{"Former leader Rafiq Zardan, who founded the front, spoke in 2019.", false, ""},
		// news, but of an article of no date
		{"Rafiq Zardan on Saturday launched a new party.", true, ""},
		{"Rafiq Zardan founded the front in 1998.", true, "1998"},
	} {
		pred := factions.Founded
		switch {
		case strings.Contains(tc.sentence, "merged"):
			pred = factions.MergedInto
		case strings.Contains(tc.sentence, "faction"):
			pred = factions.FactionOf
		}
		c := &factions.Claim{Sentence: tc.sentence, Predicate: pred, Date: day, Undated: tc.undated}
		if tc.undated {
			c.Date = time.Time{}
		}
		if got := eventDay(c); got != tc.want {
			t.Errorf("eventDay(%q) = %q, want %q", tc.sentence, got, tc.want)
		}
	}
}
