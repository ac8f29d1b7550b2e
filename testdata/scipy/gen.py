#!/usr/bin/python3
"""Generate the scipy conformance corpus for kfilter (testdata/scipy/cases/).

Run by hand, never by CI. From the repository root:

    /usr/bin/python3 testdata/scipy/gen.py

It needs numpy and scipy (written against Debian's numpy 1.24 / scipy 1.10.1).
It deletes testdata/scipy/cases/ and rewrites one directory per case:

    cases/<name>/input.npy      input array (any dtype kfilter supports)
    cases/<name>/footprint.npy  bool footprint (rank = input rank, or len(axes))
    cases/<name>/want.npy       scipy.ndimage.generic_filter output
    cases/<name>/case.json      kernel, params, mode, cval, origin, axes,
                                dtype (output), exact, note

For every case the expected output is computed with
scipy.ndimage.generic_filter(input, callback, footprint, mode, cval, origin,
output=dtype), where callback is a numpy function of scipy's buffer that
computes the same thing as the kernel expression.  Each case is also
recomputed by an independent numpy reference (explicit index rules per mode, with
`center` read from the input at the output position, not from the buffer);
the generator aborts if the two disagree, so the boundary/origin model in
ext_index() is checked against scipy on every case.

scipy 1.10 has no `axes` argument: a case with axes stores a footprint of
rank len(axes) and computes the expectation with a full-rank footprint that
has extent 1 (origin 0) on the other axes.
"""

import json
import os
import shutil
import sys
import warnings

import numpy as np
import scipy
import scipy.ndimage as ndi

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "cases")

MODES = ["reflect", "mirror", "nearest", "wrap", "constant",
         "grid-mirror", "grid-wrap", "grid-constant"]
rng = np.random.default_rng(20240611)

# ---------------------------------------------------------------- helpers


def E(f, empty=np.nan):
    """Reduction that returns `empty` on an empty array (spec identities)."""
    def g(a):
        a = np.asarray(a, dtype=np.float64)
        if a.size == 0:
            return empty
        return f(a)
    return g


_min, _max = E(np.min), E(np.max)
_mean, _median = E(np.mean), E(np.median)


def np_mode(a):
    """Most frequent value, smallest on ties, NaNs are one value sorting last."""
    a = np.asarray(a, dtype=np.float64)
    if a.size == 0:
        return np.nan
    u, cnt = np.unique(a, return_counts=True)  # numpy>=1.21 collapses NaNs
    return u[np.argmax(cnt)]


def otag(o):
    """Origin/index in a case name: -2 -> m2, 1 -> 1."""
    return f"m{-o}" if o < 0 else str(o)


def fl(*rows):
    return np.array(rows, dtype=bool)


def weights(fp, lo=-1.0, hi=2.0):
    n = int(np.count_nonzero(fp))
    return {"w": [round(float(v), 3) for v in rng.uniform(lo, hi, n)]}


def rf(*shape, scale=1.0, dec=None):
    a = rng.normal(0.0, scale, shape)
    if dec is not None:
        a = np.round(a, dec)
    return a.astype(np.float64)


def ri(lo, hi, *shape, dtype=np.int64):
    return rng.integers(lo, hi, shape, endpoint=True).astype(dtype)


# ---------------------------------------------------------------- kernels
# name -> (expression, fn(values, center, params), exact)
# fn sees exactly what the kernel sees: values = scipy's buffer (float64,
# C order of the footprint's true elements), center = input at the output
# position, params = dict of float / float64 arrays.

KL = {
    "min": ("min(values)", lambda v, c, p: np.min(v), True),
    "max": ("max(values)", lambda v, c, p: np.max(v), True),
    "sum": ("sum(values)", lambda v, c, p: np.sum(v), False),
    "mean": ("mean(values)", lambda v, c, p: np.mean(v), False),
    "median-odd": ("median(values)", lambda v, c, p: np.median(v), True),
    "median-even": ("median(values)", lambda v, c, p: np.median(v), False),
    "std": ("std(values)", lambda v, c, p: np.std(v), False),
    "var": ("var(values)", lambda v, c, p: np.var(v), False),
    "prod": ("prod(values)", lambda v, c, p: np.prod(v), False),
    "argmin": ("argmin(values)", lambda v, c, p: np.argmin(v), True),
    "argmax": ("argmax(values)", lambda v, c, p: np.argmax(v), True),
    "wsum": ("sum(values * w)", lambda v, c, p: np.sum(v * p["w"]), False),
    "mode": ("mode(values)", lambda v, c, p: np_mode(v), True),
    "count-gt": ("count(values, # > c)",
                 lambda v, c, p: np.count_nonzero(v > p["c"]), True),
    "count-boolarr": ("count(values > c)",
                      lambda v, c, p: np.count_nonzero(v > p["c"]), True),
    "any-gt": ("any(values, # > c)", lambda v, c, p: np.any(v > p["c"]), True),
    "all-gt": ("all(values, # > c)", lambda v, c, p: np.all(v > p["c"]), True),
    "any-boolarr": ("any(values > c)", lambda v, c, p: np.any(v > p["c"]), True),
    "all-boolarr": ("all(values > c)", lambda v, c, p: np.all(v > p["c"]), True),
    "nanmin": ("nanmin(values)", lambda v, c, p: np.nanmin(v), True),
    "nanmax": ("nanmax(values)", lambda v, c, p: np.nanmax(v), True),
    "nansum": ("nansum(values)", lambda v, c, p: np.nansum(v), False),
    "nanmean": ("nanmean(values)", lambda v, c, p: np.nanmean(v), False),
    "nanmedian": ("nanmedian(values)", lambda v, c, p: np.nanmedian(v), False),
    "nanstd": ("nanstd(values)", lambda v, c, p: np.nanstd(v), False),
    "outlier": ("abs(center - median(values)) > 3 * std(values) ? median(values) : center",
                lambda v, c, p: np.median(v) if abs(c - np.median(v)) > 3 * np.std(v) else c,
                True),
    "mad-c": ("median(abs(values - c))",
              lambda v, c, p: np.median(np.abs(v - p["c"])), False),
    "mad-let": ("let m = median(values); median(abs(values - m))",
                lambda v, c, p: np.median(np.abs(v - np.median(v))), False),
}


def outlier_guard(v, c, p):
    m, s = np.median(v), np.std(v)
    return abs(abs(c - m) - 3 * s) / max(1.0, 3 * s)


# ---------------------------------------------------------------- cases

CASES = []


def add(name, x, fp, kernel, *, params=None, mode="reflect", cval=0.0,
        origin=None, axes=None, out="float64", exact=None, note="",
        guard=None):
    """kernel: a key of KL or a tuple (expression, fn, exact)."""
    if isinstance(kernel, str):
        kernel = KL[kernel]
    expr, fn, kexact = kernel
    fp = np.asarray(fp, dtype=bool)
    x = np.asarray(x)
    nfilt = x.ndim if axes is None else len(axes)
    assert fp.ndim == nfilt, name
    if origin is None:
        origin = [0] * nfilt
    elif isinstance(origin, int):
        origin = [origin] * nfilt
    origin = [int(o) for o in origin]
    assert len(origin) == nfilt, name
    outdt = x.dtype if out == "native" else np.dtype(out)
    if exact is None:
        exact = kexact
    if outdt.kind in "biu":
        exact = True
    CASES.append(dict(name=name, x=x, fp=fp, expr=expr, fn=fn,
                      params=params or {}, mode=mode, cval=float(cval),
                      origin=origin, axes=axes, outdt=outdt, exact=bool(exact),
                      note=note, guard=guard))


def build():
    # ---------------------------------------------------- modes x footprints
    FP2 = {
        "2x3": np.ones((2, 3), bool),
        "1x4": np.ones((1, 4), bool),
        "lshape3x2": fl([1, 0], [1, 0], [1, 1]),
        "mask4x3": fl([1, 0, 1], [0, 1, 1], [1, 1, 0], [0, 1, 0]),
    }
    x_modes = rf(9, 11)
    for m in MODES:
        for fname, fp in FP2.items():
            add(f"mode-{m}-{fname}-2d-f64", x_modes, fp, "wsum",
                params=weights(fp), mode=m, cval=0.0,
                note=f"boundary mode {m}, asymmetric footprint {fname}, "
                     "position-sensitive weighted sum")
    for m in ["constant", "grid-constant"]:
        for fname, fp in FP2.items():
            add(f"mode-{m}-{fname}-cval-neg1p5-2d-f64", x_modes, fp, "wsum",
                params=weights(fp), mode=m, cval=-1.5,
                note=f"{m} with cval -1.5, footprint {fname}")
        add(f"mode-{m}-2x3-cval-7-max-2d-f64", x_modes, FP2["2x3"], "max",
            mode=m, cval=7.0, note=f"{m} with cval 7 dominates max at the border")
        add(f"mode-{m}-mask4x3-cval-7-min-2d-f64", x_modes * 10, FP2["mask4x3"],
            "min", mode=m, cval=7.0, note=f"{m} with cval 7, min")

    # ---------------------------------------------------- origin edges
    x1 = rf(13)
    mode_cycle = ["reflect", "wrap", "constant", "mirror", "nearest",
                  "grid-wrap", "grid-constant", "grid-mirror"]
    i = 0
    for s in range(1, 7):
        lo, hi = -(s // 2), (s - 1) // 2
        for o in sorted({lo, hi}):
            m = mode_cycle[i % len(mode_cycle)]
            i += 1
            fp = np.ones(s, bool)
            tag = f"minus{-o}" if o < 0 else f"plus{o}"
            par = "even" if s % 2 == 0 else "odd"
            add(f"origin-{tag}-size{s}-{par}-1d-{m}", x1, fp, "wsum",
                params=weights(fp), mode=m, origin=[o], cval=2.5,
                note=f"1-D size {s}: origin {o} is an end of the allowed "
                     f"range [{lo}, {hi}], mode {m}")
    # center under extreme origins (center element is index s//2+origin)
    for s, o in [(4, -2), (4, 1), (5, -2), (5, 2), (2, -1), (2, 0)]:
        tag = f"minus{-o}" if o < 0 else f"plus{o}"
        add(f"origin-{tag}-size{s}-center-1d", x1, np.ones(s, bool),
            ("center - 2 * values[0] + values[-1]",
             lambda v, c, p: c - 2 * v[0] + v[-1], False),
            origin=[o], mode="constant", cval=-1.0,
            note=f"center = input at the output position; with origin {o} "
                 f"it is footprint element {s // 2 + o} of {s}")
    x2 = rf(10, 12)
    fp45 = np.ones((4, 5), bool)
    for (o0, o1), m in [((-2, -2), "reflect"), ((1, 2), "wrap"),
                        ((-2, 2), "constant"), ((1, -2), "mirror"),
                        ((1, 2), "nearest"), ((-2, -2), "grid-constant")]:
        add(f"origin-{otag(o0)}_{otag(o1)}-4x5-2d-{m}", x2, fp45, "wsum",
            params=weights(fp45), mode=m, origin=[o0, o1], cval=7.0,
            note=f"2-D 4x5 footprint at origin ({o0},{o1}), both range ends, mode {m}")
    fp_lc = fl([1, 1, 0], [0, 1, 1])  # 2x3
    for o in [(-1, -1), (0, 1), (-1, 1), (0, -1)]:
        pos = (1 + o[0], 1 + o[1])
        fp = fp_lc.copy()
        fp[pos] = True
        add(f"origin-{otag(o[0])}_{otag(o[1])}-2x3-center-2d", x2, fp,
            ("center * 10 - max(values)", lambda v, c, p: c * 10 - np.max(v), False),
            origin=list(o), mode="wrap",
            note=f"center with origin {o} on a 2x3 footprint: center is "
                 f"footprint element {pos}")
    x3 = rf(6, 7, 8)
    fp3 = np.ones((2, 3, 4), bool)
    fp3[1, 0, 3] = False
    for o, m in [((-1, 1, 1), "reflect"), ((0, -1, -2), "constant"),
                 ((0, 1, -2), "wrap")]:
        add("origin-" + "_".join(otag(v) for v in o) + f"-2x3x4-3d-{m}",
            x3, fp3, "wsum", params=weights(fp3), mode=m, origin=list(o),
            cval=-1.5, note=f"3-D origin {o} (range ends), mode {m}")
    x4 = rf(5, 5, 4, 4)
    fp4 = np.ones((2, 3, 2, 1), bool)
    add("origin-m1_1_0_0-2x3x2x1-4d-mirror", x4, fp4, "wsum",
        params=weights(fp4), mode="mirror", origin=[-1, 1, 0, 0],
        note="4-D origin at range ends")
    add("origin-0_m1_m1_0-2x3x2x1-4d-grid-wrap-center", x4, fp4,
        ("center + min(values)", lambda v, c, p: c + np.min(v), False),
        mode="grid-wrap", origin=[0, -1, -1, 0],
        note="4-D center under origin: center element index (1,0,0,0)")

    # ---------------------------------------------------- footprint > image
    x35 = rf(3, 5)
    fp77 = np.ones((7, 7), bool)
    fp77[0, 6] = fp77[6, 0] = fp77[2, 3] = False
    x_len2 = np.array([3.25, -1.5])
    x_1x6 = rf(1, 6)
    fp33 = fl([1, 1, 0], [1, 1, 1], [0, 1, 1])
    for m in MODES:
        cv = {"constant": -1.5, "grid-constant": 7.0}.get(m, 0.0)
        add(f"big-7x7-on-3x5-2d-{m}", x35, fp77, "wsum", params=weights(fp77),
            mode=m, cval=cv, origin=[1, -2] if m in ("wrap", "mirror") else None,
            note=f"7x7 footprint on a 3x5 image (multiple reflections/wraps), mode {m}")
        add(f"big-5-on-len2-1d-{m}", x_len2, np.ones(5, bool), "wsum",
            params=weights(np.ones(5)), mode=m, cval=cv,
            note=f"size-5 footprint on a length-2 array, mode {m}")
        add(f"len1-axis-1x6-3x3-2d-{m}", x_1x6, fp33, "wsum",
            params=weights(fp33), mode=m, cval=cv,
            note=f"axis of length 1 with a 3x3 footprint, mode {m}")
    for m in ["reflect", "mirror", "wrap", "constant"]:
        add(f"len1-1d-size4-{m}", np.array([2.5]), np.ones(4, bool), "wsum",
            params=weights(np.ones(4)), mode=m, cval=-1.0,
            note=f"length-1 1-D input, even footprint, mode {m}")
    add("len1-axis-4x1x3-3d-nearest", rf(4, 1, 3), np.ones((3, 3, 2), bool),
        "wsum", params=weights(np.ones(18)), mode="nearest",
        note="3-D with a length-1 middle axis")
    add("len1-axis-4x1x3-3d-mirror-median", rf(4, 1, 3), np.ones((3, 3, 3), bool),
        "median-odd", mode="mirror",
        note="3-D length-1 axis, mirror: 27 values, odd count")

    # ---------------------------------------------------- dimensions
    add("dim-1d-len100-median5", rf(100), np.ones(5, bool), "median-odd",
        note="1-D median of 5")
    add("dim-1d-len100-mean-even4", rf(100), np.ones(4, bool), "mean",
        mode="nearest", note="1-D mean, even size")
    cross = fl([0, 1, 0], [1, 1, 1], [0, 1, 0])
    add("dim-2d-40x40-mean3x3", rf(40, 40), np.ones((3, 3), bool), "mean",
        note="2-D 40x40 mean 3x3")
    add("dim-2d-40x40-median-cross", rf(40, 40), cross, "median-odd",
        mode="mirror", note="2-D median over a cross")
    ball = np.zeros((3, 3, 3), bool)
    ball[1, 1, :] = ball[1, :, 1] = ball[:, 1, 1] = True
    add("dim-3d-10x10x10-max-cross", rf(10, 10, 10), ball, "max",
        mode="wrap", note="3-D max over a 6-neighbour cross")
    add("dim-3d-8x9x10-std-2x2x3", rf(8, 9, 10), np.ones((2, 2, 3), bool), "std",
        mode="reflect", note="3-D std, even sizes")
    add("dim-4d-5x5x4x4-sum-2x2x2x2", rf(5, 5, 4, 4), np.ones((2, 2, 2, 2), bool),
        "sum", mode="constant", cval=1.0, note="4-D sum, even footprint")
    c4 = np.zeros((3, 3, 3, 3), bool)
    for ax in range(4):
        idx = [1, 1, 1, 1]
        idx[ax] = slice(None)
        c4[tuple(idx)] = True
    add("dim-4d-5x5x4x4-median-cross", rf(5, 5, 4, 4), c4, "median-odd",
        mode="nearest", note="4-D median over the 9-point cross")

    # ---------------------------------------------------- dtypes
    dt_inputs = {
        "bool": rng.random((9, 10)) < 0.4,
        "int8": ri(-100, 100, 9, 10, dtype=np.int8),
        "int16": ri(-3000, 3000, 9, 10, dtype=np.int16),
        "int32": ri(-10**6, 10**6, 9, 10, dtype=np.int32),
        "int64": ri(-10**12, 10**12, 9, 10, dtype=np.int64),
        "uint8": ri(0, 255, 9, 10, dtype=np.uint8),
        "uint16": ri(0, 65535, 9, 10, dtype=np.uint16),
        "uint32": ri(0, 4 * 10**9, 9, 10, dtype=np.uint32),
        "uint64": ri(0, 2**50, 9, 10, dtype=np.uint64),
        "float32": (rng.normal(0, 100, (9, 10))).astype(np.float32),
        "float64": rf(9, 10, scale=100),
    }
    fp_dt = fl([1, 1, 0], [1, 1, 1], [0, 1, 1])  # 7 elements, odd
    for dn, x in dt_inputs.items():
        add(f"dtype-{dn}-f64-mean", x, fp_dt, "mean", mode="reflect",
            note=f"{dn} input converted to float64 values, float64 output")
        add(f"dtype-{dn}-native-median", x, fp_dt, "median-odd", out="native",
            mode="nearest", note=f"{dn} input, native {dn} output (odd median stays in range)")
    add("dtype-uint8-native-max-constant-cval7", dt_inputs["uint8"], np.ones((2, 2), bool),
        "max", out="native", mode="constant", cval=7.0,
        note="uint8 max, cval 7 enters as a float64 value")
    add("dtype-uint8-f64-min-constant-cval-neg1p5", dt_inputs["uint8"], np.ones((3, 2), bool),
        "min", mode="constant", cval=-1.5,
        note="cval is NOT cast to the input dtype: a uint8 image sees -1.5 outside")
    add("dtype-int8-native-min", dt_inputs["int8"], np.ones((3, 3), bool), "min",
        out="native", mode="wrap", note="int8 negative values, native output")
    xi16 = ri(-20, 20, 9, 10, dtype=np.int16)
    add("dtype-int16-native-mean-truncation", xi16, np.ones((2, 3), bool), "mean",
        out="native", note="float->int16 output truncates toward zero (C cast): "
                           "-2.5 -> -2, 2.5 -> 2")
    add("dtype-int32-native-std-truncation", ri(-50, 50, 8, 9, dtype=np.int32),
        np.ones((3, 3), bool), "std", out="native", mode="mirror",
        note="int32 output of a non-integer result: truncated toward zero")
    add("dtype-uint8-native-median-even-trunc", dt_inputs["uint8"], np.ones((2, 2), bool),
        "median-even", out="native",
        note="median of 4 averages the middle two, then truncates into uint8")
    add("dtype-int64-native-max-large", dt_inputs["int64"], fp_dt, "max", out="native",
        mode="wrap", note="int64 values up to 1e12, exact in float64")
    add("dtype-uint64-native-min-large", dt_inputs["uint64"], fp_dt, "min", out="native",
        mode="mirror", note="uint64 values up to 2^50, exact in float64")
    add("dtype-uint32-native-count", dt_inputs["uint32"], np.ones((3, 3), bool),
        "count-gt", params={"c": 2e9}, out="native",
        note="count into uint32 output")
    add("dtype-float32-native-mean", dt_inputs["float32"], np.ones((3, 3), bool), "mean",
        out="native", note="float32 output: float64 result rounded to float32")
    add("dtype-float32-f64-sum", dt_inputs["float32"], fp_dt, "sum",
        note="float32 inputs are widened to float64 before arithmetic")
    xb = dt_inputs["bool"]
    add("dtype-bool-native-any-dilate", xb, cross, "any-boolarr", params={"c": 0.5},
        out="native", mode="constant", note="binary dilation with a cross, bool output")
    add("dtype-bool-native-all-erode", xb, np.ones((2, 2), bool), "all-boolarr",
        params={"c": 0.5}, out="native", mode="constant", cval=1.0,
        note="binary erosion, cval 1 outside, bool output")
    add("dtype-bool-uint8-count-boolarr", xb, np.ones((3, 3), bool),
        ("count(values > 0)", lambda v, c, p: np.count_nonzero(v > 0), True),
        out="uint8", mode="wrap", note="count of a bool array on bool input, uint8 output")
    add("dtype-bool-f64-sum", xb, np.ones((2, 3), bool), "sum",
        mode="nearest", note="bool values are 0/1")
    add("dtype-int16-uint8-compare", xi16, np.ones((1, 3), bool),
        ("center > mean(values)", lambda v, c, p: c > np.mean(v), True),
        out="uint8", note="bool kernel result into uint8 output (1/0)")
    add("dtype-float64-bool-compare", dt_inputs["float64"], fp_dt,
        ("center >= median(values)", lambda v, c, p: c >= np.median(v), True),
        out="bool", note="comparison result into bool output")

    # ---------------------------------------------------- NaN and inf
    xn = rf(10, 11, scale=3)
    flat = xn.ravel()
    pick = rng.choice(flat.size, 14, replace=False)
    flat[pick[:8]] = np.nan
    flat[pick[8:11]] = np.inf
    flat[pick[11:]] = -np.inf
    xn[6:9, 0:4] = np.nan  # an all-NaN patch bigger than the footprint
    xn_noinf = np.where(np.isinf(xn), 1.0, xn)
    fpn = np.ones((2, 2), bool)
    fpn3 = np.ones((3, 3), bool)
    for k in ["min", "max", "sum", "mean", "std", "var", "argmin", "argmax"]:
        add(f"nan-inf-{k}-f64", xn, fpn3 if k != "sum" else fpn, k,
            note=f"NaN propagates through {k} (argmin/argmax: index of the first NaN, "
                 "like numpy); inf handled by IEEE rules")
    add("nan-inf-median-odd-f64", xn, fp_dt, "median-odd",
        note="median with NaN is NaN; inf sorts last")
    add("nan-inf-median-even-f64", xn, fpn, "median-even",
        note="median of even count with NaN/inf, inf + -inf middle pair gives NaN")
    add("nan-inf-sort-k2-f64", xn, fpn3,
        ("sort(values)[2]", lambda v, c, p: np.sort(v)[2], True),
        note="sort puts NaN last")
    add("nan-inf-sort-last-f64", xn, fpn3,
        ("sort(values)[-1]", lambda v, c, p: np.sort(v)[-1], True),
        note="last sorted element is NaN whenever one is present")
    for k in ["nanmin", "nanmax", "nansum", "nanmean", "nanmedian", "nanstd"]:
        add(f"nan-{k}-f64", xn, fpn3, k,
            note=f"{k} ignores NaN; all-NaN windows give NaN (nansum gives 0)")
    add("nan-count-isnan", xn, fpn3,
        ("count(isnan(values))", lambda v, c, p: np.count_nonzero(np.isnan(v)), True),
        out="uint8", note="isnan elementwise + count of bool array")
    add("nan-mode-f64", np.where(np.isfinite(xn), np.round(xn / 3), xn),
        fpn3, "mode", note="mode with NaN: NaNs count as one value that sorts last")
    add("nan-max2-center-f64", xn, fpn,
        ("max(center, 0)", lambda v, c, p: np.maximum(c, 0.0), True),
        note="two-argument max is np.maximum: NaN propagates")
    add("nan-min3-f64", xn, np.ones((1, 3), bool),
        ("min(values[0], values[2], c)",
         lambda v, c, p: np.minimum(np.minimum(v[0], v[2]), p["c"]), True),
        params={"c": 0.5}, note="three-argument min with NaN")
    add("nan-compare-ternary-f64", xn, fpn3,
        ("center > mean(values) ? 1 : -1",
         lambda v, c, p: 1.0 if c > np.mean(v) else -1.0, True),
        note="comparisons with NaN are false")
    add("nan-count-pred-f64", xn, fpn3, "count-gt", params={"c": 0.0},
        note="NaN > c is false, inf counts")
    add("nan-percentile-f64", xn_noinf, fpn3,
        ("percentile(values, q)", lambda v, c, p: np.percentile(v, p["q"]), False),
        params={"q": 35.0}, note="percentile with NaN is NaN (inputs without inf)")
    xf32n = xn.astype(np.float32)
    add("nan-inf-float32-native-max", xf32n, fpn3, "max", out="native",
        note="float32 NaN/inf input, float32 output")
    add("nan-inf-float32-f64-nanmin", xf32n, fpn, "nanmin",
        note="float32 NaN input, nanmin")
    add("nan-inf-1d-sum-abs", np.array([1.0, np.inf, 2.0, -np.inf, np.nan, 3.0, 4.0, 5.0]),
        np.ones(3, bool), ("sum(abs(values))", lambda v, c, p: np.sum(np.abs(v)), False),
        mode="nearest", note="abs(-inf) = inf; NaN propagates")

    # ---------------------------------------------------- axes
    x3a = rf(6, 5, 7)
    fpa = fl([1, 1, 0], [0, 1, 1])
    add("axes-3d-0_2-wsum-reflect", x3a, fpa, "wsum", params=weights(fpa),
        axes=[0, 2], note="3-D filtered over axes [0, 2] only (2x3 footprint)")
    add("axes-3d-0_2-median-wrap-origin", x3a, np.ones((3, 3), bool), "median-odd",
        axes=[0, 2], origin=[1, -1], mode="wrap",
        note="axes [0, 2] with origin per filtered axis")
    add("axes-3d-1-max-nearest", x3a, np.ones(5, bool), "max", axes=[1],
        mode="nearest", note="3-D filtered over axis 1 only")
    x2a = rf(8, 9)
    add("axes-2d-1-wsum-constant-origin", x2a, np.ones(4, bool), "wsum",
        params=weights(np.ones(4)), axes=[1], origin=[-2], mode="constant",
        cval=7.0, note="2-D filtered over axis 1, even size, origin -2")
    add("axes-2d-0-center", x2a, np.ones(3, bool),
        ("center - mean(values)", lambda v, c, p: c - np.mean(v), False),
        axes=[0], origin=[1], mode="mirror",
        note="center with axes [0] and origin 1: center is element 2 of 3")
    x4a = rf(5, 5, 4, 4)
    add("axes-4d-0_3-wsum-mirror", x4a, np.ones((2, 3), bool), "wsum",
        params=weights(np.ones(6)), axes=[0, 3], mode="mirror",
        note="4-D filtered over axes [0, 3]")
    add("axes-4d-1_2_3-min-grid-wrap", x4a, ball, "min", axes=[1, 2, 3],
        mode="grid-wrap", note="4-D filtered over the last three axes")
    add("axes-3d-0_1-uint8-native-median", ri(0, 255, 5, 6, 4, dtype=np.uint8),
        np.ones((3, 3), bool), "median-odd", axes=[0, 1], out="native",
        mode="grid-mirror", note="axes with integer native output")

    # ---------------------------------------------------- function families
    x = rf(12, 13, scale=2)
    xpos = np.abs(rf(12, 13, scale=2)) + 0.1
    xi = ri(-9, 9, 12, 13).astype(np.float64)
    f33 = np.ones((3, 3), bool)
    f22 = np.ones((2, 2), bool)
    f16 = np.ones((1, 6), bool)

    # min/max/sum/mean
    add("fn-min-cross-f64", x, cross, "min", mode="mirror", note="min")
    add("fn-max-mask-f64", x, FP2["mask4x3"], "max", mode="wrap", note="max")
    add("fn-sum-3x3-f64", x, f33, "sum", mode="constant", cval=-1.5, note="sum")
    add("fn-mean-lshape-f64", x, FP2["lshape3x2"], "mean", note="mean")
    add("fn-mean-len-f64", x, f33,
        ("sum(values) / len(values)", lambda v, c, p: np.sum(v) / len(v), False),
        mode="nearest", note="len(values) is the footprint size")
    # median
    add("fn-median-odd-3x3", x, f33, "median-odd", note="median of 9")
    add("fn-median-even-2x2", x, f22, "median-even", mode="wrap", note="median of 4 (mean of middle two)")
    add("fn-median-even-1x6-int", xi, f16, "median-even", mode="nearest",
        note="median of 6 integers: half-integers")
    add("fn-median-odd-cross", xi, cross, "median-odd", mode="constant", cval=7.0,
        note="median of 5 with cval")
    # std/var
    add("fn-std-3x3", x, f33, "std", note="population std (ddof=0)")
    add("fn-var-1x4", x, np.ones((1, 4), bool), "var", mode="grid-mirror",
        note="population var")
    add("fn-std-let", x, FP2["2x3"],
        ("let m = mean(values); sqrt(mean((values - m) ** 2))",
         lambda v, c, p: np.sqrt(np.mean((v - np.mean(v)) ** 2)), False),
        note="let binding, std by hand")
    # percentile
    for q, fp, nm in [(25.0, f33, "q25-3x3"), (90.0, f22, "q90-2x2"),
                      (0.0, fp_dt, "q0"), (100.0, fp_dt, "q100"),
                      (50.0, f16, "q50-even")]:
        add(f"fn-percentile-{nm}", x, fp,
            ("percentile(values, q)", lambda v, c, p: np.percentile(v, p["q"]), False),
            params={"q": q}, mode="reflect", note=f"percentile linear method, q={q}")
    add("fn-percentile-literal-75", xi, fp_dt,
        ("percentile(values, 75)", lambda v, c, p: np.percentile(v, 75), False),
        mode="nearest", note="literal q")
    # prod
    xp = rng.uniform(0.5, 1.5, (10, 11))
    add("fn-prod-2x2", xp, f22, "prod", note="prod of small values")
    add("fn-prod-3x3-signs", rng.uniform(-1.3, 1.3, (10, 11)), f33, "prod",
        mode="wrap", note="prod with signs")
    add("fn-prod-filter-empty", xp, f22,
        ("prod(filter(values, # > 1.3))",
         lambda v, c, p: np.prod(v[v > 1.3]), False),
        note="prod of an empty filter is 1")
    # argmin/argmax
    add("fn-argmin-3x3-f64", x, f33, "argmin", note="argmin index in values order")
    add("fn-argmax-mask-ties", ri(0, 3, 10, 11).astype(np.float64), FP2["mask4x3"],
        "argmax", mode="nearest", note="argmax with ties: first occurrence")
    add("fn-argmin-int-native", ri(0, 4, 10, 11, dtype=np.uint8), f33, "argmin",
        out="native", mode="constant", cval=1.0, note="argmin into uint8 output, ties")
    # count / any / all
    add("fn-count-pred", x, f33, "count-gt", params={"c": 0.5}, note="count with predicate")
    add("fn-count-boolarr", x, FP2["mask4x3"], "count-boolarr", params={"c": -0.25},
        mode="wrap", note="count(bool array)")
    add("fn-count-pred-center", x, f33,
        ("count(values, # < center)", lambda v, c, p: np.count_nonzero(v < c), True),
        note="rank of center via predicate using center")
    add("fn-any-pred", x, f33, "any-gt", params={"c": 2.0}, note="any with predicate")
    add("fn-all-pred", x, f22, "all-gt", params={"c": -1.0}, note="all with predicate")
    add("fn-any-boolarr", x, FP2["lshape3x2"], "any-boolarr", params={"c": 1.5},
        note="any on a bool array")
    add("fn-all-boolarr-uint8", xi, f22, "all-boolarr", params={"c": -5.0}, out="uint8",
        note="all on a bool array, uint8 output")
    # mode
    labels = ri(0, 4, 14, 15, dtype=np.int32)
    labels[3:8, 4:10] = 2
    add("fn-mode-labels-int32-native", labels, f33, "mode", out="native",
        note="mode filter on a label image")
    add("fn-mode-labels-uint8-cross", labels.astype(np.uint8), cross, "mode",
        out="native", mode="wrap", note="mode over 5 values (ties -> smallest)")
    add("fn-mode-labels-ties-2x2", labels.astype(np.int16), f22, "mode",
        out="native", mode="constant", cval=9.0,
        note="mode of 4 values, frequent ties choose the smallest; cval 9 is a label")
    add("fn-mode-f64", np.round(x), f33, "mode", note="mode on rounded floats")
    # sort(values)[k]
    for k in [0, 2, -1, -2]:
        add(f"fn-sort-k{otag(k)}", x, f33,
            (f"sort(values)[{k}]", (lambda kk: lambda v, c, p: np.sort(v)[kk])(k), True),
            mode="mirror", note=f"rank filter sort(values)[{k}]")
    add("fn-sort-computed-index", x, FP2["mask4x3"],
        ("sort(values)[len(values) - 2]", lambda v, c, p: np.sort(v)[len(v) - 2], True),
        note="computed index")
    add("fn-sort-uint8-native", dt_inputs["uint8"], f22,
        ("sort(values)[1]", lambda v, c, p: np.sort(v)[1], True), out="native",
        note="rank filter, even size, uint8")
    # filter / map
    add("fn-filter-sum", x, f33,
        ("sum(filter(values, # > c))", lambda v, c, p: np.sum(v[v > p["c"]]), False),
        params={"c": 1.0}, note="sum of filter (empty -> 0)")
    add("fn-filter-mean-empty-nan", x, f22,
        ("mean(filter(values, # > c))", lambda v, c, p: _mean(v[v > p["c"]]), False),
        params={"c": 1.5}, note="mean of an empty filter is NaN")
    add("fn-filter-max-empty-nan", x, f22,
        ("max(filter(values, # >= c))", lambda v, c, p: _max(v[v >= p["c"]]), True),
        params={"c": 1.5}, note="max of an empty filter is NaN")
    add("fn-filter-len", x, f33,
        ("len(filter(values, # >= c))", lambda v, c, p: len(v[v >= p["c"]]), True),
        params={"c": 0.0}, note="length of a filter")
    add("fn-filter-median-center", x, f33,
        ("median(filter(values, abs(# - center) < c))",
         lambda v, c, p: _median(v[np.abs(v - c) < p["c"]]), False),
        params={"c": 1.0}, note="sigma-filter style: median of values near center")
    add("fn-map-sumsq", x, f33,
        ("sum(map(values, # * #))", lambda v, c, p: np.sum(v * v), False),
        note="map")
    add("fn-map-center", x, cross,
        ("max(map(values, abs(# - center)))", lambda v, c, p: np.max(np.abs(v - c)), True),
        note="map using center")
    add("fn-filter-map-chain", x, f33,
        ("sum(map(filter(values, # < 0), # * 2))",
         lambda v, c, p: np.sum(v[v < 0] * 2), False),
        note="map of a filter")
    # elementwise
    EL = [
        ("sqrt-abs", "sum(sqrt(abs(values)))", lambda v, c, p: np.sum(np.sqrt(np.abs(v))), x),
        ("sqrt-neg-nan", "sqrt(center)", lambda v, c, p: np.sqrt(c), x),
        ("exp", "mean(exp(-values * values))", lambda v, c, p: np.mean(np.exp(-v * v)), x),
        ("log", "sum(log(values))", lambda v, c, p: np.sum(np.log(v)), xpos),
        ("log2", "log2(max(values))", lambda v, c, p: np.log2(np.max(v)), xpos),
        ("log10", "log10(1 + center)", lambda v, c, p: np.log10(1 + c), xpos),
        ("log-neg", "log(center)", lambda v, c, p: np.log(c), x),
        ("sin-cos", "sum(sin(values)) + cos(center)",
         lambda v, c, p: np.sum(np.sin(v)) + np.cos(c), x),
        ("tan", "tan(mean(values))", lambda v, c, p: np.tan(np.mean(v)), x),
        ("floor-ceil", "floor(mean(values)) + ceil(center)",
         lambda v, c, p: np.floor(np.mean(v)) + np.ceil(c), x),
        ("sign", "sum(sign(values))", lambda v, c, p: np.sum(np.sign(v)), xi),
    ]
    for nm, ex, fn, inp in EL:
        add(f"fn-elem-{nm}", inp, f33, (ex, fn, False), mode="reflect",
            note=f"elementwise {nm}")
    add("fn-elem-round-half-even", xi, f33,
        ("sum(round(values / 2))", lambda v, c, p: np.sum(np.round(v / 2)), True),
        note="round is half-to-even on .5 ties (integer inputs / 2)")
    add("fn-elem-round-center", np.round(x * 4) / 4, f22,
        ("round(center * 2) / 2", lambda v, c, p: np.round(c * 2) / 2, True),
        note="round on quarter values: ties to even")
    add("fn-elem-clip", x, f33,
        ("clip(center, lo, hi) + sum(clip(values, lo, hi))",
         lambda v, c, p: np.clip(c, p["lo"], p["hi"]) + np.sum(np.clip(v, p["lo"], p["hi"])),
         False),
        params={"lo": -1.0, "hi": 0.75}, note="clip on a number and an array")
    add("fn-elem-maxarr-scalar", x, f33,
        ("sum(max(values, c))", lambda v, c, p: np.sum(np.maximum(v, p["c"])), False),
        params={"c": 0.0}, note="two-argument max broadcasts over an array (np.maximum)")
    add("fn-elem-min3", x, f33,
        ("min(values[0], values[4], values[8])",
         lambda v, c, p: np.minimum(np.minimum(v[0], v[4]), v[8]), True),
        note="three-argument min of numbers")
    add("fn-elem-isnan-bool-arith", xn, f22,
        ("sum(isnan(values)) + 10 * (center > 0)",
         lambda v, c, p: np.sum(np.isnan(v)) + 10 * (c > 0), True),
        note="bools count as 1/0 in arithmetic")
    # ternaries / logic / outlier
    spikes = rf(20, 21)
    sp = rng.choice(spikes.size, 25, replace=False)
    spikes.ravel()[sp] += rng.choice([-1, 1], 25) * rng.uniform(15, 30, 25)
    f55 = np.ones((5, 5), bool)
    add("fn-outlier-5x5", spikes, f55, "outlier", guard=outlier_guard,
        note="outlier removal ternary using center, median, std")
    add("fn-outlier-3x3x3-3d", rng.normal(0, 1, (8, 8, 8)) * (1 + 30 * (rng.random((8, 8, 8)) < 0.02)),
        np.ones((3, 3, 3), bool), "outlier", mode="nearest", guard=outlier_guard,
        note="outlier kernel in 3-D")
    add("fn-ternary-and", x, f33,
        ("center > c and center < d ? center : mean(values)",
         lambda v, c, p: c if (c > p["c"] and c < p["d"]) else np.mean(v), False),
        params={"c": -0.5, "d": 1.0}, note="and in a condition")
    add("fn-ternary-or-not", xi, f33,
        ("!(center > c) || center == max(values) ? 1 : 0",
         lambda v, c, p: 1.0 if ((not (c > p["c"])) or c == np.max(v)) else 0.0, True),
        params={"c": 2.0}, note="! and || operators")
    add("fn-logic-not-words", xi, cross,
        ("not (center < min(values[1], values[3])) or center >= c",
         lambda v, c, p: (not (c < min(v[1], v[3]))) or c >= p["c"], True),
        params={"c": 5.0}, note="word operators not/or, bool result")
    add("fn-bool-sum-fraction", x, f33,
        ("sum(values > c) / len(values)",
         lambda v, c, p: np.sum(v > p["c"]) / len(v), False),
        params={"c": 0.25}, note="bool array summed as 1/0")
    add("fn-localmax", xi, f33,
        ("center == max(values)", lambda v, c, p: c == np.max(v), True),
        out="bool", note="local maximum detection, bool output")
    # weighted sums, array literals, indexing, slices
    add("fn-wsum-3x3", x, f33, "wsum", params=weights(f33), note="sum(values * w)")
    add("fn-wsum-mask", x, FP2["mask4x3"], "wsum", params=weights(FP2["mask4x3"]),
        mode="grid-constant", cval=7.0, note="weights follow C order of true elements")
    add("fn-array-literal-laplace", x, cross,
        ("sum(values * [1, 1, -4, 1, 1])",
         lambda v, c, p: np.sum(v * np.array([1, 1, -4, 1, 1.0])), False),
        note="array literal weights (Laplacian)")
    add("fn-index-first-last", x, FP2["lshape3x2"],
        ("values[0] - 2 * values[-1]", lambda v, c, p: v[0] - 2 * v[-1], False),
        mode="wrap", note="indexing incl. negative index")
    add("fn-slice", x, f33,
        ("sum(values[1:4]) - max(values[-3:-1])",
         lambda v, c, p: np.sum(v[1:4]) - np.max(v[-3:-1]), False),
        note="slices with Python semantics (negative bounds)")
    # MAD
    add("fn-mad-param", x, f33, "mad-c", params={"c": 0.3}, note="median(abs(values - c))")
    add("fn-mad-let", x, f55, "mad-let", mode="mirror",
        note="median absolute deviation with let")
    add("fn-mad-even", xi, f22, "mad-c", params={"c": 1.0}, note="MAD on even count")
    # % and **
    add("fn-mod-center", xi + 0.5, f33,
        ("center % 3", lambda v, c, p: np.mod(c, 3.0), True),
        note="% is floored modulo: -7.5 % 3 = 1.5")
    add("fn-mod-sum", x, f33,
        ("sum(values % 2.5)", lambda v, c, p: np.sum(np.mod(v, 2.5)), False),
        note="% over an array")
    add("fn-mod-negdivisor", xi, f22,
        ("center % -4 + (center - mean(values)) % 1",
         lambda v, c, p: np.mod(c, -4.0) + np.mod(c - np.mean(v), 1.0), False),
        note="% with a negative divisor takes the divisor's sign")
    add("fn-pow-sumsq", x, f33,
        ("sum(values ** 2)", lambda v, c, p: np.sum(np.power(v, 2.0)), False),
        note="** elementwise")
    add("fn-pow-rms", x, f22,
        ("sqrt(mean(values ** 2))", lambda v, c, p: np.sqrt(np.mean(np.power(v, 2.0))), False),
        note="root mean square")
    add("fn-pow-frac", x, f33,
        ("mean(abs(values) ** 1.5) + 2 ** (center / 4)",
         lambda v, c, p: np.mean(np.power(np.abs(v), 1.5)) + np.power(2.0, c / 4), False),
        note="fractional powers")
    add("fn-pow-neg-base", xi, f22,
        ("center ** 3 + values[0] ** 0.5",
         lambda v, c, p: np.power(c, 3.0) + np.power(v[0], 0.5), False),
        note="negative base: integer exponent fine, fractional gives NaN")


# ---------------------------------------------------------------- engine


def full_geometry(c):
    fp, axes, x = c["fp"], c["axes"], c["x"]
    if axes is None:
        return fp, list(c["origin"])
    assert list(axes) == sorted(set(axes)), "axes must be sorted and unique"
    full = fp
    for ax in range(x.ndim):
        if ax not in axes:
            full = np.expand_dims(full, ax)
    origin = [c["origin"][axes.index(ax)] if ax in axes else 0 for ax in range(x.ndim)]
    return full, origin


def center_index(fp, origin):
    pos = tuple(s // 2 + o for s, o in zip(fp.shape, origin))
    if not fp[pos]:
        return None
    return int(np.count_nonzero(fp.ravel()[:np.ravel_multi_index(pos, fp.shape)]))


def params_np(params):
    return {k: (np.asarray(v, dtype=np.float64) if isinstance(v, list) else float(v))
            for k, v in params.items()}


def ext_index(j, n, mode):
    """Input index read at (possibly out-of-range) position j of an axis of
    length n, or None for the constant value cval.  These are the rules the
    Go engine implements; reference() checks them against scipy per case."""
    if mode == "nearest":
        return min(max(j, 0), n - 1)
    if mode in ("wrap", "grid-wrap"):
        return j % n
    if mode in ("reflect", "grid-mirror"):      # d c b a | a b c d | d c b a
        m = j % (2 * n)
        return m if m < n else 2 * n - 1 - m
    if mode == "mirror":                        # d c b | a b c d | c b a
        if n == 1:
            return 0
        m = j % (2 * n - 2)
        return m if m < n else 2 * n - 2 - m
    assert mode in ("constant", "grid-constant"), mode
    return j if 0 <= j < n else None


def reference(c, fpf, of, p):
    """Independent implementation: explicit extension + windows; center read
    from the input at the output position (not from scipy's buffer)."""
    x = c["x"].astype(np.float64)
    padded = x
    for ax, (s, o) in enumerate(zip(fpf.shape, of)):
        n = x.shape[ax]
        before = s // 2 + o
        if c["mode"] in ("reflect", "grid-mirror") and n > 1:
            # scipy 1.10 reads garbage memory when the extension before an
            # axis reaches 4n (two full reflection periods): keep cases below.
            assert before < 4 * n, f"{c['name']}: scipy reflect bug territory"
        idx = [ext_index(j, n, c["mode"]) for j in range(-before, n + s - 1 - before)]
        take = np.array([0 if i is None else i for i in idx])
        padded = np.take(padded, take, axis=ax)
        const = np.array([i is None for i in idx])
        if const.any():
            sl = [slice(None)] * x.ndim
            sl[ax] = const
            padded[tuple(sl)] = c["cval"]
    out = np.empty(x.shape)
    worst = np.inf
    for idx in np.ndindex(*x.shape):
        win = padded[tuple(slice(i, i + s) for i, s in zip(idx, fpf.shape))]
        vals = win[fpf]
        out[idx] = float(c["fn"](vals, x[idx], p))
        if c["guard"] is not None:
            worst = min(worst, c["guard"](vals, x[idx], p))
    return out, worst


def cast_like_scipy(a, dt):
    """scipy stores (type)double: C truncation for integers, rounding for float32."""
    if dt.kind == "f":
        return a.astype(dt)
    if dt.kind == "b":
        assert np.all((a == 0) | (a == 1)), "bool output must be 0/1"
        return a.astype(dt)
    info = np.iinfo(dt)
    assert np.all(np.isfinite(a)), "NaN/inf into integer output"
    t = np.trunc(a)
    assert t.min() >= info.min and t.max() <= info.max, "integer output out of range"
    return t.astype(dt)


def run(c):
    name = c["name"]
    fpf, of = full_geometry(c)
    p = params_np(c["params"])
    uses_center = "center" in c["expr"]
    k = center_index(fpf, of)
    if uses_center:
        assert k is not None, f"{name}: footprint element at the center position is False"
    for s, o in zip(fpf.shape, of):
        assert -(s // 2) <= o <= (s - 1) // 2, f"{name}: origin out of range"
    if "w" in p:
        assert p["w"].size == np.count_nonzero(fpf), f"{name}: w length"
    fn = c["fn"]

    def cb(buf):
        return float(fn(buf, buf[k] if k is not None else None, p))

    kw = dict(footprint=fpf, mode=c["mode"], cval=c["cval"], origin=of)
    x = c["x"]
    want64 = ndi.generic_filter(x, cb, output=np.float64, **kw)
    ref, worst = reference(c, fpf, of, p)
    if not np.array_equal(want64, ref, equal_nan=True):
        bad = np.argwhere(~((want64 == ref) | (np.isnan(want64) & np.isnan(ref))))
        raise SystemExit(f"{name}: scipy and the numpy reference disagree at {bad[:5].tolist()}: "
                         f"{want64[tuple(bad[0])]} vs {ref[tuple(bad[0])]}")
    if c["guard"] is not None and worst < 1e-6:
        raise SystemExit(f"{name}: a decision is within {worst} of a tie")
    dt = c["outdt"]
    if dt == np.float64:
        want = want64
    else:
        want = ndi.generic_filter(x, cb, output=dt, **kw)
        exp = cast_like_scipy(want64, dt)
        if not np.array_equal(want, exp, equal_nan=(dt.kind == "f")):
            raise SystemExit(f"{name}: scipy's {dt} output is not the C cast of float64")
    d = os.path.join(OUT, name)
    os.makedirs(d)
    np.save(os.path.join(d, "input.npy"), x)
    np.save(os.path.join(d, "footprint.npy"), c["fp"])
    np.save(os.path.join(d, "want.npy"), want)
    meta = {
        "kernel": c["expr"],
        "params": c["params"],
        "mode": c["mode"],
        "cval": c["cval"],
        "origin": c["origin"],
        "axes": c["axes"],
        "dtype": dt.name,
        "exact": c["exact"],
        "note": c["note"],
    }
    with open(os.path.join(d, "case.json"), "w") as f:
        json.dump(meta, f, indent=1, allow_nan=False)
        f.write("\n")
    return want


def main():
    build()
    names = [c["name"] for c in CASES]
    dup = {n for n in names if names.count(n) > 1}
    assert not dup, f"duplicate case names: {sorted(dup)}"
    for c in CASES:
        assert c["x"].size <= 2000, f"{c['name']}: input too large"
    if os.path.isdir(OUT):
        shutil.rmtree(OUT)
    os.makedirs(OUT)
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for c in CASES:
            run(c)
    total = 0
    for root, _, files in os.walk(OUT):
        total += sum(os.path.getsize(os.path.join(root, f)) for f in files)
    print(f"numpy {np.__version__}, scipy {scipy.__version__}: "
          f"{len(CASES)} cases, {total} bytes in {OUT}", file=sys.stderr)


if __name__ == "__main__":
    main()
