"""Outside text (file names, report text, search words, messages) made literal for Streamlit's Markdown.

``st.markdown``, ``st.error``, ``st.warning``, ``st.info``, ``st.success``, ``st.caption`` and titles render
Markdown, and Streamlit's Markdown adds ``:red[...]`` colours, ``:material/...:`` icons and ``$...$`` maths.
A file name such as ``![x](http://evil/x.png).txt`` would make every browser that shows it fetch that
address. ``plain`` backslash-escapes the characters that make inline syntax (CommonMark shows an escaped one as
itself), a block marker at the start, and turns line breaks into spaces, so the text shows exactly as
written, on one line. Other punctuation (``.``, ``(``, ``-`` inside a name) is left alone: it is inert
without a ``[`` or at the start of a line, and names stay readable in tests and logs.
"""

from __future__ import annotations

import re

_INLINE = re.compile(r"([\\`*_\[\]{}<>~$:|])")  # links/images need [ ], icons and colours : , maths $
_BLOCK_START = re.compile(r"^(\s*\d*)([#>+=.)-])")  # heading, quote, list item ("-", "1."), setext underline
_BREAKS = re.compile(r"[\r\n\t\f\v\u2028\u2029]+")


def plain(text: object) -> str:
    """``text`` as Markdown that renders as the same characters: ``"![x](u).txt"`` -> ``"!\\[x\\](u).txt"``."""
    out = _INLINE.sub(r"\\\1", _BREAKS.sub(" ", str(text)))
    return _BLOCK_START.sub(lambda m: m.group(1) + "\\" + m.group(2), out, count=1)
