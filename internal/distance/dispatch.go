package distance

// variant is one implementation of the float32 kernels.
type variant struct {
	name      string
	ok        bool // the CPU (and OS) support it
	l2Sq, dot func(a, b []float32) float32
	l2SqBatch func(q, rows, out []float32)
	dotBatch  func(q, rows, out []float32)
}

var generic = variant{
	name: "generic", ok: true,
	l2Sq: L2SqGeneric, dot: DotGeneric,
	l2SqBatch: L2SqBatchGeneric, dotBatch: DotBatchGeneric,
}

// Dispatched kernels. They are variables set once at init (not a switch
// per call) so the choice costs one indirect call outside the hot loop.
var (
	active        = generic
	l2SqImpl      = L2SqGeneric
	dotImpl       = DotGeneric
	l2SqBatchImpl = L2SqBatchGeneric
	dotBatchImpl  = DotBatchGeneric

	dotU8Impl      = DotU8Generic
	dotU8BatchImpl = DotU8BatchGeneric
)

func init() {
	for _, v := range variants() {
		if v.ok {
			use(v)
			return
		}
	}
}

// variants lists the implementations built into this binary, fastest
// first; the generic reference is always last and always ok.
func variants() []variant { return append(archVariants(), generic) }

func use(v variant) {
	active = v
	l2SqImpl, dotImpl = v.l2Sq, v.dot
	l2SqBatchImpl, dotBatchImpl = v.l2SqBatch, v.dotBatch
}

// Implementation names the float32 kernels in use ("avx512", "avx2",
// "generic"), for logs and `kite doctor`.
func Implementation() string { return active.name }
