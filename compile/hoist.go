package compile

import (
	"github.com/kfilter/kfilter/lang"
)

// Sub is a sub-expression of a kernel that has a pattern of its own, which
// a caller may compute by a faster algorithm and hand the program as an
// input (Program.Hoist).
type Sub struct {
	Pattern Pattern
	Text    string // the sub-expression as lang.Format writes it
}

// Hoist compiles p's kernel with some of its sub-expressions as inputs.
// It walks the kernel from the root and offers take each call or index
// with a pattern, once per distinct text; when take returns true, every
// occurrence of that sub-expression outside those already taken becomes
// input N+i of Machine.Run, i counting the sub-expressions taken in order,
// and the walk does not descend into it. It returns the new program and
// the sub-expressions taken, or nil and none when take took none (or p
// has no kernel).
func (p *Program) Hoist(cfg Config, take func(Sub) bool) (*Program, []Sub, error) {
	k := p.Kernel
	if k == nil { // a RankProgram: no sub-expressions
		return nil, nil, nil
	}
	type group struct {
		sub   Sub
		nodes []lang.Expr
	}
	var taken []*group
	byText := map[string]*group{}
	declined := map[string]bool{}
	lang.Walk(k.Root, func(e lang.Expr) bool {
		switch e.(type) {
		case *lang.Call, *lang.Index:
		default:
			return true
		}
		pat, ok := recognizeExpr(k, e, cfg.Params)
		if !ok {
			return true
		}
		text := lang.Format(e)
		if g := byText[text]; g != nil {
			g.nodes = append(g.nodes, e)
			return false
		}
		if declined[text] {
			return true
		}
		sub := Sub{Pattern: pat, Text: text}
		if !take(sub) {
			declined[text] = true
			return true
		}
		g := &group{sub: sub, nodes: []lang.Expr{e}}
		byText[text] = g
		taken = append(taken, g)
		return false
	})
	if len(taken) == 0 {
		return nil, nil, nil
	}
	externs := make([][]lang.Expr, len(taken))
	subs := make([]Sub, len(taken))
	for i, g := range taken {
		externs[i], subs[i] = g.nodes, g.sub
	}
	prog, err := compileKernel(k, cfg, externs)
	if err != nil {
		return nil, nil, err
	}
	return prog, subs, nil
}
