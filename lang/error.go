package lang

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Pos is a position in a kernel's source.
type Pos struct {
	Offset int // byte offset, from 0
	Line   int // line number, from 1
	Col    int // column in characters, from 1
}

// IsValid reports whether the position is known.
func (p Pos) IsValid() bool { return p.Line > 0 }

func (p Pos) String() string {
	if !p.IsValid() {
		return "-"
	}
	return fmt.Sprintf("%d:%d", p.Line, p.Col)
}

// ErrorKind classifies an Error so that callers can react to a class of
// mistakes without matching message text.
type ErrorKind uint8

const (
	SyntaxError ErrorKind = iota + 1 // the source is not a valid expression
	UnknownName                      // an identifier or function nobody declared
	TypeError                        // an operand or result of the wrong type
	IndexError                       // a constant index or slice outside a known length
	Unsupported                      // valid expr syntax that means nothing in a kernel
	LimitError                       // the kernel exceeds a limit (length, nesting, size)
	ParamError                       // a parameter declaration is unusable
)

var kindNames = [...]string{
	SyntaxError: "syntax error",
	UnknownName: "unknown name",
	TypeError:   "type error",
	IndexError:  "index error",
	Unsupported: "unsupported",
	LimitError:  "limit exceeded",
	ParamError:  "parameter error",
}

func (k ErrorKind) String() string {
	if int(k) < len(kindNames) && kindNames[k] != "" {
		return kindNames[k]
	}
	return fmt.Sprintf("ErrorKind(%d)", k)
}

// An Error is a diagnostic about a kernel: what is wrong and where.
// Where a program may act on the details, Err holds them as a typed value:
// a *LimitExceeded for a LimitError, a *MissingParam for an unknown
// identifier. errors.As reaches them through the Error.
type Error struct {
	Kind   ErrorKind
	Pos    Pos
	Msg    string // the message, without position
	Source string // the whole kernel source
	Err    error  // the typed details, or nil
}

// Unwrap returns the typed details of the error, if any.
func (e *Error) Unwrap() error { return e.Err }

// Limit names one of the bounds on what a kernel may ask for.
type Limit uint8

const (
	SourceLimit Limit = iota + 1 // Limits.MaxSource: bytes of source
	DepthLimit                   // Limits.MaxDepth: nesting of brackets and sub-expressions
	NodeLimit                    // Limits.MaxNodes: syntax nodes
	InstrLimit                   // compile.Config.MaxInstrs: instructions of the compiled program
)

var limitNames = [...]string{
	SourceLimit: "MaxSource",
	DepthLimit:  "MaxDepth",
	NodeLimit:   "MaxNodes",
	InstrLimit:  "MaxInstrs",
}

// String returns the name of the setting that holds the limit.
func (l Limit) String() string {
	if int(l) < len(limitNames) && limitNames[l] != "" {
		return limitNames[l]
	}
	return fmt.Sprintf("Limit(%d)", l)
}

// A LimitExceeded is the detail of a LimitError: the kernel needs Value of
// what Limit bounds, and the limit is Max. Value is exact for SourceLimit
// and for bracket nesting; where the work stops at the limit (syntax
// nodes, nesting of sub-expressions, instructions) it is the first count
// past Max.
type LimitExceeded struct {
	Limit Limit
	Value int
	Max   int
}

func (e *LimitExceeded) Error() string {
	return fmt.Sprintf("%s exceeded: %d, over the limit of %d", e.Limit, e.Value, e.Max)
}

// A MissingParam is the detail of an UnknownName error about an
// identifier: Name is neither built in, nor bound by let, nor a parameter
// of the Env, so it is most likely a parameter the caller did not give.
// Near is the name in scope it most resembles (a likely typo), or "".
type MissingParam struct {
	Name string
	Near string
}

func (e *MissingParam) Error() string {
	return "no parameter " + e.Name
}

// Error returns "line:col: message".
func (e *Error) Error() string {
	if !e.Pos.IsValid() {
		return e.Msg
	}
	return e.Pos.String() + ": " + e.Msg
}

// Snippet returns the source line of the error and a caret under its column,
// as two lines, or "" when the position is unknown.
func (e *Error) Snippet() string {
	if !e.Pos.IsValid() || e.Pos.Offset > len(e.Source) {
		return ""
	}
	start := strings.LastIndexByte(e.Source[:e.Pos.Offset], '\n') + 1
	end := strings.IndexByte(e.Source[start:], '\n')
	if end < 0 {
		end = len(e.Source)
	} else {
		end += start
	}
	line := strings.ReplaceAll(e.Source[start:end], "\t", " ")
	line = strings.TrimRight(line, "\r")
	caret := utf8.RuneCountInString(e.Source[start:e.Pos.Offset])
	return line + "\n" + strings.Repeat(" ", caret) + "^"
}

// newPos converts a byte offset in src into a Pos.
func newPos(src string, off int) Pos {
	if off < 0 {
		off = 0
	}
	if off > len(src) {
		off = len(src)
	}
	line := 1 + strings.Count(src[:off], "\n")
	start := strings.LastIndexByte(src[:off], '\n') + 1
	return Pos{Offset: off, Line: line, Col: 1 + utf8.RuneCountInString(src[start:off])}
}
