package service

import (
	"context"
	"errors"
	"maps"
	"strings"

	"github.com/kite-db/kite/internal/apierr"
	"github.com/kite-db/kite/internal/catalog"
	"github.com/kite-db/kite/internal/index"
	"github.com/kite-db/kite/internal/index/scalar"
	"github.com/kite-db/kite/internal/schema"
)

// Index states as milvus-proto numbers them.
const (
	IndexStateInProgress = 2
	IndexStateFinished   = 3
	IndexStateFailed     = 4
)

// scalarIndexTypes are the scalar index types Milvus accepts, by field kind.
var scalarIndexTypes = map[string]func(t schema.DataType) bool{
	"INVERTED": func(t schema.DataType) bool { return !t.IsVector() && t != schema.Geometry },
	"STL_SORT": func(t schema.DataType) bool { return t.IsNumeric() || t == schema.VarChar || t == schema.Timestamptz },
	"BITMAP": func(t schema.DataType) bool {
		return t == schema.Bool || t.IsInteger() || t == schema.VarChar || t == schema.Array
	},
	"Trie":      func(t schema.DataType) bool { return t == schema.VarChar },
	"TRIE":      func(t schema.DataType) bool { return t == schema.VarChar },
	"AUTOINDEX": func(t schema.DataType) bool { return !t.IsVector() },
	// RTREE is accepted and described; geometry filters scan, which
	// answers exactly what an R-tree would (see internal/geo).
	"RTREE": func(t schema.DataType) bool { return t == schema.Geometry },
}

// CreateIndex is a CreateIndex request; Params holds index_type, metric_type
// and the build parameters, flattened.
type CreateIndex struct {
	DB, Collection, Field, IndexName string
	Params                           map[string]string
	// UserParams are the parameters as the client sent them (gRPC's
	// extra_params, where pymilvus nests a "params" JSON); DescribeIndex
	// returns them. Nil: Params.
	UserParams map[string]string
}

// CreateIndex declares an index and starts building it on sealed segments.
func (s *Service) CreateIndex(_ context.Context, req CreateIndex) error {
	if err := s.guard.check(); err != nil {
		return err
	}
	s.ddl.Lock()
	defer s.ddl.Unlock()
	_, col, err := s.collection(req.DB, req.Collection)
	if err != nil {
		return err
	}
	f := col.Schema.FieldByName(req.Field)
	if f == nil || f.IsDynamic {
		f = jsonIndexField(&col.Schema, req.Field, req.Params)
	}
	if f == nil && col.Schema.EnableDynamicField && index.IsVectorType(strings.ToUpper(req.Params["index_type"])) {
		return vectorOnly(req.Params["index_type"]) // Milvus reads an unknown name as a key of $meta, a JSON field
	}
	if f == nil {
		return apierr.FieldNotFound(req.Field)
	}
	if f.DataType == schema.JSON {
		ix, err := s.jsonIndexFor(&col.Schema, f, req)
		if err != nil {
			return err
		}
		ix.UserParams = userParams(req, ix, f)
		if isNew, err := addJSONIndex(col, ix); !isNew || err != nil {
			return err
		}
		return s.putIndex(col, ix)
	}
	ix, err := s.indexFor(f, req)
	if err != nil {
		return err
	}
	ix.UserParams = userParams(req, ix, f)
	if same, err := indexClash(col, ix); same || err != nil {
		return err
	}
	return s.putIndex(col, ix)
}

// indexClash applies Milvus's rules to an index beside those there: the
// same name on the same field with the same parameters is that index
// again (nothing to do); the same name otherwise, or a second index on
// the field, is refused.
func indexClash(col *catalog.Collection, ix catalog.Index) (same bool, err error) {
	for _, old := range col.Indexes {
		switch {
		case old.Name == ix.Name && old.FieldID == ix.FieldID && old.Type == ix.Type && old.Metric == ix.Metric && maps.Equal(old.Params, ix.Params):
			return true, nil
		case old.Name == ix.Name:
			return false, apierr.IndexDuplicate("at most one distinct index is allowed per field")
		case old.FieldID == ix.FieldID:
			return false, apierr.IndexDuplicate("creating multiple indexes on same field is not supported")
		}
	}
	return false, nil
}

// putIndex records ix in the catalog and starts building it.
func (s *Service) putIndex(col *catalog.Collection, ix catalog.Index) error {
	n := col.Clone()
	n.Indexes = append(n.Indexes, ix)
	if err := s.cat.PutCollection(n); err != nil {
		return err
	}
	if sh := s.shard(col.ID); sh != nil {
		sh.BuildIndexes()
	}
	return nil
}

func (s *Service) indexFor(f *schema.Field, req CreateIndex) (catalog.Index, error) {
	params := maps.Clone(req.Params)
	if params == nil {
		params = map[string]string{}
	}
	typ, metric := params["index_type"], strings.ToUpper(params["metric_type"])
	delete(params, "index_type")
	delete(params, "metric_type")
	name := req.IndexName
	if name == "" {
		name = f.Name
	}
	ix := catalog.Index{ID: int64(s.oracle.Next()), Name: name, FieldID: f.ID, Params: params, CreatedTs: s.oracle.Next()}
	if !f.DataType.IsVector() {
		if typ == "" {
			typ = "AUTOINDEX"
		}
		ok := scalarIndexTypes[typ]
		if ok == nil || !ok(f.DataType) {
			return ix, scalarIndexMismatch(typ, f)
		}
		if typ == "BITMAP" && f.IsPrimaryKey {
			return ix, apierr.Invalid("create bitmap index on primary key not supported")
		}
		ix.Type = typ
		return ix, nil
	}
	if typ == "" {
		typ = index.AutoIndex
	}
	if scalarIndexTypes[typ] != nil && typ != index.AutoIndex {
		return ix, scalarIndexOnVector(typ, metric, f.DataType)
	}
	spec, err := index.ValidateSpec(index.Spec{Type: strings.ToUpper(typ), Metric: metric, Params: params}, f.DataType, f.Dim)
	if err != nil {
		return ix, indexError(err)
	}
	ix.Type, ix.BuildType, ix.Metric, ix.Params = strings.ToUpper(typ), spec.Type, spec.Metric, spec.Params
	return ix, nil
}

// userParams are what DescribeIndex reports, as Milvus keeps them: the
// request's parameters unchanged, except that a vector AUTOINDEX is
// reported as its type and the metric it resolved to.
func userParams(req CreateIndex, ix catalog.Index, f *schema.Field) map[string]string {
	if ix.Type == index.AutoIndex && f.DataType.IsVector() {
		return map[string]string{"index_type": index.AutoIndex, "metric_type": ix.Metric}
	}
	user := req.UserParams
	if user == nil {
		user = req.Params
	}
	user = maps.Clone(user)
	if user == nil {
		user = map[string]string{}
	}
	if user["index_type"] == "" { // an index created without a type reads as the one it got
		user["index_type"] = ix.Type
	}
	return user
}

// indexError turns an index package error into a Milvus status error.
func indexError(err error) error {
	var ae *apierr.Error
	if errors.As(err, &ae) {
		return err
	}
	if errors.Is(err, index.ErrInvalidParameter) {
		return &apierr.Error{Code: apierr.CodeParameterInvalid, Reason: err.Error(), Input: true}
	}
	if errors.Is(err, index.ErrUnsupported) {
		return &apierr.Error{Code: apierr.CodeIndexNotSupported, Reason: err.Error(), Input: true}
	}
	return err
}

// IndexInfo describes one index and its build progress.
type IndexInfo struct {
	catalog.Index
	FieldName   string
	TotalRows   int64
	IndexedRows int64
	PendingRows int64
	State       int
	FailReason  string
}

// DescribeIndex names a collection's indexes to describe: all of them, or
// those on Field or named IndexName.
type DescribeIndex struct{ DB, Collection, Field, IndexName string }

// DescribeIndex lists a collection's indexes, or those of one field or name.
func (s *Service) DescribeIndex(_ context.Context, req DescribeIndex) ([]IndexInfo, error) {
	field, name := req.Field, req.IndexName
	_, col, err := s.collection(req.DB, req.Collection)
	if err != nil {
		return nil, err
	}
	sh, err := s.liveShard(col)
	if err != nil {
		return nil, err
	}
	st := sh.Stats()
	var out []IndexInfo
	for _, ix := range col.Indexes {
		f := col.Schema.FieldByID(ix.FieldID)
		if !onField(&col.Schema, ix, f, field) || (name != "" && ix.Name != name) {
			continue
		}
		info := IndexInfo{Index: ix, FieldName: f.Name, State: IndexStateFinished}
		info.TotalRows = int64(st.SealedRows + st.GrowingRows)
		if f.DataType == schema.JSON {
			info.PendingRows = pathPending(ix, &col.Schema, st)
		} else if f.DataType.IsVector() || scalar.Buildable(ix.Type, scalar.FieldOf(f)) {
			info.PendingRows = int64(st.SealedRows - st.IndexedRows[ix.FieldID])
		}
		info.IndexedRows = info.TotalRows - info.PendingRows
		if info.PendingRows > 0 {
			info.State = IndexStateInProgress
			if why := st.IndexErrors[ix.ID]; why != "" {
				info.State, info.FailReason = IndexStateFailed, why
			}
		}
		out = append(out, info)
	}
	if len(out) == 0 {
		if name == "" {
			name = field
		}
		return nil, apierr.IndexNotFound(name)
	}
	return out, nil
}

// DropIndex names the index to drop: on Field, or named IndexName.
type DropIndex struct{ DB, Collection, Field, IndexName string }

// DropIndex drops a released collection's index.
func (s *Service) DropIndex(_ context.Context, req DropIndex) error {
	s.ddl.Lock()
	defer s.ddl.Unlock()
	field, name := req.Field, req.IndexName
	_, col, err := s.collection(req.DB, req.Collection)
	if err != nil {
		return err
	}
	n := col.Clone()
	n.Indexes = n.Indexes[:0]
	var dropped []catalog.Index
	for _, ix := range col.Indexes {
		f := col.Schema.FieldByID(ix.FieldID)
		if (name == "" || ix.Name == name) && onField(&col.Schema, ix, f, field) {
			dropped = append(dropped, ix)
			continue
		}
		n.Indexes = append(n.Indexes, ix)
	}
	if len(dropped) == 0 {
		return nil
	}
	for _, ix := range dropped {
		if f := col.Schema.FieldByID(ix.FieldID); f.DataType.IsVector() && col.Loaded {
			return apierr.Invalid("index cannot be dropped, collection is loaded, please release it first")
		}
	}
	if err := s.cat.PutCollection(n); err != nil {
		return err
	}
	if sh := s.shard(col.ID); sh != nil {
		sealed, _ := sh.Segments()
		for _, seg := range sealed {
			for _, ix := range dropped {
				if f := col.Schema.FieldByID(ix.FieldID); f != nil && f.DataType == schema.JSON {
					seg.DropPathIndex(ix.ID)
				} else {
					seg.DropIndex(ix.FieldID)
				}
			}
		}
	}
	return nil
}
