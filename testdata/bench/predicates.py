#!/usr/bin/python3
"""Kernels with map, filter and ternaries over arrays against scipy.ndimage.generic_filter + numba.

Issue 14 asks that kernels no fast path knows, those with map, ternaries over arrays and filter
among them, never fall below numba. These rows time the lane program on four such kernels (5x5,
1024x1024 float64, mode reflect) as frontier.py does its general rows: the anchor's median of 3
runs after one warm-up, kfilter's `bench` median on every core (numba's callback has no threads).

    go build -o /tmp/kfilter ./cmd/kfilter && /usr/bin/python3 testdata/bench/predicates.py /tmp/kfilter

Needs Debian's python3-scipy and python3-numba. Not a test: CI has no Python.
"""
import json, subprocess, sys, time
import numpy as np
from scipy import ndimage as ndi
from scipy import LowLevelCallable
from numba import cfunc, carray
from numba.types import intc, intp, float64, voidptr, CPointer
SIG = intc(CPointer(float64), intp, CPointer(float64), voidptr)

@cfunc(SIG)
def nb_count(vp, n, res, data):      # count(values, # > center)
    v = carray(vp, (n,), dtype=float64); c = v[n // 2]; k = 0
    for x in v:
        if x > c: k += 1
    res[0] = k; return 1

@cfunc(SIG)
def nb_filtermean(vp, n, res, data):  # mean(filter(values, # >= 0.5)), 0 when empty -> nan in numpy
    v = carray(vp, (n,), dtype=float64); s = 0.0; k = 0
    for x in v:
        if x >= 0.5: s += x; k += 1
    res[0] = s / k if k else np.nan; return 1

@cfunc(SIG)
def nb_mapsq(vp, n, res, data):      # sum(map(values, # * #))
    v = carray(vp, (n,), dtype=float64); s = 0.0
    for x in v: s += x * x
    res[0] = s; return 1

@cfunc(SIG)
def nb_clip(vp, n, res, data):       # sum(map(values, # > center ? center : #))
    v = carray(vp, (n,), dtype=float64); c = v[n // 2]; s = 0.0
    for x in v: s += c if x > c else x
    res[0] = s; return 1

ROWS = [("count-gt-center", "count(values, # > center)", nb_count),
        ("mean-filter", "mean(filter(values, # >= 0.5))", nb_filtermean),
        ("sum-map-sq", "sum(map(values, # * #))", nb_mapsq),
        ("ternary-clip", "sum(map(values, # > center ? center : #))", nb_clip)]
kf = sys.argv[1]
a = np.random.default_rng(0).random((1024, 1024))
for name, k, fn in ROWS:
    f = lambda: ndi.generic_filter(a, LowLevelCallable(fn.ctypes), size=5)
    f(); ts = []
    for _ in range(3):
        t = time.perf_counter(); f(); ts.append(time.perf_counter() - t)
    ms = 1e3 * float(np.median(ts))
    p = subprocess.run([kf, "bench", "-e", k, "--size", "5x5", "--shape", "1024x1024", "--repeat", "5", "--json"], capture_output=True, text=True)
    r = json.loads(p.stdout)
    print("%-16s numba %8.1f ms  kfilter %7.2f ms  %6.1fx  %s" % (name, ms, r["ms"], ms / r["ms"], r["path"][:70]))
