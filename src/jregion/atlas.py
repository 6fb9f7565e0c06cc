"""The atlas: the study's figures and tables, remade from bundled, sourced data.

Each entry writes one file and returns its path. Figures whose data are not bundled
(manufacturing in 1990, high-technology factories in 2005) are not drawn from
substitutes of the same year: ``MISSING.md`` in the output folder says what is missing and why, and
what a user with the e-Stat download can run instead.

This is the command-line layer: it may use analysis and presentation together.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from jregion._manifest import dataset_info, list_datasets
from jregion._optional import import_optional
from jregion.boundaries import load_prefectures
from jregion.codes import prefecture_table
from jregion.crs import EQUAL_AREA_CRS
from jregion.indicators import load_indicator
from jregion.regions import region_of
from jregion.sites import SiteProgram, load_sites

__all__ = ["ENTRIES", "build_atlas"]

Entry = Callable[[Path, str], Path]


def _save(fig: Any, path: Path) -> Path:
    from jregion.plotting import save_figure

    out = save_figure(fig, path)
    import_optional("matplotlib.pyplot").close(fig)
    return out


def _employment() -> pd.DataFrame:
    return load_indicator("manufacturing")["persons_employed"].unstack("year")


def _counts(codes: pd.Series) -> pd.Series:
    prefs = list(prefecture_table().index)
    return codes.value_counts().reindex(prefs, fill_value=0).astype(float)


def fig_rd_gdp(out: Path, fmt: str) -> Path:
    """Figure 1: R&D expenditure as % of GDP, 1995-2005 (OECD MSTI via NSF)."""
    plt = import_optional("matplotlib.pyplot")
    from jregion.plotting import OKABE_ITO, get_preset

    rd = load_indicator("rd_gdp")["gerd_pct_gdp"].unstack("economy")
    preset = get_preset("journal-double")
    fig, ax = plt.subplots(figsize=(preset.figsize[0], preset.figsize[0] * 0.5))
    fig.subplots_adjust(left=0.08, right=0.80, bottom=0.17, top=0.90)
    order = rd.loc[rd.index.max()].sort_values(ascending=False).index
    for i, economy in enumerate(order):
        ax.plot(rd.index, rd[economy], "-" if economy == "Japan" else "--", marker="o", ms=3,
                label=economy, color=OKABE_ITO[i % len(OKABE_ITO)],
                lw=2.4 if economy == "Japan" else 1.2)
    ax.set_ylabel("GERD as % of GDP")
    ax.set_xlabel("Year")
    ax.set_title("R&D expenditure as a share of GDP, 1995-2005")
    ax.legend(loc="center left", bbox_to_anchor=(1.01, 0.5), fontsize="small", frameon=False)
    ax.grid(alpha=0.3)
    info = dataset_info("rd_gdp")
    fig.text(0.01, 0.01, f"Source: {info['publisher']}", fontsize=5, va="bottom")
    return _save(fig, out / f"fig1_rd_gdp.{fmt}")


def fig_universities(out: Path, fmt: str) -> Path:
    """Figure 2: imperial universities and numbered higher schools (present-day Japan)."""
    from jregion.plotting import PointLayer, plot_choropleth

    sites = load_sites("universities")
    sites = sites[~sites["outside_present_day_japan"].astype(bool) & sites.geometry.notna()]
    prefs = load_prefectures()
    prefs["institutions"] = _counts(sites["pref_code"])
    sites = sites.assign(kind=sites["type"].str.replace("_", " ").str.capitalize())
    fig, _ = plot_choropleth(
        prefs, "institutions", bins=[0, 1, 2], cmap="Greys", preset="journal-double",
        regions="eight", points=PointLayer(sites, color="kind"),
        legend_title="Institutions", title="Imperial universities and numbered higher schools",
    )
    return _save(fig, out / f"fig2_imperial_universities.{fmt}")


def fig_employment_change(out: Path, fmt: str) -> Path:
    """Figure 3 (substitute period): manufacturing employment change by region, 2000-2005."""
    from jregion.plotting import plot_choropleth
    from jregion.regions import load_regions

    m = _employment()
    regional = m.groupby(region_of(m.index, scheme="eight").to_numpy(), observed=True).sum()
    change = (regional[2005] / regional[2000] - 1) * 100
    regions = load_regions("eight")
    regions["change_pct"] = change.reindex(regions.index)
    fig, _ = plot_choropleth(
        regions, "change_pct", scheme="equal_interval", k=4, cmap="Reds_r",
        preset="journal-double", labels="en", legend_title="Change (%)",
        title="Manufacturing employment change by region, 2000-2005 (1990 not bundled)",
    )
    return _save(fig, out / f"fig3_manufacturing_change_2000_2005.{fmt}")


def _programme_map(
    program: SiteProgram, title: str, legend: str, regions: str
) -> Callable[[Path, str], Path]:
    def entry(out: Path, fmt: str) -> Path:
        from jregion.plotting import PointLayer, plot_choropleth

        sites = load_sites(program)
        prefs = load_prefectures()
        prefs["n"] = _counts(sites["pref_code"])
        k = int(prefs["n"].max())
        points = None
        if program == "technopolis":
            points = PointLayer(load_sites("tsukuba"), label="Tsukuba Science City")
        fig, _ = plot_choropleth(
            prefs, "n", bins=list(range(k + 1)), cmap="YlGnBu", preset="journal-double",
            regions=regions, points=points, legend_title=legend, title=title,
        )
        return _save(fig, out / f"fig_{program}.{fmt}")

    entry.__doc__ = title
    return entry


def fig_meti_clusters(out: Path, fmt: str) -> Path:
    """METI Industrial Cluster projects per regional-bureau area (the programme's own unit).

    Most projects' prefectures are not stated by any source, so they are counted by the
    bureau that runs them, on the METI bureau areas, not spread over prefectures.
    """
    from jregion.plotting import plot_choropleth
    from jregion.regions import load_regions

    sites = load_sites("meti_clusters")
    regions = load_regions("meti")
    per_bureau = sites.groupby("meti_region")["site_id"].nunique()
    regions["projects"] = per_bureau.reindex(regions.index, fill_value=0).astype(float)
    k = int(regions["projects"].max())
    fig, _ = plot_choropleth(
        regions, "projects", bins=list(range(k + 1)), cmap="YlGnBu", preset="journal-double",
        labels="en", legend_title="Projects (sourced)",
        title="METI Industrial Cluster projects per bureau area, FY2006-2007",
    )
    return _save(fig, out / f"fig_meti_clusters.{fmt}")


def fig_high_technology(out: Path, fmt: str) -> Path:
    """High-technology establishments by prefecture, 2019 (the study's 2005 is not bundled).

    High technology is the bundled OECD 2016 definition at JSIC middle-group level (28, 30;
    dataset ``jsic_technology``); a prefecture whose cell for one of them is not published
    is missing (hatched), never counted as 0.
    """
    from jregion.jsic import aggregate_jsic, jsic_groups
    from jregion.plotting import plot_choropleth

    year = 2019
    jsic = load_indicator("manufacturing_jsic_4plus", year=year)
    totals = aggregate_jsic(jsic, groups="high_technology", columns=["establishments"])
    prefs = load_prefectures()
    prefs["establishments"] = totals["establishments"].astype("float64").reindex(prefs.index)
    codes = " + ".join(jsic_groups("high_technology"))
    fig, _ = plot_choropleth(
        prefs, "establishments", scheme="quantiles", k=5, cmap="YlGnBu",
        preset="journal-double", regions="eight", legend_title="Establishments",
        title=f"High-technology establishments (JSIC {codes}, 4+ persons), {year}",
    )
    return _save(fig, out / f"fig4_high_technology_{year}.{fmt}")


def fig_lisa(out: Path, fmt: str) -> Path:
    """LISA of manufacturing employment change 2000-2005 by prefecture (Japan links)."""
    from jregion.autocorrelation import local_moran
    from jregion.plotting import plot_lisa
    from jregion.weights import build_weights

    m = _employment()
    change = (m[2005] / m[2000] - 1).rename("change")
    prefs = load_prefectures()
    graph = build_weights(prefs, links="japan")
    result = local_moran(change, graph, permutations=999, seed=2005)
    fig, _ = plot_lisa(result, prefs, preset="journal-double", regions="eight",
                       title="Local Moran clusters: manufacturing employment change 2000-2005")
    return _save(fig, out / f"fig_lisa_manufacturing_change.{fmt}")


def table_concentration(out: Path, fmt: str) -> Path:
    """Tokaido-belt share, Kanto primacy and inequality of manufacturing employment by year."""
    from jregion.concentration import corridor_share, gini, primacy_ratio, theil_decomposition

    m = _employment()
    frame = pd.DataFrame(index=pd.Index(m.columns, name="year"))
    frame["tokaido_share"] = corridor_share(m, method="membership").to_numpy()
    prim = primacy_ratio(m, denominators=["Kinki", "Chubu"])
    frame = frame.join(prim)
    frame["gini"] = np.asarray(gini(m))
    frame["theil_between_share_eight"] = theil_decomposition(m, groups="eight").to_frame()[
        "between_share"
    ].to_numpy()
    path = out / "table_concentration_manufacturing.csv"
    frame.round(4).to_csv(path)
    return path


def table_frameworks(out: Path, fmt: str) -> Path:
    """Table 1 of the study: frameworks promoting industry-science relationships."""
    t = load_indicator("frameworks")
    lines = ["# Japanese frameworks promoting industry-science relationships, 1995-2006", "",
             "| Year | Framework |", "|---|---|"]
    lines += [f"| {row.year} | {row.framework} |" for row in t.itertuples()]
    lines += ["", f"Source: {dataset_info('study_table1')['publisher']}"]
    path = out / "table1_frameworks.md"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def table_prefectures(out: Path, fmt: str) -> Path:
    """Prefecture reference table with boundary areas next to GSI's official areas."""
    prefs = load_prefectures()
    table = prefecture_table()
    gsi = load_indicator("area")
    df = pd.DataFrame(
        {
            "name_en": table["name_en"],
            "name_ja": table["name_ja"],
            "region_eight": region_of(table.index, scheme="eight").to_numpy(),
            "region_meti": region_of(table.index, scheme="meti").to_numpy(),
            "area_km2_boundaries": (prefs.to_crs(EQUAL_AREA_CRS).area / 1e6).round(1),
            "area_km2_gsi": gsi["area_km2"],
        }
    )
    ratio = df["area_km2_boundaries"] / df["area_km2_gsi"]
    df["area_difference_pct"] = ((ratio - 1) * 100).round(3)
    path = out / "table_prefectures.csv"
    df.to_csv(path, encoding="utf-8")
    return path


MISSING_TEXT = """# Figures of the study that the atlas cannot remake

- **Manufacturing job losses by region, 1990-2005** (the study's Fig. 3). No reachable public copy
  holds prefecture figures before 2000, so 1990 is not bundled (data/manifest.json,
  `manufacturing_census`, field `missing`). The atlas draws 2000-2005 instead, labelled as such.
  With your own e-Stat regional-statistics download of C3401/C3403/C3404:
  `jregion.read_census_manufacture(path)` gives the same tidy form including 1990.
- **High-technology factories by region, 2005** (the study's Fig. 4). The 2005 breakdown by
  JSIC middle group was not found anywhere reachable. The atlas draws 2019 instead (METI table
  3-01, establishments with 4 or more persons; `manufacturing_jsic_4plus`, 2016-2019), with
  high technology defined as the OECD 2016 high R&D-intensity groups JSIC 28 and 30
  (`jsic_technology`), labelled as such. JSIC groups 16, 27, 29 and 31 also hold high-technology
  detail (pharmaceuticals, instruments, electronic equipment, aircraft) that middle-group data
  cannot separate.
- Programme maps show only the sourced rows. METI projects are counted per bureau area, since
  most projects' prefectures are not stated by any source; 2 of METI's projects, 15 of MEXT's
  18 phase-I knowledge clusters and most City Areas were not found (see each dataset's
  `missing` field).
"""


def missing_note(out: Path, fmt: str) -> Path:
    """Write MISSING.md: what the atlas cannot draw, and why."""
    path = out / "MISSING.md"
    path.write_text(MISSING_TEXT, encoding="utf-8")
    return path


def sources_note(out: Path, fmt: str) -> Path:
    """Source, licence and vintage of every bundled dataset."""
    lines = ["# Sources of the bundled data", ""]
    for name in list_datasets().index:
        info = dataset_info(name)
        lines.append(f"- **{name}**: {info['title']}. {info['publisher']}; {info['vintage']}.")
        lines.append(f"  Licence: {info['licence']}")
    path = out / "SOURCES.md"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


#: Atlas entries in output order.
ENTRIES: dict[str, Entry] = {
    "rd_gdp": fig_rd_gdp,
    "universities": fig_universities,
    "manufacturing_change": fig_employment_change,
    "high_technology": fig_high_technology,
    "meti_clusters": fig_meti_clusters,
    "mext_clusters": _programme_map(
        "mext_clusters", "MEXT Knowledge Cluster and City Areas per prefecture (sourced rows)",
        "Areas", "eight"),
    "technopolis": _programme_map(
        "technopolis", "Technopolis areas (1983 law) per prefecture, and Tsukuba",
        "Areas", "eight"),
    "lisa": fig_lisa,
    "concentration": table_concentration,
    "frameworks": table_frameworks,
    "prefectures": table_prefectures,
    "missing": missing_note,
    "sources": sources_note,
}


def build_atlas(out: Path, *, fmt: str = "png", only: list[str] | None = None) -> list[Path]:
    """Write the atlas entries to ``out`` and return the paths written.

    Parameters
    ----------
    out : pathlib.Path
        Output folder, created if needed.
    fmt : {"png", "pdf", "svg"}, default "png"
        Figure format.
    only : list of str, optional
        Entry names (keys of :data:`ENTRIES`) to write; default all.

    Returns
    -------
    list of pathlib.Path

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from jregion.atlas import build_atlas
    >>> with tempfile.TemporaryDirectory() as d:
    ...     names = [p.name for p in build_atlas(pathlib.Path(d), only=["frameworks"])]
    >>> names
    ['table1_frameworks.md']
    """
    names = list(ENTRIES) if only is None else only
    unknown = [n for n in names if n not in ENTRIES]
    if unknown:
        raise ValueError(f"unknown atlas entries {unknown}; choose from {', '.join(ENTRIES)}")
    out.mkdir(parents=True, exist_ok=True)
    return [ENTRIES[n](out, fmt) for n in names]
