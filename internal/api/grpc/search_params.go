package grpc

import (
	"strconv"

	"github.com/milvus-io/milvus-proto/go-api/v2/schemapb"

	"github.com/kite-db/kite/internal/apierr"
	"github.com/kite-db/kite/internal/service"
)

// Search params of Milvus 2.6's search iterator v2, as the SDKs send them.
const (
	iterV2Key        = "search_iter_v2"
	iterBatchSizeKey = "search_iter_batch_size"
	iterLastBoundKey = "search_iter_last_bound"
	iterIDKey        = "search_iter_id"
	collectionIDKey  = "collection_id"
	ignoreGrowingKey = "ignore_growing"
)

const iterV2Failed = "parse iterator v2 info failed: "

// readParams fills the search params that are not about what to search:
// iterator v2, ignore_growing and the collection ID the SDK saw.
func readParams(p map[string]string, sr *service.Search) error {
	var err error
	if sr.IgnoreGrowing, err = ignoreGrowing(p); err != nil {
		return err
	}
	sr.CollectionID, _ = strconv.ParseInt(p[collectionIDKey], 0, 64) // Milvus ignores a bad one too
	if v2, _ := strconv.ParseBool(p[iterV2Key]); !v2 {
		return nil
	}
	it, err := iterV2Params(p)
	sr.IterV2 = it
	return err
}

// ignoreGrowing reads ignore_growing (searches and queries).
func ignoreGrowing(p map[string]string) (bool, error) {
	raw, ok := p[ignoreGrowingKey]
	if !ok {
		return false, nil
	}
	b, err := strconv.ParseBool(raw)
	if err != nil {
		return false, apierr.Invalid("parse ignore growing field failed")
	}
	return b, nil
}

// iterV2Params reads one iterator v2 page's params with Milvus's checks
// of their form; the service checks their values.
func iterV2Params(p map[string]string) (*service.IterV2, error) {
	it := &service.IterV2{Token: p[iterIDKey]}
	raw := p[iterBatchSizeKey]
	if raw == "" {
		return nil, apierr.Invalid(iterV2Failed + "batch size is required")
	}
	n, err := strconv.ParseInt(raw, 0, 64)
	if err != nil {
		return nil, apierr.Invalid(iterV2Failed+"batch size is invalid, %v", err)
	}
	it.BatchSize = int(n)
	if raw := p[iterLastBoundKey]; raw != "" {
		b, err := strconv.ParseFloat(raw, 32)
		if err != nil {
			return nil, apierr.Invalid(iterV2Failed+"failed to parse input last bound, %v", err)
		}
		lb := float32(b)
		it.LastBound = &lb
	}
	return it, nil
}

// iterV2Results is the iterator v2 part of a search answer, nil without one.
func iterV2Results(res *service.SearchResult) *schemapb.SearchIteratorV2Results {
	if res.Iter == nil {
		return nil
	}
	return &schemapb.SearchIteratorV2Results{Token: res.Iter.Token, LastBound: res.Iter.LastBound}
}
