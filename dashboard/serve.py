"""`python -m dashboard.serve [streamlit options]`: `streamlit run app.py` that warms itself before the first visitor.

Why: Streamlit runs app.py per session, so nothing of the app runs when the server starts; the first visitor
after a restart paid the imports, the database's opening and every query of the page (1-3 s at 100k reports,
docs/benchmarks.md). This starts a thread that waits for Streamlit's runtime and then runs
dashboard/warmup.py (every page opened once as soon as the server answers), and hands over to Streamlit's own
command line unchanged: every option of ``streamlit run`` works here (``--server.port 8502``,
``--server.address 0.0.0.0`` ...). Plain ``streamlit run app.py`` still works, only without the warm-up.
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Sequence
from pathlib import Path

from streamlit import runtime
from streamlit.logger import get_logger
from streamlit.web import cli

APP = Path(__file__).resolve().parents[1] / "app.py"
RUNTIME_SECONDS = 120.0  # how long the thread waits for Streamlit's runtime to exist
LOG = get_logger(__name__)


def warm_when_running(limit: float = RUNTIME_SECONDS) -> None:
    """Wait for Streamlit's runtime, then warm every page (dashboard/warmup.py); failures are logged only."""
    deadline = time.monotonic() + limit
    while not runtime.exists():
        if time.monotonic() > deadline:
            LOG.warning("warm-up: Streamlit's runtime did not start within %.0f s; nothing warmed", limit)
            return
        time.sleep(0.05)
    # Imported only now (tests/test_import_rules.py, LAZY): the dashboard's st.cache_data functions must be
    # defined once the runtime exists, or their cache is made apart from the runtime's; and the server
    # starts listening without waiting for pandas, DuckDB and plotly to load.
    from dashboard import warmup

    warmup.run_logged()


def main(argv: Sequence[str] | None = None) -> None:
    """Start the warm-up thread, then ``streamlit run app.py *argv`` in this process (exits when it stops)."""
    args = list(sys.argv[1:] if argv is None else argv)
    threading.Thread(target=warm_when_running, name="dashboard-warmup", daemon=True).start()
    cli.main(args=["run", str(APP), *args], prog_name="streamlit")


if __name__ == "__main__":
    main()
