package vec

// ClearUpper zeroes the upper halves of the vector registers
// (VZEROUPPER). Call it only where AVX is known to be present.
//
//go:noescape
func ClearUpper()
