package service

import (
	"errors"
	"fmt"
	"math"

	"github.com/kite-db/kite/internal/apierr"
	"github.com/kite-db/kite/internal/column"
	"github.com/kite-db/kite/internal/distance"
	"github.com/kite-db/kite/internal/schema"
)

// checkVectorValues refuses the vector values Milvus refuses, in rows
// written (insert, upsert) and in query vectors (search, hybrid search)
// alike, over gRPC and REST: NaN and ±Inf in float, float16 and bfloat16
// vectors; sparse rows that are not whole pairs, whose indexes are
// unsorted, repeated or 2^32-1, or whose values are negative, NaN or ±Inf.
// Each encoding's rule lives with its decoder in internal/distance; this
// is the one place that applies them and words the refusal as Milvus does.
func checkVectorValues(c *column.Column) error {
	var err error
	switch c.Type {
	case schema.FloatVector:
		err = distance.CheckFloats(c.FloatVecs)
	case schema.Float16Vector:
		if err = distance.CheckF16(c.VecBytes); err != nil {
			return apierr.Invalid("float16 vector contain nan or infinity value.")
		}
	case schema.BFloat16Vector:
		if err = distance.CheckBF16(c.VecBytes); err != nil {
			return apierr.Invalid("bfloat16 vector contain nan or infinity value.")
		}
	case schema.SparseFloatVector:
		for _, row := range c.Bytes {
			if err = distance.CheckSparse(row); err != nil {
				return sparseError(err, len(row))
			}
		}
	}
	return notFinite(err)
}

// checkFloatValues refuses NaN and ±Inf in Float and Double fields, as
// Milvus's insert validation does.
func checkFloatValues(vals []float64) error {
	for _, v := range vals {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return notFinite(&distance.NotFiniteError{Value: float32(v)})
		}
	}
	return nil
}

// notFinite words a NaN or infinity as Milvus's typeutil.VerifyFloat.
func notFinite(err error) error {
	var nf *distance.NotFiniteError
	if errors.As(err, &nf) {
		return apierr.Invalid("value '%s' is not a number or infinity", fmt.Sprintf("%f", nf.Value))
	}
	return err
}

// sparseError words CheckSparse's reasons as Milvus's
// typeutil.ValidateSparseFloatRows.
func sparseError(err error, n int) error {
	switch {
	case errors.Is(err, distance.ErrSparseRow):
		return apierr.Invalid("invalid data length in sparse float vector: %d", n)
	case errors.Is(err, distance.ErrSparseIndex):
		return apierr.Invalid("invalid index in sparse float vector: must be less than 2^32-1")
	case errors.Is(err, distance.ErrSparseOrder):
		return apierr.Invalid("unsorted or same indices in sparse float vector")
	case errors.Is(err, distance.ErrSparseNegative):
		return apierr.Invalid("negative value in sparse float vector")
	}
	return notFinite(err)
}
