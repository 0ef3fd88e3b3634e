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
	dotPanelsImpl  = DotPanelsGeneric

	nearestPanelsImpl = NearestPanelsGeneric
	lookupSumImpl     = LookupSum256Generic
	l2SqPanelsImpl    = L2SqPanelsGeneric
)

func init() {
	for _, v := range variants() {
		if v.ok {
			use(v)
			break
		}
	}
	for _, v := range extraVariants() {
		if v.ok {
			dotPanelsImpl, dotU8BatchImpl = v.dotPanels, v.dotU8Batch
			nearestPanelsImpl = v.nearestPanels
			lookupSumImpl = v.lookupSum256
			l2SqPanelsImpl = v.l2SqPanels
			break
		}
	}
}

// extraVariant is one implementation of the kernels outside the float32
// table (panels, 8-bit codes), which need different CPU features.
type extraVariant struct {
	name       string
	ok         bool
	dotPanels  func(q, panels, out []float32)
	l2SqPanels func(q, panels, out []float32)
	dotU8Batch func(w []float32, codes []byte, out []float32)
	// nearestPanels returns NearestPanels's row and value.
	nearestPanels func(q, panels, norms []float32) (int, float32)
	lookupSum256  func(table []float32, codes []byte, out []float32)
}

var genericExtra = extraVariant{
	name: "generic", ok: true,
	dotPanels: DotPanelsGeneric, dotU8Batch: DotU8BatchGeneric, nearestPanels: NearestPanelsGeneric,
	lookupSum256: LookupSum256Generic, l2SqPanels: L2SqPanelsGeneric,
}

// extraVariants lists them fastest first; generic is last and always ok.
func extraVariants() []extraVariant { return append(archExtraVariants(), genericExtra) }

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
