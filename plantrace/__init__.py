"""plantrace: goals, indicators, tables and political assignments from Swedish municipal plans and reports."""

__version__ = "0.1.0"


def extract(path, meta=None):
    """Extract one document (a path to a .txt/.md file, later PDF) into a `plantrace.schema.Document`."""
    from plantrace.extract import extract_file

    return extract_file(path, meta=meta)


def ingest(paths, db="plantrace.duckdb", progress=False):
    """Identify, extract and store documents (files or folders) in a DuckDB file; returns an `IngestReport`."""
    from plantrace.corpus.ingest import ingest as _ingest

    return _ingest(paths, db=db, progress=progress)
