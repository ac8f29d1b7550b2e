package main

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// npyFile builds a .npy file: magic, version, header padded to 64 bytes,
// then data.
func npyFile(version byte, header string, data []byte) []byte {
	var b bytes.Buffer
	b.WriteString("\x93NUMPY")
	b.WriteByte(version)
	b.WriteByte(0)
	hlen := 10
	if version > 1 {
		hlen = 12
	}
	pad := 64 - (hlen+len(header)+1)%64
	h := header + strings.Repeat(" ", pad%64) + "\n"
	if version > 1 {
		binary.Write(&b, binary.LittleEndian, uint32(len(h)))
	} else {
		binary.Write(&b, binary.LittleEndian, uint16(len(h)))
	}
	b.WriteString(h)
	b.Write(data)
	return b.Bytes()
}

func f64bytes(n int) []byte { return make([]byte, 8*n) }

// pngWithSize is a valid 1x1 PNG whose header claims w x h.
func pngWithSize(w, h uint32) []byte {
	var b bytes.Buffer
	png.Encode(&b, image.NewGray(image.Rect(0, 0, 1, 1)))
	data := b.Bytes()
	// IHDR data starts at 16: width, height; CRC covers type and data
	binary.BigEndian.PutUint32(data[16:], w)
	binary.BigEndian.PutUint32(data[20:], h)
	binary.BigEndian.PutUint32(data[29:], crc32.ChecksumIEEE(data[12:29]))
	return data
}

// TestHostileFiles feeds the command bad and strange files: each must end
// with the right exit status and a message naming the problem, and leave
// an existing output file as it was, with no temporary file behind.
func TestHostileFiles(t *testing.T) {
	cam, _ := os.ReadFile(camera)
	jpegTIFF, err := os.ReadFile("../../testdata/tiff/bad_jpeg.tif") // JPEG-compressed
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		ext  string
		data []byte
		args []string // extra arguments
		code int
		msg  string
	}{
		{"empty npy", ".npy", nil, nil, 1, "npy"},
		{"wrong magic", ".npy", []byte("\x93NUMPX\x01\x00"), nil, 1, "magic"},
		{"version 4", ".npy", []byte("\x93NUMPY\x04\x00\x10\x00{}"), nil, 1, "version"},
		{"header cut short", ".npy", npyFile(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 2), }", nil)[:30], nil, 1, "header"},
		{"header is code", ".npy", npyFile(1, "__import__('os').system('true')", nil), nil, 1, "header"},
		{"header junk", ".npy", npyFile(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 2), } junk", f64bytes(4)), nil, 1, "header"},
		{"missing key", ".npy", npyFile(1, "{'descr': '<f8', 'shape': (2, 2), }", f64bytes(4)), nil, 1, "fortran_order"},
		{"wrong type", ".npy", npyFile(1, "{'descr': '<f8', 'fortran_order': False, 'shape': 'big', }", f64bytes(4)), nil, 1, "shape"},
		{"data short", ".npy", npyFile(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (4, 4), }", f64bytes(3)), nil, 1, "truncated"},
		{"data long", ".npy", npyFile(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 2), }", f64bytes(5)), nil, 1, "data"},
		{"shape overflows", ".npy", npyFile(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (4611686018427387904, 4611686018427387904), }", nil), nil, 1, "shape"},
		{"negative dimension", ".npy", npyFile(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (-3, 2), }", nil), nil, 1, "negative"},
		{"absurd dimension", ".npy", npyFile(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (1000000000, 1000000000), }", f64bytes(1)), nil, 1, "limit"},
		{"object dtype", ".npy", npyFile(1, "{'descr': '|O', 'fortran_order': False, 'shape': (2,), }", f64bytes(2)), nil, 1, "|O"},
		{"string dtype", ".npy", npyFile(1, "{'descr': '<U5', 'fortran_order': False, 'shape': (2,), }", make([]byte, 40)), nil, 1, "<U5"},
		{"complex dtype", ".npy", npyFile(1, "{'descr': '<c16', 'fortran_order': False, 'shape': (2,), }", make([]byte, 32)), nil, 1, "complex"},
		{"structured dtype", ".npy", npyFile(1, "{'descr': [('a', '<f8')], 'fortran_order': False, 'shape': (2,), }", f64bytes(2)), nil, 1, "descr"},
		// (a .npy in C order past --max-bytes streams instead: TestStream)
		{"over --max-bytes, Fortran order", ".npy", npyFile(1, "{'descr': '<f8', 'fortran_order': True, 'shape': (64, 64), }", f64bytes(64*64)), []string{"--max-bytes", "1000"}, 1, "--max-bytes"},
		{"png not a png", ".png", []byte("GIF89a nothing"), nil, 1, "not a valid png"},
		{"png truncated", ".png", cam[:2000], nil, 1, "not a valid png"},
		{"png bomb", ".png", pngWithSize(200000, 200000), nil, 1, "over the limit"},
		{"pgm bomb", ".pgm", []byte("P5 200000 200000 255\n\x00\x01"), nil, 1, "exceeds the limit"},
		{"pgm truncated", ".pgm", []byte("P5 4 4 255\n\x00\x01"), nil, 1, "truncated"},
		{"pbm", ".pgm", []byte("P4 8 1\n\x00"), nil, 1, "not supported"},
		{"jpeg truncated", ".jpg", []byte("\xff\xd8\xff\xe0\x00\x10JFIF"), nil, 1, "not a valid jpeg"},
		{"tiff junk", ".tif", []byte("II*\x00junkjunkjunk"), nil, 1, "in.tif: tiff: page 0: IFD offset 1802401130 is outside the file (16 bytes)"},
		{"tiff JPEG", ".tif", jpegTIFF, nil, 1, "in.tif: tiff: page 0: Compression (tag 259): 7 (JPEG) is not supported"},
	}
	dir := t.TempDir()
	out := filepath.Join(dir, "out.npy")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := filepath.Join(dir, "in"+tt.ext)
			if err := os.WriteFile(in, tt.data, 0o644); err != nil {
				t.Fatal(err)
			}
			os.WriteFile(out, []byte("precious"), 0o644)
			args := append([]string{"-e", "min(values)", "--size", "3", in, out}, tt.args...)
			start := time.Now()
			code, stdout, stderr := cli(t, nil, args...)
			if code != tt.code || !strings.Contains(stderr, tt.msg) || stdout != "" {
				t.Errorf("exit %d, stderr %q; want exit %d and %q", code, stderr, tt.code, tt.msg)
			}
			if d := time.Since(start); d > 2*time.Second {
				t.Errorf("took %v", d)
			}
			if strings.Contains(stderr, "goroutine ") {
				t.Errorf("a stack trace: %s", stderr)
			}
			checkUntouched(t, dir, out)
		})
	}
}

// checkUntouched asserts out still says "precious" and no temporary file
// remains in dir.
func checkUntouched(t *testing.T, dir, out string) {
	t.Helper()
	if b, _ := os.ReadFile(out); string(b) != "precious" {
		t.Errorf("the existing output changed to %.20q", b)
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.Contains(e.Name(), ".kfilter-") {
			t.Errorf("temporary file %s left behind", e.Name())
		}
	}
}

// TestStrangeButValid: inputs that are unusual but fine.
func TestStrangeButValid(t *testing.T) {
	dir := t.TempDir()
	be := make([]byte, 8*6)
	for i := 0; i < 6; i++ {
		binary.BigEndian.PutUint64(be[8*i:], uint64(0x3ff0000000000000)+uint64(i)<<48) // 1, 1.0625, ...
	}
	tests := []struct {
		name  string
		data  []byte
		shape []int
	}{
		{"big-endian", npyFile(1, "{'descr': '>f8', 'fortran_order': False, 'shape': (2, 3), }", be), []int{2, 3}},
		{"fortran order", npyFile(1, "{'descr': '<f8', 'fortran_order': True, 'shape': (2, 3), }", f64bytes(6)), []int{2, 3}},
		{"version 3", npyFile(3, "{'descr': '<u1', 'fortran_order': False, 'shape': (3, 3), }", make([]byte, 9)), []int{3, 3}},
		{"zero-size", npyFile(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (0, 5), }", nil), []int{0, 5}},
	}
	for _, tt := range tests {
		in := filepath.Join(dir, "in.npy")
		out := filepath.Join(dir, "out.npy")
		os.WriteFile(in, tt.data, 0o644)
		code, _, stderr := cli(t, nil, "-e", "max(values)", "--size", "3", in, out)
		if code != 0 {
			t.Errorf("%s: exit %d: %s", tt.name, code, stderr)
			continue
		}
		if a := readNPY(t, out); !equalInts(a.Shape, tt.shape) {
			t.Errorf("%s: output shape %v", tt.name, a.Shape)
		}
	}
}

// TestHostileOptions: kernels, footprints and parameters past the limits.
func TestHostileOptions(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "out.png")
	fp2 := filepath.Join(dir, "twos.npy")
	os.WriteFile(fp2, npyFile(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (3,), }", bytes.Repeat([]byte{0, 0, 0, 0, 0, 0, 0, 0x40}, 3)), 0o644)
	empty := filepath.Join(dir, "empty.npy")
	os.WriteFile(empty, npyFile(1, "{'descr': '|b1', 'fortran_order': False, 'shape': (3, 3), }", make([]byte, 9)), 0o644)
	deep := strings.Repeat("(", 300) + "center" + strings.Repeat(")", 300)
	tests := []struct {
		name string
		args []string
		code int
		msg  string
	}{
		{"deep nesting", []string{"-e", deep, "--size", "3"}, 2, "--max-depth"},
		{"long kernel", []string{"-e", strings.Repeat("center + ", 10000) + "1", "--size", "3"}, 2, "--max-kernel"},
		{"huge program", []string{"-e", "sum(map(values, let o = #; sum(map(values, count(values < # + o)))))", "--size", "15"}, 2, "--max-instructions"},
		{"string value", []string{"-e", `"a"`, "--size", "3"}, 2, "strings"},
		{"map value", []string{"-e", "{a: 1}", "--size", "3"}, 2, "maps"},
		{"array result", []string{"-e", "sort(values)", "--size", "3"}, 2, "must return a number"},
		{"index out of range", []string{"-e", "values[9]", "--size", "3"}, 2, "out of range"},
		{"footprint of twos", []string{"-e", "min(values)", "--footprint", fp2}, 2, "0 or 1"},
		{"empty footprint", []string{"-e", "min(values)", "--footprint", empty}, 2, "no true element"},
		{"footprint rank", []string{"-e", "min(values)", "--footprint", fp2}, 2, "footprint"},
		{"huge footprint", []string{"-e", "min(values)", "--size", "5000"}, 2, "over the limit"},
		{"origin", []string{"-e", "min(values)", "--size", "3", "--origin", "5"}, 2, "out of range"},
		{"param missing", []string{"-e", "center > t", "--size", "3"}, 2, "-p t=VALUE"},
		{"param file missing", []string{"-e", "sum(values * w)", "-p", "w=@" + filepath.Join(dir, "none.npy"), "--size", "3"}, 1, "none.npy"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			os.WriteFile(out, []byte("precious"), 0o644)
			start := time.Now()
			code, _, stderr := cli(t, nil, append(tt.args, camera, out)...)
			if code != tt.code || !strings.Contains(stderr, tt.msg) {
				t.Errorf("exit %d, stderr %q; want exit %d and %q", code, stderr, tt.code, tt.msg)
			}
			if d := time.Since(start); d > 3*time.Second {
				t.Errorf("took %v", d)
			}
			checkUntouched(t, dir, out)
		})
	}
	// raising the limit lets the deep kernel through
	if code, _, stderr := cli(t, nil, "-e", deep, "--size", "3", "--max-depth", "400", camera, out); code != 0 {
		t.Errorf("--max-depth 400: exit %d: %s", code, stderr)
	}
}

// TestInputIsDirectory: a directory where a file should be.
func TestInputIsDirectory(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in.npy")
	os.Mkdir(in, 0o755)
	code, _, stderr := cli(t, nil, "-e", "min(values)", "--size", "3", in, filepath.Join(dir, "out.npy"))
	if code != 1 || !strings.Contains(stderr, "is a directory") {
		t.Errorf("exit %d, %q", code, stderr)
	}
}

// TestOutputIsInput: the output may be the input file itself.
func TestOutputIsInput(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "a.npy")
	os.WriteFile(path, npyFile(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (3,), }", npyData(1, 5, 2)), 0o644)
	if code, _, stderr := cli(t, nil, "-e", "max(values)", "--size", "3", "--mode", "nearest", path, path); code != 0 {
		t.Fatal(stderr)
	}
	if a := readNPY(t, path); a.Data.([]float64)[0] != 5 || a.Data.([]float64)[2] != 5 {
		t.Errorf("in place: %v", a.Data)
	}
}

func npyData(v ...float64) []byte {
	var b bytes.Buffer
	binary.Write(&b, binary.LittleEndian, v)
	return b.Bytes()
}

// TestDiskFull: an output directory the process cannot write in (a
// write failing part way is imageio's TestWriteFails).
func TestDiskFull(t *testing.T) {
	if code, _, stderr := cli(t, nil, "-e", "min(values)", "--size", "3", camera, "/proc/kfilter-test/out.png"); code != 1 || stderr == "" {
		t.Errorf("unwritable directory: exit %d %q", code, stderr)
	}
}
