"""Build data/indicators/*.csv: Census of Manufacture, census population, R&D/GDP, Table 1.

Run from the repository root, with ../shared/data-sources present:

    python scripts/build_indicators.py

Every value is copied from a file in ../shared/data-sources (see each folder's PROVENANCE.md).
Nothing is estimated or filled in. Where the two copies of the Census of Manufacture disagree,
the value is withheld (written as missing) and listed in the manifest's `missing` field.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd

from _manifest_io import DATA, SHARED, build_env, sha256, upsert

OUT = DATA / "indicators"
MANU = SHARED / "census-manufacturing"
POP = SHARED / "census-population"
LISTS = SHARED / "lists"
BUILD = "python scripts/build_indicators.py"

# JIS order of the 47 prefectures, by their full kanji names (JIS X 0401).
PREF_JA = [
    row["name_ja"]
    for row in csv.DictReader(
        (DATA / "reference" / "prefectures.csv").open(encoding="utf-8")
    )
]
CODE_OF_FULL = {name: f"{i:02d}" for i, name in enumerate(PREF_JA, start=1)}


def _short(name: str) -> str:
    return name if name == "北海道" else name[:-1]


CODE_OF_SHORT = {_short(n): c for n, c in CODE_OF_FULL.items()}


def code_of(name: str) -> str:
    """Exact lookup of a kanji prefecture name, with or without its suffix; no fuzzy matching."""
    if name in CODE_OF_FULL:
        return CODE_OF_FULL[name]
    return CODE_OF_SHORT[name]


def write_csv(path: Path, df: pd.DataFrame) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    buf = io.StringIO()
    df.to_csv(buf, index=False, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    path.write_text(buf.getvalue(), encoding="utf-8")


def yen_to_million(s: pd.Series) -> pd.Series:
    """Exact conversion: every stored yen value is a whole number of million yen."""
    s = s.astype("int64")
    assert (s % 1_000_000 == 0).all(), "a yen value is not a whole number of million yen"
    return (s // 1_000_000).astype("Int64")


# ---------------------------------------------------------------- manufacturing
MANU_COLS = [
    "establishments",
    "persons_employed",
    "wages_myen",
    "raw_materials_myen",
    "shipments_myen",
]
PZ_COLS = {
    "Nfirm": "establishments",
    "L": "persons_employed",
    "Wage": "wages_myen",
    "Inter": "raw_materials_myen",
    "R": "shipments_myen",
}
EST_COLS = {
    "idt_offices": "establishments",
    "idt_employees": "persons_employed",
    "idt_salaries": "wages_myen",
    "idt_costs": "raw_materials_myen",
    "idt_sales": "shipments_myen",
}


COPIES_AGREE = "both copies agree"
COPIES_PZ_ONLY = "dataPZ.xlsx only"
COPIES_WITHHELD = "copies disagree on withheld columns; others agree"
COPIES_SETTLED = (
    "copies disagree, settled by a second source (see `resolved`); columns named in `withheld` "
    "stay missing; others agree"
)

TOCHIGI_2005 = (
    "Tochigi Prefecture, 「栃木県の工業」(平成20年工業統計調査結果報告書), table 栃木県工業の推移: "
    "平成17年 事業所数 5,863, 製造品出荷額等 83,522億円, 従業者数 207,732 人 "
    "(http://www.pref.tochigi.lg.jp/c04/pref/toukei/toukei/h20kakuhoukougyou.html, read in a "
    "search-engine cache copy, www-pref-tochigi-lg-jp.cache.yimg.jp, page updated 2010-03-28). "
    "83,522億円 = 8,352,200 million yen to the nearest 億円; dataPZ.xlsx's 8,352,186 rounds to it, "
    "00550010_industrial.csv's 8,577,569 (85,776億円) does not. Establishments and persons equal "
    "both copies' figures."
)
ESTAT_3_01 = (
    "METI 工業統計調査 確報, table 3-01 (都道府県別, 産業中分類別, establishments with 4 or more "
    "persons), e-Stat statsDataId {sid}, as extracted from the e-Stat API by "
    "SarthakDT/japan-manufacturing-analysis (processed_data/manufacturing_{year}_table3-01.csv and "
    "metadata/validation_{year}_table3-01.json, commit 3c87301ceb8dd3f997247db144358fb019a31975; "
    "bundled as manufacturing_jsic_4plus). "
)
FUKUSHIMA_2016 = ESTAT_3_01.format(sid="0003325921", year=2016) + (
    "Fukushima's 24 middle groups, none suppressed, sum to 4,977,861 million yen of shipments and "
    "3,044,864 of raw materials, dataPZ.xlsx's figures; the table's national row (全国計) is "
    "302,185,204 million yen, which dataPZ.xlsx's 47 prefectures give to rounding (302,185,201), "
    "00550010_industrial.csv's (302,035,588) do not. The copies differ in Fukushima alone (46 "
    "prefectures agree). Earlier builds shipped the CSV copy's 4,828,248 on the strength of a "
    "national total of 302兆356億円 quoted at https://www.jagat.or.jp/archives/46784 (a page no "
    "build could open); that figure matches the CSV copy but not the e-Stat table, and is "
    "superseded."
)
HIROSHIMA_2017 = ESTAT_3_01.format(sid="0003389992", year=2017) + (
    "Hiroshima's 24 middle groups, none suppressed, sum to 10,040,406 million yen of shipments "
    "(24 cells each rounded to the million yen): dataPZ.xlsx has 10,040,407, "
    "00550010_industrial.csv 10,171,291."
)
# Disagreeing cells settled by a second source: (pref_code, year, column) -> which copy is right.
SETTLED: dict[tuple[str, int, str], dict[str, object]] = {
    ("09", 2005, "shipments_myen"): {
        "value_from": "dataPZ.xlsx",
        "value": 8_352_186,
        "confirming_source": TOCHIGI_2005,
    },
    ("07", 2016, "shipments_myen"): {
        "value_from": "dataPZ.xlsx",
        "value": 4_977_861,
        "confirming_source": FUKUSHIMA_2016,
    },
    ("07", 2016, "raw_materials_myen"): {
        "value_from": "dataPZ.xlsx",
        "value": 3_044_864,
        "confirming_source": FUKUSHIMA_2016,
    },
    ("34", 2017, "shipments_myen"): {
        "value_from": "dataPZ.xlsx",
        "value": 10_040_407,
        "confirming_source": HIROSHIMA_2017,
    },
}


def check_settled(pz: pd.DataFrame, es: pd.DataFrame) -> None:
    """Re-do, on the copies' own numbers, the checks behind SETTLED (fail the build if they break)."""
    t = pz.loc[("09", 2005)]
    assert (int(t["establishments"]), int(t["persons_employed"])) == (5863, 207732)
    assert round(int(t["shipments_myen"]) / 100) == 83522  # 億円
    assert round(int(es.loc[("09", 2005), "shipments_myen"]) / 100) != 83522
    pz16, es16 = pz.xs(2016, level="year"), es.xs(2016, level="year")
    for df in (pz16, es16):
        assert (int(df["establishments"].sum()), int(df["persons_employed"].sum())) == (
            191339,
            7571369,
        )
    # e-Stat table 3-01 national row 302,185,204 million yen: dataPZ within rounding, CSV not
    assert abs(int(pz16["shipments_myen"].sum()) - 302_185_204) <= 24
    assert abs(int(es16["shipments_myen"].sum()) - 302_185_204) > 100_000
    differs = pz16.index[(pz16["shipments_myen"] != es16["shipments_myen"]).to_numpy()]
    assert list(differs) == ["07"], list(differs)
    # Hiroshima 2017: the 24 middle groups of table 3-01 sum to 10,040,406 (rounded cells)
    assert abs(int(pz.loc[("34", 2017), "shipments_myen"]) - 10_040_406) <= 24
    assert abs(int(es.loc[("34", 2017), "shipments_myen"]) - 10_040_406) > 100_000


# Survey behind each year of dataPZ.xlsx (keyed by its year label = year of the accounts).
SURVEY_CENSUS = "工業統計調査"
SURVEY_ECON = {
    2011: "経済センサス‐活動調査 (平成24年, 2012)",
    2015: "経済センサス‐活動調査 (平成28年, 2016)",
}
SURVEY_2020 = "not stated by the copy (see definitions: survey)"


def survey_of(year: int) -> str:
    if year in SURVEY_ECON:
        return SURVEY_ECON[year]
    if year == 2020:
        return SURVEY_2020
    return SURVEY_CENSUS


def build_manufacturing() -> tuple[pd.DataFrame, list[dict[str, object]], list[dict[str, object]]]:
    pz = pd.read_excel(MANU / "dataPZ.xlsx")
    pz["pref_code"] = pz["prefecture"].map(code_of)
    pz = pz.rename(columns=PZ_COLS)
    for c in ("wages_myen", "raw_materials_myen", "shipments_myen"):
        pz[c] = yen_to_million(pz[c])
    pz = pz[["pref_code", "year", *MANU_COLS]].set_index(["pref_code", "year"]).sort_index()
    assert len(pz) == 47 * 21 and not pz.index.duplicated().any()

    es = pd.read_csv(MANU / "00550010_industrial.csv")
    es["pref_code"] = es["prefecture"].map(code_of)
    es["year"] = es["datetime"].str[:4].astype(int)
    # The copy's 2017 and 2018 rows equal dataPZ's 2016 and 2017 rows (establishments and persons,
    # every prefecture): the copy labels them by survey year (surveys of 2017-06-01 and 2018-06-01,
    # which report the previous calendar year). Align them with dataPZ's labels.
    es.loc[es["year"] >= 2017, "year"] -= 1
    # The copy's 2000 row covers all establishments (incl. 1-3 persons): not comparable, not used.
    es = es[es["year"] != 2000].rename(columns=EST_COLS)
    for c in ("wages_myen", "raw_materials_myen", "shipments_myen"):
        es[c] = yen_to_million(es[c])
    es = es[["pref_code", "year", *MANU_COLS]].set_index(["pref_code", "year"]).sort_index()

    shared = pz.index.intersection(es.index)
    assert len(shared) == len(es) == 47 * 15
    # establishments and persons agree in every shared cell (the check behind the shift above)
    for c in ("establishments", "persons_employed", "wages_myen"):
        assert (pz.loc[shared, c] == es.loc[shared, c]).all(), c

    check_settled(pz, es)
    out = pz.copy()
    out["copies"] = COPIES_PZ_ONLY
    out.loc[shared, "copies"] = COPIES_AGREE
    out["withheld"] = ""
    missing: list[dict[str, object]] = []
    resolved: list[dict[str, object]] = []
    for c in ("raw_materials_myen", "shipments_myen"):
        diff = shared[(pz.loc[shared, c] != es.loc[shared, c]).to_numpy()]
        for key in diff:
            figures = {
                "dataPZ.xlsx": int(pz.loc[key, c]),
                "00550010_industrial.csv": int(es.loc[key, c]),
            }
            settled = SETTLED.get((key[0], int(key[1]), c))
            if settled is not None:
                copy_used = str(settled["value_from"])
                value = figures[copy_used]
                assert value == settled["value"], (key, c, value)
                out.loc[key, c] = value
                resolved.append(
                    {"pref_code": key[0], "year": int(key[1]), "column": c, **figures, **settled}
                )
                continue
            missing.append(
                {
                    "pref_code": key[0],
                    "year": int(key[1]),
                    "column": c,
                    "reason": "the two copies disagree and no second source settles it; value withheld",
                    **figures,
                }
            )
            out.loc[key, c] = pd.NA
            prev = out.loc[key, "withheld"]
            out.loc[key, "withheld"] = f"{prev};{c}" if prev else c
    # the copies column says, per row, how the two copies compare (values defined in the manifest)
    for p, y, _c in {(d["pref_code"], d["year"], d["column"]) for d in missing}:
        out.loc[(p, y), "copies"] = COPIES_WITHHELD
    for d in resolved:
        key = (d["pref_code"], d["year"])
        out.loc[key, "copies"] = COPIES_SETTLED
    out["threshold"] = "4 or more persons employed"
    out["survey"] = [survey_of(y) for y in out.index.get_level_values("year")]
    out = out.reset_index()
    out["pref_code"] = out["pref_code"].astype(str)
    return out, missing, resolved


# ---------------------------------------------------------------- population
def build_population() -> tuple[pd.DataFrame, pd.DataFrame]:
    raw = pd.read_csv(POP / "c01.csv", dtype=str, encoding="utf-8-sig")
    df = pd.DataFrame(
        {
            "code": raw["都道府県コード"].astype(int),
            "name": raw["都道府県名"],
            "year": raw["西暦（年）"].astype(int),
        }
    )
    notes = []
    for src, dst in (
        ("人口（総数）", "population"),
        ("人口（男）", "male"),
        ("人口（女）", "female"),
    ):
        vals = raw[src].str.strip()
        symbol = vals.where(~vals.str.fullmatch(r"[0-9]+"), "")
        assert set(symbol) <= {"", "-"}, set(symbol)
        df[dst] = pd.to_numeric(vals.where(symbol == "", None)).astype("Int64")
        notes.append(symbol)
    df["annotation"] = notes[0]
    nat = df[df["code"] == 0].drop(columns=["code", "name"]).reset_index(drop=True)
    pref = df[df["code"] != 0].copy()
    pref["pref_code"] = pref["code"].map(lambda c: f"{c:02d}")
    assert (pref["name"].map(code_of) == pref["pref_code"]).all()
    pref = pref[["pref_code", "year", "population", "male", "female", "annotation"]]
    pref = pref.sort_values(["pref_code", "year"]).reset_index(drop=True)
    return pref, nat


# ---------------------------------------------------------------- R&D
def build_rd() -> pd.DataFrame:
    raw = pd.read_csv(LISTS / "rd_gdp.csv", dtype={"year": int})
    out = pd.DataFrame(
        {
            "economy": raw["economy"],
            "year": raw["year"],
            "gerd_pct_gdp": raw["gerd_pct_gdp_sei2020"],
            "source_row_id": raw["sei2020_row_id"],
        }
    )
    order = ["Japan", "USA", "EU", "Germany", "France", "UK", "Korea", "China"]
    out["economy"] = pd.Categorical(out["economy"], categories=order)
    out = out.sort_values(["economy", "year"]).reset_index(drop=True)
    out["economy"] = out["economy"].astype(str)
    assert len(out) == 8 * 11 and out["gerd_pct_gdp"].notna().all()
    return out


def build_table1() -> pd.DataFrame:
    raw = pd.read_csv(LISTS / "study_table1.csv", dtype={"year": int})
    return raw[["year", "framework"]]


def main() -> None:
    manu, manu_missing, manu_resolved = build_manufacturing()
    pop, pop_nat = build_population()
    rd = build_rd()
    t1 = build_table1()
    files = {
        "manufacturing_census": (OUT / "manufacturing_census.csv", manu),
        "population_census": (OUT / "population_census.csv", pop),
        "population_census_national": (OUT / "population_census_national.csv", pop_nat),
        "rd_gdp": (OUT / "rd_gdp.csv", rd),
        "study_table1": (OUT / "study_table1.csv", t1),
    }
    for path, df in files.values():
        write_csv(path, df)

    def entry(name: str, **kw: object) -> dict[str, object]:
        path, df = files[name]
        return {
            "name": name,
            "path": str(path.relative_to(DATA)),
            "kind": "indicator",
            "format": "csv",
            "crs": None,
            "build": BUILD,
            "build_env": build_env("pandas", "openpyxl"),
            "rows": len(df),
            "columns": list(df.columns),
            "sha256": sha256(path),
            **kw,
        }

    pz_commit = "62f02f9254653f0bf0b8e82271ab3812af3f3bbe"
    es_commit = "1af6e5ba0993fef7a75ef6230b34148c7006930f"
    manu_years = sorted(manu["year"].unique().tolist())
    upsert(
        [
            entry(
                "manufacturing_census",
                title="Census of Manufacture (工業統計調査) by prefecture, 2000-2020, establishments with 4 or more "
                "persons; 2011 and 2015 from the Economic Census for Business Activity (経済センサス‐活動調査)",
                publisher="Ministry of Economy, Trade and Industry (経済産業省), via e-Stat",
                source_table="工業統計調査 (Census of Manufacture), prefecture totals of manufacturing (製造業計), "
                "establishments with 4 or more persons employed: 事業所数, 従業者数, 現金給与総額, "
                "原材料使用額等, 製造品出荷額等. The 2011 and 2015 figures are from the 経済センサス‐活動調査 "
                "(2012 and 2016 surveys), not 工業統計調査 (see definitions: survey). Neither copy names the "
                "e-Stat table ID.",
                url="https://www.meti.go.jp/english/statistics/tyo/census/index.html",
                copy={
                    "repository": "RuiPann/PZ-2024 (primary, all years); sakamotomasaki/estat_dl (cross-check)",
                    "path": "dataPZ.xlsx; data/00550010_industrial.csv",
                    "commit": f"{pz_commit}; {es_commit}",
                    "sha256": {
                        "dataPZ.xlsx": sha256(MANU / "dataPZ.xlsx"),
                        "00550010_industrial.csv": sha256(MANU / "00550010_industrial.csv"),
                    },
                },
                vintage=f"years {manu_years[0]}-{manu_years[-1]} as labelled in dataPZ.xlsx",
                licence="Underlying data: METI / e-Stat (government statistics, free reuse with attribution under "
                "e-Stat's terms; not checked here). dataPZ.xlsx has no licence; estat_dl is MIT (code).",
                attribution="出典：経済産業省「工業統計調査」、総務省・経済産業省「経済センサス‐活動調査」"
                "（2011年・2015年分）（e-Stat）を加工して作成",
                units={
                    "establishments": "count",
                    "persons_employed": "persons",
                    "wages_myen": "million yen",
                    "raw_materials_myen": "million yen",
                    "shipments_myen": "million yen",
                },
                definitions={
                    "threshold": "establishments with 4 or more persons employed (従業者4人以上), every year. "
                    "The threshold is inferred by the copies' provenance notes (the 2000 row of "
                    "00550010_industrial.csv, all establishments, is not used).",
                    "survey_date": "Surveys up to the 2014 survey were taken as of 31 December, with that calendar "
                    "year's shipments; from the 2017 survey the survey date is 1 June and shipments "
                    "are those of the previous calendar year (Hyogo Prefecture, 平成29年工業統計調査について, "
                    "http://web.pref.hyogo.lg.jp/kk11/shoukougyoutoukei/29-kogyo-toukeichousa1.html; "
                    "Shobara City, http://www.city.shobara.hiroshima.jp/main/government/statistics/29_5.html).",
                    "year": "the label used by dataPZ.xlsx. 00550010_industrial.csv labels the values dataPZ calls 2016 "
                    "and 2017 as 2017 and 2018 (identical establishments and persons in all 47 prefectures), "
                    "i.e. it labels by survey year. For 2016 onward the year therefore reads as the year of "
                    "shipments, with counts at 1 June of the next year (inference from the two copies). "
                    "2011, 2015 and 2020 are in dataPZ.xlsx only; no 工業統計調査 was taken for 2011 and 2015 "
                    "(the 2012 and 2016 経済センサス‐活動調査 took its place) and dataPZ does not say where "
                    "those rows come from.",
                    "establishments": "事業所数 (dataPZ column Nfirm, which its README calls firms; equals 工業事業所数 of the other copy)",
                    "persons_employed": "従業者数, persons at the survey date",
                    "wages_myen": "現金給与総額 (total cash wages and salaries), million yen; the copies store yen (value x 10^6)",
                    "raw_materials_myen": "原材料使用額等 (raw materials, fuel, electricity and subcontracting), million yen",
                    "shipments_myen": "製造品出荷額等 (value of manufactured goods shipped and other revenue), million yen",
                    "copies": f"how the two copies compare in this row. '{COPIES_AGREE}': both copies hold the "
                    f"year and agree in every column. '{COPIES_PZ_ONLY}': the year is only in dataPZ.xlsx (2000 "
                    f"at the 4+ threshold, 2011, 2015, 2018-2020), so nothing is cross-checked. "
                    f"'{COPIES_WITHHELD}': the copies disagree on the columns named in `withheld`, which are "
                    f"missing (both figures in `missing`); every other column agrees. '{COPIES_SETTLED}': the "
                    "copies disagree on the columns named in `resolved` for this row; the figure shipped is the "
                    "one a second source confirms (source and both figures in `resolved`), the `withheld` "
                    "columns are missing, every other column agrees (Tochigi 2005, Fukushima 2016, Hiroshima "
                    "2017).",
                    "withheld": "columns set to missing because the two copies disagree and no second source "
                    "settles them (see `missing`)",
                    "survey": f"the survey the row's figures come from. '{SURVEY_CENSUS}' for every year except: "
                    "2011 and 2015, for which no 工業統計調査 was taken; the only prefecture figures for those "
                    "calendar years are the manufacturing tables (establishments with 4 or more persons) of the "
                    f"経済センサス‐活動調査 of 2012 and 2016 ('{SURVEY_ECON[2011]}', '{SURVEY_ECON[2015]}'). "
                    "dataPZ.xlsx does not name its source for these years, so the attribution is by elimination; "
                    "the 2016 survey's manufacturing results for 4+ establishments are published as "
                    "「平成28年経済センサス‐活動調査 産業別集計(製造業に関する集計)」 (総務省・経済産業省, 2017-12-25; "
                    "copy https://fdocument.pub/document/-28-coefae-ceeiee-28coefae.html). "
                    f"2020: '{SURVEY_2020}'. Read with the year labels above, the 2020 row would hold 2020 "
                    "accounts, which were collected by the 令和3年経済センサス‐活動調査 (taken 2021-06-01, accounts "
                    "of 2020; e.g. https://www.city.atsugi.kanagawa.jp/shiseijoho/johokokai_tokei/11/4/21336.html), "
                    "but neither copy confirms the 2020 row, so its survey is left unstated.",
                    "national_total": "neither copy has a national-total row. METI's own table 3-01 by prefecture "
                    "and JSIC middle group (e-Stat, bundled as manufacturing_jsic_4plus, 2016-2019) was used "
                    "outside the copies to settle Fukushima 2016 and Hiroshima 2017 (see `resolved`): its "
                    "establishments and persons equal both copies in every prefecture, 2016-2019. The other "
                    "disagreements (2001, 2005) have no such check",
                    "resolved": "cells where the two copies disagree and a second source settles which is right: "
                    "the confirmed copy's figure is shipped; both copies' figures and the confirming source "
                    "are listed",
                },
                resolved=manu_resolved,
                missing=[
                    *manu_missing,
                    {
                        "what": "1990 and any year before 2000",
                        "reason": "no reachable copy; read a user's e-Stat SSDS "
                        "download (C3401/C3403/C3404, 1975-) with jregion.read_estat",
                    },
                    {
                        "what": "manufacturing by JSIC middle group and prefecture for 2005 and every year before 2014 (the study's high-technology map is of 2005)",
                        "reason": "no copy was found; the years that exist, 2014 and 2016-2019, are shipped as manufacturing_jsic_2014 and manufacturing_jsic_4plus (4+ persons) and manufacturing_jsic (30+ persons, 2016-2019)",
                    },
                    {
                        "what": "2000 all-establishment figures",
                        "reason": "only in 00550010_industrial.csv; not shipped so "
                        "that one threshold covers the whole table",
                    },
                ],
            ),
            entry(
                "population_census",
                title="Population by prefecture and sex, population censuses 1920-2015",
                publisher="Statistics Bureau of Japan (総務省統計局), 国勢調査 (Population Census)",
                source_table="時系列データ 表番号1「男女別人口－全国，都道府県（大正９年～平成27年）」 (e-Stat c01.csv)",
                url="https://www.e-stat.go.jp/",
                copy={
                    "repository": "hajime-ubuntu/streamlit_app",
                    "path": "c01.csv",
                    "commit": "761cf17e2f5c33965fe1eaa4a2caf4ff9f6bf5ba",
                    "sha256": sha256(POP / "c01.csv"),
                },
                vintage="census years 1920-2015 (as of 1 October of each year)",
                licence="Government statistics (e-Stat terms); the copy has no licence",
                attribution="出典：総務省統計局「国勢調査」",
                units={"population": "persons", "male": "persons", "female": "persons"},
                definitions={
                    "population": "人口（総数）, total population enumerated by the census",
                    "annotation": "the source's symbol where a value is missing: '-' = not enumerated "
                    "(Okinawa 1945 is the only case)",
                },
                missing=[
                    {
                        "pref_code": "47",
                        "year": 1945,
                        "reason": "'-' in the source (no census figure)",
                    }
                ],
            ),
            entry(
                "population_census_national",
                title="Population of Japan (national total row), population censuses 1920-2015",
                publisher="Statistics Bureau of Japan (総務省統計局), 国勢調査 (Population Census)",
                source_table="as population_census, row 全国 (code 0)",
                url="https://www.e-stat.go.jp/",
                copy={
                    "repository": "hajime-ubuntu/streamlit_app",
                    "path": "c01.csv",
                    "commit": "761cf17e2f5c33965fe1eaa4a2caf4ff9f6bf5ba",
                    "sha256": sha256(POP / "c01.csv"),
                },
                vintage="census years 1920-2015",
                licence="Government statistics (e-Stat terms); the copy has no licence",
                attribution="出典：総務省統計局「国勢調査」",
                units={"population": "persons", "male": "persons", "female": "persons"},
                definitions={
                    "national_vs_sum": "The 47 prefectures sum exactly to this row in every census year "
                    "except 1960, where the national row is 73 persons (39 male, 34 "
                    "female) larger: the national figure includes the 73 persons of an area whose boundary "
                    "was then disputed between 長野県西筑摩郡山口村 and 岐阜県中津川市, counted in neither "
                    "prefecture (uub.jp 都道府県市区町村 落書き帳 [82400], on the 1960 "
                    "census: 「昭和35年の長野県西筑摩郡山口村と岐阜県中津川市の間の境界紛争地域(73人)」, "
                    "https://uub.jp/frm/82400.html; 山口村 later joined 中津川市, 2005-02-13). "
                    "1945 excludes Okinawa."
                },
                missing=[],
            ),
            entry(
                "rd_gdp",
                title="Gross domestic expenditure on R&D (GERD) as % of GDP, 1995-2005, 8 economies",
                publisher="OECD, Main Science and Technology Indicators (MSTI 2019/1), as tabulated by NSF/NCSES "
                "Science and Engineering Indicators 2020, Table S4-1",
                source_table="SEI 2020 Table S4-1 (GERD/GDP block); row ids in source_row_id",
                url="https://www.ncses.nsf.gov/pubs/nsb20201/global-r-d",
                copy={
                    "repository": "bq-org/ncses_stats_explorer_placeholder",
                    "path": "output/tables/1888/data.csv (transcribed to shared lists/rd_gdp.csv)",
                    "commit": "1f879ab65ed260668840db406611ddc10e8455bc",
                    # the hash of the shared transcription this build reads, NOT of the NCSES data.csv
                    # (whose hash, 'ncses_1888.csv', is listed in shared lists/PROVENANCE.md)
                    "sha256_of_shared_transcription": {
                        "lists/rd_gdp.csv": sha256(LISTS / "rd_gdp.csv")
                    },
                    "sha256_of_ncses_data_csv": "a72638fabd52d9380e93998e45a40302b0bc3fda096bfdd2d35adf97e64feca5 "
                    "(output/tables/1888/data.csv as recorded in shared lists/PROVENANCE.md, 'ncses_1888.csv'; "
                    "the file itself is not in ../shared/data-sources, so this build cannot re-hash it)",
                },
                vintage="OECD MSTI 2019/1 (SEI 2020). The other vintage in the leads (MSTI Sept 2021, SEI 2022) is not shipped.",
                licence="NSF/NCSES tables are US-government works; OECD MSTI terms apply to the underlying data",
                attribution="Source: OECD MSTI 2019/1 via NSF/NCSES, Science and Engineering Indicators 2020, Table S4-1",
                units={"gerd_pct_gdp": "percent of GDP"},
                definitions={
                    "EU": "EU-28 including the United Kingdom (the SEI 2020 aggregate), identified by the arithmetic "
                    "check in shared lists/PROVENANCE.md section 6",
                    "economy": "row labels are not printed in the source CSV; they were inferred from the table's "
                    "row order and an arithmetic check (shared lists/PROVENANCE.md section 6)",
                    "Japan": "Japanese data from 1996 on may not be consistent with earlier years (source note)",
                    "vintage_choice": "MSTI 2019/1 was chosen because its EU aggregate includes the UK, as the EU did "
                    "in the study's period (1995-2005)",
                },
                missing=[],
            )
            | {"index": ["economy", "year"]},
            entry(
                "study_table1",
                title="Japanese frameworks promoting industry-science relationships, 1995-2006 (the study's Table 1)",
                publisher="D. W. Edgington, 'The Japanese Innovation System: University-Industry Linkages, Small Firms "
                "and Regional Technology Clusters', Table 1 (citing Kitagawa 2005 and CSTP 2006)",
                source_table="Table 1",
                url=None,
                copy={
                    "repository": "shared lists (transcription)",
                    "path": "lists/study_table1.csv",
                    "commit": None,
                    "sha256": sha256(LISTS / "study_table1.csv"),
                },
                vintage="1995-2006",
                licence="facts (years and law names) from a scholarly article",
                attribution="Edgington, Table 1",
                units={},
                definitions={"year": "year of the law or plan as given in the table"},
                missing=[],
            ),
        ]
    )


if __name__ == "__main__":
    main()
