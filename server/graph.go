package server

import (
	"bytes"
	"context"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/goccy/go-graphviz"

	"github.com/factions/factions"
)

// Graphs are laid out by Graphviz (dot for lineage trees, twopi for the
// graph around an entity) and drawn by the templates from the positions
// Graphviz returns in its "plain" output: every name and label in the
// picture goes through html/template's escaping, and every style through
// the stylesheet, none through Graphviz's own SVG.

// grapher runs Graphviz, one layout at a time.
type grapher struct {
	mu sync.Mutex
	gv *graphviz.Graphviz
}

func newGrapher() *grapher { return &grapher{} }

func (g *grapher) close() error {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.gv == nil {
		return nil
	}
	err := g.gv.Close()
	g.gv = nil
	return err
}

// plainNode and plainEdge are what Graphviz's plain output gives, in
// points with y growing downwards.
type plainNode struct {
	X, Y, W, H float64 // centre and size
}

type plainEdge struct {
	Tail, Head string
	Points     [][2]float64
	LabelX     float64
	LabelY     float64
	HasLabel   bool
}

type plainLayout struct {
	W, H  float64
	Nodes map[string]plainNode
	Edges []plainEdge
}

// layout lays out the DOT source src with Graphviz and returns the
// positions.
func (g *grapher) layout(ctx context.Context, src string) (*plainLayout, error) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.gv == nil {
		gv, err := graphviz.New(ctx)
		if err != nil {
			return nil, fmt.Errorf("graphviz: %w", err)
		}
		g.gv = gv
	}
	gr, err := graphviz.ParseBytes([]byte(src))
	if err != nil {
		return nil, fmt.Errorf("graphviz: parse: %w", err)
	}
	defer gr.Close()
	var buf bytes.Buffer
	if err := g.gv.Render(ctx, gr, graphviz.Format("plain"), &buf); err != nil {
		return nil, fmt.Errorf("graphviz: layout: %w", err)
	}
	return parsePlain(buf.String())
}

// plainFields splits a line of plain output into fields, a quoted string
// being one.
func plainFields(line string) []string {
	var out []string
	for i := 0; i < len(line); {
		switch {
		case line[i] == ' ':
			i++
		case line[i] == '"':
			j := i + 1
			for j < len(line) && line[j] != '"' {
				if line[j] == '\\' {
					j++
				}
				j++
			}
			out = append(out, line[i:min(j+1, len(line))])
			i = j + 1
		default:
			j := strings.IndexByte(line[i:], ' ')
			if j < 0 {
				j = len(line) - i
			}
			out = append(out, line[i:i+j])
			i += j
		}
	}
	return out
}

// parsePlain reads Graphviz's plain output, turning inches with y upwards
// into points with y downwards.
func parsePlain(s string) (*plainLayout, error) {
	l := &plainLayout{Nodes: map[string]plainNode{}}
	num := func(f string) float64 {
		v, _ := strconv.ParseFloat(f, 64)
		return v
	}
	for _, line := range strings.Split(s, "\n") {
		f := plainFields(line)
		if len(f) == 0 {
			continue
		}
		switch f[0] {
		case "graph":
			if len(f) < 4 {
				return nil, fmt.Errorf("graphviz: bad graph line %q", line)
			}
			l.W, l.H = num(f[2])*72, num(f[3])*72
		case "node":
			if len(f) < 6 {
				return nil, fmt.Errorf("graphviz: bad node line %q", line)
			}
			l.Nodes[f[1]] = plainNode{X: num(f[2]) * 72, Y: l.H - num(f[3])*72, W: num(f[4]) * 72, H: num(f[5]) * 72}
		case "edge":
			if len(f) < 4 {
				return nil, fmt.Errorf("graphviz: bad edge line %q", line)
			}
			n, _ := strconv.Atoi(f[3])
			if len(f) < 4+2*n {
				return nil, fmt.Errorf("graphviz: bad edge line %q", line)
			}
			e := plainEdge{Tail: f[1], Head: f[2]}
			for i := 0; i < n; i++ {
				e.Points = append(e.Points, [2]float64{num(f[4+2*i]) * 72, l.H - num(f[5+2*i])*72})
			}
			rest := f[4+2*n:]
			if len(rest) >= 5 { // label, its x and y, style, colour
				e.HasLabel, e.LabelX, e.LabelY = true, num(rest[1])*72, l.H-num(rest[2])*72
			}
			l.Edges = append(l.Edges, e)
		}
	}
	return l, nil
}

// dotString quotes s for DOT, as a label Graphviz only measures.
func dotString(s string) string {
	s = strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`, "\r", " ").Replace(s)
	return `"` + s + `"`
}

// The drawing of a graph, as the templates draw it.

type gSVG struct {
	Width, Height float64
	Nodes         []gNode
	Edges         []gEdge
}

type gNode struct {
	X, Y, W, H float64 // top left and size
	CX, CY     float64
	Lines      []gLine
	Href       string
	Class      string
	Title      string
	Ellipse    bool
}

type gLine struct {
	Text  string
	Y     float64
	Class string
}

type gEdge struct {
	D      string
	Class  string
	Title  string
	Label  string
	LX, LY float64
	Arrow  bool
}

// fontSize is the size the stylesheet draws labels at (points of the
// viewBox); Graphviz measures them at measureSize, with its own Helvetica
// metrics, which run narrower than the bold sans-serif fonts browsers draw
// with: the larger size keeps the text inside its box.
const (
	fontSize    = 13.0
	measureSize = 15.5
)

// nodeSpec is a node to lay out.
type nodeSpec struct {
	name    string // DOT node name: n0, n1...
	lines   []gLine
	href    string
	class   string
	title   string
	ellipse bool
	root    bool
}

type edgeSpec struct {
	tail, head string
	label      string
	class      string
	title      string
	arrow      bool
	straight   bool // draw from centre to centre, clipped at the nodes
	extra      string
}

// draw lays out nodes and edges with engine and returns the drawing.
func (g *grapher) draw(ctx context.Context, engine, graphAttrs string, nodes []nodeSpec, edges []edgeSpec) (*gSVG, error) {
	var b strings.Builder
	fmt.Fprintf(&b, "digraph G {\nlayout=%s; %s\n", engine, graphAttrs)
	fmt.Fprintf(&b, "node [shape=box, fontname=\"Helvetica\", fontsize=%g, margin=\"0.16,0.06\"];\nedge [fontname=\"Helvetica\", fontsize=12];\n", measureSize)
	for _, n := range nodes {
		var label []string
		for _, l := range n.lines {
			label = append(label, l.Text)
		}
		shape := "box"
		if n.ellipse {
			shape = "ellipse"
		}
		root := ""
		if n.root {
			root = ", root=true"
		}
		fmt.Fprintf(&b, "%s [label=%s, shape=%s%s];\n", n.name, dotString(strings.Join(label, "\n")), shape, root)
	}
	for _, e := range edges {
		attrs := ""
		if e.label != "" {
			attrs = "label=" + dotString(e.label)
		}
		if e.extra != "" {
			if attrs != "" {
				attrs += ", "
			}
			attrs += e.extra
		}
		fmt.Fprintf(&b, "%s -> %s [%s];\n", e.tail, e.head, attrs)
	}
	b.WriteString("}\n")
	l, err := g.layout(ctx, b.String())
	if err != nil {
		return nil, err
	}
	const pad = 12.0
	out := &gSVG{Width: l.W + 2*pad, Height: l.H + 2*pad}
	pos := map[string]plainNode{}
	for _, n := range nodes {
		p, ok := l.Nodes[n.name]
		if !ok {
			continue
		}
		p.X += pad
		p.Y += pad
		pos[n.name] = p
		gn := gNode{X: p.X - p.W/2, Y: p.Y - p.H/2, W: p.W, H: p.H, CX: p.X, CY: p.Y, Href: n.href, Class: n.class,
			Title: n.title, Ellipse: n.ellipse}
		// lines of text centred on the node, the first one larger
		lh := fontSize * 1.25
		y0 := p.Y - lh*float64(len(n.lines)-1)/2 + fontSize*0.35
		for i, ln := range n.lines {
			ln.Y = y0 + float64(i)*lh
			gn.Lines = append(gn.Lines, ln)
		}
		out.Nodes = append(out.Nodes, gn)
	}
	for i, e := range edges {
		if i >= len(l.Edges) {
			break
		}
		pe := l.Edges[i]
		ge := gEdge{Class: e.class, Title: e.title, Label: e.label, Arrow: e.arrow}
		if pe.HasLabel {
			ge.LX, ge.LY = pe.LabelX+pad, pe.LabelY+pad
		}
		if e.straight || len(pe.Points) < 4 {
			a, okA := pos[e.tail]
			h, okH := pos[e.head]
			if !okA || !okH {
				continue
			}
			x0, y0 := clipBox(a, h.X, h.Y)
			x1, y1 := clipBox(h, a.X, a.Y)
			if e.arrow { // leave room for the arrowhead
				dx, dy := x1-x0, y1-y0
				if d := math.Hypot(dx, dy); d > 12 {
					x1, y1 = x1-dx/d*6, y1-dy/d*6
				}
			}
			ge.D = fmt.Sprintf("M%.1f,%.1f L%.1f,%.1f", x0, y0, x1, y1)
			if !pe.HasLabel || e.straight {
				ge.LX, ge.LY = (x0+x1)/2, (y0+y1)/2-3
			}
		} else {
			var d strings.Builder
			fmt.Fprintf(&d, "M%.1f,%.1f", pe.Points[0][0]+pad, pe.Points[0][1]+pad)
			for j := 1; j+2 < len(pe.Points); j += 3 {
				fmt.Fprintf(&d, " C%.1f,%.1f %.1f,%.1f %.1f,%.1f", pe.Points[j][0]+pad, pe.Points[j][1]+pad,
					pe.Points[j+1][0]+pad, pe.Points[j+1][1]+pad, pe.Points[j+2][0]+pad, pe.Points[j+2][1]+pad)
			}
			ge.D = d.String()
		}
		out.Edges = append(out.Edges, ge)
	}
	return out, nil
}

// clipBox returns where the line from the centre of n towards (x, y)
// leaves n's box.
func clipBox(n plainNode, x, y float64) (float64, float64) {
	dx, dy := x-n.X, y-n.Y
	if dx == 0 && dy == 0 {
		return n.X, n.Y
	}
	tx, ty := math.Inf(1), math.Inf(1)
	if dx != 0 {
		tx = (n.W / 2) / math.Abs(dx)
	}
	if dy != 0 {
		ty = (n.H / 2) / math.Abs(dy)
	}
	t := math.Min(math.Min(tx, ty), 1)
	return n.X + dx*t, n.Y + dy*t
}

// lineageSVG draws a lineage family top down: the root above, its
// factions, bodies and mergers below, the organization asked for marked.
func (s *Server) lineageSVG(ctx context.Context, lin *Lineage) (*gSVG, error) {
	return get(ctx, s.cache, "lineage-svg:"+strconv.FormatInt(lin.Focus, 10), func(ctx context.Context) (*gSVG, error) {
		var nodes []nodeSpec
		var edges []edgeSpec
		names := map[int64]string{}
		var walk func(n *factions.LineageNode, parent string)
		walk = func(n *factions.LineageNode, parent string) {
			name, seen := names[n.ID]
			if !seen {
				name = "n" + strconv.Itoa(len(names))
				names[n.ID] = name
				rel := "organization"
				switch n.Relation {
				case factions.FactionOf:
					rel = "faction"
				case factions.PartOf:
					rel = "body"
				case factions.MergedInto:
					rel = "merged in"
				}
				sub := rel
				if !n.Since.IsZero() {
					sub += " · since " + n.Since.Format("Jan 2006")
				}
				if n.Merged != nil {
					sub += " · merged into " + clip(n.Merged.Entity, 24)
				}
				class := "node rel-" + strings.ReplaceAll(rel, " ", "-")
				if n.ID == lin.Focus {
					class += " focus"
				}
				nodes = append(nodes, nodeSpec{name: name, lines: []gLine{{Text: clip(n.Entity, 40), Class: "name"}, {Text: sub, Class: "sub"}},
					href: entityPath(n.ID), class: class, title: n.Entity})
			}
			if parent != "" {
				edges = append(edges, edgeSpec{tail: parent, head: name, class: "edge rel-" + string(n.Relation), extra: "dir=none"})
			}
			if seen {
				return
			}
			for _, c := range n.Children {
				walk(c, name)
			}
		}
		walk(lin.Root, "")
		// mergers into organizations outside the tree's own edges
		var merge func(n *factions.LineageNode)
		merge = func(n *factions.LineageNode) {
			if n.Merged != nil {
				if to, ok := names[n.Merged.ID]; ok {
					edges = append(edges, edgeSpec{tail: names[n.ID], head: to, class: "edge merged", arrow: true,
						title: n.Entity + " merged into " + n.Merged.Entity, label: "merged " + n.Merged.Date.Format("Jan 2006"),
						extra: "constraint=false, style=dashed"})
				}
			}
			for _, c := range n.Children {
				merge(c)
			}
		}
		merge(lin.Root)
		// a family wider than deep reads better left to right
		attrs := "rankdir=TB; nodesep=0.3; ranksep=0.5;"
		if maxWidth(lin.Root) > 4 {
			attrs = "rankdir=LR; nodesep=0.18; ranksep=0.9;"
		}
		return s.graphs.draw(ctx, "dot", attrs, nodes, edges)
	})
}

// maxWidth returns the most nodes on one level of the tree.
func maxWidth(root *factions.LineageNode) int {
	w := 0
	level := []*factions.LineageNode{root}
	for len(level) > 0 {
		w = max(w, len(level))
		var next []*factions.LineageNode
		for _, n := range level {
			next = append(next, n.Children...)
		}
		level = next
	}
	return w
}

// Graph is the neighbourhood of an entity: the entities its claims link it
// to, and, at depth 2, theirs.
type Graph struct {
	Center    EntityRef   `json:"center"`
	Depth     int         `json:"depth"`
	Nodes     []GraphNode `json:"nodes"`
	Edges     []GraphEdge `json:"edges"`
	Truncated bool        `json:"truncated,omitempty"` // more entities than shown
}

// GraphNode is an entity in a graph, Step links from the centre.
type GraphNode struct {
	EntityRef
	Step int `json:"step"`
}

// GraphEdge is every claim of one fact between two entities of a graph.
type GraphEdge struct {
	From      int64              `json:"from"`
	To        int64              `json:"to"`
	Predicate factions.Predicate `json:"predicate"`
	Role      string             `json:"role,omitempty"`
	Asserted  int                `json:"asserted"`
	Hedged    int                `json:"hedged"`
	Denied    int                `json:"denied"`
	Former    bool               `json:"former,omitempty"`
	Contested bool               `json:"contested,omitempty"`
	Since     time.Time          `json:"since"`
	Claims    []int64            `json:"claims"`
	ArticleID int64              `json:"article_id"` // of the first claim
}

const (
	maxGraphNodes  = 28
	graphExpandTop = 8
)

// graph returns the graph around e to depth 1 or 2.
func (s *Server) graph(ctx context.Context, e *factions.Entity, depth int) (*Graph, error) {
	return get(ctx, s.cache, fmt.Sprintf("graph:%d:%d", e.ID, depth), func(ctx context.Context) (*Graph, error) {
		g := &Graph{Center: refOf(e), Depth: depth, Nodes: []GraphNode{}, Edges: []GraphEdge{}}
		edges := map[string]*GraphEdge{}
		var order []string
		weight := map[int64]int{}
		add := func(c *factions.Claim) {
			if c.Rejected || c.SubjectID == c.ObjectID {
				return
			}
			k := fmt.Sprintf("%d|%s|%d|%s", c.SubjectID, c.Predicate, c.ObjectID, factions.NormalizeName(c.Role))
			ge := edges[k]
			if ge == nil {
				ge = &GraphEdge{From: c.SubjectID, To: c.ObjectID, Predicate: c.Predicate, Role: c.Role, Since: c.Date, ArticleID: c.ArticleID}
				edges[k] = ge
				order = append(order, k)
			}
			switch c.Stance {
			case factions.Asserted:
				ge.Asserted++
			case factions.Hedged:
				ge.Hedged++
			case factions.Denied:
				ge.Denied++
			}
			ge.Former = ge.Former || c.Former
			ge.Contested = ge.Contested || c.Contested
			if len(ge.Claims) < 20 {
				ge.Claims = append(ge.Claims, c.ID)
			}
			if c.Date.Before(ge.Since) {
				ge.Since, ge.ArticleID = c.Date, c.ArticleID
			}
		}
		first, err := s.claimsOf(ctx, e.ID)
		if err != nil {
			return nil, err
		}
		step := map[int64]int{e.ID: 0}
		for _, c := range first {
			add(c)
			for _, id := range []int64{c.SubjectID, c.ObjectID} {
				if id != e.ID && !c.Rejected {
					weight[id]++
					if _, ok := step[id]; !ok {
						step[id] = 1
					}
				}
			}
		}
		ranked := func(st int) []int64 {
			var ids []int64
			for id, s := range step {
				if s == st {
					ids = append(ids, id)
				}
			}
			sort.Slice(ids, func(i, j int) bool {
				if weight[ids[i]] != weight[ids[j]] {
					return weight[ids[i]] > weight[ids[j]]
				}
				return ids[i] < ids[j]
			})
			return ids
		}
		if depth >= 2 {
			near := ranked(1)
			for i, id := range near {
				if i == graphExpandTop {
					break
				}
				cs, err := s.claimsOf(ctx, id)
				if err != nil {
					return nil, err
				}
				for _, c := range cs {
					add(c)
					for _, o := range []int64{c.SubjectID, c.ObjectID} {
						if o != id && !c.Rejected {
							weight[o]++
							if _, ok := step[o]; !ok {
								step[o] = 2
							}
						}
					}
				}
			}
		}
		// keep the centre and the best linked, nearest first
		keep := map[int64]bool{e.ID: true}
		for st := 1; st <= 2; st++ {
			for _, id := range ranked(st) {
				if len(keep) >= maxGraphNodes {
					g.Truncated = true
					break
				}
				keep[id] = true
			}
		}
		var ids []int64
		for id := range keep {
			ids = append(ids, id)
		}
		refs, err := s.refs(ctx, ids...)
		if err != nil {
			return nil, err
		}
		sort.Slice(ids, func(i, j int) bool {
			if step[ids[i]] != step[ids[j]] {
				return step[ids[i]] < step[ids[j]]
			}
			if weight[ids[i]] != weight[ids[j]] {
				return weight[ids[i]] > weight[ids[j]]
			}
			return ids[i] < ids[j]
		})
		for _, id := range ids {
			r, ok := refs[id]
			if !ok {
				continue
			}
			g.Nodes = append(g.Nodes, GraphNode{EntityRef: r, Step: step[id]})
		}
		for _, k := range order {
			ge := edges[k]
			if keep[ge.From] && keep[ge.To] {
				g.Edges = append(g.Edges, *ge)
			}
		}
		return g, nil
	})
}

// graphSVG draws g around its centre.
func (s *Server) graphSVG(ctx context.Context, g *Graph) (*gSVG, error) {
	return get(ctx, s.cache, fmt.Sprintf("graph-svg:%d:%d", g.Center.ID, g.Depth), func(ctx context.Context) (*gSVG, error) {
		var nodes []nodeSpec
		names := map[int64]string{}
		for i, n := range g.Nodes {
			name := "n" + strconv.Itoa(i)
			names[n.ID] = name
			class := "node type-" + string(n.Type) + " step-" + strconv.Itoa(n.Step)
			nodes = append(nodes, nodeSpec{name: name, lines: []gLine{{Text: clip(n.Name, 34), Class: "name"}},
				href: entityPath(n.ID), class: class, title: n.Name + " (" + string(n.Type) + ")",
				ellipse: n.Type == factions.Person, root: n.ID == g.Center.ID})
		}
		// one drawn line per pair, labelled with its facts
		type pairKey struct{ a, b int64 }
		pairs := map[pairKey]*edgeSpec{}
		var order []pairKey
		for _, e := range g.Edges {
			pk := pairKey{e.From, e.To}
			what := predicateLabel[e.Predicate]
			if e.Role != "" {
				what = e.Role
			}
			if e.Former {
				what = "former " + what
			}
			class := "edge"
			switch {
			case e.Contested:
				class += " contested"
			case e.Asserted == 0 && e.Hedged == 0:
				class += " denied"
			case e.Asserted == 0:
				class += " hedged"
			}
			title := fmt.Sprintf("%s %s %s — asserted %d, hedged %d, denied %d", nameOf(g, e.From), what, nameOf(g, e.To), e.Asserted, e.Hedged, e.Denied)
			if p := pairs[pk]; p != nil {
				if !strings.Contains(p.label, what) {
					p.label += ", " + what
				}
				p.title += "\n" + title
				if strings.Count(p.class, " ") < strings.Count(class, " ") {
					p.class = class
				}
				continue
			}
			pairs[pk] = &edgeSpec{tail: names[e.From], head: names[e.To], label: what, class: class, title: title, arrow: true, straight: true}
			order = append(order, pk)
		}
		var edges []edgeSpec
		for _, pk := range order {
			p := pairs[pk]
			p.label = clip(p.label, 28)
			edges = append(edges, *p)
		}
		return s.graphs.draw(ctx, "twopi", "ranksep=\"1.7 1.5\"; overlap=false; splines=false;", nodes, edges)
	})
}

func nameOf(g *Graph, id int64) string {
	for _, n := range g.Nodes {
		if n.ID == id {
			return n.Name
		}
	}
	return "#" + strconv.FormatInt(id, 10)
}
