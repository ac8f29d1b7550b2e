//go:build !race && !purego

package vec

import "testing"

// TestUpperClearWindow5 is TestUpperClear for Window5MinNoNaN's and
// Window5MaxNoNaN's kernels.
func TestUpperClearWindow5(t *testing.T) {
	if !AVX2 {
		t.Skip("no vector kernels run in this build or on this CPU")
	}
	const n = 256
	out, col := make([]float64, n), make([]float64, n+4, n+20)
	for i := range col {
		col[i] = float64(i%7) - 3
	}
	expAfter(t, "Window5MinNoNaN", func(vector bool) {
		if vector {
			Window5MinNoNaN(out, col)
		} else {
			window5MinGeneric(out, col)
		}
	})
	expAfter(t, "Window5MaxNoNaN", func(vector bool) {
		if vector {
			Window5MaxNoNaN(out, col)
		} else {
			window5MaxGeneric(out, col)
		}
	})
}
