// Package lexicon holds the extractor's word lists as embedded data files.
package lexicon

import (
	"embed"
	"fmt"
	"strings"
)

//go:embed *.tsv *.txt
var files embed.FS

// Lines parses one file into the fields of its entries: blank lines and
// lines starting with # are skipped; fields are separated by tabs.
func Lines(name string) ([][]string, error) {
	b, err := files.ReadFile(name)
	if err != nil {
		return nil, fmt.Errorf("lexicon: %w", err)
	}
	var out [][]string
	for _, line := range strings.Split(string(b), "\n") {
		line = strings.TrimRight(line, "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		out = append(out, strings.Split(line, "\t"))
	}
	return out, nil
}
