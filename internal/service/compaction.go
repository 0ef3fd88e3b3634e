package service

import (
	"context"
	"errors"
	"strconv"
	"sync"
	"time"

	"github.com/kite-db/kite/internal/apierr"
	"github.com/kite-db/kite/internal/catalog"
	"github.com/kite-db/kite/internal/shard"
	"github.com/kite-db/kite/internal/tso"
)

// CompactionState is Milvus's commonpb.CompactionState.
type CompactionState int

// The states Milvus reports for a compaction job.
const (
	CompactionUndefined CompactionState = 0
	CompactionExecuting CompactionState = 1
	CompactionCompleted CompactionState = 2
)

// CompactionPlan is one merge of a job: sources into target (0: none, when
// no row survived).
type CompactionPlan struct {
	Sources []int64
	Target  int64
	Done    bool
	Failed  bool
}

// CompactionJob is a ManualCompaction and its progress.
type CompactionJob struct {
	ID           int64
	CollectionID int64
	State        CompactionState
	Plans        []CompactionPlan
}

// Counts returns the executing, completed and failed plans.
func (j CompactionJob) Counts() (executing, completed, failed int) {
	for _, p := range j.Plans {
		switch {
		case p.Failed:
			failed++
		case p.Done:
			completed++
		default:
			executing++
		}
	}
	return
}

const keptJobs = 1024 // finished jobs GetCompactionState can still answer for

// compactor runs compactions one at a time, so searches keep the other
// cores: manual jobs in order, and an automatic check of every collection
// each interval.
type compactor struct {
	interval time.Duration // 0: no automatic compaction
	wake     chan struct{}
	stop     chan struct{}
	done     chan struct{}
	// ctx is cancelled when stopping begins, so a running compaction
	// (its index builds can take minutes) gives up instead of holding it.
	ctx    context.Context
	cancel context.CancelFunc

	mu struct {
		sync.Mutex
		queue []*CompactionJob
		jobs  map[int64]*CompactionJob // by ID
		order []int64                  // job IDs, oldest first, for trimming
	}
}

func (s *Service) startCompactor() {
	c := &compactor{interval: s.cfg.CompactionInterval, wake: make(chan struct{}, 1), stop: make(chan struct{}), done: make(chan struct{})}
	c.mu.jobs = map[int64]*CompactionJob{}
	c.ctx, c.cancel = context.WithCancel(context.Background())
	s.cmp = c
	go s.runCompactor()
}

// signalCompactorStop asks the compactor to stop and cancels its running
// compaction; waitCompactor waits until it has.
func (s *Service) signalCompactorStop() {
	if s.cmp == nil {
		return
	}
	s.cmp.cancel()
	select {
	case <-s.cmp.stop:
	default:
		close(s.cmp.stop)
	}
}

func (s *Service) waitCompactor() {
	if s.cmp != nil {
		<-s.cmp.done
	}
}

func (s *Service) runCompactor() {
	c := s.cmp
	defer close(c.done)
	var tick <-chan time.Time
	if c.interval > 0 {
		t := time.NewTicker(c.interval)
		defer t.Stop()
		tick = t.C
	}
	for {
		select {
		case <-c.stop:
			return
		case <-c.wake:
			s.runManualJobs()
		case <-tick:
			s.runManualJobs()
			s.autoCompact()
		}
	}
}

// ManualCompaction names the collection to compact, by name or (as older
// clients send it) by CollectionID when Collection is empty.
type ManualCompaction struct {
	DB, Collection string
	CollectionID   int64
}

// ManualCompaction queues a compaction of a collection and returns its ID.
// It rewrites every segment holding rows deleted before the call (unless a
// retention or an open iterator still needs them) and merges small ones.
func (s *Service) ManualCompaction(_ context.Context, req ManualCompaction) (int64, error) {
	col, err := s.compactionTarget(req.DB, req.Collection, req.CollectionID)
	if err != nil {
		return 0, err
	}
	job := &CompactionJob{ID: int64(s.oracle.Next()), CollectionID: col.ID, State: CompactionExecuting}
	c := s.cmp
	c.mu.Lock()
	c.mu.queue = append(c.mu.queue, job)
	c.mu.jobs[job.ID] = job
	c.mu.order = append(c.mu.order, job.ID)
	if len(c.mu.order) > keptJobs {
		delete(c.mu.jobs, c.mu.order[0])
		c.mu.order = c.mu.order[1:]
	}
	c.mu.Unlock()
	select {
	case c.wake <- struct{}{}:
	default:
	}
	return job.ID, nil
}

func (s *Service) compactionTarget(dbName, coll string, collID int64) (*catalog.Collection, error) {
	if coll == "" && collID != 0 {
		col, ok := s.cat.CollectionByID(collID)
		if !ok {
			return nil, apierr.CollectionNotFound(dbName, strconv.FormatInt(collID, 10))
		}
		return col, nil
	}
	_, col, err := s.collection(dbName, coll)
	return col, err
}

// GetCompactionState names the compaction job to report on.
type GetCompactionState struct{ ID int64 }

// GetCompactionState returns a copy of a job. An ID this process does not
// know (it restarted, or the job is long gone) reports UndefiedState.
func (s *Service) GetCompactionState(_ context.Context, req GetCompactionState) (*CompactionJob, error) {
	c := s.cmp
	c.mu.Lock()
	defer c.mu.Unlock()
	j, ok := c.mu.jobs[req.ID]
	if !ok {
		return &CompactionJob{ID: req.ID, State: CompactionUndefined}, nil
	}
	out := *j
	out.Plans = append([]CompactionPlan(nil), j.Plans...)
	return &out, nil
}

func (s *Service) runManualJobs() {
	for {
		c := s.cmp
		c.mu.Lock()
		if len(c.mu.queue) == 0 {
			c.mu.Unlock()
			return
		}
		job := c.mu.queue[0]
		c.mu.queue = c.mu.queue[1:]
		c.mu.Unlock()
		s.runJob(job)
	}
}

// runJob plans and runs a manual job. Deletes acknowledged before the call
// become purgeable once the read margin has passed since.
func (s *Service) runJob(job *CompactionJob) {
	defer s.setJobState(job, CompactionCompleted)
	if wait := time.Until(tso.Physical(uint64(job.ID)).Add(shard.ReadMargin)); wait > 0 {
		select {
		case <-time.After(wait):
		case <-s.cmp.stop:
			return
		}
	}
	sh := s.shard(job.CollectionID)
	if sh == nil {
		return // dropped meanwhile: nothing left to compact
	}
	plans := sh.PlanCompaction(true)
	s.cmp.mu.Lock()
	for _, p := range plans {
		job.Plans = append(job.Plans, CompactionPlan{Sources: p.Sources, Target: p.Target})
	}
	s.cmp.mu.Unlock()
	for i, p := range plans {
		err := s.compactOne(sh, p)
		s.cmp.mu.Lock()
		job.Plans[i].Done, job.Plans[i].Failed = true, err != nil
		s.cmp.mu.Unlock()
	}
}

func (s *Service) setJobState(job *CompactionJob, st CompactionState) {
	s.cmp.mu.Lock()
	defer s.cmp.mu.Unlock()
	job.State = st
}

// autoCompact checks every collection; a check that finds nothing is cheap.
func (s *Service) autoCompact() {
	for _, col := range s.cat.AllCollections() {
		sh := s.shard(col.ID)
		if sh == nil {
			continue
		}
		for _, p := range sh.PlanCompaction(false) {
			select {
			case <-s.cmp.stop:
				return
			default:
			}
			s.compactOne(sh, p)
		}
	}
}

func (s *Service) compactOne(sh *shard.Shard, p shard.Plan) error {
	res, err := sh.Compact(s.cmp.ctx, p)
	switch {
	case s.cmp.ctx.Err() != nil:
		return nil // stopping: the next start plans it again
	case errors.Is(err, shard.ErrClosed), errors.Is(err, shard.ErrPlanStale), errors.Is(err, catalog.ErrNotFound):
		return nil // dropped or already compacted: nothing to do
	case err != nil:
		s.log.Warn("compaction failed", "sources", p.Sources, "error", err)
		return err
	}
	s.log.Info("compacted segments", "partition", p.PartitionID, "sources", p.Sources, "target", p.Target,
		"rows_before", res.RowsBefore, "rows_after", res.RowsAfter)
	return nil
}
