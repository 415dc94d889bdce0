package extract

import (
	"testing"
	"unsafe"
)

// TestTokenSize keeps the token small: a document has one a word, and the
// memory of its tokens is most of the fresh memory an extraction touches.
func TestTokenSize(t *testing.T) {
	if n := unsafe.Sizeof(Token{}); n > 40 {
		t.Errorf("a Token takes %d bytes, want at most 40", n)
	}
}
