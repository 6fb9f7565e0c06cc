"""Kernel weights with a fixed bandwidth, from scipy's cKDTree and numpy.

The rule is libpysal 4.14's ``Graph.build_kernel(points, kernel=..., bandwidth=h)`` (default
``taper=True``, ``decay=False``), read from its source and checked against it in
tests/test_weights_kernel.py:

- every ordered pair of distinct units ``i != j`` at Euclidean distance ``d <= h`` gets the
  weight ``K(d / h)``; pairs beyond ``h`` get none, and a unit is never its own neighbour (two
  units at the same point are neighbours, at ``K(0)``). ``d`` is computed as ``cKDTree.query``
  computes distances (:func:`pairs_within`), and ``kind="distance_band"`` links the same
  pairs; at a tie with ``h`` libpysal decides on scikit-learn's rounding of ``d`` and may
  differ there by one ulp;
- a pair whose weight is exactly 0 is dropped: at ``d == h`` for ``"triangular"``,
  ``"parabolic"`` and ``"bisquare"`` (``K(1) = 0``) and ``"boxcar"`` (1 only for ``d < h``).
  ``"gaussian"`` and ``"exponential"`` keep it, and so does ``"cosine"``, whose
  ``(pi / 4) cos(pi / 2)`` is 4.8e-17 in floating point rather than 0;
- a unit with no neighbour within ``h`` is an isolate.

libpysal builds the dense ``n x n`` distance matrix (through scikit-learn when installed);
here only the pairs within the bandwidth are found, so memory grows with the number of links.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np
import numpy.typing as npt

from jregion.weights._csr import CSRWeights

__all__ = ["KERNELS", "kernel_weights", "pairs_within"]

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]


def _triangular(z: FloatArray) -> FloatArray:
    return 1.0 - z


def _parabolic(z: FloatArray) -> FloatArray:
    return 0.75 * (1.0 - z**2)


_GAUSSIAN_SCALE = 1.0 / math.sqrt(2.0 * math.pi)


def _gaussian(z: FloatArray) -> FloatArray:
    return _GAUSSIAN_SCALE * np.exp(-0.5 * z**2)


def _bisquare(z: FloatArray) -> FloatArray:
    return (15.0 / 16.0) * (1.0 - z**2) ** 2


def _cosine(z: FloatArray) -> FloatArray:
    return (np.pi / 4.0) * np.cos(np.pi / 2.0 * z)


def _boxcar(z: FloatArray) -> FloatArray:
    return (z < 1.0).astype(np.float64)


def _exponential(z: FloatArray) -> FloatArray:
    return np.exp(-z)


#: Kernel functions of z = d / bandwidth, for 0 <= z <= 1 (pairs beyond the bandwidth are
#: never evaluated). Keys are build_weights' ``KernelName`` values.
KERNELS: dict[str, Callable[[FloatArray], FloatArray]] = {
    "gaussian": _gaussian,
    "triangular": _triangular,
    "parabolic": _parabolic,
    "bisquare": _bisquare,
    "cosine": _cosine,
    "boxcar": _boxcar,
    "exponential": _exponential,
}


def pairs_within(xy: FloatArray, radius: float) -> tuple[IntArray, IntArray, FloatArray]:
    """Pairs ``i < j`` of points ``xy`` (n x 2) at distance ``d <= radius``, and their ``d``.

    ``d`` is ``sqrt(dx**2 + dy**2)``, computed as ``cKDTree.query`` computes a nearest
    neighbour's distance, so a radius equal to the largest nearest-neighbour distance from
    ``cKDTree.query`` leaves no point without a neighbour (cKDTree's own ``query_pairs``
    compares squared sums with ``radius**2`` and can miss such a pair by one ulp).
    """
    from scipy.spatial import cKDTree

    pairs = cKDTree(xy).query_pairs(radius * (1.0 + 1e-9), output_type="ndarray")
    a, b = pairs[:, 0].astype(np.int64), pairs[:, 1].astype(np.int64)
    diff = xy[a] - xy[b]
    d = np.sqrt(diff[:, 0] * diff[:, 0] + diff[:, 1] * diff[:, 1])
    within = d <= radius
    return a[within], b[within], d[within]


def kernel_weights(xy: FloatArray, kernel: str, bandwidth: float) -> CSRWeights:
    """Weights ``K(d / bandwidth)`` between the points ``xy`` (n x 2) within ``bandwidth``."""
    a, b, d = pairs_within(xy, bandwidth)  # the pairs of kind="distance_band" too
    w = KERNELS[kernel](d / bandwidth)
    keep = w != 0.0
    a, b, w = a[keep], b[keep], w[keep]
    return CSRWeights.from_coo(np.r_[a, b], np.r_[b, a], np.r_[w, w], n=len(xy))
