//go:build purego || !amd64

package distance

// archVariants is empty where no assembly is built: the generic reference
// kernels serve every call.
func archVariants() []variant { return nil }
