// Package tso issues hybrid timestamps as Milvus does: physical milliseconds
// shifted left 18 bits, plus a logical counter. They are strictly increasing
// within a process, and the first one after a restart is above any persisted one.
package tso

import (
	"sync"
	"time"
)

const logicalBits = 18

// Compose builds a hybrid timestamp.
func Compose(physical time.Time, logical uint64) uint64 {
	return uint64(physical.UnixMilli())<<logicalBits | logical&(1<<logicalBits-1)
}

// Physical returns the wall-clock part of ts.
func Physical(ts uint64) time.Time { return time.UnixMilli(int64(ts >> logicalBits)) }

// Oracle hands out timestamps.
type Oracle struct {
	mu   sync.Mutex // guards last
	last uint64
	now  func() time.Time
}

// New returns an oracle whose timestamps are all above floor.
func New(floor uint64) *Oracle { return &Oracle{last: floor, now: time.Now} }

// Next returns a timestamp greater than every earlier one.
func (o *Oracle) Next() uint64 {
	o.mu.Lock()
	defer o.mu.Unlock()
	ts := Compose(o.now(), 0)
	if ts <= o.last {
		ts = o.last + 1
	}
	o.last = ts
	return ts
}

// Last returns the most recent timestamp handed out.
func (o *Oracle) Last() uint64 {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.last
}

// NextN reserves n consecutive timestamps and returns the first; callers use
// them as unique IDs (auto_id primary keys, segment and collection IDs).
func (o *Oracle) NextN(n int) uint64 {
	o.mu.Lock()
	defer o.mu.Unlock()
	first := Compose(o.now(), 0)
	if first <= o.last {
		first = o.last + 1
	}
	o.last = first + uint64(n) - 1
	return first
}

// Observe raises the floor to ts, so later timestamps exceed one seen in
// recovered data even if the clock went backwards.
func (o *Oracle) Observe(ts uint64) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if ts > o.last {
		o.last = ts
	}
}
