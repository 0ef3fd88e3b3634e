package wal

import (
	"bufio"
	"fmt"
)

// writeBufferSize lets a batch of small records reach the file in few writes;
// larger payloads bypass the buffer.
const writeBufferSize = 256 << 10

// writer is the state of the active file. Only the writer goroutine touches
// it, which is what makes one write and one fsync per batch safe.
type writer struct {
	f     file
	bw    *bufio.Writer
	first uint64 // first LSN of the active file
	next  uint64 // LSN of the next record
	size  int64  // active file size, buffered bytes included
	dirty bool   // bytes written since the last fsync
}

// run is the writer goroutine: it takes whatever is queued, writes it, fsyncs
// once and releases the callers, until Close has been called and the queue
// is empty.
func (l *Log) run() {
	defer close(l.donec)
	for {
		batch, failed, closed := l.take()
		switch {
		case len(batch) > 0:
			l.commit(batch, failed)
		case closed:
			if l.w.f != nil {
				l.closeErr = l.w.f.Close()
			}
			return
		default:
			<-l.wake
		}
	}
}

// commit writes and fsyncs batch, then releases its callers. A failure is
// sticky: after it nothing more is written, so no later record can land
// behind a hole.
func (l *Log) commit(batch []*request, failed error) {
	err := failed
	if err == nil {
		if err = l.writeBatch(batch); err != nil {
			err = l.fail(err)
		}
	}
	if err == nil {
		l.lastLSN.Store(l.w.next - 1)
	}
	for _, r := range batch {
		if err != nil {
			r.lsn, r.err = 0, err
		}
		close(r.done)
	}
}

func (l *Log) writeBatch(batch []*request) error {
	for _, r := range batch {
		var err error
		if r.roll {
			err = l.roll()
		} else {
			r.lsn, err = l.writeRecord(r.payload)
		}
		if err != nil {
			return err
		}
	}
	return l.syncActive()
}

// writeRecord buffers one record, first rolling to a new file if the record
// would take the active one past SegmentBytes. A file always takes at least
// one record, so a payload larger than SegmentBytes still fits somewhere.
func (l *Log) writeRecord(payload []byte) (uint64, error) {
	n := recordSize(len(payload))
	if l.w.size > fileHeaderSize && l.w.size+n > l.opts.SegmentBytes {
		if err := l.roll(); err != nil {
			return 0, err
		}
	}
	lsn := l.w.next
	var h [recordHeaderSize]byte
	if _, err := l.w.bw.Write(appendHeader(h[:0], lsn, payload)); err != nil {
		return 0, fmt.Errorf("wal: write: %w", err)
	}
	if _, err := l.w.bw.Write(payload); err != nil {
		return 0, fmt.Errorf("wal: write: %w", err)
	}
	l.w.next++
	l.w.size += n
	l.w.dirty = true
	l.size.Add(n)
	return lsn, nil
}

// syncActive writes out the buffer and fsyncs the active file if needed.
func (l *Log) syncActive() error {
	if err := l.w.bw.Flush(); err != nil {
		return fmt.Errorf("wal: write: %w", err)
	}
	if !l.w.dirty {
		return nil
	}
	l.syncs.Add(1)
	if l.hooks.beforeSync != nil {
		l.hooks.beforeSync()
	}
	if !l.opts.NoSync {
		if err := l.w.f.Sync(); err != nil {
			return fmt.Errorf("wal: fsync: %w", err)
		}
	}
	l.w.dirty = false
	return nil
}

// roll seals the active file and starts one named for the next LSN. An empty
// active file is kept: its name already carries the next LSN.
func (l *Log) roll() error {
	if l.w.size <= fileHeaderSize {
		return nil
	}
	if err := l.syncActive(); err != nil {
		return err
	}
	err := l.w.f.Close()
	l.w.f = nil
	if err != nil {
		return fmt.Errorf("wal: close segment: %w", err)
	}
	f, err := createSegment(l.dir, l.w.next, l.opts.NoSync)
	if err != nil {
		return err
	}
	l.segs.Lock()
	l.segs.list[len(l.segs.list)-1].size = l.w.size
	l.segs.list = append(l.segs.list, segment{first: l.w.next})
	l.segs.Unlock()
	l.w.f = l.wrap(f)
	l.w.bw.Reset(l.w.f)
	l.w.first, l.w.size = l.w.next, fileHeaderSize
	l.size.Add(fileHeaderSize)
	return nil
}
