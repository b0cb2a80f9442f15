#!/usr/bin/env python3
"""Fits io.parkgate.lpr.Calibration: isotonic regression of "read exactly" on the raw score.

Input: per-image TSVs written by `evaluate --calibration none` (columns file, plate, read, colour,
confidence, ms, exact, ...). Only images where a plate was read count. Prints the knots as Java
arrays for Calibration.SHIPPED, and the fit's reliability on its own data.

    python3 gate-agent/lpr/train/fit_calibration.py target/fit-syn8.tsv [more.tsv ...]
"""
import sys

import numpy as np

KNOTS = [0.0, 0.3, 0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.93, 0.96, 0.98, 0.99, 1.0]


def read(paths):
    xs, ys = [], []
    for path in paths:
        with open(path, encoding="utf-8") as f:
            header = f.readline().rstrip("\n").split("\t")
            ci, ei, ri = header.index("confidence"), header.index("exact"), header.index("read")
            for line in f:
                row = line.rstrip("\n").split("\t")
                if len(row) > ei and row[ri]:
                    xs.append(float(row[ci]))
                    ys.append(1.0 if row[ei] == "true" else 0.0)
    return np.array(xs), np.array(ys)


def isotonic(x, y):
    """Pool-adjacent-violators: non-decreasing fit of y on x; returns block means at block centres."""
    order = np.argsort(x, kind="stable")
    x, y = x[order], y[order]
    blocks = []  # [sum_y, count, sum_x]
    for xi, yi in zip(x, y):
        blocks.append([yi, 1, xi])
        while len(blocks) > 1 and blocks[-2][0] / blocks[-2][1] > blocks[-1][0] / blocks[-1][1]:
            s, n, sx = blocks.pop()
            blocks[-1][0] += s
            blocks[-1][1] += n
            blocks[-1][2] += sx
    centres = np.array([b[2] / b[1] for b in blocks])
    means = np.array([b[0] / b[1] for b in blocks])
    return centres, means, [b[1] for b in blocks]


def main():
    x, y = read(sys.argv[1:])
    print(f"{len(x)} readings, {int(y.sum())} exact ({100 * y.mean():.1f}%)")
    centres, means, counts = isotonic(x, y)
    lo = 0
    for i in range(1, len(means) + 1):
        if i == len(means) or means[i] != means[lo]:
            print(f"  raw {centres[lo]:.3f}-{centres[i - 1]:.3f}: {sum(counts[lo:i])} readings, {100 * means[lo]:.1f}% exact")
            lo = i
    # Below the lowest block the line falls to 0 at raw 0; above the highest it stays.
    xs = np.concatenate([[0.0], centres, [1.0]])
    ms = np.concatenate([[0.0], means, [means[-1]]])
    values = np.maximum.accumulate(np.interp(KNOTS, xs, ms))
    values = np.round(values, 3)
    print("raw        =", "{" + ", ".join(f"{k:g}" for k in KNOTS) + "}")
    print("calibrated =", "{" + ", ".join(f"{v:g}" for v in values) + "}")
    fitted = np.interp(x, KNOTS, values)
    bins = np.minimum((fitted * 10).astype(int), 9)
    for b in range(10):
        sel = bins == b
        if sel.any():
            print(f"  calibrated {b / 10:.1f}-{(b + 1) / 10:.1f}: {sel.sum()} readings, {100 * y[sel].mean():.1f}% exact")


if __name__ == "__main__":
    main()
