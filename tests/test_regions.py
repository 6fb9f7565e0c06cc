from __future__ import annotations

import geopandas as gpd
import pandas as pd
import pytest

import jregion

EA = jregion.EQUAL_AREA_CRS


def test_schemes_cover_47_once() -> None:
    for scheme in ["eight", "nine", "meti", "tokaido", "pacific_belt"]:
        t = jregion.scheme_table(scheme)  # type: ignore[arg-type]
        assert t.index.tolist() == list(jregion.PREFECTURE_CODES)
        assert t["region"].notna().all()
        assert t.attrs["definition"]


@pytest.mark.parametrize(
    ("scheme", "sizes"),
    [
        (
            "eight",
            {
                "Hokkaido": 1,
                "Tohoku": 6,
                "Kanto": 7,
                "Chubu": 9,
                "Kinki": 7,
                "Chugoku": 5,
                "Shikoku": 4,
                "Kyushu": 8,
            },
        ),
        ("nine", {"Kyushu": 7, "Okinawa": 1}),
        # METI bureaus: Kanto 1都10県 (AIST 2012 plan), Chubu 5 prefectures, Kinki with Fukui
        (
            "meti",
            {
                "Hokkaido": 1,
                "Tohoku": 6,
                "Kanto": 11,
                "Chubu": 5,
                "Kinki": 7,
                "Chugoku": 5,
                "Shikoku": 4,
                "Kyushu": 7,
                "Okinawa": 1,
            },
        ),
        ("tokaido", {"Tokaido belt": 9, "Rest of Japan": 38}),
        ("pacific_belt", {"Pacific belt": 17, "Rest of Japan": 30}),
    ],
)
def test_scheme_sizes(scheme: str, sizes: dict[str, int]) -> None:
    counts = jregion.scheme_table(scheme)["region"].value_counts()  # type: ignore[arg-type]
    for region, n in sizes.items():
        assert counts[region] == n


def test_meti_differs_from_eight_as_documented() -> None:
    eight = jregion.region_of(jregion.PREFECTURE_CODES, scheme="eight")
    meti = jregion.region_of(jregion.PREFECTURE_CODES, scheme="meti")
    moved = {c for c, a, b in zip(jregion.PREFECTURE_CODES, eight, meti, strict=True) if a != b}
    # Niigata, Yamanashi, Nagano, Shizuoka -> Kanto; Fukui -> Kinki; Mie -> Chubu; Okinawa own
    assert moved == {"15", "19", "20", "22", "18", "24", "47"}


def test_region_of_aligns_and_orders() -> None:
    s = pd.Series(["Okinawa", "Tokyo", "大阪府"], index=[10, 20, 30])
    r = jregion.region_of(s, scheme="nine")
    assert r.index.tolist() == [10, 20, 30]
    assert r.tolist() == ["Okinawa", "Kanto", "Kinki"]
    assert r.name == "region"
    assert list(r.cat.categories)[:3] == ["Hokkaido", "Tohoku", "Kanto"]


def test_custom_mapping() -> None:
    mapping = {
        c: ("Core" if c in {"13", "14", "11", "12"} else "Periphery")
        for c in jregion.PREFECTURE_CODES
    }
    r = jregion.region_of(["Tokyo", "Aomori"], scheme=mapping)
    assert r.tolist() == ["Core", "Periphery"]
    regions = jregion.load_regions(mapping)
    assert regions.loc["Core", "n_prefectures"] == 4
    mapping_names = {jregion.prefecture_table().loc[c, "name_en"]: v for c, v in mapping.items()}
    assert jregion.region_of(["Tokyo"], scheme=mapping_names).tolist() == ["Core"]


def test_custom_mapping_errors() -> None:
    with pytest.raises(jregion.SchemeError, match="misses 46"):
        jregion.scheme_table({"13": "Tokyo"})
    dup = {c: "x" for c in jregion.PREFECTURE_CODES} | {"Tokyo": "y"}
    with pytest.raises(jregion.SchemeError, match="more than once"):
        jregion.scheme_table(dup)
    with pytest.raises(jregion.SchemeError, match="unknown region scheme 'kansai'"):
        jregion.scheme_table("kansai")  # type: ignore[arg-type]
    with pytest.raises(jregion.SchemeError, match="name or a mapping"):
        jregion.scheme_table(["eight"])  # type: ignore[arg-type]


def test_load_regions_dissolves(prefs: gpd.GeoDataFrame) -> None:
    r = jregion.load_regions("eight")
    assert r.index.tolist() == [
        "Hokkaido",
        "Tohoku",
        "Kanto",
        "Chubu",
        "Kinki",
        "Chugoku",
        "Shikoku",
        "Kyushu",
    ]
    assert r.geometry.is_valid.all()
    # dissolving conserves area
    total_p = prefs.to_crs(EA).area.sum()
    total_r = r.to_crs(EA).area.sum()
    assert abs(total_r / total_p - 1) < 1e-6
    kanto = prefs.loc[[f"{i:02d}" for i in range(8, 15)]].to_crs(EA).area.sum()
    assert abs(r.to_crs(EA).area["Kanto"] / kanto - 1) < 1e-6
    r.loc["Kanto", "n_prefectures"] = 99  # a copy: the cache is untouched
    assert jregion.load_regions("eight").loc["Kanto", "n_prefectures"] == 7


def test_list_schemes() -> None:
    s = jregion.list_schemes()
    assert s.index.tolist() == ["eight", "nine", "meti", "tokaido", "pacific_belt"]
    assert "Tokaido Main Line" in s.loc["tokaido", "definition"]
    assert "[citation needed]" in s.loc["pacific_belt", "definition"]


def test_scheme_mapping_with_no_region_raises() -> None:
    mapping: dict[object, object] = {c: "x" for c in jregion.PREFECTURE_CODES}
    mapping["13"] = None
    with pytest.raises(jregion.SchemeError, match="no region for"):
        jregion.scheme_table(mapping)  # type: ignore[arg-type]
