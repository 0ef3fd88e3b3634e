package hnsw

// Query gives one query's distance to each row (smaller is closer).
type Query interface {
	Distance(row int) float32
}

// BatchQuery is an optional ability of a Query: the distances to several
// rows in one call. The search gathers an expanded row's unvisited
// neighbours and scores them together, so one dynamic call serves a whole
// neighbour list and the implementation can prefetch the next row while it
// scores the current one.
type BatchQuery interface {
	Distances(rows []uint32, out []float32)
}

// BatchSpace is BatchQuery for a Space: distances from stored row a.
type BatchSpace interface {
	Distances(a int, rows []uint32, out []float32)
}

// Prefetcher is an optional ability of a Query or Space without the batch
// ability: start loading a row's data. The search calls it for every row
// of a gathered list before scoring any, so their cache misses overlap.
type Prefetcher interface {
	Prefetch(row int)
}

// batchOf returns q's batch ability, or an adapter scoring one row at a
// time.
func batchOf(q Query) BatchQuery {
	if b, ok := q.(BatchQuery); ok {
		return b
	}
	pf, _ := q.(Prefetcher)
	return singles{q, pf}
}

type singles struct {
	q  Query
	pf Prefetcher
}

func (s singles) Distances(rows []uint32, out []float32) {
	if s.pf != nil {
		for _, r := range rows {
			s.pf.Prefetch(int(r))
		}
	}
	for i, r := range rows {
		out[i] = s.q.Distance(int(r))
	}
}

// rowQuery makes stored row a query, for inserting it.
func rowQuery(s Space, row int) BatchQuery {
	if b, ok := s.(BatchSpace); ok {
		return spaceBatch{b, row}
	}
	pf, _ := s.(Prefetcher)
	return singles{spaceRow{s, row}, pf}
}

type spaceBatch struct {
	s   BatchSpace
	row int
}

func (q spaceBatch) Distances(rows []uint32, out []float32) { q.s.Distances(q.row, rows, out) }

type spaceRow struct {
	s   Space
	row int
}

func (q spaceRow) Distance(j int) float32 { return q.s.Distance(q.row, j) }

// distancesFrom scores rows against stored row a without boxing a query.
func distancesFrom(s Space, a int, rows []uint32, out []float32) {
	if b, ok := s.(BatchSpace); ok {
		b.Distances(a, rows, out)
		return
	}
	for i, r := range rows {
		out[i] = s.Distance(a, int(r))
	}
}
