package ingest

import (
	"strings"
	"testing"
)

// TestIsBinary checks which texts isBinary takes for binary files: a NUL
// anywhere, or more than one byte in ten of its first 8 KiB a control
// character or a byte outside UTF-8, a sequence cut by the 8 KiB not
// counting.
func TestIsBinary(t *testing.T) {
	for _, tt := range []struct {
		name, data string
		want       bool
	}{
		{"prose", "The party met on Tuesday.\n\tIt voted.\r\n", false},
		{"accents and scripts", strings.Repeat("Café Ñandú — ধন্যবাদ, 谢谢 ", 40), false},
		{"escapes and page breaks", "red \x1b[31mtext\x1b[0m\f\v", false},
		{"a NUL late", strings.Repeat("a", 20000) + "\x00", true},
		{"controls", "\x01\x02\x03 abc \x7f\x0e", true},
		{"one control in ten", "\x01abcdefghi", false},
		{"two in ten", "\x01\x02abcdefgh", true},
		{"invalid bytes", "ab\xff\xfe\xfdcd\xc3", true},
		{"few invalid bytes", "abcdefghijklmnopqrst\xff", false},
		{"a sequence cut at 8 KiB", strings.Repeat("a", 8<<10-1) + "é" + strings.Repeat("\xff", 100), false},
		{"invalid at 8 KiB", strings.Repeat("\xff", 8<<10) + "a", true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := isBinary(tt.data); got != tt.want {
				t.Errorf("isBinary(string) = %v, want %v", got, tt.want)
			}
			if got := isBinary([]byte(tt.data)); got != tt.want {
				t.Errorf("isBinary([]byte) = %v, want %v", got, tt.want)
			}
		})
	}
}
