package lang

import "testing"

func TestDistance(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"", "", 0},
		{"", "mode", 4},
		{"mode", "mode", 0},
		{"mdoe", "mode", 1},       // a swap is one edit
		{"explian", "explain", 1}, // so is this one
		{"reflct", "reflect", 1},
		{"reflekt", "reflect", 1},
		{"flot32", "float32", 1},
		{"float128", "float32", 2},
		{"sise", "size", 1},
		{"kitten", "sitting", 3},
		{"ca", "abc", 3}, // optimal string alignment, not full Damerau: no edit of a swapped pair
	}
	for _, tt := range tests {
		if got := Distance(tt.a, tt.b); got != tt.want {
			t.Errorf("Distance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
		if got := Distance(tt.b, tt.a); got != tt.want {
			t.Errorf("Distance(%q, %q) = %d, want %d", tt.b, tt.a, got, tt.want)
		}
	}
}
