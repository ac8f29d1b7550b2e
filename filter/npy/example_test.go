package npy_test

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"log"

	"github.com/kfilter/kfilter/filter/npy"
)

func ExampleWrite() {
	a := &npy.Array{
		Shape: []int{2, 3},
		DType: npy.Float64,
		Data:  []float64{1, 2, 3, 4, 5, 6},
	}
	var buf bytes.Buffer
	if err := npy.Write(&buf, a); err != nil {
		log.Fatal(err)
	}
	header := buf.Bytes()[10:128]
	fmt.Printf("%d bytes: %q\n", buf.Len(), bytes.TrimRight(header, " \n"))

	b, err := npy.Read(&buf)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(b.Shape, b.DType, b.Data)
	// Output:
	// 176 bytes: "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }"
	// [2 3] float64 [1 2 3 4 5 6]
}

func ExampleReadLimits() {
	// A header declaring a 1000x1000x1000 float64 array (8 GB).
	hdr := "{'descr': '<f8', 'fortran_order': False, 'shape': (1000, 1000, 1000), }"
	file := []byte("\x93NUMPY\x01\x00")
	file = binary.LittleEndian.AppendUint16(file, uint16(len(hdr)))
	file = append(file, hdr...)

	_, err := npy.ReadLimits(bytes.NewReader(file), npy.Limits{MaxBytes: 1 << 30})
	fmt.Println(err)
	fmt.Println(errors.Is(err, npy.ErrLimit))

	// Without a limit, the data is found to be missing.
	_, err = npy.Read(bytes.NewReader(file))
	fmt.Println(err)
	// Output:
	// npy: data: declared size 8000000000 bytes exceeds the limit of 1073741824 bytes
	// true
	// npy: data: data truncated: expected 8000000000 bytes, got 0
}
