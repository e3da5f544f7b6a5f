"""The analyst dashboard's building blocks: read-only DB access, the query module, filters, charts, downloads.

Pages (``pages/*.py``) stay thin: read the filters, call ``dashboard.queries``,
pass the frame to a pure builder in ``dashboard.charts``, show it with
``dashboard.downloads.download_buttons``.
"""
