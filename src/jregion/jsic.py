"""JSIC middle groups: technology classes and totals over a chosen set of groups.

:func:`aggregate_jsic` sums a prefecture x JSIC panel (``load_indicator("manufacturing_jsic")``
or ``"manufacturing_jsic_4plus"``, or a user's own table with a ``jsic_code`` index level)
over a set of middle groups, such as the high-technology groups of the bundled
``jsic_technology`` classification. A total is missing when one of its cells is missing
(suppressed by METI, or nil): it is never a sum of the cells that happen to be published.
The count of missing cells is returned next to it, so nothing is hidden.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Literal

import pandas as pd

from jregion._keys import check_unique
from jregion.indicators import load_indicator

__all__ = ["JSIC_MIDDLE_GROUPS", "TechnologySet", "aggregate_jsic", "jsic_groups"]

#: JSIC Rev. 13 middle groups of division E (manufacturing), "09".."32".
JSIC_MIDDLE_GROUPS: tuple[str, ...] = tuple(f"{i:02d}" for i in range(9, 33))

TechnologySet = Literal["high_technology", "high_or_medium_high"]


def jsic_groups(definition: TechnologySet = "high_technology") -> list[str]:
    """Return the JSIC middle groups of a bundled technology definition.

    Parameters
    ----------
    definition : {"high_technology", "high_or_medium_high"}
        A boolean column of ``load_indicator("jsic_technology")``: the groups whose OECD
        2016 R&D-intensity class is high (28, 30), or high and medium-high.

    Returns
    -------
    list of str
        Two-digit JSIC codes, sorted.

    Examples
    --------
    >>> import jregion
    >>> jregion.jsic_groups()
    ['28', '30']
    >>> jregion.jsic_groups("high_or_medium_high")
    ['16', '25', '26', '27', '28', '29', '30', '31']
    """
    if definition not in ("high_technology", "high_or_medium_high"):
        raise ValueError(
            f"unknown definition {definition!r}; choose 'high_technology' or "
            "'high_or_medium_high', or pass your own codes to aggregate_jsic(groups=...)"
        )
    table = load_indicator("jsic_technology")
    return sorted(table.index[table[definition].astype(bool)])


def _codes(groups: TechnologySet | Collection[str]) -> list[str]:
    if isinstance(groups, str):
        return jsic_groups(groups)  # type: ignore[arg-type]
    codes = [str(g) for g in groups]
    unknown = sorted(set(codes) - set(JSIC_MIDDLE_GROUPS))
    if unknown:
        raise ValueError(
            f"unknown JSIC middle groups {unknown}; use two-digit codes '09'..'32' as strings"
        )
    if not codes:
        raise ValueError("groups is empty; name at least one JSIC middle group")
    if len(set(codes)) != len(codes):
        raise ValueError(f"groups lists a code twice: {codes}")
    return sorted(codes)


def aggregate_jsic(
    df: pd.DataFrame,
    *,
    groups: TechnologySet | Collection[str] = "high_technology",
    columns: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Sum a panel by JSIC middle group over a set of groups, keeping missing cells visible.

    Parameters
    ----------
    df : pandas.DataFrame
        Indexed with a ``jsic_code`` level and any other levels (``pref_code``, ``year``);
        one row per key.
    groups : {"high_technology", "high_or_medium_high"} or collection of str
        A bundled definition (see :func:`jsic_groups`) or your own two-digit codes.
    columns : sequence of str, optional
        Numeric columns to sum; default every numeric column (``*_flag`` columns are text).

    Returns
    -------
    pandas.DataFrame
        Indexed by the other levels of ``df``'s index. For each column ``c``: ``c``, the
        total over the groups (``<NA>`` if any of its cells is missing), and
        ``c_missing``, the number of missing cells. ``n_groups`` counts the rows found; a
        key without a row for a listed group is counted as missing too. ``attrs["groups"]``
        lists the codes.

    Raises
    ------
    DuplicateKeyError
        If ``df`` repeats a key.
    ValueError
        If ``df`` has no ``jsic_code`` index level, unknown codes or non-numeric columns.

    Examples
    --------
    >>> import jregion
    >>> jsic = jregion.load_indicator("manufacturing_jsic_4plus", year=2019)
    >>> ht = jregion.aggregate_jsic(jsic, columns=["establishments", "persons_employed"])
    >>> ht.attrs["groups"]
    ['28', '30']
    >>> int(ht.loc["13", "establishments"]), int(ht.loc["13", "establishments_missing"])
    (359, 0)
    """
    if "jsic_code" not in (df.index.names or []):
        raise ValueError(
            "df needs a 'jsic_code' index level, as load_indicator('manufacturing_jsic') "
            f"returns; got index levels {list(df.index.names)}"
        )
    check_unique(df.index, what="df", kind="keys",
                 fix="aggregate them first, e.g. df.groupby(level=df.index.names).sum()")
    level = df.index.get_level_values("jsic_code")
    if not all(isinstance(v, str) for v in level.unique()):
        raise ValueError(
            "the jsic_code level must hold two-digit strings ('09'..'32'); convert it, e.g. "
            "with .astype(str).str.zfill(2)"
        )
    codes = _codes(groups)
    if columns is None:
        columns = [c for c in df.columns if pd.api.types.is_numeric_dtype(df[c])]
    else:
        columns = list(columns)
        absent = [c for c in columns if c not in df.columns]
        if absent:
            raise ValueError(f"columns {absent} are not in df; it has {list(df.columns)}")
        text = [c for c in columns if not pd.api.types.is_numeric_dtype(df[c])]
        if text:
            raise ValueError(f"columns {text} are not numeric")
    if not columns:
        raise ValueError("df has no numeric columns to sum")
    others = [str(n) for n in df.index.names if n != "jsic_code"]
    picked = df.loc[df.index.get_level_values("jsic_code").isin(codes), columns]
    keys: pd.Index
    if others:
        frame = df.index.to_frame(index=False)[others].drop_duplicates()
        keys = (
            pd.MultiIndex.from_frame(frame) if len(others) > 1 else pd.Index(frame[others[0]])
        )
        grouped = picked.groupby(level=others, sort=True)
        found = grouped.size().reindex(keys, fill_value=0)
        sums = grouped.sum(min_count=1).reindex(keys)
        na = picked.isna().groupby(level=others, sort=True).sum().reindex(keys, fill_value=0)
    else:
        keys = pd.RangeIndex(1)
        found = pd.Series([len(picked)], index=keys)
        sums = picked.sum(min_count=1).to_frame().T.set_axis(keys)
        na = picked.isna().sum().to_frame().T.set_axis(keys)
    absent_rows = len(codes) - found
    out = pd.DataFrame(index=keys)
    for c in columns:
        n_missing = (na[c] + absent_rows).astype("int64")
        out[c] = sums[c].where(n_missing == 0)
        out[f"{c}_missing"] = n_missing
    out["n_groups"] = found.astype("int64")
    out = out.sort_index()
    out.attrs = {"groups": codes}
    return out
