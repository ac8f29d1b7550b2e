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

// packU8 is VPACKUSWB's byte of a word: its int16 saturated to 0..255.
func packU8(v uint16) uint8 {
	return uint8(min(max(int16(v), 0), 255))
}

// castU16U8Generic is CastU16U8's portable loop, its specification.
func castU16U8Generic(out []uint8, acc []uint16, m uint32, sh uint) {
	acc = acc[:len(out)]
	for i, s := range acc {
		if m == 1<<16 {
			out[i] = packU8(s)
			continue
		}
		v := uint16(uint32(s) * m >> 16)
		if sh > 15 {
			v = 0
		}
		out[i] = packU8(v >> sh)
	}
}
