"""The saved map in a real browser: headless Chromium, network disabled.

Needs /usr/bin/chromium, /usr/bin/chromedriver (Debian chromium, chromium-driver) and
selenium; scripts/setup_browser.sh installs them. Skipped with the reason when they are
absent, except under CI=true, where their absence fails the test.

References: the values are GSI's published prefecture areas (data/reference/area_gsi.csv);
by area Hokkaido ranks 1st and Tokyo 45th of 47 (GSI 全国都道府県市区町村別面積調).
The expected fill colours come from jregion.classification.classify on the same values.
"""

from __future__ import annotations

import os
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

import jregion
from jregion.classification import class_colors, classify

sys.path.insert(0, str(Path(__file__).resolve().parent / "browser"))
from chromium import missing_requirements, offline_chromium

IN_CI = os.environ.get("CI", "").lower() == "true"

pytestmark = pytest.mark.browser

PAYLOAD = "<script>alert(1)</script> `${alert(2)}` <img src=x onerror=alert(3)>"


@pytest.fixture(scope="module")
def browser_ready() -> None:
    missing = missing_requirements()
    if missing:
        reason = "browser test needs " + "; ".join(missing) + " (run scripts/setup_browser.sh)"
        if IN_CI:
            pytest.fail(reason + " — CI=true, so this is an error, not a skip")
        pytest.skip(reason)


@pytest.fixture(scope="module")
def area_map(prefs_web: Any, gsi_area: pd.Series) -> Any:
    gdf = prefs_web.copy()
    gdf["area"] = gsi_area.reindex(gdf.index)
    gdf.loc["13", "name_en"] = PAYLOAD
    return gdf


@pytest.fixture(scope="module")
def saved(area_map: Any, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    import geopandas as gpd
    from shapely.geometry import Point

    m = jregion.explore_choropleth(area_map, "area", units="km²", k=5, label="Area")
    sites = gpd.GeoDataFrame(
        {"site": ["Tsukuba " + PAYLOAD]}, geometry=[Point(140.11, 36.08)], crs="EPSG:4326"
    )
    jregion.explore_points(sites, label="site", name="Science city", m=m)
    folder = tmp_path_factory.mktemp("browser")
    return {
        "inline": jregion.save_html(m, folder / "inline.html", assets="inline"),
        "cdn": jregion.save_html(m, folder / "cdn.html", assets="cdn"),
    }


def _open(driver: Any, path: Path, *, paths: int) -> None:
    from selenium.webdriver.support.ui import WebDriverWait

    driver.get(path.resolve().as_uri())
    if paths:
        WebDriverWait(driver, 15).until(
            lambda d: (
                d.execute_script(
                    "return document.querySelectorAll('.leaflet-overlay-pane path').length"
                )
                >= paths
            )
        )


def _hover(driver: Any, lat: float, lon: float, expect: str) -> str:
    """Centre the map on (lat, lon) at zoom 9, move the real mouse there, return the tooltip.

    Waits for a tooltip whose text contains ``expect`` (the prefecture's Japanese name).
    """
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    driver.execute_script(
        """
        const map = Object.values(window).find(v => v instanceof L.Map);
        map.setView([arguments[0], arguments[1]], 9, {animate: false});
        """,
        lat,
        lon,
    )
    WebDriverWait(driver, 10).until(
        lambda d: d.execute_script(
            """
            const map = Object.values(window).find(v => v instanceof L.Map);
            const c = map.getCenter();
            return map.getZoom() === 9 && Math.abs(c.lat - arguments[0]) < 1e-3
                && Math.abs(c.lng - arguments[1]) < 1e-3;
            """,
            lat,
            lon,
        )
    )
    element = driver.find_element(By.CSS_SELECTOR, ".folium-map")
    ActionChains(driver).move_to_element_with_offset(element, 5, 5).perform()
    ActionChains(driver).move_to_element(element).perform()
    script = """
        return Array.from(document.querySelectorAll('.leaflet-tooltip'), t => t.innerText)
            .find(text => text.includes(arguments[0])) || null;
    """
    WebDriverWait(driver, 10).until(lambda d: d.execute_script(script, expect) is not None)
    return str(driver.execute_script(script, expect))


def _inside(gdf: Any, code: str) -> tuple[float, float]:
    import shapely

    parts = shapely.get_parts(gdf.geometry.loc[code])
    largest = max(parts, key=lambda p: p.area)
    point = largest.representative_point()
    return point.y, point.x


def test_offline_map_renders_47_paths_with_classified_fills(
    browser_ready: None, saved: dict[str, Path], area_map: Any
) -> None:
    with offline_chromium() as driver:
        _open(driver, saved["inline"], paths=47)
        state = driver.execute_script(
            """
            const pane = document.querySelector('.leaflet-overlay-pane');
            return {
                version: L.version,
                paths: pane.querySelectorAll('path').length,
                fills: Array.from(pane.querySelectorAll('path'), p => p.getAttribute('fill')),
                remote: performance.getEntriesByType('resource').map(e => e.name)
                    .filter(n => !n.startsWith('data:') && !n.startsWith('file:')),
                legends: document.querySelectorAll('.jregion-legend').length,
                layers: Array.from(
                    document.querySelectorAll('.leaflet-control-layers-overlays label'),
                    l => l.innerText.trim()),
                errors: window.__jregion_errors,
            };
            """
        )
        # Unticking a layer in the layer control removes its legend with it.
        from selenium.webdriver.common.by import By

        boxes = driver.find_elements(By.CSS_SELECTOR, ".leaflet-control-layers-overlays input")
        boxes[1].click()
        after = driver.execute_script(
            "return [document.querySelectorAll('.jregion-legend').length,"
            " document.querySelectorAll('.leaflet-overlay-pane path').length]"
        )
    assert state["version"] == jregion.explore.LEAFLET_VERSION
    # 47 prefectures plus one circle marker (also an SVG path) for the site.
    assert state["paths"] == 48
    classes = classify(area_map["area"], k=5)
    colors = class_colors(classes.k)
    expected = Counter({colors[i]: n for i, n in enumerate(classes.counts)})
    expected["#1f4e9a"] += 1  # the site's marker
    assert Counter(state["fills"]) == expected
    assert state["remote"] == []
    assert state["errors"] == []
    assert state["legends"] == 2
    assert state["layers"] == ["Area", "Science city"]
    assert after == [1, 47]


def test_hover_shows_escaped_tooltip_and_no_script_runs(
    browser_ready: None, saved: dict[str, Path], area_map: Any
) -> None:
    with offline_chromium() as driver:
        _open(driver, saved["inline"], paths=47)
        tokyo = _hover(driver, *_inside(area_map, "13"), expect="東京都")
        hokkaido = _hover(driver, *_inside(area_map, "01"), expect="北海道")
        tooltip_nodes = driver.execute_script(
            "return document.querySelectorAll("
            "'.leaflet-tooltip script, .leaflet-tooltip img').length"
        )
        alerts = driver.execute_script("return window.__jregion_alerts")
        errors = driver.execute_script("return window.__jregion_errors")
        paths = driver.execute_script(
            "return document.querySelectorAll('.leaflet-overlay-pane path').length"
        )
    # The payload is shown as text, exactly as written, next to the real data.
    assert PAYLOAD in tokyo
    assert "東京都" in tokyo
    assert "Area: 2,194.1 km²" in tokyo
    assert "Rank 45 of 47" in tokyo
    assert "Hokkaido" in hokkaido and "北海道" in hokkaido
    assert "Area: 83,424.4 km²" in hokkaido
    assert "Rank 1 of 47" in hokkaido
    assert tooltip_nodes == 0
    assert alerts == []
    assert errors == []
    assert paths == 48


def test_cdn_file_does_not_render_offline(browser_ready: None, saved: dict[str, Path]) -> None:
    # Control: the same map with CDN links draws nothing here, so the network is really off
    # and the inline file renders because of what it embeds.
    with offline_chromium() as driver:
        _open(driver, saved["cdn"], paths=0)
        state = driver.execute_script(
            "return {leaflet: typeof L, paths: document.querySelectorAll('path').length}"
        )
    assert state == {"leaflet": "undefined", "paths": 0}
