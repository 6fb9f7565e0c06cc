"""Read e-Stat mesh statistics (地域メッシュ統計, ``tblT*.txt``) with their suppression flags.

The layout (as e-Stat serves it, checked on real files, see ``tests/fixtures/estat_mesh``):

- line 1: column codes, ``KEY_CODE`` first, then optionally ``HTKSYORI``, ``HTKSAKI``,
  ``GASSAN`` (suppression), then the value columns (``T001101001``...);
- line 2 (optional): the Japanese names of the columns, with the first cells empty;
- data lines: an 8- to 11-digit mesh code, the flags, and the values; ``*`` marks a
  suppressed value and ``-`` a cell without a figure. Both become missing, never 0.

Suppression in the census tables (HTKSYORI = 秘匿処理, HTKSAKI = 秘匿先, GASSAN = 合算地域):

- ``HTKSYORI == 2``: a cell too small to publish, merged into the cell named in ``HTKSAKI``.
  Its breakdown values are ``*``; its own population and household totals stay published.
- ``HTKSYORI == 1``: a receiving cell; ``GASSAN`` lists the merged cells (``;``-separated).
  Its breakdown values include the merged cells; its totals are its own.
- ``HTKSYORI == 0``: not involved.
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import os
import re
from typing import Any

import numpy as np
import pandas as pd

from jregion._keys import check_unique
from jregion.errors import MeshCodeError
from jregion.readers._text import LayoutError, decode_file

__all__ = ["FLAG_COLUMNS", "read_estat_mesh"]

#: The suppression columns of the census mesh tables, in file order.
FLAG_COLUMNS: tuple[str, str, str] = ("HTKSYORI", "HTKSAKI", "GASSAN")
#: Symbols e-Stat writes in place of a number (both read as missing).
_SYMBOLS: tuple[str, ...] = ("*", "-")
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
_DASH_CELL = re.compile(rb"(?<=,)-(?=,|\r?$)", re.MULTILINE)


def _symbol_counts(values: pd.DataFrame, raw: bytes) -> dict[str, int]:
    """Count ``*`` and ``-`` cells: every missing value is one of them (parsing succeeded)."""
    missing = int(values.isna().to_numpy().sum())
    dash = len(_DASH_CELL.findall(raw)) if b",-" in raw else 0
    return {"*": missing - dash, "-": dash}


def _fail(name: str, line: int, message: str) -> LayoutError:
    return LayoutError(f"{name}, line {line}: {message}")


def _split(line: str) -> list[str]:
    return [c.strip() for c in next(csv.reader([line]))]


def _field_counts(lines: list[bytes], codec: str, quoted: bool) -> np.ndarray:
    if quoted:  # re-saved by a spreadsheet: quoted cells
        return np.fromiter((len(_split(s.decode(codec))) for s in lines), dtype=np.int64)
    commas = map(bytes.count, lines, itertools.repeat(b","))
    return np.fromiter(commas, dtype=np.int64, count=len(lines)) + 1


def _diagnose_codes(codes: pd.Series, line_of: np.ndarray, name: str) -> None:
    """Raise for the first KEY_CODE that is not 8-11 digits or not of the first code's level."""
    digits = codes.str.fullmatch(r"\d{8,11}")
    if not digits.all():
        i = int(np.flatnonzero(~digits.to_numpy())[0])
        raise _fail(
            name,
            int(line_of[i]),
            f"KEY_CODE {codes.iloc[i]!r} is not an 8- to 11-digit mesh code "
            "(1 km, 500 m, 250 m or 125 m); is this an e-Stat mesh statistics file?",
        )
    lengths = codes.str.len().to_numpy()
    if (lengths != lengths[0]).any():
        i = int(np.flatnonzero(lengths != lengths[0])[0])
        raise _fail(
            name,
            int(line_of[i]),
            f"KEY_CODE {codes.iloc[i]!r} has {lengths[i]} digits, but line {line_of[0]} has "
            f"{lengths[0]} ({codes.iloc[0]!r}): codes of mixed mesh levels. e-Stat serves one "
            "level per file; read each level's file separately",
        )


def _check_codes(codes: pd.Series, line_of: np.ndarray, name: str) -> int:
    """Validate KEY_CODE: digits, one length (one mesh level), valid by mesh_level, unique."""
    from jregion.mesh import mesh_level

    values = codes.to_numpy()
    try:
        level = mesh_level(values)  # the fast path: every code valid, one level
    except MeshCodeError as err:
        _diagnose_codes(codes, line_of, name)  # a non-mesh or mixed-level code, by line
        lo, hi = 0, len(values)  # else the shortest failing prefix ends at the first bad code
        while hi - lo > 1:
            mid = (lo + hi) // 2
            try:
                mesh_level(values[:mid])
                lo = mid
            except MeshCodeError:
                hi = mid
        detail = re.sub(r" \(position \d+\)", "", str(err))  # the line says where
        raise MeshCodeError(f"{name}, line {line_of[hi - 1]}: {detail}") from err
    if level < 3:
        _diagnose_codes(codes, line_of, name)
    check_unique(
        pd.Index(codes),
        what=name,
        kind="KEY_CODE values",
        lines=line_of,
        fix="each mesh cell must appear once (were two downloads pasted together?)",
    )
    return int(np.asarray(level).flat[0])


def _check_flags(frame: pd.DataFrame, line_of: np.ndarray, name: str) -> int:
    """Check the HTKSYORI/HTKSAKI/GASSAN rules row by row and across rows.

    Returns the number of merged cells whose receiving cell is not in the file.
    """
    flag = frame["HTKSYORI"].to_numpy(dtype=object)
    bad = ~np.isin(flag, ["0", "1", "2"])
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        raise _fail(name, int(line_of[i]), f"HTKSYORI is {flag[i]!r}; expected 0, 1 or 2")
    to = frame["HTKSAKI"].to_numpy(dtype=object)
    gassan = frame["GASSAN"].to_numpy(dtype=object)
    for mask, what in (
        (
            (flag == "2") != (to != ""),
            "HTKSAKI (receiving cell) is given exactly when HTKSYORI is 2",
        ),
        (
            (flag == "1") != (gassan != ""),
            "GASSAN (merged cells) is given exactly when HTKSYORI is 1",
        ),
    ):
        if mask.any():
            i = int(np.flatnonzero(mask)[0])
            raise _fail(
                name,
                int(line_of[i]),
                f"HTKSYORI={flag[i]}, HTKSAKI={to[i]!r}, GASSAN={gassan[i]!r} breaks the rule "
                f"that {what}",
            )
    codes = frame["KEY_CODE"].to_numpy(dtype=object)
    merged = np.flatnonzero(flag == "2")
    receiver = pd.Index(codes).get_indexer(to[merged])
    here = receiver >= 0
    # (merged cell, receiving cell) pairs as published by the receiving cells' GASSAN
    receiving = np.flatnonzero(flag == "1")
    lists = pd.Series(gassan[receiving], index=codes[receiving]).str.split(";").explode()
    listed = pd.MultiIndex.from_arrays([lists.to_numpy(dtype=object), lists.index.to_numpy()])
    pairs = pd.MultiIndex.from_arrays([codes[merged[here]], to[merged[here]]])
    ok = (flag[receiver[here]] == "1") & pairs.isin(listed)
    if not ok.all():
        k = int(np.flatnonzero(~ok)[0])
        i, j = int(merged[here][k]), int(receiver[here][k])
        raise _fail(
            name,
            int(line_of[i]),
            f"cell {codes[i]} is merged into {to[i]} (line {line_of[j]}), which is not a "
            "receiving cell listing it in GASSAN; the file is damaged",
        )
    return int((~here).sum())


def _values(
    raw: bytes,
    codec: str,
    skip: int,
    columns: list[str],
    value_cols: list[str],
    line_of: np.ndarray,
    name: str,
) -> pd.DataFrame:
    """Parse all rows: codes and flags as text, values as float with symbols missing."""
    def read(dtype: Any, na_values: dict[str, list[str]] | None) -> pd.DataFrame:
        return pd.read_csv(
            io.BytesIO(raw),
            header=None,
            names=columns,
            skiprows=skip,
            keep_default_na=False,
            skip_blank_lines=True,
            skipinitialspace=True,
            encoding=codec,
            dtype=dtype,
            na_values=na_values,
        )

    text_cols = {c: object for c in columns if c not in value_cols}
    try:
        return read(
            {**text_cols, **dict.fromkeys(value_cols, np.float64)},
            {c: list(_SYMBOLS) for c in value_cols},
        )
    except ValueError:
        pass
    cells_ = read(str, None)
    for col in value_cols:
        cells = cells_[col].str.strip()
        ok = cells.str.match(_NUMBER) | cells.isin(_SYMBOLS)
        if not ok.all():
            i = int(np.flatnonzero(~ok.to_numpy())[0])
            raise _fail(
                name,
                int(line_of[i]),
                f"column {col}: {cells.iloc[i]!r} is neither a number nor an e-Stat symbol "
                "('*' suppressed, '-' no figure)",
            )
    raise _fail(name, int(line_of[0]), "values could not be read as numbers")  # pragma: no cover


def read_estat_mesh(path: str | os.PathLike[str], *, encoding: str | None = None) -> pd.DataFrame:
    r"""Read an e-Stat mesh statistics download (地域メッシュ統計, ``tblT*.txt``).

    Parameters
    ----------
    path : str or path-like
        A file as e-Stat serves it: Shift_JIS/CP932 or UTF-8 (with or without a BOM), CRLF
        or LF, a header row of column codes starting with ``KEY_CODE`` and an optional second
        row of Japanese names.
    encoding : str, optional
        Force an encoding; by default UTF-8 then CP932 are tried (strictly).

    Returns
    -------
    pandas.DataFrame
        Indexed by mesh code (``mesh_code``, strings of 8 to 11 digits, one level per file).
        The file's column codes are kept. If the file has suppression columns:
        ``HTKSYORI`` (int: 0, 1 receiving cell, 2 merged cell), ``HTKSAKI`` (the receiving
        cell of a merged cell, else missing) and ``GASSAN`` (the merged cells of a receiving
        cell as published, ``;``-separated, else missing). Value columns are float; ``*`` and
        ``-`` cells are missing (NaN), never 0. A merged cell keeps its own published
        totals; its breakdowns are missing because they are counted in its receiving cell.
        ``attrs``: ``source`` (file name), ``encoding``, ``level`` (mesh level, 3 = 1 km,
        4 = 500 m, 5 = 250 m, 6 = 125 m), ``labels`` (column code to Japanese name),
        ``table`` (e.g. ``"T001101"``), ``suppression`` (whether the flags are present),
        ``own_columns`` (value columns published on merged cells, i.e. each cell's own
        totals; the others are breakdowns pooled into receiving cells), ``symbols`` (count
        of ``*`` and ``-`` cells) and ``receivers_outside`` (merged cells whose receiving
        cell is not in the file).

    Raises
    ------
    jregion.LayoutError
        If the file is not a mesh statistics file, is truncated, has a row with the wrong
        number of cells, a value that is not a number or symbol, or inconsistent
        suppression flags. The message names the file and the line.
    jregion.MeshCodeError
        If a KEY_CODE is not a valid mesh code (file and line named).
    jregion.DuplicateKeyError
        If a KEY_CODE occurs twice (lines named).
    jregion.EncodingError
        If the file cannot be decoded (the line of the first bad byte is named).

    See Also
    --------
    jregion.aggregate_mesh : sum cells into parent cells or areas, counting merges once.
    jregion.mesh_share : a per-cell share that refuses receiving cells unless told.

    Examples
    --------
    >>> import pathlib, tempfile, jregion
    >>> text = ("KEY_CODE,HTKSYORI,HTKSAKI,GASSAN,T001,T002\r\n"
    ...         ",,,,　人口（総数）,　０～１４歳人口\r\n"
    ...         "513007011,1,,513007012,20,7\r\n"
    ...         "513007012,2,513007011,,3,*\r\n")
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "made_up_values.txt"
    >>> _ = path.write_bytes(text.encode("cp932"))
    >>> cells = jregion.read_estat_mesh(path)
    >>> cells
               HTKSYORI    HTKSAKI     GASSAN  T001  T002
    mesh_code
    513007011         1       <NA>  513007012  20.0   7.0
    513007012         2  513007011       <NA>   3.0   NaN
    >>> cells.attrs["labels"]["T002"], cells.attrs["level"], cells.attrs["own_columns"]
    ('０～１４歳人口', 4, ['T001'])
    """
    name = os.path.basename(os.fspath(path))
    # decode once to check the encoding (the error names the line), then work on the bytes:
    # in CP932 and UTF-8 the bytes of ',' '\n' '\r' '"' never occur inside a character
    text, used = decode_file(path, encoding=encoding)
    codec = "utf-8" if used == "utf-8-sig" else used
    del text
    with open(path, "rb") as fh:
        raw = fh.read().removeprefix(codecs.BOM_UTF8 if codec == "utf-8" else b"")
    lines = raw.split(b"\n") if b"\n" in raw or b"\r" not in raw else raw.split(b"\r")
    if not lines[0].strip():
        raise _fail(name, 1, "the file is empty; expected a header row starting with KEY_CODE")
    columns = _split(lines[0].decode(codec))
    if columns[0] != "KEY_CODE":
        raise _fail(
            name,
            1,
            f"the header starts with {columns[0][:40]!r}, not KEY_CODE: this is not an e-Stat "
            "mesh statistics file (地域メッシュ統計, tblT*.txt); read other e-Stat CSV downloads "
            "with jregion.read_estat",
        )
    if len(set(columns)) != len(columns) or "" in columns:
        raise _fail(name, 1, f"the header has empty or repeated column codes: {columns}")
    skip = 1
    labels: dict[str, str] = {}
    if len(lines) > 1 and lines[1].split(b",", 1)[0].strip().strip(b'"') == b"":
        cells = _split(lines[1].decode(codec))
        labels = {c: v.strip() for c, v in zip(columns, cells, strict=False) if v.strip()}
        skip = 2
    rest = lines[skip:]
    keep = np.fromiter(map(bool, map(bytes.strip, rest)), dtype=bool, count=len(rest))
    body = list(itertools.compress(rest, keep))
    del rest
    del lines
    line_of = np.flatnonzero(keep) + skip + 1
    if line_of.size == 0:
        raise _fail(name, skip + 1, "the file has a header but no data rows")
    counts = _field_counts(body, codec, b'"' in raw)
    del body
    wrong = np.flatnonzero(counts != len(columns))
    if wrong.size:
        i = int(wrong[0])
        hint = (
            "the file ends mid-row: it looks truncated; download it again"
            if i == len(counts) - 1 and counts[i] < len(columns)
            else "the row does not match the header"
        )
        raise _fail(
            name,
            int(line_of[i]),
            f"{counts[i]} cells where the header has {len(columns)}; {hint}",
        )
    flags = [c for c in FLAG_COLUMNS if c in columns]
    if flags and flags != list(FLAG_COLUMNS):
        raise _fail(name, 1, f"suppression columns {flags} without all of {list(FLAG_COLUMNS)}")
    value_cols = [c for c in columns[1:] if c not in FLAG_COLUMNS]
    frame = _values(raw, codec, skip, columns, value_cols, line_of, name)
    codes = frame["KEY_CODE"]  # cells as written: a stray space fails the code check
    level = _check_codes(codes, line_of, name)
    outside = 0
    own: list[str] = list(value_cols)
    if flags:
        for col in FLAG_COLUMNS:
            frame[col] = frame[col].fillna("")
        outside = _check_flags(frame, line_of, name)
        merged = (frame["HTKSYORI"] == "2").to_numpy()
        if merged.any():
            own = [c for c in value_cols if frame.loc[merged, c].notna().any()]
        frame["HTKSYORI"] = frame["HTKSYORI"].astype(np.int8)
        for col in ("HTKSAKI", "GASSAN"):
            frame[col] = frame[col].replace("", pd.NA).astype("string")
    frame.index = pd.Index(codes.to_numpy(), name="mesh_code")
    frame = frame.drop(columns="KEY_CODE")
    tables = {m.group(1) for c in value_cols if (m := re.match(r"^(T\d{6})\d{3}$", c))}
    frame.attrs = {
        "source": name,
        "encoding": used,
        "level": level,
        "labels": labels,
        "table": tables.pop() if len(tables) == 1 else None,
        "suppression": bool(flags),
        "own_columns": own,
        "symbols": _symbol_counts(frame[value_cols], raw),
        "receivers_outside": outside,
    }
    return frame
