package main

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// safeText returns s fit to print on a terminal: the control characters an
// article may carry (escape sequences that would recolour, move the cursor,
// retitle the window or rewrite a line) are made visible instead: a C0
// control as its Control Pictures sign (ESC as ␛, a carriage return as ␍),
// DEL as ␡, a C1 control as <U+0085>; tab and newline are kept, and bytes
// that are not UTF-8 become U+FFFD.
func safeText(s string) string {
	clean := true
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 && c != '\n' && c != '\t' || c == 0x7f || c == 0xc2 || c >= 0x80 && !utf8.ValidString(s) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	for _, r := range strings.ToValidUTF8(s, "\uFFFD") {
		switch {
		case r == '\n' || r == '\t':
			b.WriteRune(r)
		case r < 0x20:
			b.WriteRune(0x2400 + r)
		case r == 0x7f:
			b.WriteRune('␡')
		case r >= 0x80 && r < 0xa0:
			fmt.Fprintf(&b, "<U+%04X>", r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// safeWriter writes text through safeText. The commands write whole lines,
// so no character is split between two writes.
type safeWriter struct{ w io.Writer }

// safe returns w as a writer of text for a terminal (safeText).
func safe(w io.Writer) io.Writer { return safeWriter{w} }

func (s safeWriter) Write(p []byte) (int, error) {
	if _, err := io.WriteString(s.w, safeText(string(p))); err != nil {
		return 0, err
	}
	return len(p), nil
}

// escapeC1 rewrites the C1 control characters of JSON text (the encoder
// writes them as they are) as \u escapes, which mean the same.
func escapeC1(js []byte) []byte {
	if !bytes.Contains(js, []byte{0xc2}) {
		return js
	}
	var out bytes.Buffer
	out.Grow(len(js) + 32)
	for i := 0; i < len(js); i++ {
		if js[i] == 0xc2 && i+1 < len(js) && js[i+1] >= 0x80 && js[i+1] < 0xa0 {
			fmt.Fprintf(&out, `\u%04x`, js[i+1])
			i++
			continue
		}
		out.WriteByte(js[i])
	}
	return out.Bytes()
}
