package imageio_test

import (
	"bytes"
	"errors"
	"fmt"
	"log"
	"os"
	"path/filepath"

	"github.com/kfilter/kfilter/filter"
	"github.com/kfilter/kfilter/filter/imageio"
)

// Read a stack of TIFF pages as one 3-D array.
func ExampleRead() {
	var info imageio.Info
	a, err := imageio.Read("../../testdata/images/tiff/stack7.tif", imageio.Describe(&info))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(info.Format, a.Shape, a.DType, info.Channels)
	// Output: tiff [7 64 80] uint16 0
}

// Write a float32 array as a TIFF and read it back; the write is atomic.
func ExampleWrite() {
	dir, err := os.MkdirTemp("", "imageio")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	a, _ := filter.ArrayOf([]float32{0.5, 1.5, 2.5, 3.5, 4.5, 5.5}, 2, 3)
	name := filepath.Join(dir, "out.tif")
	if err := imageio.Write(name, a); err != nil {
		log.Fatal(err)
	}
	b, err := imageio.Read(name)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(b.Shape, b.DType, b.Data)
	// Output: [2 3] float32 [0.5 1.5 2.5 3.5 4.5 5.5]
}

// Decode knows a stream's format by its first bytes, as for standard
// input; Encode writes the format named.
func ExampleDecode() {
	a, _ := filter.ArrayOf([]uint8{1, 2, 3, 4}, 2, 2)
	var buf bytes.Buffer
	if err := imageio.Encode(&buf, a, imageio.PNG); err != nil {
		log.Fatal(err)
	}
	var info imageio.Info
	b, err := imageio.Decode(&buf, imageio.Describe(&info))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(info.Format, b.Shape, b.Data)
	// Output: png [2 2] [1 2 3 4]
}

// Errors say what is wrong with which file; errors.Is tells their kind.
func ExampleError() {
	_, err := imageio.Read("../../testdata/tiff/bad_jpeg.tif")
	fmt.Println(err)
	fmt.Println(errors.Is(err, imageio.ErrUnsupported))
	big := []byte("P5 100000 100000 255\n")
	_, err = imageio.Decode(bytes.NewReader(big), imageio.WithLimits(imageio.Limits{MaxBytes: 1 << 30}))
	fmt.Println(err)
	fmt.Println(errors.Is(err, imageio.ErrLimit))
	// Output:
	// ../../testdata/tiff/bad_jpeg.tif: tiff: page 0: Compression (tag 259): 7 (JPEG) is not supported; none, LZW, deflate and PackBits are
	// true
	// pgm/ppm: image size 100000x100000 (10000000000 pixels) exceeds the limit of 33554432 pixels
	// true
}
