"""The manifest's statements about data are checked against the data, so its text cannot go stale.

The atlas prints the manifest (MISSING.md, SOURCES.md, record.json); a figure quoted there must be
the figure the bundled files give.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pytest

import jregion


def _missing_texts(name: str) -> list[str]:
    items = jregion.dataset_info(name).get("missing") or ()
    return [
        " ".join(str(v) for v in dict(i).values()) if hasattr(i, "items") else str(i) for i in items
    ]


def _shipped_years(name: str) -> set[int]:
    return set(int(y) for y in jregion.load_indicator(name).index.get_level_values("year"))


def test_no_missing_entry_calls_a_shipped_table_not_shipped() -> None:
    names = set(jregion.list_datasets().index)
    for name in names:
        for text in _missing_texts(name):
            if "not shipped" in text:
                mentioned = {n for n in names if "_" in n and re.search(rf"\b{n}\b", text)}
                assert not mentioned, (name, text)
    # the JSIC middle-group years that ship are not listed as missing by the census entry
    shipped = (
        _shipped_years("manufacturing_jsic_4plus")
        | _shipped_years("manufacturing_jsic_2014")
        | _shipped_years("manufacturing_jsic")
    )
    for text in _missing_texts("manufacturing_census"):
        if "JSIC" in text:
            what = text.split(" no copy")[0]
            listed = {int(y) for y in re.findall(r"\b(20\d\d)\b", what)}
            assert listed <= {2005, 2014}, text  # "2005 and every year before 2014"
            assert not listed & shipped - {2014} or "before 2014" in what


def test_national_check_quotes_the_census_totals() -> None:
    text = jregion.dataset_info("manufacturing_jsic")["definitions"]["national_check"]
    census = jregion.load_indicator("manufacturing")["shipments_myen"].unstack("year").sum()
    quoted = re.findall(r"shipments ([\d.]+)% of ([\d,]+)", text)
    assert len(quoted) == 2
    thirty = jregion.load_indicator("manufacturing_jsic")["shipments_myen"]
    for (pct, total), year in zip(quoted, (2016, 2017), strict=True):
        assert int(total.replace(",", "")) == int(census[year])
        published = thirty.xs(year, level="year").sum()
        share = 100 * float(published) / float(census[year])
        assert round(share, 1) == float(pct), (year, pct, share)


def test_30plus_entry_does_not_call_the_2014_table_a_30plus_table() -> None:
    info14 = jregion.dataset_info("manufacturing_jsic_2014")
    assert "4 or more" in info14["definitions"]["threshold"]
    for text in _missing_texts("manufacturing_jsic"):
        if "2014" in text and "manufacturing_jsic_2014" in text:
            assert "4 or more" in text and "no table of establishments with 30" in text


def test_tsukuba_sources_are_cited_in_the_manifest() -> None:
    info = jregion.dataset_info("sites_tsukuba")
    sites = jregion.load_sites("tsukuba")
    urls = set(re.findall(r"https?://[^\s|;,)]+", " ".join(sites["sources"].astype(str))))
    urls |= set(re.findall(r"https?://[^\s|;,)]+", " ".join(sites["year_basis"].astype(str))))
    assert urls
    for url in urls:
        assert url in info["source_table"], url


def test_mext_rows_without_names_are_treated_alike() -> None:
    sites = pd.DataFrame(jregion.load_sites("mext_clusters").drop(columns="geometry"))
    missing = jregion.dataset_info("sites_mext_clusters")["missing"]
    # a gap that names a site id refers to a shipped row
    for item in missing:
        if "site_id" in item:
            assert item["site_id"] in set(sites["site_id"])
    # no row whose prefecture a source states is left out just because its name is cut off
    assert not [
        i
        for i in missing
        if "truncated" in str(i.get("what"))
        and "site_id" not in i
        and "cluster name" not in str(i.get("what"))
    ]
    # a development-type (発展型) row carries the development-type start year
    dev = sites[sites["name"].fillna("").str.contains("発展型")]
    for row in dev.itertuples():
        start = re.search(r"発展型 FY(\d{4})", str(row.year_basis))
        assert start is not None and int(row.year) == int(start.group(1))


@pytest.mark.parametrize("name", ["sites_universities"])
def test_proxy_coordinates_are_flagged_in_data_and_manifest(name: str) -> None:
    sites = jregion.load_sites("universities")
    inside = sites[~sites["outside_present_day_japan"].astype(bool)]
    proxy = inside["location_basis"].str.startswith("proxy")
    texts = " ".join(_missing_texts(name))
    if proxy.any():
        assert "coordinates" in texts and "office" in texts


def test_municipal_manufacturing_gap_counts_the_excluded_areas(shared_dir: Path) -> None:
    """The copy's 2014 municipal table dropped the national row, Tokyo's wards and the 20 cities."""
    validation = json.loads(
        (
            shared_dir
            / "census-manufacturing-jsic"
            / "metadata"
            / "validation_2014_tablemuni3-01.json"
        ).read_text(encoding="utf-8")
    )
    excluded = set(validation["excluded_area_items"])
    table = jregion.municipality_table()
    designated = set(table.loc[table["kind"] == "designated_city", "name_ja"])
    assert excluded == designated | {"全国", "特別区部"}
    text = next(t for t in _missing_texts("municipalities") if "manufacturing by" in t)
    n_sub = len(excluded - {"全国"})
    assert f"its {n_sub} sub-prefecture areas" in text
    assert f"the {len(designated)} designated cities" in text
    assert f"{len(excluded)} items" in text
