"""Build data/indicators/population_cities_2015.csv from a real e-Stat SSDS municipal download.

Run from the repository root, with ../shared/data-sources present:

    python scripts/build_municipal_indicators.py

(It reads the download with this checkout's jregion, from src/.)

Input: the SSDS 市区町村データ download (FEI_CITY, A1101 総人口, 2015年度) in
../shared/data-sources/estat-samples/ssds/, read with jregion.read_estat. It holds the 792
cities (市, designated cities whole) of Japan; towns, villages and Tokyo's 23 special wards
are not in that download, so they are not in the file (missing, not zero).

Checks: every code is a municipality of N03 2021-01-01 and a city; each prefecture's sum of
cities is at most its 2015 census total (data/indicators/population_census.csv), and the 792
cities hold between 80 % and 100 % of the national 2015 total.
"""

from __future__ import annotations

import sys

import pandas as pd

from _manifest_io import DATA, ROOT, SHARED, build_env, sha256, upsert

sys.path.insert(0, str(ROOT / "src"))

SHARED = next(
    (
        p
        for p in (SHARED, SHARED.parents[2] / "shared" / "data-sources")
        if (p / "estat-samples" / "ssds").is_dir()
    ),
    SHARED,
)
SRC = SHARED / "estat-samples" / "ssds" / "nowwwwi_DataAnalysys__FEI_CITY_230418134143.csv"
OUT = DATA / "indicators" / "population_cities_2015.csv"


def main() -> None:
    import jregion

    df = jregion.read_estat(SRC)
    assert (df["level"] == "municipality").all() and (df["indicator_code"] == "A1101").all()
    assert (df["year"] == 2015).all() and (df["annotation"] == "").all()
    table = jregion.municipality_table()
    codes = jregion.to_municipal_codes(df["area_code"])
    assert (codes.to_numpy() == df["area_code"].to_numpy()).all()
    kinds = table.loc[codes, "kind"]
    assert set(kinds) == {"city", "designated_city"}, set(kinds)
    out = pd.DataFrame(
        {
            "muni_code": codes.to_numpy(),
            "pref_code": table.loc[codes, "pref_code"].to_numpy(),
            "name_ja": table.loc[codes, "name_ja"].to_numpy(),
            "population_2015": df["value"].astype("int64").to_numpy(),
        }
    ).sort_values("muni_code")
    assert out["muni_code"].is_unique and len(out) == 792

    pref = jregion.load_indicator("population", year=2015)["population"]
    sums = out.groupby("pref_code")["population_2015"].sum()
    assert (sums <= pref.reindex(sums.index)).all()
    share = out["population_2015"].sum() / pref.sum()
    assert 0.8 < share < 1.0, share
    print(f"792 cities, {share:.2%} of the 2015 census population")

    out.to_csv(OUT, index=False, encoding="utf-8", lineterminator="\n")
    upsert(
        [
            {
                "name": "population_cities_2015",
                "path": "indicators/population_cities_2015.csv",
                "kind": "indicator",
                "format": "csv",
                "crs": None,
                "title": "Population of the 792 cities (市), 2015 census, from an e-Stat SSDS municipal download",
                "publisher": "Statistics Bureau of Japan (総務省統計局), 国勢調査 via 統計でみる市区町村のすがた (SSDS)",
                "source_table": "e-Stat 地域統計 社会・人口統計体系 市区町村データ, A1101 総人口, 2015年度 (公開日 2022-06-21)",
                "url": "https://www.e-stat.go.jp/regional-statistics/ssdsview/municipality",
                "copy": {
                    "repository": "nowwwwi/DataAnalysys",
                    "path": "data/FEI_CITY_230418134143.csv",
                    "commit": "897385f1356dc9ea85886e9c063bf16e4cf48376",
                    "sha256": sha256(SRC),
                },
                "vintage": "2015-10-01 (census); codes as of the download (2022), all equal to N03 2021-01-01 codes",
                "licence": "Government statistics (e-Stat terms); the copy's repository has no licence file",
                "attribution": "出典：総務省統計局「国勢調査」（e-Stat 社会・人口統計体系）",
                "units": {"population_2015": "persons"},
                "columns": list(out.columns),
                "rows": len(out),
                "sha256": sha256(OUT),
                "build": "python scripts/build_municipal_indicators.py",
                "build_env": build_env("pandas"),
                "build_inputs": "../shared/data-sources/estat-samples/ssds/nowwwwi_DataAnalysys__FEI_CITY_230418134143.csv",
                "definitions": {
                    "muni_code": "5-digit local-government code (jregion.load_municipalities index)",
                    "population_2015": "A1101 総人口, census population on 2015-10-01",
                    "checks": f"each prefecture's sum of cities <= its 2015 census total (population_census); the cities hold {share:.2%} of the national total",
                },
                "missing": [
                    "towns (町), villages (村) and Tokyo's 23 special wards: not in the SSDS city download that was copied (949 of the 1,741 municipalities)",
                    "wards of the designated cities: only the cities' totals",
                ],
            }
        ]
    )


if __name__ == "__main__":
    main()
