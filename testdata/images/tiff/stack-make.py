"""Writes the 7-page uint16 stack of kfilter's 3-D TIFF test and scipy's answer.

Run from this directory with Debian's python3 (numpy, scipy, tifffile):
    /usr/bin/python3 stack-make.py
stack7.tif holds 7 uint16 pages of 64x80 (written by tifffile as plain pages,
no shape metadata: the reader must stack them itself); stack7-median.npy is
scipy.ndimage.median_filter(mode='reflect', size=(3, 3, 3)) over the array
tifffile reads from stack7.tif, which the test compares with
`kfilter --size 3x3x3 -e 'median(values)' stack7.tif out.tif` exactly.
CI needs no Python: the outputs are committed.
"""
import numpy as np
import tifffile
from scipy import ndimage

rng = np.random.default_rng(12)
P, H, W = 7, 64, 80
z, y, x = np.mgrid[0:P, 0:H, 0:W]
# a smooth ramp with speckle, over the whole uint16 range
stack = (x * 500 + y * 300 + z * 2000) % 60000 + rng.integers(0, 5000, (P, H, W))
stack = stack.astype(np.uint16)
for k in range(P):  # pages appended one by one: 7 IFDs, no shape description
    tifffile.imwrite("stack7.tif", stack[k], append=k > 0, photometric="minisblack", metadata=None)

back = tifffile.imread("stack7.tif")
assert back.shape == (P, H, W) and back.dtype == np.uint16 and (back == stack).all()
np.save("stack7-median.npy", ndimage.median_filter(back, size=(3, 3, 3), mode="reflect"))
