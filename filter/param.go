package filter

import "github.com/kfilter/kfilter/compile"

// Param is the value of a kernel parameter, a name in the kernel that is
// not values, center or a function: a number or an array of numbers. It
// is compile's type, named here so that a program needs only this
// package.
type Param = compile.Param

// Number returns a number parameter.
func Number(x float64) Param { return compile.Number(x) }

// List returns an array parameter, such as weights for sum(values * w);
// the kernel's checker sees its length.
func List(xs ...float64) Param { return compile.Array(xs...) }
