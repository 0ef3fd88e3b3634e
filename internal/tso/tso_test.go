package tso

import (
	"testing"
	"time"
)

func TestMonotonic(t *testing.T) {
	fixed := time.UnixMilli(1000)
	o := New(0)
	o.now = func() time.Time { return fixed }
	a, b := o.Next(), o.Next()
	if b != a+1 || Physical(a) != fixed {
		t.Fatalf("a=%d b=%d", a, b)
	}
	o2 := New(b + 100)
	o2.now = o.now
	if c := o2.Next(); c <= b+100 {
		t.Fatalf("floor not respected: %d", c)
	}
}
