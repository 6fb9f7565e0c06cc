"""Build data/reference/fixed_links.csv: the fixed links that join Japan's main islands.

Run from the repository root, with ../shared/data-sources present:

    python scripts/build_links.py

Each link is one row: a name, the two prefectures it joins (JIS codes), its kind, whether it is
in the ``links="japan"`` preset of ``jregion.build_weights``, and a source that names the link
and the two prefectures (or the two places, with their prefectures) it joins. The script checks:

- every pair against the declared-neighbour list of ../shared/data-sources/lists/adjacency.csv
  (source A there lists all six sea links; 33-37 is listed as a contested land border);
- that Kagoshima (46) is the nearest prefecture to Okinawa (47), measured as the smallest
  distance between the N03 polygons in jregion's equal-area CRS. That computation is the source
  of the Okinawa link, which is not a physical link.
"""

from __future__ import annotations

import csv

import geopandas as gpd

from _manifest_io import DATA, SHARED, build_env, sha256, upsert

OUT = DATA / "reference" / "fixed_links.csv"
N03 = SHARED / "boundaries" / "n03-2021" / "prefectures_s0010.topojson"
ADJ = SHARED / "lists" / "adjacency.csv"
# Same string as jregion.crs.EQUAL_AREA_CRS (scripts do not import the package).
EQUAL_AREA_CRS = (
    "+proj=aea +lat_0=35 +lon_0=137 +lat_1=30 +lat_2=40 +x_0=0 +y_0=0 +ellps=GRS80 +units=m +no_defs"
)

HEADER = ["name", "name_ja", "pref_a", "pref_b", "kind", "in_preset", "source", "source_url"]

# (name, name_ja, pref_a, pref_b, kind, in_preset, source, source_url). The source column quotes
# what the cited page states about the two ends; the URL is the copy that was read.
LINKS = [
    ("Seikan Tunnel", "青函トンネル", "01", "02", "rail_tunnel", True,
     "Wikipedia, 'Seikan Tunnel': a railway tunnel beneath the Tsugaru Strait, which separates "
     "Aomori Prefecture on Honshu from Hokkaido (portals in Shiriuchi, Hokkaido and Imabetsu, Aomori)",
     "https://en.wikipedia.org/wiki/Seikan_Tunnel"),
    ("Kanmon crossings", "関門橋・関門トンネル", "35", "40", "bridge_and_tunnels", True,
     "Wikipedia, 'Kanmon Straits': the strait between Shimonoseki (Yamaguchi) on Honshu and "
     "Kitakyushu (Fukuoka) on Kyushu is crossed by an expressway bridge (Kanmon Bridge, 1973) and "
     "tunnels for the Shinkansen, conventional trains, cars and pedestrians",
     "http://www.fact-archive.com/encyclopedia/Kanmon_Strait"),
    ("Akashi-Kaikyo and Onaruto bridges (via Awaji)", "明石海峡大橋・大鳴門橋", "28", "36", "bridge",
     True,
     "Wikipedia, 'Honshu-Shikoku Bridge Project': the eastern expressway (completed 1998) crosses "
     "the Akashi Strait and links Hyogo Prefecture on Honshu with Tokushima Prefecture on Shikoku, "
     "using Awaji Island (part of Hyogo) for most of its length",
     "http://piglix.com/piglix/Honshu-Shikoku_Bridge_Project"),
    ("Seto-Ohashi", "瀬戸大橋", "33", "37", "bridge", True,
     "Wikipedia, 'Great Seto Bridge': a series of double-deck road and rail bridges connecting "
     "Okayama and Kagawa prefectures across five small islands; Britannica, 'Seto Great Bridge': "
     "links Kojima on Honshu with Sakaide on Shikoku",
     "http://w.owiki.org/wiki/Great_Seto_Bridge; http://www.britannica.com/print/topic/536255"),
    ("Shimanami Kaido (Nishiseto Expressway)", "しまなみ海道", "34", "38", "bridge", True,
     "Shimanami Kaido tourist information (SHIMAP): the Nishiseto Expressway links Onomichi, "
     "Hiroshima Prefecture, with Imabari, Ehime Prefecture, across islands of the Seto Inland Sea",
     "http://www.go-shimanami.jp/global/english/"),
    ("Okinawa-Kagoshima (nearest neighbour)", "沖縄・鹿児島（最近隣）", "46", "47",
     "nearest_neighbour", True,
     "No physical link. Kagoshima is the prefecture nearest to Okinawa: smallest polygon distance "
     "in MLIT N03 2021 (computed by scripts/build_links.py); the LIFULL neighbouring_pref list "
     "(../shared/data-sources/lists/adjacency.csv, source A) also gives Okinawa's neighbour as Kagoshima",
     "https://nlftp.mlit.go.jp/ksj/gml/datalist/KsjTmplt-N03-v3_0.html"),
]


def _declared_pairs() -> dict[tuple[str, str], str]:
    with open(ADJ, encoding="utf-8") as fh:
        return {(r["jis_a"], r["jis_b"]): r["status"] for r in csv.DictReader(fh)}


def _nearest_to_okinawa() -> tuple[str, float]:
    gdf = gpd.read_file(N03)
    gdf.index = [f"{i:02d}" for i in range(1, len(gdf) + 1)]
    if gdf.loc["47", "N03_001"] != "沖縄県" or gdf.loc["46", "N03_001"] != "鹿児島県":
        raise SystemExit("N03 order is not the JIS order; check the input file")
    gdf = gdf.set_crs("EPSG:4326").to_crs(EQUAL_AREA_CRS)
    dist = gdf.geometry.distance(gdf.geometry.loc["47"]).drop("47")
    return str(dist.idxmin()), float(dist.min() / 1000.0)


def main() -> None:
    declared = _declared_pairs()
    for name, _, a, b, *_rest in LINKS:
        if (a, b) not in declared and (b, a) not in declared:
            raise SystemExit(f"{name}: pair {a}-{b} is not in the declared-neighbour list")
    nearest, km = _nearest_to_okinawa()
    if nearest != "46":
        raise SystemExit(f"nearest prefecture to Okinawa is {nearest}, not 46; review the link")

    OUT.parent.mkdir(parents=True, exist_ok=True)
    with open(OUT, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(HEADER)
        for name, name_ja, a, b, kind, preset, source, url in LINKS:
            w.writerow([name, name_ja, a, b, kind, "true" if preset else "false", source, url])

    upsert([{
        "name": "fixed_links",
        "path": "reference/fixed_links.csv",
        "kind": "reference",
        "format": "csv",
        "title": "Fixed links between Japan's main islands (preset of jregion.build_weights)",
        "publisher": "Compiled by jregion from the sources cited per row (column 'source')",
        "source_table": "one cited source per link; Okinawa-Kagoshima computed from MLIT N03 2021",
        "url": "see column source_url",
        "copy": {"repository": "shared/data-sources (maintainers' copies)",
                 "path": "lists/adjacency.csv; boundaries/n03-2021/prefectures_s0010.topojson",
                 "commit": "see ../shared/data-sources/*/PROVENANCE.md",
                 "sha256": {"adjacency.csv": sha256(ADJ),
                            "prefectures_s0010.topojson": sha256(N03)}},
        "vintage": "links open by 1999 (Shimanami, the last); N03 2021-01-01",
        "licence": "facts with cited sources; N03: MLIT terms (credit MLIT, data edited)",
        "attribution": "Okinawa-Kagoshima distance: 国土数値情報（行政区域データ）（国土交通省）を加工して作成",
        "units": {},
        "definitions": {
            "pref_a, pref_b": "JIS X 0401 codes of the two prefectures the link joins, pref_a < pref_b",
            "kind": "rail_tunnel, bridge, bridge_and_tunnels, or nearest_neighbour (no physical link)",
            "in_preset": "true if build_weights(links='japan') adds it",
            "Seto-Ohashi": "33-37 also share a contested land border on Ishima (adjacency.csv); the "
                           "link keeps them neighbours on layers where Ishima is lost",
            "nearest_distance_km_okinawa_kagoshima": f"{km:.1f} (N03 polygons, EQUAL_AREA_CRS)",
        },
        "crs": None,
        "rows": len(LINKS),
        "columns": HEADER,
        "sha256": sha256(OUT),
        "build": "python scripts/build_links.py",
        "build_inputs": "../shared/data-sources/lists/adjacency.csv; "
                        "../shared/data-sources/boundaries/n03-2021/prefectures_s0010.topojson",
        "build_env": build_env("geopandas", "shapely", "pyproj"),
        "missing": "Tokyo Bay Aqua-Line (12-14) is in adjacency.csv but not in this table: both "
                   "ends are on Honshu, so it does not change connectivity; add it as a FixedLink",
    }])


if __name__ == "__main__":
    main()
