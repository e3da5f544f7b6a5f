"""What the sessions' wording tables (tests/test_wordings_s*.py) assert of each case."""

from __future__ import annotations

from test_prose_wordings import figures


def assert_wording(text: str, expected: set, absent: set) -> None:
    """The figures a wording must give are all there, and none it must not give."""
    got = figures(text)
    assert expected <= got
    assert not absent & got
