"""Build data/indicators/manufacturing_jsic.csv: manufacturing by JSIC middle group and prefecture.

Source: METI Census of Manufacture (工業統計調査), e-Stat table 3-03 (establishments with 30 or
more persons, by prefecture and JSIC middle group), as extracted from the e-Stat API by the
public repository SarthakDT/japan-manufacturing-analysis (processed_data/, commit below).

The build input is not part of this repository. Usage:

    python scripts/build_jsic.py /path/to/SarthakDT-japan-manufacturing-analysis/processed_data

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

# year -> (file, sha256 of the copy used, e-Stat statsDataId, e-Stat survey label,
#          the 47-prefecture sums in the source repository's metadata/validation_YYYY_table3-03.json)
COPIES: dict[int, dict[str, Any]] = {
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
}

# source column -> output column
COLUMNS = {
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
FLAGS = {"ok", "suppressed", "nil_or_na"}
OUT = DATA / "indicators" / "manufacturing_jsic.csv"


def _read(src: Path, year: int, spec: dict[str, Any]) -> pd.DataFrame:
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
    for col, new in COLUMNS.items():
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


def main(argv: list[str]) -> None:
    if len(argv) != 2:
        raise SystemExit(__doc__)
    src = Path(argv[1])
    frames = [_read(src, year, spec) for year, spec in sorted(COPIES.items())]
    df = pd.concat(frames, ignore_index=True)
    pref = pd.read_csv(DATA / "reference" / "prefectures.csv", dtype=str)
    codes = set(pref["pref_code"])
    if set(df["pref_code"]) != codes:
        raise SystemExit("prefecture codes do not match data/reference/prefectures.csv")
    df = df.sort_values(["pref_code", "year", "jsic_code"]).reset_index(drop=True)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    df.to_csv(OUT, index=False, encoding="utf-8", lineterminator="\n")
    years = sorted(COPIES)
    value_cols = list(COLUMNS.values())
    units = {
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
    entry: dict[str, Any] = {
        "name": "manufacturing_jsic",
        "path": "indicators/manufacturing_jsic.csv",
        "kind": "indicator",
        "format": "csv",
        "crs": None,
        "title": (
            "Census of Manufacture (工業統計調査) by prefecture and JSIC middle group (中分類 09-32), "
            "establishments with 30 or more persons, " + ", ".join(str(y) for y in years)
        ),
        "publisher": "Ministry of Economy, Trade and Industry (経済産業省), via e-Stat",
        "source_table": (
            "工業統計調査 確報, 表番号 3-03: 従業者30人以上の事業所に関する都道府県別、東京特別区・"
            "政令指定都市別統計（産業中分類別）, e-Stat statsDataId "
            + ", ".join(f"{COPIES[y]['stats_data_id']} ({y})" for y in years)
            + ". The 47 prefecture rows only (the table also has national rows and designated "
            "cities, which are subsets of their prefectures and are not used)."
        ),
        "url": "https://www.e-stat.go.jp/stat-search/files?toukei=00550010",
        "copy": {
            "repository": REPO,
            "path": ", ".join(f"processed_data/{COPIES[y]['file']}" for y in years),
            "commit": COMMIT,
            "sha256": {COPIES[y]["file"]: COPIES[y]["sha256"] for y in years},
            "note": (
                "the copy was taken from the repository's file text (read page by page) and "
                "checked: character count, 47 x 24 rows, and every column's 47-prefecture sum and "
                "flag counts equal the repository's metadata/validation_YYYY_table3-03.json"
            ),
        },
        "vintage": "reference year (year of the accounts) " + ", ".join(str(y) for y in years),
        "licence": (
            "Underlying data: METI / e-Stat (government statistics; e-Stat's terms of use: reuse "
            "allowed with attribution, note edits, content not guaranteed by the government). "
            "The copy's repository is MIT (code); its LICENSE says the data keep e-Stat's terms "
            "and attribution."
        ),
        "attribution": "出典：経済産業省「工業統計調査」（e-Stat）を加工して作成",
        "units": units,
        "definitions": {
            "threshold": (
                "establishments with 30 or more persons employed (従業者30人以上). Not comparable "
                "with the 4+ totals of manufacturing_census; see national_check"
            ),
            "year": (
                "the reference year of the accounts. Year Y comes from the survey of 1 June Y+1 "
                "(2016: e-Stat label 平成29年確報; 2017: 平成30年確報): money items (shipments, value "
                "added, wages, raw materials, production) are January-December Y; counts "
                "(establishments, persons) are at 1 June Y+1. Same convention as the year of "
                "manufacturing_census (whose 2016 row also comes from the 2017 survey)."
            ),
            "jsic_code": (
                "JSIC (日本標準産業分類, Rev. 13) middle group of division E manufacturing, "
                "09 食料品 ... 32 その他; 24 groups, the total row 00 is not kept"
            ),
            "persons_employed": "従業者数 (persons engaged, including proprietors, family workers and paid officers)",
            "shipments_myen": "製造品出荷額等, million yen (百万円)",
            "value_added_myen": (
                "付加価値額 (net value added: depreciation deducted), million yen; can be negative"
            ),
            "wages_myen": "現金給与総額, million yen",
            "raw_materials_myen": "原材料使用額等, million yen",
            "production_myen": "生産額, million yen",
            "establishments_30_99": "事業所数 with 30-99 persons",
            "establishments_100_299": "事業所数 with 100-299 persons",
            "establishments_300plus": "事業所数 with 300 or more persons",
            "flags": (
                "each value column has a *_flag column: 'ok' (value present), 'suppressed' "
                "(秘匿, X in the source: withheld for confidentiality; the value is empty) or "
                "'nil_or_na' (-, *** in the source: none or not applicable; the value is empty, "
                "never 0)"
            ),
            "stats_data_id": "the e-Stat table the row comes from",
            "national_check": (
                "2016: the 47 prefectures sum to the table's national row for establishments "
                "(44,595) and persons (5,826,549); money sums fall short of it by the suppressed "
                "cells (shipments 266,072,783 of 270,703,973 million yen), per the copy's "
                "validation report. 2017: 45,430 establishments and 5,981,578 persons equal the "
                "national row; shipments 282,627,118 of 287,074,969. Against manufacturing_census "
                "(4+ persons): 2016 44,595 of 191,339 establishments, shipments at least 88% of "
                "302,035,588 million yen; 2017 45,430 of 188,249, shipments at least 91% of "
                "308,995,434."
            ),
            "high_technology": (
                "no classification of JSIC middle groups by technology intensity is shipped: no "
                "cited JSIC mapping was found. Several middle groups mix intensities (16 化学工業 "
                "holds pharmaceuticals; 31 輸送用機械 holds aircraft; 27 業務用機械 holds medical "
                "and optical instruments), so a middle-group share is only an approximation."
            ),
        },
        "rows": len(df),
        "columns": list(df.columns),
        "sha256": sha256(OUT),
        "build": "python scripts/build_jsic.py /path/to/SarthakDT-japan-manufacturing-analysis/processed_data",
        "build_env": build_env("pandas"),
        "missing": [
            {
                "what": "years 2014, 2018 and 2019 (2018-2019 exist in the same repository, "
                "2014 as a municipal table)",
                "reason": "not copied and checked in this build",
            },
            {
                "what": "suppressed cells",
                "reason": "withheld by METI (flag 'suppressed'); empty, never estimated",
            },
        ],
    }
    assert not set(value_cols) - set(units)
    upsert([entry])
    print(f"wrote {OUT} ({len(df)} rows)")


if __name__ == "__main__":
    main(sys.argv)
