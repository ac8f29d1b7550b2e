package lang

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/expr-lang/expr/ast"
	"github.com/expr-lang/expr/conf"
	"github.com/expr-lang/expr/file"
	"github.com/expr-lang/expr/parser"
	"github.com/expr-lang/expr/parser/lexer"
)

// Parse parses a kernel's source into a syntax tree without checking names
// or types. Most callers want Check, which parses too.
func Parse(src string) (Expr, error) {
	return parse(src, DefaultLimits)
}

func parse(src string, lim Limits) (Expr, error) {
	p := &converter{src: src, lim: lim}
	if lim.MaxSource > 0 && len(src) > lim.MaxSource {
		e := p.errorf(LimitError, 0, "kernel is %d bytes long, over the limit of %d", len(src), lim.MaxSource)
		e.Err = &LimitExceeded{Limit: SourceLimit, Value: len(src), Max: lim.MaxSource}
		return nil, e
	}
	if strings.TrimSpace(src) == "" {
		return nil, p.errorf(SyntaxError, 0, "empty kernel: write an expression such as median(values)")
	}
	if !utf8.ValidString(src) {
		off := 0
		for off < len(src) {
			r, size := utf8.DecodeRuneInString(src[off:])
			if r == utf8.RuneError && size <= 1 {
				break
			}
			off += size
		}
		return nil, p.errorf(SyntaxError, off, "kernel is not valid UTF-8")
	}
	if d, off := nesting(src, lim.MaxDepth); lim.MaxDepth > 0 && d > lim.MaxDepth {
		e := p.errorf(LimitError, off, "kernel nests %d brackets deep, over the limit of %d", d, lim.MaxDepth)
		e.Err = &LimitExceeded{Limit: DepthLimit, Value: d, Max: lim.MaxDepth}
		return nil, e
	}
	if off := p.prepare(); off >= 0 {
		return nil, p.errorf(SyntaxError, off, "kernels have no comments: /* is not an operator (// is floor division, # the element of a predicate)")
	}
	cfg := &conf.Config{MaxNodes: uint(lim.MaxNodes), Disabled: map[string]bool{}}
	if lim.MaxNodes <= 0 {
		cfg.MaxNodes = 0
	}
	tree, err := parser.ParseWithConfig(p.rewritten, cfg)
	if err != nil {
		var fe *file.Error
		if errors.As(err, &fe) {
			msg := fe.Message
			kind := SyntaxError
			var detail error
			if strings.Contains(msg, "maximum allowed nodes") {
				kind = LimitError
				msg = fmt.Sprintf("kernel has more than %d syntax nodes; simplify it", lim.MaxNodes)
				detail = &LimitExceeded{Limit: NodeLimit, Value: lim.MaxNodes + 1, Max: lim.MaxNodes}
			}
			off := p.offset(fe.From)
			if strings.HasPrefix(p.src[off:], "//") {
				// the parser saw the % that stands for this //
				msg = strings.ReplaceAll(msg, `Operator("%")`, `Operator("//")`)
			}
			if strings.HasPrefix(msg, "unexpected token EOF") {
				msg = "unexpected end of kernel"
				off = len(strings.TrimRight(src, " \t\r\n"))
			}
			e := p.errorf(kind, off, "%s", msg)
			e.Err = detail
			return nil, e
		}
		return nil, p.errorf(SyntaxError, 0, "%v", err)
	}
	e := p.convert(tree.Node, 0)
	if p.err != nil {
		return nil, p.err
	}
	return e, nil
}

// nesting returns the deepest bracket nesting in src and where it first
// goes past limit, so that absurd nesting is refused before any recursive
// descent.
func nesting(src string, limit int) (max, at int) {
	d := 0
	for i := 0; i < len(src); i++ {
		switch src[i] {
		case '(', '[', '{':
			d++
			if d > max {
				max = d
			}
			if d == limit+1 {
				at = i
			}
		case ')', ']', '}':
			d--
		}
	}
	return max, at
}

// converter turns expr's syntax tree into ours, keeping positions.
type converter struct {
	src       string
	lim       Limits
	rewritten string
	inserts   []int // rune offsets in rewritten where ",#" was inserted
	runeByte  []int // byte offset in src of each rune of src, plus len(src)
	err       *Error
}

// floorDivs rewrites each // outside string literals into "% ": expr's
// lexer would take // for a comment, and % is the operator of the same
// precedence and associativity that / has, so the parser builds the tree
// a // b needs. The text keeps its length, so positions stay exact, and
// convert tells the two apart by the user's source at the operator.
// Kernels have no comments: /* is refused here rather than left to expr's
// lexer, which would skip the rest as a comment.
func floorDivs(src string) (rewritten string, comment int) {
	b := []byte(src)
	for i := 0; i < len(b); i++ {
		switch b[i] {
		case '"', '\'', '`':
			// skip the literal; an unclosed one is expr's lexer's error
			q := b[i]
			for i++; i < len(b) && b[i] != q; i++ {
				if b[i] == '\\' && q != '`' {
					i++
				}
			}
		case '/':
			if i+1 < len(b) && b[i+1] == '/' {
				b[i], b[i+1] = '%', ' '
				i++
			} else if i+1 < len(b) && b[i+1] == '*' {
				return src, i
			}
		}
	}
	return string(b), -1
}

// prepare rewrites // (see floorDivs), and any(x) and all(x) into
// any(x, #) and all(x, #): expr's parser insists on a predicate for them,
// while numpy's np.any(array) has none. The rewrite keeps a map back to the
// user's positions. It returns the byte offset of a /* in the source, or -1.
func (p *converter) prepare() int {
	for i := range p.src {
		p.runeByte = append(p.runeByte, i)
	}
	p.runeByte = append(p.runeByte, len(p.src))
	p.rewritten = p.src
	src, comment := floorDivs(p.src)
	if comment >= 0 {
		return comment
	}
	p.rewritten = src
	toks, err := lexer.Lex(file.NewSource(src))
	if err != nil {
		return -1
	}
	type frame struct {
		anyAll, comma, empty bool
	}
	var stack []frame
	var at []int // rune offsets of ) closing a one-argument any/all
	for i, t := range toks {
		switch {
		case t.Is(lexer.Bracket, "(", "[", "{"):
			f := frame{empty: true}
			if t.Value == "(" && i > 0 && toks[i-1].Is(lexer.Identifier, "any", "all") &&
				(i < 2 || !toks[i-2].Is(lexer.Operator, ".", "?.", "|")) {
				f.anyAll = true
			}
			stack = append(stack, f)
			continue
		case t.Is(lexer.Bracket, ")", "]", "}"):
			if len(stack) == 0 {
				return -1
			}
			f := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if t.Value == ")" && f.anyAll && !f.comma && !f.empty {
				at = append(at, t.From)
			}
		case t.Is(lexer.Operator, ",") && len(stack) > 0:
			stack[len(stack)-1].comma = true
		}
		if len(stack) > 0 {
			stack[len(stack)-1].empty = false
		}
	}
	if len(at) == 0 {
		return -1
	}
	runes := []rune(src)
	var b strings.Builder
	last := 0
	for k, r := range at {
		b.WriteString(string(runes[last:r]))
		p.inserts = append(p.inserts, r+2*k)
		b.WriteString(",#")
		last = r
	}
	b.WriteString(string(runes[last:]))
	p.rewritten = b.String()
	return -1
}

// offset maps a rune offset in the rewritten source to a byte offset in
// the user's source.
func (p *converter) offset(r int) int {
	shift := 0
	for _, ins := range p.inserts {
		if r >= ins+2 {
			shift += 2
		} else if r >= ins {
			r = ins + 2 // inside the inserted text: blame the )
			shift += 2
		}
	}
	r -= shift
	if r < 0 {
		r = 0
	}
	if r >= len(p.runeByte) {
		return len(p.src)
	}
	return p.runeByte[r]
}

func (p *converter) pos(n ast.Node) Pos {
	return newPos(p.src, p.offset(n.Location().From))
}

func (p *converter) errorf(kind ErrorKind, off int, format string, args ...any) *Error {
	e := &Error{Kind: kind, Pos: newPos(p.src, off), Msg: fmt.Sprintf(format, args...), Source: p.src}
	if p.err == nil {
		p.err = e
	}
	return e
}

func (p *converter) fail(kind ErrorKind, n ast.Node, format string, args ...any) Expr {
	p.errorf(kind, p.offset(n.Location().From), format, args...)
	return nil
}

// convert returns our node for n, or nil after recording an error.
func (p *converter) convert(n ast.Node, depth int) Expr {
	if p.err != nil || n == nil {
		return nil
	}
	if p.lim.MaxDepth > 0 && depth > p.lim.MaxDepth {
		e := p.errorf(LimitError, p.offset(n.Location().From), "kernel nests %d levels deep, over the limit of %d", depth, p.lim.MaxDepth)
		e.Err = &LimitExceeded{Limit: DepthLimit, Value: depth, Max: p.lim.MaxDepth}
		return nil
	}
	d := depth + 1
	at := node{P: p.pos(n)}
	switch n := n.(type) {
	case *ast.IntegerNode:
		return &NumLit{node: at, Value: float64(n.Value)}
	case *ast.FloatNode:
		return &NumLit{node: at, Value: n.Value}
	case *ast.BoolNode:
		return &BoolLit{node: at, Value: n.Value}
	case *ast.IdentifierNode:
		return &Ident{node: at, Name: n.Value}
	case *ast.PointerNode:
		if n.Name != "" {
			return p.fail(Unsupported, n, "#%s is not supported in kernels; use # for the current element", n.Name)
		}
		return &Elem{node: at}
	case *ast.UnaryNode:
		x := p.convert(n.Node, d)
		op := n.Operator
		if op == "!" {
			op = "not"
		}
		switch op {
		case "-", "+", "not":
		default:
			return p.fail(Unsupported, n, "operator %s is not supported in kernels", n.Operator)
		}
		return &Unary{node: at, Op: op, X: x}
	case *ast.BinaryNode:
		op := n.Operator
		switch op {
		case "&&":
			op = "and"
		case "||":
			op = "or"
		case "^":
			op = "**"
		case "%":
			if strings.HasPrefix(p.src[p.offset(n.Location().From):], "//") {
				op = "//" // written so; prepare made it % for expr's parser
			}
		case "+", "-", "*", "/", "**", "<", "<=", ">", ">=", "==", "!=", "and", "or":
		case "??":
			return p.fail(Unsupported, n, "operator ?? is not supported in kernels: values are never nil")
		case "..":
			return p.fail(Unsupported, n, "ranges (..) are not supported in kernels")
		default:
			return p.fail(Unsupported, n, "operator %s is not supported in kernels", n.Operator)
		}
		x := p.convert(n.Left, d)
		y := p.convert(n.Right, d)
		return &Binary{node: at, Op: op, X: x, Y: y}
	case *ast.ConditionalNode:
		c := p.convert(n.Cond, d)
		if c != nil {
			at.P = c.Pos()
		}
		return &Cond{node: at, Cond: c, Then: p.convert(n.Exp1, d), Else: p.convert(n.Exp2, d)}
	case *ast.VariableDeclaratorNode:
		return &Let{node: at, Name: n.Name, Value: p.convert(n.Value, d), Body: p.convert(n.Expr, d)}
	case *ast.MemberNode:
		if n.Optional {
			return p.fail(Unsupported, n, "optional access ?. is not supported in kernels")
		}
		if s, ok := n.Property.(*ast.StringNode); ok {
			return p.fail(Unsupported, n.Property, "field access .%s is not supported in kernels: values are numbers and arrays", s.Value)
		}
		x := p.convert(n.Node, d)
		return &Index{node: at, X: x, Index: p.convert(n.Property, d)}
	case *ast.SliceNode:
		x := p.convert(n.Node, d)
		s := &Slice{node: at, X: x}
		if n.From != nil {
			s.Lo = p.convert(n.From, d)
		}
		if n.To != nil {
			s.Hi = p.convert(n.To, d)
		}
		return s
	case *ast.ArrayNode:
		a := &ArrayLit{node: at}
		for _, e := range n.Nodes {
			a.Elems = append(a.Elems, p.convert(e, d))
		}
		return a
	case *ast.BuiltinNode:
		return p.call(at, n, n.Name, n.Arguments, d)
	case *ast.CallNode:
		id, ok := n.Callee.(*ast.IdentifierNode)
		if !ok {
			return p.fail(Unsupported, n, "only built-in functions can be called")
		}
		return p.call(at, n, id.Value, n.Arguments, d)
	case *ast.PredicateNode:
		return &Lambda{node: at, Body: p.convert(n.Node, d)}
	case *ast.StringNode:
		return p.fail(Unsupported, n, "strings mean nothing in a kernel: values are numbers, bools and arrays")
	case *ast.BytesNode:
		return p.fail(Unsupported, n, "byte strings mean nothing in a kernel")
	case *ast.NilNode:
		return p.fail(Unsupported, n, "nil means nothing in a kernel; use a number such as 0")
	case *ast.MapNode, *ast.PairNode:
		return p.fail(Unsupported, n, "maps mean nothing in a kernel: values are numbers, bools and arrays")
	case *ast.ChainNode:
		return p.fail(Unsupported, n, "optional chaining ?. is not supported in kernels")
	case *ast.SequenceNode:
		return p.fail(Unsupported, n.Nodes[len(n.Nodes)-1], "a kernel is one expression; only let bindings may come before it (let x = ...; expr)")
	}
	return p.fail(Unsupported, n, "this syntax is not supported in kernels")
}

func (p *converter) call(at node, n ast.Node, name string, args []ast.Node, d int) Expr {
	c := &Call{node: at, Name: name}
	for _, a := range args {
		c.Args = append(c.Args, p.convert(a, d))
	}
	// a Lambda made by prepare's rewrite is implicit: any(x) is any over
	// the truth of x's elements.
	if (name == "any" || name == "all") && len(c.Args) == 2 {
		if l, ok := c.Args[1].(*Lambda); ok {
			if _, ok := l.Body.(*Elem); ok && p.inserted(l.P.Offset) {
				l.Implicit = true
			}
		}
	}
	return c
}

// inserted reports whether the byte offset is the position given to text
// that prepare inserted (the ")" it was inserted before).
func (p *converter) inserted(off int) bool {
	for _, ins := range p.inserts {
		if p.offset(ins) == off {
			return true
		}
	}
	return false
}
