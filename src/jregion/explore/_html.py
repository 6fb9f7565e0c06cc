"""Write a Folium map to an HTML file, with CDN links or with every asset inlined."""

from __future__ import annotations

import base64
import os
import re
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from jregion._optional import import_optional
from jregion.errors import UnvendoredAssetError

__all__ = [
    "LEAFLET_CSS_CDN",
    "LEAFLET_JS_CDN",
    "LEAFLET_VERSION",
    "UnvendoredAssetError",
    "save_html",
]

#: Version of the Leaflet files vendored in ``jregion/_assets/leaflet`` (npm ``leaflet``).
LEAFLET_VERSION = "1.9.4"
LEAFLET_JS_CDN = f"https://cdn.jsdelivr.net/npm/leaflet@{LEAFLET_VERSION}/dist/leaflet.js"
LEAFLET_CSS_CDN = f"https://cdn.jsdelivr.net/npm/leaflet@{LEAFLET_VERSION}/dist/leaflet.css"

# Folium writes exactly these two tag forms for its resources (branca JavascriptLink / CssLink).
_SCRIPT_TAG = re.compile(r'<script src="(?P<url>[^"]+)"></script>')
_CSS_TAG = re.compile(r'<link rel="stylesheet" href="(?P<url>[^"]+)"/>')
# Any remaining reference to a remote resource in an attribute.
_REMOTE_ATTR = re.compile(r'(?:src|href)\s*=\s*["\']?(?P<url>(?:https?:)?//[^"\'\s>]+)', re.I)
_SOURCE_MAP = re.compile(r"\n?//# sourceMappingURL=\S+\s*$")
_CSS_URL = re.compile(r"url\((?P<q>['\"]?)images/(?P<file>[\w.-]+\.png)(?P=q)\)")


def _asset(*parts: str) -> bytes:
    return resources.files("jregion").joinpath("_assets", *parts).read_bytes()


def _leaflet_js() -> str:
    js = _asset("leaflet", "leaflet.js").decode("utf-8")
    # The source map is not shipped; without the comment no tool asks for it.
    js = _SOURCE_MAP.sub("\n", js)
    # An inline script must not contain "</script"; Leaflet does not, but be certain.
    return js.replace("</script", "<\\/script")


def _leaflet_css() -> str:
    css = _asset("leaflet", "leaflet.css").decode("utf-8")

    def data_uri(match: re.Match[str]) -> str:
        png = base64.b64encode(_asset("leaflet", "images", match["file"])).decode("ascii")
        return f"url(data:image/png;base64,{png})"

    return _CSS_URL.sub(data_uri, css).replace("</style", "<\\/style")


def _vendored() -> dict[str, tuple[str, Any]]:
    """URL -> (tag kind, loader) for every resource jregion can inline."""
    return {LEAFLET_JS_CDN: ("script", _leaflet_js), LEAFLET_CSS_CDN: ("style", _leaflet_css)}


def _inline(page: str) -> str:
    vendored = _vendored()
    unknown: set[str] = set()
    used: list[tuple[str, str]] = []

    def mark(match: re.Match[str], kind: str) -> str:
        url = match["url"]
        if url not in vendored or vendored[url][0] != kind:
            unknown.add(url)
            return match[0]
        used.append((kind, url))
        return f"\x00jregion-asset-{len(used) - 1}\x00"

    page = _SCRIPT_TAG.sub(lambda mt: mark(mt, "script"), page)
    page = _CSS_TAG.sub(lambda mt: mark(mt, "style"), page)
    # Checked before the assets go in: Leaflet's own code mentions URLs it never loads.
    unknown.update(mt["url"] for mt in _REMOTE_ATTR.finditer(page))
    if unknown:
        raise UnvendoredAssetError(
            "the map loads web resources that jregion does not ship, so the file would need "
            f"the network: {', '.join(sorted(unknown))}. Save it with assets='cdn', or "
            "build the map with jregion.explore_* functions only (they use Leaflet alone)"
        )
    for i, (kind, url) in enumerate(used):
        page = page.replace(f"\x00jregion-asset-{i}\x00", f"<{kind}>{vendored[url][1]()}</{kind}>")
    return page


def _tile_layers(m: Any) -> list[tuple[str, Any]]:
    folium = import_optional("folium")
    return [
        (key, child) for key, child in m._children.items() if isinstance(child, folium.TileLayer)
    ]


def _stable_ids(root: Any, page: str) -> str:
    """Replace branca's random element ids (16 random bytes in hex) by their order in the tree.

    Every element gets a fresh random id, which Folium writes into the page as the names of
    its JavaScript variables and HTML elements, so two saves of the same map used to differ.
    Numbering the elements breadth-first from the root (as rendered, so elements that the
    render adds are included) makes the file depend on the map alone.
    """
    order: dict[str, str] = {}
    queue = [root]
    while queue:
        element = queue.pop(0)
        order.setdefault(element._id, f"{len(order):032x}")
        queue.extend(element._children.values())
    # one pass over the page (an alternation of every id made it quadratic in the elements)
    return re.sub(r"[0-9a-f]{32}", lambda match: order.get(match.group(0), match.group(0)), page)


def save_html(
    m: Any,
    path: str | os.PathLike[str],
    *,
    assets: Literal["cdn", "inline"] = "inline",
    tiles: Literal["auto", "keep", "drop"] = "auto",
) -> Path:
    """Write a map to a standalone HTML file.

    Parameters
    ----------
    m : folium.Map
        A map, typically from :func:`jregion.explore_choropleth`.
    path : str or os.PathLike
        File to write (UTF-8). Its folder must exist.
    assets : {"cdn", "inline"}, default "inline"
        ``"inline"`` (the default: a self-contained page that opens offline)
        embeds Leaflet's JavaScript and CSS (and the CSS images as ``data:``
        URIs) from the copy vendored in ``jregion/_assets``. ``"cdn"`` links
        Leaflet from jsDelivr, as Folium does (a smaller file that needs the
        network).
    tiles : {"auto", "keep", "drop"}, default "auto"
        Base tiles always need the network. ``"auto"`` keeps them with
        ``"cdn"`` and drops them with ``"inline"`` (the map then shows a plain
        background); ``"keep"`` and ``"drop"`` force either. The map object
        itself is left as it was.

    Returns
    -------
    pathlib.Path
        The path written.

    Raises
    ------
    TypeError
        If ``m`` is not a ``folium.Map``.
    ValueError
        For an unknown ``assets`` or ``tiles`` option.
    UnvendoredAssetError
        With ``"inline"``, if the map uses a web resource other than Leaflet
        (for example a Folium plugin or a default marker icon set); the message
        lists the URLs.

    Notes
    -----
    The file depends on the map alone: Folium's random element ids are replaced by their
    order in the map, so saving the same map, or the same map built again, gives the same
    bytes (diffable figures for a paper's repository).

    Examples
    --------
    >>> import tempfile, pathlib, jregion
    >>> m = jregion.explore_choropleth(jregion.load_prefectures(resolution="web").assign(
    ...     code=lambda d: d.index.astype(int)), "code", k=4)
    >>> out = save_html(m, pathlib.Path(tempfile.mkdtemp()) / "map.html", assets="inline")
    >>> text = out.read_text(encoding="utf-8")
    >>> "https://cdn.jsdelivr.net" in text, 't.version="1.9.4"' in text
    (False, True)
    """
    folium = import_optional("folium")
    if not isinstance(m, folium.Map):
        raise TypeError(f"m must be a folium.Map, got {type(m).__name__}")
    if assets not in ("cdn", "inline"):
        raise ValueError(f"assets must be 'cdn' or 'inline', got {assets!r}")
    if tiles not in ("auto", "keep", "drop"):
        raise ValueError(f"tiles must be 'auto', 'keep' or 'drop', got {tiles!r}")
    drop = tiles == "drop" or (tiles == "auto" and assets == "inline")
    root = m.get_root()
    # Rendering adds to the map (tiles dropped here) and to the page's header, body and
    # script (each render appends every layer's addTo line again): put all four back after,
    # so that the map is left as it was and saving it twice writes the same file.
    touched = [m, root.header, root.html, root.script]
    before = [dict(element._children) for element in touched]
    for key, _ in _tile_layers(m) if drop else []:
        del m._children[key]
    try:
        page = _stable_ids(root, root.render())
    finally:
        for element, children in zip(touched, before, strict=True):
            element._children.clear()
            element._children.update(children)
    if assets == "inline":
        page = _inline(page)
    out = Path(path)
    out.write_text(page, encoding="utf-8")
    return out
