"""Outside text (file names, report text, search words, messages) made literal for Streamlit's Markdown.

``st.markdown``, ``st.error``, ``st.warning``, ``st.info``, ``st.success``, ``st.caption`` and titles render
Markdown, and Streamlit's Markdown adds ``:red[...]`` colours, ``:material/...:`` icons and ``$...$`` maths.
A file name such as ``![x](http://evil/x.png).txt`` would make every browser that shows it fetch that
address. ``plain`` backslash-escapes every ASCII punctuation character (CommonMark shows an escaped one as
itself) and turns line breaks into spaces, so the text shows exactly as written, on one line.
"""

from __future__ import annotations

import re
import string

_PUNCTUATION = re.compile("([" + re.escape(string.punctuation) + "])")
_BREAKS = re.compile(r"[\r\n\t\f\v\u2028\u2029]+")


def plain(text: object) -> str:
    """``text`` as Markdown that renders as the same characters: ``"a_b*.txt"`` -> ``"a\\_b\\*\\.txt"``."""
    return _PUNCTUATION.sub(r"\\\1", _BREAKS.sub(" ", str(text)))
