"""The integer grid behind JIS X 0410 mesh codes: levels, parsing, validation and encoding.

A cell of level ``L`` is a pair ``(row, col)`` of integers on a global grid. With
``s = SCALE[L]`` (the number of 125 m level-6 cells along its side), row ``r`` spans the
latitudes ``[r * s / 960, (r + 1) * s / 960)`` and column ``c`` the longitudes
``[100 + c * s / 640, 100 + (c + 1) * s / 640)``: level 6 has 960 rows per degree of
latitude (3.75") and 640 columns per degree of longitude (5.625"). Every edge is a
rational number, and every float edge jregion uses is the correctly rounded quotient of
two integers (``k / 960`` or ``(64000 + k) / 640``), so :func:`grid_units` and the bounds
agree to the last bit.

The code of a cell (JIS X 0410; Statistics Bureau, 地域メッシュ統計の概要):

- level 1 (80 km, 4 digits ``ppuu``): ``pp`` = south latitude x 1.5, ``uu`` = west
  longitude - 100; 40' by 1 degree;
- level 2 (10 km, 6 digits, ``+ qv``): ``q`` (south to north) and ``v`` (west to east),
  0-7; 5' by 7'30";
- level 3 (1 km, 8 digits, ``+ rw``): 0-9 each; 30" by 45";
- levels 4, 5, 6 (500 m, 250 m, 125 m; 9, 10, 11 digits): one quadrant digit each,
  1 = south-west, 2 = south-east, 3 = north-west, 4 = north-east.

Japan's range (the rule "a 1st-level code outside Japan's range"): ``pp`` in 30-68 and
``uu`` in 22-53, the rectangle of first-level cells that holds Japan's extreme points as
the Geospatial Information Authority of Japan (GSI) maps them (日本の東西南北端点): south,
Okinotorishima 20°25'N -> pp 30; north, Etorofu (Cape Kamoiwakka) 45°33'28"N -> 68; west,
the rock Tuishi off Yonaguni 122°55'57"E (on GSI's 1:25,000 map since 2019) -> uu 22; east,
Minamitorishima 153°59'12"E -> 53. The 1st-level sheets listed by the R package jpmesh
(uribo/jpmesh ``data-raw/jp_mesh_1.csv``, 3623 Ishigakijima to 6848 Shibetoro) all lie inside.
"""

from __future__ import annotations

import functools
from typing import Any, Literal

import numpy as np
import numpy.typing as npt
import pandas as pd

from jregion.errors import MeshCodeError

__all__ = [
    "LEVEL_DIGITS",
    "POINT_RANGE",
    "SCALE",
    "MeshLevel",
    "digit_tables",
    "encode",
    "encode_units",
    "from_digit_bytes",
    "grid_units",
    "level_number",
    "parse_codes",
    "raise_bad_point",
    "str_index",
]

IntArray = npt.NDArray[np.int64]

#: Digits of a code at each level.
LEVEL_DIGITS: dict[int, int] = {1: 4, 2: 6, 3: 8, 4: 9, 5: 10, 6: 11}
_DIGITS_LEVEL = {d: lv for lv, d in LEVEL_DIGITS.items()}
#: Level-6 (125 m) cells along the side of a cell of each level.
SCALE: dict[int, int] = {1: 640, 2: 80, 3: 8, 4: 4, 5: 2, 6: 1}
#: The names of the levels by cell size.
LEVEL_NAMES: dict[str, int] = {"80km": 1, "10km": 2, "1km": 3, "500m": 4, "250m": 5, "125m": 6}

#: A mesh level: its number (1-6) or its name by cell size.
MeshLevel = Literal[1, 2, 3, 4, 5, 6, "80km", "10km", "1km", "500m", "250m", "125m"]

#: Japan's range of 1st-level codes: ``pp`` (latitude x 1.5) and ``uu`` (longitude - 100).
FIRST_ROWS = (30, 68)
FIRST_COLS = (22, 53)
_RANGE_TEXT = (
    f"first two digits {FIRST_ROWS[0]}-{FIRST_ROWS[1]} (latitude {FIRST_ROWS[0] / 1.5:g}-"
    f"{(FIRST_ROWS[1] + 1) / 1.5:g} N), last two {FIRST_COLS[0]}-{FIRST_COLS[1]} "
    f"(longitude {100 + FIRST_COLS[0]}-{101 + FIRST_COLS[1]} E)"
)


def level_number(level: Any) -> int:
    """Return the level number 1-6 of a level given as a number or a name ("80km"...).

    Examples
    --------
    >>> level_number("500m"), level_number(3)
    (4, 3)
    """
    if isinstance(level, str) and level in LEVEL_NAMES:
        return LEVEL_NAMES[level]
    if isinstance(level, (int, np.integer)) and not isinstance(level, bool) and 1 <= level <= 6:
        return int(level)
    raise MeshCodeError(
        f"unknown mesh level {level!r}; use 1-6 or one of {', '.join(map(repr, LEVEL_NAMES))}"
    )


# ---------------------------------------------------------------------------------------
# Strings <-> digit bytes (through Arrow: numpy's fixed-width unicode is 20x slower)
# ---------------------------------------------------------------------------------------


def _str_dtype() -> Any:
    try:
        return pd.StringDtype("pyarrow", na_value=np.nan)
    except TypeError:  # pragma: no cover - pandas < 2.3
        return pd.StringDtype("pyarrow")


def from_digit_bytes(digits: npt.NDArray[np.uint8]) -> pd.Index:
    """Build an Index of str (``mesh_code``) from an ``(n, k)`` array of ASCII digits."""
    import pyarrow as pa

    n, k = digits.shape
    small = (n + 1) * k < 2**31  # 32-bit offsets: half the memory
    offsets = np.arange(0, (n + 1) * k, k, dtype=np.int32 if small else np.int64)
    flat = np.ascontiguousarray(digits).reshape(-1)  # the buffer is shared, not copied
    kind = pa.string() if small else pa.large_string()
    arr = pa.Array.from_buffers(kind, n, [None, pa.py_buffer(offsets), pa.py_buffer(flat)])
    return str_index(arr)


def str_index(arr: Any) -> pd.Index:
    """Wrap a pyarrow string array as an Index of pandas' str dtype named ``mesh_code``."""
    index: pd.Index = pd.Index(pd.array(arr, dtype=_str_dtype()), name="mesh_code")
    return index


def _to_arrow(codes: Any) -> Any:
    """Codes (str or int; scalar, list, array, Index, Series) as a pyarrow string array."""
    import pyarrow as pa

    values = codes.array if isinstance(codes, (pd.Series, pd.Index)) else codes
    if isinstance(values, (str, bytes, int, np.integer)):
        values = [values]
    if isinstance(values, np.ndarray) and values.dtype.kind in "iu":
        return pa.array(values).cast(pa.large_string())
    if (isinstance(values, np.ndarray) and values.dtype.kind == "f") or (
        isinstance(values, pd.api.extensions.ExtensionArray) and values.dtype.kind == "f"
    ):
        raise MeshCodeError(
            "mesh codes must be strings or integers, got floats; read the code column as text "
            "(e.g. dtype=str) so that no digit is lost"
        )
    try:
        arr = pa.array(values)
    except (pa.ArrowInvalid, pa.ArrowTypeError):  # mixed str and int: write each as text
        arr = pa.array([None if v is None else str(v) for v in values], type=pa.large_string())
    if isinstance(arr, pa.ChunkedArray):
        arr = arr.combine_chunks()
    if pa.types.is_integer(arr.type):
        return arr.cast(pa.large_string())
    if pa.types.is_string(arr.type) or pa.types.is_large_string(arr.type):
        return arr.cast(pa.large_string())
    if pa.types.is_null(arr.type):
        return arr.cast(pa.large_string())
    raise MeshCodeError(
        f"mesh codes must be strings or integers, got {arr.type} values such as "
        f"{arr[0].as_py()!r}"
    )


def _digit_matrix(arr: Any) -> tuple[npt.NDArray[np.int16], IntArray]:
    """``(n, 11)`` digit values (-1 past the end, other bytes as they are) and byte lengths."""
    n = len(arr)
    offsets = np.frombuffer(arr.buffers()[1], dtype=np.int64)[arr.offset : arr.offset + n + 1]
    data_buffer = arr.buffers()[2]
    data = (
        np.frombuffer(data_buffer, dtype=np.uint8)
        if data_buffer is not None
        else np.zeros(0, np.uint8)
    )
    lengths = np.diff(offsets)
    width = 11
    if n and (lengths == lengths[0]).all() and lengths[0] <= width:
        k = int(lengths[0])
        block = data[offsets[0] : offsets[0] + n * k].reshape(n, k).astype(np.int16) - 48
        out = np.full((n, width), -1, dtype=np.int16)
        out[:, :k] = block
        return out, lengths
    pos = np.arange(width)
    inside = pos[None, :] < lengths[:, None]
    take = np.minimum(offsets[:-1, None] + pos[None, :], max(data.size - 1, 0))
    values = data[take].astype(np.int16) - 48 if data.size else np.zeros((n, width), np.int16)
    return np.where(inside, values, -1).astype(np.int16), lengths


def _problem(code: str) -> str | None:
    """Which rule one code breaks, or None (the message of :class:`MeshCodeError`)."""
    if len(code) not in _DIGITS_LEVEL:
        return f"has {len(code)} characters; a mesh code has 4, 6, 8, 9, 10 or 11 digits"
    if not (code.isascii() and code.isdigit()):
        return "contains characters other than the digits 0-9"
    pp, uu = int(code[:2]), int(code[2:4])
    if not (FIRST_ROWS[0] <= pp <= FIRST_ROWS[1] and FIRST_COLS[0] <= uu <= FIRST_COLS[1]):
        return f"has the 1st-level code {code[:4]}, outside Japan's range ({_RANGE_TEXT})"
    if len(code) >= 6 and (int(code[4]) > 7 or int(code[5]) > 7):
        return f"has the 2nd-level digits {code[4:6]}; each must be 0-7"
    for i in range(8, len(code)):
        if code[i] not in "1234":
            size = {8: "500 m", 9: "250 m", 10: "125 m"}[i]
            return f"has the {size} quadrant digit {code[i]} (position {i + 1}); it must be 1-4"
    return None


def _validate(digits: npt.NDArray[np.int16], lengths: IntArray, codes: Any) -> int:
    """Raise on the first invalid code or on mixed levels; return the level."""
    n = lengths.size
    if n == 0:
        raise MeshCodeError("no mesh codes given")
    pos = np.arange(digits.shape[1])
    inside = pos[None, :] < lengths[:, None]
    ok = np.isin(lengths, list(_DIGITS_LEVEL))
    ok &= ((digits >= 0) & (digits <= 9) | ~inside).all(axis=1)
    pp, uu = digits[:, 0] * 10 + digits[:, 1], digits[:, 2] * 10 + digits[:, 3]
    ok &= (pp >= FIRST_ROWS[0]) & (pp <= FIRST_ROWS[1])
    ok &= (uu >= FIRST_COLS[0]) & (uu <= FIRST_COLS[1])
    ok &= (lengths < 6) | ((digits[:, 4] <= 7) & (digits[:, 5] <= 7))
    quadrant = (pos >= 8)[None, :] & inside
    ok &= (~quadrant | (digits >= 1) & (digits <= 4)).all(axis=1)
    if not ok.all():
        i = int(np.argmin(ok))
        text = _code_at(codes, i)
        raise MeshCodeError(f"invalid mesh code {text!r} (position {i}): {_problem(text)}")
    if not (lengths == lengths[0]).all():
        j = int(np.argmax(lengths != lengths[0]))
        a, b = _DIGITS_LEVEL[int(lengths[0])], _DIGITS_LEVEL[int(lengths[j])]
        raise MeshCodeError(
            f"mesh codes of mixed levels: {_code_at(codes, 0)!r} is level {a} but "
            f"{_code_at(codes, j)!r} (position {j}) is level {b}; bring them to one level first, "
            "e.g. with mesh_parent(codes, level)"
        )
    return _DIGITS_LEVEL[int(lengths[0])]


def _code_at(arr: Any, i: int) -> str:
    value = arr[i].as_py()
    return str(value)


def parse_codes(codes: Any) -> tuple[Any, int, IntArray, IntArray]:
    """Validate codes of one level: (arrow strings, level, grid rows, grid columns).

    Raises
    ------
    MeshCodeError
        Naming the first code that is missing, of a wrong length, not all digits, outside
        Japan's range or with a digit out of range; or mixed levels.
    """
    arr = _to_arrow(codes)
    if arr.null_count:
        import pyarrow.compute as pc

        i = int(np.argmax(pc.is_null(arr).to_numpy(zero_copy_only=False)))
        raise MeshCodeError(f"missing mesh code at position {i}; drop or fill it first")
    digits, lengths = _digit_matrix(arr)
    level = _validate(digits, lengths, arr)
    d = digits  # int16; widened one column at a time (the whole matrix would cost more)
    row = d[:, 0].astype(np.int64) * 10 + d[:, 1]
    col = d[:, 2].astype(np.int64) * 10 + d[:, 3]
    if level >= 2:
        row, col = row * 8 + d[:, 4], col * 8 + d[:, 5]
    if level >= 3:
        row, col = row * 10 + d[:, 6], col * 10 + d[:, 7]
    for k in range(8, LEVEL_DIGITS[level]):
        q = d[:, k] - 1
        row, col = row * 2 + q // 2, col * 2 + q % 2
    return arr, level, row, col


@functools.cache
def digit_tables() -> tuple[npt.NDArray[np.uint64], npt.NDArray[np.uint64], npt.NDArray[np.uint8]]:
    """Digits of the 1 km part of a code by row and by column, and of the quadrant digits.

    The first 8 bytes of a code are ``p p u u q v r w``: the row gives bytes 0, 1, 4, 6 and
    the column bytes 2, 3, 5, 7, so one OR of a row word and a column word (8 bytes each)
    writes them all. Levels 1 and 2 are the first 4 and 6 bytes. The quadrant digits of
    levels 4-6 depend on the last three bits of the level-6 row and column.
    """
    r3 = np.arange((FIRST_ROWS[1] + 1) * 80)
    lat = np.zeros((r3.size, 8), dtype=np.uint8)
    lat[:, 0], lat[:, 1] = 48 + r3 // 800, 48 + r3 // 80 % 10
    lat[:, 4], lat[:, 6] = 48 + r3 % 80 // 10, 48 + r3 % 10
    c3 = np.arange((FIRST_COLS[1] + 1) * 80)
    lon = np.zeros((c3.size, 8), dtype=np.uint8)
    lon[:, 2], lon[:, 3] = 48 + c3 // 800, 48 + c3 // 80 % 10
    lon[:, 5], lon[:, 7] = 48 + c3 % 80 // 10, 48 + c3 % 10
    a, b = np.divmod(np.arange(64), 8)  # last three bits of the row (a) and column (b)
    quad = np.stack([49 + (b >> k & 1) + 2 * (a >> k & 1) for k in (2, 1, 0)], axis=1)
    return lat.view(np.uint64).ravel(), lon.view(np.uint64).ravel(), quad.astype(np.uint8)


def encode(row: npt.ArrayLike, col: npt.ArrayLike, level: int) -> pd.Index:
    """Codes (an Index of str named ``mesh_code``) of grid cells at ``level``.

    Examples
    --------
    >>> list(encode([53 * 8 * 10 + 4 * 10 + 1], [39 * 8 * 10 + 6 * 10 + 1], 3))
    ['53394611']
    """
    s = SCALE[level]
    r6 = np.asarray(row, dtype=np.int64).ravel() * s
    c6 = np.asarray(col, dtype=np.int64).ravel() * s
    return encode_units(r6, c6, level)


def encode_units(r6: IntArray, c6: IntArray, level: int) -> pd.Index:
    """Codes at ``level`` of the cells holding level-6 grid cells (rows, columns in Japan)."""
    lat_words, lon_words, quad = digit_tables()
    words = lat_words[r6 >> 3]
    words |= lon_words[c6 >> 3]
    head = words.view(np.uint8).reshape(-1, 8)
    nd = LEVEL_DIGITS[level]
    if nd <= 8:
        return from_digit_bytes(head[:, :nd])
    out = np.empty((head.shape[0], nd), dtype=np.uint8)
    out[:, :8] = head
    out[:, 8:] = quad[(r6 & 7) << 3 | (c6 & 7), : nd - 8]
    return from_digit_bytes(out)


#: Points with codes in Japan's range: latitude and longitude from, and below, these values.
POINT_RANGE = (
    FIRST_ROWS[0] * 640 / 960,
    (FIRST_ROWS[1] + 1) * 640 / 960,
    100.0 + FIRST_COLS[0],
    101.0 + FIRST_COLS[1],
)


def raise_bad_point(lat: npt.NDArray[np.float64], lon: npt.NDArray[np.float64], i: int) -> None:
    """Raise the MeshCodeError for point ``i`` (missing, or outside Japan's range)."""
    lo_lat, hi_lat, lo_lon, hi_lon = POINT_RANGE
    y, x = float(lat[i]), float(lon[i])
    if not (np.isfinite(y) and np.isfinite(x)):
        raise MeshCodeError(
            f"point {i} (lat {y!r}, lon {x!r}) has a missing or infinite coordinate; "
            "drop such points first (e.g. frame.dropna(subset=[lat, lon]))"
        )
    raise MeshCodeError(
        f"point {i} (lat {y!r}, lon {x!r}) is outside Japan's mesh range: latitude "
        f"{lo_lat:g} to below {hi_lat:g} N, longitude {lo_lon:g} to below {hi_lon:g} E "
        f"({_RANGE_TEXT}); give latitude first, in degrees"
    )


def grid_units(
    lat: npt.NDArray[np.float64], lon: npt.NDArray[np.float64]
) -> tuple[IntArray, IntArray]:
    """Return the level-6 grid row and column of points (on an edge: north and east).

    Point ``(lat, lon)`` is in row ``r`` when ``fl(r / 960) <= lat < fl((r + 1) / 960)``
    and in column ``c`` when ``fl((64000 + c) / 640) <= lon < fl((64001 + c) / 640)``,
    ``fl`` being IEEE round-to-nearest of the exact quotient. The edges are thus the floats
    nearest to the true edges: ``lat = 35.675`` (= 4281 / 120, a 1 km edge) is on the edge
    even though neither it nor ``35.675 * 120`` is exact in binary. Coarser levels share
    these edges, so the row at level ``L`` is ``r // SCALE[L]``.

    Raises
    ------
    MeshCodeError
        For a missing or infinite coordinate, or a point outside Japan's range.
    """
    lo_lat, hi_lat, lo_lon, hi_lon = POINT_RANGE
    ok = (lat >= lo_lat) & (lat < hi_lat) & (lon >= lo_lon) & (lon < hi_lon)
    if not ok.all():
        raise_bad_point(lat, lon, int(np.argmin(ok)))
    r = (lat * 960.0).astype(np.int64)  # truncation is floor: the latitudes are positive
    r += lat >= (r + 1) / 960.0  # x * 960 may round down across an integer
    r -= lat < r / 960.0  # or up
    c = ((lon - 100.0) * 640.0).astype(np.int64)  # lon - 100 is exact here; positive
    c += lon >= (c + 64001) / 640.0
    c -= lon < (c + 64000) / 640.0
    return r, c
