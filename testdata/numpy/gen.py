#!/usr/bin/python3
"""Generate testdata/numpy/cases.json: numpy reference results for kfilter kernels.

This script is run by hand, never by CI. From the repository root, with Debian's
python3 and its numpy (1.24):

    /usr/bin/python3 testdata/numpy/gen.py

It rewrites testdata/numpy/cases.json (deterministic: fixed seed, fixed tables).

Each case pairs a kernel (kfilter kernel language, see the language spec) with a
Python function that computes the same thing with numpy. The output format is

    {"cases": [{"name": "median/nan", "kernel": "median(values)",
                "values": [F, ...], "center": F, "params": {"c": F, "w": [F, ...]},
                "want": F}, ...]}

where every F is a string: float.hex(x) for finite numbers, "nan", "inf", "-inf"
otherwise (Go's strconv.ParseFloat reads all of them). "params" holds only the
parameters the kernel mentions. Bool results are recorded as 1.0 / 0.0.

Conventions decided here (the Go implementation should match them):
  * numpy raises for some reductions of an empty array (min, max, argmin, argmax,
    percentile, nanmin, nanmax; mode is ours). kfilter defines those as NaN, so
    the wrappers below return NaN for an empty input instead of calling numpy.
    sum/nansum/count give 0, prod gives 1, any gives false, all gives true, and
    mean/median/std/var/nanmean/nanmedian/nanstd give NaN (numpy itself does).
  * Every other value, including signed-zero corner cases (np.sign(-0.0) is +0.0,
    np.round(-0.5) is -0.0, np.mod(0.0, -3.0) is -0.0, sum of [-0.0] is +0.0,
    median of [-0.0] is +0.0, percentile of [-0.0] is -0.0), and numpy's lerp
    quirks in percentile with infinities (percentile([1, inf], 50) is NaN), is
    simply what numpy 1.24 returns.
  * Where a test wants bit-exact agreement, these are numpy 1.24's algorithms
    (checked against every relevant case here):
      sum(a)    = 0.0 + pairwise(a): n < 8 adds left to right; otherwise 8
                  accumulators r[j] = a[j] + a[j+8] + ... over the first n - n%8
                  elements, ((r0+r1)+(r2+r3))+((r4+r5)+(r6+r7)), then the rest
                  added left to right. mean = sum/n. var = sum((a-mean)*(a-mean))/n,
                  std = sqrt(var). prod multiplies left to right from 1.0.
      median    = the middle element + 0.0 (odd n) or ((0.0+lo)+hi)/2 (even n);
                  NaN if any NaN.
      percentile: s = sorted a, vi = (n-1)*(q/100), i = floor(vi), j = min(i+1, n-1),
                  g = vi - i, d = s[j] - s[i]; result s[j] - d*(1-g) if g >= 0.5
                  else s[i] + d*g (hence NaN when an infinity is involved).
      nansum/nanmean/nanstd replace NaNs by 0.0 in place and use the same
                  pairwise sums over the full length (divided by the non-NaN count).
      min(a, b)/max(a, b) of equal values (-0.0 vs 0.0) return b;
      mode of mixed -0.0/0.0 returns whichever zero np.unique's sort puts first.
"""

import json
import math
import os
import re
import types
import warnings

import numpy as np

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "cases.json")

nan = float("nan")
inf = float("inf")
rng = np.random.default_rng(1234)


# --------------------------------------------------------------------------
# numpy helpers with kfilter's conventions


def _empty_nan(f):
    """numpy raises on an empty array for these; kfilter's result is NaN."""

    def g(a, *args):
        a = np.asarray(a, dtype=float)
        return nan if a.size == 0 else f(a, *args)

    return g


amin = _empty_nan(np.min)
amax = _empty_nan(np.max)
argmin = _empty_nan(np.argmin)  # first occurrence; a NaN wins (first NaN)
argmax = _empty_nan(np.argmax)
nanmin = _empty_nan(np.nanmin)  # all-NaN -> NaN (numpy warns)
nanmax = _empty_nan(np.nanmax)
pct = _empty_nan(np.percentile)  # method="linear", q in percent


def mode(a):
    """Most frequent value, smallest on ties; NaNs are one value sorting last
    (np.unique, equal_nan=True in numpy 1.24). Empty -> NaN."""
    a = np.asarray(a, dtype=float)
    if a.size == 0:
        return nan
    u, counts = np.unique(a, return_counts=True)
    return u[np.argmax(counts)]


def minimum(*xs):
    """min(a, b, ...) with 2+ arguments: np.minimum chained (NaN propagates)."""
    r = xs[0]
    for x in xs[1:]:
        r = np.minimum(r, x)
    return r


def maximum(*xs):
    r = xs[0]
    for x in xs[1:]:
        r = np.maximum(r, x)
    return r


# --------------------------------------------------------------------------
# input sets: values, center and default params (c, w, q, k, lo, hi).
# A kernel gets only the params it names.

SETS = {}


def S(values, center=None, label=None, **params):
    """Build an input set. center defaults to the middle element."""
    v = np.array(values, dtype=float)
    n = v.size
    if center is None:
        center = v[n // 2] if n else 0.5
    p = dict(
        c=float(rng.uniform(-0.5, 0.5)),
        w=rng.normal(size=n),
        q=50.0,
        k=float(rng.integers(-n, n)) if n else 0.0,
        lo=-0.5,
        hi=0.5,
    )
    p.update(params)
    s = dict(label=label, values=v, center=np.float64(center), params=p)
    if label is not None and label in SETS:
        raise ValueError("duplicate set " + label)
    return s


def add(label, values, center=None, **params):
    SETS[label] = S(values, center, label, **params)


def X(x, **params):
    """Inline set for scalar kernels: values = [x], center = x."""
    lab = "x=" + fmt(x)
    for k in sorted(params):
        lab += "," + k + "=" + fmt(params[k])
    return S([x], x, lab, **params)


def fmt(x):
    x = float(x)
    if math.isnan(x):
        return "nan"
    if math.isinf(x):
        return "inf" if x > 0 else "-inf"
    if x == 0:
        return "-0" if math.copysign(1, x) < 0 else "0"
    if x == int(x) and abs(x) < 1e15:
        return str(int(x))
    return repr(x)


def with_nan(v, *idx):
    v = np.array(v, dtype=float)
    for i in idx:
        v[i] = nan
    return v


add("len0", [], 0.5, c=0.0)
for n in range(1, 26):
    add("len%d" % n, rng.normal(size=n))
add("nan", with_nan(rng.normal(size=9), 3))
add("nan_first", with_nan(rng.normal(size=8), 0))
add("nan_center", with_nan(rng.normal(size=9), 4))
add("allnan", [nan] * 9, c=0.0)
add("allnan1", [nan], c=0.0)
_v = rng.normal(size=9); _v[2] = inf
add("inf", _v)
_v = rng.normal(size=9); _v[6] = -inf
add("ninf", _v)
_v = rng.normal(size=9); _v[1] = inf; _v[7] = -inf
add("infs", _v)
_v = rng.normal(size=9); _v[0] = inf; _v[5] = nan
add("infnan", _v)
add("ties", [2, 0, 3, 1, 0, 2, 3, 0, 2], c=1.0)  # 0 and 2 three times: mode 0
add("ties7", [5, 1, 5, 1, 3, 3, 4], c=3.0)  # 5, 1, 3 twice: mode 1
add("ties25", rng.integers(-2, 3, size=25), c=0.0)
add("ties_nan", [nan, 2, nan, 1, 2, nan, 1], c=1.0)  # NaN three times: mode NaN
add("ties_nan8", [1, nan, 1, nan, 3, 3, 2, 2], c=1.0)  # four-way tie: mode 1
add("ints", [-3, 7, -5, 4, 0, 5, -6, 2, 9], c=3.0)
add("zeros", [0.0, -0.0, 1.5, -0.0, 0.0, -2.0, 0.0, -0.0, 3.0], c=0.0)
add("negzeros", [-0.0, -0.0, -0.0], c=0.0)
add("halves", [0.5, 1.5, 2.5, -0.5, -2.5, -1.5, 3.5, 0.49999999999999994, -3.5], c=0.5)
add("const9", [1.5] * 9, c=1.5)
add("big", rng.normal(size=9) * 1e300)
add("tiny", rng.normal(size=9) * 1e-310)  # subnormals
add("unif9", rng.uniform(0, 1, size=9), c=0.5)
add("unif25", rng.uniform(0, 1, size=25), c=0.5)
add("low9", rng.uniform(0, 0.2, size=9), c=0.1)  # all < 0.2
_v = rng.uniform(0.2, 0.9, size=9); _v[6] = 0.95
add("high9", _v, c=0.5)  # one > 0.9
add("mid9", rng.uniform(0.2, 0.9, size=9), c=0.5)  # neither
_v = rng.normal(size=9); _v[4] = 100.0
add("outlier9", _v, c=0.0)
_v = rng.normal(size=25); _v[12] = 25.0
add("outlier25", _v, c=0.0)

# --------------------------------------------------------------------------
# The table: (name, kernel, fn(v, x, p), inputs). v = values (float64 array),
# x = center (np.float64), p = params (attributes c, w, q, k, lo, hi).
# inputs: a set label, (label, {param overrides}), or an inline set (S / X).
# Case name = name + "/" + input label; the family is the part before the first "/".

COMMON = ["len1", "len2", "len8", "len9", "len25", "nan", "allnan", "inf", "ninf",
          "infs", "ties", "zeros"]

HEADLINE = [
    ("headline/min", "min(values)", lambda v, x, p: amin(v),
     ["len9", "nan", "ninf"]),
    ("headline/mad", "median(abs(values - c))", lambda v, x, p: np.median(np.abs(v - p.c)),
     ["len9", "len2", "nan", "ties"]),
    ("headline/count", "count(values, # > c)", lambda v, x, p: np.count_nonzero(v > p.c),
     ["len9", "nan", "ties"]),
    ("headline/percentile", "percentile(values, q)", lambda v, x, p: pct(v, p.q),
     [("len9", dict(q=90.0)), ("len25", dict(q=25.0)), ("len8", dict(q=62.5)), ("nan", dict(q=50.0))]),
    ("headline/rms", "sqrt(mean(values ** 2))", lambda v, x, p: np.sqrt(np.mean(v ** 2)),
     ["len9", "nan", "inf"]),
    ("headline/meanfilter", "mean(filter(values, # >= c))", lambda v, x, p: np.mean(v[v >= p.c]),
     ["len9", "len25", "nan", ("len9", dict(c=1e9))]),
    ("headline/sort1", "sort(values)[1]", lambda v, x, p: np.sort(v)[1],
     ["len9", "nan", "ties"]),
    ("headline/sumsq", "sum(map(values, # * #))", lambda v, x, p: np.sum(v * v),
     ["len9", "len25", "nan"]),
    ("headline/despike",
     "abs(center - median(values)) > 3 * std(values) ? median(values) : center",
     lambda v, x, p: np.median(v) if np.abs(x - np.median(v)) > 3 * np.std(v) else x,
     ["len9", "outlier9", "outlier25", "nan_center"]),
    ("headline/anyall", "any(values, # > 0.9) ? 1 : (all(values, # < 0.2) ? 2 : 3)",
     lambda v, x, p: 1 if np.any(v > 0.9) else (2 if np.all(v < 0.2) else 3),
     ["high9", "low9", "mid9", "allnan"]),
    ("headline/weighted", "sum(values * w)", lambda v, x, p: np.sum(v * p.w),
     ["len9", "len25", "nan"]),
    ("headline/median", "median(values)", lambda v, x, p: np.median(v),
     ["len9", "len8", "nan", "ties"]),
    ("headline/mode", "mode(values)", lambda v, x, p: mode(v),
     ["ties", "ties7", "ties25", "ties_nan", "ties_nan8"]),
]

OPERATORS = [
    ("add/vc", "sum(values + c)", lambda v, x, p: np.sum(v + p.c), ["len9", "nan", "len1"]),
    ("add/cv", "sum(c + values)", lambda v, x, p: np.sum(p.c + v), ["len9", "inf"]),
    ("add/vw", "sum(values + w)", lambda v, x, p: np.sum(v + p.w), ["len9", "len25"]),
    ("add/scalar", "center + c", lambda v, x, p: x + p.c,
     [X(1.5, c=2.25), X(inf, c=-inf), X(-0.0, c=-0.0), X(-0.0, c=0.0)]),
    ("sub/vc", "sum(values - c)", lambda v, x, p: np.sum(v - p.c), ["len9", "len2"]),
    ("sub/cv", "sum(c - values)", lambda v, x, p: np.sum(p.c - v), ["len9", "ninf"]),
    ("sub/wv", "min(w - values)", lambda v, x, p: amin(p.w - v), ["len9", "len25"]),
    ("sub/scalar", "center - c", lambda v, x, p: x - p.c,
     [X(1.5, c=2.25), X(inf, c=inf), X(0.0, c=0.0)]),
    ("mul/vc", "sum(values * c)", lambda v, x, p: np.sum(v * p.c), ["len9", "inf"]),
    ("mul/cv", "max(c * values)", lambda v, x, p: amax(p.c * v), [("len9", dict(c=-2.0)), "nan"]),
    ("mul/vw", "prod(values * w)", lambda v, x, p: np.prod(v * p.w), ["len9", "len2"]),
    ("mul/scalar", "center * c", lambda v, x, p: x * p.c,
     [X(inf, c=0.0), X(-0.0, c=3.0), X(1e200, c=1e200)]),
    ("div/vc", "sum(values / c)", lambda v, x, p: np.sum(v / p.c), ["len9", ("len9", dict(c=0.0))]),
    ("div/cv", "sum(c / values)", lambda v, x, p: np.sum(p.c / v), ["len9", "zeros"]),
    ("div/vw", "max(values / w)", lambda v, x, p: amax(v / p.w), ["len9", "len25"]),
    ("div/zero", "center / c", lambda v, x, p: x / p.c,
     [X(1.5, c=0.0), X(-1.5, c=0.0), X(0.0, c=0.0), X(1.5, c=-0.0), X(inf, c=inf), X(1.0, c=3.0)]),
    ("div/literalzero", "max(values / 0)", lambda v, x, p: amax(v / 0.0), ["len9", "zeros"]),
    ("mod/scalar", "center % c", lambda v, x, p: np.mod(x, p.c),
     [X(5, c=3), X(-5, c=3), X(5, c=-3), X(5.5, c=2), X(-5.5, c=2),
      X(7.25, c=-0.5), X(5, c=0), X(-5, c=0), X(0.0, c=3), X(-0.0, c=3), X(0.0, c=-3),
      X(-6, c=3), X(inf, c=3), X(3, c=inf), X(-3, c=inf), X(nan, c=2),
      X(0.1, c=0.01)]),
    ("mod/vc", "sum(values % c)", lambda v, x, p: np.sum(np.mod(v, p.c)),
     ["ints", ("ints", dict(c=-3.0)), ("len9", dict(c=0.5)), ("len9", dict(c=0.0))]),
    ("mod/cv", "sum(c % values)", lambda v, x, p: np.sum(np.mod(p.c, v)), [("ints", dict(c=7.0)), "zeros"]),
    ("mod/vw", "sum(values % w)", lambda v, x, p: np.sum(np.mod(v, p.w)), ["len9", "len25"]),
    ("pow/scalar", "center ** c", lambda v, x, p: np.power(x, p.c),
     [X(-8, c=1 / 3), X(-2, c=3), X(-2, c=-1), X(-2, c=0.5), X(2, c=0.5),
      X(0, c=-1), X(-0.0, c=-1), X(-0.0, c=-2), X(0, c=0), X(nan, c=0), X(1, c=nan),
      X(-1, c=inf), X(0.5, c=inf), X(inf, c=-0.5), X(-inf, c=3), X(10, c=400),
      X(2.25, c=1.5)]),
    ("pow/vc", "sum(values ** c)", lambda v, x, p: np.sum(v ** p.c),
     [("len9", dict(c=2.0)), ("len9", dict(c=3.0)), ("len9", dict(c=0.5)), ("ints", dict(c=-1.0))]),
    ("pow/cv", "sum(c ** values)", lambda v, x, p: np.sum(p.c ** v),
     [("len9", dict(c=2.0)), ("ints", dict(c=-2.0)), ("len9", dict(c=-2.0))]),
    ("pow/absvw", "sum(abs(values) ** w)", lambda v, x, p: np.sum(np.abs(v) ** p.w), ["len9", "len25"]),
    ("pow/vw", "sum(values ** w)", lambda v, x, p: np.sum(v ** p.w), ["len9"]),
    ("pow/literal", "sum(values ** 2)", lambda v, x, p: np.sum(v ** 2), ["len9", "nan"]),
    ("cmp/count_gt", "count(values > c)", lambda v, x, p: np.count_nonzero(v > p.c),
     ["len9", "nan"]),
    ("cmp/sum_gt", "sum(values > c)", lambda v, x, p: np.sum(v > p.c), ["ties", "infs"]),
    ("cmp/mean_ge", "mean(values >= c)", lambda v, x, p: np.mean(v >= p.c), ["ties", "nan"]),
    ("cmp/count_lt", "count(values < c)", lambda v, x, p: np.count_nonzero(v < p.c), ["len9"]),
    ("cmp/count_le", "count(values <= c)", lambda v, x, p: np.count_nonzero(v <= p.c), ["zeros"]),
    ("cmp/count_eq", "count(values == c)", lambda v, x, p: np.count_nonzero(v == p.c),
     ["ties", ("ties", dict(c=2.0)), "zeros"]),
    ("cmp/count_ne", "count(values != c)", lambda v, x, p: np.count_nonzero(v != p.c),
     ["ties", "nan", "allnan"]),
    ("cmp/vw", "count(values > w)", lambda v, x, p: np.count_nonzero(v > p.w), ["len9", "len25"]),
    ("cmp/scalar_gt", "center > c", lambda v, x, p: x > p.c,
     [X(1, c=0), X(0, c=1), X(nan, c=0), X(-0.0, c=0.0)]),
    ("cmp/scalar_eq", "center == c", lambda v, x, p: x == p.c,
     [X(-0.0, c=0.0), X(nan, c=nan), X(1.5, c=1.5)]),
    ("cmp/scalar_ne", "center != c", lambda v, x, p: x != p.c, [X(nan, c=nan), X(1.5, c=1.5)]),
    ("cmp/boolarith", "(center > c) * 2 + 1", lambda v, x, p: (x > p.c) * 2 + 1, [X(1, c=0), X(0, c=1)]),
    ("cmp/boolsum", "sum(values > c) + sum(values < c)",
     lambda v, x, p: np.sum(v > p.c) + np.sum(v < p.c), ["ties", "nan"]),
]

_LX = [X(-1.0, c=0.0), X(0.5, c=0.0), X(2.0, c=0.0), X(nan, c=0.0)]
_LX3 = [X(0.5, c=0.0), X(2.0, c=0.0), X(nan, c=0.0)]
LOGIC = [
    ("logic/and", "center > c and center < 1 ? 1 : 0", lambda v, x, p: 1 if (x > p.c and x < 1) else 0, _LX),
    ("logic/&&", "center > c && center < 1 ? 1 : 0", lambda v, x, p: 1 if (x > p.c and x < 1) else 0, _LX3),
    ("logic/or", "center < c or center > 1 ? 1 : 0", lambda v, x, p: 1 if (x < p.c or x > 1) else 0, _LX),
    ("logic/||", "center < c || center > 1 ? 1 : 0", lambda v, x, p: 1 if (x < p.c or x > 1) else 0, _LX3),
    ("logic/not", "not (center > c) ? 1 : 0", lambda v, x, p: 1 if not (x > p.c) else 0, _LX),
    ("logic/!", "!(center > c) ? 1 : 0", lambda v, x, p: 1 if not (x > p.c) else 0, _LX3),
    ("logic/bool", "center >= c and not isnan(center)", lambda v, x, p: (x >= p.c) and not np.isnan(x), _LX),
    ("logic/mixed", "(any(values > c) && !all(values > c)) || isnan(center)",
     lambda v, x, p: (np.any(v > p.c) and not np.all(v > p.c)) or np.isnan(x),
     ["len9", "ties", "allnan", ("ties", dict(c=-1.0))]),
    ("ternary/scalar", "center > c ? center : c", lambda v, x, p: x if x > p.c else p.c, _LX),
    ("ternary/nested", "center < -1 ? -1 : (center > 1 ? 1 : center)",
     lambda v, x, p: -1 if x < -1 else (1 if x > 1 else x),
     [X(-2.0), X(0.25), X(3.0), X(nan)]),
    ("ternary/reduce", "count(values, # > c) > len(values) / 2 ? max(values) : min(values)",
     lambda v, x, p: amax(v) if np.count_nonzero(v > p.c) > v.size / 2 else amin(v),
     ["len9", ("len9", dict(c=-5.0)), "ties"]),
    ("let/std", "let m = mean(values); sqrt(mean((values - m) ** 2))",
     lambda v, x, p: np.sqrt(np.mean((v - np.mean(v)) ** 2)), ["len9", "len25", "nan", "len1"]),
    ("let/mad", "let m = median(values); median(abs(values - m))",
     lambda v, x, p: np.median(np.abs(v - np.median(v))), ["len9", "len8", "ties"]),
    ("let/norm", "let a = min(values); let b = max(values); (center - a) / (b - a)",
     lambda v, x, p: (x - amin(v)) / (amax(v) - amin(v)), ["len9", "ties", "const9", "infs"]),
    ("let/boolarray", "let t = values > c; sum(t) / len(values)",
     lambda v, x, p: np.sum(v > p.c) / v.size, ["len9", "ties"]),
    ("index/first", "values[0]", lambda v, x, p: v[0], ["len1", "len9", "nan_first"]),
    ("index/last", "values[-1]", lambda v, x, p: v[-1], ["len1", "len2", "len9"]),
    ("index/4", "values[4] - center", lambda v, x, p: v[4] - x, ["len9", "nan_center"]),
    ("index/sort1", "sort(values)[1]", lambda v, x, p: np.sort(v)[1], ["ties", "infs", "ties_nan"]),
    ("index/sort-2", "sort(values)[-2]", lambda v, x, p: np.sort(v)[-2], ["len2", "nan", "ties_nan"]),
    ("index/argmin", "values[argmin(values)]", lambda v, x, p: v[int(np.argmin(v))], ["len9", "nan", "ties"]),
    ("index/argmax", "values[argmax(values)]", lambda v, x, p: v[int(np.argmax(v))], ["len9", "infs", "ties"]),
    ("index/param", "values[k]", lambda v, x, p: v[int(p.k)],
     [("len9", dict(k=3.0)), ("len9", dict(k=-2.0)), ("len25", dict(k=24.0)), ("len25", dict(k=-25.0)),
      ("len1", dict(k=0.0))]),
    ("index/midrange", "(sort(values)[0] + sort(values)[-1]) / 2",
     lambda v, x, p: (np.sort(v)[0] + np.sort(v)[-1]) / 2, ["len9", "nan"]),
    ("slice/1:4", "sum(values[1:4])", lambda v, x, p: np.sum(v[1:4]), ["len9", "len2", "len25"]),
    ("slice/-3:", "mean(values[-3:])", lambda v, x, p: np.mean(v[-3:]), ["len9", "len2", "nan"]),
    ("slice/:2", "sum(values[:2])", lambda v, x, p: np.sum(v[:2]), ["len9", "len1"]),
    ("slice/sort2:5", "median(sort(values)[2:5])", lambda v, x, p: np.median(np.sort(v)[2:5]),
     ["len9", "nan", "ties"]),
    ("slice/2:-2", "mean(values[2:-2])", lambda v, x, p: np.mean(v[2:-2]), ["len9", "len25"]),
    ("slice/empty", "sum(values[5:2])", lambda v, x, p: np.sum(v[5:2]), ["len9"]),
    ("slice/count", "count(values[1:4], # > c)", lambda v, x, p: np.count_nonzero(v[1:4] > p.c), ["len9"]),
    ("literal/gauss", "sum(values * [1, 2, 1, 2, 4, 2, 1, 2, 1]) / 16",
     lambda v, x, p: np.sum(v * np.array([1, 2, 1, 2, 4, 2, 1, 2, 1.0])) / 16, ["len9", "nan", "ties"]),
    ("literal/laplace", "sum(values * [0, -1, 0, -1, 4, -1, 0, -1, 0])",
     lambda v, x, p: np.sum(v * np.array([0, -1, 0, -1, 4, -1, 0, -1, 0.0])), ["len9", "zeros", "inf"]),
    ("literal/frac", "sum(values * [0.25, -1.5])", lambda v, x, p: np.sum(v * np.array([0.25, -1.5])), ["len2"]),
    ("literal/sub", "sum([1, 2, 3, 4, 5, 6, 7, 8, 9] - values)",
     lambda v, x, p: np.sum(np.arange(1, 10.0) - v), ["len9"]),
    ("literal/median", "median([3, 1, 2, 10]) * center", lambda v, x, p: np.median([3, 1, 2, 10.0]) * x, ["len1"]),
]

# Elementwise functions: applied to center (values = [center]) and to arrays then reduced.
_GRID = [2.25, -2.25, 0.0, -0.0, inf, -inf, nan]
_TRIG_GRID = [2.25, -2.25, 0.0, -0.0, 100.0, inf, nan]
_ROUND_GRID = [0.5, 1.5, 2.5, -0.5, -1.5, -2.5, 0.49999999999999994, 2.4, -2.6,
               4503599627370497.0, -0.0, inf, nan]
ELEMENTWISE = [
    ("abs", np.abs, _GRID), ("sqrt", np.sqrt, _GRID + [1e-300]), ("exp", np.exp, _GRID + [-800.0, 709.5, 1e-300]),
    ("log", np.log, _GRID + [1e-300, 1e300]), ("log2", np.log2, _GRID + [8.0]), ("log10", np.log10, _GRID + [1000.0]),
    ("sin", np.sin, _TRIG_GRID), ("cos", np.cos, _TRIG_GRID), ("tan", np.tan, _TRIG_GRID),
    ("floor", np.floor, _GRID + [-0.5]), ("ceil", np.ceil, _GRID + [-0.5]), ("round", np.round, _ROUND_GRID),
    ("sign", np.sign, _GRID),
]
ELEM = []
for _f, _np, _grid in ELEMENTWISE:
    ELEM += [
        (_f + "/center", _f + "(center)", (lambda g: lambda v, x, p: g(x))(_np), [X(t) for t in _grid]),
        (_f + "/sum", "sum(%s(values))" % _f, (lambda g: lambda v, x, p: np.sum(g(v)))(_np),
         ["len9", "infs"] + (["halves"] if _f in ("round", "floor", "ceil") else [])
         + (["nan", "zeros"] if _f == "abs" else [])),
    ]
ELEM += [
    ("isnan/center", "isnan(center)", lambda v, x, p: np.isnan(x), [X(nan), X(inf), X(0.0), X(-2.5)]),
    ("isnan/count", "count(isnan(values))", lambda v, x, p: np.count_nonzero(np.isnan(v)),
     ["len9", "nan", "allnan", "infnan", "ties_nan"]),
    ("isnan/sum", "sum(isnan(values))", lambda v, x, p: np.sum(np.isnan(v)), ["nan"]),
    ("isnan/mean", "mean(isnan(values))", lambda v, x, p: np.mean(np.isnan(v)), ["ties_nan"]),
    ("clip/center", "clip(center, lo, hi)", lambda v, x, p: np.clip(x, p.lo, p.hi),
     [X(t, lo=-1.0, hi=1.0) for t in [2.25, -2.25, 0.5, inf, nan]]),
    ("clip/literal", "clip(center, 0, 1)", lambda v, x, p: np.clip(x, 0.0, 1.0), [X(-0.5), X(0.25), X(7.0)]),
    ("clip/sum", "sum(clip(values, lo, hi))", lambda v, x, p: np.sum(np.clip(v, p.lo, p.hi)),
     ["len9", "len25", "nan", "infs"]),
    ("clip/max", "max(clip(values, -1, c))", lambda v, x, p: amax(np.clip(v, -1.0, p.c)), ["len9", "zeros"]),
]

MINMAX = [
    ("minmax/min2", "min(center, c)", lambda v, x, p: minimum(x, p.c),
     [X(1, c=2), X(2, c=1), X(nan, c=1), X(1, c=nan), X(-0.0, c=0.0), X(0.0, c=-0.0)]),
    ("minmax/max2", "max(center, c)", lambda v, x, p: maximum(x, p.c),
     [X(1, c=2), X(2, c=1), X(nan, c=1), X(1, c=nan), X(-0.0, c=0.0), X(0.0, c=-0.0)]),
    ("minmax/min3", "min(center, c, lo)", lambda v, x, p: minimum(x, p.c, p.lo),
     [X(1, c=2, lo=3), X(3, c=2, lo=1), X(2, c=nan, lo=1), X(2, c=1, lo=nan)]),
    ("minmax/max3", "max(c, center, hi)", lambda v, x, p: maximum(p.c, x, p.hi),
     [X(1, c=2, hi=3), X(3, c=2, hi=1), X(2, c=nan, hi=1), X(nan, c=5, hi=1)]),
    ("minmax/relu", "sum(max(values, 0))", lambda v, x, p: np.sum(maximum(v, 0.0)), ["len9", "nan", "zeros"]),
    ("minmax/minvc", "max(min(values, c))", lambda v, x, p: amax(minimum(v, p.c)), ["len9", "len25"]),
    ("minmax/minvw", "sum(min(values, w))", lambda v, x, p: np.sum(minimum(v, p.w)), ["len9", "nan"]),
    ("minmax/max3v", "sum(max(values, c, w))", lambda v, x, p: np.sum(maximum(v, p.c, p.w)), ["len9"]),
]

REDUCTIONS = [
    ("min", amin), ("max", amax), ("sum", np.sum), ("prod", np.prod), ("mean", np.mean),
    ("median", np.median), ("std", np.std), ("var", np.var), ("argmin", argmin), ("argmax", argmax),
    ("nanmin", nanmin), ("nanmax", nanmax), ("nansum", np.nansum), ("nanmean", np.nanmean),
    ("nanmedian", np.nanmedian), ("nanstd", np.nanstd), ("mode", mode),
]
_EXTRA = {
    "argmin": ["nan_first", "ties_nan8", "ties7", "allnan1"],
    "argmax": ["nan_first", "ties_nan8", "ties7", "allnan1"],
    "mode": ["ties7", "ties25", "ties_nan", "ties_nan8", "halves", "negzeros"],
    "nanmin": ["nan_first", "allnan1", "infnan"],
    "nanmax": ["nan_first", "allnan1", "infnan"],
    "nansum": ["nan_first", "allnan1", "infnan", "negzeros"],
    "nanmean": ["nan_first", "allnan1", "infnan"],
    "nanmedian": ["nan_first", "allnan1", "ties_nan8"],
    "nanstd": ["nan_first", "allnan1", "ties_nan8"],
    "sum": ["big", "tiny", "negzeros"],
    "prod": ["big", "tiny", "negzeros", "ints"],
    "mean": ["big", "tiny", "const9"],
    "std": ["big", "tiny", "const9"],
    "var": ["tiny", "const9"],
    "median": ["halves", "negzeros", "ties7"],
    "min": ["negzeros"],
    "max": ["negzeros"],
}
_SWEEP = ["len%d" % n for n in range(1, 26) if n not in (1, 2, 8, 9, 25)]  # sum: every length
_SWEEP_SHORT = ["len%d" % n for n in (4, 16)]  # mean, var, prod
_SWEEP_STD = ["len%d" % n for n in (4, 7, 10, 13, 16, 17, 23, 24)]
REDUCE = []
for _f, _np in REDUCTIONS:
    _in = COMMON + _EXTRA.get(_f, [])
    if _f == "sum":
        _in = _in + _SWEEP
    if _f == "std":
        _in = _in + _SWEEP_STD
    if _f in ("mean", "var", "prod"):
        _in = _in + _SWEEP_SHORT
    if _f.startswith("nan"):  # same as the plain reduction on NaN-free data: fewer of those
        _in = [s for s in _in if s not in ("len1", "len2", "len8", "ties", "zeros", "ninf")]
    if _f in ("min", "max", "argmin", "argmax", "mode"):
        _in = [s for s in _in if s != "len8"]
    if _f in ("std", "var", "mean", "argmin", "argmax"):
        _in = [s for s in _in if s != "zeros"]
    elif _f not in ("min", "max", "sum", "mean"):
        _in = [s for s in _in if s != "ninf"]
    REDUCE.append((_f, _f + "(values)", (lambda g: lambda v, x, p: g(v))(_np), _in))

PERCENTILE = []
for _q in [0.0, 25.0, 50.0, 62.5, 90.0, 100.0]:
    PERCENTILE.append(("percentile/q=" + fmt(_q), "percentile(values, q)", lambda v, x, p: pct(v, p.q),
                       [(s, dict(q=_q)) for s in ["len2", "len9", "len25"]
                        + (["len1", "nan"] if _q in (0, 50, 100) else ["ties"])]))
PERCENTILE += [
    ("percentile/inf", "percentile(values, q)", lambda v, x, p: pct(v, p.q),
     [(s, dict(q=q)) for s in ["inf", "ninf", "infs"] for q in (50.0, 100.0)]
     + [S([1.0, inf], label="1,inf/q=50", q=50.0), S([1.0, inf], label="1,inf/q=100", q=100.0),
        S([-inf, 1.0], label="-inf,1/q=0", q=0.0), S([-inf, 1.0, 2.0], label="-inf,1,2/q=75", q=75.0)]),
    ("percentile/literal", "percentile(values, 62.5)", lambda v, x, p: pct(v, 62.5), ["len9", "len8"]),
    ("percentile/abs", "percentile(abs(values - c), 90)", lambda v, x, p: pct(np.abs(v - p.c), 90.0), ["len25"]),
]

PREDICATES = [
    ("pred/count", "count(values, # > c)", lambda v, x, p: np.count_nonzero(v > p.c),
     ["len9", "nan", "ties"]),
    ("pred/count_ne", "count(values, # != c)", lambda v, x, p: np.count_nonzero(v != p.c), ["ties", "nan"]),
    ("pred/any", "any(values, # > 0.9)", lambda v, x, p: np.any(v > 0.9),
     ["unif9", "low9", "high9", "mid9", "allnan"]),
    ("pred/all", "all(values, # < 0.2)", lambda v, x, p: np.all(v < 0.2),
     ["unif9", "low9", "high9", "allnan", S(list(SETS["low9"]["values"][:8]) + [nan], label="low9nan")]),
    ("pred/anyc", "any(values, # >= c and # <= c + 0.1)", lambda v, x, p: np.any((v >= p.c) & (v <= p.c + 0.1)),
     ["unif9", "unif25"]),
    ("pred/filter_mean", "mean(filter(values, # >= c))", lambda v, x, p: np.mean(v[v >= p.c]),
     ["len9", "nan", "ties"]),
    ("pred/filter_sum", "sum(filter(values, # >= c))", lambda v, x, p: np.sum(v[v >= p.c]),
     ["len9", "nan"]),
    ("pred/filter_count", "count(filter(values, # >= c), # > 0)",
     lambda v, x, p: np.count_nonzero(v[v >= p.c] > 0), ["len9", "ties"]),
    ("pred/filter_min", "min(filter(values, # >= c))", lambda v, x, p: amin(v[v >= p.c]), ["len9", "nan", "ties"]),
    ("pred/filter_median", "median(filter(values, # >= c))", lambda v, x, p: np.median(v[v >= p.c]),
     ["len8", "nan"]),
    ("pred/filter_std", "std(filter(values, abs(# - c) < 1))",
     lambda v, x, p: np.std(v[np.abs(v - p.c) < 1]), ["len25"]),
    ("pred/filter_notnan", "mean(filter(values, not isnan(#)))", lambda v, x, p: np.mean(v[~np.isnan(v)]),
     ["nan", "infnan"]),
    ("pred/filter_len", "len(filter(values, # >= c))", lambda v, x, p: v[v >= p.c].size, ["len9", "nan"]),
    ("pred/map_sumsq", "sum(map(values, # * #))", lambda v, x, p: np.sum(v * v), ["len9", "infs"]),
    ("pred/map_absdev", "max(map(values, abs(# - c)))", lambda v, x, p: amax(np.abs(v - p.c)),
     ["len9", "nan"]),
    ("pred/map_ternary", "mean(map(values, # > c ? 1 : 0))", lambda v, x, p: np.mean(np.where(v > p.c, 1.0, 0.0)),
     ["len9", "ties"]),
    ("pred/map_filter", "sum(map(filter(values, # > c), # - c))", lambda v, x, p: np.sum(v[v > p.c] - p.c),
     ["len9", "nan"]),
    ("boolred/any", "any(values > c)", lambda v, x, p: np.any(v > p.c),
     ["len9", ("len9", dict(c=1e9)), "allnan"]),
    ("boolred/all", "all(values > c)", lambda v, x, p: np.all(v > p.c),
     ["len9", ("len9", dict(c=-1e9)), "nan"]),
    ("boolred/anyisnan", "any(isnan(values))", lambda v, x, p: np.any(np.isnan(v)), ["len9", "nan"]),
    ("boolred/allisnan", "all(isnan(values))", lambda v, x, p: np.all(np.isnan(v)), ["nan", "allnan", "allnan1"]),
]

# A filter that keeps nothing (c = 1e9) / everything (c = -1e9), for every reduction.
_EMPTY_RED = [
    ("sum", "sum(%s)", np.sum), ("nansum", "nansum(%s)", np.nansum),
    ("count", "count(%s, # > 0)", lambda a: np.count_nonzero(a > 0)),
    ("prod", "prod(%s)", np.prod),
    ("any", "any(%s, # > 0)", lambda a: np.any(a > 0)), ("all", "all(%s, # > 0)", lambda a: np.all(a > 0)),
    ("len", "len(%s)", lambda a: a.size),
    ("min", "min(%s)", amin), ("max", "max(%s)", amax), ("mean", "mean(%s)", np.mean),
    ("median", "median(%s)", np.median), ("std", "std(%s)", np.std), ("var", "var(%s)", np.var),
    ("percentile", "percentile(%s, 50)", lambda a: pct(a, 50.0)),
    ("argmin", "argmin(%s)", argmin), ("argmax", "argmax(%s)", argmax),
    ("nanmin", "nanmin(%s)", nanmin), ("nanmax", "nanmax(%s)", nanmax), ("nanmean", "nanmean(%s)", np.nanmean),
    ("nanmedian", "nanmedian(%s)", np.nanmedian), ("nanstd", "nanstd(%s)", np.nanstd), ("mode", "mode(%s)", mode),
]
EMPTY = []
_ALLNAN_TOO = ("sum", "count", "any", "all", "mean", "mode")
_ALL_TOO = ("sum", "count", "prod", "any", "all", "len", "min", "mean", "median", "percentile", "mode")
for _f, _k, _np in _EMPTY_RED:
    EMPTY.append(("filter_none/" + _f, _k % "filter(values, # > c)",
                  (lambda g: lambda v, x, p: g(v[v > p.c]))(_np),
                  [("len9", dict(c=1e9))] + ([("allnan", dict(c=0.0))] if _f in _ALLNAN_TOO else [])))
    if _f not in _ALL_TOO:
        continue
    EMPTY.append(("filter_all/" + _f, _k % "filter(values, # > c)",
                  (lambda g: lambda v, x, p: g(v[v > p.c]))(_np), [("len9", dict(c=-1e9))]))
for _f, _k, _np in _EMPTY_RED:
    if _f in ("sum", "count", "prod", "any", "all", "len", "min", "mean", "median", "percentile", "mode"):
        # values of length 0 (not a real footprint, but the identities must hold)
        EMPTY.append(("len0/" + _f, _k % "values", (lambda g: lambda v, x, p: g(v))(_np), ["len0"]))

# Floor division (np.floor_divide), defined last so that its inline sets draw
# from rng after every other table's: the older cases keep their inputs.
FLOORDIV = [
    ("floordiv/scalar", "center // c", lambda v, x, p: np.floor_divide(x, p.c),
     [X(5, c=3), X(-5, c=3), X(5, c=-3), X(-5, c=-3), X(6, c=3), X(-6, c=3), X(5.5, c=2), X(-5.5, c=2),
      X(7.25, c=-0.5), X(1, c=0.1), X(0.1, c=0.01), X(0.5, c=0.25),
      X(5, c=0), X(-5, c=0), X(5, c=-0.0), X(-5, c=-0.0), X(0.0, c=0), X(-0.0, c=-0.0),
      X(0.0, c=3), X(-0.0, c=3), X(0.0, c=-3), X(-0.0, c=-3), X(1, c=-5), X(-1, c=5),
      X(inf, c=3), X(-inf, c=3), X(inf, c=0), X(-inf, c=-0.0), X(inf, c=inf),
      X(3, c=inf), X(-3, c=inf), X(3, c=-inf), X(-3, c=-inf), X(0.0, c=-inf),
      X(nan, c=2), X(2, c=nan), X(nan, c=0),
      X(1e300, c=1e-300), X(1, c=5e-324), X(-1e308, c=0.1), X(9007199254740993.0, c=2)]),
    ("floordiv/vc", "sum(values // c)", lambda v, x, p: np.sum(np.floor_divide(v, p.c)),
     ["ints", ("ints", dict(c=-3.0)), ("len9", dict(c=0.5)), ("len9", dict(c=-0.25)), ("len9", dict(c=0.0)),
      "nan", ("halves", dict(c=0.5))]),
    ("floordiv/cv", "sum(c // values)", lambda v, x, p: np.sum(np.floor_divide(p.c, v)),
     [("ints", dict(c=7.0)), ("ints", dict(c=-7.0)), "len9"]),
    ("floordiv/cvmax", "max(c // values)", lambda v, x, p: amax(np.floor_divide(p.c, v)),
     [("zeros", dict(c=1.0)), ("zeros", dict(c=-1.0)), ("zeros", dict(c=0.0)), "infs"]),
    ("floordiv/vw", "sum(values // w)", lambda v, x, p: np.sum(np.floor_divide(v, p.w)), ["len9", "len25"]),
    ("floordiv/literal", "max(values // 0)", lambda v, x, p: amax(np.floor_divide(v, 0.0)), ["len9", "zeros"]),
    ("floordiv/literal2", "sum(values // 2)", lambda v, x, p: np.sum(np.floor_divide(v, 2.0)), ["ints", "halves"]),
    # Python's own operators on np.float64: // binds like * / % and goes left to right
    ("floordiv/prec", "center // c * 2 - center // c // 2 + center % c // 0.5",
     lambda v, x, p: x // p.c * 2 - x // p.c // 2 + x % p.c // 0.5,
     [X(7.25, c=2), X(-7.25, c=2), X(7.25, c=-0.75), X(100, c=3)]),
    ("floordiv/index", "values[len(values) // 2]", lambda v, x, p: v[len(v) // 2],
     ["len1", "len2", "len8", "len9", "len25"]),
    ("floordiv/computed_index", "sort(filter(values, # > c))[len(filter(values, # > c)) // 2]",
     lambda v, x, p: np.sort(v[v > p.c])[len(v[v > p.c]) // 2], ["len9", "len25", "nan", "ties"]),
    ("floordiv/lower_median", "sort(values)[(len(values) - 1) // 2]", lambda v, x, p: np.sort(v)[(len(v) - 1) // 2],
     ["len8", "len9", "nan"]),
]

TABLE = (HEADLINE + OPERATORS + FLOORDIV + LOGIC + ELEM + MINMAX + REDUCE + PERCENTILE + PREDICATES
         + EMPTY)


# --------------------------------------------------------------------------


def F(x):
    x = float(x)
    if math.isnan(x):
        return "nan"
    if math.isinf(x):
        return "inf" if x > 0 else "-inf"
    return x.hex()


def resolve(item):
    if isinstance(item, str):
        return SETS[item]
    if isinstance(item, tuple):
        label, over = item
        base = SETS[label]
        p = dict(base["params"])
        p.update(over)
        lab = label + "/" + ",".join(k + "=" + fmt(over[k]) for k in sorted(over))
        return dict(label=lab, values=base["values"], center=base["center"], params=p)
    return item


IDENT = re.compile(r"[A-Za-z_][A-Za-z_0-9]*")


def build():
    cases = []
    names = set()
    for name, kernel, fn, inputs in TABLE:
        used = set(IDENT.findall(kernel))
        for item in inputs:
            s = resolve(item)
            v = s["values"].copy()
            x = s["center"]
            params = {}
            for k, val in s["params"].items():
                params[k] = np.array(val, dtype=float) if np.ndim(val) else np.float64(val)
            want = fn(v, x, types.SimpleNamespace(**params))
            if np.ndim(want) != 0:
                raise ValueError("%s: non-scalar result %r" % (name, want))
            cname = name + "/" + s["label"]
            if cname in names:
                raise ValueError("duplicate case " + cname)
            names.add(cname)
            jp = {}
            for k in sorted(params):
                if k in used:
                    val = params[k]
                    jp[k] = [F(t) for t in val] if np.ndim(val) else F(val)
            cases.append(dict(name=cname, kernel=kernel, values=[F(t) for t in v],
                              center=F(x), params=jp, want=F(want)))
    return cases


def main():
    warnings.simplefilter("ignore")
    with np.errstate(all="ignore"):
        cases = build()
    with open(OUT, "w") as f:
        f.write('{"cases": [\n')
        f.write(",\n".join(json.dumps(c, separators=(", ", ": ")) for c in cases))
        f.write("\n]}\n")
    print("wrote %d cases to %s" % (len(cases), OUT))


if __name__ == "__main__":
    main()
