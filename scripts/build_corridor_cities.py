"""Build data/reference/corridor_cities.csv: named city points for corridor polylines.

Run from the repository root, after scripts/build_reference.py, with ../shared/data-sources present:

    python scripts/build_corridor_cities.py

Two sources, one row per city, the basis recorded per row:
- The seat of each of the 47 prefectural offices (都道府県庁所在地), copied from
  data/reference/prefectures.csv (dataset "prefecture_table", columns office_lat/office_lon),
  whose coordinates are dataofjapan/land prefecturalCapital.csv (office addresses geocoded with
  Geocoding.jp on 2014-07-01). Tokyo, Yokohama (Kanagawa), Shizuoka, Nagoya (Aichi), Kyoto,
  Osaka and Kobe (Hyogo) are prefectural seats. Tokyo's office is in Shinjuku ward.
- Two cities that are not seats, as a point on the surface (shapely point_on_surface) of one
  municipal polygon of MLIT 国土数値情報 N03 (2021-01-01) in the 1% simplification of
  smartnews-smri/japan-topography (municipalities_s0010.topojson):
    Hamamatsu: 浜松市中区 (local-government code 22131), the central ward of the city;
    Tsukuba:   つくば市 (08220).
  point_on_surface is deterministic (GEOS) and always inside the polygon; it is a city-level
  proxy, not a station or a city hall.
"""

from __future__ import annotations

import csv
import io

import geopandas as gpd
import shapely

from _manifest_io import DATA, SHARED, build_env, sha256, upsert

OUT = DATA / "reference" / "corridor_cities.csv"
MUNI = SHARED / "boundaries" / "n03-2021" / "municipalities_s0010.topojson"
PREFS = DATA / "reference" / "prefectures.csv"

# (city, city_ja, N03_007 code, expected N03_004 name)
N03_POINTS = [
    ("Hamamatsu", "浜松市", "22131", "中区"),
    ("Tsukuba", "つくば市", "08220", "つくば市"),
]


def main() -> None:
    rows: list[list[str]] = []
    with open(PREFS, encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            city = r["capital_en"].split(" (")[0]  # "Tokyo (Shinjuku)" -> "Tokyo"
            city_ja = r["capital_ja"].split("（")[0]  # "東京（新宿区）" -> "東京"
            rows.append([
                city, city_ja, r["pref_code"], r["office_lat"], r["office_lon"],
                "prefectural_office",
                f"office of {r['name_en']} prefecture ({r['name_ja']}); dataofjapan/land "
                "prefecturalCapital.csv, geocoded 2014-07-01",
            ])
    muni = gpd.read_file(MUNI)
    for city, city_ja, code, ward in N03_POINTS:
        sel = muni[muni["N03_007"] == code]
        assert len(sel) == 1, (code, len(sel))
        assert sel["N03_004"].iloc[0] == ward, (code, sel["N03_004"].iloc[0])
        geom = shapely.make_valid(sel.geometry.iloc[0])
        pt = shapely.point_on_surface(geom)
        name = "".join(str(v) for v in sel[["N03_003", "N03_004"]].iloc[0] if isinstance(v, str))
        rows.append([
            city, city_ja, code[:2], f"{pt.y:.6f}", f"{pt.x:.6f}", "n03_point_on_surface",
            f"point_on_surface of {name} ({code}), MLIT N03 2021-01-01 via "
            "smartnews-smri/japan-topography s0010",
        ])
    names = [r[0] for r in rows]
    assert len(set(names)) == len(names), "duplicate city names"
    header = ["city", "city_ja", "pref_code", "lat", "lon", "basis", "source"]
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    w.writerows(rows)
    OUT.write_text(buf.getvalue(), encoding="utf-8")

    upsert([
        {
            "name": "corridor_cities",
            "path": "reference/corridor_cities.csv",
            "kind": "reference",
            "format": "csv",
            "crs": "EPSG:4326",
            "title": "City points for corridor polylines: the 47 prefectural seats, Hamamatsu and Tsukuba",
            "publisher": (
                "Office coordinates: dataofjapan/land (Geocoding.jp); Hamamatsu and Tsukuba: "
                "Ministry of Land, Infrastructure, Transport and Tourism (国土交通省), 国土数値情報 N03"
            ),
            "source_table": (
                "prefecturalCapital.csv (via dataset prefecture_table); 行政区域データ N03 "
                "2021-01-01, polygons 22131 (浜松市中区) and 08220 (つくば市)"
            ),
            "url": "https://github.com/dataofjapan/land ; https://nlftp.mlit.go.jp/ksj/gml/datalist/KsjTmplt-N03-v3_0.html",
            "copy": {
                "repository": "dataofjapan/land ; smartnews-smri/japan-topography",
                "path": (
                    "prefecturalCapital.csv (through data/reference/prefectures.csv); "
                    "data/municipality/topojson/s0010/N03-21_210101.json"
                ),
                "commit": (
                    "dataofjapan/land HEAD 9d753ba27254210900cb22645a55397670ba8205; "
                    "japan-topography cd65d630f814a0d8da7430dc6c112e68a6718372 (file), "
                    "HEAD b403e71eb97f1fdf32f63d16bd485129f703855e"
                ),
                "sha256": {
                    "data/reference/prefectures.csv": sha256(PREFS),
                    "municipalities_s0010.topojson": sha256(MUNI),
                },
            },
            "vintage": "offices geocoded 2014-07-01; N03 2021-01-01",
            "licence": (
                "Office coordinates: dataofjapan/land (no licence file; README asks for credit). "
                "N03: MLIT 国土数値情報 terms (2020-04-01), free use including commercial, with "
                "source credit and a statement that the data were edited"
            ),
            "attribution": (
                "Office coordinates: dataofjapan/land (Geocoding.jp, 2014); "
                "「国土数値情報（行政区域データ）」（国土交通省）を加工して作成"
            ),
            "units": {"lat": "degrees (WGS84/JGD2011)", "lon": "degrees (WGS84/JGD2011)"},
            "definitions": {
                "city": "English name used by jregion's corridor functions (case- and macron-insensitive)",
                "city_ja": "Japanese name (also accepted, with or without 市)",
                "basis": "prefectural_office: the prefecture's office (seat); "
                "n03_point_on_surface: shapely point_on_surface of the named N03 polygon",
                "source": "per-row provenance",
            },
            "rows": len(rows),
            "columns": header,
            "sha256": sha256(OUT),
            "build": "python scripts/build_corridor_cities.py",
            "build_inputs": "data/reference/prefectures.csv; ../shared/data-sources/boundaries/n03-2021/municipalities_s0010.topojson",
            "build_env": build_env("geopandas", "shapely"),
            "missing": {},
        }
    ])


if __name__ == "__main__":
    main()
