package lang_test

import (
	"errors"
	"fmt"

	"github.com/kfilter/kfilter/lang"
)

func ExampleCheck() {
	k, err := lang.Check("median(abs(values - c))", lang.Env{
		N:      9,
		Params: map[string]lang.Type{"c": lang.Number},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(k.Type)
	// Output: a number
}

func ExampleError() {
	_, err := lang.Check("medain(values) > 1", lang.Env{N: 9})
	var e *lang.Error
	if errors.As(err, &e) {
		fmt.Println(e)
		fmt.Println(e.Snippet())
	}
	// Output:
	// 1:1: unknown function medain; did you mean median?
	// medain(values) > 1
	// ^
}
