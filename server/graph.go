package server

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/factions/factions"
)

// Graphs are laid out in Go (layout.go: layered for lineage trees, radial
// for the graph around an entity) and drawn by the templates from the
// positions: every name and label in the picture goes through
// html/template's escaping, and every style through the stylesheet.

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
	LX, LY float64 // baseline centre of the label
	Arrow  bool
}

// The sizes the stylesheet draws text at (px of the viewBox): a node's
// name (bold) and the lines under it, and edge labels.
const (
	nameSize  = 13.0
	subSize   = 10.5
	labelSize = 10.5

	lineHeight = nameSize * 1.25
	nodePadX   = 10.0
	nodePadY   = 6.0
)

// Advance widths of printable ASCII (from the space), in thousandths of an
// em, of DejaVu Sans and DejaVu Sans Bold: the widest of the fonts the
// stylesheet names, and the one browsers fall back to on Linux, so text
// measured by them fits in its box in any of them.
var (
	regularWidths = [95]uint16{
		318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337,
		636, 636, 636, 636, 636, 636, 636, 636, 636, 636, 337, 337, 838, 838, 838, 531,
		1000, 684, 686, 698, 770, 632, 575, 775, 752, 295, 295, 656, 557, 863, 748, 787,
		603, 787, 695, 635, 611, 732, 684, 989, 685, 611, 685, 390, 337, 390, 838, 500,
		500, 613, 635, 550, 635, 615, 352, 635, 634, 278, 278, 579, 278, 974, 634, 612,
		635, 635, 411, 521, 392, 634, 592, 818, 592, 592, 525, 636, 337, 636, 838,
	}
	boldWidths = [95]uint16{
		348, 456, 521, 838, 696, 1002, 872, 306, 457, 457, 523, 838, 380, 415, 380, 365,
		696, 696, 696, 696, 696, 696, 696, 696, 696, 696, 400, 400, 838, 838, 838, 580,
		1000, 774, 762, 734, 830, 683, 683, 821, 837, 372, 372, 775, 637, 995, 837, 850,
		733, 850, 770, 720, 682, 812, 774, 1103, 771, 724, 725, 457, 365, 457, 838, 500,
		500, 675, 716, 593, 716, 678, 435, 716, 712, 343, 343, 665, 343, 1042, 712, 687,
		716, 716, 493, 595, 478, 712, 652, 924, 645, 652, 582, 712, 365, 712, 838,
	}
)

// textWidth returns how wide s is drawn at size px: ASCII by the table,
// other letters as a wide Latin one, East Asian ones a full em.
func textWidth(s string, size float64, bold bool) float64 {
	table := &regularWidths
	other := 700.0
	if bold {
		table, other = &boldWidths, 780
	}
	w := 0.0
	for _, r := range s {
		switch {
		case r >= ' ' && r <= '~':
			w += float64(table[r-' '])
		case r == '·':
			w += 400
		case r >= 0x2E80:
			w += 1000
		default:
			w += other
		}
	}
	return w * size / 1000
}

// lineWidth is how wide a node's line is drawn, by its class.
func lineWidth(l gLine) float64 {
	if l.Class == "name" {
		return textWidth(l.Text, nameSize, true)
	}
	return textWidth(l.Text, subSize, false)
}

// nodeSpec is a node to lay out.
type nodeSpec struct {
	lines   []gLine
	href    string
	class   string
	title   string
	ellipse bool
}

// edgeSpec is an edge to lay out, between nodes given by their index.
type edgeSpec struct {
	tail, head int
	label      string
	class      string
	title      string
	arrow      bool
	free       bool // layered: not a rank constraint
}

// draw sizes nodes and edges' labels by their text, lays them out with
// place and returns the drawing.
func draw(nodes []nodeSpec, edges []edgeSpec, place func(*glayout)) *gSVG {
	g := &glayout{Nodes: make([]lnode, len(nodes)), Edges: make([]ledge, len(edges))}
	for i, n := range nodes {
		w := 0.0
		for _, l := range n.lines {
			w = max(w, lineWidth(l))
		}
		nd := lnode{W: w + 2*nodePadX, H: float64(len(n.lines))*lineHeight + 2*nodePadY, Ellipse: n.ellipse}
		if n.ellipse { // the ellipse around the box
			nd.W, nd.H = nd.W*1.2+4, nd.H*1.3
		}
		g.Nodes[i] = nd
	}
	for i, e := range edges {
		g.Edges[i] = ledge{From: e.tail, To: e.head, Free: e.free}
		if e.label != "" {
			g.Edges[i].LabelW, g.Edges[i].LabelH = textWidth(e.label, labelSize, false)+6, labelSize+4
		}
	}
	place(g)
	out := &gSVG{Width: g.W, Height: g.H}
	for i, n := range nodes {
		p := g.Nodes[i]
		gn := gNode{X: p.X - p.W/2, Y: p.Y - p.H/2, W: p.W, H: p.H, CX: p.X, CY: p.Y, Href: n.href, Class: n.class,
			Title: n.title, Ellipse: n.ellipse}
		// lines of text centred on the node
		y0 := p.Y - lineHeight*float64(len(n.lines)-1)/2 + nameSize*0.35
		for j, ln := range n.lines {
			ln.Y = y0 + float64(j)*lineHeight
			gn.Lines = append(gn.Lines, ln)
		}
		out.Nodes = append(out.Nodes, gn)
	}
	for i, e := range edges {
		le := g.Edges[i]
		out.Edges = append(out.Edges, gEdge{D: pathData(le.Path), Class: e.class, Title: e.title, Label: e.label,
			LX: le.LX, LY: le.LY + labelSize*0.35, Arrow: e.arrow})
	}
	return out
}

// pathData writes a path as SVG path data: a line, or cubic curves.
func pathData(p []point) string {
	if len(p) == 0 {
		return ""
	}
	var d strings.Builder
	fmt.Fprintf(&d, "M%.1f,%.1f", p[0].X, p[0].Y)
	if len(p) == 2 {
		fmt.Fprintf(&d, " L%.1f,%.1f", p[1].X, p[1].Y)
		return d.String()
	}
	for j := 1; j+2 < len(p); j += 3 {
		fmt.Fprintf(&d, " C%.1f,%.1f %.1f,%.1f %.1f,%.1f", p[j].X, p[j].Y, p[j+1].X, p[j+1].Y, p[j+2].X, p[j+2].Y)
	}
	return d.String()
}

// lineageSVG draws a lineage family top down: the root above, its
// factions, bodies and mergers below, the organization asked for marked.
func (s *Server) lineageSVG(ctx context.Context, lin *Lineage) (*gSVG, error) {
	return get(ctx, s.cache, "lineage-svg:"+strconv.FormatInt(lin.Focus, 10), func(ctx context.Context) (*gSVG, error) {
		var nodes []nodeSpec
		var edges []edgeSpec
		names := map[int64]int{}
		var walk func(n *factions.LineageNode, parent int)
		walk = func(n *factions.LineageNode, parent int) {
			name, seen := names[n.ID]
			if !seen {
				name = len(nodes)
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
				nodes = append(nodes, nodeSpec{lines: []gLine{{Text: clip(n.Entity, 40), Class: "name"}, {Text: sub, Class: "sub"}},
					href: entityPath(n.ID), class: class, title: n.Entity})
			}
			if parent >= 0 {
				edges = append(edges, edgeSpec{tail: parent, head: name, class: "edge rel-" + string(n.Relation)})
			}
			if seen {
				return
			}
			for _, c := range n.Children {
				walk(c, name)
			}
		}
		walk(lin.Root, -1)
		// mergers into organizations outside the tree's own edges
		var merge func(n *factions.LineageNode)
		merge = func(n *factions.LineageNode) {
			if n.Merged != nil {
				if to, ok := names[n.Merged.ID]; ok {
					edges = append(edges, edgeSpec{tail: names[n.ID], head: to, class: "edge merged", arrow: true,
						title: n.Entity + " merged into " + n.Merged.Entity, label: "merged " + n.Merged.Date.Format("Jan 2006"),
						free: true})
				}
			}
			for _, c := range n.Children {
				merge(c)
			}
		}
		merge(lin.Root)
		// a family wider than deep reads better left to right
		o := layeredOpts{NodeSep: 22, RankSep: 44, Margin: 12}
		if maxWidth(lin.Root) > 4 {
			o = layeredOpts{LeftRight: true, NodeSep: 13, RankSep: 64, Margin: 12}
		}
		return draw(nodes, edges, func(g *glayout) { g.layered(o) }), nil
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
		names := map[int64]int{}
		centre := 0
		for i, n := range g.Nodes {
			names[n.ID] = i
			if n.ID == g.Center.ID {
				centre = i
			}
			class := "node type-" + string(n.Type) + " step-" + strconv.Itoa(n.Step)
			nodes = append(nodes, nodeSpec{lines: []gLine{{Text: clip(n.Name, 34), Class: "name"}},
				href: entityPath(n.ID), class: class, title: n.Name + " (" + string(n.Type) + ")",
				ellipse: n.Type == factions.Person})
		}
		// one drawn line per pair, labelled with its facts
		type pairKey struct{ a, b int64 }
		pairs := map[pairKey]*edgeSpec{}
		var order []pairKey
		for _, e := range g.Edges {
			from, okF := names[e.From]
			to, okT := names[e.To]
			if !okF || !okT {
				continue
			}
			pk := pairKey{e.From, e.To}
			what := predicateLabels()[e.Predicate]
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
			pairs[pk] = &edgeSpec{tail: from, head: to, label: what, class: class, title: title, arrow: true}
			order = append(order, pk)
		}
		var edges []edgeSpec
		for _, pk := range order {
			p := pairs[pk]
			p.label = clip(p.label, 28)
			edges = append(edges, *p)
		}
		o := radialOpts{RingSep: 56, NodeSep: 10, Aspect: 1.6, Margin: 12}
		return draw(nodes, edges, func(l *glayout) { l.radial(centre, o) }), nil
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
