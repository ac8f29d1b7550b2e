package vec

import "golang.org/x/sys/cpu"

// AVX2 reports whether the vector kernels run: an amd64 build without
// the purego tag, on a CPU (and OS) with AVX2. It is the one CPU flag of
// kfilter. Tests set it to false to time or check the portable loops; it
// is not to be changed while a kernel runs.
var AVX2 = haveAsm && cpu.X86.HasAVX2
