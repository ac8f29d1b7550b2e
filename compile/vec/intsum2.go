package vec

// colSlideU8Generic is ColSlideU8's portable loop, its specification.
func colSlideU8Generic(col []uint16, out, in []uint8) {
	out, in = out[:len(col)], in[:len(col)]
	for i := range col {
		col[i] += uint16(in[i]) - uint16(out[i])
	}
}

// winSumU16Generic is WinSumU16's portable loop, its specification.
func winSumU16Generic(acc, col []uint16, width int) {
	col = col[:len(acc)+width-1]
	for i := range acc {
		var s uint16
		for _, v := range col[i : i+width] {
			s += v
		}
		acc[i] = s
	}
}
