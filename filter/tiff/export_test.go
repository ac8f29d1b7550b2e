package tiff

// SetParallelBytes sets the least decoded size read on several threads
// and returns a function restoring it.
func SetParallelBytes(n int64) func() {
	old := parallelBytes
	parallelBytes = n
	return func() { parallelBytes = old }
}
