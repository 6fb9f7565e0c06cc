"""Do METI's cluster prefectures sit where the local agglomerations are? A municipal LISA.

Run: python examples/municipal_clusters.py [--out DIR]

The study notes that METI's Industrial Cluster projects follow administrative regions rather
than the strongest local agglomerations. Manufacturing by municipality is not bundled (no
sourced municipal breakdown; see the manifest entry ``municipalities``, field ``missing``), so
this example uses the one sourced municipal indicator: the 2015 census population of the 792
cities (市), as density per km2 of the 2021 boundaries (towns, villages and Tokyo's 23 wards are
not in that e-Stat download, so they are left out, not filled).

1. Local Moran's I of log population density over the 792 cities, k = 6 nearest neighbours
   (cities alone are not contiguous), 999 permutations, seed 21.
2. The prefectures holding High-High cities, set beside the prefectures a source names for a
   METI cluster project (``prefecture_basis`` "stated", as examples/study_claims.py does).
Writes ``municipal_clusters.png``: the LISA map with prefecture borders (towns and villages,
not in the data, stay blank), and the number of High-High cities per prefecture with METI's
prefectures marked.
"""

from __future__ import annotations

import argparse
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

import jregion


def main() -> pd.DataFrame:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", default="example_output")
    out = Path(parser.parse_args().out)
    out.mkdir(parents=True, exist_ok=True)

    pop = jregion.load_indicator("population_cities_2015")["population_2015"]
    munis = jregion.load_municipalities(northern_territories=False)
    cities = munis.loc[pop.index].copy()
    area_km2 = cities.to_crs(jregion.EQUAL_AREA_CRS).area / 1e6
    density = np.log(pop.astype("float64") / area_km2).rename("log_density")

    print(f"1. LISA of log density, {len(cities)} cities")
    graph = jregion.build_weights(cities, kind="knn", k=6)
    labels = graph.component_labels
    apart = cities.loc[labels[labels != labels.mode()[0]].index, "name_ja"]
    print(
        f"   k=6 graph: {graph.n_components} components; apart from the rest: "
        f"{len(apart)} cities of Okinawa and Amami ({', '.join(apart.index)})"
    )
    with warnings.catch_warnings():
        # said above: the Okinawa/Amami component is kept as it is, not linked by invention
        warnings.simplefilter("ignore", jregion.DisconnectedGraphWarning)
        lisa = jregion.local_moran(density, graph, permutations=999, seed=21)
    clusters = lisa.cluster.value_counts().reindex(
        ["High-High", "Low-Low", "Low-High", "High-Low", "Not significant"], fill_value=0
    )
    print("   cities per class:")
    print(clusters.to_string())

    meti = jregion.load_sites("meti_clusters")
    stated = set(meti.loc[meti["prefecture_basis"].str.startswith("stated"), "pref_code"].dropna())
    hot = lisa.cluster[lisa.cluster == "High-High"]
    table = jregion.prefecture_table()[["name_en"]].copy()
    table["high_high_cities"] = (
        hot.groupby(hot.index.str[:2]).size().reindex(table.index, fill_value=0).astype(int)
    )
    table["meti_project_stated"] = table.index.isin(sorted(stated))
    with_hot = table[table["high_high_cities"] > 0].sort_values(
        "high_high_cities", ascending=False
    )
    print("2. Prefectures with High-High cities, and whether a source names a METI project there:")
    print(with_hot.to_string())
    missed = table[table["meti_project_stated"] & (table["high_high_cities"] == 0)]
    print(
        f"   METI prefectures without a High-High city: {len(missed)} of "
        f"{int(table['meti_project_stated'].sum())} ({', '.join(missed['name_en'])})"
    )

    import matplotlib.pyplot as plt

    fig, (ax_map, ax_bar) = plt.subplots(
        1, 2, figsize=(7.0, 4.2), gridspec_kw={"width_ratios": [1.5, 1]}
    )
    jregion.plot_lisa(lisa, cities, regions="prefecture", ax=ax_map, attribution=False)
    ax_map.set_title("LISA of log density, 792 cities (2015)", fontsize=8)
    shown = with_hot.iloc[::-1]
    colours = ["#0072B2" if m else "#BBBBBB" for m in shown["meti_project_stated"]]
    ax_bar.barh(shown["name_en"], shown["high_high_cities"], color=colours)
    ax_bar.set_xlabel("High-High cities", fontsize=7)
    ax_bar.tick_params(labelsize=6)
    ax_bar.set_title("Blue: a source names a METI project", fontsize=7)
    credit = "; population: Statistics Bureau of Japan, 2015 census (e-Stat SSDS)"
    fig.text(0.01, 0.01, jregion.attribution() + credit, fontsize=5)
    fig.tight_layout(rect=(0, 0.03, 1, 1))
    jregion.save_figure(fig, out / "municipal_clusters.png")
    plt.close(fig)
    print("wrote", out / "municipal_clusters.png")
    return table


if __name__ == "__main__":
    main()
