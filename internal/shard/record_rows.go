package shard

// RecordRows tells what one WAL payload writes, for tools that read a WAL
// without opening the shard (kite doctor): the rows it adds (an insert's or
// an upsert's; an upsert's rows count even when they replace older ones,
// as sealed row counts include deleted rows) and the primary keys a delete
// record removes.
func RecordRows(payload []byte) (rows, deletes int, err error) {
	r, err := decodeRecord(payload)
	if err != nil {
		return 0, 0, err
	}
	if r.kind == kindDelete {
		return 0, r.pks.Len(), nil
	}
	for id, c := range r.cols {
		if id != DeleteKeysField { // every other column, RouteField too, has one value per row
			return c.Len(), 0, nil
		}
	}
	return 0, 0, nil
}
