#!/usr/bin/python3
"""Generate testdata/numpy/floordiv.json: numpy's floor_divide and mod on float64.

Run by hand, never by CI. From the repository root, with Debian's python3 and
its numpy (1.24):

    /usr/bin/python3 testdata/numpy/floordiv.py

It rewrites testdata/numpy/floordiv.json (deterministic: fixed seed). Each case
is [a, b, np.floor_divide(a, b), np.mod(a, b)], every number a string that Go's
strconv.ParseFloat reads exactly (float.hex form, "nan", "inf", "-inf"). The
pairs are every combination of a grid of special values (signed zeros, the
smallest subnormal, halves, huge values, infinities, NaN), then random pairs,
near-multiples (where the quotient is snapped to an integer) and wide ranges.
lang's TestFloorDivNumpy checks lang.FloorDiv and lang.Mod bit for bit.
"""

import json
import math
import os
import warnings

import numpy as np

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "floordiv.json")

inf = float("inf")
nan = float("nan")
GRID = [0.0, -0.0, 1.0, -1.0, 5.0, -5.0, 3.0, -3.0, 0.5, -0.5, 7.25, -7.25, 0.1, -0.1,
        1e300, -1e300, 1.7976931348623157e308, 5e-324, -5e-324, 2.2250738585072014e-308,
        9007199254740993.0, 4503599627370497.5, inf, -inf, nan]


def F(x):
    x = float(x)
    if math.isnan(x):
        return "nan"
    if math.isinf(x):
        return "inf" if x > 0 else "-inf"
    return x.hex()


def main():
    rng = np.random.default_rng(2024)
    pairs = [(a, b) for a in GRID for b in GRID]
    for _ in range(200):
        pairs.append(tuple(rng.normal(size=2) * rng.choice([1.0, 10.0, 1e6])))
    for _ in range(200):  # near-multiples: a / b within a few ulps of an integer
        b = float(rng.normal()) * 10 ** int(rng.integers(-3, 4))
        k = float(rng.integers(-1000, 1000))
        a = np.nextafter(k * b, inf * float(rng.choice([-1, 1])))
        pairs.append((float(a), b))
        pairs.append((k * b, b))
    for _ in range(100):  # 0.1 steps, as in 1.0 // 0.1 == 9
        pairs.append((float(rng.integers(-50, 50)) / 10, float(rng.choice([0.1, -0.1, 0.2, 0.3]))))
    for _ in range(100):  # wide exponents, both signs
        a = float(rng.normal()) * 10.0 ** float(rng.integers(-300, 300))
        b = float(rng.normal()) * 10.0 ** float(rng.integers(-300, 300))
        pairs.append((a, b))
    cases = []
    with np.errstate(all="ignore"):
        for a, b in pairs:
            a, b = np.float64(a), np.float64(b)
            cases.append([F(a), F(b), F(np.floor_divide(a, b)), F(np.mod(a, b))])
    with open(OUT, "w") as f:
        f.write('{"numpy": "%s", "cases": [\n' % np.__version__)
        f.write(",\n".join(json.dumps(c) for c in cases))
        f.write("\n]}\n")
    print("wrote %d cases to %s" % (len(cases), OUT))


if __name__ == "__main__":
    warnings.simplefilter("ignore")
    main()
