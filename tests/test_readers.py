"""Readers for e-Stat downloads and Census of Manufacture tables (issue 10).

Fixtures in tests/fixtures/estat/ are written by make_fixtures.py in the layouts and encodings
of the real downloads in ../shared/data-sources/estat-samples/; their VALUES ARE MADE UP and
follow formulas of the prefecture number n, recomputed here. The last tests run the readers on
every real download when ../shared is present, against counts in its PROVENANCE.md.
"""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

import jregion
from jregion.readers import TIDY_COLUMNS, LayoutError
from jregion.readers.estat import _value

FIX = Path(__file__).resolve().parent / "fixtures" / "estat"
SAMPLES = (
    Path(__file__).resolve().parent.parent.parent / "shared" / "data-sources" / "estat-samples"
)
MANU = FIX / "ssds_manufacturing_made_up_values_cp932.csv"


def made_up(n: int, year: int) -> tuple[int, int, int]:
    """The fixture's formulas (see make_fixtures.py)."""
    return (
        1000 + 10 * n + (5 if year == 2005 else 0),
        20000 + 1000 * n - (2000 if year == 2005 else 0),
        500000 + 10000 * n + (n if year == 2005 else 0),
    )


def test_ssds_manufacturing_fixture_cp932() -> None:
    raw = MANU.read_bytes()
    df = jregion.read_estat(MANU)
    assert MANU.read_bytes() == raw
    assert list(df.columns) == list(TIDY_COLUMNS)
    assert df.attrs["encoding"] == "cp932" and df.attrs["layout"] == "ssds"
    assert df.attrs["symbols"] == {
        "***": "調査又は集計していないもの",
        "-": "データが得られないもの",
        "X": "数値が秘匿されているもの",
    }
    assert df.attrs["metadata"]["公開日"] == "2019年03月08日"
    assert len(df) == 2 * 48 * 3
    assert set(df["year"]) == {1990, 2005}
    assert set(df["indicator_code"]) == {"C3401", "C3403", "C3404"}
    pref = df[df["level"] == "prefecture"]
    assert sorted(set(pref["pref_code"])) == list(jregion.PREFECTURE_CODES)
    aichi = pref[(pref["pref_code"] == "23") & (pref["year"] == 1990)].set_index("indicator_code")
    assert aichi["value"].tolist() == [float(v) for v in made_up(23, 1990)]
    assert (
        aichi.loc["C3404", "unit"] == "百万円"
        and aichi.loc["C3403", "indicator"] == "従業者数（製造業）"
    )
    # symbols: kept, value missing, never zero
    ok = pref[
        (pref["pref_code"] == "47") & (pref["year"] == 2005) & (pref["indicator_code"] == "C3404")
    ].iloc[0]
    assert math.isnan(ok["value"]) and ok["annotation"] == "X"
    nat = df[
        (df["level"] == "national") & (df["year"] == 2005) & (df["indicator_code"] == "C3404")
    ].iloc[0]
    assert nat["pref_code"] is pd.NA and nat["area_code"] == "00000"
    assert math.isnan(nat["value"]) and nat["annotation"] == "***"
    assert (df["value"] == 0).sum() == 0
    tokyo = pref[
        (pref["pref_code"] == "13") & (pref["year"] == 1990) & (pref["indicator_code"] == "C3401")
    ]
    assert tokyo["note"].tolist() == ["made-up note"]


def test_census_manufacture_1990_end_to_end() -> None:
    m = jregion.read_census_manufacture(MANU)
    assert m.index.names == ["pref_code", "year"]
    assert len(m) == 94 and set(m.index.get_level_values("year")) == {1990, 2005}
    for n in (1, 23, 47):
        est, per, shp = made_up(n, 1990)
        row = m.loc[(f"{n:02d}", 1990)]
        assert (row["establishments"], row["persons_employed"], row["shipments_myen"]) == (
            est,
            per,
            shp,
        )
    assert math.isnan(m.loc[("47", 2005), "shipments_myen"])
    assert m.loc[("47", 2005), "shipments_myen_annotation"] == "X"
    assert m.loc[("13", 2005), "shipments_myen_annotation"] == ""
    # the file's national row (made up as the sum of its prefectures) is kept apart, not dropped
    nat = pd.DataFrame.from_dict(m.attrs["national"], orient="index")
    sums = m.groupby(level="year")[["establishments", "persons_employed"]].sum()
    pd.testing.assert_frame_equal(
        nat[["establishments", "persons_employed"]], sums, check_names=False
    )
    assert nat.loc[2005, "shipments_myen_annotation"] == "***"
    assert m.attrs["national"][2005]["shipments_myen"] is None  # missing, not zero
    assert len(pd.concat([m, m])) == 188  # attrs hold plain data, so pandas can compare them
    assert m.attrs["indicators"]["shipments_myen"] == ["C3404 製造品出荷額等（製造業） [百万円]"]
    # same columns as the bundled table, so the two can be stacked
    bundled = jregion.load_indicator("manufacturing")
    assert {"establishments", "persons_employed", "shipments_myen"} <= set(bundled.columns)
    # joins to the boundaries with nothing unmatched
    joined = jregion.attach(m.xs(1990, level="year")[["persons_employed"]], key=None, how="inner")
    assert len(joined) == 47


def test_census_manufacture_converts_units(tmp_path: Path) -> None:
    text = (
        '"調査年","地域","/項目","C3404_製造品出荷額等（製造業）【万円】"\r\n'
        '"1990年度","01 北海道","","123,456,700"\r\n'
    )
    p = tmp_path / "made_up_values.csv"
    p.write_bytes(text.encode("cp932"))
    m = jregion.read_census_manufacture(p)
    assert m.loc[("01", 1990), "shipments_myen"] == pytest.approx(1234567.0)
    p.write_bytes(text.replace("万円", "ドル").encode("cp932"))
    with pytest.raises(LayoutError, match="unknown unit"):
        jregion.read_census_manufacture(p)
    # no unit at all: refused, never silently NaN
    p.write_bytes(text.replace("【万円】", "").encode("cp932"))
    with pytest.raises(LayoutError, match="no unit"):
        jregion.read_census_manufacture(p)


def test_census_manufacture_refuses_scaled_counts(tmp_path: Path) -> None:
    text = (
        '"調査年","地域","/項目","C3403_従業者数（製造業）【千人】"\r\n'
        '"1990年度","01 北海道","","900"\r\n'
    )
    p = tmp_path / "made_up_values.csv"
    p.write_bytes(text.encode("cp932"))
    with pytest.raises(LayoutError, match="千人"):
        jregion.read_census_manufacture(p)


def test_census_manufacture_refuses_other_tables() -> None:
    with pytest.raises(LayoutError, match="no manufacturing series"):
        jregion.read_census_manufacture(FIX / "ssds_minimal_made_up_values_cp932.csv")
    with pytest.raises(LayoutError, match="municipalities"):
        jregion.read_census_manufacture(_city_manufacturing())


def _city_manufacturing() -> Path:
    import tempfile

    p = Path(tempfile.mkdtemp()) / "made_up_city.csv"
    p.write_text(
        '"調査年","地域 コード","地域","/項目","C3403_従業者数（製造業）【人】"\n'
        '"1990年度","01100","北海道 札幌市","","1"\n',
        encoding="utf-8",
    )
    return p


def test_ssds_minimal_layout_names_only() -> None:
    df = jregion.read_estat(FIX / "ssds_minimal_made_up_values_cp932.csv")
    assert df["area_code"].isna().all()
    assert sorted(set(df["pref_code"])) == list(jregion.PREFECTURE_CODES)
    assert set(df["indicator_code"]) == {"#A01302", "#A06601"}
    akita = df[(df["pref_code"] == "05") & (df["indicator_code"] == "#A06601")].iloc[0]
    assert math.isnan(akita["value"]) and akita["annotation"] == "-"
    assert df[df["pref_code"] == "10"].set_index("indicator_code")["value"].tolist() == [91.0, 1.0]


def test_area_column_code_and_name_utf8_bom() -> None:
    df = jregion.read_estat(FIX / "ssds_code_name_made_up_values_utf8bom.csv")
    assert df.attrs["encoding"] == "utf-8-sig"
    assert df["area_code"].tolist() == list(jregion.PREFECTURE_CODES)
    assert df["area_name"].iloc[12] == "東京都"
    assert df["value"].tolist() == [n * 1000.0 for n in range(1, 48)]


def test_city_level_keeps_municipal_codes() -> None:
    df = jregion.read_estat(FIX / "ssds_city_made_up_values_utf8bom.csv")
    assert df["level"].tolist() == ["municipality"] * 3
    assert df["area_code"].tolist() == ["01100", "13101", "47201"]
    assert df["pref_code"].tolist() == ["01", "13", "47"]
    assert df["annotation"].tolist() == ["", "***", ""]
    assert df["note"].tolist() == ["", "", "made-up note"]


def test_db_table_simple_layout() -> None:
    df = jregion.read_estat(FIX / "db_table_simple_made_up_values_cp932.csv")
    assert df.attrs["layout"] == "db_table"
    assert list(df.columns) == [*TIDY_COLUMNS[:8], "男女別", "人口", *TIDY_COLUMNS[8:]]
    assert set(df["year"]) == {2005, 2010}
    assert set(df["unit"]) == {"千人"} and set(df["indicator"]) == {"人口"}
    nat = df[df["level"] == "national"].set_index("year")["value"]
    pref = df[df["level"] == "prefecture"]
    assert nat.loc[2005] == pref[pref["year"] == 2005]["value"].sum()
    aomori = pref[(pref["pref_code"] == "02") & (pref["year"] == 2010)].iloc[0]
    assert math.isnan(aomori["value"]) and aomori["annotation"] == "…"
    hokkaido = pref[(pref["pref_code"] == "01") & (pref["year"] == 2010)].iloc[0]
    assert hokkaido["note"] == "made-up note"


def test_db_table_multi_row_header() -> None:
    df = jregion.read_estat(FIX / "db_table_full_made_up_values_utf8bom.csv")
    assert df.attrs["metadata"]["表番号"] == "2-1-1"
    assert set(df["年齢"]) == {"0歳", "1歳"} and set(df["年齢 コード"]) == {"001", "002"}
    assert set(df["indicator_code"]) == {"2020_01"} and set(df["unit"]) == {"人"}
    assert set(df["year"]) == {2020}
    sapporo = df[df["area_code"] == "01100"]
    assert set(sapporo["level"]) == {"municipality"} and set(sapporo["pref_code"]) == {"01"}
    okinawa = df[(df["pref_code"] == "47") & (df["年齢"] == "1歳")].iloc[0]
    assert math.isnan(okinawa["value"]) and okinawa["annotation"] == "***"
    assert df.loc[(df["area_code"] == "01000") & (df["年齢"] == "1歳"), "annotation"].tolist() == [
        "-"
    ]


def test_encoding_error_names_encodings(tmp_path: Path) -> None:
    p = tmp_path / "utf16.csv"
    p.write_bytes('"調査年","地域"\n'.encode("utf-16"))
    with pytest.raises(jregion.EncodingError, match="utf-8-sig, cp932"):
        jregion.read_estat(p)
    with pytest.raises(jregion.EncodingError, match="with ascii"):
        jregion.read_estat(MANU, encoding="ascii")


def test_layout_errors(tmp_path: Path) -> None:
    mesh = tmp_path / "tblT000000H0000.txt"
    mesh.write_bytes("KEY_CODE,T000001001\r\n,人口\r\n".encode("cp932"))
    with pytest.raises(LayoutError, match="mesh-statistics file"):
        jregion.read_estat(mesh)
    plain = tmp_path / "plain.csv"
    plain.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(LayoutError, match="no header row with a '/' column"):
        jregion.read_estat(plain)
    with pytest.raises(LayoutError, match="looks like a 'ssds' file, not 'db_table'"):
        jregion.read_estat(MANU, layout="db_table")
    with pytest.raises(ValueError, match="layout must be"):
        jregion.read_estat(MANU, layout="excel")  # type: ignore[arg-type]


def test_unknown_area_code_raises(tmp_path: Path) -> None:
    p = tmp_path / "bad.csv"
    p.write_text(
        '"調査年","地域 コード","地域","/項目","A1101_総人口【人】"\n'
        '"2015年度","48000","どこか","","1"\n',
        encoding="utf-8",
    )
    with pytest.raises(jregion.UnknownCodeError, match="'48000'"):
        jregion.read_estat(p)


# ---------------------------------------------------------------- real downloads
def _samples() -> list[Path]:
    return sorted(p for p in SAMPLES.rglob("*") if p.is_file() and p.suffix in (".csv", ".txt"))


@pytest.mark.parametrize("path", _samples() or [None], ids=lambda p: p.name if p else "absent")
def test_real_download(path: Path | None) -> None:
    if path is None:
        pytest.skip("../shared/data-sources/estat-samples is not present")
    if path.parent.name == "mesh":
        with pytest.raises(LayoutError, match="mesh-statistics"):
            jregion.read_estat(path)
        return
    df = jregion.read_estat(path)
    assert len(df) > 0
    assert set(df["level"]) <= {"national", "prefecture", "municipality"}
    prefs = df.loc[df["level"] != "national", "pref_code"]
    assert prefs.notna().all() and set(prefs) <= set(jregion.PREFECTURE_CODES)
    assert df["year"].notna().all()
    # a symbol never becomes a number (the negative markers △ ▲ annotate negative numbers)
    sym = ~df["annotation"].isin(["", "△", "▲"])
    assert df.loc[sym, "value"].isna().all()


def test_real_download_counts_match_provenance() -> None:
    if not SAMPLES.is_dir():
        pytest.skip("../shared/data-sources/estat-samples is not present")
    # estat-samples/PROVENANCE.md: jpdata_org has 4,888 "***" cells, 47 prefectures x 43 years;
    # e-stat-10102 has 1,200 "***" and 11 "-" cells and 48 areas (全国 + 47)
    j = jregion.read_estat(SAMPLES / "ssds" / "noboru-murata_sda__jpdata_org.csv")
    assert (j["annotation"] == "***").sum() == 4888
    assert j["year"].nunique() == 43 and j["pref_code"].nunique() == 47
    assert j["year"].min() == 1975 and j["year"].max() == 2017
    t = jregion.read_estat(SAMPLES / "ssds" / "t2y_vviewer__e-stat-10102.csv")
    assert t.attrs["encoding"] == "utf-8-sig"
    assert ((t["annotation"] == "***").sum(), (t["annotation"] == "-").sum()) == (1200, 11)
    assert t["area_name"].nunique() == 48
    # 2017 total population of Hokkaido as in the file's first data row
    hok = j[(j["pref_code"] == "01") & (j["year"] == 2017) & (j["indicator_code"] == "A1101")]
    assert hok["value"].tolist() == [5320000.0]
    f = jregion.read_estat(
        SAMPLES / "db_table" / "kaomatsu8888_campunlimitedver2.2__FEH_00200524_231202091454.csv"
    )
    nat = f[(f["level"] == "national")].set_index("year")["value"]
    assert nat.loc[2005] == 127768.0  # 人口【千人】 全国 2005 in the file


# ---------------------------------------------------------------- property tests
@given(st.integers(min_value=-(10**12), max_value=10**12))
def test_numbers_with_separators_round_trip(n: int) -> None:
    assert _value(f"{n:,}") == (float(n), "")
    assert _value(f" {n} ") == (float(n), "")


@given(st.text(alphabet="*-Xx…‐—△ 秘匿", min_size=1, max_size=4).filter(lambda s: s.strip()))
def test_symbols_are_kept_never_zero(symbol: str) -> None:
    value, annotation = _value(symbol)
    assert math.isnan(value) and annotation == symbol.strip()


# ---------------------------------------------------------------- hardening (issue 23)
_HEAD = '"調査年","地域 コード","地域","/項目","A1101_総人口【人】","注釈"\r\n'


def _write(tmp_path: Path, text: str | bytes, name: str = "made_up_values.csv") -> Path:
    p = tmp_path / name
    p.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return p


def test_row_with_an_extra_cell_raises_with_its_line(tmp_path: Path) -> None:
    # reproduced on main: one extra cell shifted every value into the note column
    p = _write(tmp_path, _HEAD + '"2005年度","13000","東京都","","1,000","","x"\r\n'
               '"2005年度","27000","大阪府","","2,000",""\r\n')
    with pytest.raises(LayoutError, match=r"line 2 has 7 cells but the header \(line 1\) has 6"):
        jregion.read_estat(p)


def test_line_numbers_count_the_lines_of_a_quoted_cell(tmp_path: Path) -> None:
    # reproduced on main: a note spanning lines 2-4 made the bad row on line 5 "line 3"
    note = '"2005年度","27000","大阪府","","2,000","注釈は\r\n三行に\r\nわたる"\r\n'
    p = _write(tmp_path, _HEAD + note + '"2005年度","13000","東京都","","1,000","","x"\r\n')
    with pytest.raises(LayoutError, match=r"^line 5 has 7 cells but the header \(line 1\)"):
        jregion.read_estat(p)
    p = _write(tmp_path, _HEAD + note + '"2005年度","13000","大阪府","","1,000",""\r\n')
    with pytest.raises(jregion.UnknownCodeError, match=r"^line 5: area code '13000'"):
        jregion.read_estat(p)
    # the note is read whole, with its line breaks
    p = _write(tmp_path, _HEAD + note)
    assert jregion.read_estat(p)["note"].tolist() == ["注釈は\r\n三行に\r\nわたる"]


def test_short_row_inside_the_file_raises(tmp_path: Path) -> None:
    # reproduced on main: a short row gave NaN without a note
    p = _write(tmp_path, _HEAD + '"2005年度","13000","東京都",""\r\n'
               '"2005年度","27000","大阪府","","2,000",""\r\n')
    with pytest.raises(LayoutError, match="line 2 has 4 cells"):
        jregion.read_estat(p)


def test_file_cut_inside_a_value_is_truncated(tmp_path: Path) -> None:
    # reproduced on main: a file cut inside "1,234,567" read Tokyo 2005 as 1.0
    full = (
        _HEAD
        + '"2005年度","27000","大阪府","","2,000",""\r\n'
        + '"2005年度","13000","東京都","","1,234,567",""\r\n'
    )
    p = _write(tmp_path, full[: full.index("1,234,567") + 1])
    with pytest.raises(LayoutError, match="truncated"):
        jregion.read_estat(p)
    p = _write(tmp_path, full[: full.index("1,234,567") - 2])  # cut between two cells
    with pytest.raises(LayoutError, match="truncated: its last row"):
        jregion.read_estat(p)


@pytest.mark.parametrize("encoding", ["utf-8", "cp932"])
def test_file_cut_inside_a_character_says_truncated(tmp_path: Path, encoding: str) -> None:
    raw = (_HEAD + '"2005年度","13000","東京都","","1",""\r\n').encode(encoding)
    cut = raw[: raw.rindex("東".encode(encoding)) + 1]
    with pytest.raises(LayoutError, match="truncated") as err:
        jregion.read_estat(_write(tmp_path, cut))
    assert "re-save" not in str(err.value)


def test_negative_markers_are_negative_numbers(tmp_path: Path) -> None:
    # reproduced on main: △1,234 and ▲5 became missing values
    p = _write(tmp_path, _HEAD + '"2005年度","13000","東京都","","△1,234",""\r\n'
               '"2005年度","27000","大阪府","","▲5",""\r\n'
               '"2005年度","23000","愛知県","","△",""\r\n')
    df = jregion.read_estat(p)
    assert df["value"].tolist()[:2] == [-1234.0, -5.0]
    assert df["annotation"].tolist() == ["△", "▲", "△"]
    assert math.isnan(df["value"].iloc[2])  # a bare marker is no number


def test_area_code_must_agree_with_area_name(tmp_path: Path) -> None:
    # reproduced on main: "13000","大阪府" was keyed to Tokyo silently
    p = _write(tmp_path, _HEAD + '"2005年度","13000","大阪府","","1",""\r\n')
    with pytest.raises(jregion.UnknownCodeError, match=r"'13000' is prefecture 13.*prefecture 27"):
        jregion.read_estat(p)
    p = _write(tmp_path, _HEAD + '"2005年度","00000","東京都","","1",""\r\n')
    with pytest.raises(jregion.UnknownCodeError, match="national total"):
        jregion.read_estat(p)
    p = _write(tmp_path, _HEAD + '"2005年度","01100","東京都 札幌市","","1",""\r\n')
    with pytest.raises(jregion.UnknownCodeError, match="is prefecture 13"):
        jregion.read_estat(p)
    # agreeing code and name, and a municipality without its prefecture, still read
    p = _write(tmp_path, _HEAD + '"2005年度","13000","東京都","","1",""\r\n'
               '"2005年度","01100","札幌市","","2",""\r\n')
    assert jregion.read_estat(p)["pref_code"].tolist() == ["13", "01"]


@pytest.mark.parametrize(
    ("label", "year"),
    [("平成2年度", 1990), ("令和元年", 2019), ("昭和６０年", 1985), ("平成17年", 2005)],
)
def test_japanese_calendar_years(tmp_path: Path, label: str, year: int) -> None:
    text = (
        '"調査年","地域","/項目","C3403_従業者数（製造業）【人】"\r\n'
        f'"{label}","01 北海道","","900"\r\n'
    )
    p = _write(tmp_path, text)
    assert jregion.read_estat(p)["year"].tolist() == [year]
    # read_census_manufacture said "needs a 調査年 column" although the file has one
    m = jregion.read_census_manufacture(p)
    assert m.loc[("01", year), "persons_employed"] == 900.0


@pytest.mark.parametrize(
    "header",
    [
        "C2107_民営事業所数【所】",  # all industries, not manufacturing
        "C3402_製造品出荷額等（従業者1人当たり）【百万円】",  # a per-worker ratio
        "C3405_従業者数（1事業所当たり）【人】",  # a per-establishment ratio
    ],
)
def test_census_manufacture_refuses_other_indicator_codes(tmp_path: Path, header: str) -> None:
    # reproduced on main: each was taken as a manufacturing total by its Japanese substring
    text = f'"調査年","地域","/項目","{header}"\r\n"1990年度","01 北海道","","900"\r\n'
    with pytest.raises(LayoutError, match="no manufacturing series"):
        jregion.read_census_manufacture(_write(tmp_path, text))


def test_census_manufacture_refuses_a_code_named_as_another_series(tmp_path: Path) -> None:
    text = (
        '"調査年","地域","/項目","C3401_従業者数（製造業）【人】"\r\n'
        '"1990年度","01 北海道","","9"\r\n'
    )
    with pytest.raises(LayoutError, match="C3401 should be 事業所数"):
        jregion.read_census_manufacture(_write(tmp_path, text))


def _db_table(industry: str | None, meta: str = "") -> str:
    dim = '"産業分類",' if industry is not None else ""
    val = f'"{industry}",' if industry is not None else ""
    return (
        meta
        + f'"表章項目",{dim}"全国・都道府県","/時間軸（年）","2005年"\r\n'
        + f'"従業者数【人】",{val}"北海道","","900"\r\n'
        + f'"事業所数【所】",{val}"北海道","","9"\r\n'
    )


def test_census_manufacture_db_table_needs_manufacturing_as_a_whole(tmp_path: Path) -> None:
    # reproduced on main: a db_table for 食料品製造業 only was read as all manufacturing
    with pytest.raises(LayoutError, match=r"食料品製造業.*製造業計"):
        jregion.read_census_manufacture(_write(tmp_path, _db_table("食料品製造業")))
    # bare 従業者数 without an industry dimension may be all industries: refused
    with pytest.raises(LayoutError, match="no manufacturing series"):
        jregion.read_census_manufacture(_write(tmp_path, _db_table(None)))
    # with the industry at 製造業計, or in a Census of Manufacture table, it is read
    m = jregion.read_census_manufacture(_write(tmp_path, _db_table("製造業計")))
    assert m.loc[("01", 2005), ["establishments", "persons_employed"]].tolist() == [9.0, 900.0]
    census = '"統計名：","工業統計調査 MADE-UP VALUES"\r\n\r\n'
    m = jregion.read_census_manufacture(_write(tmp_path, _db_table(None, census)))
    assert m.loc[("01", 2005), "persons_employed"] == 900.0


def test_unknown_encoding_is_named(tmp_path: Path) -> None:
    p = tmp_path / "x.csv"
    p.write_text("a,b\n", encoding="utf-8")
    with pytest.raises(jregion.EncodingError, match="unknown encoding 'nonsense'"):
        jregion.read_estat(p, encoding="nonsense")


# --- the statistical-table reader in two steps: find the dimensions, then emit the records ---
def _hand_table() -> tuple[list[list[str]], object]:
    """A db_table with row dimensions left of '/時間軸（年）' and two years as value columns."""
    from jregion.readers.estat import _find_header

    rows = [
        ["表章項目", "男女別", "全国・都道府県", "/時間軸（年）", "2005年", "注釈", "2010年"],
        ["人口【千人】", "男", "北海道", "", "10", "", "11"],
        ["人口【千人】", "女", "沖縄県", "", "X", "秘匿", "△2"],
        ["", "", "", "", "", "", ""],
    ]
    return rows, _find_header(rows)


def test_db_dimensions_alone_finds_area_year_indicator_and_extras() -> None:
    from jregion.readers.estat import _db_dimensions

    rows, header = _hand_table()
    lines = list(range(1, len(rows) + 1))  # one line per row
    dims = _db_dimensions(rows, lines, header)  # type: ignore[arg-type]
    assert (dims.area, dims.year, dims.indicator) == ("全国・都道府県", "時間軸（年）", "表章項目")
    assert dims.extras == ["男女別"]
    assert dims.value_cols == [4, 6]  # the 注釈 column is a note, not a value
    assert [r for r, _ in dims.data] == [2, 3]  # line numbers; the blank row is left out
    assert dims.of_column(6) == {"時間軸（年）": "2010年"}


def test_db_dimensions_without_an_area_raise() -> None:
    from jregion.readers.estat import _db_dimensions, _find_header

    rows = [["表章項目", "/時間軸（年）", "2005年"], ["人口【千人】", "", "10"]]
    with pytest.raises(jregion.LayoutError, match="no area dimension"):
        _db_dimensions(rows, [1, 2], _find_header(rows))


def test_db_records_alone_emit_one_record_per_row_and_value_column() -> None:
    from jregion.readers.estat import _db_dimensions, _db_records

    rows, header = _hand_table()
    lines = list(range(1, len(rows) + 1))
    recs = _db_records(rows[0], _db_dimensions(rows, lines, header))  # type: ignore[arg-type]
    got = [(r["pref_code"], r["year"], r["男女別"], r["value"], r["annotation"], r["note"])
           for r in recs]
    assert got[0] == ("01", 2005, "男", 10.0, "", "")
    assert got[1] == ("01", 2010, "男", 11.0, "", "")
    assert got[2][:3] == ("47", 2005, "女") and got[2][4:] == ("X", "秘匿")
    assert got[3] == ("47", 2010, "女", -2.0, "△", "")
    assert {(r["indicator"], r["unit"]) for r in recs} == {("人口", "千人")}
