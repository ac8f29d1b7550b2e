"""Writes the TIFF, PNG and PPM fixtures of kfilter's channel and page tests.

Run from this directory with Debian's python3 (numpy, tifffile, PIL):
    /usr/bin/python3 make.py
Each TIFF NAME.tif comes with NAME.npy, the array it holds (HxW, HxWxC or,
for the stack, PxHxW), which the tests compare with kfilter's reading of it;
rgb.png and rgb.ppm hold rgb.npy, rgba-opaque.png rgba-opaque.npy, and
la.png (grey and alpha) la.npy. CI needs no Python:
the outputs are committed.
"""
import numpy as np
import tifffile
from PIL import Image

H, W = 24, 32
y, x = np.mgrid[0:H, 0:W]


def plane(k, dtype=np.uint8):
    v = (x * (7 + 2 * k) + y * (13 + 3 * k) + 40 * k) % 256
    if dtype == np.uint16:
        v = v * 257 + k
    return v.astype(dtype)


def save(name, a):
    np.save(name + ".npy", a)


grey = plane(0)
rgb = np.dstack([plane(k) for k in range(3)])
rgba = np.dstack([rgb, (255 - (x * 5) % 256).astype(np.uint8)])
rgba_opaque = np.dstack([rgb, np.full((H, W), 255, np.uint8)])
grey16 = plane(0, np.uint16)
rgb16 = np.dstack([plane(k, np.uint16) for k in range(3)])
stack = np.stack([plane(k) for k in range(10)])

tifffile.imwrite("stack.tif", stack)  # 10 pages of HxW grey
save("stack", stack)
tifffile.imwrite("rgb.tif", rgb, photometric="rgb")
save("rgb", rgb)
tifffile.imwrite("rgba.tif", rgba, photometric="rgb", extrasamples=["unassalpha"])
save("rgba", rgba)
tifffile.imwrite("rgba-opaque.tif", rgba_opaque, photometric="rgb", extrasamples=["unassalpha"])
save("rgba-opaque", rgba_opaque)
tifffile.imwrite("grey16.tif", grey16, photometric="minisblack")
save("grey16", grey16)
tifffile.imwrite("rgb16.tif", rgb16, photometric="rgb")
save("rgb16", rgb16)

Image.fromarray(rgb, "RGB").save("rgb.png")
Image.fromarray(rgba_opaque, "RGBA").save("rgba-opaque.png")
Image.fromarray(rgb, "RGB").save("rgb.ppm")
la = np.dstack([grey, np.full((H, W), 255, np.uint8)])  # grey and opaque alpha
Image.fromarray(la, "LA").save("la.png")
save("la", la)
