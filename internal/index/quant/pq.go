package quant

import (
	"encoding/binary"

	"github.com/kite-db/kite/internal/distance"
	"github.com/kite-db/kite/internal/index/kmeans"
)

// PQ is a product quantizer: M sub-spaces of Dsub dimensions, each with a
// codebook of Ksub = 2^Nbits codewords.
type PQ struct {
	M, Nbits, Dsub, Ksub int
	// Codebooks holds M·Ksub codewords of Dsub floats: sub-space s's
	// codeword k is at (s·Ksub + k)·Dsub.
	Codebooks []float32

	// Derived by Prepare: each sub-space's codebook in panels
	// (distance.Panels, padded to kpad rows) and the codewords' squared
	// lengths (+Inf for padding).
	panels []float32
	norms  []float32
	kpad   int
}

// Prepare derives the search layout from Codebooks; call it after Train or
// after setting Codebooks, before Encode or DotTable.
func (p *PQ) Prepare() {
	p.kpad = (p.Ksub + distance.PanelRows - 1) / distance.PanelRows * distance.PanelRows
	p.panels = make([]float32, 0, p.M*p.kpad*p.Dsub)
	p.norms = make([]float32, 0, p.M*p.kpad)
	for s := 0; s < p.M; s++ {
		panels, norms := kmeans.PanelsWithNorms(p.codebook(s), p.Dsub)
		p.panels = append(p.panels, panels...)
		p.norms = append(p.norms, norms...)
	}
}

func (p PQ) panel(s int) []float32 { return p.panels[s*p.kpad*p.Dsub : (s+1)*p.kpad*p.Dsub] }

// NewPQ returns a PQ shape with codebooks to be filled (by Train or a file).
func NewPQ(dim, m, nbits int) PQ {
	return PQ{M: m, Nbits: nbits, Dsub: dim / m, Ksub: 1 << nbits}
}

// CodeBytes is the size of one code: a byte per sub-space when Nbits <= 8,
// else two (little-endian).
func (p PQ) CodeBytes() int {
	if p.Nbits <= 8 {
		return p.M
	}
	return 2 * p.M
}

// Train learns the codebooks from the rows of data by k-means in each
// sub-space. With fewer rows than Ksub, the spare codewords stay zero and
// are never chosen over a trained one that is nearer.
func (p *PQ) Train(data []float32, seed uint64, workers int) {
	dim := p.M * p.Dsub
	n := len(data) / dim
	p.Codebooks = make([]float32, p.M*p.Ksub*p.Dsub)
	sub := make([]float32, n*p.Dsub)
	for s := 0; s < p.M; s++ {
		for i := 0; i < n; i++ {
			copy(sub[i*p.Dsub:(i+1)*p.Dsub], data[i*dim+s*p.Dsub:])
		}
		cent := kmeans.Train(sub, p.Dsub, kmeans.Config{K: p.Ksub, Seed: seed + uint64(s), Workers: workers})
		copy(p.Codebooks[s*p.Ksub*p.Dsub:], cent)
		if k := len(cent) / p.Dsub; k > 0 && k < p.Ksub {
			// Pad with copies of the first codeword: never strictly nearer.
			for c := k; c < p.Ksub; c++ {
				copy(p.Codebooks[(s*p.Ksub+c)*p.Dsub:], cent[:p.Dsub])
			}
		}
	}
	p.Prepare()
}

func (p PQ) codebook(s int) []float32 {
	return p.Codebooks[s*p.Ksub*p.Dsub : (s+1)*p.Ksub*p.Dsub]
}

// Encode writes the code of v into dst (CodeBytes bytes): per sub-space,
// the codeword nearest under L2.
func (p PQ) Encode(dst []byte, v []float32) {
	for s := 0; s < p.M; s++ {
		best, _ := distance.NearestPanels(v[s*p.Dsub:(s+1)*p.Dsub], p.panel(s), p.norms[s*p.kpad:(s+1)*p.kpad])
		p.put(dst, s, best)
	}
}

func (p PQ) put(dst []byte, s, k int) {
	if p.Nbits <= 8 {
		dst[s] = byte(k)
		return
	}
	binary.LittleEndian.PutUint16(dst[2*s:], uint16(k))
}

// At returns the codeword index of sub-space s in code.
func (p PQ) At(code []byte, s int) int {
	if p.Nbits <= 8 {
		return int(code[s])
	}
	return int(binary.LittleEndian.Uint16(code[2*s:]))
}

// Decode writes the vector code stands for into dst (M·Dsub floats).
func (p PQ) Decode(dst []float32, code []byte) {
	for s := 0; s < p.M; s++ {
		k := p.At(code, s)
		copy(dst[s*p.Dsub:(s+1)*p.Dsub], p.codebook(s)[k*p.Dsub:])
	}
}

// DotTable fills table (M·Ksub floats) with the dot product of each
// sub-vector of v with each codeword, so v·Decode(c) = Σ_s table[s·Ksub+c_s].
func (p PQ) DotTable(table, v []float32) {
	var pad []float32
	if p.kpad != p.Ksub {
		pad = make([]float32, p.kpad)
	}
	for s := 0; s < p.M; s++ {
		out := table[s*p.Ksub : (s+1)*p.Ksub]
		if pad == nil {
			distance.DotPanels(v[s*p.Dsub:(s+1)*p.Dsub], p.panel(s), out)
			continue
		}
		distance.DotPanels(v[s*p.Dsub:(s+1)*p.Dsub], p.panel(s), pad)
		copy(out, pad)
	}
}
