package shard

import (
	"fmt"

	"github.com/kite-db/kite/internal/wal"
)

// A WAL append that fails (a full disk, an I/O error) leaves the log unusable:
// what reached the disk is unknown. breakLog records the failure; the next
// write calls healLog, which reopens the log — cutting a torn tail — and
// applies any record that did reach the disk, so a batch is either wholly
// there or wholly absent, and writes resume once the disk works again.

func (s *Shard) breakLog(err error) {
	s.logMu.RUnlock() // the caller holds it shared; upgrade
	s.logMu.Lock()
	if s.logErr == nil {
		s.logErr = err
	}
	s.logMu.Unlock()
	s.logMu.RLock()
}

// healLog reopens a broken log; it returns the reason when that fails.
func (s *Shard) healLog() error {
	s.logMu.RLock()
	broken := s.logErr
	s.logMu.RUnlock()
	if broken == nil {
		return nil
	}
	s.logMu.Lock()
	defer s.logMu.Unlock()
	if s.logErr == nil {
		return nil // healed meanwhile
	}
	s.log.Close()
	log, err := wal.Open(s.cfg.WALDir, wal.Options{NoSync: s.cfg.NoSync})
	if err != nil {
		return fmt.Errorf("write-ahead log of collection %d cannot be reopened after %v: %w", s.collID, s.logErr, err)
	}
	s.log = log
	if err := s.replay(); err != nil {
		return err
	}
	s.logErr = nil
	return nil
}
