package imageio

import (
	"fmt"
	"slices"

	"github.com/kfilter/kfilter/filter"
)

// SplitChannels splits an array of shape (..., C) into C arrays of shape
// (...), one per channel, as a filter applied channel by channel needs.
func SplitChannels(a *filter.Array) []*filter.Array {
	if c, err := compact(a); err == nil {
		a = c // a view's channels, read in C order
	}
	n := len(a.Shape)
	c := a.Shape[n-1]
	out := make([]*filter.Array, c)
	for k := range out {
		p, _ := filter.Zeros(a.DType, a.Shape[:n-1]...)
		switch s := a.Data.(type) {
		case []bool:
			split(p.Data.([]bool), s, k, c)
		case []uint8:
			split(p.Data.([]uint8), s, k, c)
		case []uint16:
			split(p.Data.([]uint16), s, k, c)
		case []uint32:
			split(p.Data.([]uint32), s, k, c)
		case []uint64:
			split(p.Data.([]uint64), s, k, c)
		case []int8:
			split(p.Data.([]int8), s, k, c)
		case []int16:
			split(p.Data.([]int16), s, k, c)
		case []int32:
			split(p.Data.([]int32), s, k, c)
		case []int64:
			split(p.Data.([]int64), s, k, c)
		case []float32:
			split(p.Data.([]float32), s, k, c)
		case []float64:
			split(p.Data.([]float64), s, k, c)
		}
		out[k] = p
	}
	return out
}

func split[T any](dst, src []T, k, c int) {
	for i := range dst {
		dst[i] = src[i*c+k]
	}
}

func join[T any](dst, src []T, k, c int) {
	for i, v := range src {
		dst[i*c+k] = v
	}
}

// JoinChannels joins arrays of one shape (...) and dtype into one of shape
// (..., C), the inverse of SplitChannels.
func JoinChannels(chans []*filter.Array) (*filter.Array, error) {
	if len(chans) == 0 {
		return nil, fmt.Errorf("imageio: no channels to join")
	}
	first := chans[0]
	for i, p := range chans {
		if p.DType != first.DType || !slices.Equal(p.Shape, first.Shape) {
			return nil, fmt.Errorf("imageio: channel %d is %v %v, channel 0 %v %v: channels must be of one shape and dtype", i, p.Shape, p.DType, first.Shape, first.DType)
		}
	}
	c := len(chans)
	a, err := filter.Zeros(first.DType, append(slices.Clone(first.Shape), c)...)
	if err != nil {
		return nil, err
	}
	for k, p := range chans {
		switch d := a.Data.(type) {
		case []bool:
			join(d, p.Data.([]bool), k, c)
		case []uint8:
			join(d, p.Data.([]uint8), k, c)
		case []uint16:
			join(d, p.Data.([]uint16), k, c)
		case []uint32:
			join(d, p.Data.([]uint32), k, c)
		case []uint64:
			join(d, p.Data.([]uint64), k, c)
		case []int8:
			join(d, p.Data.([]int8), k, c)
		case []int16:
			join(d, p.Data.([]int16), k, c)
		case []int32:
			join(d, p.Data.([]int32), k, c)
		case []int64:
			join(d, p.Data.([]int64), k, c)
		case []float32:
			join(d, p.Data.([]float32), k, c)
		case []float64:
			join(d, p.Data.([]float64), k, c)
		}
	}
	return a, nil
}
