"""Build data/reference/*.csv: the prefecture table, the region schemes, GSI areas, land borders.

Run from the repository root, with ../shared/data-sources present:

    python scripts/build_reference.py
"""

from __future__ import annotations

import csv
import io

from _manifest_io import DATA, SHARED, build_env, sha256, upsert

LISTS = SHARED / "lists"
OUT = DATA / "reference"

# Names: JIS X 0401 prefecture names, kana readings as in MIC's 全国地方公共団体コード list,
# romaji in modified Hepburn (macrons) and in the common form without them.
# Capitals: the seat of each prefectural office (都道府県庁所在地).
NAMES = """\
01,北海道,北海道,ほっかいどう,ほっかいどう,Hokkaido,Hokkaidō,Sapporo,札幌市
02,青森県,青森,あおもりけん,あおもり,Aomori,Aomori,Aomori,青森市
03,岩手県,岩手,いわてけん,いわて,Iwate,Iwate,Morioka,盛岡市
04,宮城県,宮城,みやぎけん,みやぎ,Miyagi,Miyagi,Sendai,仙台市
05,秋田県,秋田,あきたけん,あきた,Akita,Akita,Akita,秋田市
06,山形県,山形,やまがたけん,やまがた,Yamagata,Yamagata,Yamagata,山形市
07,福島県,福島,ふくしまけん,ふくしま,Fukushima,Fukushima,Fukushima,福島市
08,茨城県,茨城,いばらきけん,いばらき,Ibaraki,Ibaraki,Mito,水戸市
09,栃木県,栃木,とちぎけん,とちぎ,Tochigi,Tochigi,Utsunomiya,宇都宮市
10,群馬県,群馬,ぐんまけん,ぐんま,Gunma,Gunma,Maebashi,前橋市
11,埼玉県,埼玉,さいたまけん,さいたま,Saitama,Saitama,Saitama,さいたま市
12,千葉県,千葉,ちばけん,ちば,Chiba,Chiba,Chiba,千葉市
13,東京都,東京,とうきょうと,とうきょう,Tokyo,Tōkyō,Tokyo (Shinjuku),東京（新宿区）
14,神奈川県,神奈川,かながわけん,かながわ,Kanagawa,Kanagawa,Yokohama,横浜市
15,新潟県,新潟,にいがたけん,にいがた,Niigata,Niigata,Niigata,新潟市
16,富山県,富山,とやまけん,とやま,Toyama,Toyama,Toyama,富山市
17,石川県,石川,いしかわけん,いしかわ,Ishikawa,Ishikawa,Kanazawa,金沢市
18,福井県,福井,ふくいけん,ふくい,Fukui,Fukui,Fukui,福井市
19,山梨県,山梨,やまなしけん,やまなし,Yamanashi,Yamanashi,Kofu,甲府市
20,長野県,長野,ながのけん,ながの,Nagano,Nagano,Nagano,長野市
21,岐阜県,岐阜,ぎふけん,ぎふ,Gifu,Gifu,Gifu,岐阜市
22,静岡県,静岡,しずおかけん,しずおか,Shizuoka,Shizuoka,Shizuoka,静岡市
23,愛知県,愛知,あいちけん,あいち,Aichi,Aichi,Nagoya,名古屋市
24,三重県,三重,みえけん,みえ,Mie,Mie,Tsu,津市
25,滋賀県,滋賀,しがけん,しが,Shiga,Shiga,Otsu,大津市
26,京都府,京都,きょうとふ,きょうと,Kyoto,Kyōto,Kyoto,京都市
27,大阪府,大阪,おおさかふ,おおさか,Osaka,Ōsaka,Osaka,大阪市
28,兵庫県,兵庫,ひょうごけん,ひょうご,Hyogo,Hyōgo,Kobe,神戸市
29,奈良県,奈良,ならけん,なら,Nara,Nara,Nara,奈良市
30,和歌山県,和歌山,わかやまけん,わかやま,Wakayama,Wakayama,Wakayama,和歌山市
31,鳥取県,鳥取,とっとりけん,とっとり,Tottori,Tottori,Tottori,鳥取市
32,島根県,島根,しまねけん,しまね,Shimane,Shimane,Matsue,松江市
33,岡山県,岡山,おかやまけん,おかやま,Okayama,Okayama,Okayama,岡山市
34,広島県,広島,ひろしまけん,ひろしま,Hiroshima,Hiroshima,Hiroshima,広島市
35,山口県,山口,やまぐちけん,やまぐち,Yamaguchi,Yamaguchi,Yamaguchi,山口市
36,徳島県,徳島,とくしまけん,とくしま,Tokushima,Tokushima,Tokushima,徳島市
37,香川県,香川,かがわけん,かがわ,Kagawa,Kagawa,Takamatsu,高松市
38,愛媛県,愛媛,えひめけん,えひめ,Ehime,Ehime,Matsuyama,松山市
39,高知県,高知,こうちけん,こうち,Kochi,Kōchi,Kochi,高知市
40,福岡県,福岡,ふくおかけん,ふくおか,Fukuoka,Fukuoka,Fukuoka,福岡市
41,佐賀県,佐賀,さがけん,さが,Saga,Saga,Saga,佐賀市
42,長崎県,長崎,ながさきけん,ながさき,Nagasaki,Nagasaki,Nagasaki,長崎市
43,熊本県,熊本,くまもとけん,くまもと,Kumamoto,Kumamoto,Kumamoto,熊本市
44,大分県,大分,おおいたけん,おおいた,Oita,Ōita,Oita,大分市
45,宮崎県,宮崎,みやざきけん,みやざき,Miyazaki,Miyazaki,Miyazaki,宮崎市
46,鹿児島県,鹿児島,かごしまけん,かごしま,Kagoshima,Kagoshima,Kagoshima,鹿児島市
47,沖縄県,沖縄,おきなわけん,おきなわ,Okinawa,Okinawa,Naha,那覇市
"""
NAME_COLS = [
    "pref_code",
    "name_ja",
    "name_ja_short",
    "name_kana",
    "name_kana_short",
    "name_en",
    "name_en_macron",
    "capital_en",
    "capital_ja",
]

# Region schemes. Each: (label, Japanese label, [pref codes]) in display order.
EIGHT = [
    ("Hokkaido", "北海道", ["01"]),
    ("Tohoku", "東北", ["02", "03", "04", "05", "06", "07"]),
    ("Kanto", "関東", ["08", "09", "10", "11", "12", "13", "14"]),
    ("Chubu", "中部", ["15", "16", "17", "18", "19", "20", "21", "22", "23"]),
    ("Kinki", "近畿", ["24", "25", "26", "27", "28", "29", "30"]),
    ("Chugoku", "中国", ["31", "32", "33", "34", "35"]),
    ("Shikoku", "四国", ["36", "37", "38", "39"]),
    ("Kyushu", "九州", ["40", "41", "42", "43", "44", "45", "46", "47"]),
]
NINE = [*EIGHT[:-1], ("Kyushu", "九州", EIGHT[-1][2][:-1]), ("Okinawa", "沖縄", ["47"])]
METI = [
    ("Hokkaido", "北海道", ["01"]),
    ("Tohoku", "東北", ["02", "03", "04", "05", "06", "07"]),
    ("Kanto", "関東", ["08", "09", "10", "11", "12", "13", "14", "15", "19", "20", "22"]),
    ("Chubu", "中部", ["16", "17", "21", "23", "24"]),
    ("Kinki", "近畿", ["18", "25", "26", "27", "28", "29", "30"]),
    ("Chugoku", "中国", ["31", "32", "33", "34", "35"]),
    ("Shikoku", "四国", ["36", "37", "38", "39"]),
    ("Kyushu", "九州", ["40", "41", "42", "43", "44", "45", "46"]),
    ("Okinawa", "沖縄", ["47"]),
]
ALL = [f"{i:02d}" for i in range(1, 48)]
TOKAIDO_IN = ["13", "14", "22", "23", "21", "25", "26", "27", "28"]
PACIFIC_IN = [
    "08",
    "11",
    "12",
    "13",
    "14",
    "22",
    "23",
    "21",
    "24",
    "27",
    "28",
    "30",
    "33",
    "34",
    "35",
    "40",
    "44",
]


def binary(label: str, label_ja: str, inside: list[str]) -> list[tuple[str, str, list[str]]]:
    return [
        (label, label_ja, sorted(inside)),
        ("Rest of Japan", "その他", [c for c in ALL if c not in inside]),
    ]


SCHEMES = {
    "eight": EIGHT,
    "nine": NINE,
    "meti": METI,
    "tokaido": binary("Tokaido belt", "東海道ベルト", TOKAIDO_IN),
    "pacific_belt": binary("Pacific belt", "太平洋ベルト", PACIFIC_IN),
}


def write_csv(path, header, rows):
    path.parent.mkdir(parents=True, exist_ok=True)
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    w.writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8")


def main() -> None:
    names = list(csv.reader(io.StringIO(NAMES)))
    offices = {
        int(r["id"]): r
        for r in csv.DictReader(open(LISTS / "prefectural_offices.csv", encoding="utf-8"))
    }
    regions9 = list(csv.DictReader(open(LISTS / "prefectures_regions9.csv", encoding="utf-8")))
    rows = []
    for n, r9 in zip(names, regions9, strict=True):
        code = n[0]
        assert int(r9["id"]) == int(code) and r9["name-ja"] == n[1] and r9["name-en"] == n[5], (
            n,
            r9,
        )
        off = offices[int(code)]
        assert off["nam_ja"] == n[1]
        rows.append([*n[:1], f"JP-{code}", *n[1:], off["lat"], off["lon"]])
    header = [NAME_COLS[0], "iso", *NAME_COLS[1:], "office_lat", "office_lon"]
    write_csv(OUT / "prefectures.csv", header, rows)

    # cross-check the nine-region scheme against the dataofjapan/land list
    nine_by_code = {c: label for label, _, cs in NINE for c in cs}
    reg_names = {
        int(r["id"]): r["name-en"]
        for r in csv.DictReader(open(LISTS / "regions9.csv", encoding="utf-8"))
    }
    for r9 in regions9:
        src = reg_names[int(r9["regions"])].replace("Kinki", "Kinki")
        assert nine_by_code[f"{int(r9['id']):02d}"] == src, (r9, src)

    srows = []
    for scheme, regions in SCHEMES.items():
        seen = sorted(c for _, _, cs in regions for c in cs)
        assert seen == ALL, scheme
        for order, (label, label_ja, codes) in enumerate(regions, start=1):
            for c in codes:
                srows.append([scheme, c, label, label_ja, order])
    srows.sort(key=lambda r: (r[0], r[1]))
    write_csv(
        OUT / "region_schemes.csv",
        ["scheme", "pref_code", "region", "region_ja", "region_order"],
        srows,
    )

    areas = list(csv.DictReader(open(LISTS / "areas.csv", encoding="utf-8")))
    arows = [
        [a["jis"], a["pref_en"], a["area_km2_A"], a["area_km2_2015_estimated_C_secondary"]]
        for a in areas
    ]
    assert [r[0] for r in arows] == ALL
    write_csv(
        OUT / "area_gsi.csv",
        ["pref_code", "name_en", "area_km2", "area_km2_2015_crosscheck"],
        arows,
    )

    adj = list(csv.DictReader(open(LISTS / "adjacency.csv", encoding="utf-8")))
    adj_rows = [[a["jis_a"], a["jis_b"], a["status"]] for a in adj]
    write_csv(OUT / "adjacency.csv", ["pref_a", "pref_b", "status"], adj_rows)

    lists_commit = "dataofjapan/land HEAD 9d753ba27254210900cb22645a55397670ba8205"
    build = "python scripts/build_reference.py"
    common = {
        "build_env": build_env(),
        "kind": "reference",
        "format": "csv",
        "crs": None,
        "build": build,
        "build_inputs": "../shared/data-sources/lists/ (see its PROVENANCE.md)",
    }
    upsert(
        [
            common
            | {
                "name": "prefecture_table",
                "path": "reference/prefectures.csv",
                "title": "The 47 prefectures: codes, names, kana, romaji, capitals, office coordinates",
                "publisher": "Codes and names: JIS X 0401 / MIC 全国地方公共団体コード; office coordinates: dataofjapan/land",
                "source_table": "JIS X 0401 都道府県コード; prefecturalCapital.csv (geocoded office addresses)",
                "url": "https://github.com/dataofjapan/land",
                "copy": {
                    "repository": "dataofjapan/land",
                    "path": "prefecturalCapital.csv, prefectures.csv",
                    "commit": lists_commit,
                    "sha256": {
                        "prefectural_offices.csv": sha256(LISTS / "prefectural_offices.csv"),
                        "prefectures_regions9.csv": sha256(LISTS / "prefectures_regions9.csv"),
                    },
                },
                "vintage": "codes: JIS X 0401; offices geocoded 2014-07-01",
                "licence": "Names and codes are public standards; office coordinates from dataofjapan/land (no licence file; README asks for credit)",
                "attribution": "Office coordinates: dataofjapan/land (Geocoding.jp, 2014)",
                "units": {
                    "office_lat": "degrees (WGS84/JGD2011)",
                    "office_lon": "degrees (WGS84/JGD2011)",
                },
                "definitions": {
                    "pref_code": "JIS X 0401 two-digit code, '01'..'47'",
                    "iso": "ISO 3166-2:JP subdivision code",
                    "name_kana": "reading in hiragana, as in MIC's local-government code list",
                    "name_en_macron": "modified Hepburn with macrons; name_en drops them",
                    "capital_en": "seat of the prefectural office; Tokyo's office is in Shinjuku ward",
                },
                "rows": len(rows),
                "columns": header,
                "sha256": sha256(OUT / "prefectures.csv"),
            },
            common
            | {
                "name": "region_schemes",
                "path": "reference/region_schemes.csv",
                "title": "Region schemes: prefecture code to region, one block per scheme",
                "publisher": "jregion (compiled; sources per scheme in `definitions`)",
                "source_table": "see definitions",
                "url": "https://www.meti.go.jp/intro/data/akikou02j.html (METI bureaus); https://github.com/dataofjapan/land (nine regions)",
                "copy": {
                    "repository": "dataofjapan/land (resions.csv, prefectures.csv); shared lists tokaido.txt",
                    "path": "lists/prefectures_regions9.csv, lists/regions9.csv, lists/tokaido.txt",
                    "commit": lists_commit,
                    "sha256": {
                        "prefectures_regions9.csv": sha256(LISTS / "prefectures_regions9.csv"),
                        "regions9.csv": sha256(LISTS / "regions9.csv"),
                        "tokaido.txt": sha256(LISTS / "tokaido.txt"),
                    },
                },
                "vintage": "2021",
                "licence": "CC0 (compilation of public definitions)",
                "attribution": "Region schemes compiled by jregion from METI, dataofjapan/land and published Pacific-belt definitions",
                "units": {},
                "definitions": {
                    "eight": "The eight customary regions (八地方区分), Okinawa in Kyushu, Mie in Kinki. No legal definition exists; this is the customary school-geography division. Checked against dataofjapan/land resions.csv (nine regions) with Okinawa merged into Kyushu.",
                    "nine": "As 'eight' with Okinawa as its own region, as in dataofjapan/land resions.csv (commit 9d753ba2).",
                    "meti": "Jurisdictions of METI's Regional Bureaus of Economy, Trade and Industry (経済産業局): Kanto covers 1都10県 incl. Niigata, Yamanashi, Nagano, Shizuoka; Chubu covers Toyama, Ishikawa, Gifu, Aichi, Mie; Kinki covers Fukui; Okinawa is served by the Cabinet Office's Okinawa General Bureau. Source: METI, 地方経済産業局 jurisdiction list (https://www.meti.go.jp/intro/data/akikou02j.html); Kanto's 1都10県 also in AIST's 2012 regional plan (shared lists PROVENANCE §3).",
                    "tokaido": "jregion's operational definition of the Tokaido belt: the prefectures the Tokaido Main Line crosses between Tokyo and Kobe (Tokyo, Kanagawa, Shizuoka, Aichi, Gifu, Shiga, Kyoto, Osaka, Hyogo), matching the study's 'about 700 km Tokaido corridor from Tokyo to Osaka/Kobe'. No official prefectural list exists (shared lists tokaido.txt). Pass your own mapping to change it.",
                    "pacific_belt": "The 17-prefecture Pacific-belt list that en.wikipedia 'Taiheiyō Belt' attributes to MITI; the attribution is marked [citation needed] there and no primary MITI/METI list was found (shared lists tokaido.txt). Other published lists differ (Kagawa, Ehime added; Ibaraki, Saitama, Wakayama omitted).",
                },
                "rows": len(srows),
                "columns": ["scheme", "pref_code", "region", "region_ja", "region_order"],
                "sha256": sha256(OUT / "region_schemes.csv"),
            },
            common
            | {
                "name": "area_gsi",
                "path": "reference/area_gsi.csv",
                "kind": "indicator",
                "title": "Prefecture areas, GSI 全国都道府県市区町村別面積調 (published 2019-07-01)",
                "publisher": "Geospatial Information Authority of Japan (国土地理院)",
                "source_table": "全国都道府県市区町村別面積調, values including boundary-undetermined areas (参考値); Hokkaido includes the Northern Territories",
                "url": "https://www.gsi.go.jp/KOKUJYOHO/MENCHO-title.htm",
                "copy": {
                    "repository": "secondary transcription https://47todofuken-ranking.com/menseki (column area_km2_A of shared lists/areas.csv)",
                    "path": "lists/areas.csv",
                    "commit": None,
                    "sha256": sha256(LISTS / "areas.csv"),
                },
                "vintage": "published 2019-07-01 (reference date not stated by the copy)",
                "licence": "GSI content terms (国土地理院コンテンツ利用規約): free use with attribution",
                "attribution": "出典：国土地理院「全国都道府県市区町村別面積調」",
                "units": {"area_km2": "km2", "area_km2_2015_crosscheck": "km2"},
                "definitions": {
                    "area_km2": "GSI area including boundary-undetermined parts (参考値) and, for Hokkaido, the Northern Territories (5,003 km2)",
                    "area_km2_2015_crosscheck": "2015-10-01 estimates from a secondary copy whose repository could not be identified; a cross-check only, not for analysis",
                },
                "rows": len(arows),
                "columns": ["pref_code", "name_en", "area_km2", "area_km2_2015_crosscheck"],
                "sha256": sha256(OUT / "area_gsi.csv"),
            },
            common
            | {
                "name": "adjacency",
                "path": "reference/adjacency.csv",
                "title": "Prefecture neighbours: 87 land borders and 6 sea links",
                "publisher": "Source A: LIFULL NEXTCORE API neighbouring_pref (machimusubi-vrt fixture); source B: shared arcs of GSI Global Map Japan (dataofjapan/land)",
                "source_table": "neighbouring_pref; arcs shared in japan.topojson",
                "url": "https://github.com/faizad-lifull/machimusubi-vrt",
                "copy": {
                    "repository": "faizad-lifull/machimusubi-vrt; dataofjapan/land",
                    "path": "tests/src/utils/data/master-address-prefectures.ts; japan.topojson",
                    "commit": "78b6a5db09ff4d53312fc919af059c8d95e08c97; 01d9c03b92c4b7280cefd3da6b7c76e8b7a746e5",
                    "sha256": sha256(LISTS / "adjacency.csv"),
                },
                "vintage": "2014 (Global Map Japan conversion); fixture undated",
                "licence": "facts compiled from two public sources",
                "attribution": "Neighbours: LIFULL NEXTCORE API (neighbouring_pref); GSI Global Map Japan (地球地図日本), via dataofjapan/land",
                "units": {},
                "definitions": {
                    "status": "land_border (86), land_border_contested_island_only (33-37 Okayama-Kagawa on Ishima), no_land_border_linked_by_sea_or_bridge (6)",
                },
                "rows": len(adj_rows),
                "columns": ["pref_a", "pref_b", "status"],
                "sha256": sha256(OUT / "adjacency.csv"),
            },
        ]
    )


if __name__ == "__main__":
    main()
