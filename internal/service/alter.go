package service

import (
	"context"
	"maps"
	"slices"
	"strconv"

	"github.com/kite-db/kite/internal/apierr"
	"github.com/kite-db/kite/internal/schema"
)

// Properties Milvus lets AlterIndex and AlterCollectionField change; Kite
// keeps and reports them (it maps sealed data whatever mmap.enabled says).
const (
	PropMmapEnabled      = "mmap.enabled"
	PropIndexOffsetCache = "indexoffsetcache.enabled"
	PropWarmup           = "warmup"
)

var alterableIndexProps = map[string]bool{PropMmapEnabled: true, PropIndexOffsetCache: true, PropWarmup: true}

// AlterIndex sets or removes an index's configurable properties.
type AlterIndex struct {
	DB, Collection, IndexName string
	Set                       map[string]string
	Remove                    []string
}

// AlterIndex changes the properties of a released collection's index; they
// are reported by DescribeIndex among its params.
func (s *Service) AlterIndex(_ context.Context, req AlterIndex) error {
	if len(req.Set) > 0 && len(req.Remove) > 0 {
		return apierr.Invalid("cannot provide both DeleteKeys and ExtraParams")
	}
	for _, k := range append(slices.Collect(maps.Keys(req.Set)), req.Remove...) {
		if !alterableIndexProps[k] {
			return apierr.Invalid("%s is not a configable index property", k)
		}
	}
	s.ddl.Lock()
	defer s.ddl.Unlock()
	_, col, err := s.collection(req.DB, req.Collection)
	if err != nil {
		return err
	}
	if req.IndexName == "" {
		return apierr.Invalid("index name is empty")
	}
	if col.Loaded {
		return apierr.CollectionLoaded(col.Name, "can't alter index on loaded collection, please release the collection first")
	}
	n := col.Clone()
	for i := range n.Indexes {
		if ix := &n.Indexes[i]; ix.Name == req.IndexName {
			ix.UserParams = mergeProps(ix.Described(), req.Set, req.Remove)
			return s.cat.PutCollection(n)
		}
	}
	return apierr.IndexNotFound(req.IndexName)
}

// AlterField sets or removes a field's alterable parameters.
type AlterField struct {
	DB, Collection, Field string
	Set                   map[string]string
	Remove                []string
}

// AlterCollectionField changes max_length, max_capacity, mmap.enabled or
// warmup of a field, with Milvus's rules.
func (s *Service) AlterCollectionField(_ context.Context, req AlterField) error {
	s.ddl.Lock()
	defer s.ddl.Unlock()
	_, col, err := s.collection(req.DB, req.Collection)
	if err != nil {
		return err
	}
	n := col.Clone()
	n.Schema.Fields = append([]schema.Field(nil), col.Schema.Fields...)
	f := n.Schema.FieldByName(req.Field)
	if f == nil {
		return apierr.FieldNotFound(req.Field)
	}
	f.TypeParams = maps.Clone(f.TypeParams)
	if f.TypeParams == nil {
		f.TypeParams = map[string]string{}
	}
	for k, v := range req.Set {
		if err := alterFieldParam(f, k, v, col.Loaded, col.Name); err != nil {
			return err
		}
	}
	for _, k := range req.Remove {
		if k != PropMmapEnabled && k != PropWarmup {
			return apierr.Invalid("%s is not allowed to drop in collection field param", k)
		}
		if col.Loaded {
			return apierr.CollectionLoaded(col.Name, "can not drop collection field properties if collection loaded")
		}
		delete(f.TypeParams, k)
	}
	n.SchemaVersion++
	n.UpdatedTs = s.oracle.Next()
	return s.cat.PutCollection(n)
}

func alterFieldParam(f *schema.Field, key, value string, loaded bool, coll string) error {
	switch key {
	case PropMmapEnabled, PropWarmup:
		if loaded {
			return apierr.CollectionLoaded(coll, "can not alter collection field properties if collection loaded")
		}
	case "max_length":
		if f.DataType != schema.VarChar && !(f.DataType == schema.Array && f.ElementType == schema.VarChar) {
			return apierr.Invalid("%s can not modify the maxlength for non-string types", f.Name)
		}
		n, err := strconv.Atoi(value)
		if err != nil {
			return apierr.Invalid("%s should be an integer, but got %T", key, value)
		}
		if n > MaxVarCharLength || n <= 0 {
			return apierr.Invalid("%s exceeds the maximum allowed value %d", value, MaxVarCharLength)
		}
		f.MaxLength = n
	case "max_capacity":
		if f.DataType != schema.Array {
			return apierr.Invalid("%s can not modify the maxcapacity for non-array types", f.Name)
		}
		n, err := strconv.Atoi(value)
		if err != nil {
			return apierr.Invalid("the value for %s of field %s must be an integer", key, f.Name)
		}
		if n > MaxArrayCapacity || n <= 0 {
			return apierr.Invalid("the maximum capacity specified for a Array should be in (0, %d]", MaxArrayCapacity)
		}
		f.MaxCapacity = n
	default:
		return apierr.Invalid("%s does not allow update in collection field param", key)
	}
	f.TypeParams[key] = value
	return nil
}
