package scalar

import (
	"fmt"
	"math"
	"sort"
)

// The Trie index is a radix tree over the sorted distinct keys. Nodes are
// laid out breadth first, so a node's children are consecutive and come
// after it; each edge carries a label of one or more bytes. Because keys
// are numbered in sorted order, the keys below a node are the consecutive
// numbers [lo, hi), which makes a prefix lookup one walk and one run of
// rows.

// Node fields, nodeWords u32 each.
const (
	nLabelOff = iota
	nLabelLen
	nFirstChild
	nChildren
	nLo
	nHi
	nTerm // key number + 1 when a key ends here, else 0
	nodeWords
)

// buildTrie builds the tree over sorted distinct keys.
func buildTrie(keys []string) ([]uint32, []byte, error) {
	type span struct{ lo, hi, depth int }
	nodes := make([]uint32, nodeWords)
	nodes[nHi] = uint32(len(keys))
	spans := []span{{0, len(keys), 0}}
	var labels []byte
	for at := 0; at < len(spans); at++ {
		s, base := spans[at], at*nodeWords
		i := s.lo
		if i < s.hi && len(keys[i]) == s.depth {
			nodes[base+nTerm] = uint32(i + 1)
			i++
		}
		nodes[base+nFirstChild] = uint32(len(spans))
		for i < s.hi {
			j := i + 1
			for j < s.hi && keys[j][s.depth] == keys[i][s.depth] {
				j++
			}
			l := commonPrefix(keys[i], keys[j-1])
			node := [nodeWords]uint32{nLabelOff: uint32(len(labels)), nLabelLen: uint32(l - s.depth), nLo: uint32(i), nHi: uint32(j)}
			labels = append(labels, keys[i][s.depth:l]...)
			nodes = append(nodes, node[:]...)
			spans = append(spans, span{i, j, l})
			nodes[base+nChildren]++
			i = j
		}
	}
	if len(labels) > math.MaxUint32 {
		return nil, nil, fmt.Errorf("%w: %d bytes of trie labels", ErrTooLarge, len(labels))
	}
	return nodes, labels, nil
}

func commonPrefix(a, b string) int {
	n := min(len(a), len(b))
	for i := 0; i < n; i++ {
		if a[i] != b[i] {
			return i
		}
	}
	return n
}

// radix is a decoded tree.
type radix struct {
	nodes  []uint32
	labels []byte
}

func (t *radix) field(node, f int) int { return int(t.nodes[node*nodeWords+f]) }

func (t *radix) label(node int) []byte {
	off := t.field(node, nLabelOff)
	return t.labels[off : off+t.field(node, nLabelLen)]
}

// child returns the child of node whose label starts with b.
func (t *radix) child(node int, b byte) (int, bool) {
	first, n := t.field(node, nFirstChild), t.field(node, nChildren)
	i := sort.Search(n, func(i int) bool { return t.label(first + i)[0] >= b })
	if i < n && t.label(first + i)[0] == b {
		return first + i, true
	}
	return 0, false
}

// find descends along p and returns the node holding the keys that start
// with p; exact is set when p ends at that node rather than inside its label.
func (t *radix) find(p string) (node int, exact, ok bool) {
	for i := 0; i < len(p); {
		c, found := t.child(node, p[i])
		if !found {
			return 0, false, false
		}
		lab, rest := t.label(c), p[i:]
		if len(rest) < len(lab) {
			return c, false, string(lab[:len(rest)]) == rest
		}
		if string(lab) != rest[:len(lab)] {
			return 0, false, false
		}
		i += len(lab)
		node = c
	}
	return node, true, true
}

// validate checks that every walk stays in bounds and ends: children come
// after their parent, labels lie in the label bytes and are not empty.
func (t *radix) validate(keys int) bool {
	n := len(t.nodes) / nodeWords
	if n == 0 || len(t.nodes)%nodeWords != 0 || t.field(0, nLo) != 0 || t.field(0, nHi) != keys {
		return false
	}
	for i := 0; i < n; i++ {
		first, kids := t.field(i, nFirstChild), t.field(i, nChildren)
		off, l := t.field(i, nLabelOff), t.field(i, nLabelLen)
		switch {
		case kids > 0 && (first <= i || first+kids > n),
			off+l > len(t.labels) || (i > 0 && l == 0),
			t.field(i, nLo) > t.field(i, nHi) || t.field(i, nHi) > keys,
			t.field(i, nTerm) > keys:
			return false
		}
	}
	return true
}
