package vec

func hasNaNGeneric(a []float64) bool {
	for _, x := range a {
		if x != x {
			return true
		}
	}
	return false
}
