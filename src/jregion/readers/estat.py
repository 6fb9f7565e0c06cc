"""Read e-Stat CSV downloads into one tidy table keyed by JIS code.

Two layouts are understood:

- ``ssds``: regional statistics (社会・人口統計体系, 都道府県・市区町村のすがた).
  Optional metadata rows
  (表題, 公開日) and a symbol legend on top, an optional code row, then a header such as
  ``調査年 コード, 調査年, 地域 コード, 地域, /項目, A1101_総人口【人】, 注釈, ...``. Indicator
  columns may be paired with 注釈 (note) columns. Code and note columns may be absent.
- ``db_table``: statistical tables (FEH_*.csv). Optional metadata (統計名, 表番号, 表題) and legend,
  then one or more header rows whose cell in the "/" column names a column dimension
  (``/時間軸（年）``, ``/表章事項``, ``/年齢``); the last one names the row dimensions.

Values keep their annotation: a cell holding a symbol (``***``, ``-``, ``X``, ``…``) gives a
missing value and the symbol in ``annotation``, never a zero. Japanese negative markers
(``△1,234``, ``▲5``) give negative numbers, with the marker kept in ``annotation``.
Years in the Japanese calendar (``平成2年度``, ``令和元年``) are converted to Western years.

Every data row must have as many cells as the header, and a file that ends in the
middle of a row or value is refused as truncated; an area code must agree with its
area name (``"13000","大阪府"`` raises), as :func:`jregion.to_code` requires of
``"01 東京都"``.
"""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
import pandas as pd

from jregion.codes import PREFECTURE_CODES, to_code
from jregion.errors import UnknownCodeError
from jregion.readers._text import LayoutError, decode_file, read_rows

__all__ = ["TIDY_COLUMNS", "read_estat"]

#: Columns of every table :func:`read_estat` returns
#: (db_table adds its other dimensions after ``unit``).
TIDY_COLUMNS: tuple[str, ...] = (
    "area_code",
    "pref_code",
    "area_name",
    "level",
    "year",
    "indicator_code",
    "indicator",
    "unit",
    "value",
    "annotation",
    "note",
)

_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
_SSDS_ITEM = re.compile(r"^(#?[A-Z][A-Z0-9]*)_(.*?)(?:【(.*)】)?$")
_UNIT = re.compile(r"^(.*?)【(.*)】$")
_YEAR = re.compile(r"(\d{4})")
#: First year of each era (元年 = year 1): 明治 1868, 大正 1912, 昭和 1926, 平成 1989, 令和 2019.
_ERAS: dict[str, int] = {"明治": 1868, "大正": 1912, "昭和": 1926, "平成": 1989, "令和": 2019}
_WAREKI = re.compile(r"(明治|大正|昭和|平成|令和)\s*(元|\d{1,2})\s*年")
#: Negative-number markers of Japanese tables (△ and ▲ mean minus).
_NEGATIVE = ("△", "▲")
_CODE_NAME = re.compile(r"^(\d{2}|\d{5})\s+(.+)$")
_PREF_SET = frozenset(PREFECTURE_CODES)


@dataclass
class _Area:
    code: str | None
    pref: str | None
    name: str
    level: str


@dataclass
class _Header:
    k: int
    start: int
    end: int
    meta: dict[str, str] = field(default_factory=dict)
    symbols: dict[str, str] = field(default_factory=dict)


def _value(cell: str) -> tuple[float, str]:
    s = cell.replace(",", "").strip()
    if _NUMBER.match(s):
        return float(s), ""
    if s[:1] in _NEGATIVE and _NUMBER.match(s[1:].strip()) and s[1:].strip()[:1] not in "+-":
        return -float(s[1:].strip()), s[0]
    return np.nan, cell.strip()


_NATIONAL_NAMES = frozenset({"全国", "全国計", "Japan"})


def _check_name(code: str, pref: str | None, name: str, level: str, *, row: int) -> None:
    """Refuse an area code whose name is another area (``"13000","大阪府"``)."""
    if not name:
        return
    head = re.split(r"[\s\u3000]+", name, maxsplit=1)[0]
    named: str | None = "national" if name in _NATIONAL_NAMES else None
    if named is None:
        for candidate in (name, head) if level == "prefecture" else (head,):
            try:
                named = to_code(candidate)
                break
            except UnknownCodeError:
                continue
    if named is None or named == (pref if level != "national" else "national"):
        return
    what = "the national total" if named == "national" else f"prefecture {named}"
    expected = "the national total" if level == "national" else f"prefecture {pref}"
    raise UnknownCodeError(
        f"line {row}: area code {code!r} is {expected} but its name {name!r} is {what}; "
        "the file's code and name columns disagree: check that the columns were not "
        "shifted or edited"
    )


def _area(code: str | None, name: str, *, row: int) -> _Area:
    code = (code or "").strip() or None
    name = name.strip()
    if code is None:
        m = _CODE_NAME.match(name)
        if m:
            code, name = m.group(1), m.group(2)
    if code is not None:
        if not code.isdigit() or len(code) not in (2, 5):
            raise LayoutError(
                f"line {row}: area code {code!r} is neither a 2-digit nor a 5-digit code"
            )
        pref = code[:2]
        if code.strip("0") == "":
            _check_name(code, None, name, "national", row=row)
            return _Area(code, None, name, "national")
        if pref not in _PREF_SET:
            raise UnknownCodeError(
                f"line {row}: area code {code!r} ({name}) starts with no prefecture code"
            )
        level = "prefecture" if len(code) == 2 or code[2:] == "000" else "municipality"
        _check_name(code, pref, name, level, row=row)
        return _Area(code, pref, name, level)
    if name in ("全国", "全国計", "Japan"):
        return _Area(None, None, name, "national")
    try:
        return _Area(None, to_code(name), name, "prefecture")
    except UnknownCodeError:
        pass
    head = re.split(r"[\s\u3000]+", name, maxsplit=1)
    if len(head) == 2:
        try:
            return _Area(None, to_code(head[0]), name, "municipality")
        except UnknownCodeError:
            pass
    return _Area(None, None, name, "unresolved")


def _find_header(rows: list[list[str]]) -> _Header:
    if rows and rows[0] and rows[0][0] == "KEY_CODE":
        raise LayoutError(
            "this is an e-Stat mesh-statistics file (KEY_CODE, HTKSYORI...), not a regional or "
            "statistical-table CSV; read_estat does not read mesh files"
        )
    end = -1
    k = -1
    for i, row in enumerate(rows):
        slash = [j for j, c in enumerate(row) if c.startswith("/")]
        if slash:
            k, end = slash[0], i
            # the last header row is followed by data (no "/" cell at k)
            nxt = rows[i + 1] if i + 1 < len(rows) else []
            if not (len(nxt) > k and nxt[k].startswith("/")):
                break
    if end < 0:
        raise LayoutError(
            "no header row with a '/' column (such as '/項目' or '/時間軸（年）') was found; "
            "download the table from e-Stat as CSV with headers switched on"
        )
    start = end
    while start > 0 and len(rows[start - 1]) > k and rows[start - 1][k].startswith("/"):
        start -= 1
    head = _Header(k=k, start=start, end=end)
    for row in rows[:start]:
        cells = [c for c in row if c]
        if len(row) >= 2 and row[0].endswith(("：", ":")):
            head.meta[row[0].rstrip("：:")] = " ".join(row[1:]).strip()
        elif (len(cells) == 2 and len(row[0]) <= 4 and not re.search(r"\w", row[0])) or (
            len(cells) == 2 and row[0] in ("X", "x")
        ):
            head.symbols[row[0]] = row[1]
    return head


def _is_ssds(header: list[str], k: int) -> bool:
    items = [c for c in header[k + 1 :] if c and c != "注釈"]
    return bool(items) and all(_SSDS_ITEM.match(c) for c in items)


def _year(*cells: str | None) -> int | None:
    """Return the Western year of the first cell that names one (``2005年度``, ``平成2年度``)."""
    for c in cells:
        if c:
            c = unicodedata.normalize("NFKC", c)
            w = _WAREKI.search(c)
            if w:
                n = 1 if w.group(2) == "元" else int(w.group(2))
                return _ERAS[w.group(1)] + n - 1
            m = _YEAR.search(c)
            if m:
                return int(m.group(1))
    return None


def _check_widths(
    rows: list[list[str]], lines: list[int], h: _Header, *, ends_with_newline: bool
) -> None:
    """Every data row has the header's cell count; a short last row means a truncated file."""
    width = len(rows[h.end])
    data = [(i, row) for i, row in enumerate(rows) if i > h.end and any(row)]
    for pos, (i, row) in enumerate(data):
        if len(row) == width:
            continue
        if pos == len(data) - 1 and len(row) < width and not ends_with_newline:
            raise LayoutError(
                f"the file is truncated: its last row (line {lines[i]}) has {len(row)} of the "
                f"header's {width} cells and the file ends without a line break; download it "
                "again"
            )
        raise LayoutError(
            f"line {lines[i]} has {len(row)} cells but the header (line {lines[h.end]}) has "
            f"{width}: a value with an unquoted comma, a missing or extra cell, or a cut "
            "file; every row must line up with the header, so nothing is read by guesswork"
        )


def _records_ssds(
    rows: list[list[str]], lines: list[int], h: _Header
) -> list[dict[str, object]]:
    header = rows[h.end]
    col = {name: j for j, name in enumerate(header[: h.k])}
    if "地域" not in col:
        raise LayoutError(f"SSDS header has no '地域' column: {header[: h.k]}")
    items = []
    for j in range(h.k + 1, len(header)):
        if header[j] and header[j] != "注釈":
            m = _SSDS_ITEM.match(header[j])
            assert m is not None
            has_note = j + 1 < len(header) and header[j + 1] == "注釈"
            items.append((j, m.group(1), m.group(2), m.group(3), j + 1 if has_note else None))
    out: list[dict[str, object]] = []
    for r, row in zip(lines[h.end + 1 :], rows[h.end + 1 :], strict=True):
        if not any(row):
            continue

        def cell(name: str, row: list[str] = row) -> str | None:
            j = col.get(name)
            return row[j] if j is not None and j < len(row) else None

        area = _area(cell("地域 コード"), cell("地域") or "", row=r)
        year = _year(cell("調査年"), cell("調査年 コード"))
        for j, code, name, unit, note_j in items:
            value, symbol = _value(row[j] if j < len(row) else "")
            note = row[note_j] if note_j is not None and note_j < len(row) else ""
            out.append(
                {
                    "area_code": area.code,
                    "pref_code": area.pref,
                    "area_name": area.name,
                    "level": area.level,
                    "year": year,
                    "indicator_code": code,
                    "indicator": name,
                    "unit": unit,
                    "value": value,
                    "annotation": symbol,
                    "note": note,
                }
            )
    return out


_AREA_HINTS = ("地域", "都道府県", "全国", "市区町村", "area")


@dataclass(frozen=True)
class _DbDims:
    """The dimensions of a statistical table (db_table), found by :func:`_db_dimensions`."""

    row_dims: list[tuple[int, str]]  # (column, name) of the dimensions left of the values
    col_rows: list[tuple[str, list[str]]]  # (name, header row) of the dimensions above them
    value_cols: list[int]
    data: list[tuple[int, list[str]]]  # (line number, row) of the non-blank data rows
    area: str
    year: str | None
    indicator: str | None
    extras: list[str]  # the other dimensions, kept as columns

    def of_column(self, j: int) -> dict[str, str]:
        """Return the header dimensions' values of value column ``j``."""
        return {lab: (row[j] if j < len(row) else "") for lab, row in self.col_rows}


def _base(name: str) -> str:
    return re.sub(r"\s*(補助)?コード$", "", name)


def _db_dimensions(rows: list[list[str]], lines: list[int], h: _Header) -> _DbDims:
    """Find a table's dimensions.

    The area is the plain (not code) dimension whose values name prefectures; then the
    year, the indicator (表章項目) and the others. Raises :class:`LayoutError` without an area.
    """
    header = rows[h.end]
    row_dims = [(j, name) for j, name in enumerate(header[: h.k]) if name]
    col_rows = [(rows[i][h.k].lstrip("/").strip(), rows[i]) for i in range(h.start, h.end + 1)]
    value_cols = [j for j in range(h.k + 1, len(header)) if header[j] and header[j] != "注釈"]
    below = zip(lines[h.end + 1 :], rows[h.end + 1 :], strict=True)
    data = [(r, row) for r, row in below if any(row)]
    names = [n for _, n in row_dims] + [lab for lab, _ in col_rows]
    header_dims = dict(col_rows)

    def score(name: str) -> int:
        if _base(name) != name:
            return -1
        if name in header_dims:
            row = header_dims[name]
            vals = {row[j] if j < len(row) else "" for j in value_cols}
        else:
            j = next(j for j, n in row_dims if n == name)
            vals = {row[j] for _, row in data[:200] if j < len(row)}
        hits = sum(_area(None, v, row=0).level in ("prefecture", "national") for v in vals if v)
        return hits + (1 if any(h in name for h in _AREA_HINTS) and hits else 0)

    scores = {n: score(n) for n in names}
    area_dim = max(scores, key=lambda n: scores[n]) if scores else None
    if area_dim is None or scores[area_dim] <= 0:
        raise LayoutError(
            f"no area dimension naming prefectures was found among {names}; "
            "read_estat needs tables by prefecture (全国・都道府県) or municipality"
        )
    year_dim = next(
        (n for n in names if _base(n) == n and any(t in n for t in ("時間軸", "調査年", "年次"))),
        None,
    )
    ind_dim = next((n for n in names if n in ("表章項目", "表章事項")), None)
    used = {area_dim, f"{area_dim} コード", f"{area_dim} 補助コード"}
    for d in (year_dim, ind_dim):
        if d:
            used |= {d, f"{d} コード", f"{d} 補助コード"}
    extras = [n for n in names if n not in used]
    return _DbDims(row_dims, col_rows, value_cols, data, area_dim, year_dim, ind_dim, extras)


def _db_records(header: list[str], dims: _DbDims) -> list[dict[str, object]]:
    """Emit one record per data row and value column of a table whose dimensions are known."""
    out: list[dict[str, object]] = []
    ind = dims.indicator
    for r, row in dims.data:
        rd = {n: (row[j] if j < len(row) else "") for j, n in dims.row_dims}
        for j in dims.value_cols:
            cell = {**rd, **dims.of_column(j)}
            area = _area(cell.get(f"{dims.area} コード"), cell[dims.area], row=r)
            label = cell.get(ind, "") if ind else ""
            m = _UNIT.match(label)
            value, symbol = _value(row[j] if j < len(row) else "")
            note_j = j + 1 if j + 1 < len(header) and header[j + 1] == "注釈" else None
            rec: dict[str, object] = {
                "area_code": area.code,
                "pref_code": area.pref,
                "area_name": area.name,
                "level": area.level,
                "year": _year(cell.get(dims.year)) if dims.year else None,
                "indicator_code": (cell.get(f"{ind} コード") or None) if ind else None,
                "indicator": (m.group(1) if m else label) or None,
                "unit": m.group(2) if m else None,
            }
            rec.update({n: cell.get(n, "") for n in dims.extras})
            rec.update(
                {
                    "value": value,
                    "annotation": symbol,
                    "note": row[note_j] if note_j is not None and note_j < len(row) else "",
                }
            )
            out.append(rec)
    return out


def _records_db(
    rows: list[list[str]], lines: list[int], h: _Header
) -> tuple[list[dict[str, object]], list[str]]:
    dims = _db_dimensions(rows, lines, h)
    return _db_records(rows[h.end], dims), dims.extras


def read_estat(
    path: str | os.PathLike[str],
    *,
    layout: Literal["auto", "ssds", "db_table"] = "auto",
    encoding: str | None = None,
) -> pd.DataFrame:
    r"""Read an e-Stat CSV download (regional statistics or a statistical table) into a tidy table.

    Parameters
    ----------
    path : str or path-like
        The downloaded ``.csv`` file, as saved (Shift_JIS/CP932 or UTF-8 with or without BOM).
    layout : {"auto", "ssds", "db_table"}
        ``"auto"`` recognises the layout from the header. Pass one to insist on it.
    encoding : str, optional
        Force an encoding; by default UTF-8 (BOM optional) then CP932 are tried.

    Returns
    -------
    pandas.DataFrame
        One row per area x year x indicator (x other dimensions), RangeIndex, columns
        ``area_code`` (the file's 5-digit code, if any), ``pref_code`` (JIS "01".."47"; for
        municipalities their prefecture; missing for the national row), ``area_name``,
        ``level`` ("national", "prefecture", "municipality" or "unresolved" for names that
        are not areas), ``year``, ``indicator_code``, ``indicator``, ``unit``, ``value``
        (float, missing where the cell holds a symbol or is blank; ``△1,234`` and ``▲5``
        are the negative numbers -1234 and -5), ``annotation`` (the symbol, or the
        negative marker ``△``/``▲``; "" for a plain number) and ``note`` (the 注釈
        column, if any). Years in the Japanese calendar become Western years
        (``平成2年度`` is 1990, ``令和元年`` 2019).
        ``attrs``: ``layout``, ``encoding``, ``metadata`` (表題, 公開日, ...), ``symbols``
        (the file's legend) and ``path``.

    Raises
    ------
    jregion.EncodingError
        If the file decodes with none of the encodings tried (they are named).
    jregion.readers.LayoutError
        If the layout is not recognised (for example a mesh file), or differs from ``layout``;
        if a row has more or fewer cells than the header (with its line number); if the
        file is truncated (ends inside a value, a row or a character).
    jregion.UnknownCodeError
        If an area code matches no prefecture, or disagrees with its area name.

    Examples
    --------
    >>> import pathlib, tempfile, jregion
    >>> text = ('"調査年 コード","調査年","地域 コード","地域","/項目",'
    ...         '"C3403_従業者数（製造業）【人】","注釈"\r\n'
    ...         '"1990100000","1990年度","23000","愛知県","","900,000",""\r\n'
    ...         '"1990100000","1990年度","47000","沖縄県","","X",""\r\n')
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "made_up_values.csv"
    >>> _ = path.write_bytes(text.encode("cp932"))
    >>> df = jregion.read_estat(path)
    >>> df.attrs["encoding"], df.attrs["layout"]
    ('cp932', 'ssds')
    >>> df[["pref_code", "year", "indicator_code", "unit", "value", "annotation"]]
      pref_code  year indicator_code unit     value annotation
    0        23  1990          C3403    人  900000.0
    1        47  1990          C3403    人       NaN          X
    """
    if layout not in ("auto", "ssds", "db_table"):
        raise ValueError(f"layout must be 'auto', 'ssds' or 'db_table', got {layout!r}")
    text, enc = decode_file(path, encoding=encoding)
    rows, lines = read_rows(text)
    head = _find_header(rows)
    _check_widths(rows, lines, head, ends_with_newline=text.endswith(("\n", "\r")))
    found = "ssds" if _is_ssds(rows[head.end], head.k) else "db_table"
    if layout != "auto" and layout != found:
        raise LayoutError(f"{os.fspath(path)!r} looks like a {found!r} file, not {layout!r}")
    extras: list[str] = []
    if found == "ssds":
        records = _records_ssds(rows, lines, head)
    else:
        records, extras = _records_db(rows, lines, head)
    cols = [*TIDY_COLUMNS[:8], *extras, *TIDY_COLUMNS[8:]]
    df = pd.DataFrame.from_records(records, columns=cols)
    for c in ("area_code", "pref_code", "indicator_code", "unit"):
        df[c] = df[c].astype("string")
    df["year"] = df["year"].astype("Int64")
    df["value"] = df["value"].astype("float64")
    df.attrs = {
        "layout": found,
        "encoding": enc,
        "metadata": dict(head.meta),
        "symbols": dict(head.symbols),
        "path": os.fspath(path),
    }
    return df
