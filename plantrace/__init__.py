"""plantrace: goals, indicators, tables and political assignments from Swedish municipal plans and reports."""

from plantrace.version import __version__  # noqa: F401

# `plantrace.extract(path)` extracts one document into a `plantrace.schema.Document`; the extract package is
# callable so that the function and the package can share the name.
from plantrace import extract  # noqa: E402


def ingest(paths, db="plantrace.duckdb", progress=False, workers=0, dask=None, **options):
    """Identify, extract and store documents (files or folders) in a DuckDB file; returns an `IngestReport`.

    `workers=N` extracts in N processes (None: one per core; 0, the default: in this process), `dask="local"`
    or a scheduler address on a Dask cluster; see `plantrace.corpus.ingest.ingest` for the other options.
    """
    from plantrace.corpus.ingest import ingest as _ingest

    return _ingest(paths, db=db, progress=progress, workers=workers, dask=dask, **options)


def to_dataframe(documents, kind="goals"):
    """Items of one kind from one or more `Document`s as a pandas DataFrame (one row per item, with its source)."""
    import pandas as pd

    from plantrace.schema import ITEM_KINDS, Document

    if kind not in ITEM_KINDS:
        raise ValueError(f"unknown item kind {kind!r} (one of {', '.join(ITEM_KINDS)})")
    if isinstance(documents, Document):
        documents = [documents]
    rows = []
    for doc in documents:
        for item in getattr(doc, kind):
            row = item.model_dump(mode="json")
            row["document"] = doc.source
            rows.append(row)
    columns = [*ITEM_KINDS[kind].model_fields, "document"]  # the same columns when there are no items
    return pd.DataFrame.from_records(rows, columns=columns)


def normalise_status(text):
    """Free-text or symbolic follow-up status → (done|partial|not_done|ongoing|cancelled|unknown, evidence)."""
    from plantrace.nlp_models.status import normalise_status as _normalise

    return _normalise(text)


def __getattr__(name):
    # `plantrace.align(db)` without importing the align stage (numpy, DuckDB) for every `import plantrace`
    if name == "align":
        import importlib

        return importlib.import_module("plantrace.align")
    raise AttributeError(f"module 'plantrace' has no attribute {name!r}")


def open(db="plantrace.duckdb"):  # noqa: A001 - the API's name for opening a store, as sqlite_utils.Database
    """A store opened for the reports: `plantrace.open(db).report("unreported")["audit"]` → DataFrame."""
    from plantrace.reports.api import Corpus

    return Corpus(db)
