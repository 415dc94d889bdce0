package popolo

import (
	"regexp"
	"strings"
	"sync"
	"time"

	"github.com/factions/factions"
)

// eventREs are the patterns eventDay reads a sentence with. They are
// compiled on first use (eventPatterns), not when the program starts: most
// commands never date an event.
type eventREs struct {
	// cues find, by the Structure of a claim's predicate, the words that
	// tell of its event in its sentence (a founding, a split, a merger):
	// what its date follows.
	cues map[factions.Structure]*regexp.Regexp
	// dates are the forms a date of an event takes in a sentence, the most
	// precise first, with their layouts.
	dates []datePattern
	// dateComma finds the comma of a date ("March 12, 1998", "March, 1998").
	dateComma *regexp.Regexp
	// clauseEnd finds where the clause of an event's word ends.
	clauseEnd *regexp.Regexp
	// recentCue finds the words that date an event by the article
	// reporting it ("on Saturday", "yesterday"): the event is the
	// article's news.
	recentCue *regexp.Regexp
	// newsCue finds the wording of an event as news, before or at its
	// word: the perfect ("have formed", "has been launched") or a new body
	// ("a new party", "a newly formed faction").
	newsCue *regexp.Regexp
	// relativeYear finds "last year", "this year", "last month".
	relativeYear *regexp.Regexp
}

// datePattern is a form of a date with the layouts it is parsed with and
// the format it is written in.
type datePattern struct {
	re      *regexp.Regexp
	layouts []string
	format  string
}

// eventPatterns returns the patterns of eventDay, compiled once.
var eventPatterns = sync.OnceValue(func() *eventREs {
	return &eventREs{
		cues: map[factions.Structure]*regexp.Regexp{
			factions.Founding: regexp.MustCompile(`(?i)\b(founded|formed|launch(ed|es)?|establish(ed|es)?|set up|creat(ed|es)|floated)\b`),
			factions.Faction:  regexp.MustCompile(`(?i)\b(split|broke away|breaks? away|founded|formed|launch(ed|es)?|creat(ed|es)|floated)\b`),
			factions.Merger:   regexp.MustCompile(`(?i)\b(merg(ed|es|er)|dissolved|joined)\b`),
		},
		dates: []datePattern{
			{regexp.MustCompile(`\b\d{4}-\d{2}-\d{2}\b`), []string{"2006-01-02"}, "2006-01-02"},
			{regexp.MustCompile(`\b\d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December),? \d{4}\b`),
				[]string{"2 January 2006", "2 January, 2006"}, "2006-01-02"},
			{regexp.MustCompile(`\b(January|February|March|April|May|June|July|August|September|October|November|December) \d{1,2},? \d{4}\b`),
				[]string{"January 2, 2006", "January 2 2006"}, "2006-01-02"},
			{regexp.MustCompile(`\b(January|February|March|April|May|June|July|August|September|October|November|December),? \d{4}\b`),
				[]string{"January 2006", "January, 2006"}, "2006-01"},
			{regexp.MustCompile(`\b(1[6-9]\d\d|20\d\d)\b`), []string{"2006"}, "2006"},
		},
		dateComma:    regexp.MustCompile(`(\d{1,2}|January|February|March|April|May|June|July|August|September|October|November|December), (\d{4})`),
		clauseEnd:    regexp.MustCompile(`[,;:]|\s(and|but|while|who|which|when)\s`),
		recentCue:    regexp.MustCompile(`(?i)\b(today|yesterday|tonight|this (morning|afternoon|evening|week)|on (monday|tuesday|wednesday|thursday|friday|saturday|sunday))\b`),
		newsCue:      regexp.MustCompile(`(?i)\b((has|have)( just| now| recently)?( been)? (founded|formed|launched|established|set up|created|split|broken away|merged|floated)|new(ly[ -]formed)? (political )?(party|faction|group|alliance|front|outfit))\b`),
		relativeYear: regexp.MustCompile(`(?i)\b(last|this) (year|month)\b`),
	}
})

// eventDay returns the date of the event c reports (a founding, a split, a
// merger: by its predicate's Structure), "" when the sentence gives none: a date or year after the word
// telling of the event ("founded the party in 1998"), as precise as it is
// written; a year or month relative to the article's date ("merged last
// year"); or, when the sentence tells of it as news ("launched a party on
// Saturday", "have formed", "a new party"), the day of the article, if it
// has one. The date of an article that merely names a founder ("the party's
// founder") is not the founding's.
func eventDay(c *factions.Claim) string {
	re := eventPatterns()
	cue := re.cues[c.Predicate.Info().Structure]
	if cue == nil {
		return ""
	}
	s := re.dateComma.ReplaceAllString(c.Sentence, "$1 $2") // "March 12, 1998": no clause's end
	loc := cue.FindStringIndex(s)
	if loc == nil {
		return ""
	}
	// the rest of its clause
	rest := s[loc[1]:]
	if m := re.clauseEnd.FindStringIndex(rest); m != nil {
		rest = rest[:m[0]]
	}
	best, at := "", len(rest)+1
	for _, p := range re.dates {
		m := p.re.FindStringIndex(rest)
		if m == nil || m[0] >= at {
			continue
		}
		text := strings.TrimSpace(rest[m[0]:m[1]])
		for _, l := range p.layouts {
			if t, err := time.Parse(l, text); err == nil {
				best, at = t.Format(p.format), m[0]
				break
			}
		}
	}
	if best != "" {
		return best
	}
	if c.Undated || c.Date.IsZero() {
		return "" // the article's date is unknown
	}
	d := c.Date.UTC()
	if m := re.relativeYear.FindStringSubmatch(rest); m != nil {
		switch strings.ToLower(m[1] + " " + m[2]) {
		case "last year":
			return d.AddDate(-1, 0, 0).Format("2006")
		case "this year":
			return d.Format("2006")
		case "last month":
			return d.AddDate(0, -1, 0).Format("2006-01")
		case "this month":
			return d.Format("2006-01")
		}
	}
	if re.recentCue.MatchString(rest) || re.newsCue.MatchString(s) {
		return d.Format("2006-01-02")
	}
	return ""
}

// bestEventDay returns the most precise date the claims give their event
// (eventDay), the earliest of equally precise ones; "" when none does.
func bestEventDay(cs []*factions.Claim) string {
	best := ""
	for _, c := range cs {
		d := eventDay(c)
		if d != "" && (best == "" || len(d) > len(best) || len(d) == len(best) && d < best) {
			best = d
		}
	}
	return best
}
