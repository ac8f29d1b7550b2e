package filter

import (
	"context"
	"math"
	"math/rand/v2"
	"sync"
	"testing"
)

// TestConcurrentApply applies one compiled filter from many goroutines to
// different arrays at once (each Apply also using several threads) and
// checks every result against the same filter run alone.
func TestConcurrentApply(t *testing.T) {
	for _, src := range []string{
		"abs(center - median(values)) > 3 * std(values) ? median(values) : center",
		"min(values)", "median(values)", "count(values, # > c)",
	} {
		f, err := New(src, Options{Footprint: Box(3, 5), Threads: 3,
			Params: map[string]Param{"c": Number(0.5)}})
		if err != nil {
			t.Fatal(err)
		}
		const n = 24
		ins := make([]*Array, n)
		wants := make([]*Array, n)
		r := rand.New(rand.NewPCG(7, 7))
		for i := range ins {
			ins[i] = randomArray(r, 20+i, 31)
			wants[i], _ = f.Apply(context.Background(), ins[i])
		}
		var wg sync.WaitGroup
		errs := make(chan string, n)
		for i := range ins {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for rep := 0; rep < 5; rep++ {
					got, err := f.Apply(context.Background(), ins[i])
					if err != nil {
						errs <- err.Error()
						return
					}
					for j, x := range got.Data.([]float64) {
						y := wants[i].Data.([]float64)[j]
						if math.Float64bits(x) != math.Float64bits(y) && !(math.IsNaN(x) && math.IsNaN(y)) {
							errs <- src + ": results differ under concurrency"
							return
						}
					}
				}
			}()
		}
		wg.Wait()
		close(errs)
		for e := range errs {
			t.Fatal(e)
		}
	}
}
