package server

import (
	"math"
	"reflect"
	"strconv"
	"testing"
)

// testGraph builds a graph of n nodes of the given widths (40 high, the
// odd ones ellipses when ellipses is set) and the edges.
func testGraph(widths []float64, ellipses bool, edges ...ledge) *glayout {
	g := &glayout{}
	for i, w := range widths {
		g.Nodes = append(g.Nodes, lnode{W: w, H: 40, Ellipse: ellipses && i%2 == 1})
	}
	g.Edges = append(g.Edges, edges...)
	return g
}

func e(from, to int) ledge { return ledge{From: from, To: to} }

func labelled(from, to int, free bool) ledge {
	return ledge{From: from, To: to, Free: free, LabelW: 90, LabelH: 14}
}

// onBorder tells whether p is on n's border, within a tenth of a unit
// (the path data is written to a tenth).
func onBorder(n lnode, p point) bool {
	dx, dy := p.X-n.X, p.Y-n.Y
	if n.Ellipse {
		a, b := n.W/2, n.H/2
		return math.Abs(math.Hypot(dx/a, dy/b)-1) < 0.01
	}
	const eps = 0.1
	onV := math.Abs(math.Abs(dx)-n.W/2) < eps && math.Abs(dy) <= n.H/2+eps
	onH := math.Abs(math.Abs(dy)-n.H/2) < eps && math.Abs(dx) <= n.W/2+eps
	return onV || onH
}

// checkCommon checks what every layout keeps: nodes apart and inside the
// drawing, every edge from its tail's border to its head's, labels clear of
// the nodes and inside the drawing.
func checkCommon(t *testing.T, g *glayout) {
	t.Helper()
	whole := box{0, 0, g.W, g.H}
	inside := func(b box) bool {
		return b.x0 >= whole.x0-1e-6 && b.y0 >= whole.y0-1e-6 && b.x1 <= whole.x1+1e-6 && b.y1 <= whole.y1+1e-6
	}
	for i := range g.Nodes {
		if !inside(g.Nodes[i].box(0)) {
			t.Errorf("node %d %+v outside the %gx%g drawing", i, g.Nodes[i], g.W, g.H)
		}
		for j := i + 1; j < len(g.Nodes); j++ {
			if g.Nodes[i].box(0).overlaps(g.Nodes[j].box(0)) {
				t.Errorf("nodes %d %+v and %d %+v overlap", i, g.Nodes[i], j, g.Nodes[j])
			}
		}
	}
	for i, ed := range g.Edges {
		if n := len(ed.Path); n != 2 && (n < 4 || (n-1)%3 != 0) {
			t.Errorf("edge %d: a path of %d points", i, n)
			continue
		}
		if p := ed.Path[0]; !onBorder(g.Nodes[ed.From], p) {
			t.Errorf("edge %d %d->%d starts at %v, off node %+v", i, ed.From, ed.To, p, g.Nodes[ed.From])
		}
		if p := ed.Path[len(ed.Path)-1]; !onBorder(g.Nodes[ed.To], p) {
			t.Errorf("edge %d %d->%d ends at %v, off node %+v", i, ed.From, ed.To, p, g.Nodes[ed.To])
		}
		if !ed.labelled() {
			continue
		}
		lb := box{ed.LX - ed.LabelW/2, ed.LY - ed.LabelH/2, ed.LX + ed.LabelW/2, ed.LY + ed.LabelH/2}
		if !inside(lb) {
			t.Errorf("edge %d: label %v outside the drawing", i, lb)
		}
		for j := range g.Nodes {
			if lb.overlaps(g.Nodes[j].box(0)) {
				t.Errorf("edge %d: label %v covers node %d %+v", i, lb, j, g.Nodes[j])
			}
		}
		for j, o := range g.Edges[:i] {
			if o.labelled() && lb.overlaps(box{o.LX - o.LabelW/2, o.LY - o.LabelH/2, o.LX + o.LabelW/2, o.LY + o.LabelH/2}) {
				t.Errorf("labels of edges %d and %d overlap", j, i)
			}
		}
	}
}

func TestLayered(t *testing.T) {
	for _, tc := range []struct {
		name      string
		g         func() *glayout
		leftRight bool
		ranks     []int // expected rank of each node, by its position
	}{
		{"one node", func() *glayout { return testGraph([]float64{80}, false) }, false, []int{0}},
		{"chain", func() *glayout { return testGraph([]float64{80, 120, 60}, false, e(0, 1), e(1, 2)) }, false, []int{0, 1, 2}},
		{"wide tree top down", func() *glayout {
			return testGraph([]float64{150, 90, 200, 70, 120, 160, 100}, false, e(0, 1), e(0, 2), e(0, 3), e(1, 4), e(1, 5), e(3, 6))
		}, false, []int{0, 1, 1, 1, 2, 2, 2}},
		{"wide tree left to right", func() *glayout {
			return testGraph([]float64{150, 90, 200, 70, 120, 160}, true, e(0, 1), e(0, 2), e(0, 3), e(0, 4), e(0, 5))
		}, true, []int{0, 1, 1, 1, 1, 1}},
		{"two parents and a long edge", func() *glayout {
			return testGraph([]float64{100, 100, 100, 100, 100}, false, e(0, 1), e(1, 2), e(2, 3), e(0, 3), e(4, 3), e(0, 4))
		}, false, []int{0, 1, 2, 3, 1}},
		{"mergers: down several ranks, up, and within a rank", func() *glayout {
			return testGraph([]float64{140, 110, 110, 130, 90}, false, e(0, 1), e(0, 2), e(1, 3), e(3, 4),
				labelled(4, 2, true), labelled(2, 0, true), labelled(1, 2, true), labelled(0, 4, true))
		}, false, []int{0, 1, 1, 2, 3}},
		{"mergers left to right", func() *glayout {
			return testGraph([]float64{140, 110, 110, 130, 90}, false, e(0, 1), e(0, 2), e(1, 3), e(3, 4),
				labelled(4, 2, true), labelled(2, 0, true), labelled(1, 2, true))
		}, true, []int{0, 1, 1, 2, 3}},
		{"three mergers back into their parent", func() *glayout {
			return testGraph([]float64{140, 110, 110, 110}, false, e(0, 1), e(0, 2), e(0, 3),
				labelled(1, 0, true), labelled(2, 0, true), labelled(3, 0, true))
		}, false, []int{0, 1, 1, 1}},
		{"a cycle", func() *glayout { return testGraph([]float64{80, 80, 80}, false, e(0, 1), e(1, 2), e(2, 0)) }, false, []int{0, 1, 2}},
		{"two families", func() *glayout {
			return testGraph([]float64{80, 80, 80, 80}, false, e(0, 1), e(2, 3))
		}, false, []int{0, 1, 0, 1}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			o := layeredOpts{LeftRight: tc.leftRight, NodeSep: 20, RankSep: 36, Margin: 10}
			g := tc.g()
			g.layered(o)
			checkCommon(t, g)
			// ranks: one band per rank, in order, down (or right)
			at := func(n lnode) (lo, mid, hi float64) {
				if tc.leftRight {
					return n.X - n.W/2, n.X, n.X + n.W/2
				}
				return n.Y - n.H/2, n.Y, n.Y + n.H/2
			}
			for i := range g.Nodes {
				for j := range g.Nodes {
					_, mi, hi := at(g.Nodes[i])
					lj, mj, _ := at(g.Nodes[j])
					switch ri, rj := tc.ranks[i], tc.ranks[j]; {
					case ri < rj && hi >= lj:
						t.Errorf("node %d (rank %d) %+v does not end before node %d (rank %d) %+v", i, ri, g.Nodes[i], j, rj, g.Nodes[j])
					case ri == rj && mi != mj:
						t.Errorf("nodes %d and %d, both of rank %d, are not centred on one line: %g, %g", i, j, ri, mi, mj)
					}
				}
			}
			// the same again
			again := tc.g()
			again.layered(o)
			if !reflect.DeepEqual(g, again) {
				t.Errorf("two layouts differ:\n%+v\n%+v", g, again)
			}
		})
	}
}

func TestLayeredTreeReadsAsATree(t *testing.T) {
	// a parent is centred over its children, and a family is not crossed
	g := testGraph([]float64{100, 100, 100, 60, 60, 60, 60}, false, e(0, 1), e(0, 2), e(1, 3), e(1, 4), e(2, 5), e(2, 6))
	g.layered(layeredOpts{NodeSep: 20, RankSep: 36, Margin: 10})
	n := g.Nodes
	for _, f := range [][3]int{{1, 3, 4}, {2, 5, 6}} {
		if mid := (n[f[1]].X + n[f[2]].X) / 2; math.Abs(n[f[0]].X-mid) > 0.5 {
			t.Errorf("node %d at x %g, its children centred at %g", f[0], n[f[0]].X, mid)
		}
	}
	if math.Abs(n[0].X-(n[1].X+n[2].X)/2) > 0.5 {
		t.Errorf("root at x %g, its children at %g and %g", n[0].X, n[1].X, n[2].X)
	}
	if !(math.Max(n[3].X, n[4].X) < math.Min(n[5].X, n[6].X) || math.Max(n[5].X, n[6].X) < math.Min(n[3].X, n[4].X)) {
		t.Errorf("the two families are mixed: %+v", n)
	}
}

func TestLayeredUncrossesSiblings(t *testing.T) {
	// the children listed against their parents' order: the sweeps undo it
	g := testGraph([]float64{60, 60, 60, 60, 60, 60, 60}, false, e(0, 1), e(0, 2), e(0, 3), e(3, 4), e(2, 5), e(1, 6))
	g.layered(layeredOpts{NodeSep: 20, RankSep: 36, Margin: 10})
	n := g.Nodes
	order := func(a, b, c int) bool { return n[a].X < n[b].X && n[b].X < n[c].X }
	if order(1, 2, 3) != order(6, 5, 4) {
		t.Errorf("edges cross: parents at %g %g %g, children at %g %g %g", n[1].X, n[2].X, n[3].X, n[6].X, n[5].X, n[4].X)
	}
}

func TestRadial(t *testing.T) {
	for _, tc := range []struct {
		name   string
		g      func() *glayout
		centre int
		rings  []int
	}{
		{"alone", func() *glayout { return testGraph([]float64{120}, true) }, 0, []int{0}},
		{"a star", func() *glayout {
			return testGraph([]float64{160, 200, 90, 180, 120, 220, 140, 100}, true,
				labelled(1, 0, false), labelled(0, 2, false), labelled(3, 0, false), e(4, 0), labelled(5, 0, false), e(0, 6), labelled(7, 0, false))
		}, 0, []int{0, 1, 1, 1, 1, 1, 1, 1}},
		{"two rings, the centre not first", func() *glayout {
			return testGraph([]float64{160, 200, 90, 180, 120, 220, 140}, true,
				labelled(1, 3, false), labelled(3, 0, false), labelled(2, 3, false), e(3, 4), labelled(1, 5, false), e(0, 6), labelled(4, 5, false))
		}, 3, []int{1, 1, 1, 0, 1, 2, 2}},
		{"chords across the centre", func() *glayout {
			return testGraph([]float64{160, 120, 120, 120, 120}, true,
				e(0, 1), e(0, 2), e(0, 3), e(0, 4), labelled(1, 2, false), labelled(1, 3, false), labelled(1, 4, false),
				labelled(2, 3, false), labelled(2, 4, false), labelled(3, 4, false))
		}, 0, []int{0, 1, 1, 1, 1}},
		{"one out of reach", func() *glayout {
			return testGraph([]float64{100, 100, 100}, false, e(0, 1))
		}, 0, []int{0, 1, 1}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			o := radialOpts{RingSep: 50, NodeSep: 10, Aspect: 1.6, Margin: 10}
			g := tc.g()
			g.radial(tc.centre, o)
			checkCommon(t, g)
			c := g.Nodes[tc.centre]
			reach := func(n lnode) float64 { return math.Hypot((n.X-c.X)/o.Aspect, n.Y-c.Y) }
			for i := range g.Nodes {
				for j := range g.Nodes {
					if tc.rings[i] < tc.rings[j] && reach(g.Nodes[i]) >= reach(g.Nodes[j]) {
						t.Errorf("node %d of ring %d is not nearer the centre than node %d of ring %d", i, tc.rings[i], j, tc.rings[j])
					}
				}
			}
			// edges clear the nodes they do not join
			for i, ed := range g.Edges {
				for k := 0; k <= 32; k++ {
					q := along(ed.Path, float64(k)/32)
					for j, n := range g.Nodes {
						if b := n.box(0); j != ed.From && j != ed.To && q.X > b.x0 && q.X < b.x1 && q.Y > b.y0 && q.Y < b.y1 {
							t.Errorf("edge %d %d->%d crosses node %d", i, ed.From, ed.To, j)
						}
					}
				}
			}
			again := tc.g()
			again.radial(tc.centre, o)
			if !reflect.DeepEqual(g, again) {
				t.Errorf("two layouts differ:\n%+v\n%+v", g, again)
			}
		})
	}
}

func TestSpaced(t *testing.T) {
	for _, tc := range []struct {
		want, weight, gap, out []float64
	}{
		{[]float64{0, 0, 0}, []float64{1, 1, 1}, []float64{0, 10, 10}, []float64{-10, 0, 10}},
		{[]float64{0, 50, 100}, []float64{1, 1, 1}, []float64{0, 10, 10}, []float64{0, 50, 100}},
		{[]float64{10, 0}, []float64{3, 1}, []float64{0, 20}, []float64{2.5, 22.5}},
		{[]float64{7}, []float64{1}, []float64{0}, []float64{7}},
	} {
		got := spaced(tc.want, tc.weight, tc.gap)
		for i := range got {
			if math.Abs(got[i]-tc.out[i]) > 1e-9 {
				t.Errorf("spaced(%v, %v, %v) = %v, want %v", tc.want, tc.weight, tc.gap, got, tc.out)
				break
			}
		}
	}
}

func TestTextWidth(t *testing.T) {
	for _, tc := range []struct {
		s    string
		size float64
		bold bool
		want float64
	}{
		{"", 13, true, 0},
		{"il", 10, false, (278 + 278) * 10 / 1000.0},
		{"Mm", 10, true, (995 + 1042) * 10 / 1000.0},
		{"a·b", 10, false, (613 + 400 + 635) * 10 / 1000.0},
		{"é", 10, false, 7},
	} {
		if got := textWidth(tc.s, tc.size, tc.bold); math.Abs(got-tc.want) > 1e-9 {
			t.Errorf("textWidth(%q, %g, %v) = %g, want %g", tc.s, tc.size, tc.bold, got, tc.want)
		}
	}
}

// benchTree is a lineage-like tree of n nodes, each with up to four
// children, a merger every seventh node.
func benchTree(n int) *glayout {
	var widths []float64
	var edges []ledge
	for i := range n {
		widths = append(widths, 80+float64(i%5)*30)
		if i > 0 {
			edges = append(edges, e((i-1)/4, i))
		}
		if i%7 == 6 {
			edges = append(edges, labelled(i, i/3, true))
		}
	}
	return testGraph(widths, false, edges...)
}

func BenchmarkLayered(b *testing.B) {
	for _, n := range []int{20, 100, 300} {
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			for b.Loop() {
				benchTree(n).layered(layeredOpts{NodeSep: 20, RankSep: 44, Margin: 12})
			}
		})
	}
}

func BenchmarkRadial(b *testing.B) {
	g := func() *glayout {
		var widths []float64
		var edges []ledge
		for i := range 28 {
			widths = append(widths, 90+float64(i%4)*40)
			if i > 0 {
				edges = append(edges, labelled(0, i, false))
			}
			if i > 1 && i%3 == 0 {
				edges = append(edges, labelled(i, i-2, false))
			}
		}
		return testGraph(widths, true, edges...)
	}
	for b.Loop() {
		g().radial(0, radialOpts{RingSep: 56, NodeSep: 10, Aspect: 1.6, Margin: 12})
	}
}
