package lang

import (
	"strconv"
	"strings"
)

// Format returns e as kernel source, fully parenthesised: two nodes that
// compute the same thing format alike.
func Format(e Expr) string {
	var b strings.Builder
	format(&b, e)
	return b.String()
}

func format(b *strings.Builder, e Expr) {
	switch e := e.(type) {
	case *NumLit:
		b.WriteString(strconv.FormatFloat(e.Value, 'g', -1, 64))
	case *BoolLit:
		b.WriteString(strconv.FormatBool(e.Value))
	case *Ident:
		b.WriteString(e.Name)
	case *Elem:
		b.WriteString("#")
	case *Unary:
		b.WriteString(e.Op)
		b.WriteString("(")
		format(b, e.X)
		b.WriteString(")")
	case *Binary:
		b.WriteString("(")
		format(b, e.X)
		b.WriteString(" " + e.Op + " ")
		format(b, e.Y)
		b.WriteString(")")
	case *Cond:
		b.WriteString("(")
		format(b, e.Cond)
		b.WriteString(" ? ")
		format(b, e.Then)
		b.WriteString(" : ")
		format(b, e.Else)
		b.WriteString(")")
	case *Let:
		b.WriteString("(let " + e.Name + " = ")
		format(b, e.Value)
		b.WriteString("; ")
		format(b, e.Body)
		b.WriteString(")")
	case *Index:
		format(b, e.X)
		b.WriteString("[")
		format(b, e.Index)
		b.WriteString("]")
	case *Slice:
		format(b, e.X)
		b.WriteString("[" + strconv.Itoa(e.From) + ":" + strconv.Itoa(e.To) + "]")
	case *ArrayLit:
		b.WriteString("[")
		for i, x := range e.Elems {
			if i > 0 {
				b.WriteString(", ")
			}
			format(b, x)
		}
		b.WriteString("]")
	case *Call:
		b.WriteString(e.Name + "(")
		for i, x := range e.Args {
			if i > 0 {
				b.WriteString(", ")
			}
			format(b, x)
		}
		b.WriteString(")")
	case *Lambda:
		format(b, e.Body)
	}
}
