package npy_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/kfilter/kfilter/filter/npy"
)

func TestMalformed(t *testing.T) {
	f8 := func(n int) []byte { return make([]byte, 8*n) }
	good := npyFile(1, dict("<f8", false, "(2, 3)"), f8(6))
	v := func(major byte, d string) []byte { return npyFile(major, d, f8(6)) }
	h := func(d string) []byte { return v(1, d) }

	tests := []struct {
		name   string
		file   []byte
		lim    npy.Limits
		field  string // Error.Field
		msg    string // fragment of the message
		offset int64  // Error.Offset, or -1 not to check
	}{
		// Magic string and version.
		{"empty file", nil, npy.Limits{}, "magic", "npy: magic: empty input", 0},
		{"short magic", []byte("\x93NUM"), npy.Limits{}, "magic", "input too short: 4 bytes", 4},
		{"short version", []byte("\x93NUMPY\x01"), npy.Limits{}, "magic", "input too short: 7 bytes", 7},
		{"wrong magic", []byte("PK\x03\x04\x14\x00\x00\x00\x08\x00"), npy.Limits{}, "magic", `not a .npy file: bad magic string "PK\x03\x04\x14\x00"`, 0},
		{"short wrong magic", []byte("GIF"), npy.Limits{}, "magic", "bad magic", 0},
		{"version 4.0", rawFile(4, 0, "", nil), npy.Limits{}, "version", "unsupported format version 4.0", 6},
		{"version 1.1", rawFile(1, 1, "", nil), npy.Limits{}, "version", "unsupported format version 1.1", 6},
		{"version 0.0", rawFile(0, 0, "", nil), npy.Limits{}, "version", "unsupported format version 0.0", 6},

		// Header length and header.
		{"no header length", good[:9], npy.Limits{}, "header length", "truncated", 9},
		{"short v2 header length", []byte("\x93NUMPY\x02\x00\x10\x00\x00"), npy.Limits{}, "header length", "truncated", 11},
		{"header cut short", good[:30], npy.Limits{}, "header", "header truncated: expected 118 bytes, got 20", 30},
		{"header length too large", []byte("\x93NUMPY\x02\x00\xff\xff\xff\xff{}"), npy.Limits{}, "header length", "header length 4294967295 exceeds the maximum", 8},
		{"empty header", rawFile(1, 0, "", nil), npy.Limits{}, "header", "header is not a dictionary literal: found end of header", 10},
		{"blank header", rawFile(1, 0, "   \n", nil), npy.Limits{}, "header", "not a dictionary literal: found end of header", 14},
		{"header is a list", h("['descr', '<f8']"), npy.Limits{}, "header", "not a dictionary literal: found '['", 10},
		{"header is a string", h("'descr'"), npy.Limits{}, "header", "not a dictionary literal", 10},
		{"header is code", h("__import__('os').system('rm -rf /')"), npy.Limits{}, "header", `not a dictionary literal: found identifier "__import__"`, 10},
		{"code in value", h("{'descr': __import__('os').system('ls'), 'fortran_order': False, 'shape': (2, 3)}"), npy.Limits{}, "header", `unexpected identifier "__import__" (offset 20)`, 20},
		{"call in shape", h("{'descr': '<f8', 'fortran_order': False, 'shape': tuple([2, 3])}"), npy.Limits{}, "header", `unexpected identifier "tuple"`, -1},
		{"expression", h("{'descr': '<f8', 'fortran_order': False, 'shape': (2*3,)}"), npy.Limits{}, "header", "expected ',' or ')', found '*'", -1},
		{"binary junk", h("{\x00\xff}"), npy.Limits{}, "header", `expected a value, found '\x00'`, 11},
		{"junk after dict", h(dict("<f8", false, "(2, 3)") + " junk"), npy.Limits{}, "header", `unexpected identifier "junk" after the dictionary`, -1},
		{"two dicts", h(dict("<f8", false, "(2, 3)") + "{}"), npy.Limits{}, "header", "after the dictionary", -1},
		{"unclosed dict", h("{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3),"), npy.Limits{}, "header", "expected a value, found end of header", -1},
		{"unclosed tuple", h("{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3"), npy.Limits{}, "header", "expected ',' or ')', found end of header", -1},
		{"missing colon", h("{'descr' '<f8', 'fortran_order': False, 'shape': (2, 3)}"), npy.Limits{}, "header", "expected ':' after dictionary key, found '\\''", 19},
		{"missing comma", h("{'descr': '<f8' 'fortran_order': False, 'shape': (2, 3)}"), npy.Limits{}, "header", "expected ',' or '}'", 26},
		{"double comma", h("{'descr': '<f8',, 'fortran_order': False, 'shape': (2, 3)}"), npy.Limits{}, "header", "expected a value, found ','", -1},
		{"lone comma tuple", h("{'descr': '<f8', 'fortran_order': False, 'shape': (,)}"), npy.Limits{}, "header", "expected a value, found ','", -1},
		{"unterminated string", h("{'descr: '<f8', 'fortran_order': False, 'shape': (2, 3)}"), npy.Limits{}, "header", "expected ':' after dictionary key", -1},
		{"unterminated string at end", h("{'descr"), npy.Limits{}, "header", "unterminated string", 11},
		{"backslash", h(`{'descr': '<f\\8', 'fortran_order': False, 'shape': (2, 3)}`), npy.Limits{}, "header", "escape sequences in strings are not supported", 23},
		{"bytes literal", h("{'descr': b'<f8', 'fortran_order': False, 'shape': (2, 3)}"), npy.Limits{}, "header", `unexpected identifier "b" (offset 20)`, 20},
		{"vertical tab", h("{\v'descr': '<f8', 'fortran_order': False, 'shape': (2, 3)}"), npy.Limits{}, "header", `expected a value, found '\v'`, 11},
		{"comment", h("{'descr': '<f8', # comment\n 'fortran_order': False, 'shape': (2, 3)}"), npy.Limits{}, "header", `expected a value, found '#'`, -1},
		{"non-string key", h("{1: 2}"), npy.Limits{}, "header", "dictionary key must be a string, found an integer", 11},
		{"tuple key", h("{('descr',): '<f8'}"), npy.Limits{}, "header", "dictionary key must be a string, found a tuple", 11},
		{"deep nesting", h("{'descr': " + strings.Repeat("[", 100) + strings.Repeat("]", 100) + "}"), npy.Limits{}, "header", "nested too deeply", -1},
		{"python 2 long in v3", v(3, dict("<f8", false, "(2L, 3L)")), npy.Limits{}, "header", `invalid number "2L": only decimal integers are supported`, -1},
		{"invalid utf-8 in v3", v(3, "{'descr': '\xff', 'fortran_order': False, 'shape': (2, 3)}"), npy.Limits{}, "header", "header is not valid UTF-8 (offset 23)", 23},
		{"float dim", h(dict("<f8", false, "(2.5, 3)")), npy.Limits{}, "header", `invalid number "2.5"`, -1},
		{"hex dim", h(dict("<f8", false, "(0x2, 3)")), npy.Limits{}, "header", `invalid number "0x2"`, -1},
		{"exponent dim", h(dict("<f8", false, "(2e0, 3)")), npy.Limits{}, "header", `invalid number "2e0"`, -1},
		{"leading zero", h(dict("<f8", false, "(02, 3)")), npy.Limits{}, "header", `invalid number "02": leading zeros`, -1},
		{"bare sign", h(dict("<f8", false, "(-, 3)")), npy.Limits{}, "header", "expected digits after sign", -1},

		// Keys.
		{"missing descr", h("{'fortran_order': False, 'shape': (2, 3), }"), npy.Limits{}, "header", "missing key 'descr'", -1},
		{"missing fortran_order", h("{'descr': '<f8', 'shape': (2, 3)}"), npy.Limits{}, "header", "missing key 'fortran_order'", -1},
		{"missing shape", h("{'descr': '<f8', 'fortran_order': False}"), npy.Limits{}, "header", "missing key 'shape'", -1},
		{"empty dict", h("{}"), npy.Limits{}, "header", "missing key 'descr'", 11},
		{"duplicate key", h("{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), 'descr': '<f8'}"), npy.Limits{}, "header", "duplicate key 'descr' (offset 68)", 68},
		{"duplicate key, other quotes", h(`{'shape': (2, 3), 'descr': '<f8', 'fortran_order': False, "shape": (2, 3)}`), npy.Limits{}, "header", `duplicate key "shape"`, -1},
		{"unknown key", h("{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), 'foo': 1}"), npy.Limits{}, "header", "unknown key 'foo' (offset 68)", 68},
		{"case of key", h("{'Descr': '<f8', 'fortran_order': False, 'shape': (2, 3)}"), npy.Limits{}, "header", "unknown key 'Descr'", 11},

		// Value types.
		{"fortran_order int", h("{'descr': '<f8', 'fortran_order': 0, 'shape': (2, 3)}"), npy.Limits{}, "header: fortran_order", "expected True or False, found an integer 0", 44},
		{"fortran_order string", h("{'descr': '<f8', 'fortran_order': 'False', 'shape': (2, 3)}"), npy.Limits{}, "header: fortran_order", "found a string 'False'", -1},
		{"fortran_order None", h("{'descr': '<f8', 'fortran_order': None, 'shape': (2, 3)}"), npy.Limits{}, "header: fortran_order", "found None None", -1},
		{"fortran_order lower case", h("{'descr': '<f8', 'fortran_order': false, 'shape': (2, 3)}"), npy.Limits{}, "header", `unexpected identifier "false"`, -1},
		{"shape list", h(dict("<f8", false, "[2, 3]")), npy.Limits{}, "header: shape", "expected a tuple of integers, found a list [2, 3]", -1},
		{"shape int", h(dict("<f8", false, "6")), npy.Limits{}, "header: shape", "expected a tuple of integers, found an integer 6", -1},
		{"shape parenthesized int", h(dict("<f8", false, "(6)")), npy.Limits{}, "header: shape", "expected a tuple of integers, found an integer (6)", -1},
		{"shape string dim", h(dict("<f8", false, "('2', 3)")), npy.Limits{}, "header: shape", "dimension 0 is a string '2', not an integer", -1},
		{"shape bool dim", h(dict("<f8", false, "(2, True)")), npy.Limits{}, "header: shape", "dimension 1 is a bool True, not an integer", -1},
		{"shape nested", h(dict("<f8", false, "((2, 3),)")), npy.Limits{}, "header: shape", "dimension 0 is a tuple (2, 3), not an integer", -1},
		{"descr int", h("{'descr': 8, 'fortran_order': False, 'shape': (2, 3)}"), npy.Limits{}, "header: descr", "expected a dtype string, found an integer 8", 20},
		{"descr dict", h("{'descr': {'names': ['a']}, 'fortran_order': False, 'shape': (2, 3)}"), npy.Limits{}, "header: descr", "expected a dtype string, found a dictionary", -1},

		// Shapes.
		{"negative dimension", h(dict("<f8", false, "(2, -3)")), npy.Limits{}, "header: shape", "npy: header: shape: negative dimension -3", 64},
		{"huge negative dimension", h(dict("<f8", false, "(-99999999999999999999999,)")), npy.Limits{}, "header: shape", "negative dimension -99999999999999999999999", -1},
		{"dimension overflows int64", h(dict("<f8", false, "(99999999999999999999,)")), npy.Limits{}, "header: shape", "dimension 99999999999999999999 is too large", -1},
		{"dimension 2**63", h(dict("|u1", false, "(9223372036854775808,)")), npy.Limits{}, "header: shape", "dimension 9223372036854775808 is too large", -1},
		{"element count overflows", h(dict("|u1", false, "(4294967296, 4294967296)")), npy.Limits{}, "header: shape", "uint8 array of shape (4294967296, 4294967296) is too large: its size in bytes overflows int64", 60},
		{"byte count overflows", h(dict("<f8", false, "(4611686018427387904,)")), npy.Limits{}, "header: shape", "float64 array of shape (4611686018427387904,) is too large", -1},
		{"byte count overflows by one", h(dict("<f8", false, "(1152921504606846976,)")), npy.Limits{}, "header: shape", "overflows int64", -1},
		{"overflow beside zero", h(dict("<f8", false, "(0, 4611686018427387904, 4)")), npy.Limits{}, "header: shape", "overflows int64", -1},

		// Dtypes.
		{"complex", h(dict("<c16", false, "(2, 3)")), npy.Limits{}, "header: descr", `dtype "<c16" (complex) is not supported`, 20},
		{"complex64", h(dict("<c8", false, "(2, 3)")), npy.Limits{}, "header: descr", `dtype "<c8" (complex) is not supported`, -1},
		{"object", h(dict("|O", false, "(2, 3)")), npy.Limits{}, "header: descr", `dtype "|O" (object) is not supported`, -1},
		{"bytes", h(dict("|S5", false, "(2, 3)")), npy.Limits{}, "header: descr", `dtype "|S5" (byte string) is not supported`, -1},
		{"unicode", h(dict("<U5", false, "(2, 3)")), npy.Limits{}, "header: descr", `dtype "<U5" (unicode string) is not supported`, -1},
		{"float16", h(dict("<f2", false, "(2, 3)")), npy.Limits{}, "header: descr", `dtype "<f2" (float16) is not supported`, -1},
		{"long double", h(dict("<f16", false, "(2, 3)")), npy.Limits{}, "header: descr", `dtype "<f16" (long double) is not supported`, -1},
		{"datetime", h(dict("<M8[ns]", false, "(2, 3)")), npy.Limits{}, "header: descr", `dtype "<M8[ns]" (datetime) is not supported`, -1},
		{"timedelta", h(dict("<m8[s]", false, "(2, 3)")), npy.Limits{}, "header: descr", `dtype "<m8[s]" (timedelta) is not supported`, -1},
		{"void", h(dict("|V16", false, "(2, 3)")), npy.Limits{}, "header: descr", `dtype "|V16" (void) is not supported`, -1},
		{"structured", h("{'descr': [('x', '<f4'), ('y', '<i4')], 'fortran_order': False, 'shape': (2, 3)}"), npy.Limits{}, "header: descr", "structured dtype [('x', '<f4'), ('y', '<i4')] is not supported", 20},
		{"subarray", h("{'descr': ('<f8', (2,)), 'fortran_order': False, 'shape': (2, 3)}"), npy.Limits{}, "header: descr", "subarray dtype ('<f8', (2,)) is not supported", -1},
		{"invalid dtype", h(dict("<x9", false, "(2, 3)")), npy.Limits{}, "header: descr", `invalid dtype "<x9"`, -1},
		{"empty dtype", h(dict("", false, "(2, 3)")), npy.Limits{}, "header: descr", "empty dtype", -1},
		{"dtype name", h(dict("float64", false, "(2, 3)")), npy.Limits{}, "header: descr", `invalid dtype "float64"`, -1},

		// Data.
		{"no data", npyFile(1, dict("<f8", false, "(2, 3)"), nil), npy.Limits{}, "data", "data truncated: expected 48 bytes, got 0", 128},
		{"truncated data", good[:len(good)-1], npy.Limits{}, "data", "data truncated: expected 48 bytes, got 47", 175},
		{"truncated scalar", npyFile(1, dict("<i4", false, "()"), []byte{1, 2}), npy.Limits{}, "data", "data truncated: expected 4 bytes, got 2", -1},
		{"huge declared size", npyFile(1, dict("<f8", false, "(1000000000000,)"), make([]byte, 100)), npy.Limits{}, "data", "data truncated: expected 8000000000000 bytes, got 100", 228},
		{"huge declared size, big-endian", npyFile(1, dict(">f8", false, "(1000000, 1000000)"), make([]byte, 100)), npy.Limits{}, "data", "data truncated: expected 8000000000000 bytes, got 100", -1},
		{"huge declared size, fortran", npyFile(1, dict("<i2", true, "(1000000, 1000000)"), make([]byte, 3*(1<<20)+5)), npy.Limits{}, "data", "data truncated: expected 2000000000000 bytes, got 3145733", -1},
		{"extra data", append(bytes.Clone(good), 0), npy.Limits{}, "data", "unexpected extra data after the 48 bytes of array data", 176},
		{"extra data after empty", npyFile(1, dict("<f8", false, "(0,)"), []byte("x")), npy.Limits{}, "data", "extra data", 128},
		{"second array", append(bytes.Clone(good), good...), npy.Limits{}, "data", "extra data", 176},
		{"bool 2", npyFile(1, dict("|b1", false, "(3,)"), []byte{1, 2, 0}), npy.Limits{}, "data", "invalid value 0x02 for bool element 1", 129},
		{"bool 0xff", npyFile(1, dict("|b1", false, "(3,)"), []byte{0, 1, 0xff}), npy.Limits{}, "data", "invalid value 0xff for bool element 2", 130},

		// Limits.
		{"limit exceeded", good, npy.Limits{MaxBytes: 47}, "data", "npy: data: declared size 48 bytes exceeds the limit of 47 bytes", 128},
		{"limit exceeded by huge", npyFile(1, dict("<f8", false, "(1000000000000,)"), nil), npy.Limits{MaxBytes: 1 << 30}, "data", "declared size 8000000000000 bytes exceeds the limit of 1073741824 bytes", 128},
		{"limit with truncated data", npyFile(1, dict("<f8", false, "(100,)"), f8(10)), npy.Limits{MaxBytes: 800}, "data", "data truncated: expected 800 bytes, got 80", -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := npy.ReadLimits(bytes.NewReader(tt.file), tt.lim)
			if err == nil {
				t.Fatalf("no error; read %v %v", a.DType, a.Shape)
			}
			var e *npy.Error
			if !errors.As(err, &e) {
				t.Fatalf("error %v (%T) is not an *Error", err, err)
			}
			if !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("error %q does not contain %q", err, tt.msg)
			}
			if !strings.HasPrefix(err.Error(), "npy: "+tt.field+": ") || e.Field != tt.field {
				t.Errorf("error %q: Field = %q, want %q", err, e.Field, tt.field)
			}
			if tt.offset >= 0 && e.Offset != tt.offset {
				t.Errorf("error %q: Offset = %d, want %d", err, e.Offset, tt.offset)
			}
			if e.Offset < 0 || e.Offset > int64(len(tt.file)) {
				t.Errorf("error %q: Offset %d outside the input", err, e.Offset)
			}
			if isLimit := strings.HasPrefix(tt.name, "limit exceeded"); errors.Is(err, npy.ErrLimit) != isLimit {
				t.Errorf("errors.Is(%q, ErrLimit) = %v, want %v", err, !isLimit, isLimit)
			}
		})
	}
}
