package npy

import (
	"fmt"
	"math"
	"math/bits"
	"strconv"
)

// The header of a .npy file is the repr of a Python dictionary such as
//
//	{'descr': '<f8', 'fortran_order': False, 'shape': (3, 4), }
//
// followed by padding. It is parsed here by a small recursive-descent
// parser for the subset of Python literal syntax that can appear in it:
// dictionaries with string keys, tuples, lists, strings without escape
// sequences (optionally with a u prefix), decimal integers, True, False
// and None. Nothing is evaluated.

// maxDepth limits the nesting of brackets in a header.
const maxDepth = 32

type valueKind uint8

const (
	kindString valueKind = iota + 1
	kindInt
	kindBool
	kindNone
	kindTuple
	kindList
	kindDict
)

var kindNames = [...]string{
	kindString: "a string",
	kindInt:    "an integer",
	kindBool:   "a bool",
	kindNone:   "None",
	kindTuple:  "a tuple",
	kindList:   "a list",
	kindDict:   "a dictionary",
}

// A value is a parsed Python literal.
type value struct {
	kind     valueKind
	pos, end int // extent of the value's source text in the header

	str      string  // kindString: the string; kindInt: the digits
	neg      bool    // kindInt: the integer is negative
	num      int64   // kindInt: the integer, if !overflow
	overflow bool    // kindInt: the integer does not fit in an int64
	b        bool    // kindBool
	elems    []value // kindTuple, kindList
	items    []item  // kindDict
}

type item struct {
	key   value // always a string
	value value
}

// A parser parses a header.
type parser struct {
	s     []byte // the header
	pos   int    // current position in s
	base  int64  // offset of s in the file
	depth int    // current bracket nesting
	py2   bool   // accept Python 2 long integers (3L), as numpy does for versions 1.0 and 2.0
}

// errAt returns an *Error for a syntax error at position pos of the header.
func (p *parser) errAt(pos int, format string, args ...any) error {
	return &Error{
		Offset: p.base + int64(pos),
		Field:  "header",
		Msg:    fmt.Sprintf(format, args...) + fmt.Sprintf(" (offset %d)", p.base+int64(pos)),
	}
}

// found describes the input at the current position, for error messages.
func (p *parser) found() string {
	if p.pos >= len(p.s) {
		return "end of header"
	}
	c := p.s[p.pos]
	if isIdentStart(c) {
		end := p.pos
		for end < len(p.s) && isIdentChar(p.s[end]) {
			end++
		}
		return "identifier " + quoteTrunc(string(p.s[p.pos:end]))
	}
	return strconv.QuoteRuneToASCII(rune(c))
}

func isIdentStart(c byte) bool {
	return c == '_' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c >= 0x80
}

func isIdentChar(c byte) bool { return isIdentStart(c) || isDigit(c) }

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

func (p *parser) skipSpace() {
	for p.pos < len(p.s) {
		switch p.s[p.pos] {
		case ' ', '\t', '\n', '\r', '\f':
			p.pos++
		default:
			return
		}
	}
}

// peek returns the next byte after any whitespace, or 0 at the end.
func (p *parser) peek() byte {
	p.skipSpace()
	if p.pos >= len(p.s) {
		return 0
	}
	return p.s[p.pos]
}

func (p *parser) parseValue() (value, error) {
	c := p.peek()
	switch {
	case c == '\'' || c == '"':
		return p.parseString()
	case c == '(' || c == '[' || c == '{':
		return p.parseContainer()
	case c == '-' || c == '+' || isDigit(c):
		return p.parseInt()
	case isIdentStart(c):
		start := p.pos
		for p.pos < len(p.s) && isIdentChar(p.s[p.pos]) {
			p.pos++
		}
		v := value{pos: start, end: p.pos}
		ident := string(p.s[start:p.pos])
		if (ident == "u" || ident == "U") && p.pos < len(p.s) && (p.s[p.pos] == '\'' || p.s[p.pos] == '"') {
			// A unicode string literal, as written by some Python 2 programs.
			v, err := p.parseString()
			v.pos = start
			return v, err
		}
		switch ident {
		case "True":
			v.kind, v.b = kindBool, true
		case "False":
			v.kind, v.b = kindBool, false
		case "None":
			v.kind = kindNone
		default:
			p.pos = start
			return value{}, p.errAt(start, "unexpected %s", p.found())
		}
		return v, nil
	}
	return value{}, p.errAt(p.pos, "expected a value, found %s", p.found())
}

func (p *parser) parseString() (value, error) {
	start := p.pos
	q := p.s[p.pos]
	p.pos++
	for p.pos < len(p.s) {
		switch c := p.s[p.pos]; c {
		case q:
			p.pos++
			return value{kind: kindString, pos: start, end: p.pos, str: string(p.s[start+1 : p.pos-1])}, nil
		case '\\':
			return value{}, p.errAt(p.pos, "escape sequences in strings are not supported")
		case '\n', '\r':
			return value{}, p.errAt(start, "unterminated string")
		}
		p.pos++
	}
	return value{}, p.errAt(start, "unterminated string")
}

func (p *parser) parseInt() (value, error) {
	start := p.pos
	v := value{kind: kindInt, pos: start}
	if c := p.s[p.pos]; c == '-' || c == '+' {
		v.neg = c == '-'
		p.pos++
	}
	digits := p.pos
	for p.pos < len(p.s) && isDigit(p.s[p.pos]) {
		p.pos++
	}
	v.str = string(p.s[digits:p.pos])
	if v.str == "" {
		return value{}, p.errAt(start, "invalid number: expected digits after sign, found %s", p.found())
	}
	if len(v.str) > 1 && v.str[0] == '0' && !allZeros(v.str) {
		return value{}, p.errAt(start, "invalid number %s: leading zeros are not allowed", quoteTrunc(string(p.s[start:p.pos])))
	}
	if p.py2 && p.pos < len(p.s) && (p.s[p.pos] == 'L' || p.s[p.pos] == 'l') {
		p.pos++ // Python 2 long integer
	}
	if p.pos < len(p.s) && (isIdentChar(p.s[p.pos]) || p.s[p.pos] == '.') {
		end := p.pos
		for end < len(p.s) && (isIdentChar(p.s[end]) || p.s[end] == '.') {
			end++
		}
		return value{}, p.errAt(start, "invalid number %s: only decimal integers are supported", quoteTrunc(string(p.s[start:end])))
	}
	v.end = p.pos
	var u uint64
	for _, c := range []byte(v.str) {
		d := uint64(c - '0')
		if u > (math.MaxUint64-d)/10 {
			v.overflow = true
			break
		}
		u = u*10 + d
	}
	if u > math.MaxInt64 {
		v.overflow = true
	}
	if !v.overflow {
		v.num = int64(u)
		if v.neg {
			v.num = -v.num
		}
	}
	return v, nil
}

func allZeros(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] != '0' {
			return false
		}
	}
	return true
}

// parseContainer parses a tuple, list or dictionary, or a parenthesized
// value.
func (p *parser) parseContainer() (value, error) {
	start := p.pos
	open := p.s[p.pos]
	if p.depth >= maxDepth {
		return value{}, p.errAt(start, "brackets nested too deeply")
	}
	p.depth++
	defer func() { p.depth-- }()
	p.pos++

	var close byte
	v := value{pos: start}
	switch open {
	case '(':
		close, v.kind = ')', kindTuple
	case '[':
		close, v.kind = ']', kindList
	default:
		close, v.kind = '}', kindDict
	}
	for {
		if p.peek() == close {
			p.pos++
			break
		}
		elemPos := p.pos
		elem, err := p.parseValue()
		if err != nil {
			return value{}, err
		}
		if v.kind == kindDict {
			if elem.kind != kindString {
				return value{}, p.errAt(elemPos, "dictionary key must be a string, found %s", kindNames[elem.kind])
			}
			if p.peek() != ':' {
				return value{}, p.errAt(p.pos, "expected ':' after dictionary key, found %s", p.found())
			}
			p.pos++
			val, err := p.parseValue()
			if err != nil {
				return value{}, err
			}
			v.items = append(v.items, item{elem, val})
		} else {
			v.elems = append(v.elems, elem)
		}
		switch p.peek() {
		case ',':
			p.pos++
			continue
		case close:
			p.pos++
			if open == '(' && len(v.elems) == 1 {
				// (x) without a comma is x in parentheses, not a tuple.
				elem.pos, elem.end = start, p.pos
				return elem, nil
			}
		default:
			return value{}, p.errAt(p.pos, "expected ',' or %q, found %s", close, p.found())
		}
		break
	}
	v.end = p.pos
	return v, nil
}

// A header is the interpreted header of a .npy file.
type header struct {
	dtype   DType
	big     bool // data is big-endian
	fortran bool // data is in Fortran order
	shape   []int
	n       int   // number of elements
	nbytes  int64 // size of the data in bytes
}

// parseHeader parses and checks the header s, found at offset base of the
// file.
func parseHeader(s []byte, base int64, py2 bool) (*header, error) {
	p := &parser{s: s, base: base, py2: py2}
	if c := p.peek(); c != '{' {
		return nil, p.errAt(p.pos, "header is not a dictionary literal: found %s", p.found())
	}
	dict, err := p.parseContainer()
	if err != nil {
		return nil, err
	}
	if p.peek() != 0 {
		return nil, p.errAt(p.pos, "unexpected %s after the dictionary", p.found())
	}

	var descr, fortran, shape *value
	for i := range dict.items {
		it := &dict.items[i]
		var dst **value
		switch it.key.str {
		case "descr":
			dst = &descr
		case "fortran_order":
			dst = &fortran
		case "shape":
			dst = &shape
		default:
			return nil, p.errAt(it.key.pos, "unknown key %s", p.text(it.key))
		}
		if *dst != nil {
			return nil, p.errAt(it.key.pos, "duplicate key %s", p.text(it.key))
		}
		*dst = &it.value
	}
	for _, k := range []struct {
		name string
		v    *value
	}{{"descr", descr}, {"fortran_order", fortran}, {"shape", shape}} {
		if k.v == nil {
			return nil, p.errAt(dict.end-1, "missing key '%s'", k.name)
		}
	}

	h := new(header)
	if err := p.checkDescr(h, descr); err != nil {
		return nil, err
	}
	if fortran.kind != kindBool {
		return nil, p.fieldErr(fortran, "fortran_order", "expected True or False, found %s %s", kindNames[fortran.kind], p.text(*fortran))
	}
	h.fortran = fortran.b
	if err := p.checkShape(h, shape); err != nil {
		return nil, err
	}
	return h, nil
}

// text returns the source text of v, truncated for use in messages.
func (p *parser) text(v value) string {
	s := string(p.s[v.pos:v.end])
	const max = 60
	if len(s) > max {
		s = s[:max] + "..."
	}
	return s
}

// fieldErr returns an *Error about the value v of the header key field.
func (p *parser) fieldErr(v *value, field, format string, args ...any) error {
	return &Error{
		Offset: p.base + int64(v.pos),
		Field:  "header: " + field,
		Msg:    fmt.Sprintf(format, args...),
	}
}

func (p *parser) checkDescr(h *header, v *value) error {
	switch v.kind {
	case kindString:
		d, big, msg := parseTypestr(v.str)
		if msg != "" {
			return p.fieldErr(v, "descr", "%s", msg)
		}
		h.dtype, h.big = d, big
		return nil
	case kindList:
		return p.fieldErr(v, "descr", "structured dtype %s is not supported", p.text(*v))
	case kindTuple:
		return p.fieldErr(v, "descr", "subarray dtype %s is not supported", p.text(*v))
	}
	return p.fieldErr(v, "descr", "expected a dtype string, found %s %s", kindNames[v.kind], p.text(*v))
}

func (p *parser) checkShape(h *header, v *value) error {
	if v.kind != kindTuple {
		return p.fieldErr(v, "shape", "expected a tuple of integers, found %s %s", kindNames[v.kind], p.text(*v))
	}
	h.shape = make([]int, len(v.elems))
	for i := range v.elems {
		e := &v.elems[i]
		switch {
		case e.kind != kindInt:
			return p.fieldErr(e, "shape", "dimension %d is %s %s, not an integer", i, kindNames[e.kind], p.text(*e))
		case e.neg && (e.overflow || e.num != 0):
			return p.fieldErr(e, "shape", "negative dimension %s", p.text(*e))
		case e.overflow || e.num > math.MaxInt:
			return p.fieldErr(e, "shape", "dimension %s is too large", p.text(*e))
		}
		h.shape[i] = int(e.num)
	}
	n, nbytes, ok := dataSize(h.shape, h.dtype.Size())
	if !ok {
		return p.fieldErr(v, "shape", "%s array of shape %s is too large: its size in bytes overflows int64", h.dtype, p.text(*v))
	}
	h.n, h.nbytes = n, nbytes
	return nil
}

// dataSize returns the number of elements of an array of the given shape
// and the size of its data in bytes, and reports whether they are
// representable. Like numpy, it requires the product of the nonzero
// dimensions and the element size to fit in an int64 even if some
// dimension is zero.
func dataSize(shape []int, size int) (n int, nbytes int64, ok bool) {
	prod := uint64(size) // product of the nonzero dimensions and size
	zero := false
	for _, d := range shape {
		if d < 0 {
			return 0, 0, false
		}
		if d == 0 {
			zero = true
			continue
		}
		hi, lo := bits.Mul64(prod, uint64(d))
		if hi != 0 || lo > math.MaxInt64 {
			return 0, 0, false
		}
		prod = lo
	}
	if zero {
		return 0, 0, true
	}
	if size == 0 || prod/uint64(size) > math.MaxInt {
		return 0, 0, false
	}
	return int(prod / uint64(size)), int64(prod), true
}
