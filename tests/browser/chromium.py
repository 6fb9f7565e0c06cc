"""Headless Chromium with the network disabled, driven by Selenium and chromium-driver.

Used by tests/test_explore_browser.py; also runnable by hand to look at a map::

    python tests/browser/chromium.py map.html screenshot.png

The network is cut three ways: every host name resolves to nothing
(``--host-resolver-rules``), every request goes to a closed proxy port, and the
DevTools network emulation is set to offline. Pages get a recorder for
``alert``/``confirm``/``prompt`` calls and for uncaught errors before any of
their own scripts run (``window.__jregion_alerts``, ``window.__jregion_errors``).
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

CHROMIUM = os.environ.get("JREGION_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("JREGION_CHROMEDRIVER", "/usr/bin/chromedriver")

FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--host-resolver-rules=MAP * ~NOTFOUND",
    "--proxy-server=127.0.0.1:9",
    "--proxy-bypass-list=<-loopback>",
    "--window-size=1100,900",
)

RECORDER = """
window.__jregion_alerts = [];
window.__jregion_errors = [];
for (const name of ["alert", "confirm", "prompt"]) {
    window[name] = function (message) {
        window.__jregion_alerts.push(name + ":" + String(message));
    };
}
window.addEventListener("error", function (e) { window.__jregion_errors.push(String(e.message)); });
"""


def missing_requirements() -> list[str]:
    """What is missing to run the browser test here (empty when all is present)."""
    missing = []
    if not (Path(CHROMIUM).is_file() and os.access(CHROMIUM, os.X_OK)):
        missing.append(f"Chromium at {CHROMIUM} (apt-get install chromium)")
    if not (Path(CHROMEDRIVER).is_file() and os.access(CHROMEDRIVER, os.X_OK)):
        missing.append(f"chromedriver at {CHROMEDRIVER} (apt-get install chromium-driver)")
    try:
        import selenium  # noqa: F401
    except ImportError:
        missing.append("the selenium package (pip install selenium)")
    return missing


@contextmanager
def offline_chromium() -> Iterator[Any]:
    """A Selenium driver for headless Chromium with no network; quits on exit."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="jregion-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (*FLAGS, f"--user-data-dir={profile}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    try:
        driver.execute_cdp_cmd("Network.enable", {})
        driver.execute_cdp_cmd(
            "Network.emulateNetworkConditions",
            {"offline": True, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1},
        )
        driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": RECORDER})
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def screenshot(html: Path, png: Path) -> int:
    """Open ``html`` offline, save a screenshot, return the number of SVG paths drawn."""
    import time

    with offline_chromium() as driver:
        driver.get(html.resolve().as_uri())
        time.sleep(1.0)
        driver.save_screenshot(str(png))
        return int(driver.execute_script("return document.querySelectorAll('path').length"))


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: python tests/browser/chromium.py MAP.html OUT.png")
    sys.exit(0 if screenshot(Path(sys.argv[1]), Path(sys.argv[2])) else 1)
