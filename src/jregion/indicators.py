"""Bundled, sourced indicators: Census of Manufacture, census population, area, R&D, Table 1.

:func:`load_indicator` returns a DataFrame keyed by the two-digit JIS prefecture code
(``pref_code``), or by ``(pref_code, year)`` for panels. Its ``attrs`` carry the manifest
entry: source, units, vintage, definitions and the values that are missing and why.
:func:`list_indicators` says what is bundled.

Nothing here is estimated. Where the two copies of the Census of Manufacture disagree
(for example shipments of Osaka in 2005) the value is missing, and ``attrs["missing"]``
lists both copies' figures. Where a second source settles a disagreement (shipments of
Tochigi 2005 and Fukushima 2016) the confirmed figure is shipped and ``attrs["resolved"]``
names the source.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from typing import Any, Literal, get_args

import numpy as np
import pandas as pd

from jregion._manifest import dataset_info, path_of

__all__ = ["IndicatorName", "list_indicators", "load_indicator"]

IndicatorName = Literal[
    "manufacturing",
    "manufacturing_jsic",
    "manufacturing_jsic_4plus",
    "manufacturing_jsic_2014",
    "jsic_technology",
    "population",
    "population_national",
    "population_cities_2015",
    "area",
    "rd_gdp",
    "frameworks",
]


@dataclass(frozen=True)
class _Spec:
    dataset: str
    index: tuple[str, ...]
    dtypes: tuple[tuple[str, Literal["Int64", "float64", "boolean"]], ...]
    description: str
    drop: tuple[str, ...] = ()


def _ints(*columns: str) -> tuple[tuple[str, Literal["Int64"]], ...]:
    return tuple((c, "Int64") for c in columns)


_JSIC_INDEX = ("pref_code", "year", "jsic_code")
#: Value columns of the 4+ table 3-01; table 3-03 (30+) has these and more.
_JSIC_4PLUS = (
    "establishments",
    "persons_employed",
    "shipments_myen",
    "value_added_myen",
    "wages_myen",
    "raw_materials_myen",
)

_SPECS: dict[str, _Spec] = {
    "manufacturing": _Spec(
        "manufacturing_census",
        ("pref_code", "year"),
        (
            ("establishments", "Int64"),
            ("persons_employed", "Int64"),
            ("wages_myen", "Int64"),
            ("raw_materials_myen", "Int64"),
            ("shipments_myen", "Int64"),
        ),
        "Census of Manufacture, 4+ persons, 2000-2020",
    ),
    "manufacturing_jsic": _Spec(
        "manufacturing_jsic",
        _JSIC_INDEX,
        _ints(
            *_JSIC_4PLUS,
            "production_myen",
            "establishments_30_99",
            "establishments_100_299",
            "establishments_300plus",
        ),
        "Census of Manufacture by JSIC middle group, 30+ persons, 2016-2019",
    ),
    "manufacturing_jsic_4plus": _Spec(
        "manufacturing_jsic_4plus",
        _JSIC_INDEX,
        _ints(*_JSIC_4PLUS),
        "Census of Manufacture by JSIC middle group, 4+ persons, 2016-2019",
    ),
    "manufacturing_jsic_2014": _Spec(
        "manufacturing_jsic_2014",
        _JSIC_INDEX,
        _ints(
            "establishments",
            "persons_employed",
            "shipments_10kyen",
            "wages_10kyen",
            "raw_materials_10kyen",
            "gross_value_added_10kyen",
            "establishments_30_299",
            "establishments_300plus",
        ),
        "Census of Manufacture by JSIC middle group, 4+ persons, 2014 (money in 10,000 yen)",
    ),
    "jsic_technology": _Spec(
        "jsic_technology",
        ("jsic_code",),
        (("high_technology", "boolean"), ("high_or_medium_high", "boolean")),
        "OECD 2016 R&D-intensity class of each JSIC middle group",
    ),
    "population": _Spec(
        "population_census",
        ("pref_code", "year"),
        (("population", "Int64"), ("male", "Int64"), ("female", "Int64")),
        "Population census, 1920-2015",
    ),
    "population_national": _Spec(
        "population_census_national",
        ("year",),
        (("population", "Int64"), ("male", "Int64"), ("female", "Int64")),
        "Population census, national total row, 1920-2015",
    ),
    "population_cities_2015": _Spec(
        "population_cities_2015",
        ("muni_code",),
        (("population_2015", "Int64"),),
        "Population census 2015, the 792 cities (市), by municipal code",
        drop=("pref_code", "name_ja"),  # in load_municipalities(); would clash in joins
    ),
    "area": _Spec(
        "area_gsi",
        ("pref_code",),
        (("area_km2", "float64"), ("area_km2_2015_crosscheck", "float64")),
        "GSI prefecture areas (published 2019)",
        drop=("name_en",),  # names are in prefecture_table(); a name column would clash in joins
    ),
    "rd_gdp": _Spec(
        "rd_gdp",
        ("economy", "year"),
        (("gerd_pct_gdp", "float64"),),
        "GERD as % of GDP, 8 economies, 1995-2005 (OECD MSTI 2019/1)",
    ),
    "frameworks": _Spec(
        "study_table1",
        (),
        (),
        "The study's Table 1: frameworks 1995-2006",
    ),
}
assert set(_SPECS) == set(get_args(IndicatorName))


def _plain(value: Any) -> Any:
    """Turn the read-only manifest mapping into plain dicts and lists (for ``attrs``)."""
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    if hasattr(value, "items"):
        return {str(k): _plain(v) for k, v in value.items()}
    return [_plain(v) for v in value]


@functools.cache
def _read(name: str) -> pd.DataFrame:
    spec = _SPECS[name]
    str_cols = {
        c: str
        for c in (
            "pref_code",
            "muni_code",
            "name_ja",
            "economy",
            "copies",
            "withheld",
            "threshold",
            "survey",
            "annotation",
            "name_en",
            "source_row_id",
            "framework",
            "jsic_code",
            "jsic_name",
            "stats_data_id",
            "isic4_main",
            "oecd_class",
            "high_detail",
            "other_classes",
            *(f"{c}_flag" for c, _ in spec.dtypes),
        )
    }
    df = pd.read_csv(
        path_of(spec.dataset),
        dtype=str_cols,
        keep_default_na=False,
        na_values={c: [""] for c, _ in spec.dtypes},
        encoding="utf-8",
    )
    for col, dtype in spec.dtypes:
        df[col] = df[col].astype(dtype)
    if "year" in df.columns:
        df["year"] = df["year"].astype("int64")
    df = df.drop(columns=list(spec.drop))
    if spec.index:
        df = df.set_index(list(spec.index)).sort_index()
    return df


def load_indicator(name: IndicatorName, *, year: int | None = None) -> pd.DataFrame:
    """Load a bundled indicator with its manifest entry in ``attrs``.

    Parameters
    ----------
    name : IndicatorName
        One of "manufacturing", "manufacturing_jsic", "manufacturing_jsic_4plus",
        "manufacturing_jsic_2014", "jsic_technology", "population", "population_national",
        "population_cities_2015", "area", "rd_gdp", "frameworks".
        ``manufacturing``: METI Census of Manufacture, establishments with 4 or more persons,
        2000-2020 (establishments, persons employed, wages, raw materials, shipments; money in
        million yen). ``manufacturing_jsic``: the same census by JSIC middle group (09-32),
        establishments with 30 or more persons (table 3-03, with net value added and size
        bands), 2016-2019, indexed by ``(pref_code, year, jsic_code)``
        (``(pref_code, jsic_code)`` with ``year``); suppressed cells are ``<NA>`` and each
        value column has a ``*_flag`` column ("ok", "suppressed", "nil_or_na",
        "absent_from_source"). ``manufacturing_jsic_4plus``: the same for establishments
        with 4 or more persons (table 3-03's sibling 3-01; its value added is net for 30+
        and gross for 4-29 persons, as METI publishes it). ``manufacturing_jsic_2014``: the
        2014 table (4+ persons), money in 万円 (10,000 yen) as published, gross value added
        only, counts at 31 December. ``jsic_technology``: the OECD
        2016 R&D-intensity class of each middle group, indexed by ``jsic_code``, with the
        boolean sets ``high_technology`` and ``high_or_medium_high`` that
        :func:`jregion.aggregate_jsic` uses. ``population``: census
        population 1920-2015 by sex. ``population_national``: the census's national row,
        indexed by year. ``population_cities_2015``: census population 2015 of the 792
        cities (市), indexed by ``muni_code`` (towns, villages and Tokyo's wards are not in
        the e-Stat download it comes from). ``area``: GSI areas (km2).
        ``rd_gdp``: GERD as % of GDP, indexed by ``(economy, year)``. ``frameworks``: the
        study's Table 1 (year, framework), one row per framework.
    year : int, optional
        For panels, keep one year and index by ``pref_code`` (or ``economy`` for
        ``rd_gdp``); for ``frameworks``, keep the rows of that year. Not allowed for
        ``area``, which has a single vintage.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``pref_code`` ("01".."47"), or ``(pref_code, year)`` for panels when
        ``year`` is None. Missing values are ``<NA>``, never zero. ``attrs`` holds
        ``dataset``, ``title``, ``source`` (publisher and table), ``copy``, ``units``,
        ``vintage``, ``definitions``, ``licence``, ``attribution``, ``missing`` and
        ``resolved`` (disagreements between copies settled by a second source).

    Raises
    ------
    ValueError
        If ``name`` is unknown, or ``year`` is not in the data (the message lists the years).

    Examples
    --------
    >>> import jregion
    >>> m = jregion.load_indicator("manufacturing", year=2005)
    >>> int(m.loc["23", "persons_employed"]), m.attrs["units"]["shipments_myen"]
    (816755, 'million yen')
    >>> bool(pd.isna(m.loc["27", "shipments_myen"]))  # the two copies disagree
    True
    >>> int(m.loc["09", "shipments_myen"])  # settled by Tochigi Prefecture's report
    8352186
    >>> int(jregion.load_indicator("population").loc[("13", 1990), "population"])
    11855563
    """
    if name not in _SPECS:
        raise ValueError(f"unknown indicator {name!r}; choose one of {', '.join(_SPECS)}")
    spec = _SPECS[name]
    df = _read(name).copy()
    if year is not None:
        if isinstance(year, (bool, np.bool_)) or not isinstance(year, (int, np.integer)):
            raise TypeError(f"year must be an int, got {type(year).__name__}")
        year = int(year)
        if "year" not in spec.index and "year" not in df.columns:
            raise ValueError(
                f"{name!r} has a single vintage; call load_indicator({name!r}) without year"
            )
        years = sorted(
            set(df.index.get_level_values("year") if "year" in spec.index else df["year"])
        )
        if year not in years:
            raise ValueError(
                f"{name!r} has no year {year}; available: {', '.join(str(y) for y in years)}"
            )
        if "year" in spec.index:
            picked = df.xs(year, level="year") if len(spec.index) > 1 else df.loc[[year]]
            df = picked if isinstance(picked, pd.DataFrame) else picked.to_frame().T
        else:
            df = df[df["year"] == year]
    info = _plain(dataset_info(spec.dataset))
    df.attrs = json.loads(
        json.dumps(
            {
                "dataset": spec.dataset,
                "title": info.get("title"),
                "source": f"{info.get('publisher')}: {info.get('source_table')}",
                "copy": info.get("copy"),
                "units": info.get("units", {}),
                "vintage": info.get("vintage"),
                "definitions": info.get("definitions", {}),
                "licence": info.get("licence"),
                "attribution": info.get("attribution"),
                "missing": info.get("missing", []),
                "resolved": info.get("resolved", []),
                "year": year,
            }
        )
    )
    return df


def list_indicators() -> pd.DataFrame:
    """List the bundled indicators, their index, years and units.

    Returns
    -------
    pandas.DataFrame
        One row per indicator name (the argument of :func:`load_indicator`), with the
        manifest ``dataset``, ``title``, ``index``, ``years`` (first-last) and ``units``.

    Examples
    --------
    >>> import jregion
    >>> t = jregion.list_indicators()
    >>> t.loc["manufacturing", "years"], t.loc["area", "index"]
    ('2000-2020', 'pref_code')
    """
    rows = []
    for name, spec in _SPECS.items():
        df = _read(name)
        if "year" in spec.index:
            ys = df.index.get_level_values("year")
        elif "year" in df.columns:
            ys = pd.Index(df["year"])
        else:
            ys = pd.Index([])
        info = dataset_info(spec.dataset)
        rows.append(
            {
                "name": name,
                "dataset": spec.dataset,
                "title": info.get("title"),
                "index": ", ".join(spec.index) or "row number",
                "years": f"{ys.min()}-{ys.max()}" if len(ys) else "",
                "units": "; ".join(f"{k}: {v}" for k, v in dict(info.get("units", {})).items()),
            }
        )
    return pd.DataFrame(rows).set_index("name")
