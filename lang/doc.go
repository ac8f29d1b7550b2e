// Package lang is the front end of kfilter's kernel language: it parses a
// kernel expression, checks it against the names in scope, and returns a
// typed syntax tree for the compiler.
//
// A kernel is one expression in expr-lang/expr syntax, evaluated for every
// output pixel of a neighbourhood filter:
//
//	median(abs(values - c))
//	abs(center - median(values)) > 3 * std(values) ? median(values) : center
//	count(values, # > c)
//
// The names in scope are values (the footprint's input values as an array of
// float64, in scipy's order), center (the input value at the output pixel's
// own position), the built-in functions, and parameters that the caller
// declares in an Env. Syntax comes from expr-lang/expr's parser; everything
// after that (names, types, numpy-style broadcasting, array lengths) is this
// package's checker.
//
// Use Check to turn a source string into a *Kernel:
//
//	k, err := lang.Check("median(abs(values - c))", lang.Env{
//		N:      9,
//		Params: map[string]lang.Type{"c": lang.Number},
//	})
//
// Every error is an *Error with the position of the offending node, the
// source line and a caret under the spot; callers use errors.As to get it.
// A limit exceeded or a name no parameter defines also comes as a typed
// *LimitExceeded or *MissingParam that errors.As finds through the *Error,
// so that a program can raise the limit or supply the parameter without
// reading the message. The messages name no command-line flag.
package lang
