#!/usr/bin/env bash
# Makes the README's gallery: four kernels on camera.png. Run from the
# repository root: bash testdata/gallery/make.sh
set -euo pipefail
kf() { go run ./cmd/kfilter "$@"; }
in=testdata/images/camera.png
out=testdata/gallery
kf -e 'min(values)' --footprint disk:3 "$in" "$out/erosion.png"
kf -e 'let m = median(values); clip(4 * median(abs(values - m)), 0, 255)' --footprint disk:3 "$in" "$out/mad.png"
kf -e 'count(values, # < center) * 255 / (len(values) - 1)' --footprint disk:7 "$in" "$out/rank.png"
kf -e 'percentile(values, 90) - percentile(values, 10)' --footprint disk:4 "$in" "$out/range.png"
