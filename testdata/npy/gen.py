#!/usr/bin/python3
"""Writes the .npy test fixtures for github.com/kfilter/kfilter/filter/npy.

Run by hand from this directory with Debian's numpy:

    /usr/bin/python3 gen.py

The Go test (filter/npy/fixtures_test.go) recomputes the expected contents,
so any change here must be mirrored there.
"""

import os

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))


def save(name, arr, version=None):
    path = os.path.join(HERE, name)
    with open(path, "wb") as f:
        if version is None:
            np.save(f, arr)
        else:
            np.lib.format.write_array(f, arr, version=version)


def values(dtype, n):
    """Element i of the C-ordered fixtures for each dtype."""
    i = np.arange(n)
    kind = np.dtype(dtype).name
    if kind == "bool":
        return i % 3 == 1
    mult = {
        "int8": 40,
        "int16": 10000,
        "int32": 700000000,
        "int64": 3000000000000000000,
        "uint8": 50,
        "uint16": 13000,
        "uint32": 850000000,
        "uint64": 3600000000000000000,
    }
    if kind in mult:
        off = 3 if kind.startswith("int") else 0
        return np.array([(int(k) - off) * mult[kind] for k in i], dtype=dtype)
    if kind == "float32":
        return ((i - 3) * 0.75 + 0.125).astype(dtype)
    if kind == "float64":
        return ((i - 3) / 7).astype(dtype)
    raise ValueError(kind)


DTYPES = ["bool", "int8", "int16", "int32", "int64", "uint8", "uint16",
          "uint32", "uint64", "float32", "float64"]


def main():
    # Every dtype in both byte orders, shape (2, 3), C order.
    for name in DTYPES:
        for order, tag in (("<", "le"), (">", "be")):
            dt = np.dtype(name).newbyteorder(order)
            arr = values(name, 6).astype(dt).reshape(2, 3)
            save("%s_%s.npy" % (name, tag), arr)

    # Fortran order: element values are arange in C order.
    save("fortran_2d_f8.npy",
         np.asfortranarray(np.arange(12, dtype="<f8").reshape(3, 4)))
    save("fortran_3d_i4_be.npy",
         np.asfortranarray(np.arange(24, dtype=">i4").reshape(2, 3, 4)))
    save("fortran_3d_u2.npy",
         np.asfortranarray(np.arange(60, dtype="<u2").reshape(3, 4, 5)))

    # Format versions 2.0 and 3.0.
    save("v2_f4.npy", np.arange(10, dtype="<f4").reshape(2, 5), version=(2, 0))
    save("v3_i8_be.npy", np.arange(6, dtype=">i8"), version=(3, 0))

    # Scalars, zero-size arrays, high rank, special float values.
    save("scalar_f8.npy", np.array(42.5))
    save("scalar_bool.npy", np.array(True))
    save("empty_f8.npy", np.zeros((0,), dtype="<f8"))
    save("empty_3d_i2_be.npy", np.zeros((2, 0, 3), dtype=">i2"))
    save("rank5_u1.npy", np.arange(6, dtype="u1").reshape(1, 2, 1, 3, 1))
    special = [np.nan, np.inf, -np.inf, -0.0, 5e-324, 1.7976931348623157e308]
    save("special_f8_be.npy", np.array(special, dtype=">f8"))
    save("special_f4.npy", np.array(special[:4] + [1e-45, 3.4028235e38],
                                      dtype="<f4"))


if __name__ == "__main__":
    main()
