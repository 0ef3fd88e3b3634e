package expr

// PKTerms returns the primary-key values of a filter that only names keys:
// `pk in [...]` or `pk == v`. Milvus deletes such keys without looking
// them up and reports how many were given; ok is false for any other
// filter. Values are int64 or string, in the order written.
func (e *Expr) PKTerms(pkID int64) (vals []any, ok bool) {
	var x operand
	var list []value
	switch p := e.root.(type) {
	case *termPred:
		x, list = p.x, p.vals
	case *cmpPred:
		if p.op != tkEq {
			return nil, false
		}
		x, list = p.x, []value{p.c}
	default:
		return nil, false
	}
	f, isField := x.(*fieldOp)
	if !isField || f.f.ID != pkID {
		return nil, false
	}
	for _, v := range list {
		switch v.k {
		case kInt:
			vals = append(vals, v.i)
		case kString:
			vals = append(vals, v.s)
		default:
			return nil, false
		}
	}
	return vals, true
}
