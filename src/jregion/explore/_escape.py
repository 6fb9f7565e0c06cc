"""Escaping of data text for Folium maps.

Folium inserts popup and tooltip content as raw HTML (folium#1315, #1640), names
layers in the layer control through ``innerHTML``, and wraps some strings in
JavaScript template literals (backticks). Every text that comes from data goes
through :func:`escape_html` before it reaches a map; HTML built from escaped
pieces is put into scripts with :func:`js_literal`.
"""

from __future__ import annotations

import html
import json

__all__ = ["escape_html", "js_literal"]

# Beyond html.escape: the backtick closes a JavaScript template literal, "$" opens
# a ``${...}`` substitution in one, and a backslash starts an escape sequence there.
_EXTRA = str.maketrans({"`": "&#96;", "$": "&#36;", "\\": "&#92;"})

# JSON that is safe inside an inline <script>: no "</script>", no "<!--", and no
# line separators that older JavaScript engines treat as line ends.
_JS_UNSAFE = str.maketrans(
    {
        "<": "\\u003c",
        ">": "\\u003e",
        "&": "\\u0026",
        "'": "\\u0027",
        "\u2028": "\\u2028",
        "\u2029": "\\u2029",
    }
)


def escape_html(text: object) -> str:
    """Escape a value for use as text or attribute content in HTML.

    Escapes ``& < > " '`` like :func:`html.escape`, and also the backtick,
    ``$`` and the backslash, so the result is inert inside a JavaScript
    template literal too. The browser shows the original characters.

    Parameters
    ----------
    text : object
        Any value; it is converted with :class:`str` first.

    Returns
    -------
    str
        The escaped text.

    Examples
    --------
    >>> escape_html("<script>alert(1)</script> `${x}`")
    '&lt;script&gt;alert(1)&lt;/script&gt; &#96;&#36;{x}&#96;'
    """
    return html.escape(str(text), quote=True).translate(_EXTRA)


def js_literal(value: object) -> str:
    r"""Serialise a value as a JavaScript literal that is safe in an inline script.

    Parameters
    ----------
    value : object
        Anything :func:`json.dumps` accepts.

    Returns
    -------
    str
        Compact JSON text in which ``<``, ``>``, ``&``, ``'`` and the Unicode line
        separators are written as ``\uXXXX`` escapes.

    Examples
    --------
    >>> print(js_literal("</script><b>"))
    "\u003c/script\u003e\u003cb\u003e"
    """
    text = json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    return text.translate(_JS_UNSAFE)
