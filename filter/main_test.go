package filter

import (
	"os"
	"testing"
)

// portableRules is portableOrder, which TestMain takes out: the package's
// tests find each path by the order with the vector kernels in every
// build, so that each path stays tested under -tags purego too (where
// the portable order would pass over some). TestPortableOrder and
// TestPortableOrderSameAsGeneral put the rules back (withPortableOrder).
var portableRules = portableOrder

func TestMain(m *testing.M) {
	portableOrder = nil
	os.Exit(m.Run())
}

// withPortableOrder puts portableOrder back until the test ends.
func withPortableOrder(t *testing.T) {
	portableOrder = portableRules
	t.Cleanup(func() { portableOrder = nil })
}
