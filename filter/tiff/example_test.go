package tiff_test

import (
	"bytes"
	"errors"
	"fmt"
	"log"

	"github.com/kfilter/kfilter/filter"
	"github.com/kfilter/kfilter/filter/tiff"
)

func Example() {
	// A stack of 3 pages of 2x4 uint16 samples.
	data := make([]uint16, 3*2*4)
	for i := range data {
		data[i] = uint16(i)
	}
	a, err := filter.ArrayOf(data, 3, 2, 4)
	if err != nil {
		log.Fatal(err)
	}
	var buf bytes.Buffer
	err = tiff.Write(&buf, a, &tiff.Options{Compression: tiff.Deflate, Predictor: tiff.Horizontal})
	if err != nil {
		log.Fatal(err)
	}

	// Open it lazily: only the IFDs are read.
	d, err := tiff.NewDecoder(bytes.NewReader(buf.Bytes()), int64(buf.Len()), tiff.Limits{MaxBytes: 1 << 30})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(d.Shape(), d.DType(), d.Pages(), d.PageShape())

	// The last page, then its second row.
	p, err := d.ReadPages(2, 1)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(p.Shape, p.Data)
	r, err := d.ReadRows(2, 1, 2)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(r.Shape, r.Data)
	// Output:
	// [3 2 4] uint16 3 [2 4]
	// [1 2 4] [16 17 18 19 20 21 22 23]
	// [1 4] [20 21 22 23]
}

func ExampleReadLimits() {
	// A file claiming a 60000x60000 uint16 page.
	file := handmade(make([]byte, 6), grey(60000, 60000, 6, ent{258, 3, []uint32{16}})...)

	_, err := tiff.ReadLimits(bytes.NewReader(file), int64(len(file)), tiff.Limits{MaxBytes: 1 << 30})
	fmt.Println(err)
	fmt.Println(errors.Is(err, tiff.ErrLimit))

	// Without a limit, the file is found too short to hold it.
	_, err = tiff.Read(bytes.NewReader(file), int64(len(file)))
	fmt.Println(err)
	// Output:
	// tiff: page 0: the [60000 60000] uint16 array asked for (7200000000 bytes) exceeds the limit of 1073741824 bytes
	// true
	// tiff: page 0: the strips or tiles of the [60000 60000] uint16 array asked for hold at most 6 bytes of its 7200000000
}
