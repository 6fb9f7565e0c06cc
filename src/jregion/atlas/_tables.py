"""The atlas tables.

Concentration by year, the study's Table 1, the prefecture reference table, and
high-technology establishments per region.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from jregion._manifest import dataset_info
from jregion.atlas._build import Context, Output
from jregion.boundaries import load_prefectures
from jregion.codes import prefecture_table
from jregion.crs import EQUAL_AREA_CRS
from jregion.indicators import load_indicator
from jregion.regions import region_of

__all__ = ["table_concentration", "table_frameworks", "table_high_technology", "table_prefectures"]


def table_concentration(ctx: Context) -> Output:
    """Tokaido-belt share, Kanto primacy and inequality of manufacturing employment by year."""
    from jregion.concentration import corridor_share, gini, primacy_ratio, theil_decomposition

    m = load_indicator("manufacturing")["persons_employed"].unstack("year")
    frame = pd.DataFrame(index=pd.Index(m.columns, name="year"))
    frame["tokaido_share"] = corridor_share(m, method="membership").to_numpy()
    frame = frame.join(primacy_ratio(m, denominators=["Kinki", "Chubu"]))
    frame["gini"] = np.asarray(gini(m))
    frame["theil_between_share_eight"] = (
        theil_decomposition(m, groups="eight").to_frame()["between_share"].to_numpy()
    )
    path = ctx.out / "table_concentration_manufacturing.csv"
    frame.round(4).to_csv(path)
    years = [int(m.columns.min()), int(m.columns.max())]
    return Output(
        (path,),
        "Concentration of manufacturing employment by year",
        "Tokaido-belt share (membership), Kanto primacy, Gini, Theil between-region "
        "share (eight regions).",
        str(dataset_info("manufacturing_census")["publisher"]),
        {"datasets": ["manufacturing_census"], "years": years, "scheme": "eight"},
        kind="table",
    )


def table_frameworks(ctx: Context) -> Output:
    """Table 1 of the study: frameworks promoting industry-science relationships."""
    t = load_indicator("frameworks")
    source = str(dataset_info("study_table1")["publisher"])
    lines = [
        "# Japanese frameworks promoting industry-science relationships, 1995-2006",
        "",
        "| Year | Framework |",
        "|---|---|",
    ]
    lines += [f"| {row.year} | {row.framework} |" for row in t.itertuples()]
    lines += ["", f"Source: {source}"]
    path = ctx.out / "table1_frameworks.md"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return Output(
        (path,),
        "Table 1: frameworks, 1995-2006",
        "",
        source,
        {"datasets": ["study_table1"]},
        kind="table",
    )


def table_prefectures(ctx: Context) -> Output:
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
    path = ctx.out / "table_prefectures.csv"
    df.to_csv(path, encoding="utf-8")
    return Output(
        (path,),
        "Prefectures: codes, regions, areas",
        "Boundary areas next to GSI's.",
        str(dataset_info("area_gsi")["publisher"]),
        {"datasets": ["prefectures", "area_gsi", "region_schemes"]},
        kind="table",
    )


def table_high_technology(ctx: Context) -> Output:
    """High-technology establishments per region (nine), 2014 and 2016-2019."""
    from jregion.atlas._fig_high_technology import high_technology_by_region

    table = high_technology_by_region()
    path = ctx.out / "table_high_technology_regions.csv"
    table.to_csv(path, index=False, encoding="utf-8")
    return Output(
        (path,),
        "High-technology establishments per region, 2014 and 2016-2019",
        "JSIC 28 + 30 (OECD 2016 high R&D intensity), establishments with 4+ persons; "
        "establishments is the sum of published prefecture cells, a lower bound where "
        "prefectures_unpublished > 0.",
        str(dataset_info("manufacturing_jsic_4plus")["publisher"]),
        {
            "datasets": ["manufacturing_jsic_2014", "manufacturing_jsic_4plus", "jsic_technology"],
            "years": sorted(set(table["year"])),
            "scheme": "nine",
        },
        kind="table",
    )
