package lang

// Expr is a node of a checked kernel's syntax tree. After Check, Type
// returns the node's type.
type Expr interface {
	Pos() Pos
	Type() Type
	exprNode()
	setType(Type)
}

type node struct {
	P Pos
	T Type
}

func (n *node) Pos() Pos       { return n.P }
func (n *node) Type() Type     { return n.T }
func (n *node) exprNode()      {}
func (n *node) setType(t Type) { n.T = t }

type (
	// NumLit is a numeric literal.
	NumLit struct {
		node
		Value float64
	}

	// BoolLit is true or false.
	BoolLit struct {
		node
		Value bool
	}

	// Ident is a name: values, center, a parameter or a let variable.
	Ident struct {
		node
		Name string
		Ref  Ref  // what the name refers to, set by Check
		Let  *Let // the binding, for Ref == RefLet
	}

	// Elem is # inside a predicate: the current element of the array the
	// enclosing Lambda runs over.
	Elem struct {
		node
		Lambda *Lambda
	}

	// Unary is -x, +x, not x or !x. Op is "-", "+" or "not".
	Unary struct {
		node
		Op string
		X  Expr
	}

	// Binary is x op y. Op is one of + - * / // % ** < <= > >= == != and or;
	// && and || are normalised to and and or, ^ to **.
	Binary struct {
		node
		Op   string
		X, Y Expr
	}

	// Cond is cond ? then : else.
	Cond struct {
		node
		Cond, Then, Else Expr
	}

	// Let is let name = value; body.
	Let struct {
		node
		Name  string
		Value Expr
		Body  Expr
	}

	// Index is x[index].
	Index struct {
		node
		X, Index Expr
		Const    bool // the index is known when compiling
		K        int  // the constant index, counted from 0 (negative ones resolved)
	}

	// Slice is x[lo:hi]; Lo and Hi may be nil.
	Slice struct {
		node
		X        Expr
		Lo, Hi   Expr
		From, To int // the resolved bounds, 0 <= From <= To <= len
	}

	// ArrayLit is [a, b, c].
	ArrayLit struct {
		node
		Elems []Expr
	}

	// Call is a call of a built-in function.
	Call struct {
		node
		Name string
		Func *Func
		Args []Expr
	}

	// Lambda is a predicate argument such as # > c in count(values, # > c):
	// Body is evaluated once per element of Over, with Elem bound to it.
	Lambda struct {
		node
		Body     Expr
		Over     Type // the array the lambda runs over, set by Check
		Implicit bool // written as any(x) or all(x): the body is # itself
	}
)

// Ref says what an identifier refers to.
type Ref uint8

const (
	RefNone   Ref = iota
	RefValues     // the footprint's values
	RefCenter     // the value at the output pixel
	RefParam      // a parameter declared in the Env
	RefLet        // a let binding
)

// Walk calls f for every node of the tree rooted at e, parents before
// children, and stops descending where f returns false.
func Walk(e Expr, f func(Expr) bool) {
	if e == nil || !f(e) {
		return
	}
	switch e := e.(type) {
	case *Unary:
		Walk(e.X, f)
	case *Binary:
		Walk(e.X, f)
		Walk(e.Y, f)
	case *Cond:
		Walk(e.Cond, f)
		Walk(e.Then, f)
		Walk(e.Else, f)
	case *Let:
		Walk(e.Value, f)
		Walk(e.Body, f)
	case *Index:
		Walk(e.X, f)
		Walk(e.Index, f)
	case *Slice:
		Walk(e.X, f)
		if e.Lo != nil {
			Walk(e.Lo, f)
		}
		if e.Hi != nil {
			Walk(e.Hi, f)
		}
	case *ArrayLit:
		for _, x := range e.Elems {
			Walk(x, f)
		}
	case *Call:
		for _, x := range e.Args {
			Walk(x, f)
		}
	case *Lambda:
		Walk(e.Body, f)
	}
}
