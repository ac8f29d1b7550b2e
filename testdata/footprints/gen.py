#!/usr/bin/python3
"""Writes the named footprints as skimage and scipy draw them, for
filter/footprint_test.go. Run by hand (never by CI) from the repository root:

    /usr/bin/python3 testdata/footprints/gen.py

Needs Debian's python3-skimage and python3-scipy.
"""
import os
import numpy as np
from scipy import ndimage
from skimage import morphology

here = os.path.dirname(os.path.abspath(__file__))
for r in range(0, 7):
    np.save(os.path.join(here, f"disk-{r}.npy"), morphology.disk(r).astype(bool))
for r in range(0, 6):
    np.save(os.path.join(here, f"diamond-{r}.npy"), morphology.diamond(r).astype(bool))
for r in range(0, 4):
    np.save(os.path.join(here, f"ball-{r}.npy"), morphology.ball(r).astype(bool))
for rank in range(1, 5):
    np.save(os.path.join(here, f"cross-{rank}.npy"), ndimage.generate_binary_structure(rank, 1))
