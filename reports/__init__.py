"""plantrace.reports: the comparisons users came for, read from the store (never from the documents).

`data.py` builds each report as named DataFrames, `formats.py` writes them (terminal, CSV, Excel, Parquet, JSON,
Markdown, HTML), `html.py` renders the offline HTML report, `api.py` is `plantrace.open(db)`.
"""
