#!/usr/bin/python3
"""Writes the TIFF test fixtures of github.com/kfilter/kfilter/filter/tiff.

Run by hand from any directory with Debian's python3-tifffile (2023.2.3,
without imagecodecs) and libtiff-tools (tiffcp):

    /usr/bin/python3 testdata/tiff/make.py          # write the fixtures
    /usr/bin/python3 testdata/tiff/make.py check    # check go_*.tif only

Each NAME.tif has beside it NAME.npy, the array tifffile reads from it
(filter/tiff/fixtures_test.go decodes each NAME.tif and compares it bit
for bit with NAME.npy). Where tifffile cannot write a variant without
imagecodecs (LZW, PackBits, the floating-point predictor), tiffcp
converts a file tifffile wrote, and the expected array is the source's;
the script checks that tiffcp's uncompressed copy of the fixture reads
back as that array, so the expected arrays never come from our decoder.
Files named bad_*.tif are valid TIFFs this package refuses; they have no
.npy. The go_*.tif files are written by the Go test
(go test ./filter/tiff -run TestWriterFixtures -update) with the arrays
it wrote as go_*.npy; "check" reads them with tifffile and fails unless
every one gives its .npy exactly.
"""

import os
import subprocess
import sys
import tempfile

import numpy as np
import tifffile

HERE = os.path.dirname(os.path.abspath(__file__))
TMP = tempfile.mkdtemp()


def path(name):
    return os.path.join(HERE, name)


def data(dtype, shape, seed):
    """Values over the dtype's whole range, with smooth runs."""
    rng = np.random.default_rng(seed)
    dt = np.dtype(dtype)
    n = int(np.prod(shape))
    if dt.kind == "f":
        a = rng.standard_normal(n).astype(dt) * dt.type(1000)
        a[::5] = np.arange(0, n, 5) * 0.25
        if n > 8:
            a[3] = np.nan
            a[4] = np.inf
            a[6] = -0.0
    else:
        info = np.iinfo(dt)
        a = rng.integers(info.min, info.max, size=n, dtype=dt, endpoint=True)
        a[::3] = (np.arange(0, n, 3) % 100).astype(dt)
    return a.reshape(shape)


def native(a):
    a = np.asarray(a)
    return np.ascontiguousarray(a.astype(a.dtype.newbyteorder("=")))


def save(name, expected):
    np.save(path(name + ".npy"), native(expected))


def same(a, b):
    a, b = native(a), native(b)
    return a.shape == b.shape and a.dtype == b.dtype and a.tobytes() == b.tobytes()


def tw(name, arr, **kw):
    """tifffile writes NAME.tif; NAME.npy is what tifffile reads back."""
    tifffile.imwrite(path(name + ".tif"), arr, **kw)
    save(name, tifffile.imread(path(name + ".tif")))


def tiffcp(name, arr, args, **kw):
    """tifffile writes arr uncompressed, tiffcp converts it with args."""
    src = os.path.join(TMP, name + "_src.tif")
    tifffile.imwrite(src, arr, **kw)
    want = tifffile.imread(src)
    subprocess.run(["tiffcp", *args, src, path(name + ".tif")], check=True)
    back = os.path.join(TMP, name + "_back.tif")
    subprocess.run(["tiffcp", "-c", "none", path(name + ".tif"), back], check=True)
    got = tifffile.imread(back)
    if "separate" in args:
        want = np.moveaxis(want, -1, -3)  # tifffile gives (S, H, W)
    assert same(want, got), name
    save(name, want)


def fixtures():
    H, W = 24, 20
    # every dtype, both byte orders, uncompressed strips
    for i, dt in enumerate(["uint8", "uint16", "uint32", "uint64", "int8", "int16", "int32", "int64", "float32", "float64"]):
        tw(f"{dt}_le", data(dt, (H, W), i), byteorder="<", rowsperstrip=5)
        if dt in ("uint16", "int32", "float32", "float64", "uint64"):
            tw(f"{dt}_be", data(dt, (H, W), i + 100), byteorder=">", rowsperstrip=7)
    # colour
    tw("rgb_u8", data("uint8", (H, W, 3), 20), photometric="rgb")
    tw("rgba_u16_be", data("uint16", (H, W, 4), 21), photometric="rgb", extrasamples=["unassalpha"], byteorder=">")
    tw("grey_alpha_f32", data("float32", (H, W, 2), 22), photometric="minisblack", extrasamples=["unassalpha"], planarconfig="contig")
    # separate planes: (S, H, W), as tifffile gives them
    tw("planar_rgb_u16", data("uint16", (3, H, W), 23), photometric="rgb", planarconfig="separate", rowsperstrip=10)
    tw("planar_tiles_f32", data("float32", (2, 40, 37), 25), photometric="minisblack", planarconfig="separate", tile=(16, 16), compression="zlib", metadata=None)
    # MinIsWhite: tifffile gives the stored values, this package inverts
    mw = data("uint16", (H, W), 24)
    tifffile.imwrite(path("miniswhite_u16.tif"), mw, photometric="miniswhite")
    assert same(tifffile.imread(path("miniswhite_u16.tif")), mw)
    save("miniswhite_u16", np.iinfo(np.uint16).max - mw)
    # deflate, Adobe code and predictor; tiles with partial edges
    tw("zlib_pred_u16", data("uint16", (H, W), 30), compression="zlib", predictor=True, rowsperstrip=6)
    tw("zlib_i32_be", data("int32", (H, W), 31), compression="zlib", byteorder=">")
    tw("tiles_zlib_f32", data("float32", (40, 37), 32), compression="zlib", tile=(16, 16))
    tw("tiles_pred_i16_be", data("int16", (40, 37), 33), compression="zlib", predictor=True, tile=(16, 32), byteorder=">")
    tw("tiles_rgb_u8", data("uint8", (33, 35, 3), 34), photometric="rgb", tile=(16, 16))
    # stacks
    tw("stack_u16", data("uint16", (7, H, W), 40))  # with tifffile's shape description
    tw("stack_generic_f32", data("float32", (5, H, W), 41), metadata=None)
    tw("shaped_4d_i8", data("int8", (2, 3, 9, 11), 42))
    tw("stack_rgb_u8", data("uint8", (4, 9, 11, 3), 43), photometric="rgb")
    tw("bigtiff_f64", data("float64", (3, 9, 11), 44), bigtiff=True)
    tw("bigtiff_be_zlib_u32", data("uint32", (2, 9, 11), 45), bigtiff=True, byteorder=">", compression="zlib")
    # ImageJ hyperstacks: TZCYX, with tifffile's shape (axes of 1 removed)
    tw("imagej_tzc_u16", data("uint16", (2, 3, 2, 9, 11), 50), imagej=True, metadata={"axes": "TZCYX"})
    tw("imagej_z_f32", data("float32", (6, 9, 11), 51), imagej=True, metadata={"axes": "ZYX"})
    tw("imagej_truncated_u8", data("uint8", (5, 9, 11), 52), imagej=True, truncate=True, metadata={"axes": "ZYX"})
    tw("imagej_rgb_u8", data("uint8", (3, 9, 11, 3), 53), imagej=True, photometric="rgb", metadata={"axes": "ZYXS"})
    # tifffile's truncated shaped file: one IFD, seven pages of data
    tw("shaped_truncated_u16", data("uint16", (7, 9, 11), 54), truncate=True)

    # what tifffile cannot write without imagecodecs: tiffcp converts
    tiffcp("lzw_u8", data("uint8", (H, W), 60), ["-c", "lzw", "-r", "5"])
    tiffcp("lzw_pred_u16_be", data("uint16", (H, W), 61), ["-c", "lzw:2", "-B", "-r", "5"])
    tiffcp("lzw_pred_rgb_u8", data("uint8", (H, W, 3), 62), ["-c", "lzw:2"], photometric="rgb")
    tiffcp("lzw_fpred_f32", data("float32", (H, W), 63), ["-c", "lzw:3", "-r", "6"])
    tiffcp("zip_fpred_f64", data("float64", (H, W), 64), ["-c", "zip:3"])
    tiffcp("zip_fpred_rgb_f32", data("float32", (H, W, 3), 65), ["-c", "zip:3"], photometric="rgb")
    tiffcp("tiles_zip_fpred_f32", data("float32", (40, 37), 66), ["-c", "zip:3", "-t", "-w", "16", "-l", "16"])
    tiffcp("packbits_i8", data("int8", (H, W), 67), ["-c", "packbits", "-r", "4"])
    tiffcp("packbits_u16_be", data("uint16", (H, W), 68), ["-c", "packbits", "-B"])
    tiffcp("tiles_lzw_u16", data("uint16", (40, 37), 69), ["-c", "lzw:2", "-t", "-w", "16", "-l", "32"])
    tiffcp("planar_lzw_rgb_u8", data("uint8", (H, W, 3), 70), ["-c", "lzw", "-p", "separate"], photometric="rgb", metadata=None)
    tiffcp("bigtiff_lzw_u16", data("uint16", (H, W), 71), ["-c", "lzw", "-8"])
    tiffcp("stack_lzw_i16", data("int16", (3, H, W), 72), ["-c", "lzw:2"], metadata=None)

    # reduced-resolution pages (thumbnails, overviews) are left out
    a = data("uint8", (2, 9, 11), 81)
    tifffile.imwrite(path("reduced_u8.tif"), a[0], metadata=None)
    tifffile.imwrite(path("reduced_u8.tif"), a[1], append=True, metadata=None)
    tifffile.imwrite(path("reduced_u8.tif"), a[0, ::2, ::2].copy(), subfiletype=1, append=True, metadata=None)
    save("reduced_u8", tifffile.imread(path("reduced_u8.tif")))

    # a reduced page this package cannot decode (JPEG) is left out too
    a = data("uint8", (9, 11), 82)
    tifffile.imwrite(path("reduced_jpeg_u8.tif"), a, metadata=None)
    tifffile.imwrite(path("reduced_jpeg_u8.tif"), a[::2, ::2].copy(), subfiletype=1, append=True, metadata=None, compression="zlib")
    with tifffile.TiffFile(path("reduced_jpeg_u8.tif"), mode="r+b") as t:
        t.pages[1].tags["Compression"].overwrite(7)
    save("reduced_jpeg_u8", tifffile.imread(path("reduced_jpeg_u8.tif")))

    # Deflate under the old code 32946, which tiffcp cannot write: patch
    # the Compression value of an Adobe-deflate file.
    a = data("uint16", (H, W), 80)
    tifffile.imwrite(path("deflate_old_u16.tif"), a, compression="zlib")
    with tifffile.TiffFile(path("deflate_old_u16.tif"), mode="r+b") as t:
        t.pages[0].tags["Compression"].overwrite(32946)
    assert same(tifffile.imread(path("deflate_old_u16.tif")), a)
    save("deflate_old_u16", a)

    # valid files this package refuses
    src = os.path.join(TMP, "rgb.tif")
    tifffile.imwrite(src, data("uint8", (16, 16, 3), 90), photometric="rgb")
    subprocess.run(["tiffcp", "-c", "jpeg", src, path("bad_jpeg.tif")], check=True)
    tifffile.imwrite(path("bad_float16.tif"), np.arange(12, dtype=np.float16).reshape(3, 4))
    tifffile.imwrite(path("bad_bilevel.tif"), np.eye(8, dtype=bool))
    tifffile.imwrite(path("bad_palette.tif"), np.arange(16, dtype=np.uint8).reshape(4, 4), photometric="palette", colormap=np.zeros((3, 256), np.uint16))
    rgb = data("uint8", (9, 11, 3), 83)
    tifffile.imwrite(path("bad_planar_mix.tif"), rgb, photometric="rgb", metadata=None)
    tifffile.imwrite(path("bad_planar_mix.tif"), np.moveaxis(rgb, -1, 0).copy(), photometric="rgb", planarconfig="separate", append=True, metadata=None)
    tifffile.imwrite(path("bad_shapes.tif"), np.zeros((4, 4), np.uint8))
    tifffile.imwrite(path("bad_shapes.tif"), np.zeros((4, 5), np.uint8), append=True, metadata=None)


def check():
    """tifffile reads each go_*.tif as its go_*.npy."""
    names = sorted(f[:-4] for f in os.listdir(HERE) if f.startswith("go_") and f.endswith(".tif"))
    if not names:
        sys.exit("no go_*.tif: run go test ./filter/tiff -run TestWriterFixtures -update")
    for name in names:
        how = "tifffile reads"
        try:
            got = tifffile.imread(path(name + ".tif"))
        except ValueError as e:
            if "imagecodecs" not in str(e):
                raise
            # the floating-point predictor: libtiff decodes it
            back = os.path.join(TMP, name + ".tif")
            subprocess.run(["tiffcp", "-c", "none", path(name + ".tif"), back], check=True)
            got = tifffile.imread(back)
            how = "tiffcp -c none, then tifffile, reads"
        want = np.load(path(name + ".npy"))
        if not same(got, want):
            sys.exit(f"{name}.tif: {how} {got.dtype} {got.shape}, want {want.dtype} {want.shape}")
        print(f"{name}.tif: {how} {got.dtype} {got.shape}, as written")


if __name__ == "__main__":
    if sys.argv[1:] != ["check"]:
        fixtures()
    check()
