//go:build race

package filter

// raceEnabled: the race detector slows code several-fold, so timing
// promises (stopping within 100 ms) are not checked under it.
const raceEnabled = true
