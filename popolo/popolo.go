package popolo

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
)

// Document is a Popolo JSON export: the persons, organizations, memberships
// and posts of a knowledge base. Its slices are never nil, so that each
// encodes as an array.
type Document struct {
	Persons       []*Person       `json:"persons"`
	Organizations []*Organization `json:"organizations"`
	Memberships   []*Membership   `json:"memberships"`
	Posts         []*Post         `json:"posts"`
}

// Person is a Popolo person (schemas/person.json).
type Person struct {
	ID         string      `json:"id"`
	Name       string      `json:"name"`
	OtherNames []OtherName `json:"other_names,omitempty"`
	Sources    []Link      `json:"sources,omitempty"`
}

// Organization is a Popolo organization (schemas/organization.json).
type Organization struct {
	ID              string      `json:"id"`
	Name            string      `json:"name"`
	OtherNames      []OtherName `json:"other_names,omitempty"`
	Classification  string      `json:"classification,omitempty"`
	ParentID        string      `json:"parent_id,omitempty"`
	FoundingDate    string      `json:"founding_date,omitempty"`
	DissolutionDate string      `json:"dissolution_date,omitempty"`
	Sources         []Link      `json:"sources,omitempty"`
}

// Post is a Popolo post (schemas/post.json): a position in an organization,
// or at a place (then with no OrganizationID and the place in its Label).
type Post struct {
	ID             string `json:"id"`
	Label          string `json:"label"`
	Role           string `json:"role,omitempty"`
	OrganizationID string `json:"organization_id,omitempty"`
}

// Membership is a Popolo membership (schemas/membership.json). A person
// member is named by PersonID; an organization member by Member, as
// {"@type": "Organization", "id": ...}. OrganizationID is empty for a post
// held at a place. Sources is never empty.
type Membership struct {
	ID             string  `json:"id"`
	PersonID       string  `json:"person_id,omitempty"`
	Member         *Member `json:"member,omitempty"`
	OrganizationID string  `json:"organization_id,omitempty"`
	Role           string  `json:"role,omitempty"`
	PostID         string  `json:"post_id,omitempty"`
	StartDate      string  `json:"start_date,omitempty"`
	EndDate        string  `json:"end_date,omitempty"`
	Sources        []Link  `json:"sources"`
}

// Member names the member of a membership that is not a person.
type Member struct {
	Type string `json:"@type"` // "Organization"
	ID   string `json:"id"`
}

// OtherName is an alternate name (schemas/other_name.json).
type OtherName struct {
	Name string `json:"name"`
}

// Link is a URL with a note (schemas/link.json).
type Link struct {
	URL  string `json:"url"`
	Note string `json:"note,omitempty"`
}

// Write encodes doc to w as indented JSON, followed by a newline; a nil
// slice of doc is written as an empty array. It returns the error of the
// encoding or of w.
func Write(w io.Writer, doc *Document) error {
	d := *doc
	d.Persons = orEmpty(d.Persons)
	d.Organizations = orEmpty(d.Organizations)
	d.Memberships = orEmpty(d.Memberships)
	d.Posts = orEmpty(d.Posts)
	// HTML's <, > and & are escaped (\u003c...), so that a name or a
	// quote with markup cannot become markup in a page that embeds the
	// export; the C1 control characters, which the encoder writes as they
	// are, are escaped too.
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	if err := enc.Encode(&d); err != nil {
		return fmt.Errorf("write popolo: %w", err)
	}
	if _, err := w.Write(escapeC1(buf.Bytes())); err != nil {
		return fmt.Errorf("write popolo: %w", err)
	}
	return nil
}

// escapeC1 rewrites the C1 control characters (U+0080 to U+009F) of JSON
// text as \u escapes, which mean the same.
func escapeC1(js []byte) []byte {
	if !bytes.Contains(js, []byte{0xc2}) {
		return js
	}
	out := make([]byte, 0, len(js)+32)
	for i := 0; i < len(js); i++ {
		if js[i] == 0xc2 && i+1 < len(js) && js[i+1] >= 0x80 && js[i+1] < 0xa0 {
			out = fmt.Appendf(out, `\u%04x`, js[i+1])
			i++
			continue
		}
		out = append(out, js[i])
	}
	return out
}

func orEmpty[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
