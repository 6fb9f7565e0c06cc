"""Build data/sites/*.csv: programme sites (universities, Technopolis, METI and MEXT clusters, Tsukuba).

Run from the repository root, with ../shared/data-sources present, after build_reference.py:

    python scripts/build_sites.py

Only sourced rows are written. Rows the shared lists mark NOT FOUND are left out and listed in
the manifest's `missing` field. Coordinates come only from a cited source:
- universities: the campus, where an English Wikipedia infobox gives coordinates of a site the
  imperial university occupied, in the row's city (CAMPUS below, URL and read date per row);
- other universities and the higher schools: the prefectural office of the prefecture whose seat
  is the school's city (dataofjapan/land prefecturalCapital.csv, already in
  data/reference/prefectures.csv), a documented city-level proxy, not the campus;
- Tsukuba: a representative point of the つくば市 polygon (local-government code 08220) of MLIT N03 2021;
- area programmes (Technopolis, METI and MEXT clusters) have no coordinates: they are prefecture lists.
"""

from __future__ import annotations

import re

import geopandas as gpd
import pandas as pd

from _manifest_io import DATA, SHARED, build_env, sha256, upsert
from build_indicators import CODE_OF_FULL, CODE_OF_SHORT, write_csv

OUT = DATA / "sites"
LISTS = SHARED / "lists"
N03 = SHARED / "boundaries" / "n03-2021" / "municipalities_designated_city_s0010.topojson"
BUILD = "python scripts/build_sites.py"
N03_COPY = {
    "repository": "smartnews-smri/japan-topography (HEAD b403e71eb97f1fdf32f63d16bd485129f703855e)",
    "path": "data/municipality/topojson/s0010/N03-21_210101_designated_city.json",
    "commit": "42f7a11cb5b4001ceaed83c52e211513711ee16b",
    "sha256": {"municipalities_designated_city_s0010.topojson": sha256(N03)},
}
LISTS_NOTE = "../shared/data-sources/lists/ (see its PROVENANCE.md, sections 2-5 and 11)"

PREFS = pd.read_csv(DATA / "reference" / "prefectures.csv", dtype={"pref_code": str}).set_index(
    "pref_code"
)
SCHEMES = pd.read_csv(DATA / "reference" / "region_schemes.csv", dtype={"pref_code": str})
OFFICE_BASIS = (
    "proxy: prefectural office of the prefecture whose seat is this city "
    "(dataofjapan/land prefecturalCapital.csv, geocoded 2014-07-01); city-level, not the campus"
)

# Cities that are not prefecture names but appear in the shared MEXT list; each is the named
# city's prefecture (geographical fact, stated here so the mapping can be checked).
CITY_PREF = {
    "札幌": "01",
    "函館": "01",
    "仙台": "04",
    "横浜": "14",
    "浜松": "22",
    "名古屋": "23",
    "京都市": "26",
    "大阪市": "27",
    "神戸": "28",
    "釜石": "03",
}


def codes_in(text: str) -> list[str]:
    """Prefecture codes named in a source string: full kanji names, then the listed cities."""
    found = {c for name, c in CODE_OF_FULL.items() if name in text}
    found |= {c for city, c in CITY_PREF.items() if city in text}
    return sorted(found)


#: Sourced campus coordinates (the infobox coordinates of each English Wikipedia article, read
#: on 2026-12-06 from the stored copy at the URL given). Keyed by the start of the shared list's
#: name. No other institution has sourced coordinates: those stay at the office proxy.
CAMPUS_READ = "read 2026-12-06"
CAMPUS: dict[str, tuple[float, float, str, str]] = {
    "東京帝国大学": (
        35.71333,
        139.76222,
        "Hongo campus (7-3-1 Hongo), the university's site since the 1880s",
        "https://en.wikipedia.org/wiki/Todai (article 'University of Tokyo')",
    ),
    "京都帝国大学": (
        35.026212,
        135.780842,
        "Yoshida campus, the site since 1897",
        "https://en.wikipedia.org/wiki/?oldid=1176455006&title=Kyoto_University",
    ),
    "北海道帝国大学": (
        43.074687,
        141.340828,
        "Sapporo campus",
        "https://en.m.wikipedia.org/wiki/Hokkaido_University",
    ),
    "名古屋帝国大学": (
        35.15472,
        136.96694,
        "present main campus (Higashiyama, Chikusa-ku, Nagoya); its land was acquired when the "
        "imperial university was founded in 1939 (文化庁月報 No. 517, 2011-10, "
        "https://www.bunka.go.jp/pr/publish/bunkachou_geppou/2011_10/series_09/series_09.html), "
        "most faculties moved there after 1947",
        "https://db0nus869y26v.cloudfront.net/en/Nagoya_University (mirror of the English "
        "Wikipedia article 'Nagoya University')",
    ),
}

#: Infobox coordinates that were found but are not used: they are not of a site the imperial
#: university occupied, and they fall outside the row's city. Each is declared in `missing`.
CAMPUS_REJECTED: dict[str, str] = {
    "大阪帝国大学": "the only sourced coordinates, 34.81917, 135.52667 (infobox of the English "
    "Wikipedia article 'Osaka University', mirror "
    "https://pwojczyn.com/wiki/view.php?lang=en&q=Osaka_University, read 2026-12-06), are of the "
    "present Suita campus, in 吹田市; the imperial university (1931-1947) was based at its "
    "founding site, Nakanoshima in 大阪市 (ja.wikipedia '大阪大学', mirror "
    "https://ja.everybodywiki.com/%E5%A4%A7%E9%98%AA%E5%A4%A7%E5%AD%A6: 創設の地である大阪・中之島を本拠とし; the move to the "
    "Suita and Toyonaka campuses was completed in 1993), for which no sourced coordinates were "
    "found. The row stays at the office proxy, in 大阪市",
}


def _campus(name: str) -> tuple[float, float, str] | None:
    for key, (lat, lon, what, url) in CAMPUS.items():
        if name.startswith(key):
            return lat, lon, f"campus: {what}; coordinates from {url}, {CAMPUS_READ}"
    return None


def universities() -> tuple[pd.DataFrame, list[dict[str, object]]]:
    raw = pd.read_csv(LISTS / "universities.csv", dtype=str)
    seat = {str(v).split(" (")[0]: k for k, v in PREFS["capital_en"].items()}
    rows, missing = [], []
    proxies: list[str] = []
    rejected_ids: list[str] = []
    for i, r in raw.iterrows():
        outside = r["outside_present_day_japan"].startswith("YES")
        code = None if outside else seat[r["city"]]
        campus = _campus(r["name"])
        office = (
            (PREFS.loc[code, "office_lat"], PREFS.loc[code, "office_lon"], OFFICE_BASIS)
            if code is not None
            else None
        )
        if not outside and campus is None:
            proxies.append(f"U{i + 1:02d} {r['name']}")
        rows.append(
            {
                "site_id": f"U{i + 1:02d}",
                "type": r["type"],
                "name": r["name"],
                "city": r["city"],
                "pref_code": code,
                "year": int(r["founding_year"]),
                "year_basis": "founding year as in the shared list"
                + (
                    f"; {r['disagreements_notes']}"
                    if isinstance(r["disagreements_notes"], str)
                    else ""
                ),
                "outside_present_day_japan": outside,
                "lat": None if outside else (campus or office)[0],
                "lon": None if outside else (campus or office)[1],
                "location_basis": "none: outside present-day Japan"
                if outside
                else (campus or office)[2],
                "sources": r["sources"],
            }
        )
        rejected = next((v for k, v in CAMPUS_REJECTED.items() if r["name"].startswith(k)), None)
        if rejected is not None:
            rejected_ids.append(f"U{i + 1:02d}")
            missing.append(
                {"site_id": f"U{i + 1:02d}", "what": "campus coordinates", "reason": rejected}
            )
        if outside:
            missing.append(
                {
                    "site_id": f"U{i + 1:02d}",
                    "what": "pref_code and coordinates",
                    "reason": f"{r['name']} is outside present-day Japan ({r['outside_present_day_japan']})",
                }
            )
    missing.append(
        {
            "what": "campus (or historical) coordinates of "
            f"{len(proxies)} institutions: {', '.join(proxies)}",
            "reason": "no source with coordinates of a site the institution occupied was found"
            + (f" ({', '.join(rejected_ids)}: see its own entry)" if rejected_ids else "")
            + "; each of these rows stands at its prefecture's office (location_basis "
            "'proxy: ...'), and maps draw institutions that share a point side by side",
        }
    )
    return pd.DataFrame(rows), missing


def technopolis() -> tuple[pd.DataFrame, list[dict[str, object]]]:
    raw = pd.read_csv(LISTS / "technopolis.csv", dtype=str)
    assert len(raw) == 26
    rows, missing = [], []
    for i, r in raw.iterrows():
        year = r["designation_year"]
        if pd.isna(year):
            missing.append(
                {
                    "site_id": f"T{i + 1:02d}",
                    "what": "designation year",
                    "reason": f"{r['area_name']}: not found in the sources consulted",
                }
            )
        for p in r["prefecture"].split(";"):
            rows.append(
                {
                    "site_id": f"T{i + 1:02d}",
                    "name": r["area_name"],
                    "region_ja": r["region"],
                    "pref_code": CODE_OF_FULL[p],
                    "prefecture_basis": r["prefecture_basis"],
                    "year": None if pd.isna(year) else int(year),
                    "year_basis": r["year_basis"],
                    "lat": None,
                    "lon": None,
                    "location_basis": "none: area programme (prefecture list)",
                    "sources": r["sources"],
                    "note": r["note"] if isinstance(r["note"], str) else "",
                }
            )
    return int_years(pd.DataFrame(rows)), missing


def int_years(df: pd.DataFrame) -> pd.DataFrame:
    """Write years as integers (blank when missing), never as floats such as 2003.0."""
    df["year"] = df["year"].astype("Int64")
    return df


def stated_codes(text: str, above: list[str] | None) -> list[str]:
    """Prefectures a METI list row states: exact tokens (full or short kanji names) only.

    "not listed ..." states none (a place mentioned in a note is not a coverage statement);
    "(as above)" repeats the bureau's previous stated list.
    """
    if text in ("", "nan") or text.startswith("not listed"):
        return []
    if "(as above)" in text:
        assert above, text
        return above
    tokens = [t for t in re.split(r"[,、・:：()（） ]+", text) if t]
    return sorted(
        {
            CODE_OF_FULL.get(t) or CODE_OF_SHORT[t]
            for t in tokens
            if t in CODE_OF_FULL or t in CODE_OF_SHORT
        }
    )


BUREAU_REGION = {
    "北海道": "Hokkaido",
    "東北": "Tohoku",
    "関東": "Kanto",
    "中部": "Chubu",
    "近畿": "Kinki",
    "中国": "Chugoku",
    "四国": "Shikoku",
    "九州": "Kyushu",
    "沖縄": "Okinawa",
}


INFERRED_BASIS = "inferred: bureau jurisdiction"
INFERRED_NOTE = (
    "the source does not state this project's prefectures; the row is one of the prefectures of "
    "its METI regional bureau (region scheme 'meti', METI 地方経済産業局 list), an inference"
)
# 東海 projects of the Chubu bureau: the bureau also covers 富山県 and 石川県 (北陸), which are not
# in 東海, so these two prefectures are not listed for them (no source places them there either).
TOKAI_EXCLUDED = {"16", "17"}
TOKAI_REASON = (
    "rows for 富山県 (16) and 石川県 (17) are not shipped: the project is a 東海 project (its name; "
    "the shared list's coverage field says 東海地域 for 東海ものづくり創生プロジェクト) and 富山 and "
    "石川 are 北陸 prefectures of the Chubu bureau, not 東海; the remaining rows (岐阜, 愛知, 三重) "
    "are still the bureau inference, not a source statement"
)
NAME_PLACEHOLDER = "NOT FOUND as a project name"


def meti_clusters() -> tuple[pd.DataFrame, list[dict[str, object]]]:
    raw = pd.read_csv(LISTS / "meti_clusters.csv", dtype=str)
    meti = SCHEMES[SCHEMES["scheme"] == "meti"]
    rows, missing = [], []
    last_stated: dict[str, list[str]] = {}
    inferred_ids: list[str] = []
    n = 0
    for _, r in raw.iterrows():
        if r["project_name"].strip() == "NOT FOUND":
            missing.append(
                {
                    "what": f"{r['regional_bureau']} project {r['slot_in_bureau_count']}",
                    "reason": "NOT FOUND in the sources consulted: " + str(r["note"])[:300],
                }
            )
            continue
        n += 1
        site_id = f"M{n:02d}"
        region = next(v for k, v in BUREAU_REGION.items() if r["regional_bureau"].startswith(k))
        bureau_codes = sorted(meti.loc[meti["region"] == region, "pref_code"])
        stated = stated_codes(str(r["prefectures_covered"]), last_stated.get(region))
        if stated:
            last_stated[region] = stated
        notes = [r["note"]] if isinstance(r["note"], str) else []
        name: str | None = r["project_name"]
        if str(name).startswith(NAME_PLACEHOLDER):
            # the list's name cell is a placeholder, not a name: keep the name missing
            notes.insert(0, f"name column of the shared list: {name}")
            missing.append(
                {
                    "site_id": site_id,
                    "what": "project name",
                    "reason": "no source consulted gives the project's formal name; the shared "
                    f"list's text ('{name}') is kept in `note`",
                }
            )
            name = None
        if stated:
            # the source's own list must be the bureau's area (true for Kanto, Shikoku, Hokkaido, Okinawa)
            assert stated == bureau_codes, (r["project_name"], stated, bureau_codes)
            basis = "stated by source: " + str(r["prefectures_covered"])
            codes = bureau_codes
        else:
            basis = INFERRED_BASIS
            codes = bureau_codes
            inferred_ids.append(site_id)
            notes.append(INFERRED_NOTE)
            if "東海" in str(r["project_name"]):
                assert region == "Chubu" and set(bureau_codes) >= TOKAI_EXCLUDED, r["project_name"]
                codes = [c for c in bureau_codes if c not in TOKAI_EXCLUDED]
                notes.append(TOKAI_REASON)
                missing.append(
                    {
                        "site_id": site_id,
                        "what": "rows for 富山県 (16) and 石川県 (17)",
                        "reason": TOKAI_REASON,
                    }
                )
        added = r["slot_in_bureau_count"].startswith("added FY2007")
        for code in codes:
            rows.append(
                {
                    "site_id": site_id,
                    "name": name,
                    "bureau": r["regional_bureau"],
                    "meti_region": region,
                    "slot": r["slot_in_bureau_count"],
                    "pref_code": code,
                    "prefecture_basis": basis,
                    "year": 2007 if added else 2006,
                    "year_basis": "FY2007 addition"
                    if added
                    else "listed for phase II (FY2006-2010)",
                    "lat": None,
                    "lon": None,
                    "location_basis": "none: area programme (prefecture list)",
                    "sources": r["sources"],
                    "note": " | ".join(notes),
                }
            )
    missing.append(
        {
            "site_ids": inferred_ids,
            "what": "prefectures covered by these projects",
            "reason": "not stated by any source consulted; rows list the prefectures of the project's "
            f"regional bureau and are marked prefecture_basis = '{INFERRED_BASIS}'",
        }
    )
    missing.append(
        {
            "what": "count of projects",
            "reason": "sources give 17 (start of phase II), 18 (Dec 2007, "
            "FY2009) or 19; unresolved (shared lists PROVENANCE section 11)",
        }
    )
    return pd.DataFrame(rows), missing


def mext_clusters() -> tuple[pd.DataFrame, list[dict[str, object]]]:
    raw = pd.read_csv(LISTS / "mext_clusters.csv", dtype=str)
    rows, missing = [], []
    n = 0
    for _, r in raw.iterrows():
        area = str(r["area_name"])
        # a row whose name was cut off but whose prefecture the source states is shipped like
        # K26 (also without a cluster name): the name is missing, the prefecture is sourced
        truncated = area.startswith("NOT FOUND (truncated") and bool(
            codes_in(str(r["prefecture_or_proposer"]))
        )
        if area.startswith(("NOT FOUND", "REMAINING")) and not truncated:
            missing.append(
                {
                    "what": f"{r['programme']} phase {r['phase']}: {area}",
                    "reason": "NOT FOUND in the sources consulted; " + str(r["note"])[:300],
                }
            )
            continue
        n += 1
        codes = codes_in(str(r["prefecture_or_proposer"]))
        assert codes, r["prefecture_or_proposer"]
        theme = str(r["cluster_or_theme"])
        if truncated:
            missing.append(
                {
                    "site_id": f"K{n:02d}",
                    "what": f"{r['programme']} phase {r['phase']}: area name ({area})",
                    "reason": "the source's name is cut off; the row is shipped with its "
                    "sourced prefecture and year, without a name (as K26 without a cluster name)",
                }
            )
        if theme.startswith("NOT FOUND"):
            missing.append(
                {
                    "what": f"{r['programme']} phase {r['phase']} {area}: cluster name",
                    "reason": theme,
                }
            )
        # a development-type (発展型) row starts in the development-type programme's year, not in
        # the general-type (一般型) year its area had earlier
        start = str(r["start_fy"])
        year_m = re.search(r"発展型 FY(\d{4})", start) if "発展型" in area else None
        year_m = year_m or re.search(r"FY(\d{4})", start)
        for code in codes:
            rows.append(
                {
                    "site_id": f"K{n:02d}",
                    "programme": r["programme"],
                    "phase": r["phase"],
                    "name": None if truncated else area,
                    "cluster": None if theme.startswith("NOT FOUND") else theme,
                    "pref_code": code,
                    "prefecture_basis": "from the source's prefecture/proposer field: "
                    + str(r["prefecture_or_proposer"]),
                    "year": int(year_m.group(1)) if year_m else None,
                    "year_basis": str(r["start_fy"])
                    if isinstance(r["start_fy"], str)
                    else "start year not stated",
                    "lat": None,
                    "lon": None,
                    "location_basis": "none: area programme (prefecture list)",
                    "sources": r["source"],
                    "note": r["note"] if isinstance(r["note"], str) else "",
                }
            )
    missing.append(
        {
            "what": "Knowledge Cluster phase I: 7 of 18 areas; City Area: full list",
            "reason": "no source listing them was reachable (shared lists PROVENANCE section 11)",
        }
    )
    return int_years(pd.DataFrame(rows)), missing


#: Where each dataset's coordinates come from (area programmes have none).
COORD_LICENCE = {
    "sites_universities": "coordinates: dataofjapan/land (prefectural offices, the proxy rows) "
    "and the infobox of the English Wikipedia article of {campus} (campus rows; "
    "URL and read date in location_basis; the article text is CC BY-SA 4.0, a coordinate is a "
    "fact)",
    "sites_tsukuba": "coordinates: MLIT N03 (credit MLIT, data edited)",
}
COORD_ATTRIBUTION = {
    "sites_universities": "Coordinates: dataofjapan/land (prefectural offices); Wikipedia "
    "(campus coordinates, cited per row)",
    "sites_tsukuba": "国土数値情報（行政区域データ）（国土交通省）を加工して作成",
}

TSUKUBA_ARCHIVES = "http://www.archives.go.jp/owning/monthly/1312/archives_index.html"
TSUKUBA_WHITE_PAPER = "https://www.mext.go.jp/b_menu/hakusho/html/hpaa197201/hpaa197201_2_074.html"
TSUKUBA_SOURCE_TABLE = (
    "year: National Archives of Japan, 今月のアーカイブ 1312 『閣議書でみる筑波研究学園都市のあゆみ』 "
    f"(cabinet agreement of September 1963), {TSUKUBA_ARCHIVES}; MEXT white paper of 1972, "
    f"{TSUKUBA_WHITE_PAPER} (both cited from the stored public pages; they are not in the "
    "shared source lists); point: MLIT N03 2021, polygon 08220 (つくば市)"
)
TSUKUBA_YEAR_BASIS = (
    "year the government fixed the research and academic city at 筑波: the cabinet agreement "
    "(閣議了解) 「研究・学園都市の建設について」 of 昭和38年9月 (September 1963), which states "
    "「研究・学園都市の所在地は、筑波地区とする」 (National Archives of Japan, 今月のアーカイブ 1312 "
    "『閣議書でみる筑波研究学園都市のあゆみ』, " + TSUKUBA_ARCHIVES + "); the 1972 white paper on "
    "MEXT's site: 「研究学園都市の建設は,昭和38年9月の閣議で茨城県筑波地区と決定され」 ("
    + TSUKUBA_WHITE_PAPER
    + "). The study (D. W. Edgington) gives 1964."
)


def tsukuba() -> pd.DataFrame:
    muni = gpd.read_file(N03)
    poly = muni[muni["N03_007"] == "08220"]
    assert len(poly) == 1 and poly["N03_004"].iloc[0] == "つくば市"
    pt = poly.geometry.representative_point().iloc[0]
    return pd.DataFrame(
        [
            {
                "site_id": "S01",
                "name": "筑波研究学園都市 (Tsukuba Science City)",
                "municipality_code": "08220",
                "pref_code": "08",
                "year": 1963,
                "year_basis": TSUKUBA_YEAR_BASIS,
                "lat": round(pt.y, 6),
                "lon": round(pt.x, 6),
                "location_basis": "representative point (shapely representative_point) of the つくば市 polygon, "
                "MLIT 国土数値情報 N03 2021-01-01 via smartnews-smri/japan-topography "
                "(municipalities_designated_city_s0010.topojson)",
                "sources": f"{TSUKUBA_ARCHIVES} | {TSUKUBA_WHITE_PAPER} | Edgington (the study; says 1964) "
                "| MLIT N03 2021 (point)",
            }
        ]
    )


EXTRA_DEFINITIONS: dict[str, dict[str, str]] = {
    "sites_meti_clusters": {
        "prefecture_basis": "'stated by source: ...' where a source names the prefectures the project "
        "covers (Hokkaido, Kanto, Shikoku, Okinawa); the rows are then exactly those prefectures. "
        f"'{INFERRED_BASIS}' where no source states them (the shared list says 'not listed'): the project "
        "is expanded to the prefectures of its METI regional bureau, an inference, not a fact about the "
        "project; filter on this column to keep only stated rows. The two 東海 projects of the Chubu "
        "bureau are not listed on 富山県 and 石川県 (see `missing`).",
        "name": "the project name in the sources' wording; missing where no source gives a name "
        "(the shared list's placeholder text is kept in `note`)",
        "note": "the shared list's note, then the build's notes (inference, exclusions), separated by ' | '",
    },
    "sites_tsukuba": {
        "year": "1963: the cabinet agreement (閣議了解) of September 1963 that sited the research and "
        "academic city at 筑波 (National Archives of Japan; MEXT 1972 white paper). The study says 1964.",
    },
}


def main() -> None:
    uni, uni_missing = universities()
    campus_ids = uni.loc[uni["location_basis"].str.startswith("campus"), "site_id"]
    COORD_LICENCE["sites_universities"] = COORD_LICENCE["sites_universities"].format(
        campus=", ".join(campus_ids)
    )
    tec, tec_missing = technopolis()
    met, met_missing = meti_clusters()
    mex, mex_missing = mext_clusters()
    tsu = tsukuba()
    specs = {
        "sites_universities": (
            "universities.csv",
            uni,
            uni_missing,
            "Imperial universities (9) and the eight Number Schools (ナンバースクール)",
            "compiled from encyclopaedia and history pages (shared lists universities.csv)",
            "1886-1939",
            ["universities.csv", "prefectural_offices.csv"],
        ),
        "sites_technopolis": (
            "technopolis.csv",
            tec,
            tec_missing,
            "The 26 Technopolis areas (高度技術工業集積地域開発促進法, 1983), one row per area and prefecture",
            "MITI Technopolis programme; names from ja.wikipedia mirrors and kotobank 日本大百科全書",
            "1984-1989 (15 of 26 designation years found)",
            ["technopolis.csv"],
        ),
        "sites_meti_clusters": (
            "meti_clusters.csv",
            met,
            met_missing,
            "METI Industrial Cluster projects (産業クラスター計画), phase II, one row per project and prefecture",
            "METI regional bureaux; project names from j-net21, AIST, RIETI, kotobank and others",
            "FY2006 (phase II) and FY2007 additions",
            ["meti_clusters.csv", "region_schemes.csv"],
        ),
        "sites_mext_clusters": (
            "mext_clusters.csv",
            mex,
            mex_missing,
            "MEXT Knowledge Cluster Initiative (知的クラスター創成事業) phases I-II and City Areas (partial), "
            "one row per area and prefecture",
            "MEXT press releases and participating bodies' pages",
            "FY2002-FY2009",
            ["mext_clusters.csv"],
        ),
        "sites_tsukuba": (
            "tsukuba.csv",
            tsu,
            [],
            "Tsukuba Science City (筑波研究学園都市)",
            "National Archives of Japan and MEXT (year); MLIT N03 2021 for the point",
            "1963 (cabinet agreement siting the city at 筑波; the study says 1964)",
            [],
        ),
    }
    entries = []
    for name, (fname, df, missing, title, publisher, vintage, inputs) in specs.items():
        path = OUT / fname
        write_csv(path, df)
        entries.append(
            {
                "name": name,
                "path": f"sites/{fname}",
                "kind": "sites",
                "format": "csv",
                "title": title,
                "publisher": publisher,
                "source_table": TSUKUBA_SOURCE_TABLE
                if name == "sites_tsukuba"
                else "see the per-row `sources` column",
                "url": TSUKUBA_ARCHIVES if name == "sites_tsukuba" else None,
                "copy": N03_COPY
                if name == "sites_tsukuba"
                else {
                    "repository": "shared lists (compiled from stored public pages)",
                    "path": "; ".join(f"lists/{i}" for i in inputs),
                    "commit": None,
                    "sha256": {i: sha256(LISTS / i) for i in inputs if (LISTS / i).is_file()},
                },
                "vintage": vintage,
                "licence": "facts (names, years, prefectures) compiled from public sources; "
                + COORD_LICENCE.get(name, "no coordinates (area programme: prefecture list)"),
                "attribution": COORD_ATTRIBUTION.get(name, "none needed: no coordinates"),
                "crs": "EPSG:4326 (lat/lon columns)",
                "units": {"lat": "degrees", "lon": "degrees"},
                "definitions": {
                    "pref_code": "JIS X 0401 code; missing only for sites outside present-day Japan",
                    "year": "year of founding / designation / selection; missing where not found (see year_basis)",
                    "location_basis": "where the coordinates come from, or why there are none",
                    "site_id": "one id per site; area programmes repeat it on one row per prefecture",
                    **EXTRA_DEFINITIONS.get(name, {}),
                },
                "rows": len(df),
                "columns": list(df.columns),
                "sha256": sha256(path),
                "build": BUILD,
                "build_env": build_env("pandas", "geopandas", "shapely"),
                "build_inputs": LISTS_NOTE,
                "missing": missing,
            }
        )
    upsert(entries)


if __name__ == "__main__":
    main()
