package compile

// Elementwise reports whether op works pixel by pixel and element by
// element, reading and writing no other pixel or element: no reduction,
// sort, filter or gather.
func (op Op) Elementwise() bool { return op.arity() > 0 }
