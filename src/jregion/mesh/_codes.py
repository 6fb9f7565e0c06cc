"""Mesh codes from points, levels, parents, children, bounds and centres (JIS X 0410)."""

from __future__ import annotations

from typing import Any, overload

import numpy as np
import numpy.typing as npt
import pandas as pd

from jregion._numba import loading
from jregion.errors import MeshCodeError
from jregion.mesh import _compiled
from jregion.mesh._compiled import COMPILED_MIN_POINTS
from jregion.mesh._grid import (
    LEVEL_DIGITS,
    POINT_RANGE,
    SCALE,
    MeshLevel,
    digit_tables,
    encode,
    encode_units,
    from_digit_bytes,
    grid_units,
    level_number,
    parse_codes,
    raise_bad_point,
    str_index,
)

__all__ = [
    "mesh_bounds", "mesh_centres", "mesh_children", "mesh_level", "mesh_parent", "to_mesh",
]


def _like_input(codes: pd.Index, template: Any) -> Any:
    """Codes shaped like the input: str for a scalar, a Series aligned to a Series, else Index."""
    if isinstance(template, pd.Series):
        return pd.Series(codes.array, index=template.index, name="mesh_code")
    if np.ndim(template) == 0 and not isinstance(template, pd.Index):
        return str(codes[0])
    return codes


@overload
def to_mesh(
    lat: float, lon: float, level: MeshLevel = 3, *, compiled: bool = True
) -> str: ...
@overload
def to_mesh(
    lat: pd.Series, lon: Any, level: MeshLevel = 3, *, compiled: bool = True
) -> pd.Series: ...
@overload
def to_mesh(lat: Any, lon: Any, level: MeshLevel = 3, *, compiled: bool = True) -> Any: ...
def to_mesh(lat: Any, lon: Any, level: MeshLevel = 3, *, compiled: bool = True) -> Any:
    """Give the mesh code (JIS X 0410) of the cell that holds each point.

    A point exactly on a cell's edge belongs to the cell to its north and east, as the
    standard divides the plane (each cell holds its south and west edges, not its north
    and east ones). "Exactly" means the float nearest to the edge's true value: the edge
    latitude 35.675 (30" steps: 4281/120) typed as ``35.675`` is on the edge, although
    ``35.675 * 120`` is 4280.999... in binary (see :func:`jregion.mesh._grid.grid_units`).

    Parameters
    ----------
    lat, lon : float, array-like or pandas.Series
        Latitude and longitude in degrees (JGD2011 or WGS 84; the codes are defined on
        JGD2011 coordinates, which differ from WGS 84 by well under a metre). Same length.
    level : {1, 2, 3, 4, 5, 6, "80km", "10km", "1km", "500m", "250m", "125m"}, default 3
        The level: 80 km (4 digits), 10 km (6), 1 km (8), 500 m (9), 250 m (10), 125 m (11).
    compiled : bool, default True
        For a million points or more, use the compiled kernel when numba is installed
        (``pip install "jregion[fast]"``): same codes, one pass instead of about 25.

    Returns
    -------
    str, pandas.Index or pandas.Series
        One code for scalar input; a Series named ``mesh_code`` aligned to ``lat`` (or
        ``lon``) when either is a Series; otherwise an Index of str named ``mesh_code``.

    Raises
    ------
    MeshCodeError
        For a missing coordinate, a point outside Japan's range (latitude 20-46 N,
        longitude 122-154 E), an unknown level, or inputs of different lengths.

    Examples
    --------
    >>> import jregion
    >>> jregion.to_mesh(35.6812, 139.7671)  # Tokyo Station
    '53394611'
    >>> list(jregion.to_mesh([35.6812, 26.2124], [139.7671, 127.6792], level="500m"))
    ['533946113', '392725541']
    >>> jregion.to_mesh(35.675, 139.7625)  # the south-west corner of 53394611
    '53394611'
    """
    lv = level_number(level)
    y = np.asarray(lat, dtype=np.float64).ravel()
    x = np.asarray(lon, dtype=np.float64).ravel()
    if y.shape != x.shape:
        raise MeshCodeError(f"lat and lon differ in length ({y.size} and {x.size})")
    template = lat if isinstance(lat, pd.Series) or not isinstance(lon, pd.Series) else lon
    if isinstance(lat, pd.Series) and isinstance(lon, pd.Series) and not lat.index.equals(
        lon.index
    ):
        raise MeshCodeError("lat and lon are Series with different indexes; align them first")
    return _like_input(_point_codes(y, x, lv, compiled=compiled), template)


def _point_codes(
    y: npt.NDArray[np.float64], x: npt.NDArray[np.float64], level: int, *, compiled: bool
) -> pd.Index:
    """Codes of points at ``level``, by the compiled kernel for many points if available."""
    kernel = _compiled.to_mesh_kernel() if compiled and y.size >= COMPILED_MIN_POINTS else None
    if kernel is None:
        rows, cols = grid_units(y, x)
        return encode_units(rows, cols, level)
    lat_words, lon_words, quad = digit_tables()
    out = np.empty((y.size, LEVEL_DIGITS[level]), dtype=np.uint8)
    with loading(kernel):  # the first call in a process loads it: collector paused
        bad = kernel(
            np.ascontiguousarray(y),
            np.ascontiguousarray(x),
            np.array(POINT_RANGE),
            lat_words.view(np.uint8).reshape(-1, 8),
            lon_words.view(np.uint8).reshape(-1, 8),
            quad,
            out,
        )
    if bad >= 0:
        raise_bad_point(y, x, int(bad))
    return from_digit_bytes(out)


def mesh_level(codes: Any) -> int:
    """Check every mesh code and return their level (1-6).

    Parameters
    ----------
    codes : str, int, array-like, pandas.Index or pandas.Series
        Codes of one level (4, 6, 8, 9, 10 or 11 digits).

    Returns
    -------
    int
        1 (80 km), 2 (10 km), 3 (1 km), 4 (500 m), 5 (250 m) or 6 (125 m).

    Raises
    ------
    MeshCodeError
        Naming the first bad code and the rule it breaks: a wrong length, a character that
        is not a digit, a 1st-level code outside Japan's range (first two digits 30-68, last
        two 22-53), a 2nd-level digit above 7, a quadrant digit (500 m and finer) outside
        1-4; or codes of mixed levels, or a missing code.

    Examples
    --------
    >>> import jregion
    >>> jregion.mesh_level(["533946113", "392725674"])
    4
    >>> jregion.mesh_level("53394811")
    Traceback (most recent call last):
    ...
    jregion.errors.MeshCodeError: invalid mesh code '53394811' (position 0): has the ...
    """
    return parse_codes(codes)[1]


def mesh_parent(codes: Any, level: MeshLevel) -> Any:
    """Give the code of the cell at a coarser ``level`` that holds each cell.

    Parameters
    ----------
    codes : str, int, array-like, pandas.Index or pandas.Series
        Codes of one level.
    level : {1, ..., 6, "80km", ..., "125m"}
        The parent level, no finer than the codes' level (the same level returns the codes).

    Returns
    -------
    str, pandas.Index or pandas.Series
        Shaped like the input (a Series stays aligned to its index).

    Examples
    --------
    >>> import jregion
    >>> jregion.mesh_parent("533946113", "1km"), jregion.mesh_parent("533946113", 1)
    ('53394611', '5339')
    """
    import pyarrow.compute as pc

    arr, own, _, _ = parse_codes(codes)
    lv = level_number(level)
    if lv > own:
        raise MeshCodeError(
            f"the parent level {lv} is finer than the codes' level {own}; use mesh_children "
            "for finer cells"
        )
    cut = pc.utf8_slice_codeunits(arr, 0, LEVEL_DIGITS[lv])
    index = str_index(cut)
    return _like_input(index, codes)


def mesh_children(code: str | int, level: MeshLevel | None = None) -> pd.Index:
    """List the codes of the cells at a finer ``level`` inside one cell, in code order.

    Parameters
    ----------
    code : str or int
        One mesh code.
    level : {1, ..., 6, "80km", ..., "125m"}, optional
        The children's level, finer than the code's; default the next level (a 1st-level
        cell has 64 2nd-level children, a 2nd-level one 100, finer ones 4).

    Returns
    -------
    pandas.Index
        Codes of str, named ``mesh_code``, sorted.

    Examples
    --------
    >>> import jregion
    >>> list(jregion.mesh_children("53394611"))
    ['533946111', '533946112', '533946113', '533946114']
    >>> len(jregion.mesh_children("5339", "1km"))
    6400
    """
    if np.ndim(code) != 0:
        raise MeshCodeError("mesh_children takes one code; loop or use mesh_parent to go up")
    _, own, row, col = parse_codes(code)
    lv = own + 1 if level is None else level_number(level)
    if lv <= own:
        raise MeshCodeError(
            f"the children's level {lv} is not finer than the code's level {own}; "
            "use mesh_parent for coarser cells"
        )
    if lv > 6:
        raise MeshCodeError(f"{code!r} is a 125 m code, the finest level; it has no children")
    f = SCALE[own] // SCALE[lv]
    rr, cc = np.meshgrid(np.arange(f) + row[0] * f, np.arange(f) + col[0] * f, indexing="ij")
    return encode(rr.ravel(), cc.ravel(), lv).sort_values()


def _edges(codes: Any) -> tuple[pd.Index, dict[str, npt.NDArray[np.float64]]]:
    """Return the codes as an Index, and the south, west, north and east cell edges."""
    arr, lv, row, col = parse_codes(codes)
    index = str_index(arr)
    s = SCALE[lv]
    edges = {
        "south": (row * s) / 960.0,
        "west": (64000 + col * s) / 640.0,
        "north": ((row + 1) * s) / 960.0,
        "east": (64000 + (col + 1) * s) / 640.0,
    }
    return index, edges


def mesh_bounds(codes: Any) -> pd.DataFrame:
    """Give the south, west, north and east edges of mesh cells, in degrees.

    Each edge is the float nearest its exact value (for example ``53 / 1.5`` for 5339's
    south edge), so ``to_mesh(south, west)`` gives the code back.

    Parameters
    ----------
    codes : str, int, array-like, pandas.Index or pandas.Series
        Codes of one level.

    Returns
    -------
    pandas.DataFrame
        Indexed by code (``mesh_code``, in input order), columns ``south``, ``west``,
        ``north``, ``east``.

    Examples
    --------
    >>> import jregion
    >>> jregion.mesh_bounds(["53394611"]).round(6)
                   south      west      north     east
    mesh_code
    53394611   35.675    139.7625  35.683333  139.775
    """
    index, edges = _edges(codes)
    return pd.DataFrame(edges, index=index)


def mesh_centres(codes: Any) -> pd.DataFrame:
    """Give the centre (latitude, longitude) of mesh cells, in degrees.

    Parameters
    ----------
    codes : str, int, array-like, pandas.Index or pandas.Series
        Codes of one level.

    Returns
    -------
    pandas.DataFrame
        Indexed by code (``mesh_code``, in input order), columns ``lat`` and ``lon``.

    Examples
    --------
    >>> import jregion
    >>> jregion.mesh_centres(["5339"])
                     lat    lon
    mesh_code
    5339       35.666667  139.5
    """
    arr, lv, row, col = parse_codes(codes)
    index = str_index(arr)
    s = SCALE[lv]
    lat = (2 * row * s + s) / 1920.0
    lon = (128000 + 2 * col * s + s) / 1280.0
    return pd.DataFrame({"lat": lat, "lon": lon}, index=index)
