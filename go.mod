module github.com/kfilter/kfilter

go 1.26.0

require (
	github.com/expr-lang/expr v1.17.8
	golang.org/x/image v0.47.0
	golang.org/x/term v0.48.0
	gonum.org/v1/gonum v0.17.0
)

require golang.org/x/sys v0.50.0
