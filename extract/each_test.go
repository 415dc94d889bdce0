package extract_test

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/factions/factions"
	"github.com/factions/factions/extract"
)

// TestExtractEach checks that ExtractEach hands each text's extraction to
// its callback in the order of the texts, the same as Extract gives, and
// stops at the callback's first error.
func TestExtractEach(t *testing.T) {
	var texts []string
	for i := range 40 {
		// texts of different lengths, so that they finish out of order
		texts = append(texts, fmt.Sprintf("Talia Vantor %d was elected leader of the Unity Front. ", i)+
			strings.Repeat("\"We will contest every seat,\" Vantor told reporters in Valdora. ", (i*7)%13))
	}
	x := extract.New()
	var got []*factions.Extraction
	err := x.ExtractEach(context.Background(), texts, func(i int, ex *factions.Extraction, err error) error {
		if err != nil {
			return err
		}
		if i != len(got) {
			t.Fatalf("result %d handed after %d others", i, len(got))
		}
		got = append(got, ex)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for i, text := range texts {
		want, err := x.Extract(context.Background(), text)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got[i], want) {
			t.Errorf("text %d: ExtractEach gave another extraction than Extract", i)
		}
	}
	stop := errors.New("stop")
	calls := 0
	err = x.ExtractEach(context.Background(), texts, func(i int, ex *factions.Extraction, err error) error {
		calls++
		if i == 5 {
			return stop
		}
		return nil
	})
	if !errors.Is(err, stop) || calls != 6 {
		t.Errorf("ExtractEach returned %v after %d calls, want the callback's error after 6", err, calls)
	}
}
