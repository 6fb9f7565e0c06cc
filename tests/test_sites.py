"""Content tests of the programme-site layers (issue 10).

References: the shared lists' PROVENANCE.md (counts of sourced rows), the study as summarised
in shared/MISSION.md (Tsukuba about 60 km north-east of Tokyo; METI's Kanto bureau covers
Niigata, Nagano, Yamanashi and Shizuoka), and the prefecture polygons. Tsukuba's year is 1963,
the cabinet agreement (閣議了解) of 昭和38年9月 that sited the city at 筑波 (National Archives of
Japan, http://www.archives.go.jp/owning/monthly/1312/archives_index.html; MEXT-hosted 1972 white
paper, https://www.mext.go.jp/b_menu/hakusho/html/hpaa197201/hpaa197201_2_074.html); the study
says 1964.
"""

from __future__ import annotations

import re

import geopandas as gpd
import pandas as pd
import pytest

import jregion
from jregion._manifest import path_of
from jregion.sites import SiteProgram

PROGRAMS: list[SiteProgram] = [
    "universities",
    "technopolis",
    "meti_clusters",
    "mext_clusters",
    "tsukuba",
]


@pytest.mark.parametrize("program", PROGRAMS)
def test_contract_and_join(program: SiteProgram, prefs: gpd.GeoDataFrame) -> None:
    g = jregion.load_sites(program)
    assert isinstance(g, gpd.GeoDataFrame) and g.crs is not None and g.crs.to_epsg() == 4326
    info = jregion.dataset_info(g.attrs["dataset"])
    assert len(g) == info["rows"]
    for col in ("site_id", "name", "pref_code", "year", "location_basis", "sources"):
        assert col in g.columns
    codes = g["pref_code"].dropna()
    assert set(codes) <= set(prefs.index)  # nothing unmatched
    assert jregion.to_codes(codes).tolist() == codes.tolist()
    # a missing code only for sites outside present-day Japan
    if program == "universities":
        assert sorted(g.loc[g["pref_code"].isna(), "city"]) == ["Keijō (Seoul)", "Taihoku (Taipei)"]
    else:
        assert g["pref_code"].notna().all()
    # points only where a basis is given, and every point lies in its own prefecture
    pts = g[g.geometry.notna()]
    assert (~pts["location_basis"].str.startswith("none")).all()
    assert g.loc[g.geometry.isna(), "location_basis"].str.startswith("none").all()
    if len(pts):
        joined = gpd.sjoin(pts, prefs[["geometry"]].rename_axis("poly_code"), predicate="within")
        assert len(joined) == len(pts)
        assert (joined["poly_code"] == joined["pref_code"]).all()


def test_universities(pref_table: pd.DataFrame) -> None:
    u = jregion.load_sites("universities")
    assert (u["type"] == "imperial_university").sum() == 9
    assert (u["type"] == "higher_school").sum() == 8
    sendai = u[u["name"].str.startswith("東北帝国大学")].iloc[0]
    assert sendai["pref_code"] == "04" and sendai["year"] == 1907
    # the documented proxy: the point is the prefectural office of the city's prefecture
    assert sendai.geometry.y == pytest.approx(pref_table.loc["04", "office_lat"])
    assert sendai.geometry.x == pytest.approx(pref_table.loc["04", "office_lon"])
    assert "proxy" in sendai["location_basis"]
    outside = u[u["outside_present_day_japan"]]
    assert len(outside) == 2 and outside.geometry.isna().all()
    # declared per row: the two outside Japan, and U08 (its only sourced coordinates, the Suita
    # campus, are of a site the imperial university never occupied, outside 大阪市)
    per_row = {m["site_id"]: m for m in u.attrs["missing"] if "site_id" in m}
    assert set(per_row) == set(outside["site_id"]) | {"U08"}
    assert "Suita" in str(per_row["U08"]["reason"])
    # and the proxy is declared as a gap: no campus coordinates are bundled
    assert any("campus" in str(m["what"]) for m in u.attrs["missing"] if "site_id" not in m)


def test_technopolis() -> None:
    t = jregion.load_sites("technopolis")
    assert t["site_id"].nunique() == 26
    kurume = t[t["name"] == "久留米・鳥栖地域"]
    assert sorted(kurume["pref_code"]) == ["40", "41"]
    years = t.drop_duplicates("site_id")["year"]
    assert (
        years.notna().sum() == 15
    )  # 15 of 26 designation years found (shared PROVENANCE section 11)
    assert years.dropna().between(1984, 1989).all()
    assert len([m for m in t.attrs["missing"] if m["what"] == "designation year"]) == 11
    # the programme is peripheral: none of the 26 areas is in Tokyo, Kanagawa, Osaka or Aichi
    assert not set(t["pref_code"]) & {"13", "14", "23", "27"}


def test_meti_clusters() -> None:
    m = jregion.load_sites("meti_clusters")
    # the shared list has 17 phase-II slots and 2 FY2007 additions; 2 slots are NOT FOUND
    assert m["site_id"].nunique() == 17
    assert (m.drop_duplicates("site_id")["year"] == 2007).sum() == 2
    kanto = m[m["meti_region"] == "Kanto"]
    assert kanto["site_id"].nunique() == 3
    for _, proj in kanto.groupby("site_id"):
        # METI's Kanto bureau covers Niigata, Yamanashi, Nagano and Shizuoka (study; AIST page)
        assert {"15", "19", "20", "22"} <= set(proj["pref_code"]) and len(proj) == 11
        assert proj["prefecture_basis"].str.startswith("stated by source").all()
    scheme = jregion.scheme_table("meti")
    stated = m["prefecture_basis"].str.startswith("stated by source: ")
    inferred = m["prefecture_basis"] == "inferred: bureau jurisdiction"
    # every row says whether its prefecture is a source's statement or inferred
    assert (stated | inferred).all()
    for site_id, proj in m.groupby("site_id"):
        region = proj["meti_region"].iloc[0]
        bureau = set(scheme.index[scheme["region"] == region])
        assert proj["prefecture_basis"].nunique() == 1
        if proj["prefecture_basis"].iloc[0].startswith("stated"):
            # a source names the prefectures, and they are the bureau's whole area
            assert set(proj["pref_code"]) == bureau
        elif site_id in ("M07", "M08"):
            # the two 東海 projects: not on Toyama (16) or Ishikawa (17), the bureau's 北陸 part
            assert set(proj["pref_code"]) == bureau - {"16", "17"} == {"21", "23", "24"}
        else:
            assert set(proj["pref_code"]) == bureau
    # the prefectures of 11 projects are not stated by any source: their rows are marked inferred
    inferred_ids = sorted(m.loc[inferred, "site_id"].unique())
    assert inferred_ids == ["M03", *[f"M{i:02d}" for i in range(7, 13)], "M14", "M15", "M16"]
    stated_ids = ["M01", "M02", "M04", "M05", "M06", "M13", "M17"]
    assert sorted(m.loc[stated, "site_id"].unique()) == stated_ids
    assert not ((m["site_id"].isin(["M07", "M08"])) & m["pref_code"].isin(["16", "17"])).any()
    gap = [x for x in m.attrs["missing"] if x.get("site_ids")]
    assert len(gap) == 1 and gap[0]["site_ids"] == inferred_ids
    assert {x["site_id"] for x in m.attrs["missing"] if "16" in x["what"]} == {"M07", "M08"}
    assert "inferred: bureau jurisdiction" in m.attrs["definitions"]["prefecture_basis"]
    # M10 has no project name in any source: the name is missing, the list's text is in note
    m10 = m[m["site_id"] == "M10"]
    assert m10["name"].isna().all()
    placeholder = "NOT FOUND as a project name; promotion body: ネオクラスター"
    assert m10["note"].str.contains(placeholder).all()
    assert m["name"].isna().sum() == len(m10)
    gaps = m.attrs["missing"]
    assert any(x.get("site_id") == "M10" and x["what"] == "project name" for x in gaps)
    not_found = [x for x in m.attrs["missing"] if x["reason"].startswith("NOT FOUND")]
    assert len(not_found) == 2  # Chubu 3/3 and Kinki 3/3
    assert set(m["year"]) == {2006, 2007}


def test_mext_clusters() -> None:
    k = jregion.load_sites("mext_clusters")
    phase2 = k[k["phase"] == "II"]
    assert phase2["site_id"].nunique() == 9  # phase II is complete (MEXT releases)
    kobe = k[k["name"] == "神戸地域"]
    assert kobe["pref_code"].tolist() == ["28"] and kobe["year"].tolist() == [2002]
    kansai = phase2[phase2["name"] == "関西広域地域"]
    assert sorted(kansai["pref_code"]) == ["27", "28"]
    assert k.loc[k["name"].str.startswith("京都およびけいはんな"), "cluster"].isna().all()


def test_tsukuba(pref_table: pd.DataFrame) -> None:
    s = jregion.load_sites("tsukuba")
    assert len(s) == 1
    row = s.iloc[0]
    assert row["pref_code"] == "08" and row["year"] == 1963 and row["municipality_code"] == "08220"
    # the cabinet agreement of 昭和38年9月; the study's 1964 is noted, not shipped
    assert "昭和38年9月" in row["year_basis"] and "1964" in row["year_basis"]
    assert "archives.go.jp/owning/monthly/1312" in row["sources"]
    assert "hpaa197201" in row["sources"]
    tokyo = gpd.GeoSeries.from_xy(
        [pref_table.loc["13", "office_lon"]], [pref_table.loc["13", "office_lat"]], crs=4326
    )
    dist_km = (
        s.to_crs(jregion.EQUAL_AREA_CRS)
        .distance(tokyo.to_crs(jregion.EQUAL_AREA_CRS).iloc[0])
        .iloc[0]
        / 1000
    )
    assert 50 < dist_km < 70  # "about 60 km north-east of Tokyo"
    assert (
        row.geometry.x > pref_table.loc["13", "office_lon"]
        and row.geometry.y > pref_table.loc["13", "office_lat"]
    )


@pytest.mark.parametrize("program", PROGRAMS)
def test_years_are_written_as_integers(program: SiteProgram) -> None:
    # the CSV holds "2003", never "2003.0"; a missing year is a blank cell
    raw = pd.read_csv(path_of(f"sites_{program}"), dtype=str, keep_default_na=False)
    assert raw["year"].map(lambda v: v == "" or re.fullmatch(r"[0-9]{4}", v) is not None).all()
    assert str(jregion.load_sites(program)["year"].dtype) == "Int64"
    # no stray "nan" text from a missing cell of the shared lists
    for col in raw.columns:
        assert not raw[col].str.contains(r"(?:^|[ ;])nan$").any(), col


def test_unknown_programme() -> None:
    with pytest.raises(
        ValueError, match="unknown programme 'kohsetsushi'; choose one of universities"
    ):
        jregion.load_sites("kohsetsushi")  # type: ignore[arg-type]


def test_universities_with_sourced_campus_coordinates(pref_table: pd.DataFrame) -> None:
    """Four universities stand at their campus (Wikipedia infobox coordinates, URL in the row).

    Osaka's infobox point (34.81917, 135.52667, the Suita campus) is not used: it lies in 吹田市,
    while the imperial university was at Nakanoshima, 大阪市 (see the U08 missing entry).
    """
    u = jregion.load_sites("universities")
    campus = u[u["location_basis"].str.startswith("campus")]
    assert sorted(campus["site_id"]) == ["U01", "U02", "U05", "U09"]
    osaka = u[u["site_id"] == "U08"].iloc[0]
    assert osaka["location_basis"].startswith("proxy")
    assert osaka.geometry.y == pytest.approx(pref_table.loc["27", "office_lat"])
    # each campus point lies in the row's city (the prefectural seat; Tokyo: the 23 wards)
    munis = jregion.load_municipalities()
    hit = gpd.sjoin(campus, munis[["name_ja", "kind", "geometry"]], predicate="within")
    assert sorted(hit["site_id"]) == sorted(campus["site_id"])
    for _, r in hit.iterrows():
        seat = pref_table.loc[r["pref_code"], "capital_ja"]
        assert r["name_ja"] == seat or (r["pref_code"] == "13" and r["kind"] == "special_ward")
    assert campus["location_basis"].str.contains("https://").all()
    tokyo = campus[campus["site_id"] == "U01"].iloc[0]
    # University of Tokyo, Hongo: 35°42′48″N 139°45′44″E (the article's infobox)
    assert tokyo.geometry.y == pytest.approx(35 + 42 / 60 + 48 / 3600, abs=1e-4)
    assert tokyo.geometry.x == pytest.approx(139 + 45 / 60 + 44 / 3600, abs=1e-4)
    assert tokyo.geometry.y != pytest.approx(pref_table.loc["13", "office_lat"])
    # every other institution in present-day Japan is at the office proxy, and declared
    inside = u[~u["outside_present_day_japan"].astype(bool)]
    proxies = inside[~inside["site_id"].isin(campus["site_id"])]
    assert proxies["location_basis"].str.startswith("proxy").all()
    gap = next(m for m in u.attrs["missing"] if "site_id" not in m and "campus" in str(m["what"]))
    assert all(sid in gap["what"] for sid in proxies["site_id"])
