"""Build data/boundaries/municipalities.fgb and data/reference/municipalities.csv from MLIT N03 2021.

Run from the repository root, with ../shared/data-sources present:

    python scripts/build_municipalities.py

Input: the 1 % N03 TopoJSON with the wards of the designated cities
(municipalities_s0010.topojson, 1,906 units). Every unit is built from the file's
shared arcs (scripts/_topojson.py), so neighbours share identical borders; no
further simplification is applied, only rounding to 1e-6 degrees (0.1 m). The 20
designated cities are the union of their wards (so cities and wards nest exactly);
their codes come from the designated-city TopoJSON of the same edition.

The FlatGeobuf holds one row per unit of either layer:

- ``layer == "both"``: municipalities without wards (in both layers);
- ``layer == "municipalities"``: the 20 designated cities (wards=False only);
- ``layer == "wards"``: their 175 wards (wards=True only);
- ``layer == "unassigned"``: the 4 areas N03 labels 所属未定地 (no code), kept so that
  the units dissolve to the prefectures; jregion.load_municipalities leaves them out.
"""

from __future__ import annotations

import csv
import json
from collections import defaultdict

import numpy as np
import pyogrio
import shapely
from shapely.geometry import MultiPolygon

from _manifest_io import DATA, SHARED, build_env, sha256, upsert
from _topojson import build, round_arcs
from build_boundaries import NT_VILLAGES, as_multipolygon

# a git worktree (../wt/NAME) sits one level deeper than a clone beside shared/
SHARED = next(
    (
        p
        for p in (SHARED, SHARED.parents[2] / "shared" / "data-sources")
        if (p / "boundaries" / "n03-2021" / "municipalities_s0010.topojson").is_file()
    ),
    SHARED,
)
SRC_DIR = SHARED / "boundaries" / "n03-2021"
WARDS_SRC = SRC_DIR / "municipalities_s0010.topojson"
CITY_SRC = SRC_DIR / "municipalities_designated_city_s0010.topojson"
OUT = DATA / "boundaries" / "municipalities.fgb"
TABLE = DATA / "reference" / "municipalities.csv"
EQUAL_AREA = "EPSG:6933"  # for the area checks only; the file is stored in EPSG:4326


def check_digit(five: str) -> int:
    """JIS X 0402 check digit (the same rule as jregion.codes._check_digit)."""
    total = sum(int(d) * w for d, w in zip(five, (6, 5, 4, 3, 2), strict=True))
    return (11 - total % 11) % 10


def kind_of(code: str, name: str, is_ward: bool) -> str:
    if is_ward:
        return "ward"
    if code.startswith("13") and "13101" <= code <= "13123":
        return "special_ward"
    if code in NT_VILLAGES:
        return "northern_territories_village"
    for suffix, kind in (("市", "city"), ("町", "town"), ("村", "village")):
        if name.endswith(suffix):
            return kind
    raise ValueError(f"cannot classify {code} {name}")


def main() -> None:
    prefs = {
        r["name_ja"]: r["pref_code"]
        for r in csv.DictReader(open(DATA / "reference" / "prefectures.csv", encoding="utf-8"))
    }
    topo = json.loads(WARDS_SRC.read_text(encoding="utf-8"))
    units = build(topo, lambda arcs: round_arcs(arcs, 6))

    # designated-city codes, names and (for the check below) geometries, same edition
    city_topo = json.loads(CITY_SRC.read_text(encoding="utf-8"))
    city_units = build(city_topo, lambda arcs: round_arcs(arcs, 6))
    city_code: dict[tuple[str, str], str] = {}
    city_src_geom: dict[str, MultiPolygon] = {}
    city_src_codes = []
    for p, g in city_units:
        if p.get("N03_007"):
            city_src_codes.append(p["N03_007"])
        if p.get("N03_003") and p.get("N03_004") is None and p.get("N03_007"):
            city_code[(p["N03_001"], p["N03_003"])] = p["N03_007"]
            city_src_geom[p["N03_007"]] = as_multipolygon(g)
    assert len(city_code) == 20, len(city_code)

    rows = []
    wards_of: dict[str, list[MultiPolygon]] = defaultdict(list)
    unassigned = []
    for p, g in units:
        geom = as_multipolygon(g)
        pref = prefs[p["N03_001"]]
        code = p.get("N03_007")
        if code is None:
            assert p["N03_004"] == "所属未定地", p
            unassigned.append((pref, geom))
            continue
        assert code[:2] == pref, p
        parent = city_code.get((p["N03_001"], p.get("N03_003") or ""))
        is_ward = parent is not None
        name = p["N03_004"]
        row = {
            "code": code,
            "code6": code + str(check_digit(code)),
            "pref_code": pref,
            "pref_ja": p["N03_001"],
            "name_ja": name,
            "full_name_ja": (p["N03_003"] + name) if is_ward else name,
            "kind": kind_of(code, name, is_ward),
            "designated_city_code": parent or "",
            "designated_city_ja": p["N03_003"] if is_ward else "",
            "county_ja": (p.get("N03_003") or "") if not is_ward else "",
            "subprefecture_ja": p.get("N03_002") or "",
            "layer": "wards" if is_ward else "both",
            "geometry": geom,
        }
        rows.append(row)
        if is_ward:
            wards_of[parent].append(geom)

    # every coded unit is one row (the 1,906 units are 1,902 codes + 4 所属未定地)
    assert len({r["code"] for r in rows}) == len(rows)

    for (pref_ja, city), code in sorted(city_code.items(), key=lambda kv: kv[1]):
        geom = as_multipolygon(shapely.union_all(wards_of[code]))
        rows.append(
            {
                "code": code,
                "code6": code + str(check_digit(code)),
                "pref_code": code[:2],
                "pref_ja": pref_ja,
                "name_ja": city,
                "full_name_ja": city,
                "kind": "designated_city",
                "designated_city_code": "",
                "designated_city_ja": "",
                "county_ja": "",
                "subprefecture_ja": next(
                    (r["subprefecture_ja"] for r in rows if r["designated_city_code"] == code), ""
                ),
                "layer": "municipalities",
                "geometry": geom,
            }
        )
    rows.sort(key=lambda r: r["code"])
    for pref, geom in unassigned:
        rows.append(
            {
                "code": "",
                "code6": "",
                "pref_code": pref,
                "pref_ja": next(k for k, v in prefs.items() if v == pref),
                "name_ja": "所属未定地",
                "full_name_ja": "所属未定地",
                "kind": "unassigned",
                "designated_city_code": "",
                "designated_city_ja": "",
                "county_ja": "",
                "subprefecture_ja": "",
                "layer": "unassigned",
                "geometry": geom,
            }
        )

    import geopandas as gpd

    gdf = gpd.GeoDataFrame(rows, geometry="geometry", crs="EPSG:4326")
    coded = gdf[gdf["layer"] != "unassigned"]
    muni = coded[coded["layer"] != "wards"]
    wards = coded[coded["layer"] != "municipalities"]
    assert len(muni) == 1747 and len(wards) == 1902, (len(muni), len(wards))
    assert sorted(muni["code"]) == sorted(city_src_codes), (
        "codes differ from the designated-city file"
    )
    assert gdf.geometry.is_valid.all()

    # measured figures for the manifest
    ea = gdf.to_crs(EQUAL_AREA)
    area = ea.geometry.area / 1e6
    city_err = []
    for code, src in city_src_geom.items():
        mine = float(area[gdf.index[gdf["code"] == code][0]])
        theirs = float(gpd.GeoSeries([src], crs="EPSG:4326").to_crs(EQUAL_AREA).area.iloc[0] / 1e6)
        city_err.append(abs(mine - theirs) / theirs)
    # the same comparison for every municipality of the designated-city file
    src_area = {}
    for p, g in city_units:
        if p.get("N03_007"):
            a = gpd.GeoSeries([as_multipolygon(g)], crs="EPSG:4326").to_crs(EQUAL_AREA).area.iloc[0]
            src_area[p["N03_007"]] = src_area.get(p["N03_007"], 0.0) + a / 1e6
    rel = np.array(
        [abs(float(area[i]) - src_area[c]) / src_area[c] for i, c in muni["code"].items()]
    )
    # rounding to 1e-6 degrees against the decoded source (no rounding)
    raw = build(topo)
    raw_area = float(
        gpd.GeoSeries([as_multipolygon(g) for _, g in raw], crs="EPSG:4326")
        .to_crs(EQUAL_AREA)
        .area.sum()
    )
    rounded_area = float(
        gpd.GeoSeries([as_multipolygon(g) for _, g in units], crs="EPSG:4326")
        .to_crs(EQUAL_AREA)
        .area.sum()
    )
    gsi = {
        r["jis"]: float(r["area_km2_A"])
        for r in csv.DictReader(open(SHARED / "lists" / "areas.csv", encoding="utf-8"))
    }
    pref_area = area[gdf["layer"] != "wards"].groupby(gdf["pref_code"]).sum()
    gsi_err = {k: (pref_area[k] - gsi[k]) / gsi[k] for k in gsi}
    worst = max(gsi_err, key=lambda k: abs(gsi_err[k]))
    unassigned_km2 = {
        r["pref_code"]: round(float(area[i]), 2)
        for i, r in gdf[gdf["layer"] == "unassigned"].iterrows()
    }
    # dissolved (with the 4 unassigned areas) against the bundled prefecture layer
    prefs_fgb = gpd.read_file(DATA / "boundaries" / "prefectures.fgb").set_index("pref_code")
    dissolved = gdf[gdf["layer"] != "wards"].dissolve("pref_code").geometry
    p_ea = prefs_fgb.geometry.to_crs(EQUAL_AREA)
    sym = dissolved.to_crs(EQUAL_AREA).symmetric_difference(p_ea, align=True).area / p_ea.area
    measured = {
        "dissolved_vs_bundled_prefectures_max_symmetric_difference": f"{sym.max():.1e} of the prefecture's area",
        "vertices": int(shapely.get_num_coordinates(gdf.geometry.values).sum()),
        "rounding_total_area_change": f"{abs(rounded_area - raw_area) / raw_area:.2e}",
        "vs_designated_city_file_max_rel_area_diff": f"{rel.max():.4%}",
        "vs_designated_city_file_median_rel_area_diff": f"{np.median(rel):.4%}",
        "designated_cities_from_wards_vs_city_file_max": f"{max(city_err):.4%}",
        "dissolved_prefectures_vs_gsi_max_abs": f"{abs(gsi_err[worst]):.3%} ({worst})",
        "unassigned_km2": unassigned_km2,
        "further_simplification": "none: the shared-arc Douglas-Peucker of the prefecture web layer, tried at 0.002 degrees, cut vertices by 45% but changed 8 units' areas by more than 5% (up to 10.5%); at 0.001 degrees it saved only 15%",
    }
    print(json.dumps(measured, ensure_ascii=False, indent=1))

    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.unlink(missing_ok=True)
    # empty text as null in the file, so the loader need not convert it
    text_cols = [c for c in gdf.columns if c not in ("geometry", "pref_ja", "code6")]
    gdf_file = gdf.drop(columns=["pref_ja", "code6"])
    gdf_file[text_cols] = gdf_file[text_cols].astype(object).where(gdf_file[text_cols] != "", None)
    pyogrio.write_dataframe(
        gdf_file,
        OUT,
        driver="FlatGeobuf",
        layer_options={"SPATIAL_INDEX": "NO"},
    )
    table_cols = [c for c in gdf.columns if c not in ("geometry", "layer")]
    tab = gdf[gdf["layer"] != "unassigned"][[*table_cols, "layer"]]
    tab.to_csv(TABLE, index=False, encoding="utf-8", lineterminator="\n")

    copy = {
        "repository": "smartnews-smri/japan-topography",
        "path": "data/municipality/topojson/s0010/N03-21_210101.json; s0010/N03-21_210101_designated_city.json (designated-city codes and the area check)",
        "commit": "cd65d630f814a0d8da7430dc6c112e68a6718372 and 42f7a11cb5b4001ceaed83c52e211513711ee16b (files); repository HEAD b403e71eb97f1fdf32f63d16bd485129f703855e",
        "sha256": {
            "municipalities_s0010.topojson": sha256(WARDS_SRC),
            "municipalities_designated_city_s0010.topojson": sha256(CITY_SRC),
        },
    }
    common = {
        "publisher": "Ministry of Land, Infrastructure, Transport and Tourism (国土交通省)",
        "source_table": "国土数値情報 行政区域データ (N03), edition 2021-01-01, simplified to 1% by smartnews-smri/japan-topography",
        "url": "https://nlftp.mlit.go.jp/ksj/gml/datalist/KsjTmplt-N03-v3_0.html",
        "copy": copy,
        "vintage": "2021-01-01",
        "licence": "MLIT 国土数値情報 terms (2020-04-01): free use including commercial, with source credit and a statement that the data were edited",
        "attribution": "「国土数値情報（行政区域データ）」（国土交通省）を加工して作成 / Source: MLIT National Land Numerical Information (Administrative Areas), edited by jregion",
        "build": "python scripts/build_municipalities.py",
        "build_env": build_env("shapely", "numpy", "pyogrio", "geopandas"),
        "build_inputs": "../shared/data-sources/boundaries/n03-2021/municipalities_s0010.topojson, municipalities_designated_city_s0010.topojson",
        "missing": [
            "kana and romaji names: no sourced municipal kana/romaji list in shared/data-sources",
            "codes before 2021-01-01 (the Heisei mergers, 1999-2010, and later changes): no sourced crosswalk in shared/data-sources",
            "municipal areas from GSI (全国都道府県市区町村別面積調): not in shared/data-sources, so per-municipality area error against an official figure is not measured",
            "the unsimplified N03 file: not in shared/data-sources, so the area error of the source's 1% simplification is measured only at prefecture level (against GSI) and between the two 1% files",
            "fixed links (bridges, tunnels) between municipalities: data/reference/fixed_links.csv records prefecture pairs only (a few sources name end towns in free text, not as data), so islands stay isolates of municipal contiguity weights",
            "manufacturing by municipality: ../shared/data-sources/census-manufacturing-jsic holds the 2014 市区町村編 table 3-01 (e-Stat 0003144102) by prefecture x JSIC middle group only; its 21 sub-prefecture areas (Tokyo's ward area 特別区部 and the 20 designated cities) and its national row were excluded by the copy's pipeline (metadata/validation_2014_tablemuni3-01.json, excluded_area_items: 22 items) and no municipality-level rows exist, so no municipal manufacturing indicator ships",
        ],
        "definitions": {
            "code": "5-digit local-government code (全国地方公共団体コード without check digit), N03_007",
            "code6": "6-digit code: code plus the JIS X 0402 check digit, computed (11 - sum(d_i * (6,5,4,3,2)) mod 11) mod 10",
            "pref_code": "JIS X 0401 prefecture code (the first two digits of code)",
            "name_ja": "N03_004 (municipality or ward name); for designated cities N03_003",
            "full_name_ja": "wards: designated city + ward (横浜市緑区); otherwise name_ja",
            "kind": "city (市), town (町), village (村), special_ward (Tokyo's 23 特別区), designated_city (政令指定都市), ward (行政区 of a designated city), northern_territories_village (the 6 villages of the Northern Territories, 01695-01700, which N03 lists; they are not among the 1,718 市町村 of 2021, whose counts by kind the other rows match), unassigned (所属未定地, file only)",
            "designated_city_code, designated_city_ja": "for wards: the designated city they belong to",
            "county_ja": "N03_003 for towns and villages (郡), for Tokyo's islands (支庁) empty",
            "subprefecture_ja": "N03_002 (Hokkaido 振興局, Tokyo island 支庁), empty elsewhere",
            "layer": "both: in both layers; municipalities: designated cities (wards=False); wards: their wards (wards=True); unassigned: 所属未定地",
            "units": "N03 2021-01-01 lists 1,747 codes with wards merged = 1,741 municipalities (792 cities incl. 20 designated, 743 towns, 183 villages, 23 special wards) + 6 Northern Territories villages; plus 4 所属未定地 areas without a code (Chiba, Tokyo, Aichi, Okinawa). With wards: 1,902 codes (the 20 designated cities replaced by 175 wards). 1,906 vs 1,902 and 1,751 vs 1,747: the 4 所属未定地",
        },
    }
    kinds = tab["kind"].value_counts().to_dict()
    common["definitions"]["counts_by_kind"] = json.dumps(kinds, ensure_ascii=False, sort_keys=True)
    upsert(
        [
            common
            | {
                "name": "municipalities",
                "path": "boundaries/municipalities.fgb",
                "kind": "boundaries",
                "format": "flatgeobuf",
                "title": "Municipality and ward boundaries (N03 2021-01-01), both layers in one file",
                "units": {},
                "crs": "EPSG:4326",
                "columns": [c for c in gdf.columns if c not in ("pref_ja", "code6")],
                "rows": len(gdf),
                "sha256": sha256(OUT),
                "processing": "TopoJSON decoded from its shared arcs (neighbours share identical borders); no further simplification; coordinates rounded to 1e-6 degrees; invalid geometries repaired with shapely.make_valid (areal parts kept); designated cities = union of their wards",
                "measured": measured,
            },
            common
            | {
                "name": "municipality_table",
                "path": "reference/municipalities.csv",
                "kind": "reference",
                "format": "csv",
                "title": "Municipal codes (5 and 6 digits), names, prefecture and designated city, N03 2021-01-01",
                "units": {},
                "crs": None,
                "columns": list(tab.columns),
                "rows": len(tab),
                "sha256": sha256(TABLE),
            },
        ]
    )


if __name__ == "__main__":
    main()
