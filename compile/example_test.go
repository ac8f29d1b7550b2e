package compile_test

import (
	"fmt"

	"github.com/kfilter/kfilter/compile"
)

func ExampleCompile() {
	p, err := compile.Compile("median(abs(values - c))", compile.Config{
		N:      3,
		Params: map[string]compile.Param{"c": compile.Number(1)},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	// Two pixels with three footprint elements each: in[k][i] is element k
	// of pixel i.
	in := [][]float64{{1, 4}, {2, 5}, {3, 9}}
	out := make([]float64, 2)
	p.NewMachine().Run(out, in, nil)
	fmt.Println(out)
	// Output: [1 4]
}

func ExampleProgram_String() {
	p, _ := compile.Compile("count(values, # > c)", compile.Config{
		N:      9,
		Params: map[string]compile.Param{"c": compile.Number(0.5)},
	})
	fmt.Print(p)
	// Output:
	// ; 9 footprint values (v0..v8), 1 constants, 10 registers, strip 1024
	//   0  gt         r0[9] = v0[9], k0(0.5)
	//   1  count      r9 = r0[9]
	//      result     r9
}

func ExampleEval() {
	p, _ := compile.Compile("sort(values)[-2]", compile.Config{N: 4})
	fmt.Println(compile.Eval(p.Kernel, nil, []float64{3, 1, 4, 1}, 0))
	// Output: 3
}
