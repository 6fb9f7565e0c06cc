"""The atlas figures: each function computes with the analysis layer and draws with plotting.

Every figure carries its data credit (dataset, table and year) next to the boundary credit, at
6 pt or more at the printed width (170 mm), and fills the page width.
"""

from __future__ import annotations

import itertools
import math
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import numpy as np
import pandas as pd

from jregion._manifest import dataset_info
from jregion._optional import import_optional
from jregion.atlas._build import Context, Output
from jregion.boundaries import attribution as boundary_credit
from jregion.boundaries import load_prefectures
from jregion.codes import prefecture_table
from jregion.indicators import load_indicator
from jregion.regions import load_regions, region_of
from jregion.sites import SiteProgram, load_sites

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = [
    "fig_employment_change",
    "fig_high_technology",
    "fig_lisa",
    "fig_meti_clusters",
    "fig_rd_gdp",
    "fig_universities",
    "programme_map",
]

#: Printed width of every atlas figure (two journal columns), mm.
WIDTH_MM = 170.0
#: Credit type size at the printed width, points.
CREDIT_PT = 6.0
#: Significance level, permutations and seed of the LISA figure.
LISA_ALPHA, LISA_PERMUTATIONS, LISA_SEED = 0.05, 999, 2005
CENSUS = "manufacturing_census"


def _credit_text(data: str) -> str:
    """Return the data credit, then the boundary credit, wrapped to the figure width."""
    text = f"Data: {data} {boundary_credit(lang='en')}."
    return _wrap(text)


def _wrap(text: str, width: int = 150) -> str:
    """Wrap to ``width`` half-width columns (a CJK character counts two) at 6 pt on 170 mm."""
    from jregion.plotting._base import _wrap as wrap_columns

    return wrap_columns(text, width)


def _census_credit(years: str) -> str:
    info = dataset_info(CENSUS)
    return (
        f"{info['publisher']}, Census of Manufacture (工業統計調査), prefecture totals of "
        f"manufacturing, establishments with 4 or more persons, {years} (dataset {CENSUS})."
    )


def _foot_lines(fig: Figure) -> int:
    """Lines of text at the figure's foot: the credit and the map's notes."""
    foot = ("attribution", "islands-omitted", "labels-omitted")
    return sum(t.get_text().count("\n") + 1 for t in fig.texts if t.get_gid() in foot)


def _fit_page(fig: Figure, ax: Axes, *, title: bool = True) -> None:
    """Resize the figure so the map fills the 170 mm width; room for the title and the foot."""
    credit_lines = _foot_lines(fig)
    x0, x1 = ax.get_xlim()
    y0, y1 = ax.get_ylim()
    width = WIDTH_MM / 25.4
    left, right = 0.01, 0.99
    map_h = width * (right - left) * (y1 - y0) / (x1 - x0)
    top_h = 0.32 if title else 0.05
    bottom_h = 0.06 + credit_lines * CREDIT_PT * 1.25 / 72
    height = map_h + top_h + bottom_h
    fig.set_size_inches(width, height)
    fig.subplots_adjust(left=left, right=right, bottom=bottom_h / height, top=1 - top_h / height)
    _restack_foot(fig)


def _restack_foot(fig: Figure) -> None:
    """Stack the foot texts again, bottom up, after the figure's height changed."""
    foot = ("attribution", "islands-omitted", "labels-omitted")
    texts = sorted((t for t in fig.texts if t.get_gid() in foot), key=lambda t: t.get_position()[1])
    line_h = CREDIT_PT * 1.3 / 72 / fig.get_size_inches()[1]
    y = 0.01
    for t in texts:
        t.set_position((0.01, y))
        y += (t.get_text().count("\n") + 1) * line_h


def _save(fig: Figure, ctx: Context, stem: str) -> Path:
    from jregion.plotting import save_figure

    path = save_figure(fig, ctx.out / f"{stem}.{ctx.fmt}")
    import_optional("matplotlib.pyplot").close(fig)
    return path


def _map(
    gdf: Any, column: str, *, data_credit: str, title: str, **options: Any
) -> tuple[Figure, Axes]:
    """One choropleth at page width with Ogasawara in its inset and the full credit."""
    from jregion.plotting import plot_choropleth

    credit = _credit_text(data_credit)
    fig, ax = plot_choropleth(
        gdf,
        column,
        preset="journal-double",
        ogasawara=True,
        title=title,
        attribution=credit,
        **options,
    )
    _fit_page(fig, ax)
    return fig, ax


def _relabel_legend(ax: Axes, labels: list[str]) -> None:
    """Replace the class labels of a legend (keeping each ``(count)``) with readable breaks."""
    leg = ax.get_legend()
    if leg is None:
        return
    for text, label in zip(leg.get_texts(), labels, strict=False):
        count = text.get_text().rsplit(" (", 1)
        text.set_text(f"{label} ({count[1]}" if len(count) == 2 else label)


def _nice_bins(values: pd.Series, step: float) -> tuple[list[float], list[str]]:
    """Class upper bounds at multiples of ``step`` and labels such as "−15 to −10"."""
    lo = math.floor(float(values.min()) / step) * step
    hi = math.ceil(float(values.max()) / step) * step
    edges = list(np.arange(lo, hi + step / 2, step))
    labels = [f"{a:g} to {b:g}".replace("-", "−") for a, b in itertools.pairwise(edges)]
    return [float(e) for e in edges[1:]], labels


def _quantile_bins(values: pd.Series, k: int) -> list[float]:
    """Upper class bounds near the k-quantiles, rounded to two significant figures.

    Computed here (numpy) rather than through a classification scheme, so the atlas does not
    import mapclassify (whose import compiles numba code: seconds per process).
    """
    v = values.dropna().to_numpy(dtype=float)
    raw = np.quantile(v, np.arange(1, k) / k)

    def round2(x: float) -> float:
        if x == 0:
            return 0.0
        digits = 1 - math.floor(math.log10(abs(x)))
        return float(round(x, digits))

    bins = sorted({round2(float(x)) for x in raw} | {float(v.max())})
    return [b for b in bins if b <= v.max()]


def fig_rd_gdp(ctx: Context) -> Output:
    """Figure 1: R&D expenditure as % of GDP, 1995-2005 (OECD MSTI via NSF)."""
    plt = import_optional("matplotlib.pyplot")
    from jregion.plotting import OKABE_ITO, get_preset
    from jregion.plotting._styles import style_context

    rd = load_indicator("rd_gdp")["gerd_pct_gdp"].unstack("economy")
    info = dataset_info("rd_gdp")
    names = {"EU": "EU-28"}  # the manifest: the SEI 2020 aggregate is EU-28 including the UK
    # Okabe-Ito without its yellow, which has too little contrast on white
    palette = [c for c in OKABE_ITO if c != "#F0E442"] + ["#999999"]
    preset = get_preset("journal-double")
    caption = (
        "OECD MSTI values (GERD/GDP, international definition); they differ from the MEXT "
        "national-definition figures the study quotes."
    )
    source = str(info["attribution"]).removeprefix("Source: ")
    credit = _wrap(f"Data: {source}. Note: {caption}")
    with style_context(preset):
        fig, ax = plt.subplots(figsize=(WIDTH_MM / 25.4, WIDTH_MM / 25.4 * 0.52))
        fig.subplots_adjust(left=0.08, right=0.82, bottom=0.24, top=0.91)
        order = rd.loc[rd.index.max()].sort_values(ascending=False).index
        for i, economy in enumerate(order):
            ax.plot(
                rd.index,
                rd[economy],
                "-" if economy == "Japan" else "--",
                marker="o",
                ms=3,
                label=names.get(economy, economy),
                color=palette[i % len(palette)],
                lw=2.4 if economy == "Japan" else 1.2,
            )
        first, last = int(rd.index.min()), int(rd.index.max())
        ax.set_ylabel("GERD as % of GDP")
        ax.set_xlabel("Year")
        ax.set_title(f"R&D expenditure as a share of GDP, {first}-{last}")
        ax.legend(loc="center left", bbox_to_anchor=(1.01, 0.5), frameon=False)
        ax.grid(alpha=0.3)
        t = fig.text(0.01, 0.01, credit, fontsize=CREDIT_PT, va="bottom", color="#333333")
        t.set_gid("attribution")
    path = _save(fig, ctx, "fig1_rd_gdp")
    return Output(
        (path,),
        f"R&D expenditure as a share of GDP, {first}-{last}",
        caption,
        str(info["attribution"]),
        {
            "datasets": ["rd_gdp"],
            "years": [first, last],
            "economies": [names.get(e, e) for e in order],
        },
    )


def fig_universities(ctx: Context) -> Output:
    """Figure 2: imperial universities and numbered higher schools (present-day Japan)."""
    from jregion.plotting import PointLayer

    sites = load_sites("universities")
    outside = sites["outside_present_day_japan"].astype(bool)
    shown = sites[~outside & sites.geometry.notna()]
    shown = shown.assign(kind=shown["type"].str.replace("_", " ").str.capitalize())
    prefs = load_prefectures()
    codes = list(prefecture_table().index)
    prefs["institutions"] = shown["pref_code"].value_counts().reindex(codes, fill_value=0)
    prefs["institutions"] = prefs["institutions"].astype(float)
    proxy = shown["location_basis"].str.startswith("proxy")
    note = (
        f"{int((~proxy).sum())} of {len(shown)} sites at their campus (Wikipedia infobox "
        f"coordinates, cited per row), {int(proxy.sum())} at their prefecture's office (no "
        "sourced coordinates); nearby sites are drawn side by side, each joined to its point. "
        f"Not drawn: {', '.join(sites.loc[outside, 'name'])} (outside present-day Japan)."
    )
    info = dataset_info("sites_universities")
    fig, _ax = _map(
        prefs,
        "institutions",
        bins=[0, 1, 2],
        cmap="Greys",
        regions="eight",
        points=PointLayer(shown, color="kind"),
        legend_title="Institutions",
        title="Imperial universities and numbered higher schools, 1886-1939",
        data_credit=f"{info['publisher']}; {note}",
    )
    path = _save(fig, ctx, "fig2_imperial_universities")
    return Output(
        (path,),
        "Imperial universities and numbered higher schools, 1886-1939",
        note,
        str(info["publisher"]),
        {
            "datasets": ["sites_universities"],
            "scheme": "eight",
            "sites": len(shown),
            "sites_at_office_proxy": int(proxy.sum()),
        },
    )


def _regional_change(
    m: pd.DataFrame, start: int, end: int, scheme: Literal["eight", "nine"]
) -> pd.Series:
    regional = m[[start, end]].groupby(region_of(m.index, scheme=scheme).to_numpy()).sum()
    return (regional[end] / regional[start] - 1) * 100


def _change_figures(
    ctx: Context, m: pd.DataFrame, start: int, end: int, credit: str, stem: str
) -> list[Path]:
    change = _regional_change(m, start, end, "nine")
    regions = load_regions("nine")
    regions["change_pct"] = change.reindex(regions.index)
    regions["name_en"] = [
        f"{r}\n{v:+.1f} %".replace("-", "−") for r, v in regions["change_pct"].items()
    ]
    bins, labels = _nice_bins(regions["change_pct"], 5.0)
    fig, ax = _map(
        regions,
        "change_pct",
        bins=bins,
        cmap="Reds_r",
        labels="en",
        legend_title="Change (%)",
        data_credit=credit,
        title=f"Manufacturing employment change by region (nine regions), {start}-{end}",
    )
    _relabel_legend(ax, labels)
    paths = [_save(fig, ctx, stem)]
    prefs = load_prefectures()
    prefs["change_pct"] = ((m[end] / m[start] - 1) * 100).reindex(prefs.index)
    bins, labels = _nice_bins(prefs["change_pct"], 10.0 if end - start > 10 else 5.0)
    fig, ax = _map(
        prefs,
        "change_pct",
        bins=bins,
        cmap="Reds_r",
        regions="nine",
        legend_title="Change (%)",
        data_credit=credit,
        title=f"Manufacturing employment change by prefecture, {start}-{end}",
    )
    _relabel_legend(ax, labels)
    paths.append(_save(fig, ctx, stem.replace("fig3_", "fig3b_") + "_prefectures"))
    return paths


def fig_employment_change(ctx: Context) -> Output:
    """Figure 3: manufacturing employment change by region; 1990-2005 with ``--estat``."""
    m = load_indicator("manufacturing")["persons_employed"].unstack("year")
    paths = _change_figures(
        ctx, m, 2000, 2005, _census_credit("2000 and 2005"), "fig3_manufacturing_change_2000_2005"
    )
    inputs: dict[str, Any] = {
        "datasets": [CENSUS],
        "years": [2000, 2005],
        "scheme": "nine",
        "variable": "persons_employed",
    }
    caption = (
        "2000-2005 from the bundled Census of Manufacture; the study's 1990 is not "
        "bundled (pass your e-Stat download with --estat FILE to draw 1990-2005)."
    )
    if ctx.estat is not None:
        from jregion.readers import read_census_manufacture

        user = read_census_manufacture(ctx.estat)["persons_employed"].unstack("year")
        name = ctx.estat.name
        credit = (
            f"the user's e-Stat download {name!r} (read by "
            "jregion.read_census_manufacture), persons employed in manufacturing, 1990 and 2005."
        )
        paths += _change_figures(
            ctx, user, 1990, 2005, credit, "fig3_manufacturing_change_1990_2005"
        )
        inputs["estat"] = {"file": name, "years": [1990, 2005]}
        caption = "1990-2005 from the user's e-Stat download; 2000-2005 from the bundled census."
    return Output(
        tuple(paths),
        "Manufacturing employment change by region",
        caption,
        _census_credit("2000 and 2005"),
        inputs,
    )


def fig_high_technology(ctx: Context) -> Output:
    """Figure 4: high-technology establishments per region (and per prefecture), latest year.

    High technology is the bundled OECD 2016 definition at JSIC middle-group level (28, 30;
    dataset ``jsic_technology``). A prefecture with an unpublished cell is missing, never 0; a
    region containing one is drawn as missing and labelled with the published lower bound.
    """
    from jregion.jsic import jsic_groups

    plt = import_optional("matplotlib.pyplot")
    from jregion.plotting import get_preset, plot_choropleth
    from jregion.plotting._styles import style_context

    table = high_technology_by_region()
    year = int(table["year"].max())
    latest = table[table["year"] == year].set_index("region")
    codes = " + ".join(jsic_groups("high_technology"))
    regions = load_regions("nine")
    complete = latest["prefectures_unpublished"] == 0
    regions["establishments"] = latest["establishments"].where(complete).reindex(regions.index)

    def label(region: object, value: float, ok: bool) -> str:
        if np.isnan(value):
            return f"{region}\nnot published"
        return f"{region}\n{'' if ok else '≥ '}{int(value):,}"

    names = pd.Series(
        [
            label(r, v, ok)
            for r, v, ok in zip(latest.index, latest["establishments"], complete, strict=True)
        ],
        index=latest.index.astype(str),
    )
    regions["name_en"] = names.reindex(regions.index)
    prefs = load_prefectures()
    per_pref = _high_tech_prefectures(year)
    prefs["establishments"] = per_pref.reindex(prefs.index)
    info = dataset_info("manufacturing_jsic_4plus")
    credit = _credit_text(
        f"{info['publisher']}, Census of Manufacture table 3-01 by prefecture and JSIC middle "
        f"group, establishments with 4 or more persons, {year} (dataset manufacturing_jsic_4plus); "
        f"high technology = JSIC {codes}, OECD 2016 high R&D intensity (dataset jsic_technology)."
    )
    title = f"High-technology establishments (JSIC {codes}, 4+ persons), {year}"
    preset = get_preset("journal-double")
    with style_context(preset):
        fig, axes = plt.subplots(1, 2, figsize=(WIDTH_MM / 25.4, 4.2))
        fig.subplots_adjust(left=0.01, right=0.99, wspace=0.02, top=0.9)
        plot_choropleth(
            regions,
            "establishments",
            bins=_quantile_bins(regions["establishments"], 4),
            cmap="YlGnBu",
            preset=preset,
            labels="en",
            ax=axes[0],
            ogasawara=True,
            legend_title="Establishments",
            attribution=False,
            north_arrow=False,
        )
        axes[0].set_title(f"a. Per region (nine regions), {year}", fontsize=preset.font_size)
        plot_choropleth(
            prefs,
            "establishments",
            bins=_quantile_bins(prefs["establishments"], 5),
            cmap="YlGnBu",
            preset=preset,
            regions="nine",
            ax=axes[1],
            ogasawara=True,
            legend_title="Establishments",
            attribution=credit,
        )
        axes[1].set_title(f"b. Per prefecture, {year}", fontsize=preset.font_size)
        fig.suptitle(title, fontsize=preset.font_size * 1.1)
        height = fig.get_size_inches()[1]
        fig.subplots_adjust(bottom=(0.06 + _foot_lines(fig) * CREDIT_PT * 1.3 / 72) / height)
        _restack_foot(fig)
    path = _save(fig, ctx, f"fig4_high_technology_{year}")
    years_path = _high_tech_years_chart(ctx, table, codes)
    missing = sorted(latest.index[~complete])
    caption = (
        f"Regions with an unpublished prefecture cell ({', '.join(missing) or 'none'}) are "
        "hatched and labelled with the published lower bound (≥). Years 2014 and 2016-2019 in "
        "table_high_technology_regions.csv; the study's 2005 is not bundled."
    )
    return Output(
        (path, years_path),
        title,
        caption,
        str(info["attribution"]),
        {
            "datasets": ["manufacturing_jsic_2014", "manufacturing_jsic_4plus", "jsic_technology"],
            "years": sorted(int(y) for y in set(table["year"])),
            "scheme": "nine",
            "jsic_groups": list(jsic_groups("high_technology")),
        },
    )


def _high_tech_years_chart(ctx: Context, table: pd.DataFrame, codes: str) -> Path:
    """Figure 4b: high-technology establishments per region, every bundled year (lines)."""
    plt = import_optional("matplotlib.pyplot")
    from jregion.plotting import OKABE_ITO, get_preset
    from jregion.plotting._styles import style_context

    preset = get_preset("journal-double")
    years = sorted(int(y) for y in set(table["year"]))
    palette = [c for c in OKABE_ITO if c != "#F0E442"] + ["#999999"]  # no yellow on white
    info = dataset_info("manufacturing_jsic_4plus")
    credit = _wrap(
        f"Data: {info['publisher']}, Census of Manufacture, establishments with 4 or more "
        f"persons by prefecture and JSIC middle group: {years[0]} (dataset "
        "manufacturing_jsic_2014, counts at 31 December) and "
        f"{', '.join(str(y) for y in years[1:])} (table 3-01, dataset manufacturing_jsic_4plus, "
        f"counts at 1 June of the next year). High technology = JSIC {codes} (OECD 2016). Open "
        "markers: a prefecture's cell is not published, so the value is a lower bound."
    )
    with style_context(preset):
        fig, ax = plt.subplots(figsize=(WIDTH_MM / 25.4, WIDTH_MM / 25.4 * 0.55))
        fig.subplots_adjust(left=0.09, right=0.80, bottom=0.26, top=0.91)
        unpublished = []
        for i, (region, part) in enumerate(table.groupby("region", observed=True, sort=True)):
            part = part.sort_values("year")
            if part["establishments"].isna().all():
                unpublished.append(str(region))
                continue
            color = palette[i % len(palette)]
            ax.plot(
                part["year"], part["establishments"], "-", color=color, lw=1.2, label=str(region)
            )
            full = part["prefectures_unpublished"] == 0
            ax.plot(
                part.loc[full, "year"], part.loc[full, "establishments"], "o", ms=3.5, color=color
            )
            ax.plot(
                part.loc[~full, "year"],
                part.loc[~full, "establishments"],
                "o",
                ms=3.5,
                mfc="white",
                color=color,
            )
        ax.set_xticks(years)
        ax.set_xlabel("Year")
        ax.set_ylabel("Establishments")
        ax.set_title(
            f"High-technology establishments (JSIC {codes}) per region, {years[0]}-{years[-1]}"
        )
        title = "Not published: " + ", ".join(unpublished) if unpublished else None
        ax.legend(
            loc="center left",
            bbox_to_anchor=(1.01, 0.5),
            frameon=False,
            title=title,
            title_fontsize=CREDIT_PT,
        )
        ax.grid(alpha=0.3)
        t = fig.text(0.01, 0.01, credit, fontsize=CREDIT_PT, va="bottom", color="#333333")
        t.set_gid("attribution")
    return _save(fig, ctx, f"fig4b_high_technology_regions_{years[0]}_{years[-1]}")


def _high_tech_prefectures(year: int) -> pd.Series:
    from jregion.jsic import aggregate_jsic

    jsic = (
        load_indicator("manufacturing_jsic_2014", year=year)
        if year == 2014
        else load_indicator("manufacturing_jsic_4plus", year=year)
    )
    totals = aggregate_jsic(jsic, groups="high_technology", columns=["establishments"])
    out: pd.Series = totals["establishments"].astype("float64")
    if "year" in (out.index.names or []):
        out = out.droplevel("year")
    return out


def high_technology_by_region() -> pd.DataFrame:
    """High-technology establishments per nine-region area, 2014 and 2016-2019 (tidy)."""
    rows = []
    for year in (2014, 2016, 2017, 2018, 2019):
        per_pref = _high_tech_prefectures(year)
        region = region_of(per_pref.index, scheme="nine").to_numpy()
        for name, part in per_pref.groupby(region, sort=False):
            rows.append(
                {
                    "year": year,
                    "region": name,
                    "establishments": float(part.sum(min_count=1)),
                    "prefectures_unpublished": int(part.isna().sum()),
                    "unpublished": " ".join(part.index[part.isna()]),
                }
            )
    order = list(load_regions("nine").index)
    df = pd.DataFrame(rows)
    df["region"] = pd.Categorical(df["region"], categories=order, ordered=True)
    return df.sort_values(["year", "region"]).reset_index(drop=True)


def programme_map(program: SiteProgram, title: str, legend: str, stem: str) -> Any:
    """Return an entry that maps a programme's sourced sites per prefecture."""

    def entry(ctx: Context) -> Output:
        from jregion.plotting import PointLayer

        sites = load_sites(program)
        prefs = load_prefectures()
        codes = list(prefecture_table().index)
        prefs["n"] = sites["pref_code"].value_counts().reindex(codes, fill_value=0).astype(float)
        k = int(prefs["n"].max())
        points = None
        datasets = [f"sites_{program}"]
        if program == "technopolis":
            points = PointLayer(load_sites("tsukuba"), label="Tsukuba Science City")
            datasets.append("sites_tsukuba")
        info = dataset_info(f"sites_{program}")
        missing = info.get("missing") or []
        credit = (
            f"{info['publisher']} ({info['vintage']}); sourced rows only, "
            f"{len(missing)} gaps listed in MISSING.md."
        )
        fig, _ = _map(
            prefs,
            "n",
            bins=list(range(k + 1)),
            cmap="YlGnBu",
            regions="eight",
            points=points,
            legend_title=legend,
            title=title,
            data_credit=credit,
        )
        path = _save(fig, ctx, stem)
        return Output(
            (path,),
            title,
            f"Sourced rows only; {len(missing)} gaps in MISSING.md.",
            str(info["publisher"]),
            {"datasets": datasets, "scheme": "eight"},
        )

    entry.__doc__ = title
    return entry


def fig_meti_clusters(ctx: Context) -> Output:
    """METI Industrial Cluster projects per regional-bureau area (the programme's own unit)."""
    sites = load_sites("meti_clusters")
    regions = load_regions("meti")
    per_bureau = sites.groupby("meti_region")["site_id"].nunique()
    regions["projects"] = per_bureau.reindex(regions.index, fill_value=0).astype(float)
    k = int(regions["projects"].max())
    info = dataset_info("sites_meti_clusters")
    title = "METI Industrial Cluster projects per bureau area, FY2006-2007"
    credit = (
        f"{info['publisher']} ({info['vintage']}); projects counted by the bureau that "
        "runs them (most projects' prefectures are not stated by any source)."
    )
    fig, _ = _map(
        regions,
        "projects",
        bins=list(range(k + 1)),
        cmap="YlGnBu",
        labels="en",
        legend_title="Projects (sourced)",
        title=title,
        data_credit=credit,
    )
    path = _save(fig, ctx, "fig_meti_clusters")
    return Output(
        (path,),
        title,
        "Sourced projects per METI bureau area.",
        str(info["publisher"]),
        {"datasets": ["sites_meti_clusters"], "scheme": "meti"},
    )


def fig_lisa(ctx: Context) -> Output:
    """LISA of manufacturing employment change 2000-2005 by prefecture (Japan links)."""
    from jregion.autocorrelation import local_moran
    from jregion.plotting import plot_lisa
    from jregion.weights import prefecture_graph

    m = load_indicator("manufacturing")["persons_employed"].unstack("year")
    change = (m[2005] / m[2000] - 1).rename("change")
    prefs = load_prefectures()
    graph = prefecture_graph()
    result = local_moran(change, graph, permutations=LISA_PERMUTATIONS, seed=LISA_SEED)
    method = (
        f"Local Moran's I, α = {LISA_ALPHA}, {LISA_PERMUTATIONS} conditional permutations, "
        f"seed {LISA_SEED}; weights: queen contiguity plus Japan's fixed links "
        "(jregion.prefecture_graph, row-standardised)."
    )
    credit = _credit_text(f"{_census_credit('2000 and 2005')} {method}")
    title = "Local Moran clusters: manufacturing employment change 2000-2005"
    fig, ax = plot_lisa(
        result,
        prefs,
        preset="journal-double",
        regions="eight",
        title=title,
        attribution=credit,
        ogasawara=True,
    )
    _fit_page(fig, ax)
    path = _save(fig, ctx, "fig_lisa_manufacturing_change")
    return Output(
        (path,),
        title,
        method,
        _census_credit("2000 and 2005"),
        {
            "datasets": [CENSUS, "adjacency", "fixed_links"],
            "years": [2000, 2005],
            "weights": "prefecture_graph (queen + fixed links, row-standardised)",
            "permutations": LISA_PERMUTATIONS,
            "seed": LISA_SEED,
            "alpha": LISA_ALPHA,
        },
    )
