package extract_test

import (
	"reflect"
	"strings"
	"testing"

	"github.com/factions/factions"
	"github.com/factions/factions/extract"
)

func TestTokenize(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []string // Text@Start
	}{
		{"words and punctuation", "Mr Lodhi said.", []string{"Mr@0", "Lodhi@3", "said@9", ".@13"}},
		{"possessive", "the party’s seats", []string{"the@0", "party@4", "’s@9", "seats@14"}},
		{"ascii possessive", "NUPF's committee", []string{"NUPF@0", "'s@4", "committee@7"}},
		{"hyphenated name", "Lodhi-Khan quits", []string{"Lodhi-Khan@0", "quits@11"}},
		{"prefix ex", "ex-NRF leader", []string{"ex@0", "-@2", "NRF@3", "leader@7"}},
		{"suffix led", "the Khan-led party", []string{"the@0", "Khan@4", "-@8", "led@9", "party@13"}},
		{"transliterated", "Tehreek-e-Insaf", []string{"Tehreek-e-Insaf@0"}},
		{"initials", "the U.S. envoy", []string{"the@0", "U.S.@4", "envoy@9"}},
		{"quotes", "“Yes,” he said", []string{"“@0", "Yes@3", ",@6", "”@7", "he@11", "said@14"}},
		{"soft hyphen", "Balo\u00adchistan", []string{"Balo\u00adchistan@0"}},
		{"parenthesis", "NRF (Reformist)", []string{"NRF@0", "(@4", "Reformist@5", ")@14"}},
		{"number", "a 22-member body", []string{"a@0", "22-member@2", "body@12"}},
		{"contraction", "don't go", []string{"don't@0", "go@6"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, tok := range extract.Tokenize(tt.text, factions.Span{Start: 0, End: len(tt.text)}) {
				got = append(got, tok.Text(tt.text)+"@"+itoa(tok.Start()))
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

func TestTokenNorm(t *testing.T) {
	text := "Balo\u00adchistan Party’s"
	toks := extract.Tokenize(text, factions.Span{Start: 0, End: len(text)})
	if toks[0].Norm != "balochistan" {
		t.Errorf("got %q, want balochistan", toks[0].Norm)
	}
	if toks[2].Norm != "'s" {
		t.Errorf("got %q, want 's", toks[2].Norm)
	}
}

func TestSentences(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []string
	}{
		{"two sentences", "He quit. She stayed.", []string{"He quit.", "She stayed."}},
		{"title abbreviation", "Dr. Khan spoke. Mr. Ali left.", []string{"Dr. Khan spoke.", "Mr. Ali left."}},
		{"initial", "A. Rahman said so. Then he left.", []string{"A. Rahman said so.", "Then he left."}},
		{"closing quote", "“We will win.” He left.", []string{"“We will win.”", "He left."}},
		{"comma inside quote", "“We will win,” he said.", []string{"“We will win,” he said."}},
		{"paragraphs", "Headline here\n\nLAHORE - It began. It ended", []string{"Headline here", "LAHORE - It began.", "It ended"}},
		{"lower case after dot", "the No. 2 man. Next", []string{"the No. 2 man.", "Next"}},
		{"question", "Why? Because.", []string{"Why?", "Because."}},
		{"hard-wrapped line", "The party met on Monday as two\nmembers quit. Then it ended.", []string{"The party met on Monday as two\nmembers quit.", "Then it ended."}},
		{"headline line", "Party splits\nThe party met on Monday.", []string{"Party splits", "The party met on Monday."}},
		{"header lines", "---\ntitle: Party splits\ndate: 2024-01-02\n---\nIt met.", []string{"---", "title: Party splits", "date: 2024-01-02", "---", "It met."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, s := range extract.Sentences(tt.text) {
				got = append(got, tt.text[s.Start:s.End])
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestSentenceOffsets(t *testing.T) {
	text := "LAHORE - One. Two.\n\nThree"
	got := extract.Sentences(text)
	want := []extract.Sentence{
		{Span: factions.Span{Start: 0, End: 13}, Para: 0},
		{Span: factions.Span{Start: 14, End: 18}, Para: 0},
		{Span: factions.Span{Start: 20, End: 25}, Para: 1},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
}

func TestQuotes(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []string // inner text
	}{
		{"curly", "He said: “We are united.”", []string{"We are united."}},
		{"straight", `She said "no way" today.`, []string{"no way"}},
		{"single curly", "they were only ‘Altruists’ and", []string{"Altruists"}},
		{"apostrophe not a quote", "the party’s view and don't", nil},
		{"nested single", "“It was nice, now ‘goodbye’.”", []string{"It was nice, now ‘goodbye’."}},
		{"multi paragraph", "“First part.\n\n“Second part.”", []string{"First part.\n\n“Second part."}},
		{"single straight", "called it a 'joke' today", []string{"joke"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, q := range extract.Quotes(tt.text) {
				got = append(got, tt.text[q.Inner.Start:q.Inner.End])
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	s := ""
	for n > 0 {
		s = string(rune('0'+n%10)) + s
		n /= 10
	}
	return s
}

// TestLongSentenceSplit checks that text without full stops is read in
// pieces of at most maxSentence bytes, cut after a comma, in order, and
// that nothing but the spaces at the cuts is left out.
func TestLongSentenceSplit(t *testing.T) {
	text := strings.Repeat("the council met in the hall, ", 1000) + "and it ended."
	ss := extract.Sentences(text)
	if len(ss) < 2 {
		t.Fatalf("got %d sentences, want the %d-byte text cut", len(ss), len(text))
	}
	covered, prev := 0, 0
	for _, s := range ss {
		if s.Len() > 4<<10 {
			t.Errorf("sentence of %d bytes at %d, want at most %d", s.Len(), s.Start, 4<<10)
		}
		if s.Start < prev {
			t.Errorf("sentence at %d before the end of the one before (%d)", s.Start, prev)
		}
		if s.Start != 0 && text[s.Start-2:s.Start] != ", " {
			t.Errorf("cut at %d not after a comma: %q", s.Start, text[s.Start-2:s.Start])
		}
		covered += s.Len()
		prev = s.End
	}
	if want := len(text) - (len(ss) - 1); covered != want {
		t.Errorf("sentences cover %d bytes, want %d", covered, want)
	}
}
