"""Test the study's claims on the bundled data, end to end.

Run: python examples/study_claims.py [--out DIR]

Prints one row per claim the bundled data can test, with the test applied, the number it gives
and the verdict that number implies ("supported", "not supported" or "not testable", with the
reason). The verdicts are computed here, from the data; none is written by hand. The same table
is what ``jregion atlas`` writes as claims.md and claims.csv. With ``--out`` the table is also
written there as CSV, with a LISA map (PNG) and a web map (offline HTML) of the 2000-2005 change.

The claims: the Tokaido-belt share over time; which regions lost most (and whether Chubu lost
least); Kanto's dominance in all manufacturing and in the technology classes; whether the
decline is spatially clustered; whether METI's cluster projects sit where manufacturing is
concentrated; Japan's R&D intensity against the USA and the EU.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import pandas as pd

import jregion
from jregion.atlas import study_claims


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", default=None, help="also write claims.csv and two maps here")
    out = parser.parse_args().out

    table = study_claims()
    with pd.option_context("display.max_colwidth", 90, "display.width", 200):
        for row in table.itertuples():
            print(f"- {row.claim}\n  test: {row.test or '-'}\n  value: {row.value or '-'}")
            print(f"  verdict: {row.verdict.upper()} ({row.reason})\n")
    print(table["verdict"].value_counts().to_string())
    if out is None:
        return

    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    table.to_csv(folder / "claims.csv", index=False)
    m = jregion.load_indicator("manufacturing")["persons_employed"].unstack("year")
    change = (m[2005] / m[2000] - 1).rename("change_2000_2005")
    lisa = jregion.local_moran(change, jregion.prefecture_graph(), permutations=999, seed=2005)
    fig, _ = jregion.plot_lisa(lisa, jregion.load_prefectures(), preset="journal-double",
                               regions="eight")
    jregion.save_figure(fig, folder / "lisa_change_2000_2005.png")
    web = jregion.load_prefectures(resolution="web")
    web["change_pct"] = (change * 100).round(2).reindex(web.index)
    jregion.save_html(jregion.explore_choropleth(web, "change_pct"), folder / "change.html")
    print("wrote", sorted(p.name for p in folder.iterdir()))


if __name__ == "__main__":
    main()
