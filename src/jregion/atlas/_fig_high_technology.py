"""Atlas figure 4: high-technology establishments per region and prefecture, and per year.

:func:`high_technology_by_region` is the tidy table behind the figure (also the atlas's table
and claim about high technology).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from jregion._manifest import dataset_info
from jregion._optional import import_optional
from jregion.atlas import _maps
from jregion.atlas._build import Context, Output
from jregion.atlas._maps import (
    CREDIT_PT,
    WIDTH_MM,
    _credit_text,
    _foot_lines,
    _quantile_bins,
    _restack_foot,
    _wrap,
)
from jregion.boundaries import load_prefectures
from jregion.indicators import load_indicator
from jregion.regions import load_regions, region_of

__all__ = ["fig_high_technology", "high_technology_by_region"]

# Figures are saved through ``_maps._save``, looked up when called, so that one seam keeps
# every figure's artists (tests/test_atlas.py replaces it to inspect what was drawn).


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
    path = _maps._save(fig, ctx, f"fig4_high_technology_{year}")
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
    return _maps._save(fig, ctx, f"fig4b_high_technology_regions_{years[0]}_{years[-1]}")


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
