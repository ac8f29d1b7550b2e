#!/usr/bin/python3
"""Expected outputs for the README's table "From scipy.ndimage to kfilter".

Run by hand, never by CI. From the repository root:

    /usr/bin/python3 testdata/scipy/table/make.py

It needs numpy, scipy, scikit-image and Pillow (written against Debian's
numpy 1.24, scipy 1.10.1, scikit-image 0.19.3). It reads README.md, takes the
scipy call (the first code span of the left column) of every row of the
table and evaluates that very text with scipy, with

    a     the input array
    w     the weights in w.npy (3x3, not symmetric, so that correlate and
          convolve differ; multiples of 1/16, so that sums of uint8 inputs
          are exact in any order)
    disk  skimage.morphology.disk(3)

and everything in scipy.ndimage and numpy (as np) in scope. It writes, in
this directory:

    crop.png, f64.npy   2-D inputs: a 64x96 crop of camera.png saved as an
                        8-bit grey PNG (the CLI reads it as uint8; the
                        array scipy saw is also in crop-u8.npy), and a
                        float64 array with fractions, ties and negative
                        values (no zeros, so that the order of -0 and 0
                        cannot matter)
    vol-u8.npy,         3-D inputs (4x24x32) for rows whose kfilter command
    vol-f64.npy         has --axes
    w.npy               the weights
    row<N>-<input>.npy  scipy's output for row N on that input
    (It also checks the model of scipy's uniform_filter that the test's
    tolerance for that row is derived from; see check_uniform_model.)
    manifest.json       per row: the scipy text, the kfilter command (for
                        reading only; the Go test takes it from README.md)
                        and its inputs and expected outputs
    ranks.json          the rank scipy's percentile_filter and median_filter
                        pick for every footprint size 1..RANK_MAX and a set
                        of percentiles, measured by running them

scipy 1.10 has no axes argument for generic_filter (1.15 added it): a row
with axes=[k] is evaluated with size 1 on the other axes, the same filter.

The Go test cmd/kfilter/readme_test.go parses the same table, requires a
fixture for every row, runs each row's command line and compares.
"""

import json
import os
import re
import sys

import numpy as np
import scipy
import scipy.ndimage as ndi
import skimage.morphology
from PIL import Image

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
RANK_MAX = 130
PERCENTILES = [0, 1, 10, 25, 33.3, 50, 66.6, 75, 90, 95, 99, 99.9, 100]


def table_rows(readme):
    """The (scipy, kfilter) code spans of the table's rows, in order."""
    text = open(readme).read()
    sec = text.index("## From scipy.ndimage to kfilter")
    rows = []
    for line in text[sec:].splitlines()[1:]:
        if line.startswith("## "):
            break
        if not line.startswith("| `"):
            continue
        cells = split_row(line)
        spans = [re.findall(r"`([^`]*)`", c) for c in cells]
        rows.append((spans[0][0], spans[1][0]))
    return rows


def split_row(line):
    """Split a table row on | outside code spans."""
    cells, cur, code = [], "", False
    for ch in line.strip()[1:-1]:
        if ch == "`":
            code = not code
        if ch == "|" and not code:
            cells.append(cur.strip())
            cur = ""
            continue
        cur += ch
    cells.append(cur.strip())
    return cells


def inputs():
    cam = np.asarray(Image.open(os.path.join(ROOT, "testdata/images/camera.png")))
    assert cam.dtype == np.uint8 and cam.ndim == 2
    crop = np.ascontiguousarray(cam[300:364, 180:276])
    Image.fromarray(crop, mode="L").save(os.path.join(HERE, "crop.png"))
    back = np.asarray(Image.open(os.path.join(HERE, "crop.png")))
    assert back.dtype == np.uint8 and np.array_equal(back, crop)
    np.save(os.path.join(HERE, "crop-u8.npy"), crop)

    rng = np.random.default_rng(20261126)
    f = cam[100:164, 300:396].astype(np.float64) / 3 - 40
    f += rng.normal(0, 0.7, f.shape)
    # ties: a third of the pixels rounded to whole numbers
    q = rng.random(f.shape) < 1 / 3
    f[q] = np.round(f[q])
    f[f == 0] = 0.5
    assert np.isfinite(f).all() and not (f == 0).any()

    vol_u8 = np.ascontiguousarray(np.stack([cam[40 * i:40 * i + 24, 200:232] for i in range(4)]))
    vol_f64 = vol_u8.astype(np.float64) / 7 - 15 + rng.normal(0, 0.3, vol_u8.shape)
    vol_f64[vol_f64 == 0] = 0.5
    return {"crop.png": crop, "f64.npy": f}, {"vol-u8.npy": vol_u8, "vol-f64.npy": vol_f64}


def scipy_call(text, a, w):
    m = re.search(r",\s*axes=\[(\d+)\]", text)
    if m:
        # scipy 1.10: no axes; size 1 on the other axes is the same filter.
        ax = int(m.group(1))
        size = re.search(r"size=(\d+)", text)
        shape = [1] * a.ndim
        shape[ax] = int(size.group(1))
        text = text.replace(m.group(0), "").replace(size.group(0), "size=%r" % (tuple(shape),))
    ns = dict(vars(ndi))
    ns.update(np=np, a=a, w=w, disk=skimage.morphology.disk(3))
    return eval(text, ns), text


def check_uniform_model():
    """readme_test.go bounds uniform_filter's rounding from its algorithm:
    axis 0 then axis 1, each line by a running sum S += new - old written as
    S / size. Check that model against scipy bit for bit."""
    rng = np.random.default_rng(7)
    a = rng.normal(0, 50, (9, 40))
    size, cval = 5, 1.0

    def line(x):
        ext = np.concatenate([np.full(size // 2, cval), x, np.full(size - size // 2 - 1, cval)])
        out, s = np.empty_like(x), 0.0
        for k in range(size):
            s += ext[k]
        out[0] = s / size
        for i in range(1, len(x)):
            s += ext[i + size - 1] - ext[i - 1]
            out[i] = s / size
        return out

    model = np.apply_along_axis(line, 1, np.apply_along_axis(line, 0, a))
    got = ndi.uniform_filter(a, size=size, output=np.float64, mode="constant", cval=cval)
    assert np.array_equal(model, got), "uniform_filter is not the running-sum model"


def ranks():
    """scipy's rank for each size n, read from its output at the centre of
    arange(n) filtered with a window of n (the window is the array)."""
    out = {"max": RANK_MAX, "percentile": {}, "median": []}
    for n in range(1, RANK_MAX + 1):
        a = np.arange(n, dtype=np.float64)
        out["median"].append(int(ndi.median_filter(a, size=n)[n // 2]))
    for q in PERCENTILES:
        out["percentile"][repr(q)] = [
            int(ndi.percentile_filter(np.arange(n, dtype=np.float64), q, size=n)[n // 2])
            for n in range(1, RANK_MAX + 1)]
    return out


def main():
    print("numpy", np.__version__, "scipy", scipy.__version__, file=sys.stderr)
    for f in os.listdir(HERE):
        if f.endswith(".npy") or f.endswith(".json"):
            os.remove(os.path.join(HERE, f))
    check_uniform_model()
    two, three = inputs()
    w = np.array([[1, 2, 0], [3, 4, 1], [0, 2, 3]], dtype=np.float64) / 16
    np.save(os.path.join(HERE, "w.npy"), w)
    for name, arr in list(two.items()) + list(three.items()):
        if name.endswith(".npy"):
            np.save(os.path.join(HERE, name), arr)

    manifest = []
    for i, (sc, kf) in enumerate(table_rows(os.path.join(ROOT, "README.md")), 1):
        ins = three if "--axes" in kf else two
        cases = []
        for name, arr in ins.items():
            want, ran = scipy_call(sc, arr, w)
            assert want.shape == arr.shape
            out = "row%02d-%s.npy" % (i, name.split(".")[0])
            np.save(os.path.join(HERE, out), want)
            cases.append({"input": name, "want": out, "dtype": str(want.dtype)})
        manifest.append({"scipy": sc, "ran": ran, "kfilter": kf, "cases": cases})
        print("row %d: %s -> %s" % (i, ran, [c["dtype"] for c in cases]), file=sys.stderr)
    with open(os.path.join(HERE, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=1)
        f.write("\n")
    with open(os.path.join(HERE, "ranks.json"), "w") as f:
        json.dump(ranks(), f)
        f.write("\n")


if __name__ == "__main__":
    main()
