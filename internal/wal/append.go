package wal

import (
	"context"
	"fmt"
	"slices"
)

// request is one queued write: a record, or a roll asked for by truncation.
type request struct {
	payload []byte
	roll    bool
	lsn     uint64        // set by the writer
	err     error         // set by the writer
	done    chan struct{} // closed by the writer once lsn and err are final
}

// Append writes payload as the next record and returns its LSN once the
// record is fsynced. Concurrent calls share one write and one fsync.
//
// If ctx ends while the record is still queued, Append withdraws it and
// returns ctx.Err(): the record is not in the log. Once the writer has taken
// it, Append waits for the disk instead, so an error always means the record
// was not acknowledged and nil always means it is durable. After a write or
// fsync failure every call returns an error wrapping ErrFailed.
//
// payload must not be modified until Append returns.
func (l *Log) Append(ctx context.Context, payload []byte) (uint64, error) {
	if len(payload) > MaxPayload {
		return 0, fmt.Errorf("%w: %d bytes", ErrTooLarge, len(payload))
	}
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	req := &request{payload: payload, done: make(chan struct{})}
	if err := l.enqueue(req); err != nil {
		return 0, err
	}
	select {
	case <-req.done:
	case <-ctx.Done():
		if l.withdraw(req) {
			return 0, ctx.Err()
		}
		<-req.done
	}
	return req.lsn, req.err
}

// enqueue hands req to the writer.
func (l *Log) enqueue(req *request) error {
	l.q.Lock()
	err := l.stateLocked()
	if err == nil {
		l.q.pending = append(l.q.pending, req)
	}
	l.q.Unlock()
	if err == nil {
		l.signal()
	}
	return err
}

// stateLocked returns why the log takes no more requests, or nil.
func (l *Log) stateLocked() error {
	if l.q.closed {
		return ErrClosed
	}
	return l.q.failed
}

// withdraw removes req from the queue if the writer has not taken it yet.
func (l *Log) withdraw(req *request) bool {
	l.q.Lock()
	defer l.q.Unlock()
	i := slices.Index(l.q.pending, req)
	if i < 0 {
		return false
	}
	l.q.pending = slices.Delete(l.q.pending, i, i+1)
	return true
}

// signal wakes the writer; a wake-up already pending is enough.
func (l *Log) signal() {
	select {
	case l.wake <- struct{}{}:
	default:
	}
}

// maxBatchBytes caps one group commit so early callers in a flood of appends
// are not held back by an ever-growing batch.
const maxBatchBytes = 8 << 20

// take removes a batch from the queue for the writer. It also returns the
// sticky failure, to answer the batch with, and whether Close was called.
func (l *Log) take() (batch []*request, failed error, closed bool) {
	l.q.Lock()
	defer l.q.Unlock()
	var n int64
	i := 0
	for i < len(l.q.pending) && (i == 0 || n < maxBatchBytes) {
		n += recordSize(len(l.q.pending[i].payload))
		i++
	}
	batch = slices.Clone(l.q.pending[:i])
	l.q.pending = slices.Delete(l.q.pending, 0, i)
	return batch, l.q.failed, l.q.closed
}

// fail makes err the log's sticky failure and returns the error callers see.
func (l *Log) fail(err error) error {
	l.q.Lock()
	defer l.q.Unlock()
	if l.q.failed == nil {
		l.q.failed = fmt.Errorf("%w: %w", ErrFailed, err)
	}
	return l.q.failed
}
