package bitset

import "testing"

func TestBitset(t *testing.T) {
	b := New(130)
	b.Set(0)
	b.Set(64)
	b.Set(129)
	if b.Count() != 3 || !b.Test(64) || b.Test(63) {
		t.Fatalf("count %d", b.Count())
	}
	f := NewFull(130)
	f.AndNot(b)
	if f.Count() != 127 {
		t.Fatalf("andnot %d", f.Count())
	}
	f.Not()
	if f.Count() != 3 {
		t.Fatalf("not %d", f.Count())
	}
	var got []int
	f.ForEach(func(i int) bool { got = append(got, i); return true })
	if len(got) != 3 || got[2] != 129 {
		t.Fatalf("foreach %v", got)
	}
}
