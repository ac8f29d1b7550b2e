//go:build !amd64 || purego

package vec

// MinU8Overlap is MinU8.
func MinU8Overlap(a, x, y []uint8) { minIntsGeneric(a, x, y) }

// MinI8Overlap is MinI8.
func MinI8Overlap(a, x, y []int8) { minIntsGeneric(a, x, y) }

// MinU16Overlap is MinU16.
func MinU16Overlap(a, x, y []uint16) { minIntsGeneric(a, x, y) }

// MinI16Overlap is MinI16.
func MinI16Overlap(a, x, y []int16) { minIntsGeneric(a, x, y) }

// MaxU8Overlap is MaxU8.
func MaxU8Overlap(a, x, y []uint8) { maxIntsGeneric(a, x, y) }

// MaxI8Overlap is MaxI8.
func MaxI8Overlap(a, x, y []int8) { maxIntsGeneric(a, x, y) }

// MaxU16Overlap is MaxU16.
func MaxU16Overlap(a, x, y []uint16) { maxIntsGeneric(a, x, y) }

// MaxI16Overlap is MaxI16.
func MaxI16Overlap(a, x, y []int16) { maxIntsGeneric(a, x, y) }
