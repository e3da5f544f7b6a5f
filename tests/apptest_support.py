"""Running one page by itself in Streamlit's AppTest, for flows that click buttons (shared by the page tests).

Through app.py, AppTest re-creates Streamlit's PagesManager on every run, so each run starts in the legacy pages/
emulation and ``filters.current()`` reruns once to leave it: the rerun drops a button's one-shot click. A real
browser session leaves the emulation once, on its first run; so flows that click run ``pages/<page>.py`` alone.
"""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[1]


def page_alone(page: str, params: dict[str, str] | None = None, timeout: float = 120,
               check: bool = True) -> AppTest:
    """``pages/<page>.py`` run once with ``params`` in its URL; ``check``: no exception was raised."""
    at = AppTest.from_file(str(ROOT / "pages" / f"{page}.py"), default_timeout=timeout)
    for key, value in (params or {}).items():
        at.query_params[key] = value
    at.run()
    if check:
        assert not at.exception, [e.value for e in at.exception]
    return at


def button(at: AppTest, label: str):  # -> streamlit.testing.v1.element_tree.Button
    """The page's button with this label (StopIteration when there is none)."""
    return next(b for b in at.button if b.label == label)
