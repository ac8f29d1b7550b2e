package filter

// vhgw.go is generated (compile/vec/_asm holds kfilter's generators); CI
// fails when it is stale.
//go:generate go run -C ../compile/vec/_asm ./vhgw -out ../../../filter/vhgw.go
