// Package npy reads and writes NumPy .npy files.
//
// The .npy format stores a single n-dimensional array: a magic string
// ("\x93NUMPY"), a format version, a header that is a Python dictionary
// literal describing the array, and the raw array data. The format is
// described in the documentation of the numpy.lib.format module.
//
// The package supports the boolean, signed and unsigned integer, and
// 32- and 64-bit floating-point dtypes (see [DType]) in either byte order
// and in C or Fortran order, for files of format versions 1.0, 2.0 and
// 3.0. Other dtypes, such as strings, complex numbers, objects, float16,
// datetimes and structured dtypes, are reported as errors.
//
// An [Array] holds its data as a Go slice whose element type matches the
// dtype, in C (row-major) order, with native values:
//
//	a, err := npy.Read(f)
//	if err != nil {
//		return err
//	}
//	if a.DType == npy.Float64 {
//		values := a.Data.([]float64)
//		// values[i*a.Shape[1]+j] is element (i, j) of a 2-D array.
//	}
//
// [Write] writes an array in the form numpy.save uses for a C-ordered
// little-endian array:
//
//	err := npy.Write(w, &npy.Array{
//		Shape: []int{2, 3},
//		DType: npy.Int32,
//		Data:  []int32{1, 2, 3, 4, 5, 6},
//	})
//
// Reading never trusts the header: the header is parsed by a small strict
// parser for the dictionary literal numpy writes (it is never evaluated),
// the declared data size is checked for overflow and, optionally, against
// a caller-supplied limit (see [ReadLimits]), and the data is read
// incrementally so that a short file claiming a huge array fails without
// allocating the claimed size. Malformed input is reported as an *[Error].
package npy
