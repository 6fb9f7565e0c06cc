"""read_estat_mesh on real e-Stat mesh files (tests/fixtures/estat_mesh) and on broken copies.

MIERUNE/qgis-japan-mesh (the QGIS "Japanese Grid Mesh" plugin) shows the trap: its #11 merged
each suppressed cell into its receiving cell's feature, and #26 found that this lost the merged
cells' own population and household totals, which e-Stat publishes per cell. Here a merged cell
keeps its own totals, and only its breakdowns are missing.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import jregion
from jregion.readers.estat_mesh import FLAG_COLUMNS

FIXTURES = Path(__file__).parent / "fixtures" / "estat_mesh"
CENSUS = ("tblT001101H5130.txt", "tblT001101H5031_extract.txt")
ECONOMIC = "tblT000918H3928.txt"
#: The columns the census publishes for every cell, merged or not (DATA-LEADS.md, checked on
#: every row): population total, male, female; households, general households.
OWN = ["T001101001", "T001101002", "T001101003", "T001101034", "T001101035"]


def raw_rows(path: Path) -> tuple[list[str], list[list[str]]]:
    """The file parsed independently: the csv module on the CP932 text, cells as strings."""
    rows = list(csv.reader(io.StringIO(path.read_bytes().decode("cp932"))))
    return rows[0], [r for r in rows[2:] if r]


@pytest.fixture(scope="module", params=CENSUS)
def census(request: pytest.FixtureRequest) -> tuple[Path, pd.DataFrame]:
    path = FIXTURES / request.param
    return path, jregion.read_estat_mesh(path)


def test_census_rows_match_the_file_cell_by_cell(census: tuple[Path, pd.DataFrame]) -> None:
    path, cells = census
    header, rows = raw_rows(path)
    assert list(cells.columns) == header[1:]
    assert list(cells.index) == [r[0] for r in rows]  # file order, nothing dropped
    assert cells.index.name == "mesh_code"
    values = cells[header[4:]].to_numpy()
    for i, row in enumerate(rows):
        assert cells["HTKSYORI"].iat[i] == int(row[1])
        assert (row[2] or None) == (
            None if pd.isna(cells["HTKSAKI"].iat[i]) else cells["HTKSAKI"].iat[i]
        )
        assert (row[3] or None) == (
            None if pd.isna(cells["GASSAN"].iat[i]) else cells["GASSAN"].iat[i]
        )
        for j, cell in enumerate(row[4:]):
            if cell == "*":
                assert np.isnan(values[i, j]), (row[0], header[4 + j])
            else:
                assert values[i, j] == float(cell), (row[0], header[4 + j])


def test_census_suppression_rules_row_by_row(census: tuple[Path, pd.DataFrame]) -> None:
    _, cells = census
    flag = cells["HTKSYORI"]
    merged, receiving, plain = cells[flag == 2], cells[flag == 1], cells[flag == 0]
    breakdown = [c for c in cells.columns[3:] if c not in OWN]
    assert cells.attrs["own_columns"] == OWN
    # merged cells: own totals published (qgis-japan-mesh#26), breakdowns missing, never 0
    assert merged[OWN].notna().all().all()
    assert merged[breakdown].isna().all().all()
    assert (merged[OWN] >= 0).all().all()
    # receiving and uninvolved cells: everything published
    assert receiving[cells.columns[3:]].notna().all().all()
    assert plain[cells.columns[3:]].notna().all().all()
    assert plain["HTKSAKI"].isna().all() and plain["GASSAN"].isna().all()
    # every merged cell points to a receiving cell that lists it
    for code, target in merged["HTKSAKI"].items():
        assert cells.at[target, "HTKSYORI"] == 1
        assert code in cells.at[target, "GASSAN"].split(";")
    listed = {c for g in receiving["GASSAN"] for c in g.split(";")}
    assert listed == set(merged.index)
    assert cells.attrs["receivers_outside"] == 0


def test_census_flag_counts_match_provenance() -> None:
    cells = jregion.read_estat_mesh(FIXTURES / "tblT001101H5130.txt")
    assert cells["HTKSYORI"].value_counts().sort_index().tolist() == [381, 173, 252]
    assert cells.attrs["symbols"] == {"*": 252 * 45, "-": 0}
    assert cells.attrs["level"] == 4
    assert cells.attrs["table"] == "T001101"
    assert cells.attrs["encoding"] == "cp932"
    assert cells.attrs["suppression"] is True
    assert cells.attrs["labels"]["T001101001"] == "人口（総数）"  # ideographic space stripped
    assert cells.attrs["labels"]["T001101034"] == "世帯総数"


def test_receiving_cell_breakdown_holds_merged_cells_totals_do_not() -> None:
    # Hand-checked in the file (DATA-LEADS.md): 503100112 receives 503100111, 503100212 and
    # 503100222, whose own totals are 5, 4 and 3. Its own total is 13, but its age breakdown
    # 0-14 (1) + 15 and over (24) = 25 = 13 + 5 + 4 + 3.
    cells = jregion.read_estat_mesh(FIXTURES / "tblT001101H5031_extract.txt")
    receiver = cells.loc["503100112"]
    assert receiver["GASSAN"] == "503100111;503100212;503100222"
    assert receiver["T001101001"] == 13
    assert receiver["T001101004"] + receiver["T001101007"] == 25
    merged = cells.loc[["503100111", "503100212", "503100222"]]
    assert merged["T001101001"].tolist() == [5, 4, 3]  # their own, not the group's (#26)
    assert merged["HTKSAKI"].eq("503100112").all()
    assert merged["T001101004"].isna().all()  # missing, not 0


def test_economic_census_without_suppression_columns() -> None:
    path = FIXTURES / ECONOMIC
    cells = jregion.read_estat_mesh(path)
    header, rows = raw_rows(path)
    assert cells.shape == (157, 40)
    assert not set(FLAG_COLUMNS) & set(cells.columns)
    assert cells.attrs["suppression"] is False
    assert cells.attrs["own_columns"] == header[1:]
    assert cells.attrs["table"] == "T000918"
    np.testing.assert_array_equal(cells.to_numpy(), np.array([r[1:] for r in rows], dtype=float))
    # 392850803: 10 establishments, 226 persons engaged, 7 of them in manufacturing (E)
    assert cells.loc["392850803", ["T000918001", "T000918020", "T000918024"]].tolist() == [
        10,
        226,
        7,
    ]
    assert cells.attrs["labels"]["T000918005"] == "Ｅ製造業"
    assert cells.attrs["labels"]["T000918024"] == "Ｅ製造業"
    assert cells.attrs["labels"]["T000918040"] == "女-Ａ～Ｒ全産業（Ｓ公務を除く）"


@pytest.mark.parametrize(
    ("encoding", "newline"),
    [("utf-8-sig", "\r\n"), ("utf-8", "\n"), ("cp932", "\r\n"), ("utf-8", "\r\n")],
)
def test_encodings_and_line_ends_read_the_same(encoding: str, newline: str, tmp_path: Path) -> None:
    original = FIXTURES / "tblT001101H5130.txt"
    text = original.read_bytes().decode("cp932").replace("\r\n", "\n").replace("\n", newline)
    copy = tmp_path / "copy.txt"
    copy.write_bytes(text.encode(encoding))
    expected = jregion.read_estat_mesh(original)
    got = jregion.read_estat_mesh(copy)
    pd.testing.assert_frame_equal(got, expected)
    assert got.attrs["labels"] == expected.attrs["labels"]
    assert got.attrs["encoding"] == ("utf-8-sig" if encoding.startswith("utf") else "cp932")


def test_without_the_label_row(tmp_path: Path) -> None:
    lines = (FIXTURES / ECONOMIC).read_bytes().split(b"\r\n")
    path = tmp_path / "no_labels.txt"
    path.write_bytes(b"\r\n".join([lines[0], *lines[2:]]))
    cells = jregion.read_estat_mesh(path)
    assert cells.attrs["labels"] == {}
    pd.testing.assert_frame_equal(cells, jregion.read_estat_mesh(FIXTURES / ECONOMIC))


def test_reading_does_not_depend_on_the_working_directory(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    assert len(jregion.read_estat_mesh(str(FIXTURES / ECONOMIC))) == 157


# ---------------------------------------------------------------- bad input: file and line named


def damaged(tmp_path: Path, edit, name: str = "tblT001101H5130.txt") -> Path:
    raw = (FIXTURES / name).read_bytes()
    path = tmp_path / name
    path.write_bytes(edit(raw))
    return path


def test_truncated_file_names_the_last_line(tmp_path: Path) -> None:
    raw = (FIXTURES / "tblT001101H5130.txt").read_bytes()
    cut = len(raw) // 2
    line = raw[:cut].count(b"\n") + 1
    path = damaged(tmp_path, lambda b: b[:cut])
    with pytest.raises(
        jregion.LayoutError, match=rf"tblT001101H5130\.txt, line {line}: .*truncated"
    ):
        jregion.read_estat_mesh(path)


def test_truncated_inside_a_character_is_an_encoding_error_with_its_line(tmp_path: Path) -> None:
    raw = (FIXTURES / "tblT001101H5130.txt").read_bytes()
    second = raw.index(b"\n") + 1
    cut = second + raw[second:].index("人".encode("cp932")) + 1  # half of a two-byte character
    path = damaged(tmp_path, lambda b: b[:cut])
    with pytest.raises(jregion.EncodingError, match=r"tblT001101H5130\.txt.*cp932 fails at line 2"):
        jregion.read_estat_mesh(path)


def test_wrong_encoding_names_file_and_line(tmp_path: Path) -> None:
    path = FIXTURES / "tblT001101H5130.txt"
    with pytest.raises(jregion.EncodingError, match=r"tblT001101H5130\.txt.*utf-8 fails at line 2"):
        jregion.read_estat_mesh(path, encoding="utf-8")
    utf16 = damaged(tmp_path, lambda b: b.decode("cp932").encode("utf-16"))
    with pytest.raises(jregion.EncodingError, match=r"tblT001101H5130\.txt.*line 1 holds NUL"):
        jregion.read_estat_mesh(utf16)


def test_mixed_levels_name_the_line(tmp_path: Path) -> None:
    # line 10 (a 500 m code) shortened to its 1 km parent
    def edit(raw: bytes) -> bytes:
        lines = raw.split(b"\n")
        lines[9] = lines[9][:8] + lines[9][9:]
        return b"\n".join(lines)

    with pytest.raises(
        jregion.LayoutError, match=r"H5130\.txt, line 10: .*8 digits.*mixed mesh levels"
    ):
        jregion.read_estat_mesh(damaged(tmp_path, edit))


def test_non_mesh_csv_is_refused_with_its_name() -> None:
    path = Path(__file__).parent / "fixtures" / "estat" / "ssds_minimal_made_up_values_cp932.csv"
    with pytest.raises(
        jregion.LayoutError, match=r"ssds_minimal.*line 1: .*not KEY_CODE.*read_estat"
    ):
        jregion.read_estat_mesh(path)


def test_non_mesh_key_code_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "other.csv"
    path.write_text("KEY_CODE,A\n51300702,1\nTokyo,2\n", encoding="utf-8")
    with pytest.raises(jregion.LayoutError, match=r"other\.csv, line 3: KEY_CODE 'Tokyo'"):
        jregion.read_estat_mesh(path)


def test_invalid_mesh_code_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "bad_digit.txt"  # 2nd-level digits run 0-7: 8 is out of range
    path.write_text("KEY_CODE,A\n513007022,1\n513007031,2\n513087031,3\n", encoding="utf-8")
    with pytest.raises(jregion.MeshCodeError, match=r"bad_digit\.txt, line 4: .*513087031.*0-7"):
        jregion.read_estat_mesh(path)


def test_row_with_extra_cells(tmp_path: Path) -> None:
    def edit(raw: bytes) -> bytes:
        lines = raw.split(b"\n")
        lines[5] += b",7"
        return b"\n".join(lines)

    with pytest.raises(jregion.LayoutError, match=r"line 6: 55 cells where the header has 54"):
        jregion.read_estat_mesh(damaged(tmp_path, edit))


def test_value_that_is_not_a_number_or_symbol(tmp_path: Path) -> None:
    path = damaged(tmp_path, lambda b: b.replace(b"513007022,0,,,266,", b"513007022,0,,,2b6,"))
    with pytest.raises(jregion.LayoutError, match=r"line 3: column T001101001: '2b6'"):
        jregion.read_estat_mesh(path)


def test_duplicate_key_code_names_both_lines(tmp_path: Path) -> None:
    def edit(raw: bytes) -> bytes:
        lines = raw.split(b"\n")
        return b"\n".join([*lines[:4], lines[2], *lines[4:]])

    with pytest.raises(jregion.DuplicateKeyError, match=r"'513007022' occurs on lines 3, 5"):
        jregion.read_estat_mesh(damaged(tmp_path, edit))


def test_inconsistent_suppression_flags_name_the_line(tmp_path: Path) -> None:
    # a merged cell whose receiving cell does not list it
    path = damaged(
        tmp_path,
        lambda b: b.replace(b"503100111,2,503100112,", b"503100111,2,503100002,"),
        name="tblT001101H5031_extract.txt",
    )
    raw = path.read_bytes()
    line = raw[: raw.index(b"503100111,2,")].count(b"\n") + 1
    with pytest.raises(
        jregion.LayoutError, match=rf"line {line}: cell 503100111 is merged into 503100002"
    ):
        jregion.read_estat_mesh(path)
    path2 = damaged(tmp_path, lambda b: b.replace(b"513007022,0,,", b"513007022,0,513007031,"))
    with pytest.raises(jregion.LayoutError, match=r"line 3: HTKSYORI=0, HTKSAKI='513007031'"):
        jregion.read_estat_mesh(path2)
    path3 = damaged(tmp_path, lambda b: b.replace(b"513007022,0,,", b"513007022,3,,"))
    with pytest.raises(jregion.LayoutError, match=r"line 3: HTKSYORI is '3'"):
        jregion.read_estat_mesh(path3)


def test_header_only_and_empty_files(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    with pytest.raises(jregion.LayoutError, match=r"empty\.txt, line 1: the file is empty"):
        jregion.read_estat_mesh(empty)
    header = damaged(tmp_path, lambda b: b"\n".join(b.split(b"\n")[:2]) + b"\n")
    with pytest.raises(jregion.LayoutError, match=r"line 3: the file has a header but no data"):
        jregion.read_estat_mesh(header)


# ---------------------------------------------------------------- originals, when ../shared exists


@pytest.mark.parametrize(
    ("name", "counts"),
    [
        ("noriomi0726_aureate-population-app__tblT001101H5031.txt", [2678, 849, 1180]),
        ("noriomi0726_aureate-population-app__tblT001101H5130.txt", [381, 173, 252]),
    ],
)
def test_originals_every_row(name: str, counts: list[int], shared_dir: Path) -> None:
    path = shared_dir / "estat-samples" / "mesh" / name
    cells = jregion.read_estat_mesh(path)
    _, rows = raw_rows(path)
    assert cells["HTKSYORI"].value_counts().sort_index().tolist() == counts
    assert list(cells.index) == [r[0] for r in rows]
    stars = np.array([[c == "*" for c in r[4:]] for r in rows])
    np.testing.assert_array_equal(cells.iloc[:, 3:].isna().to_numpy(), stars)
    assert cells.attrs["own_columns"] == OWN


def test_quoted_cells_as_a_spreadsheet_saves_them(tmp_path: Path) -> None:
    header, rows = raw_rows(FIXTURES / ECONOMIC)
    labels = list(csv.reader(io.StringIO((FIXTURES / ECONOMIC).read_bytes().decode("cp932"))))[1]
    buf = io.StringIO()
    csv.writer(buf, quoting=csv.QUOTE_ALL, lineterminator="\r\n").writerows([header, labels, *rows])
    path = tmp_path / "quoted.csv"
    path.write_bytes(buf.getvalue().encode("utf-8-sig"))
    got = jregion.read_estat_mesh(path)
    expected = jregion.read_estat_mesh(FIXTURES / ECONOMIC)
    pd.testing.assert_frame_equal(got, expected)
    assert got.attrs["labels"] == expected.attrs["labels"]


@pytest.mark.parametrize(
    ("codes", "level"),
    [
        (["53394611", "53394612"], 3),
        (["5339461111", "5339461112"], 5),
        (["53394611111", "53394611112"], 6),
    ],
)
def test_levels_1km_to_125m(codes: list[str], level: int, tmp_path: Path) -> None:
    path = tmp_path / "made_up_values.txt"
    path.write_text(
        "KEY_CODE,T000001\n" + "".join(f"{c},{i}\n" for i, c in enumerate(codes)), encoding="utf-8"
    )
    cells = jregion.read_estat_mesh(path)
    assert cells.attrs["level"] == level
    assert list(cells.index) == codes
    assert cells["T000001"].tolist() == [0.0, 1.0]


def test_a_four_digit_code_is_not_a_mesh_statistics_row(tmp_path: Path) -> None:
    path = tmp_path / "first_level.txt"
    path.write_text("KEY_CODE,T000001\n5339,1\n", encoding="utf-8")
    with pytest.raises(jregion.LayoutError, match=r"line 2: KEY_CODE '5339' is not an 8- to 11"):
        jregion.read_estat_mesh(path)


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_dash_cells_are_missing_and_counted(newline: str, tmp_path: Path) -> None:
    rows = ["KEY_CODE,T000001,T000002", "533946111,-,-5", "533946112,3,-", "533946113,*,2.5"]
    path = tmp_path / "dashes.txt"
    path.write_bytes(newline.join(rows).encode("cp932") + newline.encode())
    cells = jregion.read_estat_mesh(path)
    assert np.isnan(cells.at["533946111", "T000001"])
    assert cells.at["533946111", "T000002"] == -5.0  # a negative number is not a symbol
    assert np.isnan(cells.at["533946112", "T000002"])
    assert cells.at["533946113", "T000002"] == 2.5
    assert cells.attrs["symbols"] == {"*": 1, "-": 2}
