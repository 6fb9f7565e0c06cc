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
from jregion.concentration._groups import Level
from jregion.concentration._shiftshare import _aggregate
from jregion.concentration._validate import InvalidDataError, as_table
from jregion.regions import SchemeLike, normalise_region

__all__ = ["primacy_ratio", "region_set_share", "region_shares"]


@overload
def region_shares(
    data: pd.Series, *, scheme: SchemeLike = "eight", level: Level = "prefecture"
) -> pd.Series: ...
@overload
def region_shares(
    data: pd.DataFrame, *, scheme: SchemeLike = "eight", level: Level = "prefecture"
) -> pd.DataFrame: ...
def region_shares(
    data: pd.Series | pd.DataFrame,
    *,
    scheme: SchemeLike = "eight",
    level: Level = "prefecture",
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

    Returns
    -------
    Series or DataFrame
        Indexed by ``region`` in the scheme's order; each column sums to 1.

    Examples
    --------
    >>> import jregion
    >>> from jregion.indicators import load_indicator
    >>> m = load_indicator("manufacturing")["persons_employed"].unstack("year")
    >>> jregion.region_shares(m[[2000, 2005]], scheme="meti").loc["Kanto"].round(3).tolist()
    [0.386, 0.376]
    """
    tab = as_table(data)
    out, index = _aggregate(tab, column_shares(tab.values), scheme, level)
    if tab.is_series:
        return pd.Series(out[:, 0], index=index, name=tab.name)
    return pd.DataFrame(out, index=index, columns=tab.columns.copy())


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
) -> float: ...
@overload
def region_set_share(
    data: pd.DataFrame,
    regions: str | Sequence[str],
    *,
    scheme: SchemeLike = "eight",
    level: Level = "prefecture",
) -> pd.Series: ...
def region_set_share(
    data: pd.Series | pd.DataFrame,
    regions: str | Sequence[str],
    *,
    scheme: SchemeLike = "eight",
    level: Level = "prefecture",
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

    Returns
    -------
    float or Series
        The share; for a DataFrame a Series indexed by its columns, named after the
        regions joined with ``"+"``.

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
    shares = region_shares(as_frame(data), scheme=scheme, level=level)
    total = shares.reindex(pd.Index(names)).fillna(0.0).sum(axis=0)
    if isinstance(data, pd.Series):
        return float(total.iloc[0])
    return pd.Series(total.to_numpy(), index=shares.columns, name="+".join(names))


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
) -> pd.Series: ...
@overload
def primacy_ratio(
    data: pd.DataFrame,
    *,
    numerator: str = "Kanto",
    denominators: Sequence[str] = ("Kinki", "Chubu"),
    scheme: SchemeLike = "eight",
    level: Level = "prefecture",
) -> pd.DataFrame: ...
def primacy_ratio(
    data: pd.Series | pd.DataFrame,
    *,
    numerator: str = "Kanto",
    denominators: Sequence[str] = ("Kinki", "Chubu"),
    scheme: SchemeLike = "eight",
    level: Level = "prefecture",
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

    Returns
    -------
    Series or DataFrame
        For a Series, one ratio per denominator, indexed ``"Kanto/Kinki"`` ...; for a
        DataFrame, one row per column of ``data`` and one column per ratio. A region
        with no activity gives ``inf``.

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
    shares = region_shares(as_frame(data), scheme=scheme, level=level)
    # a region with no rows in the data has a share of 0 (ratio inf), never a KeyError
    shares = shares.reindex(list(dict.fromkeys([*shares.index, num, *dens])), fill_value=0.0)
    top = shares.loc[num].to_numpy()
    cols = {}
    with np.errstate(divide="ignore"):
        for d in dens:
            cols[f"{num}/{d}"] = top / shares.loc[d].to_numpy()
    out = pd.DataFrame(cols, index=shares.columns)
    if isinstance(data, pd.Series):
        return pd.Series(out.iloc[0].to_numpy(), index=out.columns, name="primacy_ratio")
    return out
