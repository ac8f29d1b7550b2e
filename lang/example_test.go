package lang_test

import (
	"errors"
	"fmt"
	"strings"

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

// A program that embeds kernels can supply what a kernel lacks without
// reading the message.
func ExampleMissingParam() {
	_, err := lang.Check("count(values, # > thresh)", lang.Env{N: 9})
	var mp *lang.MissingParam
	if errors.As(err, &mp) {
		fmt.Println("the kernel needs a parameter", mp.Name)
	}
	// Output: the kernel needs a parameter thresh
}

func ExampleLimitExceeded() {
	src := strings.Repeat("(", 200) + "center" + strings.Repeat(")", 200)
	_, err := lang.Check(src, lang.Env{N: 9})
	var le *lang.LimitExceeded
	if errors.As(err, &le) {
		fmt.Printf("%s is %d; this kernel needs %d\n", le.Limit, le.Max, le.Value)
	}
	// Output: MaxDepth is 128; this kernel needs 200
}
