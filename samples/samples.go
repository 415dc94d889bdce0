package samples

import (
	"embed"
	"io/fs"
	"sort"
)

//go:embed *.txt
var files embed.FS

// Article is one sample article: Name is its file name ("01-new-party-launch.txt"), Text the
// whole file, front matter included.
type Article struct {
	Name, Text string
}

// Articles returns the sample articles sorted by name.
func Articles() ([]Article, error) {
	names, err := fs.Glob(files, "*.txt")
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	out := make([]Article, 0, len(names))
	for _, n := range names {
		b, err := files.ReadFile(n)
		if err != nil {
			return nil, err
		}
		out = append(out, Article{Name: n, Text: string(b)})
	}
	return out, nil
}
