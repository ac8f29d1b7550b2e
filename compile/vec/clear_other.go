//go:build !amd64

package vec

// ClearUpper does nothing: only amd64 has the AVX-SSE transition penalty.
func ClearUpper() {}
