"""Test the study's claims on the bundled data, end to end.

Run: python examples/study_claims.py [--out DIR]

1. Share of the Tokaido belt in manufacturing employment, 2000-2020.
2. Kanto's dominance over Kinki (Kansai) and Chubu, and how it changed.
3. Which regions lost most manufacturing jobs, 2000-2005 (1990 is not bundled).
4. Whether that decline is spatially clustered (Moran's I with Japan's fixed links).
5. Whether cluster programmes sit where the activity is (METI projects vs employment LQ).
6. Kanto's dominance in high-technology manufacturing (JSIC 28 and 30, OECD 2016 high R&D
   intensity), 2016-2019 (the study's 2005 breakdown is not bundled).
Writes a LISA map (PNG) and a web map (offline HTML) to --out.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
import pandas as pd

import jregion


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", default="example_output")
    out = Path(parser.parse_args().out)
    out.mkdir(parents=True, exist_ok=True)

    m = jregion.load_indicator("manufacturing")["persons_employed"].unstack("year")

    share = jregion.corridor_share(m[[2000, 2005, 2020]], method="membership")
    print("1. Tokaido-belt share of manufacturing employment:", share.round(3).to_dict())

    primacy = jregion.primacy_ratio(m[[2000, 2005, 2020]], denominators=["Kansai", "Chubu"])
    print("2. Kanto primacy (eight regions):\n", primacy.round(2))

    regional = m.groupby(jregion.region_of(m.index, scheme="eight").to_numpy(), observed=True).sum()
    loss = ((regional[2005] / regional[2000] - 1) * 100).sort_values()
    print("3. Employment change 2000-2005 by region (%):\n", loss.round(1))

    prefs = jregion.load_prefectures()
    graph = jregion.build_weights(prefs, links="japan")
    change = (m[2005] / m[2000] - 1).rename("change_2000_2005")
    mi = jregion.moran(change, graph, permutations=999, seed=1)
    print(f"4. Moran's I of the change: I={mi.I:.3f}, p_sim={mi.p_sim:.3f}, z_rand={mi.z_rand:.2f}")
    lisa = jregion.local_moran(change, graph, permutations=999, seed=1)

    meti = jregion.load_sites("meti_clusters")
    stated = meti[meti["prefecture_basis"].str.startswith("stated")]  # skip inferred rows
    in_meti = pd.Series(m.index.isin(stated["pref_code"].dropna()), index=m.index)
    lq = jregion.location_quotient(
        pd.DataFrame({"mfg": m[2005]}),
        reference=jregion.load_indicator("population", year=2005)["population"],
    )["mfg"]
    print(
        "5. Mean manufacturing LQ (per head), prefectures a source names for METI projects",
        "vs the rest:",
        round(float(lq[in_meti].mean()), 3),
        "vs",
        round(float(lq[~in_meti].mean()), 3) if (~in_meti).any() else "n/a",
    )

    jsic = jregion.load_indicator("manufacturing_jsic_4plus")
    high = jregion.aggregate_jsic(jsic, groups="high_technology", columns=["persons_employed"])
    persons = high["persons_employed"].unstack("year")
    complete = persons.dropna()  # a prefecture with an unpublished cell is left out, and named
    print(
        "6. Kanto primacy in high-tech persons employed (JSIC 28+30), prefectures left out for "
        f"unpublished cells: {sorted(set(persons.index) - set(complete.index))}\n",
        # coverage="partial": shares of the prefectures with published cells, not of Japan
        jregion.primacy_ratio(
            complete, denominators=["Kansai", "Chubu"], coverage="partial"
        ).round(2),
    )

    fig, _ = jregion.plot_lisa(lisa, prefs, preset="journal-double", regions="eight")
    jregion.save_figure(fig, out / "lisa_change_2000_2005.png")
    web = prefs.assign(change_pct=np.round(change * 100, 2))
    fmap = jregion.explore_choropleth(
        jregion.load_prefectures(resolution="web").assign(change_pct=web["change_pct"]),
        "change_pct",
    )
    jregion.save_html(fmap, out / "change_2000_2005.html", assets="inline")
    print("wrote", sorted(p.name for p in out.iterdir()))


if __name__ == "__main__":
    main()
