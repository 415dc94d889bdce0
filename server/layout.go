package server

import (
	"math"
	"sort"
)

// Graphs are laid out here, in Go: a layered (Sugiyama) layout for lineage
// trees and a radial one for the graph around an entity. A layout only
// places boxes and routes edges; graph.go turns the result into what the
// templates draw.

// point is a position in the drawing, y growing downwards.
type point struct{ X, Y float64 }

// lnode is a node to place: its size in, its centre out.
type lnode struct {
	W, H    float64
	Ellipse bool    // the node is drawn as the ellipse inscribed in its box
	X, Y    float64 // centre, set by the layout
}

// ledge is an edge to route from node From to node To.
type ledge struct {
	From, To int
	// Free edges do not rank To below From in a layered layout (a merger
	// drawn across the tree); they are routed all the same.
	Free           bool
	LabelW, LabelH float64 // size of the label, zero for none
	// Path, set by the layout, starts on From's border and ends on To's:
	// either two points (a line) or a start and then triples of cubic
	// Bézier control points and end point.
	Path   []point
	LX, LY float64 // centre of the label
}

// glayout is a graph to lay out and, once laid out, its size.
type glayout struct {
	Nodes []lnode
	Edges []ledge
	W, H  float64
}

func (e *ledge) labelled() bool { return e.LabelW > 0 && e.LabelH > 0 }

// box is an axis-aligned rectangle given by its corners.
type box struct{ x0, y0, x1, y1 float64 }

func (b box) overlaps(o box) bool {
	return b.x0 < o.x1 && o.x0 < b.x1 && b.y0 < o.y1 && o.y0 < b.y1
}

func (n *lnode) box(pad float64) box {
	return box{n.X - n.W/2 - pad, n.Y - n.H/2 - pad, n.X + n.W/2 + pad, n.Y + n.H/2 + pad}
}

// border returns where the ray from n's centre towards p leaves n's shape
// (its box, or the ellipse inscribed in it).
func (n *lnode) border(p point) point {
	dx, dy := p.X-n.X, p.Y-n.Y
	if dx == 0 && dy == 0 {
		return point{n.X, n.Y}
	}
	var t float64
	if n.Ellipse {
		a, b := n.W/2, n.H/2
		t = 1 / math.Sqrt(dx*dx/(a*a)+dy*dy/(b*b))
	} else {
		t = math.Inf(1)
		if dx != 0 {
			t = (n.W / 2) / math.Abs(dx)
		}
		if dy != 0 {
			t = math.Min(t, (n.H/2)/math.Abs(dy))
		}
	}
	return point{n.X + dx*t, n.Y + dy*t}
}

// fit moves everything so that the drawing starts at margin, and sets the
// size of the drawing: the nodes, the edges' control points (a Bézier curve
// lies inside them) and the labels, with margin all round.
func (g *glayout) fit(margin float64) {
	b := box{math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)}
	grow := func(o box) {
		b = box{math.Min(b.x0, o.x0), math.Min(b.y0, o.y0), math.Max(b.x1, o.x1), math.Max(b.y1, o.y1)}
	}
	for i := range g.Nodes {
		grow(g.Nodes[i].box(0))
	}
	for i := range g.Edges {
		e := &g.Edges[i]
		for _, p := range e.Path {
			grow(box{p.X, p.Y, p.X, p.Y})
		}
		if e.labelled() {
			grow(box{e.LX - e.LabelW/2, e.LY - e.LabelH/2, e.LX + e.LabelW/2, e.LY + e.LabelH/2})
		}
	}
	if math.IsInf(b.x0, 1) {
		b = box{}
	}
	dx, dy := margin-b.x0, margin-b.y0
	for i := range g.Nodes {
		g.Nodes[i].X += dx
		g.Nodes[i].Y += dy
	}
	for i := range g.Edges {
		e := &g.Edges[i]
		for j := range e.Path {
			e.Path[j].X += dx
			e.Path[j].Y += dy
		}
		e.LX += dx
		e.LY += dy
	}
	g.W, g.H = b.x1-b.x0+2*margin, b.y1-b.y0+2*margin
}

// cubic returns the point at t on the Bézier curve p0 c1 c2 p1.
func cubic(p0, c1, c2, p1 point, t float64) point {
	s := 1 - t
	a, b, c, d := s*s*s, 3*s*s*t, 3*s*t*t, t*t*t
	return point{a*p0.X + b*c1.X + c*c2.X + d*p1.X, a*p0.Y + b*c1.Y + c*c2.Y + d*p1.Y}
}

// line returns the straight segment from a to b as a Bézier piece (the
// control points a third of the way along).
func line(a, b point) [3]point {
	return [3]point{{a.X + (b.X-a.X)/3, a.Y + (b.Y-a.Y)/3}, {a.X + 2*(b.X-a.X)/3, a.Y + 2*(b.Y-a.Y)/3}, b}
}

// Layered layout.

// layeredOpts are the spacings of a layered layout.
type layeredOpts struct {
	LeftRight bool    // ranks from left to right, instead of top down
	NodeSep   float64 // between nodes of a rank
	RankSep   float64 // between ranks
	Margin    float64
}

// A layered layout is computed along two axes: u, across the ranks (x when
// top down), and v, down the ranks (y when top down). A node's breadth is
// its size along u and its depth its size along v.

type lay struct {
	rank    int
	breadth float64
	depth   float64
	virtual bool
	up      []int // neighbours in the rank above (segments of edges)
	down    []int // neighbours in the rank below
	u, v    float64
}

// chain is an edge of the layered graph: the nodes it goes through from
// its upper end to its lower one, virtual nodes between.
type chain struct {
	nodes    []int
	reversed bool // the edge goes up: its From is the chain's last node
	flat     bool // both ends in one rank
	label    int  // the virtual node holding the label, or -1
}

// layered places g's nodes in ranks: each node one rank below the lowest of
// its parents by the edges that are not Free (longest path from the roots,
// cycles broken by reversing back edges), orders each rank by barycenter
// sweeps to cut crossings, packs the ranks with their nodes' sizes and
// routes the edges as curves between the ranks (labels in the gaps, or
// beside a virtual node for an edge across several ranks).
func (g *glayout) layered(o layeredOpts) {
	n := len(g.Nodes)
	if n == 0 {
		g.W, g.H = 2*o.Margin, 2*o.Margin
		return
	}
	ls := make([]lay, n)
	for i, nd := range g.Nodes {
		ls[i] = lay{breadth: nd.W, depth: nd.H}
		if o.LeftRight {
			ls[i].breadth, ls[i].depth = nd.H, nd.W
		}
	}
	rank := g.ranks()
	for i := range ls {
		ls[i].rank = rank[i]
	}
	nranks := 0
	for _, r := range rank {
		nranks = max(nranks, r+1)
	}
	// chains, with virtual nodes for edges across several ranks
	gapLabel := make([]float64, nranks) // depth the labels need in the gap below a rank
	chains := make([]chain, len(g.Edges))
	for i := range g.Edges {
		e := &g.Edges[i]
		labelBreadth, labelDepth := e.LabelW, e.LabelH
		if o.LeftRight {
			labelBreadth, labelDepth = e.LabelH, e.LabelW
		}
		a, b := e.From, e.To
		c := chain{label: -1}
		if rank[a] > rank[b] {
			a, b, c.reversed = b, a, true
		}
		c.nodes = []int{a}
		c.flat = rank[a] == rank[b]
		if e.From == e.To {
			c.flat = true
		}
		span := rank[b] - rank[a]
		for r := rank[a] + 1; r < rank[b]; r++ {
			v := lay{rank: r, breadth: 2, virtual: true}
			if e.labelled() && r == rank[a]+span/2 {
				v.breadth, v.depth = labelBreadth, labelDepth
				c.label = len(ls)
			}
			ls = append(ls, v)
			c.nodes = append(c.nodes, len(ls)-1)
		}
		c.nodes = append(c.nodes, b)
		if !c.flat {
			for j := 0; j+1 < len(c.nodes); j++ {
				x, y := c.nodes[j], c.nodes[j+1]
				ls[x].down = append(ls[x].down, y)
				ls[y].up = append(ls[y].up, x)
			}
		}
		if e.labelled() && (span == 1 || c.flat) {
			gapLabel[rank[a]] += labelDepth + 6 // room to stack the gap's labels
		}
		chains[i] = c
	}
	layers := initialOrder(ls, n, nranks)
	reduceCrossings(ls, layers)
	placeAcross(ls, layers, o.NodeSep)
	// v: each rank a band as deep as its deepest node, the gaps below them
	// deep enough for the labels in them
	bandStart := make([]float64, nranks)
	bandEnd := make([]float64, nranks)
	gap := make([]float64, nranks)
	v := 0.0
	for r, layer := range layers {
		depth := 0.0
		for _, x := range layer {
			depth = max(depth, ls[x].depth)
		}
		gap[r] = o.RankSep
		if gapLabel[r] > 0 {
			gap[r] = max(gap[r], gapLabel[r]+16)
		}
		bandStart[r], bandEnd[r] = v, v+depth
		for _, x := range layer {
			ls[x].v = v + depth/2
		}
		v += depth + gap[r]
	}
	// back to x and y
	at := func(u, v float64) point {
		if o.LeftRight {
			return point{v, u}
		}
		return point{u, v}
	}
	for i := range g.Nodes {
		p := at(ls[i].u, ls[i].v)
		g.Nodes[i].X, g.Nodes[i].Y = p.X, p.Y
	}
	curves := make([]gapCurve, len(g.Edges))
	for i := range g.Edges {
		curves[i] = g.routeLayered(i, chains[i], ls, bandStart, bandEnd, gap, at)
	}
	g.placeGapLabels(curves, chains, o.LeftRight, at)
	g.fit(o.Margin)
}

// gapCurve is the curve of an edge across a gap between ranks (or into the
// gap below its rank, for a flat edge), in u and v, and the band of v the
// gap leaves for a label.
type gapCurve struct {
	ok     bool
	p      [4]point
	lo, hi float64
}

// placeGapLabels puts each label of an edge across a gap on its curve (its
// depth kept within the gap) where it covers no node and no other label,
// trying from the middle outwards (the middle if nowhere).
func (g *glayout) placeGapLabels(curves []gapCurve, chains []chain, leftRight bool, at func(u, v float64) point) {
	var taken []box
	for i := range g.Nodes {
		taken = append(taken, g.Nodes[i].box(2))
	}
	labelBox := func(e *ledge, x, y float64) box {
		return box{x - e.LabelW/2, y - e.LabelH/2, x + e.LabelW/2, y + e.LabelH/2}
	}
	for i := range g.Edges { // labels beside virtual nodes stay where they are
		if e := &g.Edges[i]; e.labelled() && chains[i].label >= 0 {
			taken = append(taken, labelBox(e, e.LX, e.LY))
		}
	}
	for i, c := range curves {
		e := &g.Edges[i]
		if !c.ok || !e.labelled() {
			continue
		}
		depth := e.LabelH
		if leftRight {
			depth = e.LabelW
		}
		var first box
		for k, t := range []float64{0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8} {
			q := cubic(c.p[0], c.p[1], c.p[2], c.p[3], t)
			v := math.Min(math.Max(q.Y, c.lo+depth/2), c.hi-depth/2)
			p := at(q.X, v)
			lb := labelBox(e, p.X, p.Y)
			if k == 0 {
				first = lb
			}
			if !overlapsAny(lb, taken) {
				first = lb
				break
			}
		}
		e.LX, e.LY = (first.x0+first.x1)/2, (first.y0+first.y1)/2
		taken = append(taken, first)
	}
}

// ranks returns each node's rank: the length of the longest path to it
// from a root, by the edges that are not Free, cycles broken by taking the
// edges that close them (in a depth-first search in node order) backwards.
func (g *glayout) ranks() []int {
	n := len(g.Nodes)
	out := make([][]int, n)
	for _, e := range g.Edges {
		if !e.Free && e.From != e.To {
			out[e.From] = append(out[e.From], e.To)
		}
	}
	// depth-first search: an edge to a node on the stack is taken backwards
	const (
		unseen = iota
		onStack
		done
	)
	state := make([]int, n)
	succ := make([][]int, n)
	var dfs func(v int)
	dfs = func(v int) {
		state[v] = onStack
		for _, w := range out[v] {
			switch state[w] {
			case onStack:
				succ[w] = append(succ[w], v)
			case unseen:
				succ[v] = append(succ[v], w)
				dfs(w)
			default:
				succ[v] = append(succ[v], w)
			}
		}
		state[v] = done
	}
	for v := range n {
		if state[v] == unseen {
			dfs(v)
		}
	}
	// longest path, in topological order
	indeg := make([]int, n)
	for v := range n {
		for _, w := range succ[v] {
			indeg[w]++
		}
	}
	rank := make([]int, n)
	var queue []int
	for v := range n {
		if indeg[v] == 0 {
			queue = append(queue, v)
		}
	}
	for len(queue) > 0 {
		v := queue[0]
		queue = queue[1:]
		for _, w := range succ[v] {
			rank[w] = max(rank[w], rank[v]+1)
			if indeg[w]--; indeg[w] == 0 {
				queue = append(queue, w)
			}
		}
	}
	return rank
}

// initialOrder orders each rank as a depth-first search from the real
// nodes, in their order, reaches them.
func initialOrder(ls []lay, real, nranks int) [][]int {
	layers := make([][]int, nranks)
	seen := make([]bool, len(ls))
	var visit func(v int)
	visit = func(v int) {
		if seen[v] {
			return
		}
		seen[v] = true
		layers[ls[v].rank] = append(layers[ls[v].rank], v)
		for _, w := range ls[v].down {
			visit(w)
		}
	}
	for v := range real {
		if len(ls[v].up) == 0 {
			visit(v)
		}
	}
	for v := range ls {
		visit(v)
	}
	return layers
}

// crossings counts the crossings of the segments between every two
// adjacent ranks.
func crossings(ls []lay, layers [][]int) int {
	pos := make([]int, len(ls))
	for _, layer := range layers {
		for i, v := range layer {
			pos[v] = i
		}
	}
	total := 0
	for r := 0; r+1 < len(layers); r++ {
		var segs [][2]int
		for _, v := range layers[r] {
			for _, w := range ls[v].down {
				segs = append(segs, [2]int{pos[v], pos[w]})
			}
		}
		for i := range segs {
			for j := i + 1; j < len(segs); j++ {
				a, b := segs[i], segs[j]
				if (a[0] < b[0] && a[1] > b[1]) || (a[0] > b[0] && a[1] < b[1]) {
					total++
				}
			}
		}
	}
	return total
}

// reduceCrossings reorders the ranks by barycenter sweeps, down then up,
// keeping the order with the fewest crossings seen.
func reduceCrossings(ls []lay, layers [][]int) {
	const sweeps = 8
	pos := make([]float64, len(ls))
	setPos := func() {
		for _, layer := range layers {
			for i, v := range layer {
				pos[v] = float64(i)
			}
		}
	}
	copyLayers := func() [][]int {
		c := make([][]int, len(layers))
		for i, l := range layers {
			c[i] = append([]int(nil), l...)
		}
		return c
	}
	best, bestN := copyLayers(), crossings(ls, layers)
	for s := 0; s < sweeps && bestN > 0; s++ {
		setPos()
		down := s%2 == 0
		for k := range layers {
			r := k
			if !down {
				r = len(layers) - 1 - k
			}
			layer := layers[r]
			bary := make(map[int]float64, len(layer))
			var movable []int
			fixed := make(map[int]bool)
			for _, v := range layer {
				nb := ls[v].up
				if !down {
					nb = ls[v].down
				}
				if len(nb) == 0 {
					fixed[v] = true
					continue
				}
				sum := 0.0
				for _, w := range nb {
					sum += pos[w]
				}
				bary[v] = sum / float64(len(nb))
				movable = append(movable, v)
			}
			sort.SliceStable(movable, func(i, j int) bool { return bary[movable[i]] < bary[movable[j]] })
			next := 0
			for i, v := range layer {
				if fixed[v] {
					continue
				}
				layer[i] = movable[next]
				next++
			}
			for i, v := range layer {
				pos[v] = float64(i)
			}
		}
		if c := crossings(ls, layers); c < bestN {
			best, bestN = copyLayers(), c
		}
	}
	for i := range layers {
		copy(layers[i], best[i])
	}
}

// placeAcross sets u: each rank packed in its order, then pulled by
// alternate sweeps towards its neighbours above and below, the ranks kept
// in order and apart (each sweep solves the rank exactly: least squares to
// the pulls, under the spacing constraints).
func placeAcross(ls []lay, layers [][]int, sep float64) {
	gapAfter := func(a, b int) float64 {
		s := sep
		if ls[a].virtual && ls[b].virtual {
			s = sep / 2
		}
		return (ls[a].breadth+ls[b].breadth)/2 + s
	}
	for _, layer := range layers {
		u := 0.0
		for i, v := range layer {
			if i > 0 {
				u += gapAfter(layer[i-1], v)
			}
			ls[v].u = u
		}
	}
	const sweeps = 12
	for s := 0; s < sweeps; s++ {
		down := s%2 == 0
		for k := range layers {
			r := k
			if !down {
				r = len(layers) - 1 - k
			}
			layer := layers[r]
			want := make([]float64, len(layer))
			weight := make([]float64, len(layer))
			for i, v := range layer {
				nb := ls[v].up
				if !down {
					nb = ls[v].down
				}
				want[i], weight[i] = ls[v].u, 0.05
				if len(nb) > 0 {
					sum := 0.0
					for _, w := range nb {
						sum += ls[w].u
					}
					want[i], weight[i] = sum/float64(len(nb)), 1
					if ls[v].virtual {
						weight[i] = 2 // long edges straight
					}
				}
			}
			minGap := make([]float64, len(layer))
			for i := 1; i < len(layer); i++ {
				minGap[i] = gapAfter(layer[i-1], layer[i])
			}
			for i, u := range spaced(want, weight, minGap) {
				ls[layer[i]].u = u
			}
		}
	}
	lo := math.Inf(1)
	for i := range ls {
		lo = math.Min(lo, ls[i].u-ls[i].breadth/2)
	}
	for i := range ls {
		ls[i].u -= lo
	}
}

// spaced returns the positions x minimizing Σ weight·(x−want)² under
// x[i] − x[i−1] ≥ minGap[i]: with y[i] = x[i] − Σ minGap up to i, an
// isotonic regression, solved by pooling adjacent violators.
func spaced(want, weight, minGap []float64) []float64 {
	n := len(want)
	off := make([]float64, n)
	for i := 1; i < n; i++ {
		off[i] = off[i-1] + minGap[i]
	}
	type block struct {
		sum, w float64 // weighted sum and weight
		n      int
	}
	var blocks []block
	for i := range n {
		blocks = append(blocks, block{weight[i] * (want[i] - off[i]), weight[i], 1})
		for len(blocks) > 1 {
			a, b := blocks[len(blocks)-2], blocks[len(blocks)-1]
			if a.sum/a.w <= b.sum/b.w {
				break
			}
			blocks = append(blocks[:len(blocks)-2], block{a.sum + b.sum, a.w + b.w, a.n + b.n})
		}
	}
	out := make([]float64, 0, n)
	for _, b := range blocks {
		for range b.n {
			out = append(out, b.sum/b.w+off[len(out)])
		}
	}
	return out
}

// routeLayered routes edge i along its chain: out of the upper node's
// lower side, straight to the edge of its rank's band, a curve across each
// gap (straight on through the bands of virtual nodes) and into the lower
// node's upper side; a flat edge bulges into the gap below its rank.
func (g *glayout) routeLayered(i int, c chain, ls []lay, bandStart, bandEnd, gap []float64, at func(u, v float64) point) gapCurve {
	var gc gapCurve
	e := &g.Edges[i]
	first, last := c.nodes[0], c.nodes[len(c.nodes)-1]
	var pts []point
	add := func(ps ...point) { pts = append(pts, ps...) }
	straight := func(u, v float64) { // extend the path straight to (u, v)
		p := pts[len(pts)-1]
		if q := at(u, v); q != p {
			s := line(p, q)
			add(s[:]...)
		}
	}
	labelAt := func(p point) { e.LX, e.LY = p.X, p.Y }
	uv := func(u, v float64) point { return point{u, v} }
	if c.flat {
		a, b := &ls[first], &ls[last]
		r := a.rank
		bulge := bandEnd[r] + gap[r]*0.6
		if first == last { // a loop: out and back in, beside the node
			add(at(a.u-a.breadth/4, a.v+a.depth/2))
			add(at(a.u-a.breadth/4, bulge), at(a.u+a.breadth/4, bulge), at(a.u+a.breadth/4, a.v+a.depth/2))
		} else {
			add(at(a.u, a.v+a.depth/2))
			straight(a.u, bandEnd[r])
			add(at(a.u, bulge), at(b.u, bulge), at(b.u, bandEnd[r]))
			straight(b.u, b.v+b.depth/2)
		}
		if e.labelled() {
			labelAt(at((a.u+b.u)/2, bandEnd[r]+gap[r]*0.45))
			gc = gapCurve{true, [4]point{uv(a.u, bandEnd[r]), uv(a.u, bulge), uv(b.u, bulge), uv(b.u, bandEnd[r])},
				bandEnd[r] + 2, bandEnd[r] + gap[r] - 2}
		}
	} else {
		a := &ls[first]
		add(at(a.u, a.v+a.depth/2))
		for j := 0; j+1 < len(c.nodes); j++ {
			x, y := &ls[c.nodes[j]], &ls[c.nodes[j+1]]
			straight(x.u, bandEnd[x.rank])
			p0, p1 := at(x.u, bandEnd[x.rank]), at(y.u, bandStart[y.rank])
			mid := (bandEnd[x.rank] + bandStart[y.rank]) / 2
			c1, c2 := at(x.u, mid), at(y.u, mid)
			add(c1, c2, p1)
			if e.labelled() && c.label < 0 && j == 0 {
				labelAt(cubic(p0, c1, c2, p1, 0.5))
				gc = gapCurve{true, [4]point{uv(x.u, bandEnd[x.rank]), uv(x.u, mid), uv(y.u, mid), uv(y.u, bandStart[y.rank])},
					bandEnd[x.rank] + 2, bandStart[y.rank] - 2}
			}
			if c.nodes[j+1] == c.label {
				labelAt(at(y.u, y.v))
			}
			if j+2 < len(c.nodes) { // through a virtual node's band
				straight(y.u, bandEnd[y.rank])
			}
		}
		b := &ls[last]
		straight(b.u, b.v-b.depth/2)
	}
	if c.reversed {
		for l, r := 0, len(pts)-1; l < r; l, r = l+1, r-1 {
			pts[l], pts[r] = pts[r], pts[l]
		}
	}
	e.Path = pts
	return gc
}

// Radial layout.

// radialOpts are the spacings of a radial layout.
type radialOpts struct {
	RingSep float64 // least distance between rings, beyond the nodes' sizes
	NodeSep float64 // least gap between two nodes
	Aspect  float64 // the rings' width over their height (wide labels fit better on wide rings)
	Margin  float64
}

// radial places centre in the middle and every other node on the ring of
// its distance from it (edges taken both ways; nodes out of its reach on
// the first ring), each node in the middle of an angle shared among its
// parent's children by the size of their subtrees (the tree of a
// breadth-first search in edge order). Each ring is pushed out until its
// nodes clear one another and the rings inside. Edges are straight lines
// between the nodes' borders, each label where it covers no node and no
// other label, if there is such a place along its edge.
func (g *glayout) radial(centre int, o radialOpts) {
	n := len(g.Nodes)
	if n == 0 {
		g.W, g.H = 2*o.Margin, 2*o.Margin
		return
	}
	adj := make([][]int, n)
	for _, e := range g.Edges {
		if e.From != e.To {
			adj[e.From] = append(adj[e.From], e.To)
			adj[e.To] = append(adj[e.To], e.From)
		}
	}
	ring := make([]int, n)
	parent := make([]int, n)
	for i := range ring {
		ring[i], parent[i] = -1, -1
	}
	ring[centre] = 0
	order := []int{centre}
	bfs := func(from int) {
		for q := from; q < len(order); q++ {
			v := order[q]
			for _, w := range adj[v] {
				if ring[w] < 0 {
					ring[w], parent[w] = ring[v]+1, v
					order = append(order, w)
				}
			}
		}
	}
	bfs(0)
	for v := range n {
		if ring[v] < 0 {
			ring[v], parent[v] = 1, centre
			order = append(order, v)
			bfs(len(order) - 1)
		}
	}
	children := make([][]int, n)
	for _, v := range order[1:] {
		children[parent[v]] = append(children[parent[v]], v)
	}
	links := map[[2]int]int{}
	for _, e := range g.Edges {
		links[[2]int{e.From, e.To}]++
		links[[2]int{e.To, e.From}]++
	}
	for v := range children {
		children[v] = linkedOrder(children[v], links)
	}
	size := make([]float64, n) // leaves under a node
	for k := len(order) - 1; k >= 0; k-- {
		v := order[k]
		for _, w := range children[v] {
			size[v] += size[w]
		}
		size[v] = max(size[v], 1)
	}
	angle := make([]float64, n)
	var share func(v int, from, to float64)
	share = func(v int, from, to float64) {
		angle[v] = (from + to) / 2
		a := from
		for _, w := range children[v] {
			span := (to - from) * size[w] / size[v]
			share(w, a, a+span)
			a += span
		}
	}
	share(centre, -math.Pi/2, 3*math.Pi/2)
	// rings, inside out
	nd := g.Nodes
	nd[centre].X, nd[centre].Y = 0, 0
	maxRing := 0
	for _, r := range ring {
		maxRing = max(maxRing, r)
	}
	placed := []int{centre}
	radius := 0.0
	for r := 1; r <= maxRing; r++ {
		var on []int
		for _, v := range order {
			if ring[v] == r {
				on = append(on, v)
			}
		}
		inner := 0.0 // reach of the rings inside, along the rays
		outer := 0.0
		for _, v := range placed {
			inner = math.Max(inner, math.Hypot(nd[v].W/2, nd[v].H/2))
		}
		for _, v := range on {
			outer = math.Max(outer, nd[v].H/2)
		}
		radius = math.Max(radius+o.RingSep, radius+outer+o.RingSep)
		if r == 1 {
			radius = math.Max(radius, inner+outer+o.RingSep)
		}
		for try := 0; ; try++ {
			for _, v := range on {
				nd[v].X = radius * o.Aspect * math.Cos(angle[v])
				nd[v].Y = radius * math.Sin(angle[v])
			}
			if try == 200 || !crowded(nd, on, placed, o.NodeSep) {
				break
			}
			radius *= 1.04
		}
		placed = append(placed, on...)
	}
	g.routeStraight()
	g.fit(o.Margin)
}

// linkedOrder orders siblings so that linked ones sit side by side, their
// edges short: from the first, each next one the most linked to the one
// before it, then to all before it, then the first in the given order.
func linkedOrder(vs []int, links map[[2]int]int) []int {
	if len(vs) < 3 {
		return vs
	}
	out := []int{vs[0]}
	rest := append([]int(nil), vs[1:]...)
	for len(rest) > 0 {
		best, bestLast, bestAll := 0, -1, -1
		for i, w := range rest {
			last := links[[2]int{out[len(out)-1], w}]
			all := 0
			for _, p := range out {
				all += links[[2]int{p, w}]
			}
			if last > bestLast || (last == bestLast && all > bestAll) {
				best, bestLast, bestAll = i, last, all
			}
		}
		out = append(out, rest[best])
		rest = append(rest[:best], rest[best+1:]...)
	}
	return out
}

// crowded tells whether a node of on overlaps another of on or one of
// placed, with sep between.
func crowded(nd []lnode, on, placed []int, sep float64) bool {
	for i, v := range on {
		bv := nd[v].box(sep / 2)
		for _, w := range on[i+1:] {
			if bv.overlaps(nd[w].box(sep / 2)) {
				return true
			}
		}
		for _, w := range placed {
			if bv.overlaps(nd[w].box(sep / 2)) {
				return true
			}
		}
	}
	return false
}

// routeStraight draws every edge as a line between its nodes' borders,
// or, where the line would cross another node, as the least bent curve
// that clears the nodes (bent to either side, further and further); and
// puts each label on its edge where it covers no node and no label placed
// before it, trying from the middle outwards (the middle if nowhere).
func (g *glayout) routeStraight() {
	var nodes, taken []box
	for i := range g.Nodes {
		nodes = append(nodes, g.Nodes[i].box(2))
	}
	taken = append(taken, nodes...)
	for i := range g.Edges {
		e := &g.Edges[i]
		a, b := &g.Nodes[e.From], &g.Nodes[e.To]
		e.Path = []point{a.border(point{b.X, b.Y}), b.border(point{a.X, a.Y})}
		clear := func(p []point) bool {
			for t := 0.0; t <= 1; t += 1.0 / 32 {
				q := along(p, t)
				for j, nb := range nodes {
					if j != e.From && j != e.To && q.X > nb.x0 && q.X < nb.x1 && q.Y > nb.y0 && q.Y < nb.y1 {
						return false
					}
				}
			}
			return true
		}
		if e.From != e.To && !clear(e.Path) {
			dx, dy := b.X-a.X, b.Y-a.Y
			d := math.Hypot(dx, dy)
			nx, ny := -dy/d, dx/d // normal to the line
		bend:
			for _, off := range []float64{30, 55, 85, 120, 160} {
				for _, side := range []float64{1, -1} {
					o := off * side
					c1 := point{a.X + dx/3 + nx*o, a.Y + dy/3 + ny*o}
					c2 := point{a.X + 2*dx/3 + nx*o, a.Y + 2*dy/3 + ny*o}
					p := []point{a.border(c1), c1, c2, b.border(c2)}
					if clear(p) {
						e.Path = p
						break bend
					}
				}
			}
		}
		if !e.labelled() {
			continue
		}
		at := func(t float64) box {
			q := along(e.Path, t)
			return box{q.X - e.LabelW/2, q.Y - e.LabelH/2, q.X + e.LabelW/2, q.Y + e.LabelH/2}
		}
		best := at(0.5)
		for _, t := range []float64{0.5, 0.42, 0.58, 0.34, 0.66, 0.26, 0.74, 0.18, 0.82} {
			lb := at(t)
			if !overlapsAny(lb, taken) {
				best = lb
				break
			}
		}
		e.LX, e.LY = (best.x0+best.x1)/2, (best.y0+best.y1)/2
		taken = append(taken, best)
	}
}

// along returns the point at t (0 to 1) of a path of two points (a line)
// or of one cubic curve.
func along(p []point, t float64) point {
	if len(p) == 4 {
		return cubic(p[0], p[1], p[2], p[3], t)
	}
	return point{p[0].X + (p[1].X-p[0].X)*t, p[0].Y + (p[1].Y-p[0].Y)*t}
}

// overlapsAny reports whether b overlaps one of the boxes taken.
func overlapsAny(b box, taken []box) bool {
	for _, o := range taken {
		if b.overlaps(o) {
			return true
		}
	}
	return false
}
