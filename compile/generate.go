package compile

// elementwise.go is generated (compile/vec/_asm holds kfilter's
// generators); CI fails when it is stale.
//go:generate go run -C vec/_asm ./elementwise -out ../../elementwise.go
