"""Build data/indicators/manufacturing_jsic{,_4plus}.csv: manufacturing by JSIC middle group.

Source: METI Census of Manufacture (工業統計調査), e-Stat tables by prefecture and JSIC middle
group: 3-03 (establishments with 30 or more persons; net value added, size bands) and 3-01
(establishments with 4 or more persons), as extracted from the e-Stat API by the public
repository SarthakDT/japan-manufacturing-analysis (processed_data/, commit below).

The build input is not part of this repository. Usage (all tables, or the ones named):

    python scripts/build_jsic.py /path/to/SarthakDT-japan-manufacturing-analysis/processed_data [3-03] [3-01]

Only the years whose copy has been checked are built (``COPIES``): the file's sha256 must
match and its column sums must equal the 47-prefecture sums that the source repository's own
validation report records. Suppressed cells stay empty with their flag; nothing is filled.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pandas as pd

from _manifest_io import DATA, build_env, sha256, upsert

REPO = "SarthakDT/japan-manufacturing-analysis"
COMMIT = "3c87301ceb8dd3f997247db144358fb019a31975"

# table -> year -> (file, sha256 of the copy used, e-Stat statsDataId, e-Stat survey label,
#                  the 47-prefecture sums in the source repository's
#                  metadata/validation_YYYY_table3-0N.json)
COPIES: dict[str, dict[int, dict[str, Any]]] = {
    "3-03": {
        2016: {
            "file": "manufacturing_2016_table3-03.csv",
            "sha256": "6d66d76b2aef510ba7d8fe26ee663775bbb3a46a1427e44eb60251ed5846d030",
            "stats_data_id": "0003325923",
            "survey": "工業統計調査 平成29年確報 (survey of 1 June 2017)",
            "sums": {
                "establishments": 44595,
                "employment": 5826549,
                "shipments": 266072783,
                "value_added": 83705101,
                "cash_wages": 27807355,
                "raw_materials": 165489209,
                "production_value": 244488502,
                "establishments_30_99": 30899,
                "establishments_100_299": 10294,
                "establishments_300plus": 3402,
            },
        },
        2017: {
            "file": "manufacturing_2017_table3-03.csv",
            "sha256": "967cbfe11d6501c54141b4112596549aeceae3db1b04663af338ab2be2a48870",
            "stats_data_id": "0003389994",
            "survey": "工業統計調査 平成30年確報 (survey of 1 June 2018)",
            "sums": {
                "establishments": 45430,
                "employment": 5981578,
                "shipments": 282627118,
                "value_added": 89634027,
                "cash_wages": 28483146,
                "raw_materials": 178204800,
                "production_value": 261664940,
                "establishments_30_99": 31395,
                "establishments_100_299": 10539,
                "establishments_300plus": 3496,
            },
        },
        2018: {
            "file": "manufacturing_2018_table3-03.csv",
            "sha256": "2dc24e001c7a6edf9b0c5cd0dd1014f31c750068ce96bb91e0b41f85b0102094",
            "stats_data_id": "0003432909",
            "survey": "工業統計調査 2019年確報 (survey of 1 June 2019)",
            "sums": {
                "establishments": 45997,
                "employment": 6092805,
                "shipments": 295459281,
                "value_added": 90301222,
                "cash_wages": 29498277,
                "raw_materials": 189621534,
                "production_value": 273513509,
                "establishments_30_99": 31648,
                "establishments_100_299": 10804,
                "establishments_300plus": 3545,
            },
        },
        2019: {
            "file": "manufacturing_2019_table3-03.csv",
            "sha256": "99615584670e3bc99ac048b119e8cfa13e1d3331b4341dd9e3faa043201b453c",
            "stats_data_id": "0003448121",
            "survey": "工業統計調査 2020年確報 (2020 survey)",
            "sums": {
                "establishments": 45636,
                "employment": 6061711,
                "shipments": 285972393,
                "value_added": 86631414,
                "cash_wages": 29561497,
                "raw_materials": 183533923,
                "production_value": 263921365,
                "establishments_30_99": 31366,
                "establishments_100_299": 10726,
                "establishments_300plus": 3544,
            },
        },
    },
    "3-01": {
        2016: {
            "file": "manufacturing_2016_table3-01.csv",
            "sha256": "1409c2be1d695a9af22be7d2245710f235fba43d15fc1602b52f339b53f42662",
            "stats_data_id": "0003325921",
            "survey": "工業統計調査 平成29年確報 (survey of 1 June 2017)",
            "sums": {
                "establishments": 191339,
                "employment": 7571369,
                "shipments": 302042266,
                "value_added": 97292034,
                "cash_wages": 33643605,
                "raw_materials": 185905082,
            },
        },
        2017: {
            "file": "manufacturing_2017_table3-01.csv",
            "sha256": "42ecff3760048fa3b1caa97142d8538cf1543eda73cac78ffe8fd45a198be4b3",
            "stats_data_id": "0003389992",
            "survey": "工業統計調査 平成30年確報 (survey of 1 June 2018)",
            "sums": {
                "establishments": 188249,
                "employment": 7697321,
                "shipments": 318952158,
                "value_added": 103376649,
                "cash_wages": 34350219,
                "raw_materials": 199000702,
            },
        },
        2018: {
            "file": "manufacturing_2018_table3-01.csv",
            "sha256": "858400cbc38a28fc2e11246780a1cfd553bff9ea02b3cdcfdcb01fe97499e989",
            "stats_data_id": "0003432907",
            "survey": "工業統計調査 2019年確報 (survey of 1 June 2019)",
            "sums": {
                "establishments": 185116,
                "employment": 7778124,
                "shipments": 331729957,
                "value_added": 104267668,
                "cash_wages": 35423792,
                "raw_materials": 210313154,
            },
        },
        2019: {
            "file": "manufacturing_2019_table3-01.csv",
            "sha256": "b1e67aded83715ffec333e3edc00a06e21b50c04d2e97057437a50fa97d63dfc",
            "stats_data_id": "0003448119",
            "survey": "工業統計調査 2020年確報 (2020 survey)",
            "sums": {
                "establishments": 181877,
                "employment": 7717646,
                "shipments": 322394871,
                "value_added": 100205760,
                "cash_wages": 35445421,
                "raw_materials": 204523402,
            },
        },
    },
}

# source column -> output column, per table
_COLUMNS_303 = {
    "establishments": "establishments",
    "employment": "persons_employed",
    "shipments": "shipments_myen",
    "value_added": "value_added_myen",
    "cash_wages": "wages_myen",
    "raw_materials": "raw_materials_myen",
    "production_value": "production_myen",
    "establishments_30_99": "establishments_30_99",
    "establishments_100_299": "establishments_100_299",
    "establishments_300plus": "establishments_300plus",
}
COLUMNS: dict[str, dict[str, str]] = {
    "3-03": _COLUMNS_303,
    "3-01": dict(list(_COLUMNS_303.items())[:6]),  # no production value, no size bands
}
FLAGS = {"ok", "suppressed", "nil_or_na", "absent_from_source"}
DATASET = {"3-03": "manufacturing_jsic", "3-01": "manufacturing_jsic_4plus"}
UNITS = {
    "establishments": "count",
    "persons_employed": "persons",
    "shipments_myen": "million yen",
    "value_added_myen": "million yen",
    "wages_myen": "million yen",
    "raw_materials_myen": "million yen",
    "production_myen": "million yen",
    "establishments_30_99": "count",
    "establishments_100_299": "count",
    "establishments_300plus": "count",
}
TABLE_TITLE = {
    "3-03": "従業者30人以上の事業所に関する都道府県別、東京特別区・政令指定都市別統計（産業中分類別）",
    "3-01": "都道府県別、東京特別区・政令指定都市別統計（産業中分類別）, 従業者4人以上の事業所",
}


def _read(src: Path, table: str, year: int, spec: dict[str, Any]) -> pd.DataFrame:
    path = src / spec["file"]
    got = sha256(path)
    if got != spec["sha256"]:
        raise SystemExit(f"{path}: sha256 {got} is not the checked copy {spec['sha256']}")
    raw = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    if len(raw) != 47 * 24 or raw.duplicated(["prefecture_code", "industry_code"]).any():
        raise SystemExit(f"{path}: expected 47 x 24 unique rows, got {len(raw)}")
    if set(raw["year"]) != {str(year)}:
        raise SystemExit(f"{path}: year column {sorted(set(raw['year']))} != {year}")
    out = pd.DataFrame(
        {
            "pref_code": raw["prefecture_code"],
            "year": year,
            "jsic_code": raw["industry_code"],
            "jsic_name": raw["industry_name"],
        }
    )
    for col, new in COLUMNS[table].items():
        flag = raw[f"{col}_flag"]
        if not set(flag) <= FLAGS:
            raise SystemExit(f"{path}: unknown flags in {col}: {sorted(set(flag) - FLAGS)}")
        text = raw[col]
        if ((text == "") != (flag != "ok")).any():
            raise SystemExit(f"{path}: {col}: a value and its flag disagree")
        num = pd.to_numeric(text.where(text != ""), errors="raise")
        if (num.dropna() % 1 != 0).any():
            raise SystemExit(f"{path}: {col} has non-integer values")
        total = int(num.sum())
        if total != spec["sums"][col]:
            raise SystemExit(
                f"{path}: {col} sums to {total}, validation report says {spec['sums'][col]}"
            )
        out[new] = num.astype("Int64")
        out[f"{new}_flag"] = flag
    out["stats_data_id"] = spec["stats_data_id"]
    return out


def _national_check(table: str) -> str:
    if table == "3-03":
        return (
            "2016: the 47 prefectures sum to the table's national row for establishments "
            "(44,595) and persons (5,826,549); money sums fall short of it by the suppressed "
            "cells (shipments 266,072,783 of 270,703,973 million yen), per the copy's "
            "validation report. 2017: 45,430 establishments and 5,981,578 persons equal the "
            "national row; shipments 282,627,118 of 287,074,969. 2018: 45,997 and 6,092,805 equal "
            "the national row; shipments 295,459,281 of 299,705,737. 2019: 45,636 and 6,061,711; "
            "shipments 285,972,393 of 290,940,419. "
            "Against manufacturing_census (4+ persons): 2016 44,595 of 191,339 establishments, "
            "shipments 88.0% of 302,185,201 million yen; 2017 45,430 of 188,249, "
            "shipments 88.6% of 319,035,841 (published cells, rounded)."
        )
    return (
        "per the copy's validation reports, the 47 prefectures sum exactly to the table's "
        "national row (全国計) for establishments and persons in every year; money sums fall "
        "short of it by the suppressed cells (shipments, published cells of national row: 2016 "
        "302,042,266 of 302,185,204 million yen; 2017 318,952,158 of 319,035,840; 2018 "
        "331,729,957 of 331,809,377; 2019 322,394,871 of 322,533,418). Against "
        "manufacturing_census (4+ persons, other copies): establishments and persons per "
        "prefecture are equal in every year, and its 47-prefecture shipments equal the national "
        "rows above to rounding (tests/test_jsic.py)."
    )


def _entry(table: str, df: pd.DataFrame, out: Path) -> dict[str, Any]:
    copies = COPIES[table]
    years = sorted(copies)
    cols = list(COLUMNS[table].values())
    threshold = (
        "establishments with 30 or more persons employed (従業者30人以上). Not comparable "
        "with the 4+ totals of manufacturing_census; see national_check"
        if table == "3-03"
        else "establishments with 4 or more persons employed (従業者4人以上), the threshold of "
        "manufacturing_census"
    )
    value_added = (
        "付加価値額 (net value added: depreciation deducted), million yen; can be negative"
        if table == "3-03"
        else "付加価値額（従業者29人以下は粗付加価値額）, million yen: net value added for "
        "establishments with 30 or more persons, gross value added (粗付加価値額, no "
        "depreciation or inventory adjustment) for those with 4-29, summed as METI publishes "
        "it. The blend differs between prefectures with their plant sizes; for net value added "
        "use manufacturing_jsic (30+). Can be negative"
    )
    definitions: dict[str, str] = {
        "threshold": threshold,
        "year": (
            "the reference year of the accounts. Year Y comes from the survey of Y+1 (e-Stat "
            "labels: " + "; ".join(f"{y}: {copies[y]['survey']}" for y in years) + "): money "
            "items are January-December Y; counts (establishments, persons) are at 1 June Y+1. "
            "Same convention as the year of manufacturing_census (whose 2016 row also comes "
            "from the 2017 survey). From reference year 2016 persons include paid officers "
            "(有給役員) and are counted at 1 June, so counts before 2016 are not comparable"
        ),
        "jsic_code": (
            "JSIC (日本標準産業分類, Rev. 13) middle group of division E manufacturing, "
            "09 食料品 ... 32 その他; 24 groups, the total row 00 is not kept. Technology "
            "classes: dataset jsic_technology"
        ),
        "persons_employed": (
            "従業者数 (persons engaged, including proprietors, family workers and paid officers)"
        ),
        "shipments_myen": "製造品出荷額等, million yen (百万円)",
        "value_added_myen": value_added,
        "wages_myen": "現金給与総額, million yen",
        "raw_materials_myen": "原材料使用額等, million yen",
        "flags": (
            "each value column has a *_flag column: 'ok' (value present), 'suppressed' "
            "(秘匿, X in the source: withheld for confidentiality; the value is empty), "
            "'nil_or_na' (-, *** in the source: none or not applicable; the value is empty, "
            "never 0) or 'absent_from_source' (2019: the e-Stat table has no cell for this "
            "prefecture and group; empty, never 0)"
        ),
        "stats_data_id": "the e-Stat table the row comes from",
        "national_check": _national_check(table),
        "high_technology": (
            "see dataset jsic_technology (OECD 2016 R&D-intensity classes through the UNSD "
            "JSIC13-ISIC4 concordance) and jregion.aggregate_jsic. Several middle groups mix "
            "intensities (16 化学工業 holds pharmaceuticals; 31 輸送用機械 holds aircraft; 27 "
            "業務用機械 holds measuring and optical instruments), so a middle-group total is an "
            "approximation"
        ),
    }
    if table == "3-03":
        definitions.update(
            {
                "production_myen": "生産額, million yen",
                "establishments_30_99": "事業所数 with 30-99 persons",
                "establishments_100_299": "事業所数 with 100-299 persons",
                "establishments_300plus": "事業所数 with 300 or more persons",
            }
        )
    label = "30 or more persons" if table == "3-03" else "4 or more persons"
    return {
        "name": DATASET[table],
        "path": f"indicators/{out.name}",
        "kind": "indicator",
        "format": "csv",
        "crs": None,
        "title": (
            "Census of Manufacture (工業統計調査) by prefecture and JSIC middle group (中分類 09-32), "
            f"establishments with {label}, " + ", ".join(str(y) for y in years)
        ),
        "publisher": "Ministry of Economy, Trade and Industry (経済産業省), via e-Stat",
        "source_table": (
            f"工業統計調査 確報, 表番号 {table}: {TABLE_TITLE[table]}, e-Stat statsDataId "
            + ", ".join(f"{copies[y]['stats_data_id']} ({y})" for y in years)
            + ". The 47 prefecture rows only (the table also has national rows and designated "
            "cities, which are subsets of their prefectures and are not used)."
        ),
        "url": "https://www.e-stat.go.jp/stat-search/files?toukei=00550010",
        "copy": {
            "repository": REPO,
            "path": ", ".join(f"processed_data/{copies[y]['file']}" for y in years),
            "commit": COMMIT,
            "sha256": {copies[y]["file"]: copies[y]["sha256"] for y in years},
            "note": (
                "the copy was taken from the repository's file text (read page by page) and "
                "checked: character count, 47 x 24 rows, and every column's 47-prefecture sum "
                "and flag counts equal the repository's metadata/validation_YYYY_table"
                f"{table}.json"
            ),
        },
        "vintage": "reference year (year of the accounts) " + ", ".join(str(y) for y in years),
        "licence": (
            "Underlying data: METI / e-Stat (government statistics; e-Stat's terms of use: "
            "reuse allowed with attribution, note edits, content not guaranteed by the "
            "government). The copy's repository is MIT (code); its LICENSE says the data keep "
            "e-Stat's terms and attribution."
        ),
        "attribution": "出典：経済産業省「工業統計調査」（e-Stat）を加工して作成",
        "units": {c: UNITS[c] for c in cols},
        "definitions": definitions,
        "rows": len(df),
        "columns": list(df.columns),
        "sha256": sha256(out),
        "build": (
            "python scripts/build_jsic.py "
            "/path/to/SarthakDT-japan-manufacturing-analysis/processed_data"
        ),
        "build_env": build_env("pandas"),
        "missing": [
            {
                "what": "2005 and every year before 2014 (the study's high-technology map is of "
                "2005)",
                "reason": "no copy of a prefecture x middle-group table for those years was "
                "found; 2010-2014 tables exist on e-Stat (statsDataId 0003094711, 0003097830, "
                "0003127834, 0003144079, per the copy's year_availability_matrix.md) but no "
                "values were reachable",
            },
            {
                "what": "2014 and 2015",
                "reason": "no table of establishments with 30 or more persons was found for 2014 or 2015. manufacturing_jsic_2014 is a different table: establishments with 4 or more persons (money in 万円, gross value added only, counts at 31 December), comparable with manufacturing_jsic_4plus, not with this 30+ table; 2015 was an Economic Census year, not copied",
            },
            {
                "what": "suppressed cells",
                "reason": "withheld by METI (flag 'suppressed'); empty, never estimated",
            },
        ],
    }


def main(argv: list[str]) -> None:
    if len(argv) < 2 or any(t not in COPIES for t in argv[2:]):
        raise SystemExit(__doc__)
    src = Path(argv[1])
    tables = argv[2:] or list(COPIES)
    pref = pd.read_csv(DATA / "reference" / "prefectures.csv", dtype=str)
    entries = []
    for table in tables:
        copies = COPIES[table]
        frames = [_read(src, table, year, spec) for year, spec in sorted(copies.items())]
        df = pd.concat(frames, ignore_index=True)
        if set(df["pref_code"]) != set(pref["pref_code"]):
            raise SystemExit("prefecture codes do not match data/reference/prefectures.csv")
        df = df.sort_values(["pref_code", "year", "jsic_code"]).reset_index(drop=True)
        out = DATA / "indicators" / f"{DATASET[table]}.csv"
        out.parent.mkdir(parents=True, exist_ok=True)
        df.to_csv(out, index=False, encoding="utf-8", lineterminator="\n")
        entries.append(_entry(table, df, out))
        print(f"wrote {out} ({len(df)} rows)")
    upsert(entries)


if __name__ == "__main__":
    main(sys.argv)
