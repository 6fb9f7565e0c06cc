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
from jregion.readers.estat import TIDY_COLUMNS, read_estat

__all__ = ["read_census_manufacture"]

#: SSDS indicator code -> (word its name must contain, output column).
_SSDS_CODES: dict[str, tuple[str, str]] = {
    "C3401": ("事業所数", "establishments"),
    "C3403": ("従業者数", "persons_employed"),
    "C3404": ("製造品出荷額", "shipments_myen"),
}
#: Statistical-table (db_table) indicator names that are manufacturing totals whatever the
#: table; the bare names (事業所数, ...) count only in a Census of Manufacture (工業統計) table
#: or with an industry dimension at 製造業 (otherwise 事業所数 may be all industries).
_DB_NAMES: dict[str, str] = {
    "事業所数（製造業）": "establishments",
    "従業者数（製造業）": "persons_employed",
    "製造品出荷額等（製造業）": "shipments_myen",
    "製造品出荷額等": "shipments_myen",
}
_DB_BARE: dict[str, str] = {
    "事業所数": "establishments",
    "従業者数": "persons_employed",
    "製造品出荷額等": "shipments_myen",
}
#: Values of an industry dimension that mean all of manufacturing (JSIC section E).
_MANUFACTURING_TOTAL = frozenset({"製造業", "製造業計", "製造業合計", "製造業総数", "E製造業"})
_SERIES_ORDER = ("establishments", "persons_employed", "shipments_myen")
#: Factor from the file's money unit to million yen.
_TO_MILLION_YEN: dict[str, float] = {"百万円": 1.0, "万円": 0.01, "千円": 0.001, "円": 1e-6}

#: Units accepted for the count series (establishments, persons employed).
_COUNT_UNITS = frozenset({"所", "事業所", "人"})


def _ssds_columns(tidy: pd.DataFrame) -> pd.Series:
    """Output column per row, by SSDS indicator code; a code whose name disagrees raises."""
    codes = tidy["indicator_code"].fillna("").astype(str)
    out = codes.map(lambda c: _SSDS_CODES[c][1] if c in _SSDS_CODES else None)
    for code, (word, _) in _SSDS_CODES.items():
        names = set(tidy.loc[codes == code, "indicator"].dropna())
        wrong = sorted(n for n in names if word not in n or "当たり" in n)
        if wrong:
            raise LayoutError(
                f"indicator code {code} should be {word}（製造業）, but the file names it "
                f"{wrong}; the file's codes and names disagree"
            )
    return out


def _db_columns(tidy: pd.DataFrame) -> pd.Series:
    """Output column per row of a statistical table, by exact indicator name and industry."""
    extras = [c for c in tidy.columns if c not in TIDY_COLUMNS]
    industry = [c for c in extras if "産業" in c and not c.endswith("コード")]
    census = "工業統計" in str(tidy.attrs.get("metadata", {}).get("統計名", ""))
    for dim in industry:
        values = sorted(set(tidy[dim].astype(str)) - {""})
        other = [v for v in values if v.replace(" ", "").replace("\u3000", "")
                 not in _MANUFACTURING_TOTAL]
        if other:
            raise LayoutError(
                f"the table's industry dimension {dim!r} holds {other[:5]}, not manufacturing "
                "as a whole (製造業計); read_census_manufacture reads manufacturing totals "
                "only: download the table for 製造業計, or filter it first"
            )
    names = dict(_DB_NAMES)
    if industry or census:
        names.update(_DB_BARE)
    return tidy["indicator"].map(lambda n: names.get(str(n).strip()) if pd.notna(n) else None)


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
        with C3401 (事業所数), C3403 (従業者数) and C3404 (製造品出荷額等). SSDS series are
        chosen by indicator code (other indicators in the file are not read); statistical
        tables by exact indicator name, and only for manufacturing as a whole: an industry
        dimension must be 製造業計, and the bare names 事業所数 and 従業者数 (which may
        count all industries) are read only from a 工業統計 table or one with that
        industry dimension.
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
        If the file has none of the three series, holds municipalities, gives money in
        an unknown unit, names a code with another indicator, or is a table of one
        manufacturing industry (食料品製造業) rather than all of manufacturing.
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
    pick = _ssds_columns if tidy.attrs["layout"] == "ssds" else _db_columns
    tidy = tidy.assign(column=pick(tidy))
    found = tidy.dropna(subset=["column"])
    if found.empty:
        names = sorted(
            {f"{c} {i}".strip() for c, i in zip(
                tidy["indicator_code"].fillna(""), tidy["indicator"].fillna(""), strict=True
            )}
        )
        raise LayoutError(
            f"no manufacturing series in {os.fspath(path)!r}: read_census_manufacture reads "
            "SSDS C3401 事業所数（製造業）, C3403 従業者数（製造業）, "
            "C3404 製造品出荷額等（製造業）, or a statistical table of 事業所数, 従業者数, "
            "製造品出荷額等 for manufacturing as a "
            f"whole (製造業計); the file's indicators are: {', '.join(names[:20])}"
        )
    if (found["level"] == "municipality").any():
        raise LayoutError(
            "the file holds municipalities; download the prefecture table (都道府県データ)"
        )
    if (found["level"] == "unresolved").any():
        bad = sorted(set(found.loc[found["level"] == "unresolved", "area_name"]))
        raise LayoutError(f"area names that are not prefectures: {bad[:10]}")
    if found["year"].isna().any():
        raise LayoutError(
            "some rows have no year that could be read: the file needs a 調査年 or 時間軸 "
            "column whose labels name a year (2005年度, 平成17年度)"
        )
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
    cols = [c for c in _SERIES_ORDER if c in indicators]

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
