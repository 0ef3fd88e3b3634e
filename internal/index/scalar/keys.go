package scalar

import "sort"

// keyCol is a sorted column of keys of one kind. Strings are stored as a
// blob and n+1 offsets so that the column can live in a mapped file.
type keyCol struct {
	kind   Kind
	ints   []int64
	floats []float64
	offs   []uint64 // String: key i is blob[offs[i]:offs[i+1]]
	blob   []byte
}

func (k *keyCol) len() int {
	switch k.kind {
	case Int:
		return len(k.ints)
	case Float:
		return len(k.floats)
	}
	if len(k.offs) == 0 {
		return 0
	}
	return len(k.offs) - 1
}

// bytesAt is string key i, without copying.
func (k *keyCol) bytesAt(i int) []byte { return k.blob[k.offs[i]:k.offs[i+1]] }

// search returns the first i whose key is >= q, or > q when after is set.
// A NaN float key sorts nowhere; callers never pass one.
func (k *keyCol) search(q Key, after bool) int {
	n := k.len()
	switch k.kind {
	case Int:
		if after {
			return sort.Search(n, func(i int) bool { return k.ints[i] > q.Int })
		}
		return sort.Search(n, func(i int) bool { return k.ints[i] >= q.Int })
	case Float:
		if after {
			return sort.Search(n, func(i int) bool { return k.floats[i] > q.Float })
		}
		return sort.Search(n, func(i int) bool { return k.floats[i] >= q.Float })
	}
	if after {
		return sort.Search(n, func(i int) bool { return string(k.bytesAt(i)) > q.Str })
	}
	return sort.Search(n, func(i int) bool { return string(k.bytesAt(i)) >= q.Str })
}

// equal returns the positions [a, b) holding q.
func (k *keyCol) equal(q Key) (int, int) {
	if k.kind == Float && q.Float != q.Float {
		return 0, 0
	}
	return k.search(q, false), k.search(q, true)
}

// interval returns the positions [a, b) whose keys lie in r.
func (k *keyCol) interval(r Range) (int, int) {
	if k.kind == Float && ((r.HasLo && r.Lo.Float != r.Lo.Float) || (r.HasHi && r.Hi.Float != r.Hi.Float)) {
		return 0, 0 // every comparison with NaN is false
	}
	a, b := 0, k.len()
	if r.HasLo {
		a = k.search(r.Lo, !r.LoIncl)
	}
	if r.HasHi {
		b = k.search(r.Hi, r.HiIncl)
	}
	return a, max(a, b)
}

// prefix returns the positions [a, b) of the string keys starting with p.
func (k *keyCol) prefix(p string) (int, int) {
	a := k.search(Key{Str: p}, false)
	b := a + sort.Search(k.len()-a, func(i int) bool {
		s := k.bytesAt(a + i)
		return len(s) < len(p) || string(s[:len(p)]) != p
	})
	return a, b
}
