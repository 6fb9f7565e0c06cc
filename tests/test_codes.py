from __future__ import annotations

import unicodedata

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import jregion
from jregion.codes import _check_digit

TABLE = jregion.prefecture_table()
CODES = list(jregion.PREFECTURE_CODES)


def test_table_shape_and_known_rows() -> None:
    assert TABLE.index.tolist() == CODES
    assert TABLE.loc["13", "name_ja"] == "東京都"
    assert TABLE.loc["13", "name_en_macron"] == "Tōkyō"
    assert TABLE.loc["27", "name_kana"] == "おおさかふ"
    assert TABLE.loc["47", "capital_en"] == "Naha"
    assert TABLE.loc["01", "iso"] == "JP-01"
    assert TABLE["name_en"].is_unique and TABLE["name_ja"].is_unique
    # offices are inside Japan's bounding box
    assert TABLE["office_lat"].between(24, 46).all() and TABLE["office_lon"].between(122, 146).all()


def test_prefecture_table_is_a_copy() -> None:
    t = jregion.prefecture_table()
    t.loc["01", "name_en"] = "changed"
    assert jregion.prefecture_table().loc["01", "name_en"] == "Hokkaido"


@pytest.mark.parametrize(
    ("value", "code"),
    [
        (1, "01"),
        (47, "47"),
        (np.int64(13), "13"),
        (13.0, "13"),
        ("1", "01"),
        ("01", "01"),
        ("JP-13", "13"),
        ("jp13", "13"),
        ("ＪＰ－１３", "13"),
        ("13000", "13"),
        ("130001", "13"),
        ("010006", "01"),
        ("270008", "27"),
        ("470007", "47"),
        ("東京都", "13"),
        ("東京", "13"),
        ("京都府", "26"),
        ("京都", "26"),
        ("北海道", "01"),
        ("ひょうご", "28"),
        ("ひょうごけん", "28"),
        ("ヒョウゴケン", "28"),
        ("ｷｮｳﾄ", "26"),
        ("Hyōgo", "28"),
        ("Hyogo", "28"),
        ("HYOGO", "28"),
        ("Hyogo-ken", "28"),
        ("Hyogo Prefecture", "28"),
        ("hyogo pref.", "28"),
        ("Tokyo-to", "13"),
        ("Tokyo Metropolis", "13"),
        ("Osaka-fu", "27"),
        ("Kyoto-fu", "26"),
        ("Ohsaka", "27"),
        ("Oosaka", "27"),
        ("Ōsaka", "27"),
        ("Toukyou", "13"),
        ("Tohkyo", "13"),
        ("Kouchi", "39"),
        ("Ooita", "44"),
        ("Hokkaidou", "01"),
        ("4.0", "04"),
        ("13.0", "13"),
        ("１．０", "01"),
        ("01 北海道", "01"),
        ("13000_東京都", "13"),
        ("28 Hyogo", "28"),
        ("  Mie  ", "24"),
        ("ＴＯＫＹＯ", "13"),
        ("Tōkyō-to", "13"),
    ],
)
def test_to_code_forms(value: object, code: str) -> None:
    assert jregion.to_code(value) == code


def test_check_digit_matches_published_codes() -> None:
    # JIS X 0402 six-digit codes published by MIC: Chiyoda-ku 131016, Sapporo 011002, Naha 472018
    assert _check_digit("13101") == 6
    assert _check_digit("01100") == 2
    assert _check_digit("47201") == 8


@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        ("Hyougo-x", "did you mean 'Hyogo' (28)"),
        ("Tokio", "did you mean 'Tokyo' (13)"),
        ("13101", "municipal code in prefecture 13"),
        ("130002", "check digit should be 1"),
        (48, "unknown prefecture 48"),
        (0, "unknown prefecture 0"),
        (True, "unknown prefecture True"),
        ("", "unknown prefecture ''"),
        (2.5, "unknown prefecture 2.5"),
        ("01 東京都", "unknown prefecture '01 東京都'"),
        ("4.5", "unknown prefecture '4.5'"),
        ("1,3", "unknown prefecture '1,3'"),
        (object, "unknown prefecture"),
    ],
)
def test_to_code_unknown(value: object, fragment: str) -> None:
    with pytest.raises(jregion.UnknownCodeError, match="unknown prefecture") as err:
        jregion.to_code(value)
    assert fragment in str(err.value)
    assert isinstance(err.value, ValueError)


@pytest.mark.parametrize("value", [None, float("nan"), pd.NA])
def test_to_code_missing(value: object) -> None:
    with pytest.raises(jregion.MissingValueError, match="missing"):
        jregion.to_code(value)


def test_to_codes_keeps_index_and_names_positions() -> None:
    s = pd.Series(["Tokyo", 28, "沖縄県"], index=["x", "y", "z"])
    out = jregion.to_codes(s)
    assert out.index.tolist() == ["x", "y", "z"]
    assert out.tolist() == ["13", "28", "47"]
    assert out.name == "pref_code"
    bad = pd.Series(["Tokyo", "Hyougo-x", "Tokyo", "Narnia"], index=list("abcd"))
    with pytest.raises(jregion.UnknownCodeError) as err:
        jregion.to_codes(bad)
    msg = str(err.value)
    assert "(row 1, index 'b')" in msg and "'Narnia' (row 3, index 'd')" in msg


@pytest.mark.parametrize("values", [[1, True], [True, 1], ["Tokyo", np.bool_(False)]])
def test_to_codes_rejects_booleans_whatever_their_position(values: list[object]) -> None:
    # pd.factorize treats True as 1; a boolean is never a prefecture
    with pytest.raises(jregion.UnknownCodeError, match="unknown prefecture"):
        jregion.to_codes(values)


def test_to_codes_missing_policy() -> None:
    s = pd.Series(["Tokyo", None, "Osaka"])
    with pytest.raises(jregion.MissingValueError, match=r"rows \[1\]"):
        jregion.to_codes(s)
    out = jregion.to_codes(s, missing="keep")
    assert out.iloc[0] == "13" and pd.isna(out.iloc[1]) and out.iloc[2] == "27"


def test_to_codes_accepts_index_list_and_ints() -> None:
    assert jregion.to_codes(pd.Index([1, 2])).tolist() == ["01", "02"]
    assert jregion.to_codes(range(1, 48)).tolist() == CODES


def test_to_codes_million_values_vectorised() -> None:
    # one million values go through factorize; correctness on the mapped result
    rng = np.random.default_rng(0)
    pool = np.array(list(TABLE["name_en"]) + list(TABLE["name_ja"]), dtype=object)
    idx = rng.integers(0, len(pool), 1_000_000)
    out = jregion.to_codes(pd.Series(pool[idx]))
    expected = np.array(CODES + CODES, dtype=object)[idx]
    assert (out.to_numpy(dtype=object) == expected).all()


def test_name_forms_do_not_collide() -> None:
    # every normalised name form of one prefecture must differ from every form of another
    from jregion.codes import _fold_romaji, _norm, name_lookup

    seen: dict[str, str] = {}
    for code, row in TABLE.iterrows():
        forms = [
            _norm(str(row[c])) for c in ("name_ja", "name_ja_short", "name_kana", "name_kana_short")
        ]
        forms += [_norm(_fold_romaji(str(row[c]))) for c in ("name_en", "name_en_macron")]
        for f in forms:
            assert seen.setdefault(f, str(code)) == code, (f, code, seen[f])
    assert sorted(set(name_lookup().values())) == CODES


# --- property tests -------------------------------------------------------------------------


def _variants(code: str) -> list[str]:
    row = TABLE.loc[code]
    en = str(row["name_en"])
    return [
        code,
        str(int(code)),
        f"JP-{code}",
        f"{code}000",
        row["name_ja"],
        row["name_ja_short"],
        row["name_kana"],
        row["name_kana_short"],
        en,
        row["name_en_macron"],
        f"{en}-ken",
        f"{en} Prefecture",
    ]


def _fullwidth(s: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in s)


def _katakana(s: str) -> str:
    return "".join(chr(ord(c) + 0x60) if "ぁ" <= c <= "ゖ" else c for c in s)


@settings(max_examples=400, deadline=None)
@given(
    code=st.sampled_from(CODES),
    which=st.integers(min_value=0, max_value=11),
    case=st.sampled_from(["asis", "upper", "lower", "title"]),
    width=st.booleans(),
    kata=st.booleans(),
    pad=st.sampled_from(["", " ", "\u3000"]),
)
def test_to_code_property_all_forms(
    code: str, which: int, case: str, width: bool, kata: bool, pad: str
) -> None:
    v = _variants(code)[which]
    v = {"asis": v, "upper": v.upper(), "lower": v.lower(), "title": v.title()}[case]
    if kata:
        v = _katakana(v)
    if width:
        v = _fullwidth(v)
    assert jregion.to_code(pad + v + pad) == code


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=12))
def test_to_code_never_fails_silently(text: str) -> None:
    # any string either maps to a valid code or raises a jregion error: never another exception
    try:
        code = jregion.to_code(text)
    except (jregion.UnknownCodeError, jregion.MissingValueError):
        return
    assert code in CODES
    norm = unicodedata.normalize("NFKC", text).strip()
    assert norm  # an accepted value is never blank


# --- hardening (issue 23) -------------------------------------------------------------------


@pytest.mark.parametrize("value", ["4-7", "1-3", "-13", "+13", "1 3", "01-000", "1_3", "４－７"])
def test_to_code_refuses_split_or_signed_digits(value: str) -> None:
    # "4-7" was read as 47 (Okinawa) and "-13" as 13, while the integer -13 raised
    with pytest.raises(jregion.UnknownCodeError, match="split by a separator or signed"):
        jregion.to_code(value)


@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        (130001, "area code '130001' (prefecture 13) read as a number"),
        (13000, "area code '13000' (prefecture 13)"),
        (1000, "'01000' (prefecture 01) read as a number, with its leading zero lost"),
        (np.int64(47000), "'47000' (prefecture 47)"),
        (13101, "municipal code '13101' in prefecture 13"),
    ],
)
def test_integer_area_codes_get_a_leading_zero_hint(value: object, fragment: str) -> None:
    # 130001 said "check digit should be 1" although it is 1; 1000 had no hint at all
    with pytest.raises(jregion.UnknownCodeError) as err:
        jregion.to_code(value)
    assert fragment in str(err.value)
    assert "check digit" not in str(err.value)


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("Gumma", "10"),  # traditional Hepburn, m before b/m/p
        ("Gumma-ken", "10"),
        ("GUMMA Prefecture", "10"),
        ("Sizuoka", "22"),  # Kunrei-shiki
        ("Shidzuoka", "22"),  # 19th-century spelling
        ("Hukuoka", "40"),
        ("Hukusima", "07"),
        ("Tiba", "12"),
        ("Kôti", "39"),  # Kunrei with circumflex
        ("Totigi", "09"),
        ("Kagosima", "46"),
        ("Tôkyô", "13"),
    ],
)
def test_older_romanisations_are_accepted(value: str, code: str) -> None:
    assert jregion.to_code(value) == code


def test_kunrei_keys_are_distinct() -> None:
    from jregion.codes import _kunrei_lookup

    assert sorted(_kunrei_lookup().values()) == CODES
