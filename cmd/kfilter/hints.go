package main

import (
	"errors"
	"fmt"

	"github.com/kfilter/kfilter/lang"
)

// kernelHint is what the command adds to a kernel error's message: the
// flag that fixes it, where there is one. The library's messages name no
// flag; their typed details say what was exceeded or missing.
func kernelHint(err error) string {
	var le *lang.LimitExceeded
	if errors.As(err, &le) {
		switch le.Limit {
		case lang.SourceLimit:
			return " (raise it with --max-kernel)"
		case lang.DepthLimit:
			return " (raise it with --max-depth)"
		case lang.InstrLimit:
			return " (--max-instructions)"
		}
	}
	var mp *lang.MissingParam
	if errors.As(err, &mp) && mp.Near == "" {
		return fmt.Sprintf(" (-p %s=VALUE)", mp.Name)
	}
	return ""
}
