#include "textflag.h"

// func ClearUpper()
TEXT ·ClearUpper(SB), NOSPLIT, $0-0
	VZEROUPPER
	RET
