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
