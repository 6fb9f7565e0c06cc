"""Optional compiled kernel (numba, ``pip install "jregion[fast]"``) for :func:`to_mesh`.

The numpy path of :func:`jregion.mesh._grid.grid_units` and :func:`~jregion.mesh._grid.encode`
makes about 25 passes over the points (the range check, the exact edge test, the digit
tables); this kernel does the same arithmetic in one pass per point and copies the code's
digits from the same tables. It applies the identical rule, with the same IEEE operations:
``r = trunc(lat * 960)``, then, when ``lat * 960`` is within 1e-6 of an integer (else the
test cannot change ``r``), ``r + 1`` if ``lat >= (r + 1) / 960`` or ``r - 1`` if
``lat < r / 960``, and likewise for longitude with ``(64000 + c) / 640``;
tests/test_mesh_codes.py checks that both paths give the same codes, edges included.

Used for ``COMPILED_MIN_POINTS`` points or more, because loading the cached kernel (or
compiling it the first time) costs about a second.
"""

from __future__ import annotations

import functools
from typing import Any

__all__ = ["COMPILED_MIN_POINTS", "to_mesh_kernel"]

#: Away from an edge by more than this (in cells), ``trunc(lat * 960)`` is exact: the product
#: is off by under 1e-11 cells (an ulp of 46 * 960) and each float edge by under 1e-12.
_EPS = 1e-6

#: Smallest number of points for which :func:`jregion.to_mesh` uses the kernel.
COMPILED_MIN_POINTS = 1_000_000


def _codes(  # pragma: no cover - compiled
    lat: Any, lon: Any, bounds: Any, lat_digits: Any, lon_digits: Any, quad: Any, out: Any
) -> int:
    """Write the digits of each point's code into ``out``; the first bad point, or -1.

    ``lat_digits[r >> 3] | lon_digits[c >> 3]`` are the first 8 bytes of the 1 km code and
    ``quad[(r & 7) << 3 | (c & 7)]`` the quadrant digits (:func:`jregion.mesh._grid.digit_tables`).
    """
    nd = out.shape[1]
    head = min(nd, 8)
    lo_lat, hi_lat, lo_lon, hi_lon = bounds[0], bounds[1], bounds[2], bounds[3]
    for i in range(lat.size):
        y = lat[i]
        x = lon[i]
        if not (y >= lo_lat and y < hi_lat and x >= lo_lon and x < hi_lon):
            return i
        t = y * 960.0
        r = int(t)
        if not _EPS < t - r < 1.0 - _EPS:  # near an edge: the exact test (else it holds)
            if y >= (r + 1) / 960.0:
                r += 1
            elif y < r / 960.0:
                r -= 1
        t = (x - 100.0) * 640.0
        c = int(t)
        if not _EPS < t - c < 1.0 - _EPS:
            if x >= (c + 64001) / 640.0:
                c += 1
            elif x < (c + 64000) / 640.0:
                c -= 1
        a = lat_digits[r >> 3]
        b = lon_digits[c >> 3]
        for j in range(head):
            out[i, j] = a[j] | b[j]
        if nd > 8:
            q = ((r & 7) << 3) | (c & 7)
            for j in range(nd - 8):
                out[i, 8 + j] = quad[q, j]
    return -1


@functools.cache
def to_mesh_kernel() -> Any | None:
    """Return the compiled kernel, or None without numba."""
    from jregion._numba import jit

    kernels = jit(_codes)
    return None if kernels is None else kernels[0]
