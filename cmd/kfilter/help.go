package main

import (
	"fmt"
	"sort"
	"strings"

	"github.com/kfilter/kfilter/lang"
)

const usage = `kfilter runs a neighbourhood filter written as one kernel expression.

Usage:
  kfilter [run] -e KERNEL [footprint] [options] INPUT OUTPUT
  kfilter check   -e KERNEL [footprint] [-p ...]   compile only: exit 0, or 2 with a diagnostic
  kfilter explain -e KERNEL [footprint] [-p ...] [--dtype T]
                  types, program (its fused chains), and the execution path for a T input (float64)
  kfilter bench   -e KERNEL [footprint] [-p ...] (--shape 2048x2048 | INPUT) [--dtype T]
                  [--repeat N] [--warmup 300ms] [--threads N] [--json]
  kfilter plan -e KERNEL [footprint] [options] INPUT.npy OUTPUT.npy --shards N [--kubernetes]
                  create OUTPUT at full size; print a Slurm array script
                  (a Kubernetes Indexed Job) running each shard:
  kfilter run -e KERNEL [footprint] [options] --shard I/N|auto/N INPUT.npy OUTPUT.npy
                  write shard I's lines in place (auto: I from
                  SLURM_ARRAY_TASK_ID or JOB_COMPLETION_INDEX)
  kfilter verify OUTPUT.npy                         the shards missing: exit 0, or 1 listing them
  kfilter version                                   version, VCS revision, Go, AVX2 kernels
  kfilter help [kernels | footprints | modes | formats | dtypes | examples]

Kernel:
  -e KERNEL           the expression, e.g. 'median(abs(values - c))'
  -f FILE             read the kernel from FILE instead
  -p name=value       a parameter: a number (-p c=0.5), a list (-p w=1,2,1) or
                      an array from a file (-p w=@weights.npy); repeatable

Footprint (one of):
  --footprint SPEC    cross, box:N, disk:R, diamond:R, ball:R, rows such as
                      '0,1,0;1,1,1;0,1,0', or FILE.npy (bools or 0/1)
  --size N | NxM...   a box; N alone for every axis

Options (scipy.ndimage's names and meanings):
  --mode M            reflect (default), mirror, nearest, wrap, constant,
                      grid-mirror, grid-wrap, grid-constant
  --cval X            the value outside the input for constant modes (0)
  --origin O | O,O..  shift the footprint, one for all axes or one per axis
  --axes A,B..        filter over these axes only; the others are independent
  --dtype T           output dtype (numpy's names); default: the input's
  --threads N         goroutines (default: all cores)
  --general           run the lane program only, without the fast paths
                      (the same results; for comparison)
  --format F          format of - as OUTPUT (stdout): npy, png, tiff, pgm, ppm
  --quiet             no progress bar (it shows only on a terminal, after 1 s)
  --max-bytes N       largest input array (default: 1/4 of free memory): bytes,
                      or with a unit: K, M, G, T, KiB... (powers of 1024) or
                      KB, MB, GB, TB (powers of 1000), as in coreutils: 2G
  --memory N          memory budget (units as --max-bytes: 256MiB): a .npy or
                      grey TIFF input and a .npy output that do not fit it,
                      or an input past --max-bytes, are filtered band by
                      band from the file instead of read whole
  --max-kernel N      longest kernel in bytes (65536)
  --max-depth N       deepest kernel nesting (128)
  --max-instructions N  largest compiled program (65536)

Flags may come before or after the file names; --flag value and --flag=value
both work. Without a command, the first word is run's INPUT if it can be a
file name (it has an extension or a directory, or the file exists); any
other word is an unknown command. Exit status: 0 on success, 2 for usage and
kernel errors, 1 for errors while running (files, data), 130 when
interrupted.
`

var topics = map[string]string{
	"footprints": `Footprints

The footprint is the neighbourhood: its true elements, in C order, are the
kernel's values (scipy's order). Named footprints take the input's rank:
  cross        scipy's generate_binary_structure(rank, 1)
  box:N        N on every axis; --size NxM gives one size per axis
  disk:R       skimage.morphology.disk(R)   (2-D)
  diamond:R    skimage.morphology.diamond(R) (2-D)
  ball:R       skimage.morphology.ball(R)   (3-D)
Rows of 0 and 1 separated by ';' give a 2-D footprint ('1,1,0;0,1,1'), one
row a 1-D one; FILE.npy any rank (bools, or numbers that are all 0 or 1).
With --axes the footprint's rank is the number of axes.
`,
	"modes": `Boundary modes (scipy.ndimage's, for filters)

  reflect        d c b a | a b c d | d c b a   (default)
  mirror         d c b   | a b c d | c b a
  nearest        a a a a | a b c d | d d d d
  wrap           a b c d | a b c d | a b c d
  constant       k k k k | a b c d | k k k k   (k = --cval)
  grid-mirror    as reflect
  grid-wrap      as wrap
  grid-constant  as constant
The mode applies however far the footprint reaches, also past an axis
shorter than the footprint.
`,
	"formats": `File formats, by extension (read and written unless said)

  .npy         any dtype and rank, C or Fortran order, either byte order
  .tif .tiff   TIFF and BigTIFF: uint8/16/32/64, int8/16/32/64, float32
               and float64 samples, grey, RGB or RGBA, either byte order,
               strips or tiles, uncompressed, LZW, deflate or PackBits
               (with predictors). A stack of pages of one shape is one
               array (pages, H, W[, C]), filtered in 3-D; an ImageJ
               hyperstack has tifffile's shape. Written: deflate strips, an
               array of rank 3 or more as pages (a last axis of 3 or 4 is
               RGB or RGBA), a BigTIFF past 4 GiB. Refused, naming the tag:
               JPEG and other compressions, palette, CMYK, YCbCr, 1-, 4-,
               12-bit and float16 samples, pages of different shapes.
  .png         8- and 16-bit grey or colour, with or without alpha
  .pgm .ppm    netpbm grey and colour, 8- and 16-bit (P2, P3, P5, P6)
  .jpg .jpeg   input only
Standard input (-) is known by its first bytes; standard output (-) needs
--format npy, png, tiff, pgm or ppm, and is refused on a terminal.
Channels in are channels out: RGB stays RGB and RGBA RGBA (a grey PNG with
alpha is written as RGBA). Colour images are filtered channel by channel;
alpha is left as it is. PNG and PGM/PPM hold uint8 or uint16 samples: for
another output dtype write .npy or .tif, or convert with --dtype. A colour
image written as .npy is HxWxC.
JPEG: Go's decoder differs from libjpeg's (which PIL, imageio and OpenCV
use): by a level at some pixels of a grey JPEG, and by up to tens of levels
at colour edges of a colour one (chroma is upsampled differently). A
comparison with scipy on a JPEG starts from different pixels: compare on a
PNG or TIFF.
Output is written to a temporary file beside the target and renamed, so a
failure never leaves a half-written file.
`,
	"dtypes": `Data types

Inputs of any dtype (bool, int8..int64, uint8..uint64, float32, float64) reach
the kernel as float64, as in scipy. The output has the input's dtype unless
--dtype says otherwise. A float result stored in an integer dtype truncates
toward zero (C's cast, as scipy does); values outside the dtype's range
saturate, where scipy's result is undefined; NaN stores 0. bool stores
trunc(x) != 0.
`,
	"examples": `Examples

  # grey erosion over a cross
  kfilter -e 'min(values)' --footprint cross in.png out.png
  # median absolute deviation from the local median, 5x5, as float64
  kfilter -e 'let m = median(values); median(abs(values - m))' --size 5 --dtype float64 in.png mad.npy
  # replace outliers by the local median
  kfilter -e 'abs(center - median(values)) > 3 * std(values) ? median(values) : center' --size 5x5 in.tif out.tif
  # count of neighbours above a threshold, over a disk
  kfilter -e 'count(values, # > t)' -p t=128 --footprint disk:3 --dtype uint8 in.png count.png
  # majority filter on a label image
  kfilter -e 'mode(values)' --size 3x3 labels.npy smooth.npy
  # a 1-D filter along the last axis of a 3-D array
  kfilter -e 'mean(values)' --size 5 --axes 2 --mode nearest cube.npy out.npy
`,
}

func kernelsTopic() string {
	var b strings.Builder
	b.WriteString(`Kernel language

A kernel is one expression (expr-lang syntax) evaluated for every pixel.
  values       the footprint's values (float64, scipy's order); len(values)
  center       the input value at the pixel itself
  other names  parameters, given with -p name=value
Operators: + - * / // % ** (numpy: / is true division, // floor_divide,
% is floored like np.mod), < <= > >= == !=, and or not (&& || !),
c ? a : b, (...), let x = ...; expr, a[i] (negative from the end), a[i:j],
[1, 2, 3]. There are no comments.
Arithmetic and comparisons broadcast numbers over arrays (values - c).
Predicates use #: count(values, # > c), filter(values, # >= c), map(values, # * #).

Functions (numpy's semantics; NaN propagates unless the name starts with nan):
`)
	names := lang.FuncNames()
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(&b, "  %-11s %s\n", n, lang.Funcs[n].Doc)
	}
	b.WriteString(`
On an empty array (a filter that kept nothing) sum, nansum and count give 0,
prod 1, any false, all true, and every other reduction NaN. The result must
be a number or a bool (true is 1).

Exactness: every path gives --general's result (numpy's operations in
numpy's order) bit for bit, except a kernel that is sum or mean of more than
8 float values (or of float32, int64 or uint64 input, or of a transform that
is not a bool). Its fast path adds in another order: within g(n-1)*sum|x| of
the exact sum of n terms (a mean: g(n)*sum|x|/n), g(k) = k*u/(1-k*u),
u = 2^-53; numpy's order is within g(d)*sum|x| for its tree depth d. NaN,
infinities and the sign of a zero sum match. explain says "not bit for bit"
where this applies.
`)
	return b.String()
}

func help(e *env, args []string) error {
	if len(args) == 0 {
		fmt.Fprint(e.stdout, usage)
		return nil
	}
	topic := args[0]
	switch topic {
	case "kernels", "kernel", "language":
		fmt.Fprint(e.stdout, kernelsTopic())
		return nil
	case "run", "check", "explain", "bench", "version", "help":
		fmt.Fprint(e.stdout, usage)
		return nil
	}
	if t, ok := topics[topic]; ok {
		fmt.Fprint(e.stdout, t)
		return nil
	}
	names := []string{"kernels", "footprints", "modes", "formats", "dtypes", "examples"}
	return usagef("no help topic %q%s", topic, orList(closest(topic, append(names, commands...)), "topics", names))
}
