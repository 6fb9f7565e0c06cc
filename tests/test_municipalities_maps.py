"""Static and web maps at the municipal level, with prefecture outlines on top."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pytest

import jregion
from jregion.classification import class_colors, classify

sys.path.insert(0, str(Path(__file__).resolve().parent / "browser"))
from chromium import missing_requirements, offline_chromium


@pytest.fixture(scope="module")
def kanto() -> gpd.GeoDataFrame:
    """Tokyo and Kanagawa municipalities with their areas (km2, equal-area CRS)."""
    m = jregion.load_municipalities()
    m = m[m["pref_code"].isin(["13", "14"])].copy()
    m["area"] = m.to_crs(jregion.EQUAL_AREA_CRS).area / 1e6
    return m


@pytest.mark.slow
def test_plot_choropleth_draws_every_municipality_and_prefecture_borders() -> None:
    import matplotlib.pyplot as plt
    from matplotlib.collections import LineCollection, PathCollection
    from matplotlib.colors import to_rgba

    m = jregion.load_municipalities()
    m["area"] = m.to_crs(jregion.EQUAL_AREA_CRS).area / 1e6
    fig, ax = jregion.plot_choropleth(m, "area", k=4, regions="prefecture")
    plt.close(fig)
    fills = next(c for c in ax.collections if c.get_gid() == "fills")
    overlay = next(c for c in ax.collections if c.get_gid() == "region-overlay")
    assert isinstance(fills, PathCollection) and isinstance(overlay, LineCollection)
    # one path per municipality (remote Tokyo islands south of 29N are hidden, not dropped)
    assert len(fills.get_paths()) == len(m) == 1747
    # hairline edges for 1,747 units; outlines thinner than region borders but above the fills
    assert fills.get_linewidths()[0] < overlay.get_linewidths()[0]
    assert overlay.get_zorder() > fills.get_zorder()
    # the outlines are the prefecture borders: together about as long as the internal
    # borders of the bundled prefectures (measured in the map CRS)
    prefs = jregion.load_prefectures().to_crs(jregion.MAP_CRS)
    shared = sum(
        a.intersection(b).length
        for i, a in enumerate(prefs.geometry)
        for b in prefs.geometry[i + 1 :]
        if a.intersects(b)
    )
    drawn = sum(np.hypot(*np.diff(s, axis=0).T).sum() for s in overlay.get_segments())
    assert drawn == pytest.approx(shared, rel=0.02)
    # classes as classify makes them
    c = classify(m["area"], k=4)
    texts = [t.get_text() for t in ax.get_legend().get_texts()]
    assert texts == [f"{lab} ({n})" for lab, n in zip(c.legend_labels, c.counts, strict=True)]
    assert {tuple(np.round(f, 3)) for f in fills.get_facecolors()} == {
        tuple(np.round(to_rgba(h), 3)) for h in class_colors(4)
    }


def test_explore_choropleth_municipal_with_prefecture_outlines(kanto: gpd.GeoDataFrame) -> None:
    m = jregion.explore_choropleth(kanto, "area", units="km²", k=4, outlines="prefecture")
    html = m.get_root().render()
    assert "横浜市" in html and "Rank 1 of 95" in html  # 62 Tokyo + 33 Kanagawa units
    assert "Prefecture borders" in html
    assert html.count('"interactive":false') == 47  # one per prefecture outline
    with pytest.raises(ValueError, match="outlines must be 'prefecture' or None"):
        jregion.explore_choropleth(kanto, "area", outlines="city")  # type: ignore[arg-type]


@pytest.mark.browser
def test_outlines_do_not_block_municipal_tooltips(
    kanto: gpd.GeoDataFrame, tmp_path: Path
) -> None:
    missing = missing_requirements()
    if missing:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("browser test needs " + "; ".join(missing))
        pytest.skip("browser test needs " + "; ".join(missing))
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    m = jregion.explore_choropleth(kanto, "area", units="km²", k=4, outlines="prefecture")
    path = jregion.save_html(m, tmp_path / "kanto.html", assets="inline")
    # a point inside Machida (13209), which borders Kanagawa
    pt = kanto.geometry.loc["13209"].representative_point()
    with offline_chromium() as driver:
        driver.get(path.resolve().as_uri())
        WebDriverWait(driver, 20).until(
            lambda d: d.execute_script(
                "return document.querySelectorAll('.leaflet-overlay-pane path').length"
            )
            >= 95 + 47
        )
        state = driver.execute_script(
            """
            const paths = document.querySelectorAll('.leaflet-overlay-pane path');
            const map = Object.values(window).find(v => v instanceof L.Map);
            map.setView([arguments[0], arguments[1]], 12, {animate: false});
            return {
                all: paths.length,
                interactive: document.querySelectorAll(
                    '.leaflet-overlay-pane path.leaflet-interactive').length,
            };
            """,
            pt.y,
            pt.x,
        )
        element = driver.find_element(By.CSS_SELECTOR, ".folium-map")
        ActionChains(driver).move_to_element_with_offset(element, 5, 5).perform()
        ActionChains(driver).move_to_element(element).perform()
        script = """
            return Array.from(document.querySelectorAll('.leaflet-tooltip'), t => t.innerText)
                .find(text => text.includes('町田市')) || null;
        """
        WebDriverWait(driver, 10).until(lambda d: d.execute_script(script) is not None)
        tooltip: Any = driver.execute_script(script)
    assert state == {"all": 95 + 47, "interactive": 95}
    assert "町田市" in tooltip and "km²" in tooltip
