package rest

import "github.com/kite-db/kite/internal/service"

// truncateCollection is collections/truncate: every row goes, the
// collection and its indexes stay.
func truncateCollection(_ *Handler, c *call) (*envelope, error) {
	req, err := decodeCollection(c)
	if err != nil {
		return nil, err
	}
	return empty(), c.svc.TruncateCollection(c.ctx, service.TruncateCollection{DB: c.db(req.DbName), Collection: req.CollectionName})
}

// compactCollection is collections/compact.
func compactCollection(_ *Handler, c *call) (*envelope, error) {
	req, err := decodeCollection(c)
	if err != nil {
		return nil, err
	}
	id, err := c.svc.ManualCompaction(c.ctx, service.ManualCompaction{DB: c.db(req.DbName), Collection: req.CollectionName})
	if err != nil {
		return nil, err
	}
	return ok(map[string]any{"compactionID": id}), nil
}

// compactionStateNames are commonpb.CompactionState's names, as Milvus's
// REST layer prints them.
var compactionStateNames = map[service.CompactionState]string{
	service.CompactionUndefined: "UndefiedState", service.CompactionExecuting: "Executing", service.CompactionCompleted: "Completed",
}

// compactionState is collections/get_compaction_state.
func compactionState(_ *Handler, c *call) (*envelope, error) {
	var req struct {
		JobID int64 `json:"jobID"`
	}
	if err := c.decode(&req); err != nil {
		return nil, err
	}
	job, err := c.svc.GetCompactionState(c.ctx, service.GetCompactionState{ID: req.JobID})
	if err != nil {
		return nil, err
	}
	executing, completed, _ := job.Counts()
	return ok(map[string]any{"compactionID": req.JobID, "state": compactionStateNames[job.State],
		"executingPlanNumber": executing, "timeoutPlanNumber": 0, "completedPlanNumber": completed}), nil
}
