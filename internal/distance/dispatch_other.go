//go:build purego || !amd64

package distance

import "unsafe"

// archVariants is empty where no assembly is built: the generic reference
// kernels serve every call.
func archVariants() []variant { return nil }

func archExtraVariants() []extraVariant { return nil }

// prefetchImpl does nothing: pure Go has no prefetch hint.
func prefetchImpl(unsafe.Pointer, int) {}
