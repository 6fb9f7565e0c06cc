"""Manufacturing below the municipality: 500 m mesh cells of the Economic Census in Okinawa.

Run: python examples/okinawa_mesh.py [--file tblT000918H3928.txt] [--out DIR]

The study criticises METI's clusters for following administrative lines rather than local
agglomerations; testing that needs data below the prefecture. This example uses a real e-Stat
mesh download: the Economic Census for Business Activity (経済センサス‐活動調査), table T000918
(establishments and persons engaged by industry division, 500 m mesh), 1st-level mesh 3928
(northern Okinawa Island: Nago, Ōgimi, Higashi). A copy ships in
``tests/fixtures/estat_mesh/tblT000918H3928.txt`` (see its PROVENANCE.md); another area's file
comes from e-Stat, 地図で見る統計 (統計GIS) > データダウンロード > 地域メッシュ統計 >
経済センサス‐活動調査 > 4次メッシュ(500m) > the 1st-level mesh you need; pass it with --file.

1. Persons engaged in manufacturing (division E, column T000918024) per 500 m cell.
2. Location quotients per cell against all industries (T000918020), raw and empirical-Bayes
   stabilised (Marshall 1991), since most cells hold a handful of people.
3. A LISA of the stabilised LQ on the queen contiguity of the cells (jregion.mesh_neighbors:
   neighbours found from the codes, across mesh boundaries; cells without establishments are
   absent, so some cells are isolates), 999 permutations, seed 19.
4. The manufacturing figures as a GeoTIFF on the mesh's own grid, and zonal sums of it back by
   municipality and by prefecture, next to aggregate_mesh of the same cells.
Writes ``okinawa_mesh.png`` (stabilised LQ and LISA clusters, municipal borders) and
``okinawa_manufacturing_persons.tif``.
"""

from __future__ import annotations

import argparse
import warnings
from pathlib import Path

import pandas as pd

import jregion

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT / "tests" / "fixtures" / "estat_mesh" / "tblT000918H3928.txt"
MANUFACTURING, ALL = "T000918024", "T000918020"  # persons engaged: division E, divisions A-R


def main() -> pd.DataFrame:
    parser = argparse.ArgumentParser()
    parser.add_argument("--file", default=str(DEFAULT))
    parser.add_argument("--out", default="example_output")
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    cells = jregion.read_estat_mesh(args.file)
    labels = cells.attrs["labels"]
    manuf, persons = cells[MANUFACTURING], cells[ALL]
    print(
        f"1. {cells.attrs['source']}: {len(cells)} cells of 500 m with establishments; "
        f"persons engaged {persons.sum():,.0f}, in manufacturing ({labels[MANUFACTURING]}) "
        f"{manuf.sum():,.0f} in {int((manuf > 0).sum())} cells"
    )
    print("   largest manufacturing cells:")
    print(manuf.sort_values(ascending=False).head(5).to_string())

    lq = jregion.location_quotient(manuf, reference=persons).rename("lq")
    eb = jregion.location_quotient(manuf, reference=persons, stabilise="empirical_bayes")
    eb = eb.rename("lq_eb")
    table = pd.concat(
        [manuf.rename("manufacturing"), persons.rename("all_industries"), lq, eb], axis=1
    )
    print("2. Location quotients of manufacturing (persons engaged), cells with LQ_EB > 1.25:")
    print(table[table["lq_eb"] > 1.25].sort_values("lq_eb", ascending=False).round(2).to_string())

    graph = jregion.mesh_neighbors(cells.index, kind="queen")
    report = jregion.connectivity_report(graph)
    print(
        f"3. Queen contiguity from the codes: {graph.n_components} components, "
        f"{len(report.isolates)} isolated cells (no neighbouring cell with establishments)"
    )
    with warnings.catch_warnings():
        # said above: isolates and separate groups of cells are kept as they are
        warnings.simplefilter("ignore", jregion.DisconnectedGraphWarning)
        lisa = jregion.local_moran(eb, graph, permutations=999, seed=19)
    classes = lisa.cluster.value_counts().reindex(
        ["High-High", "Low-Low", "Low-High", "High-Low", "Not significant"], fill_value=0
    )
    print("   cells per LISA class:")
    print(classes.to_string())
    table["lisa"] = lisa.cluster
    hot = table[table["lisa"] == "High-High"]
    print(f"   hot spots (High-High): {', '.join(hot.index)}")

    tif = jregion.mesh_to_raster(
        manuf.rename("manufacturing_persons_engaged"),
        out / "okinawa_manufacturing_persons.tif",
        source="e-Stat, Economic Census for Business Activity, table T000918, "
        + cells.attrs["source"],
    )
    zonal = jregion.zonal_stats(tif, zones="municipality", stats=("sum", "count"))
    zonal = zonal[zonal["count"] > 0]
    by_muni = jregion.aggregate_mesh(cells[[MANUFACTURING]], to="municipality").to_frame()
    names = jregion.load_municipalities()["name_ja"]
    back = zonal.join(by_muni, how="outer").join(names)
    back = back.rename(
        columns={"sum": "zonal_sum", "count": "pixels", MANUFACTURING: "aggregate_mesh"}
    )
    print(f"4. GeoTIFF {Path(tif).name}; zonal sums by municipality next to aggregate_mesh:")
    print(
        back[
            ["name_ja", "zonal_sum", "pixels", "aggregate_mesh", "cells", "by_nearest"]
        ].to_string()
    )
    print(
        "   they differ only by cells whose centre lies outside every municipal polygon (at sea "
        "on the simplified coast): aggregate_mesh gives those to the nearest municipality "
        "(by_nearest), the raster counts a pixel only inside a polygon"
    )
    by_pref = jregion.zonal_stats(tif, zones="prefecture", stats=("sum",)).dropna()
    agg_pref = jregion.aggregate_mesh(cells[[MANUFACTURING]], to="prefecture")
    print(
        f"   by prefecture: zonal sum {by_pref['sum'].to_dict()}, aggregate_mesh "
        f"{agg_pref.values[MANUFACTURING].to_dict()} ({int(agg_pref.by_nearest.sum())} cells "
        "by nearest polygon)"
    )

    import matplotlib.pyplot as plt

    polygons = jregion.mesh_polygons(cells.index).join(table)
    view = polygons.to_crs(jregion.MAP_CRS).total_bounds
    munis = jregion.load_municipalities()
    munis = munis[munis["pref_code"] == "47"]
    fig, (ax_lq, ax_lisa) = plt.subplots(1, 2, figsize=(7.0, 4.6))
    jregion.plot_choropleth(
        polygons,
        "lq_eb",
        scheme="user_defined",
        bins=[0.5, 1.0, 1.5, 3.0, 6.0, 12.0],
        cmap="YlOrRd",
        inset=False,
        ax=ax_lq,
        attribution=False,
        legend_title="LQ (EB)",
        north_arrow=False,
        title="Manufacturing LQ per 500 m cell",
    )
    jregion.plot_lisa(
        lisa,
        polygons,
        inset=False,
        ax=ax_lisa,
        attribution=False,
        title="LISA of the LQ (queen, 999 perm.)",
    )
    for child in ax_lisa.get_children():  # the arrow would cover cells; north is up
        if child.get_gid() == "north-arrow":
            child.remove()
    for ax in (ax_lq, ax_lisa):
        land = munis.to_crs(jregion.MAP_CRS)
        land.plot(ax=ax, facecolor="0.94", edgecolor="none", zorder=0)
        land.boundary.plot(ax=ax, color="0.45", linewidth=0.3, zorder=5)
        pad = 3000
        ax.set_xlim(view[0] - pad, view[2] + pad)
        ax.set_ylim(view[1] - pad, view[3] + pad)
    credit = "; data: e-Stat, Economic Census for Business Activity, mesh table T000918 (mesh 3928)"
    fig.text(0.01, 0.01, jregion.attribution() + credit, fontsize=5)
    fig.tight_layout(rect=(0, 0.03, 1, 1))
    jregion.save_figure(fig, out / "okinawa_mesh.png")
    plt.close(fig)
    print("wrote", out / "okinawa_mesh.png", "and", tif)
    return table


if __name__ == "__main__":
    main()
