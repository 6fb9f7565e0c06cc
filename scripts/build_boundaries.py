"""Build data/boundaries/prefectures{,_web}.geojson from MLIT N03 (2021) via japan-topography.

Run from the repository root, with ../shared/data-sources present:

    python scripts/build_boundaries.py

- full layer: the 1 % TopoJSON decoded as is, invalid rings repaired with make_valid,
  one MultiPolygon per prefecture, coordinates rounded to 1e-6 degrees (0.1 m).
- web layer: every shared arc simplified once (Douglas-Peucker, end points kept), so
  neighbours keep identical borders (no gaps, no overlaps), coordinates rounded to
  1e-4 degrees (~10 m); under 300 KB.
"""

from __future__ import annotations

import json
from pathlib import Path

import shapely
from shapely.geometry import MultiPolygon, mapping

from _manifest_io import DATA, SHARED, build_env, sha256, upsert
from _topojson import build, round_arcs, simplify_arcs

SRC = SHARED / "boundaries" / "n03-2021" / "prefectures_s0010.topojson"
MUNI = SHARED / "boundaries" / "n03-2021" / "municipalities_s0010.topojson"
# N03 local-government codes of the six pre-war villages of the Northern Territories
# (Shikotan, Kunashiri, Etorofu) and of Nemuro city, which holds the Habomai islands.
NT_VILLAGES = ["01695", "01696", "01697", "01698", "01699", "01700"]
NEMURO = "01223"
NOSAPPU_LON = 145.817  # Cape Nosappu, easternmost point of Hokkaido's main island (145°49'E)
OUT = DATA / "boundaries"
WEB_TOLERANCE = 0.007  # degrees, Douglas-Peucker on shared arcs
CODES = [f"{i:02d}" for i in range(1, 48)]


def as_multipolygon(g: shapely.Geometry) -> MultiPolygon:
    if not g.is_valid:
        g = shapely.make_valid(g)
    polys = []
    if g.geom_type == "Polygon":
        polys = [g]
    elif g.geom_type == "MultiPolygon":
        polys = list(g.geoms)
    else:  # GeometryCollection from make_valid: keep the areal parts only
        for part in getattr(g, "geoms", []):
            if part.geom_type == "Polygon":
                polys.append(part)
            elif part.geom_type == "MultiPolygon":
                polys.extend(part.geoms)
    mp = MultiPolygon([p for p in polys if not p.is_empty and p.area > 0])
    assert mp.is_valid, shapely.is_valid_reason(mp)
    return mp


def write(features: list[tuple[str, str, str, MultiPolygon]], path: Path, decimals: int) -> None:
    feats = []
    for code, ja, en, geom in features:
        geom = shapely.set_precision(geom, 10**-decimals) if decimals < 6 else geom
        g = mapping(geom)
        feats.append(
            {
                "type": "Feature",
                "properties": {"pref_code": code, "name_en": en, "name_ja": ja},
                "geometry": g,
            }
        )
    doc = {"type": "FeatureCollection", "features": feats}
    text = json.dumps(doc, ensure_ascii=False, separators=(",", ":"))
    # round floats in the text for a compact, stable file
    path.write_text(_round_json(text, decimals), encoding="utf-8")


def _round_json(text: str, decimals: int) -> str:
    doc = json.loads(text)

    def rnd(x):
        if isinstance(x, float):
            return round(x, decimals)
        if isinstance(x, list):
            return [rnd(v) for v in x]
        if isinstance(x, dict):
            return {k: rnd(v) for k, v in x.items()}
        return x

    return json.dumps(rnd(doc), ensure_ascii=False, separators=(",", ":")) + "\n"


def write_northern_territories(hokkaido: MultiPolygon) -> None:
    """The Northern Territories as one MultiPolygon cut from the same N03 edition."""
    topo = json.loads(MUNI.read_text(encoding="utf-8"))
    parts = []
    for props, geom in build(topo, lambda arcs: round_arcs(arcs, 6)):
        code = props.get("N03_007")
        if code in NT_VILLAGES:
            parts.extend(as_multipolygon(geom).geoms)
        elif code == NEMURO:
            parts.extend(
                p for p in as_multipolygon(geom).geoms if p.representative_point().x > NOSAPPU_LON
            )
    nt = as_multipolygon(shapely.intersection(MultiPolygon(parts), hokkaido))
    write([("01", "北方領土", "Northern Territories", nt)], OUT / "northern_territories.geojson", 6)
    muni_copy = {
        "repository": "smartnews-smri/japan-topography",
        "path": "data/municipality/topojson/s0010/N03-21_210101.json",
        "commit": "cd65d630f814a0d8da7430dc6c112e68a6718372 (file); repository HEAD b403e71eb97f1fdf32f63d16bd485129f703855e",
        "sha256": sha256(MUNI),
    }
    upsert(
        [
            {
                "name": "northern_territories",
                "path": "boundaries/northern_territories.geojson",
                "kind": "boundaries",
                "format": "geojson",
                "title": "The Northern Territories (北方領土) as included in Hokkaido by MLIT and GSI",
                "publisher": "Ministry of Land, Infrastructure, Transport and Tourism (国土交通省)",
                "source_table": "国土数値情報 行政区域データ (N03) 2021-01-01: villages 01695-01700 and the polygons of Nemuro city (01223) east of Cape Nosappu (the Habomai islands)",
                "url": "https://nlftp.mlit.go.jp/ksj/gml/datalist/KsjTmplt-N03-v3_0.html",
                "copy": muni_copy,
                "vintage": "2021-01-01",
                "licence": "MLIT 国土数値情報 terms (2020-04-01): free use including commercial, with source credit and a statement that the data were edited",
                "attribution": "「国土数値情報（行政区域データ）」（国土交通省）を加工して作成",
                "units": {},
                "crs": "EPSG:4326",
                "columns": ["pref_code", "name_en", "name_ja", "geometry"],
                "rows": 1,
                "sha256": sha256(OUT / "northern_territories.geojson"),
                "build": "python scripts/build_boundaries.py",
                "build_env": build_env("shapely", "numpy"),
                "definitions": {
                    "geometry": "Etorofu, Kunashiri, Shikotan and the Habomai islands; GSI gives 5,003.1 km2 (hoppou.go.jp, 2014)"
                },
            }
        ]
    )


def to_fgb(src: Path, dst: Path) -> None:
    """Convert to FlatGeobuf (no spatial index, so features keep code order); drop the GeoJSON."""
    import pyogrio

    df = pyogrio.read_dataframe(src)
    dst.unlink(missing_ok=True)
    pyogrio.write_dataframe(df, dst, driver="FlatGeobuf", layer_options={"SPATIAL_INDEX": "NO"})
    src.unlink()


def main() -> None:
    topo = json.loads(SRC.read_text(encoding="utf-8"))
    import csv

    names = {
        r["name_ja"]: (r["pref_code"], r["name_en"])
        for r in csv.DictReader(open(DATA / "reference" / "prefectures.csv", encoding="utf-8"))
    }
    OUT.mkdir(parents=True, exist_ok=True)

    full = []
    for props, geom in build(topo, lambda arcs: round_arcs(arcs, 6)):
        code, en = names[props["N03_001"]]
        full.append((code, props["N03_001"], en, as_multipolygon(geom)))
    full.sort()
    assert [f[0] for f in full] == CODES
    write(full, OUT / "prefectures.geojson", 6)
    to_fgb(OUT / "prefectures.geojson", OUT / "prefectures.fgb")

    web = []
    for props, geom in build(topo, lambda arcs: round_arcs(simplify_arcs(arcs, WEB_TOLERANCE), 4)):
        code, en = names[props["N03_001"]]
        web.append((code, props["N03_001"], en, as_multipolygon(geom)))
    web.sort()
    assert [f[0] for f in web] == CODES
    write(web, OUT / "prefectures_web.geojson", 4)

    write_northern_territories(full[0][3])

    copy = {
        "repository": "smartnews-smri/japan-topography",
        "path": "data/municipality/topojson/s0010/prefectures.json",
        "commit": "d41171625eda7764bb8c7eece7dfeb2d431d04ab (file); repository HEAD b403e71eb97f1fdf32f63d16bd485129f703855e",
        "sha256": sha256(SRC),
    }
    common = {
        "kind": "boundaries",
        "format": "geojson",
        "publisher": "Ministry of Land, Infrastructure, Transport and Tourism (国土交通省)",
        "source_table": "国土数値情報 行政区域データ (N03), edition 2021-01-01, simplified to 1% by smartnews-smri/japan-topography",
        "url": "https://nlftp.mlit.go.jp/ksj/gml/datalist/KsjTmplt-N03-v3_0.html",
        "copy": copy,
        "vintage": "2021-01-01",
        "licence": "MLIT 国土数値情報 terms (2020-04-01): free use including commercial, with source credit and a statement that the data were edited",
        "attribution": "「国土数値情報（行政区域データ）」（国土交通省）を加工して作成 / Source: MLIT National Land Numerical Information (Administrative Areas), edited by jregion",
        "units": {},
        "crs": "EPSG:4326",
        "columns": ["pref_code", "name_en", "name_ja", "geometry"],
        "rows": 47,
        "build_env": build_env("shapely", "numpy", "pyogrio"),
        "build_inputs": "../shared/data-sources/boundaries/n03-2021/prefectures_s0010.topojson",
        "definitions": {
            "geometry": "one MultiPolygon per prefecture including all its islands; Hokkaido includes the Northern Territories (北方領土) as GSI and MLIT do (drop them with jregion.load_prefectures(northern_territories=False))",
            "crs_note": "N03 is JGD2011 longitude/latitude; stored as EPSG:4326 (difference under 1 m)",
        },
    }
    upsert(
        [
            common
            | {
                "name": "prefectures",
                "path": "boundaries/prefectures.fgb",
                "format": "flatgeobuf",
                "title": "Prefecture boundaries, 47 MultiPolygons with islands (analysis resolution)",
                "sha256": sha256(OUT / "prefectures.fgb"),
                "build": "python scripts/build_boundaries.py",
                "processing": "TopoJSON decoded; invalid geometries repaired with shapely.make_valid (areal parts kept); coordinates rounded to 1e-6 degrees",
            },
            common
            | {
                "name": "prefectures_web",
                "path": "boundaries/prefectures_web.geojson",
                "title": "Prefecture boundaries for web maps (shared arcs simplified, under 300 KB)",
                "sha256": sha256(OUT / "prefectures_web.geojson"),
                "build": "python scripts/build_boundaries.py",
                "processing": f"each shared TopoJSON arc simplified once with Douglas-Peucker (tolerance {WEB_TOLERANCE} degrees, end points kept; arcs shorter than 8 tolerances kept whole so small and split islands survive) so neighbours share identical borders; coordinates rounded to 1e-4 degrees; repaired with make_valid; islands smaller than the tolerance may vanish",
            },
        ]
    )


if __name__ == "__main__":
    main()
