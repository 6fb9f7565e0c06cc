"""Read a user's Census of Manufacture download into the form of the bundled table.

METI's own prefecture tables (Excel/CSV from meti.go.jp) were not available to confirm
their layout, so this reader is written against the e-Stat forms that :func:`read_estat`
understands: an SSDS regional-statistics download with the manufacturing series (C3401,
C3403, C3404, 1975 onwards) or a statistical-table (db_table) download by prefecture.
That gives users who have the file the years before 2000 (1990 among them).
"""

from __future__ import annotations

import os
from typing import Literal

import pandas as pd

from jregion.readers._text import LayoutError
from jregion.readers.estat import read_estat

__all__ = ["read_census_manufacture"]

#: Output column for each indicator, recognised by its name in the file (code in brackets:
#: the SSDS code the series has).
_SERIES: tuple[tuple[str, str], ...] = (
    ("製造品出荷額", "shipments_myen"),  # C3404
    ("従業者数", "persons_employed"),  # C3403
    ("事業所数", "establishments"),  # C3401
)
#: Factor from the file's money unit to million yen.
_TO_MILLION_YEN: dict[str, float] = {"百万円": 1.0, "万円": 0.01, "千円": 0.001, "円": 1e-6}

#: Units accepted for the count series (establishments, persons employed).
_COUNT_UNITS = frozenset({"所", "事業所", "人"})


def _column(indicator: str) -> str | None:
    for key, col in _SERIES:
        if key in indicator:
            return col
    return None


def read_census_manufacture(
    path: str | os.PathLike[str],
    *,
    layout: Literal["auto", "ssds", "db_table"] = "auto",
    encoding: str | None = None,
) -> pd.DataFrame:
    r"""Read manufacturing establishments, persons and shipments by prefecture and year.

    Parameters
    ----------
    path : str or path-like
        An e-Stat CSV download with the manufacturing series, for example SSDS 都道府県データ
        with C3401 (事業所数), C3403 (従業者数) and C3404 (製造品出荷額等).
    layout : {"auto", "ssds", "db_table"}
        Passed to :func:`jregion.read_estat`.
    encoding : str, optional
        Passed to :func:`jregion.read_estat`.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``(pref_code, year)``, with the columns found among ``establishments``,
        ``persons_employed`` and ``shipments_myen`` (converted to million yen from the file's
        unit), each followed by ``<column>_annotation`` holding the symbol of a missing value
        (``X``, ``***``, ``-``; an empty string for numbers). Suppressed values stay missing,
        never zero.
        ``attrs``: ``national`` (the file's 全国 rows as plain records ``{year: {column: value}}``,
        kept apart rather than dropped; ``pd.DataFrame.from_dict(..., orient="index")`` makes
        a table of them; plain data so that ``pd.concat`` can compare attrs),
        ``indicators`` (file indicator per column, with code and unit) and the reader's attrs.

    Raises
    ------
    jregion.readers.LayoutError
        If the file has none of the three series, holds municipalities, or gives money in
        an unknown unit.
    jregion.EncodingError
        If the file cannot be decoded.

    Examples
    --------
    >>> import pathlib, tempfile, jregion
    >>> text = ('"調査年 コード","調査年","地域 コード","地域","/項目",'
    ...         '"C3403_従業者数（製造業）【人】","注釈"\r\n'
    ...         '"1990100000","1990年度","23000","愛知県","","900,000",""\r\n'
    ...         '"1990100000","1990年度","47000","沖縄県","","X",""\r\n')
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "made_up_values.csv"
    >>> _ = path.write_bytes(text.encode("cp932"))
    >>> m = jregion.read_census_manufacture(path)
    >>> int(m.loc[("23", 1990), "persons_employed"])
    900000
    >>> m.loc[("47", 1990), "persons_employed_annotation"]
    'X'
    """
    tidy = read_estat(path, layout=layout, encoding=encoding)
    tidy = tidy.assign(column=tidy["indicator"].fillna("").map(_column))
    found = tidy.dropna(subset=["column"])
    if found.empty:
        names = sorted(set(tidy["indicator"].dropna()))
        raise LayoutError(
            f"no manufacturing series (事業所数, 従業者数, 製造品出荷額等) in {os.fspath(path)!r}; "
            f"its indicators are: {', '.join(names[:20])}"
        )
    if (found["level"] == "municipality").any():
        raise LayoutError(
            "the file holds municipalities; download the prefecture table (都道府県データ)"
        )
    if (found["level"] == "unresolved").any():
        bad = sorted(set(found.loc[found["level"] == "unresolved", "area_name"]))
        raise LayoutError(f"area names that are not prefectures: {bad[:10]}")
    if found["year"].isna().any():
        raise LayoutError("some rows have no year; the file needs a 調査年 or 時間軸 column")
    found = found.copy()
    money = found["column"] == "shipments_myen"
    if found.loc[money, "unit"].isna().any():
        raise LayoutError(
            "shipments have no unit in their header (expected e.g. 【百万円】 or 【万円】); "
            "a value without a unit cannot be converted to million yen"
        )
    units = set(found.loc[money, "unit"].dropna())
    unknown = units - set(_TO_MILLION_YEN)
    if unknown:
        raise LayoutError(
            f"shipments in unknown unit(s) {sorted(unknown)}; "
            f"expected one of {list(_TO_MILLION_YEN)}"
        )
    counts = ~money & found["unit"].notna()
    bad_counts = set(found.loc[counts, "unit"]) - _COUNT_UNITS
    if bad_counts:
        raise LayoutError(
            f"establishments or persons in unit(s) {sorted(bad_counts)}; jregion reads plain "
            f"counts ({', '.join(sorted(_COUNT_UNITS))}): convert the file first"
        )
    factor = found.loc[money, "unit"].map(_TO_MILLION_YEN).astype("float64")
    found.loc[money, "value"] = found.loc[money, "value"] * factor
    keys = ["pref_code", "year", "column"]
    if found.duplicated(subset=[*keys, "level"]).any():
        raise LayoutError("a prefecture, year and series occur twice; pass one table per file")
    indicators = {
        col: sorted(
            {
                f"{c} {i} [{u}]"
                for c, i, u in zip(
                    g["indicator_code"].fillna(""),
                    g["indicator"],
                    g["unit"].fillna(""),
                    strict=True,
                )
            }
        )
        for col, g in found.groupby("column")
    }
    cols = [c for _, c in reversed(_SERIES) if c in indicators]

    def wide(part: pd.DataFrame, index: list[str]) -> pd.DataFrame:
        values = part.pivot(index=index, columns="column", values="value")
        notes = part.pivot(index=index, columns="column", values="annotation")
        out = pd.DataFrame(index=values.index)
        for c in cols:
            out[c] = values[c] if c in values else float("nan")
            out[f"{c}_annotation"] = notes[c].fillna("").astype(str) if c in notes else ""
        return out.sort_index()

    pref = wide(found[found["level"] == "prefecture"], ["pref_code", "year"])
    pref.index = pd.MultiIndex.from_arrays(
        [
            pref.index.get_level_values(0).astype(str),
            pref.index.get_level_values(1).astype("int64"),
        ],
        names=["pref_code", "year"],
    )
    nat_rows = found[found["level"] == "national"]
    national: dict[int, dict[str, object]] = {}
    if not nat_rows.empty:
        for year, rec in wide(nat_rows, ["year"]).iterrows():
            national[int(str(year))] = {
                str(k): (None if isinstance(v, float) and v != v else v) for k, v in rec.items()
            }
    pref.attrs = {**tidy.attrs, "national": national, "indicators": indicators}
    return pref
