package distance

// PanelRows is how many rows a panel holds.
const PanelRows = 32

// Panels lays out rows (d floats each, back to back) for DotPanels: groups
// of PanelRows rows stored dimension-major, so the group's values of one
// dimension are adjacent. The last group is padded with zero rows. Scoring
// one query against many short rows (k-means centroids, PQ codewords) this
// way needs no per-row call or horizontal sum, which dominate row-major
// batch kernels at small dimensions.
func Panels(rows []float32, d int) []float32 {
	n := 0
	if d > 0 {
		n = len(rows) / d
	}
	np := (n + PanelRows - 1) / PanelRows
	out := make([]float32, np*PanelRows*d)
	for r := 0; r < n; r++ {
		base := (r / PanelRows) * PanelRows * d
		for j, x := range rows[r*d : (r+1)*d] {
			out[base+j*PanelRows+r%PanelRows] = x
		}
	}
	return out
}

// DotPanels writes to out[i] the dot product of q with row i of panels
// (built by Panels with d = len(q)). len(out) must be a multiple of
// PanelRows; padding rows score 0.
func DotPanels(q, panels, out []float32) {
	if len(out)%PanelRows != 0 {
		panic("BUG: DotPanels output not a whole number of panels")
	}
	dotPanelsImpl(q, panels[:len(q)*len(out)], out)
}

// DotPanelsGeneric is the reference DotPanels.
func DotPanelsGeneric(q, panels, out []float32) {
	d := len(q)
	for p := 0; p < len(out)/PanelRows; p++ {
		acc := out[p*PanelRows : (p+1)*PanelRows]
		clear(acc)
		panel := panels[p*d*PanelRows : (p+1)*d*PanelRows]
		for j, x := range q {
			col := panel[j*PanelRows : (j+1)*PanelRows]
			for i := range acc {
				acc[i] += x * col[i]
			}
		}
	}
}

// L2SqPanels writes to out[i] the squared L2 distance from q to row i of
// panels (built by Panels with d = len(q)). len(out) must be a multiple of
// PanelRows; padding rows score ||q||². Unlike the expansion through
// DotPanels and stored norms it reads nothing but the panels and rounds
// like L2Sq rather than relative to the norms.
func L2SqPanels(q, panels, out []float32) {
	if len(out)%PanelRows != 0 {
		panic("BUG: L2SqPanels output not a whole number of panels")
	}
	l2SqPanelsImpl(q, panels[:len(q)*len(out)], out)
}

// L2SqPanelsGeneric is the reference L2SqPanels.
func L2SqPanelsGeneric(q, panels, out []float32) {
	d := len(q)
	for p := 0; p < len(out)/PanelRows; p++ {
		acc := out[p*PanelRows : (p+1)*PanelRows]
		clear(acc)
		panel := panels[p*d*PanelRows : (p+1)*d*PanelRows]
		for j, x := range q {
			col := panel[j*PanelRows : (j+1)*PanelRows]
			for i := range acc {
				t := col[i] - x
				acc[i] += t * t
			}
		}
	}
}

// NearestPanels returns the row i of panels (built by Panels with
// d = len(q)) minimizing norms[i] - 2·q·row_i, and that value: with
// norms[i] = ||row_i||² this is the nearest row under L2 (the value is the
// squared distance less ||q||²). norms has one entry per panel row; padding
// rows must hold +Inf so they never win. Ties go to the lower row. len(norms)
// must be a multiple of PanelRows and at least one.
func NearestPanels(q, panels, norms []float32) (int, float32) {
	if len(norms)%PanelRows != 0 || len(norms) == 0 {
		panic("BUG: NearestPanels norms not a whole, non-empty number of panels")
	}
	return nearestPanelsImpl(q, panels[:len(q)*len(norms)], norms)
}

// NearestPanelsGeneric is the reference NearestPanels.
func NearestPanelsGeneric(q, panels, norms []float32) (int, float32) {
	var dots [PanelRows]float32
	best, bestS := 0, norms[0]
	first := true
	d := len(q)
	for p := 0; p < len(norms)/PanelRows; p++ {
		DotPanelsGeneric(q, panels[p*d*PanelRows:(p+1)*d*PanelRows], dots[:])
		for i, dot := range dots {
			s := norms[p*PanelRows+i] - 2*dot
			if first || s < bestS {
				best, bestS, first = p*PanelRows+i, s, false
			}
		}
	}
	return best, bestS
}

// reduceLanes picks, from a lane-parallel kernel's eight running minima and
// their rows, the smallest value and the lowest row holding it.
func reduceLanes(best *[8]float32, idx *[8]int32) (int, float32) {
	b := 0
	for l := 1; l < 8; l++ {
		if best[l] < best[b] || best[l] == best[b] && idx[l] < idx[b] {
			b = l
		}
	}
	return int(idx[b]), best[b]
}
