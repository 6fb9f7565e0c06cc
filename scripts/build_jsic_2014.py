"""Build data/indicators/manufacturing_jsic_2014.csv: manufacturing by JSIC middle group, 2014.

Source: METI 工業統計調査 平成26年確報 市区町村編, e-Stat statsDataId 0003144102 (prefecture x
JSIC middle group, establishments with 4 or more persons), as extracted from the e-Stat API by
SarthakDT/japan-manufacturing-analysis (processed_data/manufacturing_2014_tablemuni3-01.csv).
Its money columns are in 万円 (10,000 yen), not million yen: checked here against
manufacturing_census (a prefecture's 24 groups, none suppressed, give its shipments x 100 to
rounding). Kept in 万円, as published, so nothing is rounded. The copy's validation report has
flag counts but no sums, so the counts are checked against manufacturing_census instead.

    python scripts/build_jsic_2014.py /path/to/SarthakDT-japan-manufacturing-analysis/processed_data
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pandas as pd

from _manifest_io import DATA, build_env, sha256, upsert

REPO = "SarthakDT/japan-manufacturing-analysis"
COMMIT = "3c87301ceb8dd3f997247db144358fb019a31975"
FILE = "manufacturing_2014_tablemuni3-01.csv"
SHA = "78aa0dbff5210b474ad6234f3a0a00bece094672afa64332adc7c007b66eeab0"
OUT = DATA / "indicators" / "manufacturing_jsic_2014.csv"
COLUMNS = {
    "establishments": "establishments",
    "employment": "persons_employed",
    "shipments": "shipments_10kyen",
    "cash_wages": "wages_10kyen",
    "raw_materials": "raw_materials_10kyen",
    "gross_value_added": "gross_value_added_10kyen",
    "establishments_30_299": "establishments_30_299",
    "establishments_300plus": "establishments_300plus",
}
# flag_counts of metadata/validation_2014_tablemuni3-01.json
FLAG_COUNTS = {
    "establishments": {"ok": 1121, "nil_or_na": 7},
    "employment": {"ok": 1121, "nil_or_na": 7},
    "shipments": {"ok": 1093, "suppressed": 28, "nil_or_na": 7},
    "cash_wages": {"ok": 1093, "suppressed": 28, "nil_or_na": 7},
    "raw_materials": {"ok": 1093, "suppressed": 28, "nil_or_na": 7},
    "gross_value_added": {"ok": 1093, "suppressed": 28, "nil_or_na": 7},
    "establishments_30_299": {"ok": 1083, "nil_or_na": 45},
    "establishments_300plus": {"ok": 644, "nil_or_na": 484},
}


def main(argv: list[str]) -> None:
    if len(argv) != 2:
        raise SystemExit(__doc__)
    path = Path(argv[1]) / FILE
    if sha256(path) != SHA:
        raise SystemExit(f"{path}: not the checked copy")
    raw = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    if len(raw) != 47 * 24 or raw.duplicated(["prefecture_code", "industry_code"]).any():
        raise SystemExit(f"{path}: expected 47 x 24 unique rows")
    if set(raw["year"]) != {"2014"}:
        raise SystemExit(f"{path}: year is not 2014")
    out = pd.DataFrame({"pref_code": raw["prefecture_code"], "year": 2014,
                        "jsic_code": raw["industry_code"], "jsic_name": raw["industry_name"]})
    for col, new in COLUMNS.items():
        flag, text = raw[f"{col}_flag"], raw[col]
        if flag.value_counts().to_dict() != FLAG_COUNTS[col]:
            raise SystemExit(f"{path}: {col} flag counts differ from the validation report")
        if ((text == "") != (flag != "ok")).any():
            raise SystemExit(f"{path}: {col}: a value and its flag disagree")
        num = pd.to_numeric(text.where(text != ""), errors="raise")
        if (num.dropna() % 1 != 0).any():
            raise SystemExit(f"{path}: {col} has non-integer values")
        out[new] = num.astype("Int64")
        out[f"{new}_flag"] = flag
    out["stats_data_id"] = "0003144102"
    census = pd.read_csv(DATA / "indicators" / "manufacturing_census.csv",
                         dtype={"pref_code": str})
    census = census[census["year"] == 2014].set_index("pref_code")
    by_pref = out.groupby("pref_code")[["establishments", "persons_employed",
                                        "shipments_10kyen"]].sum()
    for col in ("establishments", "persons_employed"):
        if not (by_pref[col] == census[col]).all():
            raise SystemExit(f"{col} per prefecture differs from manufacturing_census 2014")
    complete = out.groupby("pref_code")["shipments_10kyen_flag"].agg(lambda f: (f == "ok").all())
    gap = (by_pref["shipments_10kyen"] / 100 - census["shipments_myen"])[complete].abs()
    if len(gap) != 31 or gap.max() >= 0.5:
        raise SystemExit(f"shipments / 100 differ from manufacturing_census: {gap.max()}")
    out = out.sort_values(["pref_code", "jsic_code"]).reset_index(drop=True)
    out.to_csv(OUT, index=False, encoding="utf-8", lineterminator="\n")
    entry: dict[str, Any] = {
        "name": "manufacturing_jsic_2014",
        "path": "indicators/manufacturing_jsic_2014.csv",
        "kind": "indicator",
        "format": "csv",
        "crs": None,
        "title": "Census of Manufacture (工業統計調査) by prefecture and JSIC middle group, "
        "establishments with 4 or more persons, 2014 (money in 万円)",
        "publisher": "Ministry of Economy, Trade and Industry (経済産業省), via e-Stat",
        "source_table": "工業統計調査 平成26年確報 市区町村編, e-Stat statsDataId 0003144102 (prefecture "
        "rows only; its @time dimension lists 2010-2014 but has prefecture detail for 2014 only)",
        "url": "https://www.e-stat.go.jp/stat-search/files?toukei=00550010",
        "copy": {"repository": REPO, "path": f"processed_data/{FILE}", "commit": COMMIT,
                 "sha256": {FILE: SHA},
                 "note": "copied from the repository's file text page by page; character count "
                 "and every column's flag counts equal metadata/validation_2014_tablemuni3-01.json"},
        "vintage": "reference year 2014 (survey of 31 December 2014)",
        "licence": "Underlying data: METI / e-Stat (e-Stat terms of use: reuse with attribution, "
        "note edits). The copy's repository is MIT (code).",
        "attribution": "出典：経済産業省「工業統計調査」（e-Stat）を加工して作成",
        "units": {"establishments": "count", "persons_employed": "persons",
                  "shipments_10kyen": "10,000 yen (万円)", "wages_10kyen": "10,000 yen (万円)",
                  "raw_materials_10kyen": "10,000 yen (万円)",
                  "gross_value_added_10kyen": "10,000 yen (万円)",
                  "establishments_30_299": "count", "establishments_300plus": "count"},
        "definitions": {
            "threshold": "establishments with 4 or more persons: each prefecture's establishments "
            "and persons equal manufacturing_census 2014 (4+) exactly",
            "money_unit": "万円 (10,000 yen), as the table stores it; divide by 100 for the million "
            "yen of manufacturing_census and the 2016-2019 tables. Checked: the 31 prefectures "
            "without an unpublished shipments cell give manufacturing_census's shipments x 100 to "
            "within 50 万円 (rounding)",
            "year": "2014 accounts and counts at 31 December 2014 (the survey date before the 2017 "
            "survey moved it to 1 June). Persons before 2016 exclude paid officers (有給役員), per "
            "the copy's notes: not comparable with 2016-2019 counts",
            "gross_value_added_10kyen": "粗付加価値額 (gross value added, no depreciation "
            "deducted); the table has no net value added. Can be negative",
            "establishments_30_299": "事業所数 of which 30-299 persons",
            "establishments_300plus": "事業所数 of which 300 or more persons",
            "flags": "'ok', 'suppressed' (秘匿) or 'nil_or_na' (-); empty values, never 0",
            "jsic_code": "JSIC Rev. 13 middle group, 09-32; classes in jsic_technology",
        },
        "rows": len(out),
        "columns": list(out.columns),
        "sha256": sha256(OUT),
        "build": "python scripts/build_jsic_2014.py /path/to/SarthakDT-japan-manufacturing-analysis/processed_data",
        "build_env": build_env("pandas"),
        "missing": [{"what": "other_income and tangible_fixed_assets_30plus of the table",
                     "reason": "not needed for the study; not copied into data/"},
                    {"what": "suppressed cells", "reason": "withheld by METI; empty"}],
    }
    upsert([entry])
    print(f"wrote {OUT} ({len(out)} rows)")


if __name__ == "__main__":
    main(sys.argv)
