package extract

import (
	"strings"
	"testing"
)

func TestOuterFields(t *testing.T) {
	for _, s := range []string{"a", "ab cd", " ab  cd ef\t", "x\u00a0y z\u2003", "\u3000one\u3000"} {
		w := strings.Fields(s)
		if first, last := outerFields(s); first != w[0] || last != w[len(w)-1] {
			t.Errorf("outerFields(%q) = %q, %q; want %q, %q", s, first, last, w[0], w[len(w)-1])
		}
	}
}
