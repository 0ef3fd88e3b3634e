package service

import (
	"context"

	"github.com/kite-db/kite/internal/catalog"
	"github.com/kite-db/kite/internal/shard"
)

// TruncateCollection names the collection to empty.
type TruncateCollection struct{ DB, Collection string }

// TruncateCollection deletes every row of a collection and keeps its
// schema, partitions, indexes, aliases, properties and load state. The
// collection gets a new ID in one catalog transaction (so no read or
// replay can mix old and new rows); the old files are deleted after,
// outside the DDL lock, as DropCollection does.
func (s *Service) TruncateCollection(_ context.Context, req TruncateCollection) error {
	oldID, old, err := s.truncateEntry(req)
	if err != nil || old == nil {
		return err
	}
	return s.closeShard(oldID, old, (*shard.Shard).Drop)
}

// truncateEntry swaps the collection's ID and shard under the DDL lock and
// returns the old shard.
func (s *Service) truncateEntry(req TruncateCollection) (int64, *shard.Shard, error) {
	s.ddl.Lock()
	defer s.ddl.Unlock()
	_, col, err := s.collection(req.DB, req.Collection)
	if err != nil {
		return 0, nil, err
	}
	fresh := col.Clone()
	fresh.ID = int64(s.oracle.Next())
	fresh.UpdatedTs = s.oracle.Next()
	fresh.Indexes = append([]catalog.Index(nil), col.Indexes...)
	if err := s.cat.ReplaceCollection(col.ID, fresh); err != nil {
		return 0, nil, err
	}
	sh, err := s.openShard(fresh.ID)
	if err != nil {
		return 0, nil, err
	}
	s.mu.Lock()
	old := s.mu.shards[col.ID]
	delete(s.mu.shards, col.ID)
	s.mu.shards[fresh.ID] = sh
	s.mu.Unlock()
	return col.ID, old, nil
}
