"""Region schemes as data: which region each prefecture belongs to.

Five schemes ship in ``data/reference/region_schemes.csv`` (definitions and
sources in the manifest, see :func:`list_schemes`):

``eight``
    The eight customary regions, Okinawa in Kyushu.
``nine``
    As ``eight`` with Okinawa as its own region.
``meti``
    METI's regional bureau areas: Kanto includes Niigata, Yamanashi, Nagano and
    Shizuoka; Chubu is Toyama, Ishikawa, Gifu, Aichi and Mie; Kinki includes Fukui.
``tokaido``
    The Tokaido belt (Tokyo to Kobe along the Tokaido Main Line) vs the rest.
``pacific_belt``
    The 17-prefecture Pacific belt vs the rest.

Any function taking ``scheme=`` also accepts a mapping from prefecture (any
form :func:`jregion.to_code` reads) to a region label, covering all 47.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Literal, TypeAlias

import pandas as pd

from jregion._manifest import dataset_info, path_of
from jregion.codes import PREFECTURE_CODES, to_codes
from jregion.errors import SchemeError

if TYPE_CHECKING:
    import geopandas as gpd

__all__ = [
    "REGION_ALIASES",
    "SchemeLike",
    "SchemeName",
    "list_schemes",
    "load_regions",
    "region_of",
    "scheme_table",
]

SchemeName: TypeAlias = Literal["eight", "nine", "meti", "tokaido", "pacific_belt"]
SchemeLike: TypeAlias = SchemeName | Mapping[object, str]
SCHEMES: tuple[SchemeName, ...] = ("eight", "nine", "meti", "tokaido", "pacific_belt")

#: Other names users write for a region label.
REGION_ALIASES: dict[str, str] = {
    "kansai": "Kinki",
    "kinki": "Kinki",
    "tokaido": "Tokaido belt",
    "pacific": "Pacific belt",
}


@functools.cache
def _schemes() -> pd.DataFrame:
    return pd.read_csv(path_of("region_schemes"), dtype={"pref_code": str}, encoding="utf-8")


def _definition(name: str) -> str:
    return str(dataset_info("region_schemes")["definitions"][name])


def scheme_table(scheme: SchemeLike = "eight") -> pd.DataFrame:
    """Return the prefecture-to-region table of a scheme.

    Parameters
    ----------
    scheme : str or Mapping
        A scheme name (``"eight"``, ``"nine"``, ``"meti"``, ``"tokaido"``,
        ``"pacific_belt"``) or a mapping from prefecture to region label that
        covers all 47 prefectures.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``pref_code``, with columns ``region``, ``region_ja`` and
        ``region_order`` (display order). ``attrs["definition"]`` and
        ``attrs["scheme"]`` describe the scheme.

    Raises
    ------
    SchemeError
        For an unknown name, or a mapping that misses or repeats prefectures.

    Examples
    --------
    >>> import jregion
    >>> t = jregion.scheme_table("meti")
    >>> t.loc[["15", "22", "18"], "region"].tolist()
    ['Kanto', 'Kanto', 'Kinki']
    """
    if isinstance(scheme, str):
        if scheme not in SCHEMES:
            raise SchemeError(
                f"unknown region scheme {scheme!r}; use one of {', '.join(SCHEMES)} "
                "or pass a mapping {prefecture: region}"
            )
        df = _schemes()
        out = df[df["scheme"] == scheme].drop(columns="scheme").set_index("pref_code")
        out.attrs = {"scheme": scheme, "definition": _definition(scheme)}
        return out.loc[list(PREFECTURE_CODES)].copy()
    return _custom_table(scheme)


def _custom_table(mapping: Mapping[object, str]) -> pd.DataFrame:
    if not isinstance(mapping, Mapping):
        raise SchemeError(f"scheme must be a name or a mapping, got {type(mapping).__name__}")
    codes = to_codes(list(mapping.keys()))
    dup = codes[codes.duplicated()]
    if len(dup):
        raise SchemeError(f"scheme mapping lists prefecture(s) {sorted(set(dup))} more than once")
    missing = sorted(set(PREFECTURE_CODES) - set(codes))
    if missing:
        raise SchemeError(
            f"scheme mapping misses {len(missing)} prefecture(s): {missing[:10]}; "
            "map every prefecture, e.g. to 'Other'"
        )
    blank = [k for k, v in mapping.items() if v is None or (isinstance(v, float) and v != v)]
    if blank:
        raise SchemeError(
            f"scheme mapping gives no region for {blank[:10]}; map every prefecture to a label"
        )
    regions = [str(v) for v in mapping.values()]
    order = {r: i for i, r in enumerate(dict.fromkeys(regions), start=1)}
    out = pd.DataFrame(
        {"region": regions, "region_ja": regions, "region_order": [order[r] for r in regions]},
        index=pd.Index(codes.to_list(), name="pref_code"),
    ).loc[list(PREFECTURE_CODES)]
    out.attrs = {"scheme": "custom", "definition": "user mapping"}
    return out


def region_of(
    codes: pd.Series | pd.Index | Iterable[object], *, scheme: SchemeLike = "eight"
) -> pd.Series:
    """Map prefectures to the regions of a scheme.

    Parameters
    ----------
    codes : Series, Index or iterable
        Prefectures in any form :func:`jregion.to_codes` reads, or municipalities
        (5- or 6-digit codes, names) as :func:`jregion.to_municipal_code` reads
        them, which take their prefecture's region.
    scheme : str or Mapping, default "eight"
        See :func:`scheme_table`.

    Returns
    -------
    pandas.Series
        Region labels, aligned to the input (its index for a Series), named
        ``"region"``, as an ordered Categorical in the scheme's display order.

    Examples
    --------
    >>> import jregion
    >>> jregion.region_of(["Niigata", "Shizuoka", "Okinawa"], scheme="meti").tolist()
    ['Kanto', 'Kanto', 'Okinawa']
    >>> jregion.region_of(["Niigata", "Shizuoka", "Okinawa"], scheme="eight").tolist()
    ['Chubu', 'Chubu', 'Kyushu']
    >>> jregion.region_of(["14113", "北海道伊達市"]).tolist()
    ['Kanto', 'Hokkaido']
    """
    from jregion.municipal_codes import prefecture_codes

    pc = prefecture_codes(codes)
    table = scheme_table(scheme)
    order = table.drop_duplicates("region").sort_values("region_order")["region"].tolist()
    values = table["region"].reindex(pc.to_numpy()).to_numpy()
    cat = pd.Categorical(values, categories=order, ordered=True)
    return pd.Series(cat, index=pc.index, name="region")


def region_order(scheme: SchemeLike = "eight") -> list[str]:
    """Return a scheme's region labels in display order."""
    t = scheme_table(scheme)
    return t.drop_duplicates("region").sort_values("region_order")["region"].tolist()


def normalise_region(name: str, scheme: SchemeLike = "eight") -> str:
    """Return the scheme's label for a region name, accepting case and aliases ("Kansai").

    Raises
    ------
    SchemeError
        If the name is not a region of the scheme.
    """
    labels = region_order(scheme)
    by_fold = {lab.casefold(): lab for lab in labels}
    key = str(name).strip().casefold()
    if key in by_fold:
        return by_fold[key]
    alias = REGION_ALIASES.get(key)
    if alias in labels:
        return str(alias)
    import difflib

    close = difflib.get_close_matches(str(name), labels, n=3, cutoff=0.5)
    hint = f"; did you mean {' or '.join(map(repr, close))}?" if close else ""
    raise SchemeError(
        f"unknown region {name!r} in scheme {scheme if isinstance(scheme, str) else 'custom'}"
        f"{hint} (regions: {', '.join(labels)})"
    )


def list_schemes() -> pd.DataFrame:
    """List the bundled region schemes with their definitions and sources.

    Returns
    -------
    pandas.DataFrame
        Indexed by scheme name, with ``n_regions``, ``regions`` and ``definition``.

    Examples
    --------
    >>> import jregion
    >>> jregion.list_schemes()["n_regions"].to_dict()
    {'eight': 8, 'nine': 9, 'meti': 9, 'tokaido': 2, 'pacific_belt': 2}
    """
    rows = []
    for name in SCHEMES:
        labels = region_order(name)
        rows.append(
            {
                "scheme": name,
                "n_regions": len(labels),
                "regions": ", ".join(labels),
                "definition": _definition(name),
            }
        )
    return pd.DataFrame(rows).set_index("scheme")


@functools.cache
def _dissolved(scheme: str, resolution: str) -> gpd.GeoDataFrame:
    from jregion.boundaries import load_prefectures

    prefs = load_prefectures(resolution=resolution)  # type: ignore[arg-type]
    return _dissolve(prefs, scheme_table(scheme))  # type: ignore[arg-type]


def _dissolve(prefs: gpd.GeoDataFrame, table: pd.DataFrame) -> gpd.GeoDataFrame:
    import geopandas as gpd

    df = prefs[["geometry"]].join(table)
    groups = df.groupby("region", sort=False)
    geoms = groups["geometry"].agg(lambda s: s.union_all())
    meta = groups.agg(
        region_ja=("region_ja", "first"),
        region_order=("region_order", "first"),
        n_prefectures=("region_order", "size"),
    )
    meta["pref_codes"] = groups.apply(lambda g: ",".join(sorted(g.index)), include_groups=False)
    out = gpd.GeoDataFrame(meta, geometry=gpd.GeoSeries(geoms, crs=prefs.crs), crs=prefs.crs)
    out = out.sort_values("region_order")
    out.index.name = "region"
    return out


def load_regions(
    scheme: SchemeLike = "eight",
    *,
    resolution: Literal["full", "web"] = "full",
) -> gpd.GeoDataFrame:
    """Return region boundaries, dissolved from the prefectures.

    Parameters
    ----------
    scheme : str or Mapping, default "eight"
        See :func:`scheme_table`.
    resolution : {"full", "web"}, default "full"
        Which prefecture layer to dissolve.

    Returns
    -------
    geopandas.GeoDataFrame
        Indexed by ``region`` in the scheme's display order, with ``region_ja``,
        ``region_order``, ``n_prefectures``, ``pref_codes`` and geometry
        (EPSG:4326). Bundled schemes are dissolved once and cached; each call
        returns a copy.

    Examples
    --------
    >>> import jregion
    >>> r = jregion.load_regions("meti")
    >>> int(r.loc["Kanto", "n_prefectures"]), r.index.tolist()[:3]
    (11, ['Hokkaido', 'Tohoku', 'Kanto'])
    """
    if isinstance(scheme, str):
        scheme_table(scheme)  # validates the name
        return _dissolved(scheme, resolution).copy()
    from jregion.boundaries import load_prefectures

    return _dissolve(load_prefectures(resolution=resolution), scheme_table(scheme))
