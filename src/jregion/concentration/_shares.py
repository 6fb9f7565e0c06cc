"""Shares of regions in the national total, and primacy ratios between regions.

The data are keyed by prefecture (or municipality) with one column per activity or per
year, so a wide table of years gives shares over time.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import overload

import numpy as np
import pandas as pd

from jregion.concentration._common import shares as column_shares
from jregion.concentration._groups import Coverage, Level, prefecture_coverage
from jregion.concentration._shiftshare import _aggregate
from jregion.concentration._validate import InvalidDataError, as_table
from jregion.regions import SchemeLike, normalise_region, region_order

__all__ = ["primacy_ratio", "region_set_share", "region_shares"]


@overload
def region_shares(
    data: pd.Series,
    *,
    scheme: SchemeLike = "eight",
    level: Level = "prefecture",
    coverage: Coverage = "full",
) -> pd.Series: ...
@overload
def region_shares(
    data: pd.DataFrame,
    *,
    scheme: SchemeLike = "eight",
    level: Level = "prefecture",
    coverage: Coverage = "full",
) -> pd.DataFrame: ...
def region_shares(
    data: pd.Series | pd.DataFrame,
    *,
    scheme: SchemeLike = "eight",
    level: Level = "prefecture",
    coverage: Coverage = "full",
) -> pd.Series | pd.DataFrame:
    """Share of each region of a scheme in the national total.

    Parameters
    ----------
    data : Series or DataFrame
        Non-negative activity keyed by prefecture (or municipality) code; columns may be
        activities or years.
    scheme : str or Mapping, default "eight"
        A region scheme or a mapping prefecture -> region (see :func:`jregion.scheme_table`).
    level : {"prefecture", "municipality"}, default "prefecture"
        The kind of key in ``data``'s index.
    coverage : {"full", "partial"}, default "full"
        ``"full"`` raises :class:`~jregion.errors.CoverageError` unless every
        prefecture has a row (a share of the national total needs the whole country).
        ``"partial"`` takes shares of the covered total instead; regions without any
        row are then missing (NaN), never 0.

    Returns
    -------
    Series or DataFrame
        Indexed by ``region`` in the scheme's order (every region of the scheme); each
        column sums to 1. ``attrs["jregion_coverage"]`` lists the prefectures used
        (``"prefectures"``) and those without a row (``"missing"``).

    Raises
    ------
    CoverageError
        A prefecture has no row and ``coverage="full"``.
    DuplicateKeyError
        Two keys name the same prefecture (``"01"`` and ``"Hokkaido"``).

    Examples
    --------
    >>> import jregion
    >>> from jregion.indicators import load_indicator
    >>> m = load_indicator("manufacturing")["persons_employed"].unstack("year")
    >>> jregion.region_shares(m[[2000, 2005]], scheme="meti").loc["Kanto"].round(3).tolist()
    [0.386, 0.376]
    """
    tab = as_table(data)
    report = prefecture_coverage(tab.index, level=level, coverage=coverage)
    out, index = _aggregate(tab, column_shares(tab.values), scheme, level)
    frame = pd.DataFrame(out, index=index, columns=tab.columns.copy())
    frame = frame.reindex(pd.Index(region_order(scheme), name="region"))  # no row: NaN
    result: pd.Series | pd.DataFrame = (
        frame.iloc[:, 0].rename(tab.name) if tab.is_series else frame
    )
    result.attrs = {"jregion_coverage": report}
    return result


def _labels(regions: str | Sequence[str], scheme: SchemeLike) -> list[str]:
    names = [regions] if isinstance(regions, str) else list(regions)
    if not names:
        raise InvalidDataError("regions is empty; name at least one region, e.g. ['Kanto']")
    out = [normalise_region(r, scheme) for r in names]
    return list(dict.fromkeys(out))


@overload
def region_set_share(
    data: pd.Series,
    regions: str | Sequence[str],
    *,
    scheme: SchemeLike = "eight",
    level: Level = "prefecture",
    coverage: Coverage = "full",
) -> float: ...
@overload
def region_set_share(
    data: pd.DataFrame,
    regions: str | Sequence[str],
    *,
    scheme: SchemeLike = "eight",
    level: Level = "prefecture",
    coverage: Coverage = "full",
) -> pd.Series: ...
def region_set_share(
    data: pd.Series | pd.DataFrame,
    regions: str | Sequence[str],
    *,
    scheme: SchemeLike = "eight",
    level: Level = "prefecture",
    coverage: Coverage = "full",
) -> float | pd.Series:
    """Return the combined share of a region or a set of regions in the national total.

    Parameters
    ----------
    data : Series or DataFrame
        Non-negative activity keyed by prefecture (or municipality) code.
    regions : str or sequence of str
        Region label(s) of the scheme, case-insensitive; ``"Kansai"`` means ``"Kinki"``.
    scheme : str or Mapping, default "eight"
        The region scheme.
    level : {"prefecture", "municipality"}, default "prefecture"
        The kind of key in ``data``'s index.
    coverage : {"full", "partial"}, default "full"
        ``"full"`` raises :class:`~jregion.errors.CoverageError` unless every
        prefecture has a row (a share of the national total needs the whole country).
        ``"partial"`` takes shares of the covered total instead; regions without any
        row are then missing (NaN), never 0.

    Returns
    -------
    float or Series
        The share; for a DataFrame a Series indexed by its columns, named after the
        regions joined with ``"+"``, with ``attrs["jregion_coverage"]``. NaN if a named
        region has no row (``coverage="partial"``).

    Raises
    ------
    SchemeError
        A region name that the scheme does not have (with suggestions).

    Examples
    --------
    >>> import jregion
    >>> from jregion.indicators import load_indicator
    >>> m = load_indicator("manufacturing")["persons_employed"].unstack("year")
    >>> s = jregion.region_set_share(m[[2000, 2010]], ["Kanto", "Kansai", "Chubu"])
    >>> s.name, s.round(3).tolist()
    ('Kanto+Kinki+Chubu', [0.72, 0.718])
    """
    names = _labels(regions, scheme)
    shares = region_shares(as_frame(data), scheme=scheme, level=level, coverage=coverage)
    total = shares.loc[names].sum(axis=0, skipna=False)  # a region without rows: NaN
    if isinstance(data, pd.Series):
        return float(total.iloc[0])
    out = pd.Series(total.to_numpy(), index=shares.columns, name="+".join(names))
    out.attrs = dict(shares.attrs)
    return out


def as_frame(data: pd.Series | pd.DataFrame) -> pd.DataFrame:
    """Return a DataFrame view of a Series or DataFrame (a Series becomes one column)."""
    if isinstance(data, pd.Series):
        return data.to_frame(name=data.name if data.name is not None else "value")
    return data


@overload
def primacy_ratio(
    data: pd.Series,
    *,
    numerator: str = "Kanto",
    denominators: Sequence[str] = ("Kinki", "Chubu"),
    scheme: SchemeLike = "eight",
    level: Level = "prefecture",
    coverage: Coverage = "full",
) -> pd.Series: ...
@overload
def primacy_ratio(
    data: pd.DataFrame,
    *,
    numerator: str = "Kanto",
    denominators: Sequence[str] = ("Kinki", "Chubu"),
    scheme: SchemeLike = "eight",
    level: Level = "prefecture",
    coverage: Coverage = "full",
) -> pd.DataFrame: ...
def primacy_ratio(
    data: pd.Series | pd.DataFrame,
    *,
    numerator: str = "Kanto",
    denominators: Sequence[str] = ("Kinki", "Chubu"),
    scheme: SchemeLike = "eight",
    level: Level = "prefecture",
    coverage: Coverage = "full",
) -> pd.Series | pd.DataFrame:
    """Ratio of one region's activity to other regions' (e.g. Kanto / Kansai, Kanto / Chubu).

    Parameters
    ----------
    data : Series or DataFrame
        Non-negative activity keyed by prefecture (or municipality) code; columns may be
        years.
    numerator : str, default "Kanto"
        The dominant region.
    denominators : sequence of str, default ("Kinki", "Chubu")
        The regions to compare with; ``"Kansai"`` is accepted for ``"Kinki"``.
    scheme : str or Mapping, default "eight"
        The region scheme; the answer depends on it (METI's Kanto includes Shizuoka).
    level : {"prefecture", "municipality"}, default "prefecture"
        The kind of key in ``data``'s index.
    coverage : {"full", "partial"}, default "full"
        ``"full"`` raises :class:`~jregion.errors.CoverageError` unless every
        prefecture has a row (a share of the national total needs the whole country).
        ``"partial"`` takes shares of the covered total instead; regions without any
        row are then missing (NaN), never 0.

    Returns
    -------
    Series or DataFrame
        For a Series, one ratio per denominator, indexed ``"Kanto/Kinki"`` ...; for a
        DataFrame, one row per column of ``data`` and one column per ratio, with
        ``attrs["jregion_coverage"]``. A denominator region whose rows sum to zero gives
        ``inf``; a region with no rows at all (``coverage="partial"``) gives NaN, not
        0 or ``inf``: its activity is unknown, not zero.

    Examples
    --------
    >>> import jregion
    >>> from jregion.indicators import load_indicator
    >>> m = load_indicator("manufacturing")["persons_employed"].unstack("year")
    >>> jregion.primacy_ratio(m[[2000, 2010]], denominators=["Kansai", "Chubu"]).round(2)
          Kanto/Kinki  Kanto/Chubu
    year
    2000         1.49         1.07
    2010         1.37         0.92
    """
    num = _labels(numerator, scheme)[0]
    dens = _labels(list(denominators), scheme)
    shares = region_shares(as_frame(data), scheme=scheme, level=level, coverage=coverage)
    top = shares.loc[num].to_numpy()
    cols = {}
    with np.errstate(divide="ignore"):
        for d in dens:
            cols[f"{num}/{d}"] = top / shares.loc[d].to_numpy()
    out = pd.DataFrame(cols, index=shares.columns)
    result: pd.Series | pd.DataFrame = (
        pd.Series(out.iloc[0].to_numpy(), index=out.columns, name="primacy_ratio")
        if isinstance(data, pd.Series)
        else out
    )
    result.attrs = dict(shares.attrs)
    return result
